import { afterAll, describe, expect, it } from 'vitest';
import type { ManualCall, ManualHost } from '../core/manual/contract';
import type { QueryRequest, Row } from '../core/query/types';
import { createRunnerCore } from '../core/manual/runner-core';
import { createNodeManualRunner, spawnNodeSandbox } from './manual-runner';

// A generous default so nested and concurrent runs are not cut short on a loaded machine;
// the timeout tests pass their own short limits.
const runner = createNodeManualRunner({ timeoutMs: 1500 });
afterAll(() => runner.dispose());

const records: Row[] = [{ id: 1 }, { id: 2 }, { id: 3 }];

function call(source: string, extra: Partial<ManualCall> = {}): ManualCall {
  return {
    source,
    records,
    options: { answer: 42 },
    query: { resource: 'Ticket', filter: 'priority > 1' },
    relationship: { name: 'tickets' } as unknown as ManualCall['relationship'],
    resource: 'Representative',
    actor: { id: 'me' },
    dataLayer: 'memory',
    ...extra,
  };
}

/** A host that records the queries it is asked and answers with fixed rows. */
function host(rows: Row[] = [{ id: 10, representative_id: 1 }]): ManualHost & { seen: QueryRequest[] } {
  const seen: QueryRequest[] = [];
  return {
    seen,
    async read(query) {
      seen.push(query);
      if (query.filter === 'fail') return { ok: false, error: { code: 'invalid_query', message: 'host says no' } };
      return { ok: true, value: rows };
    },
    async applyTo(query, input) {
      seen.push(query);
      return { ok: true, value: input.slice(0, 1) };
    },
  };
}

describe('node manual runner: returns', () => {
  it('passes records, options and ctx, and returns a positional array with holes and undefined', async () => {
    const out = await runner.run(
      call(`export async function load(records, opts, ctx) {
        const out = [];
        out[0] = { n: records.length, opt: opts.answer, actor: ctx.actor.id, rel: ctx.relationship.name, dl: ctx.dataLayer };
        out[2] = undefined;
        out.length = 4;
        return out;
      }`),
      host(),
    );
    expect(out.ok).toBe(true);
    const value = (out as { value: unknown[] }).value;
    expect(value).toHaveLength(4);
    expect(value[0]).toEqual({ n: 3, opt: 42, actor: 'me', rel: 'tickets', dl: 'memory' });
    expect(1 in value).toBe(false); // a hole stays a hole
    expect(2 in value).toBe(true);
    expect(value[2]).toBeUndefined();
  });

  it('returns Maps keyed by value and plain objects', async () => {
    const map = await runner.run(call('export const load = (records) => new Map(records.map((r) => [r.id, [r]]));'), host());
    expect(map.ok && map.value instanceof Map && map.value.get(2)).toEqual([{ id: 2 }]);
    const obj = await runner.run(call('function f(records) { return { 1: [], 3: null }; }\nexport { f as load };'), host());
    expect(obj).toEqual({ ok: true, value: { 1: [], 3: null } });
  });

  it('gives manual_invalid_return for a value that cannot be cloned', async () => {
    const out = await runner.run(call('export const load = () => [() => 1];'), host());
    expect(out).toMatchObject({ ok: false, error: { code: 'manual_invalid_return' } });
  });
});

