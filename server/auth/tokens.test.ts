import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { SignJWT, exportPKCS8, exportSPKI, generateKeyPair } from 'jose'
import { describe, expect, it } from 'vitest'
import { loadConfig } from '../config'
import { createTokenService, InvalidTokenError } from './tokens'

describe('token service', () => {
  it.each(['ES256', 'RS256'] as const)(
    'verifies %s tokens with a public key and signs with the private one',
    async (alg) => {
      const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true })
      const dir = mkdtempSync(join(tmpdir(), 'parley-keys-'))
      writeFileSync(join(dir, 'pub.pem'), await exportSPKI(publicKey))
      writeFileSync(join(dir, 'key.pem'), await exportPKCS8(privateKey))
      const verifyOnly = await createTokenService(
        loadConfig({ JWT_PUBLIC_KEY_FILE: join(dir, 'pub.pem'), JWT_ALGORITHM: alg }).jwt,
      )
      expect(verifyOnly.sign).toBeUndefined()
      const foreign = await new SignJWT({ name: 'eve' })
        .setProtectedHeader({ alg })
        .setSubject('1')
        .setExpirationTime('1h')
        .sign((await generateKeyPair(alg)).privateKey)
      await expect(verifyOnly.verify(foreign)).rejects.toBeInstanceOf(InvalidTokenError)
      // An HS256 token made with the public key as a secret must not pass (algorithm confusion).
      const confused = await new SignJWT({})
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('1')
        .sign(new TextEncoder().encode(await exportSPKI(publicKey)))
      await expect(verifyOnly.verify(confused)).rejects.toBeInstanceOf(InvalidTokenError)

      const both = await createTokenService(
        loadConfig({
          JWT_PUBLIC_KEY_FILE: join(dir, 'pub.pem'),
          JWT_PRIVATE_KEY_FILE: join(dir, 'key.pem'),
          JWT_ALGORITHM: alg,
        }).jwt,
      )
      const token = await both.sign!({ sub: '42', name: 'alice', rooms: ['1', '2'] }, '1h')
      const id = await verifyOnly.verify(token)
      expect(id).toMatchObject({ uid: '42', name: 'alice' })
      expect([...id.rooms!]).toEqual(['1', '2'])
    },
  )

  it('honours exp with 5 s of leeway and requires sub', async () => {
    const secret = 'a-test-secret-0123456789'
    const tokens = await createTokenService({ kind: 'secret', secret, development: false })
    const key = new TextEncoder().encode(secret)
    const at = (expOffset: number) =>
      new SignJWT({})
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('1')
        .setExpirationTime(Math.floor(Date.now() / 1000) + expOffset)
        .sign(key)
    await expect(tokens.verify(await at(-3))).resolves.toMatchObject({ uid: '1' })
    await expect(tokens.verify(await at(-7))).rejects.toBeInstanceOf(InvalidTokenError)
    const noSub = await new SignJWT({ name: 'x' }).setProtectedHeader({ alg: 'HS256' }).sign(key)
    await expect(tokens.verify(noSub)).rejects.toThrow(/sub/)
  })
})
