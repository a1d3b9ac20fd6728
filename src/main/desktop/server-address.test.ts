// Which plain ws:// addresses are refused: everything outside this machine and its LAN.
import { describe, expect, it } from 'vitest'
import { isNearbyHost, parseServerAddress } from './server-address'

describe('server address', () => {
  it('turns http(s) into ws(s) and gives the HTTP origin of the same server', () => {
    expect(parseServerAddress('https://chat.example.org')).toEqual({
      serverUrl: 'wss://chat.example.org/',
      httpOrigin: 'https://chat.example.org',
      insecure: false,
    })
    expect(parseServerAddress(' ws://192.168.1.20:3000 ')).toEqual({
      serverUrl: 'ws://192.168.1.20:3000/',
      httpOrigin: 'http://192.168.1.20:3000',
      insecure: false,
    })
  })

  it('marks plain ws:// to a public host insecure, and wss:// to it not', () => {
    expect(parseServerAddress('ws://chat.example.org:3000').insecure).toBe(true)
    expect(parseServerAddress('ws://8.8.8.8').insecure).toBe(true)
    expect(parseServerAddress('http://[2001:db8::1]:3000').insecure).toBe(true)
    expect(parseServerAddress('wss://8.8.8.8').insecure).toBe(false)
  })

  it('counts loopback, private, link-local, CGNAT, unique-local and .local names as nearby', () => {
    for (const host of [
      'localhost',
      '127.0.0.1',
      '127.8.9.10',
      '[::1]',
      '10.1.2.3',
      '172.16.0.1',
      '172.31.255.255',
      '192.168.0.10',
      '169.254.1.1',
      '100.100.1.1',
      '[fd12:3456::1]',
      '[fe80::1]',
      'nas.local',
    ]) {
      expect(isNearbyHost(host), host).toBe(true)
    }
    for (const host of ['172.32.0.1', '11.0.0.1', '8.8.8.8', 'example.com', 'local', '[2001::1]']) {
      expect(isNearbyHost(host), host).toBe(false)
    }
  })

  it('refuses what is not a server address with the core invalid-input error', () => {
    expect(() => parseServerAddress('ftp://example.org')).toThrow(/not a server address/)
    expect(() => parseServerAddress('chat')).toThrow(/not a server address/)
  })
})
