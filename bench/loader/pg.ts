/**
 * `npm run bench -- --layer pglite|postgres [--scale S --runs N --json --only relata,floor,drizzle
 *   --workloads W1,W2 --window-variants --sql]`: W1–W4 on the postgres layer, on the same data as the
 * sqlite benchmark (dataset.ts, copied into PostgreSQL by the layer's own `load`). `postgres` starts a
 * throwaway server unless RELATA_PG_URL names one. Contenders, all on ONE driver connection:
 *   - relata: the engine on the postgres layer;
 *   - floor: the very statements relata ran (same SQL, same parameters) replayed on the same driver,
 *     rows copied into arrays (as they arrive, on a driver that streams them, as the layer reads
 *     them) — the statements alone, without planning, key lists or assembly;
 *   - drizzle: drizzle-orm's relational queries (drizzle-pg.ts) on the same connection.
 * Per workload: a warm-up run of each (relata's and drizzle's trees compared: a mismatch exits 1),
 * then N timed runs interleaved (each round the next ordering of the contenders, a GC and a 25 ms
 * pause before each run), medians reported. `--window-variants` also times W4 with per-parent
 * windows as ROW_NUMBER() and as LATERAL (the layer's `windowMode`), relata and floor each.
 */
import { createEngine } from '../../src/core/engine/engine';
import type { Engine } from '../../src/core/engine/engine';
import { postgresLayer, DEFAULT_WINDOW_MODE } from '../../src/core/datalayers/postgres/postgres-layer';
import type { PgWindowMode } from '../../src/core/datalayers/postgres/postgres-layer';
import { normalizeModel } from '../../src/core/model/normalize';
import type { Data } from '../../src/core/model/types';
import type { PgDriver } from '../../src/core/datalayers/postgres/driver';
import { decodeJsonRows, JSON_ROWS_PREFIX } from '../../src/core/datalayers/postgres/compile';
import { createNodeManualRunner } from '../../src/node/manual-runner';
import { connectPg, openPglite } from '../../src/node/postgres-drivers';
import { startPostgres } from '../../src/node/postgres-server';
import { buildDataset } from './dataset';
import { helpdeskModel } from './model';
import { relataRequests } from './relata';
import { drizzlePgFor, drizzlePgWorkloads } from './drizzle-pg';
import { compareAll, fromDrizzle, heapSetting, type Tree, type WorkloadName } from './compare';

export type PgContender = 'relata' | 'floor' | 'drizzle';

export interface PgBenchOptions {
  layer: 'pglite' | 'postgres';
  scale: number;
  runs: number;
  seed: number;
  json: boolean;
  workloads: WorkloadName[];
  only: PgContender[];
  windowVariants: boolean;
  sql: boolean;
}

interface Outcome {
  records?: Tree;
  statements: number;
}
type Runner = (w: WorkloadName) => Promise<Outcome>;

interface Stats {
  medianMs: number;
  minMs: number;
  maxMs: number;
  statements: number;
}

interface Statement {
  sql: string;
  params: unknown[];
}

const gc = (): void => (globalThis as { gc?: () => void }).gc?.();
async function settle(): Promise<void> {
  gc();
  await new Promise((resolve) => setTimeout(resolve, 25));
}

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((first, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [first, ...rest]));
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const fmt = (ms: number): string => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));
const ratio = (a: number | undefined, b: number | undefined): number | null => (a !== undefined && b !== undefined && b > 0 ? a / b : null);

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ')).join('\n');
}

