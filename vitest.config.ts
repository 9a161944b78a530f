import { defineConfig } from 'vitest/config'

/**
 * Tests whose assertions compare CPU-bound durations (the emulator's CPU shares, a sweep's speed curve) run alone,
 * one file at a time, after the rest: on 2 cores a parallel neighbour would skew the very ratios they check.
 * Everything else runs three files at a time on any machine: most of its wall time is waiting (SDK back-off, waiters,
 * timers, generated traffic), and its tests hold on a loaded 2-core host (on this one three cut the run from 270-300 s
 * to 225-240 s, with no failure in two runs).
 */
const CPU_TIMED = ['test/emulator/engine/resources.test.ts', 'test/commands/sweep.test.ts']

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: { name: 'main', include: ['test/**/*.test.ts'], exclude: CPU_TIMED, maxWorkers: 3 },
      },
      {
        extends: true,
        test: { name: 'cpu-timed', include: CPU_TIMED, fileParallelism: false },
      },
    ],
  },
})
