// A desktop notification for a message in another room; clicking it brings the window
// forward and opens that room at that message. The room on screen does not notify.
import { expect, test } from './fixtures/test'
import {
  currentMessage,
  joinRoom,
  messages,
  openRoom,
  roomHeading,
  send,
  signInAsGuest,
} from './fixtures/ui'

test('clicking a notification opens the room it is about, at its message', async ({
  startServer,
  launchApp,
}) => {
  const server = await startServer()
  const alice = await launchApp()
  const bob = await launchApp()
  await signInAsGuest(alice.page, server.url, 'Alice')
  await signInAsGuest(bob.page, server.url, 'Bob')
  await joinRoom(alice.page, 'random')
  await joinRoom(alice.page, 'lobby')
  await joinRoom(bob.page, 'random')
  await joinRoom(bob.page, 'lobby')

  // Alice is looking at lobby: Bob's message there is seen, not notified.
  await send(bob.page, 'hello in lobby')
  await expect(messages(alice.page).filter({ hasText: 'hello in lobby' })).toHaveCount(1)
  await openRoom(bob.page, 'random')
  await send(bob.page, 'Are you coming to the standup?')

  await expect.poll(async () => (await alice.desktop()).notifications.length).toBe(1)
  const [shown] = (await alice.desktop()).notifications
  expect(shown!.request).toMatchObject({
    roomId: 'random',
    title: 'Bob in random',
    body: 'Are you coming to the standup?',
  })
  await expect(roomHeading(alice.page)).toHaveText('lobby')

  await alice.clickNotification(0)
  await expect(roomHeading(alice.page)).toHaveText('random')
  const target = messages(alice.page).filter({ hasText: 'Are you coming to the standup?' })
  await expect(target).toBeInViewport()
  await expect(target).toHaveAttribute('aria-current', 'true')
  await expect(currentMessage(alice.page)).toHaveCount(1)
  expect((await alice.desktop()).windowShown).toBeGreaterThan(0)
})
