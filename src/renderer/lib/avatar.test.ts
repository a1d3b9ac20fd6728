import { describe, expect, it } from 'vitest'
import { AVATAR_COLOURS, avatarClass } from './avatar'

describe('avatarClass', () => {
  it('gives similar ids different colours', () => {
    const colours = ['alice', 'bob', 'carol'].map(avatarClass)
    expect(new Set(colours).size).toBe(3)
  })

  it('spreads ids evenly over the palette', () => {
    const counts = new Map<string, number>()
    for (let i = 0; i < 1200; i++) {
      const c = avatarClass(`user-${i}`)
      counts.set(c, (counts.get(c) ?? 0) + 1)
    }
    expect(counts.size).toBe(AVATAR_COLOURS)
    for (const n of counts.values()) expect(n).toBeGreaterThan(70)
  })
})
