import fc from 'fast-check';
import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import type { Model } from '../model/types';
import type { QueryRequest } from '../query/types';
import type { Result } from '../result';
import { createEngine, type Engine } from './engine';
import { cyclic, deep, hostile, materialize, throwingGetter, throwingProxy } from './hostile';

/**
 * Issue 12: every public entry point of the engine (createEngine, read, load, applyTo, runAction)
 * returns a coded Result for hostile input, never throws, and answers within its budget.
 */
const SQL = await initSqlJs();
// Generous: 7 engineers share 2 cores; a hang would take far longer.
const BUDGET_MS = 6000;

const model: Model = {
  format: 'relata/model@1',
  name: 'Fuzz',
  resources: [
    {
      name: 'Post',
      attributes: [{ name: 'id', type: 'integer', primaryKey: true }, { name: 'title', type: 'string' }],
      relationships: [{ kind: 'has_many', name: 'comments', destination: 'Comment' }],
    },
    {
      name: 'Comment',
      attributes: [{ name: 'id', type: 'integer', primaryKey: true }, { name: 'body', type: 'string' }],
      relationships: [{ kind: 'belongs_to', name: 'post', destination: 'Post', attributeType: 'integer' }],
    },
  ],
};

function engine(kind: 'sqlite' | 'memory'): Engine {
  const e = createEngine({ model, dataLayer: kind === 'memory' ? { kind } : { kind, db: new SQL.Database() } });
  if (!e.ok) throw new Error(e.error.message);
  e.value.load({ Post: [{ id: 1, title: 'a' }], Comment: [{ id: 1, body: 'x', post_id: 1 }] });
  return e.value;
}

/** Runs `f`, which must return (or resolve to) a coded Result within the budget, without throwing. */
async function coded(f: () => Result<unknown> | Promise<Result<unknown>>): Promise<Result<unknown>> {
  const started = Date.now();
  let r: Result<unknown>;
  try {
    r = await f();
  } catch (e) {
    throw new Error(`threw: ${String(e)}`, { cause: e });
  }
  expect(Date.now() - started).toBeLessThan(BUDGET_MS);
  expect(typeof r.ok).toBe('boolean');
  if (!r.ok) {
    expect(typeof r.error.code).toBe('string');
    expect(typeof r.error.message).toBe('string');
    // internal_error means a bug was caught at the boundary: hostile input must get a real code.
    expect(r.error.code, r.error.message).not.toBe('internal_error');
  }
  return r;
}

function deepLoad(levels: number): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  let at = root;
  for (let i = 0; i < levels; i++) {
    const next: Record<string, unknown> = {};
    at.comments = { load: { post: { load: next } } };
    at = next;
  }
  return root;
}

/** `§deepload` stands for a load nested 2,000 levels deep. */
function withLoads(raw: unknown): unknown {
  const q = materialize(raw);
  const deepOne = raw !== null && typeof raw === 'object' && (raw as { load?: unknown }).load === '§deepload';
  return deepOne ? { ...(q as object), load: deepLoad(2000) } : q;
}

const queryish = fc.oneof(
  hostile,
  fc.record(
    {
      resource: fc.oneof(fc.constantFrom('Post', 'Comment', '__proto__', 'constructor', 'prototype'), hostile),
      filter: fc.oneof(fc.constantFrom('title == ^p', 'comments.body == "x"', 'id in ^p'), hostile),
      sort: hostile,
      limit: fc.oneof(fc.constantFrom(1e308, 2 ** 53, -1, 0.5), hostile),
      offset: hostile,
      select: hostile,
      load: fc.oneof(hostile, fc.constantFrom('§deepload', '§proto')),
      params: fc.oneof(hostile, fc.record({ p: hostile })),
    },
    { requiredKeys: ['resource'] },
  ),
);

