// The messages between the harness and the load generator process (over the IPC channel).
import type { LatencySummary } from '../measure/latency'
import type { ProtocolName } from './protocols'

export interface LoadPlan {
  protocol: ProtocolName
  port: number
  connections: number
  /** Connections per room: connection i is in room floor(i / roomSize). */
  roomSize: number
  /** HS256 secret for the Authorization: Bearer tokens (Parley). */
  jwtSecret?: string
  /** Bytes of each message text, the send-time stamp included. */
  payloadBytes: number
  connectConcurrency: number
  connectTimeoutS: number
}

export interface SendStep {
  /** How many connections send, spread evenly over the rooms. */
  senders: number
  /** Messages per second from all senders together, sent round-robin. */
  ratePerSec: number
  durationS: number
  /** How long to wait after the last send for deliveries still under way. */
  drainTimeoutS: number
}

export type AgentCommand =
  | { type: 'plan'; plan: LoadPlan }
  | ({ type: 'send' } & SendStep)
  | { type: 'hold'; durationS: number }
  | { type: 'quit' }

export interface Problems {
  /** error/noauth frames received. */
  errors: number
  /** Connections that closed without being asked to. */
  closed: number
  /** The first few problems, as text. */
  samples: string[]
}

export interface StepResult extends Problems {
  sent: number
  /** Deliveries the sends call for: each message once to every member of its room. */
  expected: number
  delivered: number
  latency: LatencySummary
  /** From the first send to the last send. */
  sendS: number
  /** From the first send to the last delivery (the figure deliveries/s divides by). */
  spanS: number
  /** The longest the sender's timer ran late: a busy generator shows here. */
  senderLagMs: number
  /** Deliveries of messages sent in an earlier step that only arrived during this one. */
  late: number
}

export interface HoldResult extends Problems {
  open: number
  /** Application heartbeats received (Parley's JSON ping, engine.io's ping), all connections. */
  pings: number
  /** WebSocket ping frames received (Parley and bare ws), all connections. */
  wsPings: number
}

export type AgentReport =
  | { type: 'ready'; connectS: number; open: number }
  | ({ type: 'sent' } & StepResult)
  | ({ type: 'held' } & HoldResult)
  | { type: 'failed'; error: string }