/** Times every runner `runs` times, interleaved; returns the stats per runner name. */
async function timeInterleaved(runners: Map<string, Runner>, w: WorkloadName, runs: number): Promise<Map<string, Stats>> {
  const names = [...runners.keys()];
  const times = new Map<string, number[]>(names.map((n) => [n, []]));
  const statements = new Map<string, number>();
  const orders = permutations(names);
  for (let i = 0; i < runs; i++) {
    for (const n of orders[i % orders.length]!) {
      await settle();
      const t0 = performance.now();
      const out = await runners.get(n)!(w);
      times.get(n)!.push(performance.now() - t0);
      statements.set(n, out.statements);
    }
  }
  return new Map(
    names.map((n) => {
      const t = times.get(n)!;
      return [n, { medianMs: median(t), minMs: Math.min(...t), maxMs: Math.max(...t), statements: statements.get(n)! }];
    }),
  );
}

/** The engine on the postgres layer; `attach` for a second engine over tables the first loaded. */
function engineOn(driver: PgDriver, runner: ReturnType<typeof createNodeManualRunner>, windowMode: PgWindowMode, attach: boolean): Engine {
  const created = createEngine({ model: helpdeskModel, layer: postgresLayer(driver, { windowMode, attach }), manualRunner: runner });
  if (!created.ok) throw new Error(created.error.message);
  return created.value;
}

function relataRunner(engine: Engine, last: Map<WorkloadName, Statement[]>): Runner {
  return async (w) => {
    const r = await engine.read(relataRequests[w]);
    if (!r.ok) throw new Error(`relata ${w}: ${r.error.code}: ${r.error.message}`);
    // The manual relationship's marker is not a statement (its reads are logged on their own).
    const statements = r.value.statements.filter((s) => !s.sql.startsWith('(manual'));
    last.set(w, statements.map((s) => ({ sql: s.sql, params: s.params })));
    return { records: r.value.records as Tree, statements: statements.length };
  };
}

/** Replays the statements relata ran for the workload (its warm-up run), copying each row. */
function floorRunner(driver: PgDriver, statementsOf: (w: WorkloadName) => Statement[]): Runner {
  return async (w) => {
    const statements = statementsOf(w);
    let kept = 0;
    for (const s of statements) {
      // A driver that hands rows over one by one (node-postgres): each copied as it arrives, the
      // cheapest way to get them, as the layer reads them too.
      if (driver.each && !s.sql.startsWith(JSON_ROWS_PREFIX)) {
        const copy: unknown[][] = [];
        kept += await driver.each(s.sql, s.params, (row) => copy.push(row.slice()));
        continue;
      }
      // The layer's reads on PGlite return their rows as one JSON text value: decoding it is part of the floor.
      const result = await driver.query(s.sql, s.params);
      const rows = s.sql.startsWith(JSON_ROWS_PREFIX) ? decodeJsonRows(result) : result;
      const copy: unknown[][] = new Array<unknown[]>(rows.length);
      for (let j = 0; j < rows.length; j++) copy[j] = rows[j]!.slice();
      kept += copy.length;
    }
    if (kept < 0) throw new Error('unreachable');
    return { statements: statements.length };
  };
}

