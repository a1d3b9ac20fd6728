// `npm run bench:ui`: the renderer's figures in Chromium, over a real desktop core whose SQLite
// file holds 100,000 messages in one room and 200 rooms in all. Switching rooms, scrolling
// back, an incoming burst and the JS heap; printed as a table, screenshots in bench/results/ui.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'
import { DesktopRecorder } from '../../e2e/fixtures/desktop-recorder'
import { createParleyCore } from '../../src/main/core'
import { Channels } from '../../src/shared/bridge'
import { createDesktopService } from '../../src/main/desktop/desktop-service'
import { errorInfo } from '../../src/main/desktop/errors'
import { messages } from '../client/dataset'
import {
  roomShown,
  scrollBack,
  sidebarRooms,
  switchRoom,
  whenPainted,
  type ScrollResult,
} from './probes'
import { BIG_ROOM, BIG_ROOM_SIZE, seedAccount, smallRoom } from './seed'
import { installSocketBridge, serveWithSocketBridge } from './socket-bridge'
import { startStandInServer } from './stand-in-server'

const RESULTS = fileURLToPath(new URL('../results/ui/', import.meta.url))
const SWITCHES = Number(process.env.BENCH_UI_SWITCHES ?? 10)
const BURSTS = 3
const BURST_SIZE = 1000
const SCROLL_BACK = 5000
/** About a fast flick of a mouse wheel, per frame. */
const SCROLL_STEP_PX = 200

interface Row {
  name: string
  detail: string
  value: string
  target: string
  met: boolean
}

function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0
}

/** An unsigned token is enough: the stand-in server checks nothing; the core reads sub. */
function localToken(sub: string): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url')
  return `${part({ alg: 'none' })}.${part({ sub, name: 'Me' })}.`
}

const log = (line: string) => process.stderr.write(`${line}\n`)
const ms = (v: number) => `${v.toFixed(1)} ms`

const dataDir = mkdtempSync(join(tmpdir(), 'parley-bench-ui-'))
const latest = new Map<string, number>()
const server = await startStandInServer(latest)
let began = performance.now()
for (const [roomId, seq] of seedAccount(dataDir, server.url)) latest.set(roomId, seq)
log(`seeded ${latest.size} rooms in ${((performance.now() - began) / 1000).toFixed(1)} s`)

const core = createParleyCore({ dataDir })
const recorder = new DesktopRecorder()
const desktop = createDesktopService({
  core,
  dataDir,
  fetch: globalThis.fetch,
  effects: recorder.effects,
  info: { platform: 'linux', osLanguages: ['en-US'], spellcheckAvailable: [], version: 'bench' },
  warn: log,
})
await desktop.start()
await core.signIn({ serverUrl: server.url, token: localToken('me') })

const renderer = await serveWithSocketBridge(desktop.api, errorInfo)
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  // Frames as fast as they can be made, so a frame's time is its work, not the display's rate.
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-gpu-vsync',
    '--disable-frame-rate-limit',
  ],
})
const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
const page = await context.newPage()
page.on('pageerror', (error) => log(`page error: ${error.message}`))
page.on('console', (message) => {
  if (message.type() === 'error') log(`page console: ${message.text()}`)
})
// tsx compiles with esbuild's keepNames, which wraps named functions in __name(): functions
// serialised into the page need it to exist there.
await page.addInitScript(`window.__name = (f) => f; window.__whenPainted = ${whenPainted}`)
await page.addInitScript(installSocketBridge, Object.keys(Channels))
await page.goto(renderer.url)
await page.waitForFunction(sidebarRooms, latest.size, { timeout: 60_000 })

// Measure the steady state: the core has entered every room (it paces its frames at 8/s).
began = performance.now()
await Promise.all([...latest.keys()].map((roomId) => server.entered(roomId)))
log(`the core entered all rooms after ${((performance.now() - began) / 1000).toFixed(1)} s`)

const heading = (roomId: string) => page.waitForFunction(roomShown, roomId)

async function openSmall(i: number): Promise<void> {
  await switchRoomIn(smallRoom(i), latest.get(smallRoom(i)) ?? 0)
  await heading(smallRoom(i))
}

function switchRoomIn(roomId: string, newestSeq: number): Promise<number> {
  return page.evaluate(switchRoom, { roomId, newestSeq })
}

