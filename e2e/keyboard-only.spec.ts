// Everything a person does most, without the mouse: sign in, join and switch rooms, send,
// search and open a result.
import type { Locator, Page } from '@playwright/test'
import { expect, test } from './fixtures/test'
import { composer, currentMessage, messages, roomHeading } from './fixtures/ui'

/** Presses Tab until the target has the focus, as a keyboard user would. */
async function tabTo(page: Page, target: Locator, maxPresses = 40): Promise<void> {
  for (let i = 0; i < maxPresses; i++) {
    if (await target.evaluate((el) => el === el.ownerDocument.activeElement)) return
    await page.keyboard.press('Tab')
  }
  await expect(target).toBeFocused()
}

async function joinByKeyboard(page: Page, roomId: string): Promise<void> {
  await tabTo(page, page.getByRole('button', { name: 'Join a room' }))
  await page.keyboard.press('Enter')
  await expect(
    page.getByRole('dialog', { name: 'Join a room' }).getByLabel('Room name'),
  ).toBeFocused()
  await page.keyboard.type(roomId)
  await page.keyboard.press('Enter')
  await expect(roomHeading(page)).toHaveText(roomId)
}

test('sign in, switch rooms, send and search with the keyboard alone', async ({
  startServer,
  launchApp,
}) => {
  const server = await startServer()
  const { page } = await launchApp()

  await expect(page.getByLabel('Server address')).toBeFocused()
  await page.keyboard.type(server.url)
  await page.keyboard.press('Enter')
  // The name field appears in place of the address field, with the focus.
  await expect(page.getByLabel('Display name')).toBeFocused()
  await page.keyboard.type('Kim')
  await page.keyboard.press('Enter')
  await expect(page.getByRole('navigation', { name: 'Joined rooms' })).toBeVisible()

  await joinByKeyboard(page, 'lobby')
  await joinByKeyboard(page, 'random')

  // The quick switcher, then Alt+Down to the next room.
  await page.keyboard.press('Control+K')
  await expect(page.getByRole('combobox', { name: 'Go to room' })).toBeFocused()
  await page.keyboard.type('lob')
  await page.keyboard.press('Enter')
  await expect(roomHeading(page)).toHaveText('lobby')

  await tabTo(page, composer(page))
  await page.keyboard.type('typed without a mouse')
  await page.keyboard.press('Enter')
  await expect(messages(page).filter({ hasText: 'typed without a mouse' })).toHaveCount(1)

  await page.keyboard.press('Alt+ArrowDown')
  await expect(roomHeading(page)).toHaveText('random')

  await page.keyboard.press('Control+Shift+F')
  const dialog = page.getByRole('dialog', { name: 'Search' })
  await expect(dialog.getByRole('searchbox', { name: 'Search messages' })).toBeFocused()
  await page.keyboard.type('mouse')
  await expect(dialog.getByRole('status')).toHaveText('1 result')
  await tabTo(page, dialog.getByRole('button', { name: /typed without a mouse/ }))
  await page.keyboard.press('Enter')
  await expect(dialog).toBeHidden()
  await expect(roomHeading(page)).toHaveText('lobby')
  await expect(currentMessage(page)).toContainText('typed without a mouse')
})
