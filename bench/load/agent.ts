// The load generator process: takes a plan and steps from the harness over IPC, so its CPU is
// measured apart from the server's and the harness's. It exits when the harness goes away.
import type { AgentCommand, AgentReport, LoadPlan } from './messages'
import { Fleet } from './fleet'
import { hold, runStep } from './sender'

let fleet: Fleet | undefined
let plan: LoadPlan | undefined
let queue = Promise.resolve()

const report = (r: AgentReport): void => void process.send!(r)

process.on('message', (command: AgentCommand) => {
  // One command at a time, in order.
  queue = queue
    .then(() => handle(command))
    .catch((err: Error) => {
      report({ type: 'failed', error: err.message })
    })
})
process.on('disconnect', () => quit())

async function handle(c: AgentCommand): Promise<void> {
  switch (c.type) {
    case 'plan': {
      plan = c.plan
      fleet = new Fleet(plan)
      const started = Date.now()
      await fleet.connectAll()
      return report({ type: 'ready', connectS: (Date.now() - started) / 1000, open: fleet.open })
    }
    case 'send':
      return report({ type: 'sent', ...(await runStep(fleet!, c, plan!.payloadBytes)) })
    case 'hold':
      return report({ type: 'held', ...(await hold(fleet!, c.durationS)) })
    case 'quit':
      return quit()
  }
}

function quit(): void {
  fleet?.destroyAll()
  process.exit(0)
}
