// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { beforeEach, describe, expect, it } from 'vitest'
import type { MessageView, SendFailure } from '../../shared/bridge'
import { createAppI18n } from '../i18n'
import { useMessagesStore } from '../stores/messages'
import { stored, type FakeBridge } from '../testing/fake-bridge'
import { freshApp, settle } from '../testing/setup'
import MessageRow from './MessageRow.vue'

let fake: FakeBridge

function failed(failure: SendFailure | null, text = 'x'.repeat(4321)): MessageView {
  return { ...stored('lobby', 0), seq: null, id: null, cid: 'c1', text, state: 'failed', failure }
}

function row(message: MessageView, highlighted = false) {
  return mount(MessageRow, {
    props: { message, grouped: false, highlighted },
    global: { plugins: [createAppI18n()] },
  })
}

const buttons = (wrapper: ReturnType<typeof row>) => wrapper.findAll('button').map((b) => b.text())

describe('MessageRow', () => {
  beforeEach(() => {
    fake = freshApp()
  })

  it('offers no retry for a message too long for the server, but says why and offers Edit', async () => {
    const wrapper = row(failed('too_large'))
    expect(wrapper.text()).toContain('too long for this server (4321 characters)')
    expect(buttons(wrapper)).toEqual(['Edit', 'Discard'])

    await wrapper.findAll('button')[0]!.trigger('click')
    await settle()
    expect(useMessagesStore().drafts.lobby).toBe('x'.repeat(4321))
    expect(fake.calls).toContain('discard:c1')
  })

  it('offers no retry for a message the room does not allow', () => {
    const wrapper = row(failed('forbidden', 'hi'))
    expect(wrapper.text()).toContain('you may not post in this room')
    expect(buttons(wrapper)).toEqual(['Discard'])
  })

  it('offers retry for a message that failed for no lasting reason', () => {
    expect(buttons(row(failed(null, 'hi')))).toEqual(['Retry', 'Discard'])
  })

  it('marks the message jumped to as current, and its text with a stable hook', () => {
    const message = stored('lobby', 7, { text: 'found it' })
    expect(row(message, true).get('article').attributes('aria-current')).toBe('true')
    expect(row(message).get('article').attributes('aria-current')).toBeUndefined()
    expect(row(message).get('[data-part="text"]').text()).toBe('found it')
  })
})
