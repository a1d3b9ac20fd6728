// Whether a checked server address is plain ws:// to another machine: main allows that only
// on a private LAN, and the sign-in says that others on the network could read the chat.

export function isPlainLan(serverUrl: string): boolean {
  const url = new URL(serverUrl)
  if (url.protocol !== 'ws:') return false
  const host = url.hostname
  return !(host === 'localhost' || host === '[::1]' || /^127\./.test(host))
}
