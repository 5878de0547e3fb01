import initSqlJs from 'sql.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyOps, convertValue, normalizeModel } from '../core/index';
import type { AttributeType, Data, DocumentOp, Model, RelataDocument, Row } from '../core/index';
import { createInProcessEngineClient } from '../client/engine-client';
import { createEngineHost } from './engine-host';

/**
 * Random edit sequences (add/rename/remove attributes and resources, type changes, undo/redo) sent
 * to the worker host as ops; after every step the host's rows must equal the rows a simple
 * reference migrates: a value stays in its own column (renamed with it), a removed column's values
 * are gone, a new column is null, a type change converts. Values never move between columns.
 */

const SQL = await initSqlJs();

const RES = ['Alpha', 'Beta', 'Gamma', 'Delta'];
const ATTRS = ['a', 'b', 'c', 'd', 'e', 'f'];
const TYPES: AttributeType[] = ['string', 'integer', 'float', 'boolean'];

const start: Model = {
  format: 'relata/model@1',
  name: 'Prop',
  resources: [
    { name: 'Alpha', attributes: [{ name: 'id', type: 'integer', primaryKey: true }, { name: 'a', type: 'string' }, { name: 'b', type: 'integer' }, { name: 'c', type: 'boolean' }] },
    { name: 'Beta', attributes: [{ name: 'id', type: 'integer', primaryKey: true }, { name: 'a', type: 'string' }, { name: 'd', type: 'float' }] },
  ],
};

const startData: Data = {
  Alpha: Array.from({ length: 12 }, (_, i) => ({ id: i + 1, a: `a${i}`, b: 100 + i, c: i % 3 === 0 })),
  Beta: Array.from({ length: 7 }, (_, i) => ({ id: i + 1, a: `${i * 7}`, d: i + 0.5 })),
};

/** The reference: one op at a time, by what the op says (never by comparing snapshots). */
function reference(doc: RelataDocument, data: Data, op: DocumentOp): Data {
  const out: Data = { ...data };
  const mapRows = (res: string, f: (r: Row) => Row) => {
    if (out[res]) out[res] = out[res]!.map(f);
  };
  switch (op.kind) {
    case 'addResource':
      out[op.resource.name] = [];
      return out;
    case 'removeResource':
      delete out[op.name];
      return out;
    case 'renameResource':
      if (op.from === op.to) return out;
      out[op.to] = out[op.from] ?? [];
      delete out[op.from];
      return out;
    case 'addAttribute':
      mapRows(op.resource, (r) => ({ ...r, [op.attribute.name]: null }));
      return out;
    case 'removeAttribute':
      mapRows(op.resource, (r) => {
        const { [op.name]: _gone, ...rest } = r;
        return rest;
      });
      return out;
    case 'updateAttribute': {
      const old = doc.model.resources.find((r) => r.name === op.resource)!.attributes!.find((a) => a.name === op.name)!;
      mapRows(op.resource, (r) => {
        const { [op.name]: v, ...rest } = r;
        return { ...rest, [op.attribute.name]: old.type === op.attribute.type ? v : convertValue(v, op.attribute.type) };
      });
      return out;
    }
    case 'replaceDocument': {
      // No intent: keep by name only.
      const next: Data = {};
      for (const r of op.document.model.resources) {
        const rows = data[r.name];
        if (!rows) {
          next[r.name] = [];
          continue;
        }
        const oldAttrs = doc.model.resources.find((x) => x.name === r.name)!.attributes!;
        next[r.name] = rows.map((row) => Object.fromEntries((r.attributes ?? []).map((a) => {
          const old = oldAttrs.find((o) => o.name === a.name);
          return [a.name, !old ? null : old.type === a.type ? row[a.name] : convertValue(row[a.name], a.type)];
        })));
      }
      return next;
    }
    default:
      return out;
  }
}

type Step =
  | { t: 'addAttr'; res: number; name: number; type: number }
  | { t: 'removeAttr'; res: number; attr: number }
  | { t: 'renameAttr'; res: number; attr: number; name: number }
  | { t: 'retype'; res: number; attr: number; type: number }
  | { t: 'addRes'; name: number }
  | { t: 'renameRes'; res: number; name: number }
  | { t: 'removeRes'; res: number }
  | { t: 'describe'; res: number }
  /** One step of two ops: a column removed and another added (the `Ticket.priority` → `notes` case). */
  | { t: 'removeAdd'; res: number; attr: number; name: number; type: number }
  | { t: 'undo' }
  | { t: 'redo' };

