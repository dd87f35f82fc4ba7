import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['electron/**/*.test.ts', 'db/**/*.test.ts', 'renderer/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    // Each test file opens its own SQLite files; two workers match our two cores.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    // Set-up hooks hash several passwords with scrypt (100-200 ms each on a loaded 2-core PC).
    hookTimeout: 120_000,
  },
});
