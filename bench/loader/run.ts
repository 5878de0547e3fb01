/**
 * The loader benchmark: `npm run bench [-- --scale S --runs N --json --only relata,floor,drizzle
 *   --workloads W1,W2 --seed N --floor-variants]`; on the postgres layer
 *   `npm run bench -- --layer pglite|postgres [... --window-variants]` (pg.ts).
 *
 * For every workload: one warm-up run of each contender (whose trees are compared: a mismatch exits
 * 1), then N timed runs (default 15), interleaved (each round the next ordering of the contenders;
 * before every timed run, untimed: `global.gc()` and a 25 ms pause for its background sweeping).
 * Peak memory is sampled during one extra W1 run of each contender.
 * Targets are reported, never enforced through the exit code.
 */
import type { Database } from 'sql.js';
import { buildDataset } from './dataset';
import { floorWorkloads, FLOOR_CHOICE, type FloorOptions, type InMode, type TopMode } from './floor';
import { drizzleFor, drizzleWorkloads } from './drizzle';
import { compareAll, fromDrizzle, heapSetting, type Tree, type WorkloadName } from './compare';

type Contender = 'relata' | 'floor' | 'drizzle';
const ALL_CONTENDERS: Contender[] = ['relata', 'floor', 'drizzle'];
const ALL_WORKLOADS: WorkloadName[] = ['W1', 'W2', 'W3', 'W4'];
const GIB = 1024 ** 3;
const MIB = 1024 ** 2;

// ---------------------------------------------------------------------------------------------
// Arguments

function parseArgs(argv: string[]) {
  const o = {
    scale: 1,
    runs: 15,
    seed: 42,
    json: false,
    only: ALL_CONTENDERS,
    workloads: ALL_WORKLOADS,
    floorVariants: false,
    sql: false,
    windowVariants: false,
    layer: 'sqlite' as 'sqlite' | 'pglite' | 'postgres',
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = () => inline ?? argv[++i] ?? '';
    switch (flag) {
      case '--scale': o.scale = Number(value()); break;
      case '--runs': o.runs = Math.max(1, Math.floor(Number(value()))); break;
      case '--seed': o.seed = Number(value()); break;
      case '--json': o.json = true; break;
      case '--floor-variants': o.floorVariants = true; break;
      case '--sql': o.sql = true; break;
      case '--window-variants': o.windowVariants = true; break;
      case '--layer': o.layer = value() as typeof o.layer; break;
      case '--only': o.only = value().split(',').map((s) => s.trim()).filter(Boolean) as Contender[]; break;
      case '--workloads': o.workloads = value().split(',').map((s) => s.trim().toUpperCase()).filter(Boolean) as WorkloadName[]; break;
      default: throw new Error(`unknown argument ${a}`);
    }
  }
  if (!(o.scale > 0)) throw new Error('--scale must be > 0');
  for (const c of o.only) if (!ALL_CONTENDERS.includes(c)) throw new Error(`unknown contender ${c}`);
  for (const w of o.workloads) if (!ALL_WORKLOADS.includes(w)) throw new Error(`unknown workload ${w}`);
  return o;
}

// ---------------------------------------------------------------------------------------------
// Contenders

interface Outcome {
  records: Tree;
  statements: number;
  /** Relata only: the statements of the read (for `--sql`). */
  log?: { sql: string; params: unknown[]; rows: number; ms: number }[];
}
type Runner = (w: WorkloadName) => Promise<Outcome>;

function floorRunner(db: Database, choice: (w: WorkloadName) => FloorOptions = (w) => FLOOR_CHOICE[w]): Runner {
  return async (w) => floorWorkloads[w](db, choice(w));
}

function drizzleRunner(db: Database): Runner {
  const { db: d, logger } = drizzleFor(db);
  return async (w) => {
    const before = logger.statements;
    const records = drizzleWorkloads[w](d) as Tree;
    return { records: fromDrizzle(w, records), statements: logger.statements - before };
  };
}

