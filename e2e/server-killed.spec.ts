// The server dies mid-conversation: the banner says it is reconnecting, what Alice types
// meanwhile shows "Sending"; the server comes back on its Redis and every message is
// delivered once, in order, on both sides.
import { expect, test } from './fixtures/test'
import { banner, joinRoom, messageTexts, messages, send, signInAsGuest } from './fixtures/ui'

test('messages typed while the server is down are sent once, in order, when it is back', async ({
  startRedis,
  startServer,
  launchApp,
  saveScreenshot,
}) => {
  const redis = await startRedis()
  const server = await startServer({ redisUrl: redis.url })
  const alice = await launchApp()
  const bob = await launchApp()
  await signInAsGuest(alice.page, server.url, 'Alice')
  await signInAsGuest(bob.page, server.url, 'Bob')
  await joinRoom(alice.page, 'lobby')
  await joinRoom(bob.page, 'lobby')
  await send(alice.page, 'before the crash')
  await expect(messages(bob.page).filter({ hasText: 'before the crash' })).toHaveCount(1)

  await server.kill()
  await saveScreenshot(alice.page, 'reconnecting-banner', {
    locator: banner(alice.page),
    text: 'Connection lost. Reconnecting…',
  })
  // The online count is the last known one, not shown as live.
  await expect(alice.page.getByTitle('Last known count; not connected now')).toBeVisible()

  const typed = ['while down one', 'while down two', 'while down three']
  for (const text of typed) await send(alice.page, text)
  for (const text of typed) {
    await expect(messages(alice.page).filter({ hasText: text })).toContainText('Sending')
  }

  await server.restart()
  await expect(banner(alice.page)).toBeHidden()
  await expect(banner(bob.page)).toBeHidden()
  const expected = ['before the crash', ...typed]
  for (const page of [alice.page, bob.page]) {
    await expect(messages(page).filter({ hasText: 'while down three' })).toHaveCount(1)
    await expect(messages(page).filter({ hasText: 'Sending' })).toHaveCount(0)
    await expect.poll(() => messageTexts(page)).toEqual(expected)
  }
})
