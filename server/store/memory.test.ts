// Runs the ChatStore contract against the in-process store.
import { createMemoryStore } from './memory'
import { describeChatStore } from './store.contract'

describeChatStore('memory', (options) => createMemoryStore(options))
