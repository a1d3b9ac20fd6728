// A tutorial-style browser page, unchanged, chats through Parley in real Chromium: it
// never sees an event it does not know, gets pinged often enough to stay connected, and
// shows message text as text.
import { expect, test, type Page } from '@playwright/test'
import { TestClient } from '../server/testing/client'
import { startRedisServer, type RedisServer } from '../server/testing/redis-server'
import { startServerProcess, type ServerProcess } from '../server/testing/server-process'
import { serveFixtures } from './fixtures/static-server'

let server: ServerProcess
let pages: Awaited<ReturnType<typeof serveFixtures>>

test.beforeAll(async () => {
  // Half the 1000 ms tutorial pages need: a stall of the loaded test machine must not fire
  // the page's 1.5 s watchdog, which would say nothing about the server.
  server = await startServerProcess({ HEARTBEAT_INTERVAL_MS: '500', LOG_LEVEL: 'warn' })
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
  // Exactly once, and as text; not necessarily last: a reconnect of the page's own while it
  // warms up may print after it.
  await expect(alice.getByText('Bob: hi <b>Alice</b>', { exact: true })).toHaveCount(1)
  await expect(alice.locator('#lines b')).toHaveCount(0)

  // Three heartbeat intervals of a settled chat: the page's 1.5 s watchdog never fires. (While
  // a cold Chromium loads the page, its first timer can fire before the first ping is read.)
  const settled = await alice.locator('#lines li').count()
  await alice.waitForTimeout(3500)
  await bob.close()
  await expect(alice.locator('#lines li').last()).toHaveText('Bob left')
  await expect(alice.locator('#num')).toHaveText('1 online')
  const lines = await alice.locator('#lines li').allTextContents()
  expect(lines.filter((l) => l.startsWith('unknown event'))).toEqual([])
  expect(lines.slice(settled).filter((l) => l === 'reconnecting')).toEqual([])
  await alice.close()
})

// Reconnecting (its own watchdog, or a reload) and a second tab of the same user must not
// print any message twice: the replay after a reconnect starts past what was delivered.
for (const store of ['memory', 'redis'] as const) {
  test.describe(`a tutorial page that reconnects, ${store} store`, () => {
    let redis: RedisServer | undefined
    let chat: ServerProcess

    test.beforeAll(async () => {
      redis = store === 'redis' ? await startRedisServer() : undefined
      chat = await startServerProcess({
        // Pings well inside the page's 1.5 s watchdog: a reconnect of its own that does not
        // wait for the old socket loses what was in flight (docs/protocol.md), not this test's
        // subject.
        HEARTBEAT_INTERVAL_MS: '500',
        LOG_LEVEL: 'warn',
        ...(redis ? { REDIS_URL: redis.url } : {}),
      })
    })
    test.afterAll(async () => {
      await chat.stop()
      await redis?.stop()
    })

    async function open(page: Page, uid: string, nick: string) {
      const params = new URLSearchParams({
        ws: chat.url,
        token: await chat.token(uid),
        room: 'r',
        nick,
      })
      await page.goto(`${pages.base}/tutorial-chat.html?${params}`)
      await expect(page.locator('#status')).toHaveText('online')
      await expect(page.locator('#lines li').last()).toHaveText(`${nick} joined`)
    }

    const said = async (page: Page) =>
      (await page.locator('#lines li').allTextContents()).filter((l) => l.startsWith('Bob: '))

    test('gets no message twice, through reconnects and in a second tab', async ({ browser }) => {
      const bob = await TestClient.connect(chat.url, { token: await chat.token('bob-' + store) })
      await bob.next('auth')
      bob.send({ event: 'enter', roomId: 'r', message: 'Bob' })
      await bob.next('synced')
      const tab = await browser.newPage()
      await open(tab, 'alice-' + store, 'Alice')
      const expected: string[] = []
      let n = 0
      const burst = (count: number) => {
        for (let i = 0; i < count; i++) {
          const text = `m${++n}`
          expected.push(`Bob: ${text}`)
          bob.send({ event: 'message', roomId: 'r', message: text })
        }
      }
      burst(3)
      await expect(tab.locator('#lines li', { hasText: `Bob: m${n}` })).toHaveCount(1)
      for (let round = 0; round < 3; round++) {
        // The page reconnects as its watchdog would, while Bob goes on sending. It waits
        // for the old socket to close: frames reaching a socket the page is closing are
        // dropped by the browser, though the server wrote them (docs/protocol.md). If the
        // page's own watchdog reconnected meanwhile, that one socket is kept: two open
        // sockets would each print every message.
        // (The page's `ws` and `connect` are its script's globals, reached by name.)
        await tab.evaluate(`new Promise((done) => {
          const old = ws
          old.onclose = () => {
            if (ws === old) connect()
            done()
          }
          old.close()
        })`)
        burst(5)
        await expect(tab.locator('#lines li', { hasText: `Bob: m${n}` })).toHaveCount(1)
        await expect.poll(() => said(tab)).toEqual(expected)
      }
      // A second tab right after a delivery starts past what the first tab got.
      const second = await browser.newPage()
      await open(second, 'alice-' + store, 'Alice')
      burst(1)
      await expect(second.locator('#lines li', { hasText: `Bob: m${n}` })).toHaveCount(1)
      expect(await said(second)).toEqual([`Bob: m${n}`])
      await expect.poll(() => said(tab)).toEqual(expected)
      bob.close()
      await Promise.all([tab.close(), second.close()])
    })
  })
}
