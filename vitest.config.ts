import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  // The renderer's component tests import .vue files.
  plugins: [vue()],
  test: {
    include: [
      'server/**/*.test.ts',
      'src/**/*.test.ts',
      'bench/**/*.test.ts',
      'scripts/**/*.test.ts',
    ],
    // Integration tests start real servers and redis-server processes; two cores here.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    maxWorkers: 2,
  },
})
