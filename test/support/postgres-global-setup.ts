/**
 * vitest globalSetup: one throwaway PostgreSQL server per test run (src/node/postgres-server.ts),
 * its URL provided to tests as `inject('postgresUrl')`. `RELATA_POSTGRES_URL` points the tests at
 * an existing server instead. Tests that need a database create their own schema or database in it.
 */
import type { TestProject } from 'vitest/node';
import { startPostgres } from '../../src/node/postgres-server';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const external = process.env.RELATA_POSTGRES_URL;
  if (external) {
    project.provide('postgresUrl', external);
    return () => undefined;
  }
  const server = await startPostgres();
  project.provide('postgresUrl', server.url);
  return () => server.stop();
}
