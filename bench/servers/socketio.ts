// The socket.io 4 room broadcast the benchmark compares Parley with: socket.join(room) and
// io.to(room).emit, websocket transport only, nothing stored.
// Run as a child process: PORT and HEARTBEAT_INTERVAL_MS from the environment.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Server } from 'socket.io'

const port = Number(process.env.PORT)
const heartbeatMs = Number(process.env.HEARTBEAT_INTERVAL_MS ?? 25_000)
const seqs = new Map<string, number>()

const http = createServer((req, res) => {
  if (req.url === '/healthz') res.writeHead(200).end()
})
const io = new Server(http, {
  transports: ['websocket'],
  perMessageDeflate: false,
  httpCompression: false,
  serveClient: false,
  // The same heartbeat period as the other servers, so the idle scenario compares like with like.
  pingInterval: heartbeatMs,
})

io.on('connection', (socket) => {
  socket.on('enter', (roomId: unknown, ack?: unknown) => {
    if (typeof roomId !== 'string') return
    void socket.join(roomId)
    if (typeof ack === 'function') ack({ num: io.sockets.adapter.rooms.get(roomId)?.size ?? 0 })
  })
  socket.on('message', (m: { roomId?: unknown; message?: unknown; cid?: unknown }) => {
    if (typeof m?.roomId !== 'string' || typeof m.message !== 'string') return
    if (!socket.rooms.has(m.roomId)) return
    const seq = (seqs.get(m.roomId) ?? 0) + 1
    seqs.set(m.roomId, seq)
    io.to(m.roomId).emit('message', {
      roomId: m.roomId,
      seq,
      uid: socket.id,
      message: m.message,
      ts: Date.now(),
      cid: m.cid,
      num: io.sockets.adapter.rooms.get(m.roomId)?.size ?? 0,
    })
  })
})

// PORT=0 picks a free port as it binds; the harness learns it over the IPC channel.
http.listen(port, '127.0.0.1', () => {
  process.send?.({ event: 'listening', port: (http.address() as AddressInfo).port })
})

process.once('SIGTERM', () => {
  io.disconnectSockets(true)
  void io.close(() => process.exit(0))
})
