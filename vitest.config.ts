import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30000,
    pool: 'threads',
    // One throwaway PostgreSQL server per run for the export tests (scripts/ensure-postgres.mjs installs it).
    globalSetup: ['test/support/postgres-global-setup.ts'],
  },
});
