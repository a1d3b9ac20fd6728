// Alice restarts her app while the server is stopped: the room's history shows from this
// computer's copy, the banner says the app is trying to reconnect, and what she sends queues
// until the server is back.
import { expect, test } from './fixtures/test'
import { banner, joinRoom, messageTexts, messages, send, signInAsGuest } from './fixtures/ui'

test('history shows from the local copy while the server is down, and sending queues', async ({
  startRedis,
  startServer,
  launchApp,
}) => {
  const redis = await startRedis()
  const server = await startServer({ redisUrl: redis.url })
  const alice = await launchApp()
  await signInAsGuest(alice.page, server.url, 'Alice')
  await joinRoom(alice.page, 'lobby')
  await send(alice.page, 'kept on this computer')
  await send(alice.page, 'also kept')
  await expect(messages(alice.page).filter({ hasText: 'Sending' })).toHaveCount(0)
  await alice.quit()
  await server.stop()

  const again = await launchApp({ dataDir: alice.dataDir })
  await expect.poll(() => messageTexts(again.page)).toEqual(['kept on this computer', 'also kept'])
  await expect(banner(again.page)).toContainText(/Reconnecting|offline|Connecting/)

  await send(again.page, 'written while the server is down')
  await expect(
    messages(again.page).filter({ hasText: 'written while the server is down' }),
  ).toContainText('Sending')

  await server.restart()
  await expect(banner(again.page)).toBeHidden()
  await expect(messages(again.page).filter({ hasText: 'Sending' })).toHaveCount(0)
  await expect
    .poll(() => messageTexts(again.page))
    .toEqual(['kept on this computer', 'also kept', 'written while the server is down'])
})
