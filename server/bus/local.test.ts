// Runs the Bus contract against the in-process bus.
import { describeBus } from './bus.contract'
import { createLocalBus } from './local'

describeBus('local', () => {
  const bus = createLocalBus()
  return { publisher: bus, listener: bus }
})
