// Build of the three Electron bundles. Main keeps its npm dependencies external (they ship in
// node_modules, better-sqlite3 rebuilt for Electron); the preload is one self-contained
// CommonJS file, since a sandboxed preload can require nothing but electron and cannot load
// chunks; the renderer shares its settings with its own build (src/renderer/vite.config.ts).
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'electron-vite'
import { rendererDefines } from './src/renderer/vite.config'

export default defineConfig({
  main: {},
  preload: {
    build: {
      externalizeDeps: false,
      rolldownOptions: { output: { format: 'cjs', entryFileNames: '[name].cjs' } },
    },
  },
  renderer: { plugins: [vue()], define: rendererDefines },
})
