import pg from 'pg';
import { startPostgres } from '../../src/node/postgres-server';
const started = await startPostgres();
const client = new pg.Client({ connectionString: started.url });
await client.connect();
await client.query(`CREATE TABLE c AS SELECT g AS id, 'body text number ' || g AS body, (g % 50000) AS ticket_id FROM generate_series(1, 200000) g`);
const types = { getTypeParser: (oid: number, f?: string) => (oid === 20 || oid === 23 ? Number : pg.types.getTypeParser(oid, f as 'text')) };
const mk = new Function('a', 'return {"id": a[0] ?? null, "body": a[1] ?? null, "ticket_id": a[2] ?? null};') as (a: unknown[]) => object;
const keep: object[][] = [];
const gc = (globalThis as any).gc as () => void;
for (let r = 0; r < 8; r++) {
  gc(); await new Promise((res) => setTimeout(res, 25));
  let t = performance.now();
  const res = await client.query({ text: 'SELECT id, body, ticket_id FROM c', rowMode: 'array', types });
  const out: object[] = []; for (const row of res.rows as unknown[][]) out.push(mk(row));
  const a = performance.now() - t; keep.push(out);
  gc(); await new Promise((res) => setTimeout(res, 25));
  t = performance.now();
  const out2: object[] = [];
  await new Promise<void>((resolve, reject) => {
    const q = new pg.Query({ text: 'SELECT id, body, ticket_id FROM c', rowMode: 'array', types } as any);
    q.on('row', (row: unknown[]) => { out2.push(mk(row)); });
    q.on('end', () => resolve()); q.on('error', reject);
    client.query(q);
  });
  const b = performance.now() - t; keep.push(out2);
  gc(); await new Promise((res) => setTimeout(res, 25));
  t = performance.now();
  const res3 = await client.query({ text: 'SELECT id, body, ticket_id FROM c', rowMode: 'array', types });
  const copy = new Array(res3.rows.length); for (let j = 0; j < res3.rows.length; j++) copy[j] = (res3.rows[j] as unknown[]).slice();
  const c = performance.now() - t;
  console.log(`accumulate+build ${a.toFixed(1)}  stream+build ${b.toFixed(1)}  floor ${c.toFixed(1)}`);
  if (keep.length > 4) keep.splice(0, 2);
}
await client.end(); await started.stop();
