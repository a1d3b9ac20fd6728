// Which links may leave the app for the system's browser or mail app: parsed http, https and
// mailto URLs only (a file:, smb: or custom-scheme link could run something on the machine).
const ALLOWED = new Set(['http:', 'https:', 'mailto:'])

/** The URL as it will be opened, or null when it must not be. */
export function externalUrl(value: unknown): string | null {
  if (typeof value !== 'string') return null
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return null
  }
  if (!ALLOWED.has(url.protocol)) return null
  if (url.protocol !== 'mailto:' && !url.hostname) return null
  return url.toString()
}
