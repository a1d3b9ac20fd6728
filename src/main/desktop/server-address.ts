// A server address as the user typed it, in the forms the app needs: the ws(s):// URL signIn
// uses, the http(s):// base its HTTP endpoints live on, and whether it is plain text to a
// host outside this machine and its LAN (refused: the token would cross the internet in clear).
import { BlockList, isIP } from 'node:net'
import { normalizeServerUrl } from '../core'

export interface ServerAddress {
  /** ws:// or wss://, as the core normalises it. */
  serverUrl: string
  /** http(s)://host:port of the same server, for /healthz and /api/token. */
  httpOrigin: string
  /** Plain ws:// to a host that is neither loopback nor on a private LAN. */
  insecure: boolean
}

// Loopback, RFC 1918, link-local, CGNAT (Tailscale and the like) and IPv6 unique-local ranges.
const nearby = new BlockList()
nearby.addSubnet('127.0.0.0', 8, 'ipv4')
nearby.addSubnet('10.0.0.0', 8, 'ipv4')
nearby.addSubnet('172.16.0.0', 12, 'ipv4')
nearby.addSubnet('192.168.0.0', 16, 'ipv4')
nearby.addSubnet('169.254.0.0', 16, 'ipv4')
nearby.addSubnet('100.64.0.0', 10, 'ipv4')
nearby.addAddress('::1', 'ipv6')
nearby.addSubnet('fc00::', 7, 'ipv6')
nearby.addSubnet('fe80::', 10, 'ipv6')

/** Whether a URL's hostname is this machine or an address on a private network. */
export function isNearbyHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase()
  if (host === 'localhost' || host.endsWith('.localhost')) return true
  // mDNS names (myserver.local) only resolve on the local network.
  if (host.endsWith('.local')) return true
  const family = isIP(host)
  if (family === 4) return nearby.check(host, 'ipv4')
  if (family === 6) return nearby.check(host, 'ipv6')
  return false
}

/** Throws the core's invalid-input error for anything that is not a ws/wss/http/https URL. */
export function parseServerAddress(input: string): ServerAddress {
  const serverUrl = normalizeServerUrl(input)
  const url = new URL(serverUrl)
  const secure = url.protocol === 'wss:'
  return {
    serverUrl,
    httpOrigin: `${secure ? 'https' : 'http'}://${url.host}`,
    insecure: !secure && !isNearbyHost(url.hostname),
  }
}
