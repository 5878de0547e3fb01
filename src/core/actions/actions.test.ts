import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../engine/engine';
import type { Data, Model } from '../model/types';
import { parseModel } from '../model/parse';
import { normalizeModel } from '../model/normalize';
import { validateModel } from '../validate/validate';
import { MANAGE_DEFAULTS } from './normalize';
import type { ActionRequest } from './run';

const SQL = await initSqlJs();
const layers = ['sqlite', 'memory'] as const;

const model: Model = {
  format: 'relata/model@1',
  name: 'Shop',
  resources: [
    {
      name: 'Customer',
      attributes: [{ name: 'id', type: 'uuid', primaryKey: true, generated: 'uuid' }, { name: 'name', type: 'string', allowNil: false }],
      relationships: [{ kind: 'has_one', name: 'profile', destination: 'Profile' }],
      actions: [
        'create', 'read', 'update', 'destroy',
        { type: 'update', name: 'set_profile', accept: [], arguments: [{ name: 'profile', type: 'map' }], changes: [{ kind: 'manage_relationship', argument: 'profile', type: 'direct_control' }] },
        { type: 'update', name: 'guard_profile', accept: [], arguments: [{ name: 'profile', type: 'map' }], changes: [{ kind: 'manage_relationship', argument: 'profile', onLookup: 'relate', onMissing: 'error' }] },
      ],
    },
    {
      name: 'Profile',
      attributes: [{ name: 'id', type: 'integer', primaryKey: true, generated: 'increment' }, { name: 'bio', type: 'string', allowNil: false }],
      relationships: [{ kind: 'belongs_to', name: 'customer', destination: 'Customer' }],
    },
    {
      name: 'Order',
      attributes: [{ name: 'id', type: 'integer', primaryKey: true, generated: 'increment' }, { name: 'total', type: 'integer', default: 0 }],
      relationships: [{ kind: 'belongs_to', name: 'customer', destination: 'Customer', allowNil: false }],
      actions: [
        { type: 'create', accept: ['total'], arguments: [{ name: 'customer', type: 'map' }], changes: [{ kind: 'manage_relationship', argument: 'customer', onLookup: 'relate_and_update' }] },
        { type: 'update', name: 'rename_customer', accept: [], arguments: [{ name: 'customer', type: 'map' }], changes: [{ kind: 'manage_relationship', argument: 'customer', onMatch: 'update' }] },
        'read',
      ],
    },
  ],
};

const C1 = '00000000-0000-4000-8000-000000000001';
const data: Data = { Customer: [{ id: C1, name: 'Ann' }], Profile: [{ id: 1, bio: 'old', customer_id: C1 }] };

function engine(kind: 'sqlite' | 'memory', m: Model = model) {
  const e = createEngine({ model: m, dataLayer: kind === 'memory' ? { kind } : { kind, db: new SQL.Database() } });
  if (!e.ok) throw new Error(e.error.message);
  const l = e.value.load(data);
  if (!l.ok) throw new Error(l.error.message);
  return e.value;
}

async function rows(e: ReturnType<typeof engine>, resource: string) {
  const r = await e.read({ resource, sort: [{ field: 'id' }] });
  if (!r.ok) throw new Error(r.error.message);
  return r.value.records;
}

