// The facade's argument checks, one rule per case.
import { describe, expect, it } from 'vitest'
import { limitArg, nicknameArg, roomIdArg, searchOptionsArg, seqArg, textArg } from './validate'

describe('argument checks', () => {
  it('room ids are 1 to 64 code points', () => {
    expect(roomIdArg('general')).toBe('general')
    expect(roomIdArg('😀'.repeat(64))).toHaveLength(128)
    expect(() => roomIdArg('')).toThrow(/1 to 64/)
    expect(() => roomIdArg('x'.repeat(65))).toThrow(/1 to 64/)
    expect(() => roomIdArg(7)).toThrow(/string/)
  })

  it('messages need text, seqs and limits are integers', () => {
    expect(() => textArg('  ')).toThrow(/text/)
    expect(seqArg(0)).toBe(0)
    expect(seqArg(-1)).toBe(-1)
    expect(() => seqArg(1.5)).toThrow(/integer/)
    expect(() => seqArg('3')).toThrow(/integer/)
    expect(limitArg(undefined)).toBe(50)
    expect(limitArg(1000)).toBe(200)
    expect(() => limitArg(0)).toThrow(/positive/)
  })

  it('nicknames are absent or 1 to 64 code points, as the server takes them', () => {
    expect(nicknameArg(undefined)).toBeNull()
    expect(nicknameArg('😀'.repeat(64))).toHaveLength(128)
    expect(() => nicknameArg('')).toThrow(/1 to 64/)
    expect(() => nicknameArg('n'.repeat(65))).toThrow(/1 to 64/)
  })

  it('a message fits in one frame the server accepts', () => {
    expect(textArg('x'.repeat(60_000))).toHaveLength(60_000)
    expect(() => textArg('x'.repeat(65_000))).toThrow(/too long/)
    // Escaped in JSON, each control character takes six bytes.
    expect(() => textArg('\u0001'.repeat(11_000))).toThrow(/too long/)
  })

  it('search options are an object of known fields', () => {
    expect(searchOptionsArg(undefined)).toEqual({})
    expect(searchOptionsArg({ roomId: 'r', limit: 500, other: 1 })).toEqual({
      roomId: 'r',
      limit: 200,
    })
    expect(() => searchOptionsArg(null)).toThrow(/object/)
    expect(() => searchOptionsArg({ limit: '5' })).toThrow(/positive/)
  })
})
