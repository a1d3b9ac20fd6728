// The tray badge counts unread messages in the rooms that are not muted: it goes up as others
// write in rooms Alice is not looking at, ignores muted rooms, and clears when she reads.
import { expect, test } from './fixtures/test'
import { joinRoom, messages, openRoom, roomEntry, send, signInAsGuest } from './fixtures/ui'

test('the badge counts unread messages outside muted rooms and clears when they are read', async ({
  startServer,
  launchApp,
}) => {
  const server = await startServer()
  const alice = await launchApp()
  const bob = await launchApp()
  const badge = async () => (await alice.desktop()).badge
  await signInAsGuest(alice.page, server.url, 'Alice')
  await signInAsGuest(bob.page, server.url, 'Bob')
  for (const room of ['quiet', 'random', 'lobby']) {
    await joinRoom(alice.page, room)
    await joinRoom(bob.page, room)
  }
  // Alice mutes quiet and stays in lobby.
  await alice.page.getByRole('button', { name: 'Room actions for quiet' }).click()
  await alice.page.getByRole('menuitem', { name: 'Mute notifications' }).click()
  await expect(roomEntry(alice.page, 'quiet')).toHaveAccessibleName(/Muted/)

  await openRoom(bob.page, 'random')
  await send(bob.page, 'random one')
  await send(bob.page, 'random two')
  await expect.poll(badge).toBe(2)
  await expect(roomEntry(alice.page, 'random')).toHaveAccessibleName('random, 2 unread messages')

  await openRoom(bob.page, 'quiet')
  for (const text of ['quiet one', 'quiet two', 'quiet three']) await send(bob.page, text)
  await expect(roomEntry(alice.page, 'quiet')).toHaveAccessibleName(
    'quiet, 3 unread messages, Muted',
  )
  expect(await badge()).toBe(2)
  expect((await alice.desktop()).trayTooltip).toBe('Parley: 2 unread')

  await openRoom(alice.page, 'random')
  await expect(messages(alice.page).filter({ hasText: 'random two' })).toBeVisible()
  await expect.poll(badge).toBe(0)
  const desktop = await alice.desktop()
  expect(desktop.trayTooltip).toBe('Parley')
  expect(desktop.badgeHistory.at(-1)).toBe(0)
  expect(desktop.badgeHistory).not.toContain(5)
})
