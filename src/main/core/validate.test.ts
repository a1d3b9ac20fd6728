import { describe, expect, it } from 'vitest'
import { limitArg, roomIdArg, seqArg, textArg } from './validate'

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
    expect(() => seqArg(-1)).toThrow(/non-negative/)
    expect(() => seqArg(1.5)).toThrow(/non-negative/)
    expect(limitArg(undefined)).toBe(50)
    expect(limitArg(1000)).toBe(200)
    expect(() => limitArg(0)).toThrow(/positive/)
  })
})
