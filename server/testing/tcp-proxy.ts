// Test fixture: a TCP relay on a loopback port it binds itself (port 0), in front of a server,
// whose links a test can cut at once (a network failure, as both ends see it) and which can
// refuse new links for a while (a server that is not there yet).
import { connect, createServer, type Server, type Socket } from 'node:net'
import type { AddressInfo } from 'node:net'

export interface TcpProxy {
  readonly port: number
  /** Links open now. */
  readonly links: number
  /** Destroys every open link, both sides, without a close handshake. */
  cut(): void
  /** Destroys the open link that was opened `index`-th among those open now. */
  cutOne(index: number): void
  /** While refusing, a new link is destroyed as soon as it arrives. */
  refuse(on: boolean): void
  close(): Promise<void>
}

export async function startTcpProxy(targetPort: number): Promise<TcpProxy> {
  const open = new Set<[Socket, Socket]>()
  let refusing = false
  const server: Server = createServer((client) => {
    if (refusing) return void client.destroy()
    const upstream = connect({ host: '127.0.0.1', port: targetPort })
    const link: [Socket, Socket] = [client, upstream]
    open.add(link)
    const end = () => {
      open.delete(link)
      client.destroy()
      upstream.destroy()
    }
    client.on('error', end).on('close', end)
    upstream.on('error', end).on('close', end)
    client.pipe(upstream)
    upstream.pipe(client)
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const destroy = ([a, b]: [Socket, Socket]) => {
    open.delete([a, b])
    a.destroy()
    b.destroy()
  }
  return {
    port: (server.address() as AddressInfo).port,
    get links() {
      return open.size
    },
    cut() {
      for (const link of [...open]) destroy(link)
    },
    cutOne(index) {
      const link = [...open][index]
      if (link) destroy(link)
    },
    refuse(on) {
      refusing = on
    },
    close() {
      for (const link of [...open]) destroy(link)
      return new Promise((resolve) => server.close(() => resolve()))
    },
  }
}
