// Message text is only ever text: HTML and javascript: links show as typed, nothing runs, and
// web links open only through the main process (in the system browser), never in the app.
import { expect, test } from './fixtures/test'
import { joinRoom, messageList, messages, send, signInAsGuest } from './fixtures/ui'

test('hostile message text shows as text and links open only outside the app', async ({
  startServer,
  launchApp,
}) => {
  const server = await startServer()
  const alice = await launchApp()
  const mallory = await launchApp()
  const dialogs: string[] = []
  alice.page.on('dialog', (dialog) => {
    dialogs.push(dialog.message())
    void dialog.dismiss()
  })
  await signInAsGuest(alice.page, server.url, 'Alice')
  await signInAsGuest(mallory.page, server.url, 'Mallory')
  await joinRoom(alice.page, 'lobby')
  await joinRoom(mallory.page, 'lobby')

  const hostile = [
    '<img src=x onerror=alert(1)>',
    'click [here](javascript:alert(2)) or javascript:alert(3)',
    '<a href="javascript:alert(4)">free stickers</a>',
    'the guide is at https://example.org/guide?step=2 for now',
  ]
  for (const text of hostile) await send(mallory.page, text)
  await expect(messages(alice.page)).toHaveCount(hostile.length)
  for (const text of hostile) {
    await expect(messages(alice.page).filter({ hasText: text })).toHaveCount(1)
  }
  const list = messageList(alice.page)
  await expect(list.locator('img')).toHaveCount(0)
  await expect(list.getByRole('link')).toHaveCount(1)
  await expect(list.getByRole('link', { name: /javascript|free stickers/ })).toHaveCount(0)

  const link = list.getByRole('link', { name: 'https://example.org/guide?step=2' })
  const before = alice.page.url()
  await link.click()
  await expect
    .poll(async () => (await alice.desktop()).openedExternal)
    .toEqual(['https://example.org/guide?step=2'])
  expect(alice.page.url()).toBe(before)
  expect(alice.page.context().pages()).toHaveLength(1)
  expect(dialogs).toEqual([])
})