describe('node manual runner: ctx', () => {
  it('ctx.read reaches the host with the built query and its rows come back', async () => {
    const h = host([{ id: 10, representative_id: 1 }]);
    const out = await runner.run(
      call(`export async function load(records, opts, ctx) {
        const rows = await ctx.read(ctx.query.filter("representative_id in ^ids", { ids: records.map((r) => r.id) }).sort([{ field: "id" }]));
        return records.map((r) => rows.filter((t) => t.representative_id === r.id));
      }`),
      h,
    );
    expect(out).toEqual({ ok: true, value: [[{ id: 10, representative_id: 1 }], [], []] });
    expect(h.seen).toHaveLength(1);
    expect(h.seen[0]!.resource).toBe('Ticket');
    expect(h.seen[0]!.params).toEqual({ ids: [1, 2, 3] });
    expect(h.seen[0]!.sort).toBeDefined();
  });

  it('ctx.applyTo and a plain request object work', async () => {
    const h = host();
    const out = await runner.run(
      call(`export async function load(records, opts, ctx) {
        const all = await ctx.read({ filter: "id > 0" });
        return [await ctx.applyTo(ctx.query, [...all, ...all])];
      }`),
      h,
    );
    expect(out).toEqual({ ok: true, value: [[{ id: 10, representative_id: 1 }]] });
    expect(h.seen[0]).toEqual({ resource: 'Ticket', filter: 'id > 0' });
  });

  it('a host error rejects ctx.read with the host message, catchable by the code', async () => {
    const caught = await runner.run(
      call('export async function load(r, o, ctx) { try { await ctx.read({ filter: "fail" }); } catch (e) { return [e.message]; } }'),
      host(),
    );
    expect(caught).toEqual({ ok: true, value: ['host says no'] });
    const uncaught = await runner.run(call('export async function load(r, o, ctx) { return ctx.read({ filter: "fail" }); }'), host());
    expect(uncaught).toMatchObject({ ok: false, error: { code: 'manual_load_failed', message: 'host says no' } });
  });

  it('ctx.query is immutable and an unparsable filter fails the load', async () => {
    const out = await runner.run(call('export async function load(r, o, ctx) {\n  ctx.query.filter("bad ((");\n  return [];\n}'), host());
    expect(out).toMatchObject({ ok: false, error: { code: 'manual_load_failed', details: { line: 2 } } });
    const same = await runner.run(call('export function load(r, o, ctx) { ctx.query.limit(3); return [ctx.query.toRequest()]; }'), host());
    expect(same).toEqual({ ok: true, value: [{ resource: 'Ticket', filter: 'priority > 1' }] });
  });
});

