import { describe, expect, it } from 'vitest'
import { linkParts } from './link-parts'

describe('linkParts', () => {
  it('splits text around http, https and mailto links', () => {
    expect(linkParts('see https://example.org/a?b=1 and mail bob@example.org')).toEqual([
      { kind: 'text', text: 'see ' },
      { kind: 'link', text: 'https://example.org/a?b=1', url: 'https://example.org/a?b=1' },
      { kind: 'text', text: ' and mail ' },
      { kind: 'link', text: 'bob@example.org', url: 'mailto:bob@example.org' },
    ])
  })

  it('never links other schemes', () => {
    const parts = linkParts('javascript:alert(1) ftp://example.org/file')
    expect(parts.filter((p) => p.kind === 'link')).toEqual([])
    expect(parts.map((p) => p.text).join('')).toBe('javascript:alert(1) ftp://example.org/file')
  })
})
