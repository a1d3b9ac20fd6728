// Tokens for tests, signed with the test secret the fixtures configure.
import { SignJWT } from 'jose'

export const TEST_SECRET = 'parley-test-secret-0123456789'

export interface TestTokenOptions {
  name?: string
  rooms?: string[]
  /** Seconds from now; negative for an expired token. Default: one hour. */
  expiresIn?: number
  secret?: string
}

export function testToken(sub: string, o: TestTokenOptions = {}): Promise<string> {
  const claims: Record<string, unknown> = {}
  if (o.name !== undefined) claims.name = o.name
  if (o.rooms !== undefined) claims.rooms = o.rooms
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + (o.expiresIn ?? 3600))
    .sign(new TextEncoder().encode(o.secret ?? TEST_SECRET))
}
