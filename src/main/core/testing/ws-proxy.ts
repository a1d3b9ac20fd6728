// A WebSocket relay between a core and a server, for tests of what the network can do to a
// healthy server: drop a frame (a gap), or stop forwarding (a frozen path).
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import WebSocket, { WebSocketServer } from 'ws'

export interface WsProxy {
  url: string
  /** Server → client frames for which this returns true are silently dropped. */
  dropFromServer: (frame: Record<string, unknown>) => boolean
  /** While true, nothing is forwarded either way and nothing is closed. */
  frozen: boolean
  /** Every text frame clients sent through the proxy, parsed. */
  fromClients: Record<string, unknown>[]
  close(): Promise<void>
}

export async function startWsProxy(target: string): Promise<WsProxy> {
  const http: Server = createServer((_req, res) => res.writeHead(404).end())
  const wss = new WebSocketServer({ noServer: true, handleProtocols: (p) => [...p][0] ?? false })
  const pairs = new Set<[WebSocket, WebSocket]>()
  const proxy: WsProxy = {
    url: '',
    dropFromServer: () => false,
    frozen: false,
    fromClients: [],
    close: async () => {
      for (const [a, b] of pairs) {
        a.terminate()
        b.terminate()
      }
      await new Promise<void>((resolve) => wss.close(() => resolve()))
      http.closeAllConnections()
      await new Promise<void>((resolve) => http.close(() => resolve()))
    },
  }
  http.on('upgrade', (req, socket, head) => {
    const protocols = req.headers['sec-websocket-protocol']?.split(',').map((p) => p.trim())
    const headers: Record<string, string> = {}
    if (req.headers.authorization) headers.authorization = req.headers.authorization
    const upstream = new WebSocket(target, protocols ?? [], { headers })
    upstream.once('unexpected-response', (_r, res) => {
      socket.end(`HTTP/1.1 ${res.statusCode} Refused\r\nConnection: close\r\n\r\n`)
    })
    upstream.once('error', () => socket.destroy())
    upstream.once('open', () => {
      wss.handleUpgrade(req, socket, head, (client) => {
        const pair: [WebSocket, WebSocket] = [client, upstream]
        pairs.add(pair)
        upstream.on('message', (data, isBinary) => {
          if (proxy.frozen) return
          if (!isBinary && proxy.dropFromServer(JSON.parse(String(data)))) return
          client.send(data, { binary: isBinary })
        })
        client.on('message', (data, isBinary) => {
          if (proxy.frozen) return
          if (!isBinary) proxy.fromClients.push(JSON.parse(String(data)))
          upstream.send(data, { binary: isBinary })
        })
        const end = (from: WebSocket, to: WebSocket) =>
          from.on('close', (code) => {
            pairs.delete(pair)
            if (proxy.frozen) return
            if (code === 1005 || code === 1006) to.terminate()
            else to.close(code)
          })
        end(upstream, client)
        end(client, upstream)
      })
    })
  })
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
  proxy.url = `ws://127.0.0.1:${(http.address() as AddressInfo).port}/`
  return proxy
}
