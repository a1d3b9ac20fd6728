// What the server refuses is said plainly, and the rest keeps working: a room the token does
// not allow, a message longer than the server takes, a token the server does not accept.
import { expect, test } from './fixtures/test'
import {
  composer,
  joinRoom,
  messages,
  openRoom,
  roomEntry,
  roomHeading,
  send,
  signInAsGuest,
  signInWithToken,
} from './fixtures/ui'

test('a room the token does not allow says so, and other rooms still work', async ({
  startServer,
  launchApp,
  saveScreenshot,
}) => {
  const server = await startServer()
  const alice = await launchApp()
  const { page } = alice
  const token = await server.token('alice', { name: 'Alice', rooms: ['lobby'] })
  await signInWithToken(page, server.url, token)
  await joinRoom(page, 'secret')
  await expect(
    page.getByRole('alert').filter({ hasText: 'You are not allowed in secret.' }),
  ).toBeVisible()
  // Marked in the sidebar; in the room a plain line and a way out replace the composer.
  await expect(roomEntry(page, 'secret')).toHaveAccessibleName('secret, not allowed')
  await expect(page.getByText('You are not allowed in this room.')).toBeVisible()
  await expect(composer(page)).toHaveCount(0)
  await saveScreenshot(page, 'error-room-forbidden')

  await joinRoom(page, 'lobby')
  await send(page, 'lobby still works')
  await openRoom(page, 'secret')
  await page.getByRole('button', { name: 'Leave room', exact: true }).click()
  await expect(roomEntry(page, 'secret')).toHaveCount(0)
  await expect(roomHeading(page)).toHaveText('lobby')
  await expect(messages(page).filter({ hasText: 'lobby still works' })).toHaveCount(1)
  await expect(messages(page).filter({ hasText: 'Sending' })).toHaveCount(0)
})

test('a message too long for the server says why, and is put back to edit instead of retried', async ({
  startServer,
  launchApp,
  saveScreenshot,
}) => {
  const server = await startServer({ env: { MAX_MESSAGE_CHARS: '100' } })
  const alice = await launchApp()
  const { page } = alice
  await signInAsGuest(page, server.url, 'Alice')
  await joinRoom(page, 'lobby')

  const long = 'This sentence keeps going. '.repeat(6).trim()
  await send(page, long)
  const failed = messages(page).filter({ hasText: long })
  await expect(failed).toContainText(
    `Not sent: too long for this server (${long.length} characters).`,
  )
  // Sending it again cannot succeed: no Retry, but Edit puts it back in the composer.
  await expect(failed.getByRole('button', { name: 'Retry' })).toHaveCount(0)
  await expect(failed.getByRole('button', { name: 'Discard' })).toBeVisible()
  await saveScreenshot(page, 'error-message-too-long')
  await failed.getByRole('button', { name: 'Edit' }).click()
  await expect(failed).toHaveCount(0)
  await expect(composer(page)).toHaveValue(long)
  await expect(composer(page)).toBeFocused()
  await composer(page).fill('')

  // Near the app's own limit the composer counts down, and past it refuses to send.
  await composer(page).fill('x'.repeat(4001))
  await expect(page.getByText('1 characters too many')).toBeVisible()
  await expect(page.getByRole('button', { name: 'Send' })).toBeDisabled()

  await send(page, 'a short one goes through')
  await expect(messages(page).filter({ hasText: 'a short one goes through' })).not.toContainText(
    /Sending|Not sent/,
  )
})

test('a token the server refuses on first sign-in keeps the sign-in screen and says so', async ({
  startServer,
  launchApp,
  saveScreenshot,
}) => {
  const server = await startServer()
  const alice = await launchApp()
  const { page } = alice
  const forged = await server.token('alice', { secret: 'not-the-server-secret-0123456789' })
  await signInWithToken(page, server.url, forged)
  await expect(page.getByRole('alert')).toHaveText(/The server refused this token\./)
  await expect(page.getByRole('heading', { name: 'Sign in to Parley' })).toBeVisible()
  await expect(page.getByRole('navigation', { name: 'Joined rooms' })).toHaveCount(0)
  await expect(page.getByText('no longer accepts')).toHaveCount(0)
  await saveScreenshot(page, 'error-token-refused')

  // A good token from the same screen goes through.
  await page.getByLabel('Access token').fill(await server.token('alice', { name: 'Alice' }))
  await page.getByRole('button', { name: 'Sign in', exact: true }).click()
  await expect(page.getByRole('navigation', { name: 'Joined rooms' })).toBeVisible()
})
