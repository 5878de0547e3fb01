import type { DocumentOp, RelataDocument } from '../model/ops';
import { applyOp } from '../model/ops';
import { normalizeModel } from '../model/normalize';
import type { Data, NormalizedModel } from '../model/types';
import type { RelataError, Result } from '../result';
import { ok } from '../result';
import type { Migration, MigrationChange, MigrationHints } from './migrate';
import { migrateData } from './migrate';

/**
 * What an edit means for stored rows, read from the edit itself (never guessed from two snapshots):
 * `renameResource` renames, `updateAttribute` with another name renames the attribute, renaming a
 * belongs_to renames the key attribute it adds; everything else keeps rows by name (removed →
 * dropped, added → empty). `before`/`after` are the documents either side of `op`.
 */
export function renamesOfOp(
  op: DocumentOp,
  before: NormalizedModel,
  after: NormalizedModel,
): MigrationHints {
  switch (op.kind) {
    case 'renameResource':
      return op.from === op.to ? {} : { resources: { [op.from]: op.to } };
    case 'updateAttribute':
      return op.attribute.name === op.name ? {} : { attributes: { [`${op.resource}.${op.name}`]: op.attribute.name } };
    case 'updateRelationship': {
      const oldRes = before.resources.find((r) => r.name === op.resource);
      const newRes = after.resources.find((r) => r.name === op.resource);
      const oldRel = oldRes?.relationships.find((r) => r.name === op.name);
      const newRel = newRes?.relationships.find((r) => r.name === op.relationship.name);
      if (!oldRes || !newRes || oldRel?.kind !== 'belongs_to' || newRel?.kind !== 'belongs_to') return {};
      const from = oldRel.sourceAttribute;
      const to = newRel.sourceAttribute;
      // The key attribute the relationship added moved with its name: a rename, not a drop and an add.
      if (from === to || newRes.attributes.some((a) => a.name === from) || oldRes.attributes.some((a) => a.name === to)) return {};
      return { attributes: { [`${op.resource}.${from}`]: to } };
    }
    default:
      return {};
  }
}

/** One op's effect on a model and on rows: the normalized models either side and the hints. */
export interface OpStep {
  op: DocumentOp;
  before: NormalizedModel;
  after: NormalizedModel;
  hints: MigrationHints;
  /** The normalized model did not change (a description, a layout move): no row or table changes. */
  sameStorage: boolean;
}

/**
 * Applies ops one by one (all or nothing), returning the document and, per op, what it means for
 * stored rows. The worker's row store and the reference migration below both follow these steps.
 */
export function planEdits(doc: RelataDocument, ops: readonly DocumentOp[], normalized?: NormalizedModel): Result<{ document: RelataDocument; steps: OpStep[] }, RelataError> {
  let current = doc;
  let currentNormalized = normalized ?? normalizeModel(doc.model);
  const steps: OpStep[] = [];
  for (const op of ops) {
    const applied = applyOp(current, op);
    if (!applied.ok) return applied;
    const next = applied.value.document;
    const nextNormalized = next.model === current.model ? currentNormalized : normalizeModel(next.model);
    const hints = renamesOfOp(op, currentNormalized, nextNormalized);
    steps.push({ op, before: currentNormalized, after: nextNormalized, hints, sameStorage: sameStorage(currentNormalized, nextNormalized) && !hasHints(hints) });
    current = next;
    currentNormalized = nextNormalized;
  }
  return ok({ document: current, steps });
}

const hasHints = (h: MigrationHints): boolean => Object.keys(h.resources ?? {}).length > 0 || Object.keys(h.attributes ?? {}).length > 0;

/** Same tables, columns, column types and keys (what the rows are stored in). */
export function sameStorage(a: NormalizedModel, b: NormalizedModel): boolean {
  return storageKey(a) === storageKey(b);
}

export function storageKey(m: NormalizedModel): string {
  return JSON.stringify(m.resources.map((r) => [r.name, r.table, r.attributes.map((a) => [a.name, a.type, a.primaryKey])]));
}

/**
 * The reference migration: rows carried across ops in plain JS, one op at a time. Values only
 * move with an explicit rename; the property test holds the worker's row store to this.
 */
export function migrateDataByOps(doc: RelataDocument, data: Data, ops: readonly DocumentOp[]): Result<{ document: RelataDocument; migration: Migration }, RelataError> {
  const planned = planEdits(doc, ops);
  if (!planned.ok) return planned;
  let rows = data;
  const changes: MigrationChange[] = [];
  for (const step of planned.value.steps) {
    if (step.sameStorage) continue;
    const m = migrateData(step.before, step.after, rows, step.hints);
    rows = m.data;
    changes.push(...m.changes);
  }
  return ok({ document: planned.value.document, migration: { data: rows, changes } });
}
