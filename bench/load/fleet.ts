// The load generator's connections: opening them with bounded concurrency, each entering its
// room, and the counters every received frame updates (deliveries, latency, heartbeats, errors).
import { testToken } from '../../server/testing/tokens'
import { LatencyHistogram } from '../measure/latency'
import type { LoadPlan, Problems } from './messages'
import { PROTOCOLS, sentAtUs, type WireProtocol } from './protocols'
import { LoadSocket } from './ws-client'

const MAX_SAMPLES = 5

export interface Conn {
  readonly index: number
  readonly roomId: string
  /** Members of its room, itself included: each of its messages makes that many deliveries. */
  readonly roomMembers: number
  socket: LoadSocket | undefined
}

export class Fleet {
  readonly conns: Conn[]
  readonly protocol: WireProtocol
  readonly latency = new LatencyHistogram()
  delivered = 0
  late = 0
  lastDeliveryUs = 0
  /** Deliveries of messages sent before this moment belong to an earlier step. */
  stepStartUs = 0
  pings = 0
  wsPings = 0
  readonly problems: Problems = { errors: 0, closed: 0, samples: [] }
  private quitting = false

  constructor(private readonly plan: LoadPlan) {
    this.protocol = PROTOCOLS[plan.protocol]
    this.conns = Array.from({ length: plan.connections }, (_, index) => {
      const room = Math.floor(index / plan.roomSize)
      return {
        index,
        roomId: `room-${room}`,
        roomMembers: Math.min(plan.roomSize, plan.connections - room * plan.roomSize),
        socket: undefined,
      }
    })
  }

  /** Opens every connection and enters its room; rejects on the first that cannot. */
  async connectAll(): Promise<void> {
    const deadline = Date.now() + this.plan.connectTimeoutS * 1000
    let next = 0
    const worker = async () => {
      while (next < this.conns.length) {
        if (Date.now() > deadline) throw new Error(`not connected within the connect timeout`)
        await this.connect(this.conns[next++]!, deadline)
      }
    }
    await Promise.all(Array.from({ length: this.plan.connectConcurrency }, worker))
  }

  sample(problem: string): void {
    if (this.problems.samples.length < MAX_SAMPLES) this.problems.samples.push(problem)
  }

  get open(): number {
    return this.conns.filter((c) => c.socket?.isOpen).length
  }

  destroyAll(): void {
    this.quitting = true
    for (const c of this.conns) c.socket?.destroy()
  }

  private async connect(conn: Conn, deadline: number): Promise<void> {
    const { protocol, plan } = this
    const headers: Record<string, string> = {}
    if (plan.jwtSecret !== undefined) {
      const token = await testToken(`u${conn.index}`, {
        secret: plan.jwtSecret,
        name: `user ${conn.index}`,
      })
      headers.authorization = `Bearer ${token}`
    }
    let entered!: () => void
    const ready = new Promise<void>((resolve) => (entered = resolve))
    const socket = await LoadSocket.open(
      { port: plan.port, path: protocol.path, headers, subprotocol: protocol.subprotocol },
      {
        text: (buf, start, end, now, from) => {
          const kind = protocol.classify(buf, start, end)
          if (kind === 'delivery') return this.delivery(buf, start, end, now)
          if (kind === 'ping') {
            this.pings++
            if (protocol.pong) from.sendText(protocol.pong)
          } else if (kind === 'entered') {
            entered()
          } else if (kind === 'connected') {
            for (const f of protocol.afterConnect(conn.roomId)) from.sendText(f)
          } else if (kind === 'error') {
            this.problems.errors++
            this.sample(
              `conn ${conn.index}: ${buf.toString('utf8', start, Math.min(end, start + 200))}`,
            )
          }
        },
        pinged: () => this.wsPings++,
        closed: (code, reason) => {
          if (this.quitting) return
          this.problems.closed++
          this.sample(`conn ${conn.index} closed: ${code} ${reason}`)
        },
      },
    )
    conn.socket = socket
    for (const f of protocol.opening(conn.roomId, `user ${conn.index}`)) socket.sendText(f)
    let timer: NodeJS.Timeout | undefined
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`connection ${conn.index} did not enter ${conn.roomId}`)),
        Math.max(0, deadline - Date.now()),
      )
    })
    try {
      await Promise.race([ready, late])
    } finally {
      clearTimeout(timer)
    }
  }

  private delivery(buf: Buffer, start: number, end: number, now: number): void {
    const sent = sentAtUs(buf, start, end)
    if (sent < this.stepStartUs) {
      this.late++
      return
    }
    this.delivered++
    this.lastDeliveryUs = now
    this.latency.record(now - sent)
  }
}
