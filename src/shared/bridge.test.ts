// The bridge's channel table: one channel per member, event channels named event:*.
import { describe, expect, it } from 'vitest'
import { Channels, decodeBridgeError, encodeBridgeError, type ParleyErrorInfo } from './bridge'

describe('bridge channels', () => {
  it('gives every ParleyBridge member its own channel', () => {
    const names = Object.values(Channels)
    expect(new Set(names).size).toBe(names.length)
  })

  it('names event channels event:*, and only those', () => {
    for (const [member, channel] of Object.entries(Channels)) {
      expect(channel.startsWith('event:')).toBe(member.startsWith('on'))
    }
  })
})

describe('bridge errors', () => {
  it('carry code and message through an Error message, whatever prefixes it', () => {
    const info: ParleyErrorInfo = {
      code: 'db-locked',
      message: 'Another copy of Parley has this database open.',
    }
    const crossed = new Error(`Error invoking remote method 'x': Error: ${encodeBridgeError(info)}`)
    expect(decodeBridgeError(crossed)).toEqual(info)
  })

  it('turn anything else into an internal error with its text', () => {
    expect(decodeBridgeError(new Error('boom'))).toEqual({ code: 'internal', message: 'boom' })
    expect(decodeBridgeError(new Error('parley-error:{oops'))).toEqual({
      code: 'internal',
      message: 'parley-error:{oops',
    })
  })
})