describe('actions: format', () => {
  it('normalizes names, primary flags, accept and manage_relationship defaults', () => {
    const n = normalizeModel(model);
    const actions = n.resources[0]!.actions!;
    expect(actions.map((a) => [a.name, a.type, a.primary])).toEqual([
      ['create', 'create', true], ['read', 'read', true], ['update', 'update', true], ['destroy', 'destroy', true],
      ['set_profile', 'update', false], ['guard_profile', 'update', false],
    ]);
    expect(actions[0]!.accept).toEqual(['*']);
    expect(actions[4]!.changes[0]).toEqual({ kind: 'manage_relationship', argument: 'profile', relationship: 'profile', type: 'direct_control', ...MANAGE_DEFAULTS.direct_control });
    expect(actions[5]!.changes[0]).toMatchObject({ onLookup: 'relate', onNoMatch: 'ignore', onMatch: 'ignore', onMissing: 'error' });
    expect(n.resources[1]!.actions).toBeUndefined();
    expect(validateModel(model).filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('reports structural problems with their JSON path', () => {
    const bad = JSON.parse(JSON.stringify(model)) as Model;
    (bad.resources[0]!.actions as unknown[]).push({ type: 'update', changes: [{ kind: 'manage_relationship', argument: 'x', type: 'sometimes' }] });
    const p = parseModel(bad);
    expect(p.ok ? null : p.error.path).toEqual(['resources', 0, 'actions', 6, 'changes', 0, 'type']);
    const bad2 = JSON.parse(JSON.stringify(model)) as Model;
    (bad2.resources[0]!.actions as unknown[]).push('upsert');
    expect(parseModel(bad2).ok).toBe(false);
  });
});

describe('actions: running', () => {
  for (const kind of layers) {
    it(`creates with generated values and reports changes and statements (${kind})`, async () => {
      const e = engine(kind);
      const r = await e.runAction({ resource: 'Customer', action: 'create', input: { name: 'Bo' } });
      if (!r.ok) throw new Error(r.error.message);
      expect(r.value.record).toMatchObject({ name: 'Bo' });
      expect(String(r.value.record!.id)).toMatch(/^[0-9a-f-]{36}$/);
      expect(r.value.changes).toEqual([{ resource: 'Customer', before: null, after: r.value.record }]);
      if (kind === 'sqlite') expect(r.value.statements.some((s) => s.sql.startsWith('INSERT'))).toBe(true);
      expect(await rows(e, 'Customer')).toHaveLength(2);
    });

    it(`uses the four default actions when a resource declares none (${kind})`, async () => {
      const e = engine(kind);
      const r = await e.runAction({ resource: 'Profile', action: 'update', primaryKey: 1, input: { bio: 'new' } });
      expect(r.ok && r.value.record).toEqual({ id: 1, bio: 'new', customer_id: C1 });
      expect(r.ok && r.value.changes).toEqual([{ resource: 'Profile', before: { id: 1, bio: 'old', customer_id: C1 }, after: { id: 1, bio: 'new', customer_id: C1 } }]);
      const d = await e.runAction({ resource: 'Profile', action: 'destroy', primaryKey: { id: 1 } });
      expect(d.ok && d.value.changes[0]!.after).toBeNull();
      expect(await rows(e, 'Profile')).toEqual([]);
      const missing = await e.runAction({ resource: 'Profile', action: 'read', primaryKey: 1 });
      expect(missing.ok ? null : missing.error).toMatchObject({ code: 'not_found', path: ['primaryKey'] });
      const unknown = await e.runAction({ resource: 'Profile', action: 'publish' } as ActionRequest);
      expect(unknown.ok ? null : unknown.error.code).toBe('invalid_query');
    });

    it(`has_one direct_control updates the current record in place, or replaces it (${kind})`, async () => {
      const e = engine(kind);
      const r = await e.runAction({ resource: 'Customer', action: 'set_profile', primaryKey: C1, input: { profile: { id: 1, bio: 'edited' } } });
      expect(r.ok).toBe(true);
      expect(await rows(e, 'Profile')).toEqual([{ id: 1, bio: 'edited', customer_id: C1 }]);
      await e.runAction({ resource: 'Customer', action: 'set_profile', primaryKey: C1, input: { profile: { bio: 'fresh' } } });
      // on_missing :destroy removed profile 1 first, so the increment starts again at 1
      expect(await rows(e, 'Profile')).toEqual([{ id: 1, bio: 'fresh', customer_id: C1 }]);
      const bad = await e.runAction({ resource: 'Customer', action: 'set_profile', primaryKey: C1, input: { profile: [{ bio: 'a' }, { bio: 'b' }] } });
      expect(bad.ok ? null : bad.error.code).toBe('invalid_relationship');
    });

    it(`on_missing :error refuses to drop the current record (${kind})`, async () => {
      const e = engine(kind);
      const r = await e.runAction({ resource: 'Customer', action: 'guard_profile', primaryKey: C1, input: { profile: null } });
      expect(r.ok ? null : r.error.code).toBe('invalid_relationship');
      expect(await rows(e, 'Profile')).toHaveLength(1);
    });

    it(`belongs_to relate_and_update and on_match update (${kind})`, async () => {
      const e = engine(kind);
      const r = await e.runAction({ resource: 'Order', action: 'create', input: { total: 5, customer: { id: C1, name: 'New name' } } });
      expect(r.ok && r.value.record).toEqual({ id: 1, total: 5, customer_id: C1 });
      expect((await rows(e, 'Customer'))[0]).toMatchObject({ name: 'New name' });
      await e.runAction({ resource: 'Order', action: 'rename_customer', primaryKey: 1, input: { customer: { id: C1, name: 'Again' } } });
      expect((await rows(e, 'Customer'))[0]).toMatchObject({ name: 'Again' });
      const req = await e.runAction({ resource: 'Order', action: 'create', input: { total: 1 } });
      expect(req.ok ? null : req.error).toMatchObject({ code: 'required', path: ['customer'], message: 'relationship customer is required' });
    });

    it(`a failure after writes rolls everything back, and actions run one at a time (${kind})`, async () => {
      const e = engine(kind);
      const [a, b, c] = await Promise.all([
        e.runAction({ resource: 'Order', action: 'create', input: { customer: { id: C1, name: 'X' } } }),
        e.runAction({ resource: 'Order', action: 'create', input: { customer: { id: 'nope' } } }),
        e.runAction({ resource: 'Order', action: 'create', input: { customer: { id: C1 } } }),
      ]);
      expect([a.ok, b.ok, c.ok]).toEqual([true, false, true]);
      // no type: on_no_match is :ignore, so the unknown customer leaves the required belongs_to empty
      expect(b.ok ? null : b.error).toMatchObject({ code: 'required', path: ['customer'] });
      expect((await rows(e, 'Order')).map((o) => o.id)).toEqual([1, 2]);
      // a nested required error after the customer was already updated: nothing stays
      const f = await e.runAction({ resource: 'Customer', action: 'set_profile', primaryKey: C1, input: { profile: { bio: null } } });
      expect(f.ok ? null : f.error).toMatchObject({ code: 'required', path: ['profile', 0] });
      expect(await rows(e, 'Profile')).toEqual([{ id: 1, bio: 'old', customer_id: C1 }]);
    });
  }
});
