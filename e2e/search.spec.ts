// Search reads the local copy: among thousands of messages it finds the few that match,
// shows them with the matched word marked, and opens the room at the chosen one, highlighted.
import { expect, test } from './fixtures/test'
import { SEED_SERVER_ENV, seedRoom, type SeedLine } from './fixtures/seed'
import { currentMessage, joinRoom, messages, roomHeading, signInAsGuest } from './fixtures/ui'

test('search finds a message among thousands and opens the room at it', async ({
  startServer,
  launchApp,
  saveScreenshot,
}) => {
  const server = await startServer({ env: SEED_SERVER_ENV })
  const alice = await launchApp()
  const { page } = alice
  await signInAsGuest(page, server.url, 'Alice')
  await joinRoom(page, 'archive')
  await joinRoom(page, 'lobby')

  const lines: SeedLine[] = Array.from({ length: 2000 }, (_, i) => ({
    uid: i % 3 === 0 ? 'carol' : 'dave',
    name: i % 3 === 0 ? 'Carol' : 'Dave',
    text: `Log entry ${i + 1}: tides, wind and the weather on the coast`,
  }))
  lines[400]!.text = 'Anyone seen the old lighthouse photos?'
  lines[1200]!.text = 'The lighthouse keeper left the spare key under the blue stone'
  lines[1800]!.text = 'Reminder: the lighthouse is closed on Sundays'
  await seedRoom(server, 'archive', lines)
  // All of them are on this computer once the badge counts them.
  await expect.poll(async () => (await alice.desktop()).badge, { timeout: 30_000 }).toBe(2000)

  await page.getByRole('button', { name: 'Search messages' }).click()
  const dialog = page.getByRole('dialog', { name: 'Search' })
  await dialog.getByRole('searchbox', { name: 'Search messages' }).fill('lighthouse')
  await expect(dialog.getByRole('status')).toHaveText('3 results')
  await expect(dialog.locator('mark')).toHaveText(['lighthouse', 'lighthouse', 'lighthouse'])
  await saveScreenshot(page, 'search-results')

  await dialog.getByRole('button', { name: /lighthouse keeper/ }).click()
  await expect(dialog).toBeHidden()
  await expect(roomHeading(page)).toHaveText('archive')
  const found = messages(page).filter({ hasText: 'The lighthouse keeper left the spare key' })
  await expect(found).toBeInViewport()
  await expect(found).toHaveAttribute('aria-current', 'true')
  await expect(currentMessage(page)).toHaveCount(1)
})
