/**
 * Test helpers on the run's PostgreSQL server (test/support/postgres-global-setup.ts): a client, and
 * running a script in a schema of its own so models never see each other's tables.
 */
import pg from 'pg';
import { inject } from 'vitest';

export function postgresUrl(): string {
  return inject('postgresUrl');
}

export async function connect(url = postgresUrl()): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

let counter = 0;

/**
 * Runs `sql` (several statements) in a new schema and drops it afterwards. Returns the server's
 * error message, or undefined when every statement ran.
 */
export async function runInFreshSchema(client: pg.Client, sql: string, label = 'model'): Promise<string | undefined> {
  counter += 1;
  const schema = `t_${process.pid}_${counter}_${label.toLowerCase().replace(/[^a-z0-9]+/g, '_')}`.slice(0, 60);
  await client.query(`CREATE SCHEMA "${schema}"`);
  try {
    await client.query(`SET search_path TO "${schema}", public`);
    await client.query(sql);
    return undefined;
  } catch (e) {
    const err = e as { message?: string; position?: string };
    const at = err.position ? ` (at character ${err.position})` : '';
    return `${err.message ?? String(e)}${at}`;
  } finally {
    await client.query('SET search_path TO public');
    await client.query(`DROP SCHEMA "${schema}" CASCADE`);
  }
}
