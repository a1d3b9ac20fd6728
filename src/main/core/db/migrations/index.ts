// Every migration, in order. A new one is a new numbered file appended here.
import { migration001 } from './001-initial'
import { migration002 } from './002-message-search'
import { migration003 } from './003-archive-shift'
import type { Migration } from './types'

export const migrations: readonly Migration[] = [migration001, migration002, migration003]
