// `npm start` / `npm run app` / `npm run dev`: build with electron-vite and open the desktop
// app. Without Electron's binary (npm 11 runs no install scripts unless allowed) it runs
// electron's own installer once; if there is still no binary, or no display, it says so in
// one line, and `start` serves the server alone instead (the README's first command is
// useful on a server machine too). Node 22.12+ is needed for the installer.
import { spawn, spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  cannotOpenLine,
  electronBinary,
  firstLine,
  isHeadless,
  type LaunchMode,
} from './launch-plan'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const mode = (process.argv[2] ?? 'start') as LaunchMode
if (!['start', 'app', 'dev'].includes(mode)) {
  console.error(`parley: unknown launch mode ${mode} (start, app or dev)`)
  process.exit(2)
}
// The electron package's folder, found without loading its index.js, which would start a
// download with a stack trace of its own.
const electronDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'))

function findOrInstallBinary(): { binary: string } | { reason: string } {
  const present = electronBinary(electronDir, process.env, process.platform)
  if (present) return { binary: present }
  const install = spawnSync(process.execPath, [join(electronDir, 'install.js')], {
    cwd: root,
    encoding: 'utf8',
    timeout: 10 * 60_000,
  })
  const installed = electronBinary(electronDir, process.env, process.platform)
  if (installed) return { binary: installed }
  const why = install.error?.message ?? firstLine(`${install.stderr}\n${install.stdout}`)
  return { reason: `Electron's binary is missing and its installer could not fetch it (${why})` }
}

async function serveAlone(line: string): Promise<void> {
  console.error(line)
  if (mode !== 'start') process.exit(1)
  // The server in this process, exactly as `npm run server` runs it (signals included).
  await import('../server/main')
}

function run(command: string, args: string[]): Promise<number> {
  const env = { ...process.env }
  // Set by some tools; it would make Electron start as plain Node.
  delete env.ELECTRON_RUN_AS_NODE
  const child = spawn(command, args, { cwd: root, stdio: 'inherit', env })
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => child.kill(signal))
  }
  return new Promise((resolve) =>
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))),
  )
}

if (isHeadless(process.env, process.platform)) {
  await serveAlone(cannotOpenLine('no display here (no DISPLAY or WAYLAND_DISPLAY)', mode))
} else {
  const found = findOrInstallBinary()
  if ('reason' in found) {
    await serveAlone(cannotOpenLine(found.reason, mode))
  } else {
    const electronVite = join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js')
    if (mode === 'dev') {
      process.exit(await run(process.execPath, [electronVite, 'dev']))
    }
    const built = await run(process.execPath, [electronVite, 'build'])
    if (built !== 0) process.exit(built)
    process.exit(await run(found.binary, ['.']))
  }
}
