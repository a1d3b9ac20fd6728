// Wire constants of protocol v1: subprotocol, close codes, error codes, fixed limits.

export const SUBPROTOCOL = 'parley.v1'

export const CloseCode = {
  /** Server shutting down or draining: reconnect with backoff. */
  goingAway: 1001,
  /** Abuse that went on (rate limit, unbounded output): reconnect later. */
  policy: 1008,
  /** The server cannot keep its ordering promise (storage gone mid-stream): enter again later. */
  internalError: 1011,
  /** A frame larger than MAX_PAYLOAD_BYTES. */
  tooLarge: 1009,
  /** Auth timed out, token expired without re-auth, or re-auth for another sub. */
  unauthorized: 4401,
} as const

export const ERROR_CODES = [
  'bad_json',
  'bad_event',
  'too_large',
  'rate_limited',
  'not_in_room',
  'forbidden',
  'unavailable',
] as const
export type ErrorCode = (typeof ERROR_CODES)[number]

/** The six events a tutorial-style page understands; compat connections get only these. */
export const COMPAT_EVENTS = ['auth', 'noauth', 'enter', 'message', 'out', 'heartbeat'] as const

export const MAX_ROOM_ID_CHARS = 64
export const MAX_CID_CHARS = 64
export const MAX_NICKNAME_CHARS = 64
export const HISTORY_DEFAULT_LIMIT = 50
export const HISTORY_MAX_LIMIT = 200
/** Leeway on a token's exp, in seconds. */
export const TOKEN_EXP_LEEWAY_S = 5
