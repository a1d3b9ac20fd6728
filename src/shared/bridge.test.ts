// The bridge's channel table: one channel per member, event channels named event:*.
import { describe, expect, it } from 'vitest'
import { Channels } from './bridge'

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
