// The Simplified Chinese UI: following a Chinese OS, or chosen in the settings, the sign-in,
// the room and the connection banner speak Chinese.
import { expect, test } from './fixtures/test'
import { banner, joinRoom, messages, signInAsGuest } from './fixtures/ui'

test('on a Chinese system the sign-in, the room and the banner are in Chinese', async ({
  startServer,
  launchApp,
  saveScreenshot,
}) => {
  const server = await startServer()
  const app = await launchApp({ osLanguages: ['zh-CN', 'en-US'] })
  const { page } = app
  await expect(page.getByRole('heading', { name: '登录 Parley' })).toBeVisible()
  await saveScreenshot(page, 'zh-CN-sign-in')

  await page.getByLabel('服务器地址').fill(server.url)
  await page.getByRole('button', { name: '继续' }).click()
  await page.getByLabel('显示名称').fill('小明')
  await page.getByRole('button', { name: '以访客身份加入' }).click()
  await page.getByRole('button', { name: '加入房间' }).click()
  const dialog = page.getByRole('dialog', { name: '加入房间' })
  await dialog.getByLabel('房间名称').fill('大厅')
  await dialog.getByRole('button', { name: '加入', exact: true }).click()

  await expect(page.getByRole('heading', { level: 1 })).toHaveText('大厅')
  await expect(page.getByText('1 人在线')).toBeVisible()
  await expect(page.getByText('这是「大厅」的开头。')).toBeVisible()
  const composer = page.getByRole('textbox', { name: '发送消息到「大厅」' })
  await composer.fill('大家好！')
  await composer.press('Enter')
  await expect(page.getByRole('list', { name: '「大厅」中的消息' })).toContainText('大家好！')

  await server.kill()
  await saveScreenshot(page, 'zh-CN-room-reconnecting', {
    locator: banner(page, '连接状态'),
    text: '连接已断开，正在重新连接…',
  })
  await server.restart()
  await expect(banner(page, '连接状态')).toBeHidden()
})

test('choosing 简体中文 in the settings switches the app and is kept', async ({
  startServer,
  launchApp,
}) => {
  const server = await startServer()
  const app = await launchApp()
  const { page } = app
  await signInAsGuest(page, server.url, 'Alice')
  await joinRoom(page, 'lobby')
  await expect(messages(page)).toHaveCount(0)

  await page.getByRole('button', { name: 'Settings' }).click()
  await page.getByRole('dialog', { name: 'Settings' }).getByLabel('Language').selectOption('zh-CN')
  await expect(page.getByRole('dialog', { name: '设置' })).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(page.getByRole('navigation', { name: '已加入的房间' })).toBeVisible()
  await expect(page.getByRole('textbox', { name: '发送消息到「lobby」' })).toBeVisible()
  await expect
    .poll(async () => (await app.desktop()).appliedSettings.at(-1)?.language)
    .toBe('zh-CN')
})
