// Turns SQLite failures into ParleyCoreError codes the UI can explain (corrupt, locked,
// unavailable) instead of raw driver errors, so a bad file is a message, not a crash loop.
import { ParleyCoreError } from '../errors'

/**
 * Translates an error thrown while using the database file. Errors that are not about the
 * database (a bug in our code) come back unchanged, so they are not disguised as disk trouble.
 */
export function toDatabaseError(err: unknown, file: string): unknown {
  const code = errorCode(err)
  if (!code.startsWith('SQLITE_') && !FILE_ERRORS.has(code)) return err
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT_')) {
    return new ParleyCoreError(
      'db-corrupt',
      `The local message database is damaged (${file}). Move it away to start a fresh copy; messages will download again.`,
      { cause: err },
    )
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new ParleyCoreError(
      'db-locked',
      `The local message database is in use by another program (${file}). Close other Parley windows and try again.`,
      { cause: err },
    )
  }
  const detail = err instanceof Error ? err.message : String(err)
  return new ParleyCoreError(
    'db-unavailable',
    `The local message database cannot be used (${file}): ${detail}`,
    { cause: err },
  )
}

// What opening or creating the file under the data directory can fail with.
const FILE_ERRORS = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOSPC', 'ENOTDIR', 'EISDIR', 'EEXIST'])

function errorCode(err: unknown): string {
  if (typeof err === 'object' && err !== null && 'code' in err) {
    const code = (err as { code: unknown }).code
    if (typeof code === 'string') return code
  }
  return ''
}
