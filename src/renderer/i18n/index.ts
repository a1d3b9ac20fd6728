// The app's vue-i18n instance (Composition API, legacy off) and the languages it carries.
import { createI18n } from 'vue-i18n'
import { en, type MessageSchema } from './en'
import type { AppLocale } from './locale'
import { zhCN } from './zh-CN'

export function createAppI18n(locale: AppLocale = 'en') {
  return createI18n<[MessageSchema], AppLocale, false>({
    legacy: false,
    locale,
    fallbackLocale: 'en',
    messages: { en, 'zh-CN': zhCN },
  })
}

export type AppI18n = ReturnType<typeof createAppI18n>
