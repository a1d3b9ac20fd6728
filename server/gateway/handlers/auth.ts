// The auth frame (PROTOCOL "Authentication"): first auth, re-auth and expired-token renewal.
import { CloseCode, type ClientFrameOf } from '../../../src/shared/protocol'
import { InvalidTokenError } from '../../auth/tokens'
import { NOAUTH_PLEASE_AUTH } from '../../wire/frames'
import type { Session } from '../session'

export async function handleAuth(s: Session, frame: ClientFrameOf<'auth'>): Promise<void> {
  let identity
  try {
    identity = await s.ctx.tokens.verify(frame.message)
  } catch (err) {
    if (!(err instanceof InvalidTokenError)) throw err
    // A bad token changes nothing, whether or not the socket was authenticated.
    return s.sendText(NOAUTH_PLEASE_AUTH)
  }
  if (s.isOtherUser(identity.uid)) return s.close(CloseCode.unauthorized, 'token for another user')
  s.authenticate(identity)
}
