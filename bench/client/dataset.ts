// Deterministic chat-like messages for the client benchmarks: a fixed vocabulary with a
// skewed word frequency, so searches hit a realistic mix of rare and common words.
import type { ChatMessage } from '../../src/shared/protocol'
import { seededRandom } from '../../src/shared/seeded-random'

const COMMON = ['the', 'a', 'to', 'and', 'is', 'it', 'on', 'for', 'we', 'you', 'that', 'this']
const TOPICS = [
  'deploy',
  'meeting',
  'lunch',
  'release',
  'bug',
  'review',
  'budget',
  'design',
  'coffee',
  'server',
  'client',
  'database',
  'ticket',
  'invoice',
  'roadmap',
  'standup',
  'holiday',
  'migration',
  'backup',
  'incident',
  'customer',
  'feature',
  'sprint',
  'office',
  'weekend',
]
const RARE = ['quartermaster', 'zeppelin', 'marmalade', 'kaleidoscope', 'harpsichord']

function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)] as T
}

/** 4–20 words: mostly common words, a topic word or two, a rare word in 1 of 1000. */
export function sentence(random: () => number): string {
  const words: string[] = []
  const n = 4 + Math.floor(random() * 17)
  for (let i = 0; i < n; i++) {
    const r = random()
    if (r < 0.001) words.push(pick(random, RARE))
    else if (r < 0.15) words.push(pick(random, TOPICS))
    else words.push(pick(random, COMMON))
  }
  return words.join(' ')
}

export function messages(roomId: string, from: number, to: number, seed = 1): ChatMessage[] {
  const random = seededRandom(seed + from)
  const out: ChatMessage[] = []
  for (let seq = from; seq <= to; seq++) {
    out.push({
      roomId,
      seq,
      id: `${roomId}:${seq}`,
      uid: `user${seq % 7}`,
      name: `User ${seq % 7}`,
      message: sentence(random),
      ts: 1_700_000_000_000 + seq * 1500,
      cid: `c${seq}`,
    })
  }
  return out
}
