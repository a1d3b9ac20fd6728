// Two people sign in as guests on one server, join "lobby" and chat both ways; when one
// leaves, the other sees the notice and the online count drop.
import { expect, test } from './fixtures/test'
import {
  joinRoom,
  messages,
  onlineCount,
  roomEntry,
  send,
  signInAsGuest,
  messageList,
} from './fixtures/ui'

test('two guests chat in lobby, and one leaving shows on the other side', async ({
  startServer,
  launchApp,
  saveScreenshot,
}) => {
  const server = await startServer()
  const alice = await launchApp()
  const bob = await launchApp()
  await expect(alice.page.getByRole('heading', { name: 'Sign in to Parley' })).toBeVisible()
  await saveScreenshot(alice.page, 'sign-in')
  await signInAsGuest(alice.page, server.url, 'Alice')
  await signInAsGuest(bob.page, server.url, 'Bob')
  await joinRoom(alice.page, 'lobby')
  await joinRoom(bob.page, 'lobby')

  await expect(onlineCount(alice.page)).toHaveText('2 online')
  await expect(onlineCount(bob.page)).toHaveText('2 online')

  await send(alice.page, 'Hi Bob, are you there?')
  await expect(messages(bob.page).filter({ hasText: 'Hi Bob, are you there?' })).toHaveCount(1)
  await expect(messages(bob.page).last()).toContainText('Alice')

  await send(bob.page, 'Yes! Hello Alice.')
  await expect(messages(alice.page).filter({ hasText: 'Yes! Hello Alice.' })).toHaveCount(1)
  await expect(messages(alice.page).last()).toContainText('Bob')
  // Each side shows both messages, in the order they were sent, once.
  for (const page of [alice.page, bob.page]) {
    await expect(messages(page)).toHaveCount(2)
    await expect(messages(page).nth(0)).toContainText('Hi Bob, are you there?')
    await expect(messages(page).nth(1)).toContainText('Yes! Hello Alice.')
  }

  // Bob leaves the room from its menu, confirming.
  await bob.page.getByRole('button', { name: 'Room actions for lobby' }).click()
  await bob.page.getByRole('menuitem', { name: 'Leave room…' }).click()
  await bob.page.getByRole('alertdialog').getByRole('button', { name: 'Leave room' }).click()
  await expect(roomEntry(bob.page, 'lobby')).toHaveCount(0)

  await expect(messageList(alice.page)).toContainText('Bob left')
  await expect(onlineCount(alice.page)).toHaveText('1 online')
})
