// `npm start` and `npm run app` on a machine where the desktop app cannot open: the launcher
// is run for real, Electron's real installer is tried (against a mirror that refuses), and
// start must say so in one line and serve the server alone.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { freePort } from '../server/testing/free-port'
import { cannotOpenLine, electronBinary, firstLine, isHeadless } from './launch-plan'

const children: ChildProcess[] = []
const dirs: string[] = []
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL')
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

function emptyDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'parley-launch-'))
  dirs.push(dir)
  return dir
}

interface Launch {
  child: ChildProcess
  stdout: () => string
  stderr: () => string
  exited: Promise<number | null>
}

/** The launcher with no Electron binary: its dist path points at an empty folder. */
async function launch(mode: string, env: Record<string, string | undefined>): Promise<Launch> {
  const base: NodeJS.ProcessEnv = { ...process.env }
  delete base.DISPLAY
  delete base.WAYLAND_DISPLAY
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/launch.ts', mode], {
    env: {
      ...base,
      ELECTRON_OVERRIDE_DIST_PATH: emptyDir(),
      // The installer's cache and mirror: nothing cached, and a mirror that refuses, so no
      // machine downloads anything during this test.
      electron_config_cache: emptyDir(),
      ELECTRON_MIRROR: `http://127.0.0.1:${await freePort()}/`,
      PORT: '0',
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.push(child)
  let out = ''
  let err = ''
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()))
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()))
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)))
  return { child, stdout: () => out, stderr: () => err, exited }
}

async function listeningPort(l: Launch): Promise<number> {
  for (;;) {
    const match = /"port":(\d+),"host":"[^"]*","msg":"parley server listening"/.exec(l.stdout())
    if (match) return Number(match[1])
    const code = await Promise.race([l.exited, new Promise((r) => setTimeout(r, 50, 'wait'))])
    if (code !== 'wait') throw new Error(`launcher exited (${code}): ${l.stderr()}`)
  }
}

describe('launcher without Electron', { timeout: 120_000 }, () => {
  it('on a headless box, says so in one line and serves the server, which stops on SIGTERM', async () => {
    const l = await launch('start', {})
    const port = await listeningPort(l)
    expect(l.stderr().trim().split('\n')).toEqual([
      'parley: no display here (no DISPLAY or WAYLAND_DISPLAY); starting the server alone (npm run server).',
    ])
    const health = await fetch(`http://127.0.0.1:${port}/healthz`)
    expect(await health.json()).toEqual({ ok: true, store: 'memory' })
    l.child.kill('SIGTERM')
    expect(await l.exited).toBe(0)
  })

  it('tries the Electron installer once, then says why in one line and serves the server', async () => {
    const l = await launch('start', { DISPLAY: ':99' })
    await listeningPort(l)
    const lines = l.stderr().trim().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(
      /^parley: Electron's binary is missing and its installer could not fetch it \(.+\); starting the server alone \(npm run server\)\.$/,
    )
  })

  it('npm run app fails with that one line and no stack trace', async () => {
    const l = await launch('app', { DISPLAY: ':99' })
    expect(await l.exited).toBe(1)
    expect(l.stderr().trim().split('\n')).toEqual([
      expect.stringMatching(
        /^parley: Electron's binary is missing .*; the desktop app cannot start\.$/,
      ),
    ])
    expect(l.stdout()).toBe('')
  })
})

describe('launch plan', () => {
  it('finds the binary where the electron package points, or says there is none', () => {
    const dir = emptyDir()
    expect(electronBinary(dir, {}, 'linux')).toBeNull()
    expect(electronBinary(dir, { ELECTRON_OVERRIDE_DIST_PATH: dir }, 'linux')).toBeNull()
  })

  it('counts Linux without X11 or Wayland as headless, and nothing else', () => {
    expect(isHeadless({}, 'linux')).toBe(true)
    expect(isHeadless({ WAYLAND_DISPLAY: 'wayland-0' }, 'linux')).toBe(false)
    expect(isHeadless({ DISPLAY: ':0' }, 'linux')).toBe(false)
    expect(isHeadless({}, 'darwin')).toBe(false)
  })

  it('keeps the first line of an installer error, not its stack', () => {
    expect(firstLine('TypeError: fetch failed\n    at node:internal/deps/undici:1:1\n')).toBe(
      'fetch failed',
    )
    expect(firstLine('')).toBe('no output')
    expect(cannotOpenLine('no display', 'start')).toBe(
      'parley: no display; starting the server alone (npm run server).',
    )
  })
})
