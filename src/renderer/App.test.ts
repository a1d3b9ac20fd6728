// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import App from './App.vue'
import { createAppI18n } from './i18n'
import { useRoomsStore } from './stores/rooms'
import type { FakeBridge } from './testing/fake-bridge'
import { freshApp, settle } from './testing/setup'

let fake: FakeBridge

async function mountApp() {
  const wrapper = mount(App, {
    global: { plugins: [createAppI18n()] },
    attachTo: document.body,
  })
  await settle()
  return wrapper
}

describe('App', () => {
  beforeEach(() => {
    fake = freshApp()
    fake.addRoom('general', 20)
    fake.addRoom('random', 5)
  })

  it('shows the sign-in screen without an account and signs in as a guest', async () => {
    fake.account = null
    const wrapper = await mountApp()
    expect(wrapper.text()).toContain('Sign in to Parley')
    await wrapper.get('input').setValue('ws://127.0.0.1:4000')
    await wrapper.get('form').trigger('submit')
    await settle()
    expect(document.activeElement).toBe(wrapper.get('input').element)
    await wrapper.get('input').setValue('Ann')
    await wrapper.get('form').trigger('submit')
    await settle()
    expect(wrapper.find('nav[aria-label="Joined rooms"]').exists()).toBe(true)
    expect(wrapper.text()).toContain('Ann')
    wrapper.unmount()
  })

  it('switches language when the setting changes, and follows it back', async () => {
    const wrapper = await mountApp()
    expect(wrapper.get('nav').attributes('aria-label')).toBe('Joined rooms')
    await fake.bridge().updateSettings({ language: 'zh-CN' })
    await settle()
    expect(wrapper.get('nav').attributes('aria-label')).toBe('已加入的房间')
    expect(document.documentElement.lang).toBe('zh-CN')
    await fake.bridge().updateSettings({ language: 'en' })
    await settle()
    expect(wrapper.get('nav').attributes('aria-label')).toBe('Joined rooms')
    wrapper.unmount()
  })

  it('opens the room of a search result at that message', async () => {
    fake.hits = [
      {
        roomId: 'random',
        seq: 3,
        uid: 'u0',
        name: 'User 0',
        ts: Date.now(),
        snippet: [
          { text: 'the ', hit: false },
          { text: 'deploy', hit: true },
          { text: ' is done', hit: false },
        ],
      },
    ]
    const wrapper = await mountApp()
    await wrapper.get('button[aria-label="Search messages"]').trigger('click')
    await settle()
    const input = document.body.querySelector<HTMLInputElement>('input[type=search]')!
    input.value = 'deploy'
    input.dispatchEvent(new Event('input'))
    const mark = await vi.waitFor(() => {
      const found = document.body.querySelector('mark')
      expect(found?.textContent).toBe('deploy')
      return found!
    })
    mark.closest('button')!.click()
    await settle()
    expect(useRoomsStore().currentRoomId).toBe('random')
    expect(wrapper.get('h1').text()).toBe('random')
    wrapper.unmount()
  })

  it('stays on the sign-in screen and says so when the server refuses a first token', async () => {
    fake.account = null
    fake.refuseToken = true
    const wrapper = await mountApp()
    await wrapper.get('input').setValue('ws://127.0.0.1:4000')
    await wrapper.get('form').trigger('submit')
    await settle()
    const useToken = wrapper.findAll('button').find((b) => b.text() === 'I have a token')!
    await useToken.trigger('click')
    await wrapper.get('textarea').setValue('eyJ.forged.token')
    await wrapper.get('form').trigger('submit')
    await settle()
    expect(wrapper.find('nav[aria-label="Joined rooms"]').exists()).toBe(false)
    expect(wrapper.get('[role="alert"]').text()).toContain('The server refused this token.')
    expect(wrapper.text()).not.toContain('no longer accepts')
    expect(fake.account).toBeNull()
    wrapper.unmount()
  })

  it('does not show online counts as live while not connected', async () => {
    fake.connection = { status: 'reconnecting', nextTryAt: Date.now() + 5_000, attempt: 1 }
    const wrapper = await mountApp()
    await wrapper.get('nav button[data-room]').trigger('click')
    await settle()
    const header = wrapper.get('header .online')
    expect(header.classes()).toContain('stale')
    expect(header.attributes('title')).toBe('Last known count; not connected now')
    expect(header.text()).toContain('(Last known count; not connected now)')
    expect(wrapper.find('nav .online').exists()).toBe(false)

    fake.events.connection.emit({ status: 'open' })
    await settle()
    expect(wrapper.get('header .online').classes()).not.toContain('stale')
    expect(wrapper.find('nav .online').exists()).toBe(true)
    wrapper.unmount()
  })

  it('shows a forbidden room as not allowed, without a composer, and leaves it', async () => {
    const wrapper = await mountApp()
    await wrapper.get('nav button[aria-label="random"]').trigger('click')
    await settle()
    fake.events.problem.emit({ kind: 'room-forbidden', roomId: 'random' })
    await settle()
    expect(wrapper.find('nav button[aria-label="random, not allowed"]').exists()).toBe(true)
    expect(wrapper.find('textarea').exists()).toBe(false)
    expect(wrapper.get('.pane').text()).toContain('You are not allowed in this room.')
    const leave = wrapper.findAll('.pane button').find((b) => b.text() === 'Leave room')!
    await leave.trigger('click')
    await settle()
    expect(fake.rooms.has('random')).toBe(false)
    expect(wrapper.find('nav button[aria-label^="random"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('offers one "Join a room" button while there are no rooms', async () => {
    fake.rooms.clear()
    const wrapper = await mountApp()
    const joins = wrapper
      .findAll('button')
      .filter((b) => (b.attributes('aria-label') ?? b.text()) === 'Join a room')
    expect(joins).toHaveLength(1)
    expect(joins[0]!.classes()).toContain('btn-primary')
    wrapper.unmount()
  })
})