describe('engine entry points never throw on hostile input', () => {
  for (const kind of ['sqlite', 'memory'] as const) {
    it(`applyTo with a record whose getter throws gives a coded error (${kind}; a counterexample fast-check found)`, async () => {
      const r = await coded(() => engine(kind).applyTo({ resource: 'Post' }, materialize(['§getter:resources']) as never));
      expect(r.ok).toBe(false);
      expect(!r.ok && r.error.code).toBe('invalid_query');
      expect(!r.ok && r.error.message).toContain('the records');
    });

    it(`read and applyTo (${kind})`, async () => {
      const e = engine(kind);
      await fc.assert(
        fc.asyncProperty(queryish, hostile, async (raw, rawRecords) => {
          const q = withLoads(raw);
          const records = materialize(rawRecords);
          await coded(() => e.read(q as QueryRequest));
          await coded(() => e.applyTo(q as QueryRequest, records as never));
        }),
        { numRuns: 100 },
      );
      // The engine still answers innocent reads afterwards.
      const after = await e.read({ resource: 'Post', load: { comments: {} } });
      expect(after.ok && after.value.records).toEqual([{ id: 1, title: 'a', comments: [{ id: 1, body: 'x', post_id: 1 }] }]);
    });

    it(`load and runAction (${kind})`, async () => {
      const e = engine(kind);
      await fc.assert(
        fc.asyncProperty(hostile, fc.oneof(hostile, fc.record({ resource: fc.constant('Post'), action: fc.constantFrom('create', 'update', 'read', 'destroy'), input: hostile, id: hostile })), async (rawData, rawAction) => {
          const data = materialize(rawData);
          const action = materialize(rawAction);
          await coded(() => e.load(data as never));
          await coded(() => e.load({ Post: [data] } as never));
          await coded(() => e.runAction(action as never));
        }),
        { numRuns: 100 },
      );
    });
  }

  it('createEngine', async () => {
    await fc.assert(
      fc.asyncProperty(hostile, hostile, async (rawModel, rawLayer) => {
        const m = materialize(rawModel);
        const layer = materialize(rawLayer);
        await coded(() => createEngine({ model: m as Model, dataLayer: { kind: 'memory' } }));
        await coded(() => createEngine({ model, dataLayer: layer as never }));
        await coded(() => createEngine(m as never));
      }),
      { numRuns: 200 },
    );
  });
});

describe('issue 12 probes: read/load/createEngine return coded errors', () => {
  for (const kind of ['sqlite', 'memory'] as const) {
    it(`named probes (${kind})`, async () => {
      const e = engine(kind);
      const read = (q: unknown) => coded(() => e.read(q as QueryRequest));
      expect(await read({ resource: 'Post', load: deepLoad(2000) })).toMatchObject({ ok: false, error: { code: 'too_deep' } });
      const self: Record<string, unknown> = {};
      self.comments = { load: { post: { load: self } } };
      expect(await read({ resource: 'Post', load: self })).toMatchObject({ ok: false, error: { code: 'too_deep' } });
      expect(await read(cyclic())).toMatchObject({ ok: false, error: { code: 'too_deep' } });
      expect(await read(throwingProxy())).toMatchObject({ ok: false, error: { code: 'invalid_query' } });
      expect(await read(throwingGetter('resource'))).toMatchObject({ ok: false, error: { code: 'invalid_query' } });
      expect(await read({ resource: 'Post', load: throwingProxy() })).toMatchObject({ ok: false, error: { code: 'invalid_query' } });
      expect(await read({ resource: 'Post', filter: 'id == ^p', params: { p: 1n } })).toMatchObject({ ok: false, error: { code: 'invalid_expression' } });
      expect(await read({ resource: 'Post', params: deep(5000) })).toMatchObject({ ok: false, error: { code: 'too_deep' } });
      // Loads 32 deep are fine.
      expect((await read({ resource: 'Post', load: deepLoad(15) })).ok).toBe(true);
      expect(await coded(() => e.load(throwingProxy() as never))).toMatchObject({ ok: false });
      expect(await coded(() => e.load({ Post: [throwingGetter('id')] } as never))).toMatchObject({ ok: false });
      expect(await coded(() => e.runAction(throwingProxy() as never))).toMatchObject({ ok: false });
    });
  }
  it('createEngine with a Proxy data layer or model', async () => {
    expect(await coded(() => createEngine({ model, dataLayer: throwingProxy() as never }))).toMatchObject({ ok: false });
    expect(await coded(() => createEngine({ model: throwingProxy() as never, dataLayer: { kind: 'memory' } }))).toMatchObject({ ok: false, error: { code: 'invalid_model' } });
  });
});
