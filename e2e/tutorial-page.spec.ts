// A tutorial-style browser page (compat mode) and the desktop app (v1) share one room: each
// sees the other's messages, the online count covers both, and leaving shows on the app.
import { serveFixtures } from './fixtures/static-server'
import { expect, test } from './fixtures/test'
import { joinRoom, messageList, messages, onlineCount, send, signInAsGuest } from './fixtures/ui'

test('the tutorial page and the desktop app chat in the same room', async ({
  startServer,
  launchApp,
  browser,
}) => {
  const server = await startServer()
  const fixtures = await serveFixtures()
  try {
    const alice = await launchApp()
    await signInAsGuest(alice.page, server.url, 'Alice')
    await joinRoom(alice.page, 'lobby')

    const tutorial = await browser.newPage()
    const params = new URLSearchParams({
      ws: server.url,
      token: await server.token('carol', { name: 'Carol' }),
      room: 'lobby',
      nick: 'Carol',
    })
    await tutorial.goto(`${fixtures.base}/tutorial-chat.html?${params}`)
    await expect(tutorial.locator('#status')).toHaveText('online')
    await expect(onlineCount(alice.page)).toHaveText('2 online')

    await send(alice.page, 'Welcome, <Carol> & friends')
    await expect(
      tutorial.locator('#lines li').filter({ hasText: 'Alice: Welcome, <Carol> & friends' }),
    ).toHaveCount(1)
    await tutorial.fill('#text', 'Thanks! Writing from the tutorial page')
    await tutorial.click('#send')
    const fromCarol = messages(alice.page).filter({ hasText: 'Writing from the tutorial page' })
    await expect(fromCarol).toHaveCount(1)
    await expect(fromCarol).toContainText('Carol')

    await tutorial.close()
    await expect(messageList(alice.page)).toContainText('Carol left')
    await expect(onlineCount(alice.page)).toHaveText('1 online')
  } finally {
    await fixtures.close()
  }
})
