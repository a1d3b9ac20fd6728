// Bob quits his app; Alice sends three messages; when Bob starts again they show once, in
// order, under a "New messages" line, and the badge counts them until he reads them.
import { expect, test } from './fixtures/test'
import { joinRoom, messageList, messages, send, signInAsGuest } from './fixtures/ui'

test('messages sent while the app was closed arrive once, in order, below the unread line', async ({
  startServer,
  launchApp,
}) => {
  const server = await startServer()
  const alice = await launchApp()
  const bob = await launchApp()
  await signInAsGuest(alice.page, server.url, 'Alice')
  await signInAsGuest(bob.page, server.url, 'Bob')
  await joinRoom(alice.page, 'lobby')
  await joinRoom(bob.page, 'lobby')
  await send(alice.page, 'See you later')
  await expect(messages(bob.page).filter({ hasText: 'See you later' })).toHaveCount(1)
  await expect.poll(async () => (await bob.desktop()).badge).toBe(0)
  await bob.quit()

  for (const text of ['first while away', 'second while away', 'third while away']) {
    await send(alice.page, text)
  }
  await expect(messages(alice.page).filter({ hasText: 'while away' })).toHaveCount(3)

  // Bob starts again, his window still in the background: signed in from what he saved.
  const bobAgain = await launchApp({ dataDir: bob.dataDir, focused: false })
  await expect.poll(async () => (await bobAgain.desktop()).badge).toBe(3)
  const rows = messageList(bobAgain.page).getByRole('listitem')
  await expect(rows.filter({ hasText: 'third while away' })).toHaveCount(1)
  const texts = await rows.allInnerTexts()
  const at = (needle: string) => texts.findIndex((t) => t.includes(needle))
  expect(texts.filter((t) => t.includes('while away'))).toHaveLength(3)
  expect(at('See you later')).toBeLessThan(at('New messages'))
  expect(at('New messages')).toBeLessThan(at('first while away'))
  expect(at('first while away')).toBeLessThan(at('second while away'))
  expect(at('second while away')).toBeLessThan(at('third while away'))
  expect((await bobAgain.desktop()).trayTooltip).toBe('Parley: 3 unread')

  // He brings the window forward: the messages are read and the badge clears.
  await bobAgain.setWindowFocused(true)
  await expect.poll(async () => (await bobAgain.desktop()).badge).toBe(0)
})
