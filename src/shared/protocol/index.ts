// The wire protocol v1 in one import: constants, client frames, server frames.
export * from './constants'
export * from './client-frames'
export * from './server-frames'
