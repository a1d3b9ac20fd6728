// Dates and times in the UI's language with Intl: message times, day separators, full
// timestamps for tooltips, and numbers.
import { computed } from 'vue'
import { useI18n } from 'vue-i18n'

interface Formats {
  time: Intl.DateTimeFormat
  day: Intl.DateTimeFormat
  dayYear: Intl.DateTimeFormat
  full: Intl.DateTimeFormat
  short: Intl.DateTimeFormat
  number: Intl.NumberFormat
}

// Building an Intl formatter costs far more than using one, and every message row formats:
// one set per language, shared by all rows.
const byLocale = new Map<string, Formats>()

function formatsFor(tag: string): Formats {
  let formats = byLocale.get(tag)
  if (!formats) {
    formats = {
      time: new Intl.DateTimeFormat(tag, { hour: 'numeric', minute: '2-digit' }),
      day: new Intl.DateTimeFormat(tag, { weekday: 'long', month: 'long', day: 'numeric' }),
      dayYear: new Intl.DateTimeFormat(tag, { year: 'numeric', month: 'long', day: 'numeric' }),
      full: new Intl.DateTimeFormat(tag, { dateStyle: 'full', timeStyle: 'short' }),
      short: new Intl.DateTimeFormat(tag, { month: 'short', day: 'numeric' }),
      number: new Intl.NumberFormat(tag),
    }
    byLocale.set(tag, formats)
  }
  return formats
}

function sameDay(a: Date, b: Date): boolean {
  return (
    a.getFullYear() === b.getFullYear() &&
    a.getMonth() === b.getMonth() &&
    a.getDate() === b.getDate()
  )
}

export function useFormat() {
  const { locale, t } = useI18n()
  const formats = computed(() => formatsFor(locale.value))

  function time(ts: number): string {
    return formats.value.time.format(ts)
  }

  function day(ts: number, now = new Date()): string {
    const date = new Date(ts)
    if (sameDay(date, now)) return t('time.today')
    const yesterday = new Date(now)
    yesterday.setDate(now.getDate() - 1)
    if (sameDay(date, yesterday)) return t('time.yesterday')
    const f = date.getFullYear() === now.getFullYear() ? formats.value.day : formats.value.dayYear
    return f.format(date)
  }

  /** A search hit's date: the time today, else the day. */
  function when(ts: number, now = new Date()): string {
    return sameDay(new Date(ts), now) ? time(ts) : formats.value.short.format(ts)
  }

  function full(ts: number): string {
    return formats.value.full.format(ts)
  }

  function number(n: number): string {
    return formats.value.number.format(n)
  }

  return { time, day, when, full, number }
}
