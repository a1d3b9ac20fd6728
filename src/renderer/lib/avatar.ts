// The colour a person's avatar gets, the same wherever they appear: one of eight, picked by uid.
export const AVATAR_COLOURS = 8

export function avatarClass(uid: string): string {
  let h = 0
  for (const c of uid) h = (h * 31 + c.charCodeAt(0)) >>> 0
  return `avatar-${h % AVATAR_COLOURS}`
}
