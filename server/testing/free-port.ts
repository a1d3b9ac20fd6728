// A loopback port that was free a moment ago, found by binding port 0 and releasing it. Only for
// a program that cannot bind port 0 and report what it got (redis-server): its caller must try
// again with another port when the program finds this one taken.
import { createServer } from 'node:net'

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.once('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number }
      srv.close(() => resolve(port))
    })
  })
}