export async function runPgBench(opts: PgBenchOptions): Promise<void> {
  const log = (s = ''): void => {
    if (!opts.json) console.log(s);
  };
  const ds = await buildDataset({ scale: opts.scale, seed: opts.seed });
  const data: Data = {};
  for (const r of normalizeModel(helpdeskModel).resources) {
    const res = ds.db.exec(`SELECT * FROM "${r.table}"`)[0];
    data[r.name] = res ? res.values.map((v) => Object.fromEntries(res.columns.map((c, i) => [c, v[i]]))) : [];
  }
  ds.db.close();
  const closers: Array<() => Promise<void> | void> = [];
  let driver: PgDriver;
  let drizzleConn: Parameters<typeof drizzlePgFor>[0];
  let server: string;
  if (opts.layer === 'pglite') {
    const lite = await openPglite();
    closers.push(() => lite.close());
    driver = lite.driver;
    drizzleConn = { pglite: lite.db };
    const v = await driver.query('SHOW server_version');
    server = `PGlite ${String(v[0]?.[0])}`;
  } else {
    let url = process.env.RELATA_PG_URL;
    if (!url) {
      const started = await startPostgres();
      closers.push(() => started.stop());
      url = started.url;
    }
    const conn = await connectPg(url);
    closers.unshift(() => conn.close());
    driver = conn.driver;
    drizzleConn = { client: conn.client };
    await driver.query('DROP SCHEMA IF EXISTS relata_bench CASCADE');
    await driver.query('CREATE SCHEMA relata_bench');
    await driver.query('SET search_path TO relata_bench');
    const v = await driver.query('SHOW server_version');
    server = `PostgreSQL ${String(v[0]?.[0])} (node-postgres, one client)`;
  }
  const runner = createNodeManualRunner();
  let mismatch = false;
  try {
    const engine = engineOn(driver, runner, DEFAULT_WINDOW_MODE[driver.flavor], false);
    const t0 = performance.now();
    const loaded = engine.load(data);
    if (!loaded.ok) throw new Error(loaded.error.message);
    const warm = await engine.read({ resource: 'Representative', limit: 1 });
    if (!warm.ok) throw new Error(warm.error.message);
    await driver.query('ANALYZE');
    const sizes = ds.sizes;
    log(`postgres layer benchmark on ${server} — scale ${opts.scale}, seed ${opts.seed}, ${opts.runs} runs per contender; ${heapSetting()}`);
    log(
      `data: ${sizes.representatives} representatives, ${sizes.users} users, ${sizes.tickets} tickets, ${sizes.comments} comments, ` +
        `${sizes.tags} tags, ${sizes.ticketTags} ticket_tags (loaded in ${fmt(performance.now() - t0)} ms)`,
    );
    log(`relata windows: ${DEFAULT_WINDOW_MODE[driver.flavor]}; floor: relata's statements replayed; drizzle: drizzle-orm relational queries on the same connection`);
    log();

    const relataStatements = new Map<WorkloadName, Statement[]>();
    const relata = relataRunner(engine, relataStatements);
    const { db: dz, logger } = drizzlePgFor(drizzleConn);
    const all: Record<PgContender, Runner> = {
      relata,
      floor: floorRunner(driver, (w) => relataStatements.get(w) ?? []),
      drizzle: async (w) => {
        const before = logger.statements;
        const records = (await drizzlePgWorkloads[w](dz)) as unknown as Tree;
        return { records: fromDrizzle(w, records), statements: logger.statements - before };
      },
    };
    // The floor replays relata's statements: relata must have run once.
    const contenders = opts.only.includes('floor') && !opts.only.includes('relata') ? (['relata', ...opts.only] as PgContender[]) : opts.only;
    const runners = new Map<string, Runner>(contenders.map((c) => [c, all[c]]));

    const results: Record<string, Record<string, Stats>> = {};
    for (const w of opts.workloads) {
      const trees: { name: string; tree: Tree }[] = [];
      for (const c of contenders) {
        const out = await all[c](w);
        if (out.records) trees.push({ name: c, tree: out.records });
      }
      if (opts.sql) for (const s of relataStatements.get(w) ?? []) log(`  ${w} relata: ${s.sql.replace(/\s+/g, ' ')}  ${JSON.stringify(s.params).slice(0, 80)}`);
      const diff = compareAll(w, trees);
      if (diff) {
        mismatch = true;
        console.error(`MISMATCH in ${w}: ${diff.a} vs ${diff.b} at ${diff.diff.path}: ${diff.diff.message}`);
        console.error(`  ${diff.a}: ${JSON.stringify(diff.diff.left)}`);
        console.error(`  ${diff.b}: ${JSON.stringify(diff.diff.right)}`);
      }
      const counts = trees.map((t) => `${t.name} ${t.tree.length}`).join(', ');
      trees.length = 0;
      const stats = await timeInterleaved(runners, w, opts.runs);
      results[w] = Object.fromEntries(stats);
      const r = results[w];
      const rows: string[][] = [['contender', 'median ms', 'min', 'max', 'statements', '×floor', '×drizzle']];
      for (const c of contenders) {
        const s = r[c]!;
        const xf = ratio(s.medianMs, r.floor?.medianMs);
        const xd = ratio(s.medianMs, r.drizzle?.medianMs);
        rows.push([c, fmt(s.medianMs), fmt(s.minMs), fmt(s.maxMs), String(s.statements), xf === null ? '-' : xf.toFixed(2), xd === null ? '-' : xd.toFixed(2)]);
      }
      log(`${w}  (top-level records: ${counts})${diff ? '  TREE MISMATCH' : trees.length > 1 || counts.includes(',') ? '  trees equal' : ''}`);
      log(table(rows));
      log();
    }

    let windows: Record<string, Stats> | undefined;
    if (opts.windowVariants) windows = await windowVariants(driver, runner, opts.runs, log);

    const targets: Record<string, boolean | null> = {};
    for (const w of opts.workloads) {
      const r = results[w]!;
      const xf = ratio(r.relata?.medianMs, r.floor?.medianMs);
      const xd = ratio(r.relata?.medianMs, r.drizzle?.medianMs);
      targets[`${w} relata ≤ 1.25× floor`] = xf === null ? null : xf <= 1.25;
      targets[`${w} relata faster than drizzle`] = xd === null ? null : xd < 1;
    }
    log('Targets:');
    for (const [k, v] of Object.entries(targets)) log(`  ${v === null ? 'n/a ' : v ? 'met ' : 'MISSED'}  ${k}`);
    if (mismatch) log('RESULT TREES DIFFER (see above): exit 1');

    if (opts.json) {
      const json = {
        layer: opts.layer,
        server,
        node: heapSetting(),
        scale: opts.scale,
        seed: opts.seed,
        runs: opts.runs,
        sizes,
        windowMode: DEFAULT_WINDOW_MODE[driver.flavor],
        workloads: Object.fromEntries(
          Object.entries(results).map(([w, r]) => [
            w,
            {
              ...r,
              relataOverFloor: ratio(r.relata?.medianMs, r.floor?.medianMs),
              relataOverDrizzle: ratio(r.relata?.medianMs, r.drizzle?.medianMs),
            },
          ]),
        ),
        windowVariantsW4: windows,
        targets,
        treesEqual: !mismatch,
      };
      console.log(JSON.stringify(json));
    }
  } finally {
    runner.dispose();
    for (const c of closers) await c();
  }
  if (mismatch) process.exitCode = 1;
}