describe('node manual runner: failures', () => {
  it('a throw gives manual_load_failed with the message and the line', async () => {
    const out = await runner.run(call('// comment\nexport async function load() {\n  throw new Error("boom: the ticket service is down");\n}'), host());
    expect(out).toMatchObject({
      ok: false,
      error: { code: 'manual_load_failed', message: 'boom: the ticket service is down (line 3)', details: { line: 3, errorName: 'Error' } },
    });
    const sync = await runner.run(call('export function load(records) {\n  return records.map((r) => r.no_such_field.length);\n}'), host());
    expect(sync).toMatchObject({ ok: false, error: { code: 'manual_load_failed', details: { line: 2, errorName: 'TypeError' } } });
  });

  it('a busy loop times out in time, and the next run works', async () => {
    const started = Date.now();
    const out = await runner.run(call('export async function load() { while (true) {} }', { timeoutMs: 300 }), host());
    expect(out).toMatchObject({ ok: false, error: { code: 'timeout' } });
    // The worker is terminated, not waited for: well under the 2 s a user would notice.
    expect(Date.now() - started).toBeLessThan(2500);
    expect(await runner.run(call('export const load = () => [1];'), host())).toEqual({ ok: true, value: [1] });
  });

  it('a promise that never settles times out; a per-call limit overrides the default', async () => {
    const started = Date.now();
    const out = await runner.run(call('export async function load() { await new Promise(() => {}); return []; }', { timeoutMs: 100 }), host());
    expect(out).toMatchObject({ ok: false, error: { code: 'timeout' } });
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('concurrent runs each get their own answer, and a timeout kills only its own sandbox', async () => {
    const slow = runner.run(call('export async function load() { while (true) {} }', { timeoutMs: 300 }), host());
    const answers = await Promise.all(
      [1, 2, 3, 4].map((n) => runner.run(call(`export async function load(r) { await new Promise((ok) => setTimeout(ok, ${10 * n})); return [${n}]; }`), host())),
    );
    expect(answers).toEqual([1, 2, 3, 4].map((n) => ({ ok: true, value: [n] })));
    expect(await slow).toMatchObject({ ok: false, error: { code: 'timeout' } });
  });
});

describe('node manual runner: nesting', () => {
  it('a ctx.read that loads another manual relationship does not wait behind its caller', async () => {
    const inner = 'export const load = (records) => records.map((r) => ({ inner: r.id }));';
    const nestingHost: ManualHost = {
      async read() {
        const out = await runner.run(call(inner), host());
        return out.ok ? { ok: true, value: out.value as Row[] } : out;
      },
      applyTo: host().applyTo,
    };
    const out = await runner.run(call('export async function load(r, o, ctx) { return [await ctx.read(ctx.query)]; }'), nestingHost);
    expect(out).toEqual({ ok: true, value: [[{ inner: 1 }, { inner: 2 }, { inner: 3 }]] });
  });
});

describe('node manual runner: isolation', () => {
  it('user code cannot reach process, require, fetch, the port or code generation', async () => {
    const out = await runner.run(
      call(`export function load() {
        const probe = (f) => { try { return typeof f(); } catch (e) { return "blocked"; } };
        return [
          typeof process, typeof require, typeof fetch, typeof Buffer, typeof navigator, typeof importScripts, typeof postMessage,
          typeof parentPort, typeof __relataSandbox,
          probe(() => (() => {}).constructor("return process")()),
          probe(() => (async () => {}).constructor("return 1")),
          probe(() => Function("return 1")),
          probe(() => globalThis.eval),
          probe(() => setTimeout("1", 0)),
        ];
      }`),
      host(),
    );
    expect(out).toEqual({
      ok: true,
      value: [...Array(9).fill('undefined'), 'blocked', 'blocked', 'blocked', 'undefined', 'blocked'],
    });
  });

  it('globals set by one run are gone in the next; a patched builtin gets a fresh sandbox', async () => {
    await runner.run(call('export function load() { globalThis.leak = 1; globalThis.Math = null; Array.prototype.evil = 1; return []; }'), host());
    const out = await runner.run(call('export function load() { return [typeof leak, typeof Math.max, typeof [].evil]; }'), host());
    expect(out).toEqual({ ok: true, value: ['undefined', 'function', 'undefined'] });
  });

  it('timers left running by a load are cleared when it ends', async () => {
    await runner.run(call('export function load() { setInterval(() => { globalThis.late = 1; }, 1); return []; }'), host());
    await new Promise((ok) => setTimeout(ok, 20));
    const out = await runner.run(call('export function load() { return [typeof late]; }'), host());
    expect(out).toEqual({ ok: true, value: ['undefined'] });
  });
});

describe('node manual runner: check', () => {
  it('accepts the valid export forms', async () => {
    expect(await runner.check('export const load = async (records, opts, ctx) => [];')).toEqual({ ok: true });
    expect(await runner.check('async function fetchLoans() { return []; }\nexport { fetchLoans as load };')).toEqual({ ok: true });
  });

  it('reports parse errors, evaluation errors and a load that is not a function', async () => {
    expect(await runner.check('export function load( {')).toMatchObject({ ok: false, line: 1 });
    expect(await runner.check('const x = 1;\nthrow new Error("top level");\nexport function load() {}')).toMatchObject({
      ok: false,
      message: 'Evaluating the module failed: top level',
      line: 2,
    });
    expect(await runner.check('export const load = 42;')).toMatchObject({ ok: false, message: 'The `load` export is not a function' });
    expect(await runner.check('const make = () => 42;\nexport const load = make();')).toMatchObject({ ok: false, message: 'The `load` export is not a function' });
    expect(await runner.check('while (true) {}\nexport function load() {}')).toMatchObject({ ok: false, message: expect.stringMatching(/time limit/) });
  });
});

describe('node manual runner: sandbox reuse and overhead', () => {
  it('reuses one warm sandbox for consecutive runs, replaces it after a timeout', async () => {
    let spawned = 0;
    const counted = createRunnerCore({ spawn: () => (spawned++, spawnNodeSandbox()), timeoutMs: 300 });
    try {
      for (let i = 0; i < 5; i++) await counted.run(call('export const load = (r) => r.map(() => null);'), host());
      expect(spawned).toBe(1);
      await counted.run(call('export function load() { for (;;) {} }'), host());
      expect(await counted.run(call('export const load = () => [];'), host())).toEqual({ ok: true, value: [] });
      expect(spawned).toBe(2);
    } finally {
      counted.dispose();
    }
  });

  it('round trip of 20,000 small records in and out (prints the figure)', async () => {
    const many: Row[] = Array.from({ length: 20_000 }, (_, i) => ({ id: i, name: `row ${i}`, priority: i % 10, active: i % 2 === 0 }));
    const source = 'export const load = (records) => records.map((r) => ({ id: r.id, name: r.name, priority: r.priority }));';
    const big = createNodeManualRunner({ timeoutMs: 5000 });
    try {
      await big.run(call(source, { records: many.slice(0, 10) }), host()); // boot and compile outside the measure
      const times: number[] = [];
      for (let i = 0; i < 5; i++) {
        const t = performance.now();
        const out = await big.run(call(source, { records: many }), host());
        times.push(performance.now() - t);
        expect(out.ok && (out.value as unknown[]).length).toBe(20_000);
      }
      const empty = performance.now();
      await big.run(call('export const load = () => [];', { records: [{ id: 1 }] }), host());
      const emptyMs = performance.now() - empty;
      times.sort((a, b) => a - b);
      console.log(`manual run() round trip, 20,000 records in and out: median ${times[2]!.toFixed(1)} ms, min ${times[0]!.toFixed(1)} ms; empty run ${emptyMs.toFixed(1)} ms`);
    } finally {
      big.dispose();
    }
  });
});
