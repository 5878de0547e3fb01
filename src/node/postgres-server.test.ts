import pg from 'pg';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { startPostgres } from './postgres-server';

describe('startPostgres', () => {
  it('starts a server that answers queries, then stops it and removes its folder', async () => {
    const server = await startPostgres();
    try {
      expect(server.url).toMatch(/^postgresql:\/\/postgres@127\.0\.0\.1:\d+\/postgres$/);
      const client = new pg.Client({ connectionString: server.url });
      await client.connect();
      const r = await client.query<{ n: number }>('SELECT 1 + 1 AS n');
      expect(r.rows[0]?.n).toBe(2);
      await client.end();
    } finally {
      server.stop();
    }
    expect(existsSync(server.dir)).toBe(false);
    server.stop();
  }, 60000);
});
