// electron-builder.yml: valid against electron-builder's own schema, and holding what the
// packaged app relies on: the four targets, native modules outside the asar and rebuilt at
// packaging time only, the fuses, the parley:// scheme, deb dependencies and the icons.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import Ajv from 'ajv'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'

const root = join(import.meta.dirname, '..')
const config = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as Record<
  string,
  never
>
const read = (path: string) => JSON.parse(readFileSync(join(root, path), 'utf8'))

describe('electron-builder.yml', () => {
  it('is valid against electron-builder’s configuration schema', () => {
    const ajv = new Ajv({ allErrors: true })
    ajv.validate(read('node_modules/app-builder-lib/scheme.json'), config)
    expect(ajv.errors ?? [], ajv.errorsText()).toEqual([])
  })

  it('builds AppImage and deb, dmg, and nsis', () => {
    expect(config).toMatchObject({
      appId: 'org.parley.desktop',
      productName: 'Parley',
      linux: { target: ['AppImage', 'deb'] },
      mac: { target: ['dmg'] },
      win: { target: ['nsis'] },
    })
  })

  it('keeps native modules outside the asar and rebuilds them for Electron only when packaging', () => {
    expect(config).toMatchObject({ asar: true, asarUnpack: ['**/*.node'], npmRebuild: true })
    const scripts = read('package.json').scripts as Record<string, string>
    for (const hook of ['preinstall', 'install', 'postinstall', 'prepare']) {
      expect(scripts[hook], hook).toBeUndefined()
    }
  })

  it('burns the fuses that close Node-level ways into the app', () => {
    expect(config).toMatchObject({
      electronFuses: {
        runAsNode: false,
        enableNodeOptionsEnvironmentVariable: false,
        enableNodeCliInspectArguments: false,
        onlyLoadAppFromAsar: true,
        enableEmbeddedAsarIntegrityValidation: true,
      },
    })
  })

  it('registers parley:// links and declares the deb’s libraries', () => {
    expect(config).toMatchObject({ protocols: [{ schemes: ['parley'] }] })
    expect(config).toMatchObject({
      deb: { depends: expect.arrayContaining(['libgtk-3-0', 'libnss3', 'libsecret-1-0']) },
    })
  })

  it('ships the built bundles, the icon and every tray variant', () => {
    expect(config).toMatchObject({ files: expect.arrayContaining(['out/**', 'package.json']) })
    expect(existsSync(join(root, 'build/icon.png'))).toBe(true)
    const tray = ['tray', 'tray-9plus', ...Array.from({ length: 9 }, (_, i) => `tray-${i + 1}`)]
    for (const name of tray) {
      expect(existsSync(join(root, 'build/tray', `${name}.png`)), name).toBe(true)
      expect(existsSync(join(root, 'build/tray', `${name}@2x.png`)), name).toBe(true)
    }
    expect(config).toMatchObject({
      extraResources: [
        { from: 'build/tray', to: 'tray' },
        { from: 'build/icon.png', to: 'icon.png' },
      ],
    })
    expect(read('package.json').main).toBe('out/main/index.js')
  })
})