async function relataRunner(db: Database): Promise<{ run: Runner; dispose: () => void }> {
  // Imported lazily so `--only floor,drizzle` works while the engine is being written.
  const { createRelataSide } = await import('./relata');
  const side = createRelataSide(db);
  return { run: (w) => side.read(w), dispose: () => side.dispose() };
}

// ---------------------------------------------------------------------------------------------
// Measurement

const gc = (): void => (globalThis as { gc?: () => void }).gc?.();

/**
 * Before a timed run: a full GC, then a short pause. V8 finishes a GC's sweeping on background
 * threads; without the pause that work overlaps the next timed run and takes one of the machine's
 * cores from it (a single-threaded contender barely notices, one that uses a worker does).
 */
function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((first, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [first, ...rest]));
}

async function settle(): Promise<void> {
  gc();
  await new Promise((resolve) => setTimeout(resolve, 25));
}

interface Stats {
  medianMs: number;
  minMs: number;
  maxMs: number;
  statements: number;
  times: number[];
}

function stats(times: number[], statements: number): Stats {
  const s = [...times].sort((a, b) => a - b);
  const mid = s.length >> 1;
  const median = s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
  return { medianMs: median, minMs: s[0]!, maxMs: s[s.length - 1]!, statements, times };
}

interface Memory {
  baselineRss: number;
  peakRss: number;
  peakHeapUsed: number;
  peakRssPlusHeap: number;
}

/** Runs once while sampling memory (every ms while the event loop turns, and at the end with the result alive). */
async function measureMemory(run: () => Promise<Outcome>): Promise<Memory> {
  gc();
  gc();
  const base = process.memoryUsage();
  let peakRss = base.rss;
  let peakHeap = base.heapUsed;
  const sample = () => {
    const m = process.memoryUsage();
    if (m.rss > peakRss) peakRss = m.rss;
    if (m.heapUsed > peakHeap) peakHeap = m.heapUsed;
  };
  const timer = setInterval(sample, 1);
  try {
    const out = await run();
    sample();
    void out.records.length; // keep the result alive until sampled
  } finally {
    clearInterval(timer);
  }
  return { baselineRss: base.rss, peakRss, peakHeapUsed: peakHeap, peakRssPlusHeap: peakRss + peakHeap };
}

// ---------------------------------------------------------------------------------------------
// Output helpers

const fmt = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));
const ratio = (a: number | undefined, b: number | undefined) => (a !== undefined && b !== undefined && b > 0 ? a / b : null);
const pad = (s: string, n: number, right = false) => (right ? s.padEnd(n) : s.padStart(n));

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((c, i) => pad(c, widths[i]!, i === 0)).join('  ')).join('\n');
}

// ---------------------------------------------------------------------------------------------
// Floor variants (how the floor was chosen)

