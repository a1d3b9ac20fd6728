// Build of the three Electron bundles. Main keeps its npm dependencies external (they ship in
// node_modules, better-sqlite3 rebuilt for Electron); the preload is one self-contained
// CommonJS file, since a sandboxed preload can require nothing but electron and cannot load
// chunks; the issue that builds the renderer fills in its section.
import { defineConfig } from 'electron-vite'

export default defineConfig({
  main: {},
  preload: {
    build: {
      externalizeDeps: false,
      rolldownOptions: { output: { format: 'cjs', entryFileNames: '[name].cjs' } },
    },
  },
  renderer: {},
})
