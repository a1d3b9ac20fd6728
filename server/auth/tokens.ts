// JWT verification and signing (jose): HS256 with a secret, or RS256/ES256 with a key pair.
import { SignJWT, importPKCS8, importSPKI, jwtVerify, type CryptoKey, type JWTPayload } from 'jose'
import { TOKEN_EXP_LEEWAY_S } from '../../src/shared/protocol'
import type { JwtKeyConfig } from '../config'

export interface Identity {
  uid: string
  /** The token's name claim, else the uid. */
  name: string
  /** Room ids the token may enter; undefined means any. */
  rooms?: ReadonlySet<string>
  /** Epoch milliseconds after which (leeway included) the token no longer holds. */
  expiresAt?: number
}

export class InvalidTokenError extends Error {}

export interface TokenService {
  verify(token: string): Promise<Identity>
  /** Undefined when only a public key is configured: this server cannot issue tokens. */
  sign?(
    claims: { sub: string; name?: string; rooms?: string[] },
    expiresIn: string,
  ): Promise<string>
}

export async function createTokenService(config: JwtKeyConfig): Promise<TokenService> {
  if (config.kind === 'secret') {
    const key = new TextEncoder().encode(config.secret)
    return {
      verify: (token) => verifyWith(token, key, ['HS256']),
      sign: (claims, exp) => signWith(claims, exp, key, 'HS256'),
    }
  }
  const publicKey = await importSPKI(config.publicKeyPem, config.algorithm)
  const privateKey = config.privateKeyPem
    ? await importPKCS8(config.privateKeyPem, config.algorithm)
    : undefined
  return {
    verify: (token) => verifyWith(token, publicKey, [config.algorithm]),
    sign: privateKey && ((claims, exp) => signWith(claims, exp, privateKey, config.algorithm)),
  }
}

async function verifyWith(
  token: string,
  key: CryptoKey | Uint8Array,
  algorithms: string[],
): Promise<Identity> {
  let payload: JWTPayload
  try {
    ;({ payload } = await jwtVerify(token, key, { algorithms, clockTolerance: TOKEN_EXP_LEEWAY_S }))
  } catch (err) {
    throw new InvalidTokenError((err as Error).message)
  }
  return identityOf(payload)
}

function identityOf(payload: JWTPayload): Identity {
  const sub = payload.sub as unknown
  if (typeof sub !== 'string' && typeof sub !== 'number')
    throw new InvalidTokenError('no sub claim')
  const uid = String(sub)
  if (uid.length === 0) throw new InvalidTokenError('empty sub claim')
  const name = typeof payload.name === 'string' && payload.name !== '' ? payload.name : uid
  const rooms = Array.isArray(payload.rooms)
    ? new Set(payload.rooms.map((r) => String(r)))
    : undefined
  const expiresAt =
    typeof payload.exp === 'number' ? (payload.exp + TOKEN_EXP_LEEWAY_S) * 1000 : undefined
  return { uid, name, rooms, expiresAt }
}

async function signWith(
  claims: { sub: string; name?: string; rooms?: string[] },
  expiresIn: string,
  key: CryptoKey | Uint8Array,
  alg: string,
): Promise<string> {
  const { sub, ...rest } = claims
  return new SignJWT(rest)
    .setProtectedHeader({ alg, typ: 'JWT' })
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(key)
}
