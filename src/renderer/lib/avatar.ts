// The colour a person's avatar gets, the same wherever they appear: one of twelve, picked by a
// well-mixed hash of the uid so that similar ids ("alice", "carol") land far apart.
export const AVATAR_COLOURS = 12

/** FNV-1a over UTF-16 units, then murmur3's finaliser: every input bit moves every output bit. */
function hash(text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193)
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b)
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35)
  return (h ^ (h >>> 16)) >>> 0
}

export function avatarClass(uid: string): string {
  return `avatar-${hash(uid) % AVATAR_COLOURS}`
}
