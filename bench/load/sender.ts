// One send step: the senders send at a fixed total rate for a fixed time (bounded in count and
// time), then the step waits for the deliveries still under way, up to a drain timeout.
import type { Fleet, Conn } from './fleet'
import type { HoldResult, SendStep, StepResult } from './messages'
import { stampedText } from './protocols'
import { nowUs } from './ws-client'

const TICK_MS = 5
const DRAIN_POLL_MS = 5
/** Unique over every step of the process: Parley answers a repeated cid as a resend. */
let lastCid = 0

/** Connection indexes spread evenly over all connections (so over the rooms too). */
export function senderIndexes(connections: number, senders: number): number[] {
  const n = Math.min(connections, Math.max(1, senders))
  return Array.from({ length: n }, (_, k) => Math.floor((k * connections) / n))
}

export async function runStep(
  fleet: Fleet,
  step: SendStep,
  payloadBytes: number,
): Promise<StepResult> {
  const senders = senderIndexes(fleet.conns.length, step.senders).map((i) => fleet.conns[i]!)
  const total = Math.round(step.ratePerSec * step.durationS)
  const startErrors = { ...fleet.problems, samples: [...fleet.problems.samples] }
  fleet.latency.reset()
  fleet.delivered = 0
  fleet.late = 0
  fleet.stepStartUs = nowUs()
  const startUs = fleet.stepStartUs
  let sent = 0
  let expected = 0
  let lastSendUs = startUs
  let lagMs = 0

  const sendOne = (conn: Conn) => {
    const socket = conn.socket
    if (!socket?.isOpen) return
    const at = nowUs()
    socket.sendText(
      fleet.protocol.message(conn.roomId, stampedText(at, payloadBytes), `c${++lastCid}`),
    )
    lastSendUs = at
    expected += conn.roomMembers
  }

  await new Promise<void>((resolve) => {
    let expectedTick = startUs
    const tick = () => {
      const now = nowUs()
      lagMs = Math.max(lagMs, (now - expectedTick) / 1000)
      expectedTick = now + TICK_MS * 1000
      const due = Math.min(total, Math.floor(((now - startUs) / 1e6) * step.ratePerSec))
      while (sent < due) sendOne(senders[sent++ % senders.length]!)
      if (sent >= total) {
        clearInterval(timer)
        resolve()
      }
    }
    const timer = setInterval(tick, TICK_MS)
    tick()
  })

  const drainUntil = Date.now() + step.drainTimeoutS * 1000
  while (fleet.delivered < expected && Date.now() < drainUntil) {
    await new Promise((r) => setTimeout(r, DRAIN_POLL_MS))
  }
  return {
    sent,
    expected,
    delivered: fleet.delivered,
    latency: fleet.latency.summary(),
    sendS: (lastSendUs - startUs) / 1e6,
    spanS: (Math.max(fleet.lastDeliveryUs, lastSendUs) - startUs) / 1e6,
    senderLagMs: Math.round(lagMs * 10) / 10,
    late: fleet.late,
    ...problemsSince(fleet, startErrors),
  }
}

export async function hold(fleet: Fleet, durationS: number): Promise<HoldResult> {
  const before = { pings: fleet.pings, wsPings: fleet.wsPings }
  const startErrors = { ...fleet.problems, samples: [...fleet.problems.samples] }
  await new Promise((r) => setTimeout(r, durationS * 1000))
  return {
    open: fleet.open,
    pings: fleet.pings - before.pings,
    wsPings: fleet.wsPings - before.wsPings,
    ...problemsSince(fleet, startErrors),
  }
}

function problemsSince(fleet: Fleet, start: Fleet['problems']) {
  return {
    errors: fleet.problems.errors - start.errors,
    closed: fleet.problems.closed - start.closed,
    samples: fleet.problems.samples.slice(start.samples.length),
  }
}
