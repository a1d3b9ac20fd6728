// Build of the three Electron bundles; the renderer shares its settings with its own build.
import vue from '@vitejs/plugin-vue'
import { defineConfig, externalizeDepsPlugin } from 'electron-vite'
import { rendererDefines } from './src/renderer/vite.config'

export default defineConfig({
  main: { plugins: [externalizeDepsPlugin()] },
  preload: { plugins: [externalizeDepsPlugin()] },
  renderer: { plugins: [vue()], define: rendererDefines },
})
