// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { beforeEach, describe, expect, it } from 'vitest'
import { createAppI18n } from '../i18n'
import { useConnectionStore } from '../stores/connection'
import { useSessionStore } from '../stores/session'
import type { FakeBridge } from '../testing/fake-bridge'
import { freshApp, settle } from '../testing/setup'
import ConnectionBanner from './ConnectionBanner.vue'

let fake: FakeBridge

async function banner(locale: 'en' | 'zh-CN' = 'en') {
  await useConnectionStore().start()
  const wrapper = mount(ConnectionBanner, { global: { plugins: [createAppI18n(locale)] } })
  await settle()
  return wrapper
}

describe('ConnectionBanner', () => {
  beforeEach(() => {
    fake = freshApp()
  })

  it('is absent while connected', async () => {
    const wrapper = await banner()
    expect(wrapper.find('[role=status]').exists()).toBe(false)
  })

  it('shows the reconnect countdown and retries now on request', async () => {
    fake.connection = { status: 'reconnecting', nextTryAt: Date.now() + 8_000, attempt: 2 }
    const wrapper = await banner()
    expect(wrapper.text()).toMatch(/Connection lost\. Reconnecting… next try in [78] s/)
    expect(wrapper.get('[role=status]').attributes('aria-label')).toBe('Connection')
    await wrapper.get('button').trigger('click')
    expect(fake.calls).toContain('reconnectNow')
  })

  it('follows state changes: offline, then signed out with a sign-in button', async () => {
    await useSessionStore().start()
    const wrapper = await banner()
    fake.events.connection.emit({ status: 'offline' })
    await settle()
    expect(wrapper.text()).toContain('Your messages will be sent when you are back.')
    fake.events.connection.emit({ status: 'signed-out', reason: 'unauthorized' })
    await settle()
    expect(wrapper.text()).toContain('The server no longer accepts your sign-in.')
    await wrapper.get('button.btn-primary').trigger('click')
    expect(useSessionStore().phase).toBe('signed-out')
  })

  it('speaks Simplified Chinese', async () => {
    fake.connection = { status: 'offline' }
    const wrapper = await banner('zh-CN')
    expect(wrapper.text()).toContain('你已离线')
  })

  it('says the same sentence while a lost connection tries again', async () => {
    const wrapper = await banner()
    fake.events.connection.emit({ status: 'connecting', attempt: 1 })
    fake.events.connection.emit({ status: 'open' })
    await settle()
    expect(wrapper.find('[role=status]').exists()).toBe(false)
    const sentences: string[] = []
    for (const state of [
      { status: 'reconnecting', nextTryAt: Date.now() + 3_000, attempt: 1 },
      { status: 'connecting', attempt: 1 },
      { status: 'reconnecting', nextTryAt: Date.now() + 5_000, attempt: 2 },
      { status: 'connecting', attempt: 2 },
    ] as const) {
      fake.events.connection.emit(state)
      await settle()
      sentences.push(wrapper.get('.text').element.firstChild!.textContent!.trim())
    }
    expect(new Set(sentences)).toEqual(new Set(['Connection lost. Reconnecting…']))
  })
})
