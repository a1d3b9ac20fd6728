// The bare `ws` room broadcast the benchmark compares Parley with: the ceiling of this stack. Each
// message is serialised once and the same bytes go to every member; nothing is stored.
// Run as a child process: PORT and HEARTBEAT_INTERVAL_MS from the environment.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { WebSocketServer, type WebSocket } from 'ws'

interface Member {
  ws: WebSocket
  uid: string
  rooms: Set<string>
  alive: boolean
}

interface Room {
  seq: number
  members: Set<Member>
}

const port = Number(process.env.PORT)
const heartbeatMs = Number(process.env.HEARTBEAT_INTERVAL_MS ?? 25_000)
const rooms = new Map<string, Room>()
const members = new Set<Member>()
let nextUid = 0

const http = createServer((req, res) => {
  res.writeHead(req.url === '/healthz' ? 200 : 404).end()
})
const wss = new WebSocketServer({ server: http, perMessageDeflate: false, clientTracking: false })

wss.on('connection', (ws) => {
  const member: Member = { ws, uid: `u${++nextUid}`, rooms: new Set(), alive: true }
  members.add(member)
  ws.on('message', (data, isBinary) => onMessage(member, data, isBinary))
  ws.on('pong', () => (member.alive = true))
  ws.on('error', () => ws.terminate())
  ws.on('close', () => leaveAll(member))
})

function onMessage(member: Member, data: WebSocket.RawData, isBinary: boolean): void {
  member.alive = true
  if (isBinary) return
  let frame: { event?: unknown; roomId?: unknown; message?: unknown; cid?: unknown }
  try {
    frame = JSON.parse(data.toString()) as typeof frame
  } catch {
    return
  }
  if (typeof frame.roomId !== 'string') return
  if (frame.event === 'enter') return enter(member, frame.roomId)
  if (frame.event === 'message' && typeof frame.message === 'string') {
    broadcast(member, frame.roomId, frame.message, typeof frame.cid === 'string' ? frame.cid : '')
  }
}

function enter(member: Member, roomId: string): void {
  let room = rooms.get(roomId)
  if (!room) rooms.set(roomId, (room = { seq: 0, members: new Set() }))
  room.members.add(member)
  member.rooms.add(roomId)
  member.ws.send(JSON.stringify({ event: 'enter', roomId, num: room.members.size }))
}

function broadcast(sender: Member, roomId: string, message: string, cid: string): void {
  const room = rooms.get(roomId)
  if (!room || !sender.rooms.has(roomId)) return
  const frame = Buffer.from(
    JSON.stringify({
      event: 'message',
      roomId,
      seq: ++room.seq,
      uid: sender.uid,
      message,
      ts: Date.now(),
      cid,
      num: room.members.size,
    }),
  )
  for (const m of room.members) m.ws.send(frame, { binary: false })
}

function leaveAll(member: Member): void {
  members.delete(member)
  for (const roomId of member.rooms) {
    const room = rooms.get(roomId)
    room?.members.delete(member)
    if (room?.members.size === 0) rooms.delete(roomId)
  }
}

// ws's isAlive pattern, as Parley's heartbeat: a socket silent for a whole interval is dropped.
const heartbeat = setInterval(() => {
  for (const m of members) {
    if (!m.alive) {
      m.ws.terminate()
      continue
    }
    m.alive = false
    m.ws.ping()
  }
}, heartbeatMs)

// PORT=0 picks a free port as it binds; the harness learns it over the IPC channel.
http.listen(port, '127.0.0.1', () => {
  process.send?.({ event: 'listening', port: (http.address() as AddressInfo).port })
})

process.once('SIGTERM', () => {
  clearInterval(heartbeat)
  for (const m of members) m.ws.terminate()
  http.close(() => process.exit(0))
})
