// Message text split into plain text and links, for Vue to render as text nodes and <a>
// elements: nothing in a message is ever parsed as HTML.
import { LinkifyIt } from 'linkify-it'

export type TextPart = { kind: 'text'; text: string } | { kind: 'link'; text: string; url: string }

const linkify = new LinkifyIt()

/** Only these open outside the app; main checks again before it does. */
const SAFE_SCHEMES = ['http:', 'https:', 'mailto:']

export function isSafeUrl(url: string): boolean {
  try {
    return SAFE_SCHEMES.includes(new URL(url).protocol)
  } catch {
    return false
  }
}

export function linkParts(text: string): TextPart[] {
  const matches = linkify.match(text)
  if (!matches) return [{ kind: 'text', text }]
  const parts: TextPart[] = []
  let at = 0
  for (const m of matches) {
    if (m.index > at) parts.push({ kind: 'text', text: text.slice(at, m.index) })
    if (isSafeUrl(m.url)) parts.push({ kind: 'link', text: m.text, url: m.url })
    else parts.push({ kind: 'text', text: m.text })
    at = m.lastIndex
  }
  if (at < text.length) parts.push({ kind: 'text', text: text.slice(at) })
  return parts
}