const nat = (n: number) => fc.nat({ max: n - 1 });
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ t: fc.constant('addAttr' as const), res: nat(4), name: nat(ATTRS.length), type: nat(TYPES.length) }),
  fc.record({ t: fc.constant('removeAttr' as const), res: nat(4), attr: nat(6) }),
  fc.record({ t: fc.constant('renameAttr' as const), res: nat(4), attr: nat(6), name: nat(ATTRS.length) }),
  fc.record({ t: fc.constant('retype' as const), res: nat(4), attr: nat(6), type: nat(TYPES.length) }),
  fc.record({ t: fc.constant('addRes' as const), name: nat(RES.length) }),
  fc.record({ t: fc.constant('renameRes' as const), res: nat(4), name: nat(RES.length) }),
  fc.record({ t: fc.constant('removeRes' as const), res: nat(4) }),
  fc.record({ t: fc.constant('describe' as const), res: nat(4) }),
  fc.record({ t: fc.constant('removeAdd' as const), res: nat(4), attr: nat(6), name: nat(ATTRS.length), type: nat(TYPES.length) }),
  fc.constant({ t: 'undo' as const }),
  fc.constant({ t: 'redo' as const }),
);

/** The ops of a step on `doc`, or null when it does not apply (no such resource, name taken, the key). */
function opsFor(doc: RelataDocument, s: Step): DocumentOp[] | null {
  const resources = doc.model.resources;
  const res = 'res' in s ? resources[s.res % Math.max(1, resources.length)] : undefined;
  const fields = (res?.attributes ?? []).filter((a) => a.name !== 'id');
  const attr = 'attr' in s ? fields[s.attr % Math.max(1, fields.length)] : undefined;
  switch (s.t) {
    case 'addAttr':
      return res ? [{ kind: 'addAttribute', resource: res.name, attribute: { name: ATTRS[s.name]!, type: TYPES[s.type]! } }] : null;
    case 'removeAttr':
      return res && attr ? [{ kind: 'removeAttribute', resource: res.name, name: attr.name }] : null;
    case 'renameAttr':
      return res && attr ? [{ kind: 'updateAttribute', resource: res.name, name: attr.name, attribute: { ...attr, name: ATTRS[s.name]! } }] : null;
    case 'retype':
      return res && attr ? [{ kind: 'updateAttribute', resource: res.name, name: attr.name, attribute: { ...attr, type: TYPES[s.type]! } }] : null;
    case 'addRes':
      return [{ kind: 'addResource', resource: { name: RES[s.name]!, attributes: [{ name: 'id', type: 'integer', primaryKey: true }] } }];
    case 'renameRes':
      return res ? [{ kind: 'renameResource', from: res.name, to: RES[s.name]! }] : null;
    case 'removeRes':
      return res ? [{ kind: 'removeResource', name: res.name }] : null;
    case 'removeAdd':
      return res && attr
        ? [{ kind: 'removeAttribute', resource: res.name, name: attr.name }, { kind: 'addAttribute', resource: res.name, attribute: { name: ATTRS[s.name]!, type: TYPES[s.type]! } }]
        : null;
    case 'describe':
      return res ? [{ kind: 'updateResource', name: res.name, patch: { description: `d${Math.random()}` } }] : null;
    default:
      return null;
  }
}

/** Rows as the store gives them: every attribute of the model present. */
function complete(model: Model, data: Data): Data {
  const n = normalizeModel(model);
  return Object.fromEntries(n.resources.map((r) => [r.name, (data[r.name] ?? []).map((row) => Object.fromEntries(r.attributes.map((a) => [a.name, row[a.name] ?? null])))]));
}

describe('engine host: edits as ops migrate rows exactly (property)', () => {
  it('matches the reference after every step of random op sequences with undo/redo', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(stepArb, { minLength: 1, maxLength: 14 }), async (steps) => {
        const c = createInProcessEngineClient(createEngineHost({ SQL }));
        try {
          let doc: RelataDocument = { model: start, layout: { positions: {} } };
          let data = startData;
          let version = 1;
          await c.setModel(version, start);
          expect((await c.importData(startData)).ok).toBe(true);
          const undo: DocumentOp[][] = [];
          const redo: DocumentOp[][] = [];
          for (const s of steps) {
            let ops: DocumentOp[] | null;
            if (s.t === 'undo') ops = undo.at(-1) ?? null;
            else if (s.t === 'redo') ops = redo.at(-1) ?? null;
            else ops = opsFor(doc, s);
            if (!ops) continue;
            const applied = applyOps(doc, ops);
            if (!applied.ok) continue;
            if (s.t === 'undo') {
              undo.pop();
              redo.push(applied.value.inverse);
            } else if (s.t === 'redo') {
              redo.pop();
              undo.push(applied.value.inverse);
            } else {
              undo.push(applied.value.inverse);
              redo.length = 0;
            }
            let d = doc;
            for (const op of ops) {
              data = reference(d, data, op);
              const one = applyOps(d, [op]);
              if (!one.ok) throw new Error(one.error.message);
              d = one.value.document;
            }
            doc = applied.value.document;
            const outcome = await c.applyEdits(version, version + 1, ops);
            version++;
            expect(outcome.kind).toBe('applied');
            if (outcome.kind === 'applied') expect(outcome.status.error).toBeNull();
            expect(await c.exportData()).toEqual(complete(doc.model, data));
          }
        } finally {
          c.dispose();
        }
      }),
      { numRuns: 40 },
    );
  });
});
