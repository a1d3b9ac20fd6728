// Links in and out: parley://room/<id> links, and which links may open outside the app.
import { describe, expect, it } from 'vitest'
import { externalUrl } from './external-url'
import { parseRoomLink, roomLinkInArgs } from './room-link'

describe('room links', () => {
  it('reads the room and the message to show', () => {
    expect(parseRoomLink('parley://room/lobby')).toEqual({ roomId: 'lobby' })
    expect(parseRoomLink('parley://room/lobby?seq=42')).toEqual({ roomId: 'lobby', seq: 42 })
    expect(parseRoomLink('parley://room/caf%C3%A9%20talk')).toEqual({ roomId: 'café talk' })
  })

  it('ignores anything that is not a room link', () => {
    for (const link of [
      'https://room/lobby',
      'parley://settings/x',
      'parley://room/',
      'parley://room/%E0%A4%A',
      `parley://room/${'x'.repeat(65)}`,
      'not a url',
    ]) {
      expect(parseRoomLink(link), link).toBeNull()
    }
    expect(parseRoomLink('parley://room/lobby?seq=abc')).toEqual({ roomId: 'lobby' })
  })

  it('finds the link among a second launch arguments', () => {
    expect(roomLinkInArgs(['/opt/Parley/parley', '--hidden', 'parley://room/dev?seq=3'])).toEqual({
      roomId: 'dev',
      seq: 3,
    })
    expect(roomLinkInArgs(['/opt/Parley/parley', '--hidden'])).toBeNull()
  })
})

describe('external links', () => {
  it('lets http, https and mailto out', () => {
    expect(externalUrl('https://example.org/a?b=c')).toBe('https://example.org/a?b=c')
    expect(externalUrl('http://example.org')).toBe('http://example.org/')
    expect(externalUrl('mailto:someone@example.org')).toBe('mailto:someone@example.org')
  })

  it('keeps every other scheme, and non-URLs, in', () => {
    for (const url of [
      'file:///etc/passwd',
      'smb://host/share',
      'javascript:alert(1)',
      'ms-msdt:/id',
      'app://parley/index.html',
      'https://',
      '/relative',
      42,
      null,
    ]) {
      expect(externalUrl(url), String(url)).toBeNull()
    }
  })
})
