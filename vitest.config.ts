import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // End-to-end tests start emulators and measure CPU shares: on 2 cores, parallel files would disturb each other.
    fileParallelism: false,
  },
})
