/**
 * Edit → preview-ready benchmark: `npm run bench:edits [-- --runs N --json]`.
 *
 * The Helpdesk template with 50,050 generated sample rows in the worker host (in-process, sql.js),
 * then, per run: one model edit sent as the document's ops (`applyEdits`) followed by the preview the
 * live panel shows (first 20 Tickets with comments and reporter). Reported: median/min/max ms of
 * the edit alone and of edit + preview, for a description edit, an attribute rename (Ticket.subject
 * ↔ title, back and forth), and for comparison the whole model via `setModel` (kept by name, no row work for a description).
 * Target: edit → preview-ready < 50 ms at 50k rows. Figures only; the exit code does not judge them.
 */
import initSqlJs from 'sql.js';
import { applyOps, getTemplate } from '../../src/core/index';
import type { DocumentOp, QueryRequest, RelataDocument } from '../../src/core/index';
import { createEngineHost } from '../../src/worker/engine-host';

const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1]) || 15;
const json = args.includes('--json');

const SQL = await initSqlJs();
const tpl = getTemplate('helpdesk');
const host = createEngineHost({ SQL });
let version = 1;
let doc: RelataDocument = { model: tpl.model, layout: { positions: {} } };
await host.setModel(version, doc.model);
const counts = { User: 2000, Representative: 250, Ticket: 15_000, Comment: 32_800 };
const gen = await host.generate({ counts, seed: 1 });
if (!gen.ok || gen.value.kind !== 'done') throw new Error('generation failed');
const rows = Object.values(gen.value.counts).reduce((a, b) => a + b, 0);
const preview: QueryRequest = { resource: 'Ticket', limit: 20, load: { comments: {}, reporter: {} } };

async function edit(ops: DocumentOp[]): Promise<{ editMs: number; readyMs: number }> {
  const applied = applyOps(doc, ops);
  if (!applied.ok) throw new Error(applied.error.message);
  doc = applied.value.document;
  const t0 = performance.now();
  const outcome = await host.applyEdits(version, version + 1, ops);
  version++;
  const t1 = performance.now();
  if (outcome.kind !== 'applied' || outcome.status.error) throw new Error(`edit not applied: ${JSON.stringify(outcome)}`);
  const read = await host.read(version, preview);
  const t2 = performance.now();
  if (!read.ok) throw new Error(read.error.message);
  return { editMs: t1 - t0, readyMs: t2 - t0 };
}

async function snapshot(ops: DocumentOp[]): Promise<{ editMs: number; readyMs: number }> {
  const applied = applyOps(doc, ops);
  if (!applied.ok) throw new Error(applied.error.message);
  doc = applied.value.document;
  const t0 = performance.now();
  const status = await host.setModel(++version, doc.model);
  const t1 = performance.now();
  if (status.error) throw new Error(status.error.message);
  const read = await host.read(version, preview);
  const t2 = performance.now();
  if (!read.ok) throw new Error(read.error.message);
  return { editMs: t1 - t0, readyMs: t2 - t0 };
}

const ticket = () => doc.model.resources.find((r) => r.name === 'Ticket')!;
const describeOp = (i: number): DocumentOp[] => [{ kind: 'updateResource', name: 'Ticket', patch: { description: `Edited ${i}` } }];
const renameOp = (): DocumentOp[] => {
  const from = ticket().attributes!.some((a) => a.name === 'subject') ? 'subject' : 'title';
  const to = from === 'subject' ? 'title' : 'subject';
  const attr = ticket().attributes!.find((a) => a.name === from)!;
  // The rename follows through to the actions' accept lists (one step), as the inspector does.
  const actions = JSON.parse(JSON.stringify(ticket().actions ?? []).replaceAll(`"${from}"`, `"${to}"`)) as NonNullable<ReturnType<typeof ticket>['actions']>;
  return [{ kind: 'updateAttribute', resource: 'Ticket', name: from, attribute: { ...attr, name: to } }, { kind: 'updateResource', name: 'Ticket', patch: { actions } }];
};

type Case = { name: string; run: (i: number) => Promise<{ editMs: number; readyMs: number }> };
const cases: Case[] = [
  {
    name: 'no edit: the preview alone (warm engine)',
    run: async () => {
      const t0 = performance.now();
      const read = await host.read(version, preview);
      if (!read.ok) throw new Error(read.error.message);
      return { editMs: 0, readyMs: performance.now() - t0 };
    },
  },
  { name: 'description edit (ops)', run: (i) => edit(describeOp(i)) },
  { name: 'attribute rename (ops)', run: () => edit(renameOp()) },
  { name: 'description edit (whole model, setModel)', run: (i) => snapshot(describeOp(i + 1000)) },
];

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)]!, min: s[0]!, max: s.at(-1)! };
};

const results: Array<{ name: string; edit: ReturnType<typeof stats>; ready: ReturnType<typeof stats> }> = [];
for (const c of cases) {
  await c.run(-1); // warm-up
  const e: number[] = [];
  const r: number[] = [];
  for (let i = 0; i < runs; i++) {
    const m = await c.run(i);
    e.push(m.editMs);
    r.push(m.readyMs);
  }
  results.push({ name: c.name, edit: stats(e), ready: stats(r) });
}
host.dispose();

if (json) {
  console.log(JSON.stringify({ rows, runs, results }, null, 2));
} else {
  const f = (n: number) => (n < 10 ? n.toFixed(2) : n.toFixed(1));
  console.log(`Relata edit → preview-ready benchmark — Helpdesk, ${rows} sample rows, ${runs} runs per case`);
  console.log('case                                       edit median  (min–max)      edit+preview median  (min–max)');
  for (const x of results) {
    console.log(`${x.name.padEnd(42)} ${f(x.edit.median).padStart(8)} ms  (${f(x.edit.min)}–${f(x.edit.max)})   ${f(x.ready.median).padStart(8)} ms  (${f(x.ready.min)}–${f(x.ready.max)})`);
  }
  for (const x of results.slice(1, 3)) console.log(`  ${x.ready.median < 50 ? 'met   ' : 'MISSED'} ${x.name}: edit → preview-ready < 50 ms`);
}