// Switch to the big room from others, each time after four other rooms so its window has left
// the renderer's cache: every measured switch reads the newest page through the bridge.
const switches: number[] = []
await openSmall(1)
for (let run = 0; run < SWITCHES; run++) {
  switches.push(await switchRoomIn(BIG_ROOM, latest.get(BIG_ROOM) ?? BIG_ROOM_SIZE))
  for (let k = 1; k <= 4; k++) await openSmall(2 + ((run * 4 + k) % 150))
}
await openSmall(1)
const firstPaint = await switchRoomIn(BIG_ROOM, latest.get(BIG_ROOM) ?? BIG_ROOM_SIZE)
await heading(BIG_ROOM)
log(`switches: ${switches.map((v) => v.toFixed(1)).join(', ')}`)

// Bursts into the open room, at its newest messages.
const bursts: number[] = []
for (let run = 0; run < BURSTS; run++) {
  const from = (latest.get(BIG_ROOM) ?? 0) + 1
  const batch = messages(BIG_ROOM, from, from + BURST_SIZE - 1, 7)
  await page.evaluate(`void (window.__burst = window.__whenPainted(${from + BURST_SIZE - 1}))`)
  const sentAt = server.burst(batch)
  const paintedAt = (await page.evaluate('window.__burst')) as number
  bursts.push(paintedAt - sentAt)
}
log(`bursts: ${bursts.map((v) => v.toFixed(1)).join(', ')}`)

mkdirSync(RESULTS, { recursive: true })
await page.screenshot({ path: join(RESULTS, 'big-room.png') })

const scroll: ScrollResult = await page.evaluate(scrollBack, {
  messages: SCROLL_BACK,
  step: SCROLL_STEP_PX,
  timeoutMs: 120_000,
})
await page.screenshot({ path: join(RESULTS, 'big-room-scrolled-back.png') })

const cdp = await context.newCDPSession(page)
await cdp.send('HeapProfiler.collectGarbage')
const heap = (await cdp.send('Runtime.getHeapUsage')).usedSize / 2 ** 20

const scrolled = (latest.get(BIG_ROOM) ?? 0) - scroll.oldestSeq
const frameP95 = quantile(scroll.frames, 0.95)
const rows: Row[] = [
  {
    name: 'switch to the 100k room',
    detail: `click in the sidebar to its newest row painted, median of ${SWITCHES} (p95 ${ms(quantile(switches, 0.95))}); newest page read through the bridge each time`,
    value: ms(quantile(switches, 0.5)),
    target: '< 50 ms',
    met: quantile(switches, 0.5) < 50,
  },
  {
    name: 'scroll back',
    detail: `${scrolled.toLocaleString('en')} messages up at ${SCROLL_STEP_PX} px a frame, ${scroll.frames.length} frames, p95 frame (max ${ms(Math.max(...scroll.frames))})`,
    value: ms(frameP95),
    target: '< 16 ms',
    met: frameP95 < 16 && scrolled >= SCROLL_BACK,
  },
  {
    name: 'DOM message rows',
    detail: 'most message rows in the DOM at once while scrolling back',
    value: String(scroll.maxRows),
    target: '< 300',
    met: scroll.maxRows < 300,
  },
  {
    name: 'incoming burst',
    detail: `${BURST_SIZE.toLocaleString('en')} messages pushed by the server back-to-back: last one sent to painted, worst of ${BURSTS}`,
    value: ms(Math.max(...bursts)),
    target: '< 100 ms',
    met: Math.max(...bursts) < 100,
  },
  {
    name: 'JS heap',
    detail: 'used JS heap after a forced GC, 100k room open and scrolled back',
    value: `${heap.toFixed(1)} MB`,
    target: '< 60 MB',
    met: heap < 60,
  },
]

console.log('| measure | what | value | target | met |')
console.log('|---|---|---:|---|---|')
for (const r of rows) {
  console.log(`| ${r.name} | ${r.detail} | ${r.value} | ${r.target} | ${r.met ? 'yes' : 'NO'} |`)
}
console.log(`\nfirst switch after the cache was warm: ${ms(firstPaint)}; screenshots in ${RESULTS}`)

await browser.close()
await renderer.close()
await desktop.close()
await core.close()
await server.close()
rmSync(dataDir, { recursive: true, force: true })
