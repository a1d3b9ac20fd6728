// A tutorial-style browser page, unchanged, chats through Parley in real Chromium: it
// never sees an event it does not know, gets pinged often enough to stay connected, and
// shows message text as text.
import { expect, test, type Page } from '@playwright/test'
import { startServerProcess, type ServerProcess } from '../server/testing/server-process'
import { serveFixtures } from './fixtures/static-server'

let server: ServerProcess
let pages: Awaited<ReturnType<typeof serveFixtures>>

test.beforeAll(async () => {
  server = await startServerProcess({ HEARTBEAT_INTERVAL_MS: '1000', LOG_LEVEL: 'warn' })
  pages = await serveFixtures()
})
test.afterAll(async () => {
  await pages.close()
  await server.stop()
})

async function openChat(page: Page, uid: string, nick: string) {
  const params = new URLSearchParams({
    ws: server.url,
    token: await server.token(uid),
    room: '1',
    nick,
  })
  await page.goto(`${pages.base}/tutorial-chat.html?${params}`)
  await expect(page.locator('#status')).toHaveText('online')
}

test('two tutorial pages chat through Parley in compat mode', async ({ browser }) => {
  const alice = await browser.newPage()
  const bob = await browser.newPage()
  await openChat(alice, 'alice', 'Alice')
  await openChat(bob, 'bob', 'Bob')
  await expect(alice.locator('#lines')).toContainText('Bob joined')
  await expect(alice.locator('#num')).toHaveText('2 online')

  await bob.fill('#text', 'hi <b>Alice</b>')
  await bob.click('#send')
  await expect(alice.locator('#lines li').last()).toHaveText('Bob: hi <b>Alice</b>')
  await expect(alice.locator('#lines b')).toHaveCount(0)

  // Three heartbeat intervals: the page's 1.5 s watchdog never fires.
  await alice.waitForTimeout(3500)
  await bob.close()
  await expect(alice.locator('#lines li').last()).toHaveText('Bob left')
  await expect(alice.locator('#num')).toHaveText('1 online')
  const lines = await alice.locator('#lines li').allTextContents()
  expect(lines.filter((l) => l.startsWith('unknown event') || l === 'reconnecting')).toEqual([])
})
