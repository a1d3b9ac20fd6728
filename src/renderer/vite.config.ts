// The renderer built on its own (`npm run build:renderer`), for a plain Chromium page that
// provides window.parley; electron-vite builds the same sources for the app window.
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vite'

/** Build flags both renderer builds share: vue-i18n's Composition API only, no devtools. */
export const rendererDefines = {
  __VUE_I18N_FULL_INSTALL__: 'true',
  __VUE_I18N_LEGACY_API__: 'false',
  __INTLIFY_PROD_DEVTOOLS__: 'false',
  __VUE_PROD_DEVTOOLS__: 'false',
  __VUE_OPTIONS_API__: 'false',
}

export default defineConfig({
  root: 'src/renderer',
  base: './',
  plugins: [vue()],
  define: rendererDefines,
  build: { outDir: '../../out/renderer', emptyOutDir: true, target: 'chrome120' },
})
