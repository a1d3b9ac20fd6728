// Which of the app's languages to show: the user's choice, else the OS's first language the
// app has, else English.
import type { LanguageSetting } from '../../shared/bridge'

export const LOCALES = ['en', 'zh-CN'] as const
export type AppLocale = (typeof LOCALES)[number]

export function resolveLocale(chosen: LanguageSetting, osLanguages: readonly string[]): AppLocale {
  if (chosen !== 'system') return chosen
  for (const tag of osLanguages) {
    const lower = tag.toLowerCase()
    // Traditional Chinese is not translated yet; Simplified reads better than English there.
    if (lower === 'zh' || lower.startsWith('zh-')) return 'zh-CN'
    if (lower === 'en' || lower.startsWith('en-')) return 'en'
  }
  return 'en'
}