async function floorVariants(db: Database, workloads: WorkloadName[], runs: number, log: (s: string) => void) {
  const variants: { label: string; o: FloorOptions }[] = [];
  for (const inMode of ['json', 'chunk'] as InMode[])
    for (const topMode of ['window', 'slice', 'lateral'] as TopMode[]) variants.push({ label: `${inMode}/${topMode}`, o: { inMode, topMode } });
  const rows: string[][] = [['workload', ...variants.map((v) => v.label)]];
  for (const w of workloads) {
    const relevant = w === 'W4' ? variants : variants.filter((v) => v.o.topMode === 'window');
    const times = new Map<string, number[]>();
    for (const v of relevant) floorWorkloads[w](db, v.o); // warm-up
    for (let i = 0; i < runs; i++)
      for (const v of relevant) {
        gc();
        const t0 = performance.now();
        floorWorkloads[w](db, v.o);
        const t = performance.now() - t0;
        times.set(v.label, [...(times.get(v.label) ?? []), t]);
      }
    rows.push([w, ...variants.map((v) => (times.has(v.label) ? fmt(stats(times.get(v.label)!, 0).medianMs) : '-'))]);
  }
  log('Floor variants (median ms; IN mode / W4 top-3 mode; only W4 depends on the top-3 mode):');
  log(table(rows));
  log('');
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.layer === 'pglite' || args.layer === 'postgres') {
    // The postgres layer's benchmark (bench/loader/pg.ts): relata and the statement floor on one driver.
    const { runPgBench } = await import('./pg');
    await runPgBench({ ...args, layer: args.layer });
    return;
  }
  const log = (s = '') => console.log(s);
  if (!(globalThis as { gc?: unknown }).gc) log('warning: global.gc() unavailable (run with --expose-gc); memory figures are rougher');

  const ds = await buildDataset({ scale: args.scale, seed: args.seed });
  const { db, sizes } = ds;
  log(`Relata loader benchmark — scale ${args.scale}, seed ${args.seed}, ${args.runs} runs per contender; ${heapSetting()}`);
  log(
    `data: ${sizes.representatives} representatives, ${sizes.users} users, ${sizes.tickets} tickets, ${sizes.comments} comments, ` +
      `${sizes.tags} tags, ${sizes.ticketTags} ticket_tags (built in ${fmt(ds.buildMs)} ms)`,
  );
  log(`floor: ${args.workloads.map((w) => `${w} ${FLOOR_CHOICE[w].inMode}${w === 'W4' ? `/${FLOOR_CHOICE[w].topMode}` : ''}`).join(', ')}`);
  log('drizzle: drizzle-orm 0.45 relational queries on the sql-js driver, session patched to keep the relational mapping (issue 2189)');
  log();

  if (args.floorVariants) await floorVariants(db, args.workloads, args.runs, log);

  const runners = new Map<Contender, Runner>();
  let disposeRelata: (() => void) | undefined;
  for (const c of args.only) {
    if (c === 'floor') runners.set(c, floorRunner(db));
    if (c === 'drizzle') runners.set(c, drizzleRunner(db));
    if (c === 'relata') {
      const r = await relataRunner(db);
      runners.set(c, r.run);
      disposeRelata = r.dispose;
    }
  }
  const contenders = args.only.filter((c) => runners.has(c));

  const results: Record<string, Partial<Record<Contender, Stats>>> = {};
  let memory: Partial<Record<Contender, Memory>> = {};
  let mismatch = false;

  for (const w of args.workloads) {
    // Warm-up + correctness.
    const trees: { name: string; tree: Tree }[] = [];
    const statements = new Map<Contender, number>();
    for (const c of contenders) {
      const out = await runners.get(c)!(w);
      trees.push({ name: c, tree: out.records });
      statements.set(c, out.statements);
      if (args.sql && out.log) {
        log(`${w} ${c} statements (warm-up run):`);
        for (const st of out.log) {
          const params = JSON.stringify(st.params);
          log(`  ${fmt(st.ms)} ms  ${st.rows} rows  ${st.sql.replace(/\s+/g, ' ')}  ${params.length > 80 ? `${params.slice(0, 80)}… (${params.length} chars)` : params}`);
        }
      }
    }
    const diff = compareAll(w, trees);
    if (diff) {
      mismatch = true;
      console.error(`MISMATCH in ${w}: ${diff.a} vs ${diff.b} at ${diff.diff.path}: ${diff.diff.message}`);
      console.error(`  ${diff.a}: ${JSON.stringify(diff.diff.left)}`);
      console.error(`  ${diff.b}: ${JSON.stringify(diff.diff.right)}`);
    }
    const counts = trees.map((t) => `${t.name} ${t.tree.length}`).join(', ');
    trees.length = 0;

    // Timed runs, interleaved; each round takes the next ordering of the contenders, so every
    // contender runs after every other one equally often (a plain rotation always gives each the
    // same predecessor, whose leftovers — page cache, heap — it would then always inherit).
    const times = new Map<Contender, number[]>(contenders.map((c) => [c, []]));
    const orders = permutations(contenders);
    for (let i = 0; i < args.runs; i++) {
      const order = orders[i % orders.length]!;
      for (const c of order) {
        await settle();
        const t0 = performance.now();
        const out = await runners.get(c)!(w);
        times.get(c)!.push(performance.now() - t0);
        statements.set(c, out.statements);
      }
    }
    results[w] = Object.fromEntries(contenders.map((c) => [c, stats(times.get(c)!, statements.get(c)!)]));

    if (w === 'W1') {
      memory = {};
      for (const c of contenders) memory[c] = await measureMemory(() => runners.get(c)!(w));
    }

    const r = results[w]!;
    const rows: string[][] = [['contender', 'median ms', 'min', 'max', 'statements', '×floor', '×drizzle']];
    for (const c of contenders) {
      const s = r[c]!;
      const xf = ratio(s.medianMs, r.floor?.medianMs);
      const xd = ratio(s.medianMs, r.drizzle?.medianMs);
      rows.push([c, fmt(s.medianMs), fmt(s.minMs), fmt(s.maxMs), String(s.statements), xf === null ? '-' : xf.toFixed(2), xd === null ? '-' : xd.toFixed(2)]);
    }
    log(`${w}  (${describe(w)}; top-level records: ${counts})${diff ? '  TREE MISMATCH' : '  trees equal'}`);
    log(table(rows));
    log();
  }

  if (Object.keys(memory).length) {
    const rows: string[][] = [['W1 memory', 'peak rss MiB', 'peak heapUsed MiB', 'baseline rss MiB']];
    for (const c of contenders) {
      const m = memory[c]!;
      rows.push([c, (m.peakRss / MIB).toFixed(0), (m.peakHeapUsed / MIB).toFixed(0), (m.baselineRss / MIB).toFixed(0)]);
    }
    log(table(rows));
    log('(rss includes the sql.js wasm heap holding the database; samples every ms while the event loop turns and once with the result alive)');
    log();
  }

  // Targets.
  const targets: Record<string, boolean | null> = {};
  if (runners.has('relata')) {
    for (const w of args.workloads) {
      const r = results[w]!;
      const xf = ratio(r.relata?.medianMs, r.floor?.medianMs);
      const xd = ratio(r.relata?.medianMs, r.drizzle?.medianMs);
      targets[`${w} relata ≤ 1.25× floor`] = xf === null ? null : xf <= 1.25;
      targets[`${w} relata faster than drizzle`] = xd === null ? null : xd < 1;
    }
    const m = memory.relata;
    if (m) targets['W1 relata peak memory < 1 GiB'] = m.peakRss < GIB;
    log('Targets:');
    for (const [k, v] of Object.entries(targets)) log(`  ${v === null ? 'n/a ' : v ? 'met ' : 'MISSED'}  ${k}`);
  } else {
    log('Targets: not evaluated (Relata not run)');
  }
  if (mismatch) log('RESULT TREES DIFFER (see above): exit 1');

  disposeRelata?.();

  if (args.json) {
    const json = {
      node: heapSetting(),
      scale: args.scale,
      seed: args.seed,
      runs: args.runs,
      sizes,
      floor: FLOOR_CHOICE,
      workloads: Object.fromEntries(
        Object.entries(results).map(([w, r]) => [
          w,
          {
            ...Object.fromEntries(
              Object.entries(r).map(([c, s]) => [c, { medianMs: s.medianMs, minMs: s.minMs, maxMs: s.maxMs, statements: s.statements }]),
            ),
            relataOverFloor: ratio(r.relata?.medianMs, r.floor?.medianMs),
            relataOverDrizzle: ratio(r.relata?.medianMs, r.drizzle?.medianMs),
          },
        ]),
      ),
      memoryW1: memory,
      targets,
      treesEqual: !mismatch,
    };
    // Exit only once the last line is flushed (stdout to a pipe is asynchronous on some platforms).
    process.stdout.write(`${JSON.stringify(json)}\n`, () => process.exit(mismatch ? 1 : 0));
    return;
  }
  process.exit(mismatch ? 1 : 0);
}

function describe(w: WorkloadName): string {
  switch (w) {
    case 'W1': return 'representatives → tickets → comments';
    case 'W2': return '100 representatives → tickets → (tags through ticket_tags, reporter)';
    case 'W3': return 'representatives → tickets_above_threshold (manual)';
    case 'W4': return "representatives → each one's 3 highest-priority tickets";
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(2);
});
