// Forces a full garbage collection in a server under test through the V8 inspector (the server
// runs with --inspect on a loopback port), so RSS per connection counts what connections keep,
// not garbage that a GC happened or happened not to return to the OS before the reading.
import WebSocket from 'ws'

const TIMEOUT_MS = 10_000

export async function collectGarbage(inspectPort: number): Promise<void> {
  const targets = (await (await fetch(`http://127.0.0.1:${inspectPort}/json/list`)).json()) as {
    webSocketDebuggerUrl?: string
  }[]
  const url = targets.find((t) => t.webSocketDebuggerUrl)?.webSocketDebuggerUrl
  if (!url) throw new Error('no inspector target')
  const ws = new WebSocket(url)
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('inspector did not answer')), TIMEOUT_MS)
      ws.once('error', reject)
      ws.once('open', () =>
        ws.send(JSON.stringify({ id: 1, method: 'HeapProfiler.collectGarbage' })),
      )
      ws.on('message', (data) => {
        if ((JSON.parse(data.toString()) as { id?: number }).id !== 1) return
        clearTimeout(timer)
        resolve()
      })
    })
  } finally {
    ws.close()
  }
}
