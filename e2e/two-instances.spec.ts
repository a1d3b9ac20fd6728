// Two server instances share one Redis; Alice is on one and Bob on the other. They chat; the
// instance Alice uses is killed and comes back; nothing is lost or doubled on either side.
import { expect, test } from './fixtures/test'
import { banner, joinRoom, messageTexts, messages, send, signInAsGuest } from './fixtures/ui'

test('two instances on one Redis: a killed instance loses and doubles nothing', async ({
  startRedis,
  startServer,
  launchApp,
}) => {
  const redis = await startRedis()
  const first = await startServer({ redisUrl: redis.url })
  const second = await startServer({ redisUrl: redis.url })
  const alice = await launchApp()
  const bob = await launchApp()
  await signInAsGuest(alice.page, first.url, 'Alice')
  await signInAsGuest(bob.page, second.url, 'Bob')
  await joinRoom(alice.page, 'lobby')
  await joinRoom(bob.page, 'lobby')

  await send(alice.page, 'hello from the first instance')
  await expect(messages(bob.page).filter({ hasText: 'from the first' })).toHaveCount(1)
  await send(bob.page, 'hello from the second instance')
  await expect(messages(alice.page).filter({ hasText: 'from the second' })).toHaveCount(1)

  await first.kill()
  await expect(banner(alice.page)).toContainText('Reconnecting')
  await send(alice.page, 'alice while her instance is down')
  await send(bob.page, 'bob while alice is away')
  await expect(messages(alice.page).filter({ hasText: 'alice while' })).toContainText('Sending')
  // Bob's is stored (his instance is up) before Alice's can be: that fixes the room's order.
  await expect(messages(bob.page).filter({ hasText: 'bob while' })).toHaveCount(1)
  await expect(messages(bob.page).filter({ hasText: 'bob while' })).not.toContainText('Sending')

  await first.restart()
  await expect(banner(alice.page)).toBeHidden()
  const expected = [
    'hello from the first instance',
    'hello from the second instance',
    'bob while alice is away',
    'alice while her instance is down',
  ]
  for (const page of [alice.page, bob.page]) {
    await expect(messages(page).filter({ hasText: 'Sending' })).toHaveCount(0)
    await expect.poll(() => messageTexts(page)).toEqual(expected)
  }
})
