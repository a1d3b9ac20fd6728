// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { beforeEach, describe, expect, it } from 'vitest'
import type { FakeBridge } from '../testing/fake-bridge'
import { freshApp } from '../testing/setup'
import MessageText from './MessageText.vue'

let fake: FakeBridge

describe('MessageText', () => {
  beforeEach(() => {
    fake = freshApp()
  })

  it('shows markup in a message as text and builds no element from it', () => {
    const text = '<img src=x onerror=alert(1)> <b>bold</b>'
    const wrapper = mount(MessageText, { props: { text }, attachTo: document.body })
    expect(wrapper.text()).toBe(text)
    expect(document.body.querySelector('img')).toBeNull()
    expect(document.body.querySelector('b')).toBeNull()
    wrapper.unmount()
  })

  it('makes links clickable and opens them through the bridge', async () => {
    const wrapper = mount(MessageText, { props: { text: 'docs at https://example.org/guide.' } })
    const link = wrapper.get('a')
    expect(link.text()).toBe('https://example.org/guide')
    expect(link.attributes('href')).toBe('https://example.org/guide')
    await link.trigger('click')
    expect(fake.calls).toContain('openExternal:https://example.org/guide')
  })
})