/** W4 with per-parent windows as ROW_NUMBER() and as LATERAL: relata and its replayed statements, each. */
async function windowVariants(driver: PgDriver, manual: ReturnType<typeof createNodeManualRunner>, runs: number, log: (s?: string) => void): Promise<Record<string, Stats>> {
  const runners = new Map<string, Runner>();
  const last = new Map<string, Map<WorkloadName, Statement[]>>();
  for (const mode of ['row_number', 'lateral'] as PgWindowMode[]) {
    const statements = new Map<WorkloadName, Statement[]>();
    last.set(mode, statements);
    const relata = relataRunner(engineOn(driver, manual, mode, true), statements);
    await relata('W4');
    runners.set(`relata ${mode}`, relata);
    runners.set(`floor ${mode}`, floorRunner(driver, (w) => statements.get(w) ?? []));
  }
  const stats = await timeInterleaved(runners, 'W4', runs);
  const rows: string[][] = [['W4 windows', 'median ms', 'min', 'max']];
  for (const [n, s] of stats) rows.push([n, fmt(s.medianMs), fmt(s.minMs), fmt(s.maxMs)]);
  log('Per-parent windows (W4: 3 highest-priority tickets per representative):');
  log(table(rows));
  for (const [mode, m] of last) log(`  ${mode}: ${(m.get('W4') ?? []).at(-1)?.sql.replace(/\s+/g, ' ') ?? ''}`);
  log();
  return Object.fromEntries(stats);
}
