// A busy room as people see it, in the light and the dark theme: several people, runs of
// messages from one person grouped under one name, links, long lines.
import { expect, test } from './fixtures/test'
import { SEED_SERVER_ENV, seedRoom, type SeedLine } from './fixtures/seed'
import { joinRoom, messages, send, signInAsGuest } from './fixtures/ui'

const people = {
  carol: { uid: 'carol', name: 'Carol Danvers' },
  dave: { uid: 'dave', name: 'Dave' },
  erin: { uid: 'erin', name: 'Erin 李' },
}
const said = (who: keyof typeof people, text: string): SeedLine => ({ ...people[who], text })

const conversation: SeedLine[] = [
  said('carol', 'Morning all! Release notes draft is up: https://example.org/notes/0.9'),
  said('dave', 'Reading now'),
  said('dave', 'The section on offline sending reads well.'),
  said('dave', 'One nit: "queued" vs "pending", we use both.'),
  said('erin', '我觉得中文翻译也需要再看一遍。Will do it after lunch.'),
  said('carol', 'Good catch Dave, let us say "sending" everywhere, that is what the app shows.'),
  said(
    'erin',
    'Long one, sorry: the search box should keep its query when you close and reopen it, ' +
      'otherwise people who look something up twice in a row have to type it again, which ' +
      'is exactly what happened to me three times this morning while checking the notes.',
  ),
  said('dave', '+1'),
  said('carol', 'Agreed. Filed it.'),
]

test('a busy room in the light and the dark theme', async ({
  startServer,
  launchApp,
  saveScreenshot,
}) => {
  const server = await startServer({ env: SEED_SERVER_ENV })
  const alice = await launchApp()
  const { page } = alice
  await signInAsGuest(page, server.url, 'Alice')
  await joinRoom(page, 'design')
  await seedRoom(server, 'design', conversation)
  await send(page, 'Thanks everyone, shipping it on Friday.')

  await expect(messages(page)).toHaveCount(conversation.length + 1)
  // Dave's three in a row are one group: his name shows once for them.
  await expect(messages(page).filter({ hasText: 'Reading now' })).toContainText('Dave')
  await expect(messages(page).filter({ hasText: 'The section on offline' })).not.toContainText(
    'Dave',
  )
  await expect(page.getByRole('link', { name: 'https://example.org/notes/0.9' })).toBeVisible()
  await saveScreenshot(page, 'busy-room-light')

  await page.emulateMedia({ colorScheme: 'dark' })
  await expect(page.locator('body')).not.toHaveCSS('background-color', 'rgb(255, 255, 255)')
  await saveScreenshot(page, 'busy-room-dark')
})
