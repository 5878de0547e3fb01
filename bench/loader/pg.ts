/**
 * `npm run bench -- --layer pglite|postgres [--scale S --runs N --json]`: W1–W4 on the postgres layer,
 * on the same data as the sqlite benchmark (dataset.ts, copied into PostgreSQL by the layer's own
 * `load`). Contenders: relata (the engine on the postgres layer) and a floor that replays the very
 * statements relata ran (same SQL, same parameters) on the same driver, copying the rows into arrays
 * — the cost of the statements alone, without the engine's planning and assembly.
 * `postgres` starts a throwaway server unless RELATA_PG_URL names one.
 * Not here yet: drizzle-orm on the same driver (the third contender).
 */
import { createEngine } from '../../src/core/engine/engine';
import { postgresLayer } from '../../src/core/datalayers/postgres/postgres-layer';
import { normalizeModel } from '../../src/core/model/normalize';
import type { Data } from '../../src/core/model/types';
import type { PgDriver } from '../../src/core/datalayers/postgres/driver';
import { createNodeManualRunner } from '../../src/node/manual-runner';
import { connectPg, openPglite } from '../../src/node/postgres-drivers';
import { startPostgres } from '../../src/node/postgres-server';
import { buildDataset } from './dataset';
import { helpdeskModel } from './model';
import { relataRequests } from './relata';

type W = keyof typeof relataRequests;

export async function runPgBench(opts: { layer: 'pglite' | 'postgres'; scale: number; runs: number; seed: number; json: boolean; workloads: W[] }): Promise<void> {
  const log = (s = ''): void => {
    if (!opts.json) console.log(s);
  };
  const ds = await buildDataset({ scale: opts.scale, seed: opts.seed });
  const data: Data = {};
  for (const r of normalizeModel(helpdeskModel).resources) {
    const res = ds.db.exec(`SELECT * FROM "${r.table}"`)[0];
    data[r.name] = res ? res.values.map((v) => Object.fromEntries(res.columns.map((c, i) => [c, v[i]]))) : [];
  }
  const closers: Array<() => Promise<void> | void> = [];
  let driver: PgDriver;
  if (opts.layer === 'pglite') {
    const lite = await openPglite();
    closers.push(() => lite.close());
    driver = lite.driver;
  } else {
    let url = process.env.RELATA_PG_URL;
    if (!url) {
      const server = await startPostgres();
      closers.push(() => server.stop());
      url = server.url;
    }
    const conn = await connectPg(url);
    closers.unshift(() => conn.close());
    driver = conn.driver;
    await driver.query('DROP SCHEMA IF EXISTS relata_bench CASCADE');
    await driver.query('CREATE SCHEMA relata_bench');
    await driver.query('SET search_path TO relata_bench');
  }
  const runner = createNodeManualRunner();
  try {
    const created = createEngine({ model: helpdeskModel, layer: postgresLayer(driver), manualRunner: runner });
    if (!created.ok) throw new Error(created.error.message);
    const engine = created.value;
    const t0 = performance.now();
    const loaded = engine.load(data);
    if (!loaded.ok) throw new Error(loaded.error.message);
    const warm = await engine.read({ resource: 'Representative', limit: 1 });
    if (!warm.ok) throw new Error(warm.error.message);
    await driver.query('ANALYZE');
    log(`postgres layer benchmark on ${opts.layer} — scale ${opts.scale}, ${opts.runs} runs; data loaded in ${(performance.now() - t0).toFixed(0)} ms`);
    const results: Record<string, { relataMs: number; floorMs: number; ratio: number; statements: number; records: number }> = {};
    for (const w of opts.workloads) {
      const first = await engine.read(relataRequests[w]);
      if (!first.ok) throw new Error(`${w}: ${first.error.message}`);
      const statements = first.value.statements.filter((s) => !s.sql.startsWith('(manual'));
      const relataTimes: number[] = [];
      const floorTimes: number[] = [];
      for (let i = 0; i < opts.runs; i++) {
        let t = performance.now();
        const r = await engine.read(relataRequests[w]);
        relataTimes.push(performance.now() - t);
        if (!r.ok) throw new Error(r.error.message);
        t = performance.now();
        let kept = 0;
        for (const s of statements) {
          const rows = await driver.query(s.sql, s.params);
          const copy: unknown[][] = new Array<unknown[]>(rows.length);
          for (let j = 0; j < rows.length; j++) copy[j] = rows[j]!.slice();
          kept += copy.length;
        }
        floorTimes.push(performance.now() - t);
        if (kept < 0) throw new Error('unreachable');
      }
      const relataMs = median(relataTimes);
      const floorMs = median(floorTimes);
      results[w] = { relataMs, floorMs, ratio: relataMs / floorMs, statements: first.value.statements.length, records: first.value.records.length };
      log(`${w}: relata ${relataMs.toFixed(1)} ms, floor ${floorMs.toFixed(1)} ms, ratio ${(relataMs / floorMs).toFixed(2)}× (${first.value.statements.length} statements)`);
    }
    if (opts.json) console.log(JSON.stringify({ layer: opts.layer, scale: opts.scale, runs: opts.runs, results }, null, 2));
  } finally {
    runner.dispose();
    for (const c of closers) await c();
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}
