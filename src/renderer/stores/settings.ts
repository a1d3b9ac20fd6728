// The desktop settings main keeps (theme, language, tray, notifications, …), the OS facts the
// UI adapts to, and the theme and locale they resolve to.
import { usePreferredDark } from '@vueuse/core'
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type {
  DesktopInfo,
  DesktopSettings,
  ParleyErrorInfo,
  Unsubscribe,
} from '../../shared/bridge'
import { errorInfo, useBridge } from '../bridge'
import { resolveLocale, type AppLocale } from '../i18n/locale'

export const useSettingsStore = defineStore('settings', () => {
  const bridge = useBridge()
  const settings = ref<DesktopSettings | null>(null)
  const info = ref<DesktopInfo | null>(null)
  const error = ref<ParleyErrorInfo | null>(null)
  const prefersDark = usePreferredDark()
  let off: Unsubscribe | null = null

  const theme = computed<'light' | 'dark'>(() => {
    const chosen = settings.value?.theme ?? 'system'
    if (chosen === 'system') return prefersDark.value ? 'dark' : 'light'
    return chosen
  })

  const locale = computed<AppLocale>(() =>
    resolveLocale(
      settings.value?.language ?? 'system',
      info.value?.osLanguages ?? [...navigator.languages],
    ),
  )

  const isMac = computed(() => info.value?.platform === 'darwin')

  async function load(): Promise<void> {
    off ??= bridge.onSettings((next) => {
      settings.value = next
    })
    try {
      const [current, desktop] = await Promise.all([bridge.getSettings(), bridge.getDesktopInfo()])
      settings.value = current
      info.value = desktop
    } catch (e) {
      error.value = errorInfo(e)
    }
  }

  async function update(patch: Partial<DesktopSettings>): Promise<void> {
    error.value = null
    try {
      settings.value = await bridge.updateSettings(patch)
    } catch (e) {
      error.value = errorInfo(e)
    }
  }

  return { settings, info, error, theme, locale, isMac, load, update }
})
