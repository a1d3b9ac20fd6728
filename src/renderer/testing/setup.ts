// Shared set-up of the renderer's unit tests: a fresh fake bridge, Pinia and storage per test.
import { flushPromises } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { installBridge } from '../bridge'
import { FakeBridge } from './fake-bridge'

export function freshApp(): FakeBridge {
  localStorage.clear()
  const fake = new FakeBridge()
  installBridge(fake.bridge())
  setActivePinia(createPinia())
  return fake
}

/** Lets the stores' bridge calls and watchers settle. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) await flushPromises()
}
