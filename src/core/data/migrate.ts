import type { AttributeType, Data, NAttribute, NormalizedModel, NResource } from '../model/types';
import type { Row } from '../query/types';

/**
 * Carries rows across a model edit. Nothing is guessed: a resource or attribute keeps its values
 * when it keeps its name, or when `hints` say it was renamed (the edit's ops say so, see
 * `renamesOfOp`); anything else that disappeared is dropped, and a new attribute starts empty (the
 * loader fills defaults). A type change converts values where it can and sets the rest to null.
 * (Guessing renames from two snapshots once moved `Ticket.priority` values into a new `notes`.)
 */

export interface MigrationHints {
  /** old resource name → new name */
  resources?: Record<string, string>;
  /** `Resource.old_attr` (new resource name) → new attribute name */
  attributes?: Record<string, string>;
}

export type MigrationChange =
  | { kind: 'renameResource'; from: string; to: string; rows: number }
  | { kind: 'dropResource'; resource: string; rows: number }
  | { kind: 'renameAttribute'; resource: string; from: string; to: string }
  | { kind: 'dropAttribute'; resource: string; attribute: string }
  | { kind: 'convertAttribute'; resource: string; attribute: string; from: AttributeType; to: AttributeType; lost: number };

export interface Migration {
  data: Data;
  changes: MigrationChange[];
}

export function migrateData(from: NormalizedModel, to: NormalizedModel, data: Data, hints: MigrationHints = {}): Migration {
  const changes: MigrationChange[] = [];
  const resourceMap = matchResources(from, to, hints);
  const out: Data = {};
  for (const oldRes of from.resources) {
    const rows = data[oldRes.name] ?? [];
    const newName = resourceMap.get(oldRes.name);
    const newRes = newName ? to.resources.find((r) => r.name === newName) : undefined;
    if (!newRes) {
      if (rows.length > 0) changes.push({ kind: 'dropResource', resource: oldRes.name, rows: rows.length });
      continue;
    }
    if (newRes.name !== oldRes.name) changes.push({ kind: 'renameResource', from: oldRes.name, to: newRes.name, rows: rows.length });
    out[newRes.name] = migrateRows(oldRes, newRes, rows, hints, changes);
  }
  // Rows of resources the old model did not know are kept as they are (e.g. imported before the edit).
  for (const [name, rows] of Object.entries(data)) {
    if (!from.resources.some((r) => r.name === name) && to.resources.some((r) => r.name === name) && !(name in out)) out[name] = rows;
  }
  return { data: out, changes };
}

function matchResources(from: NormalizedModel, to: NormalizedModel, hints: MigrationHints): Map<string, string> {
  const map = new Map<string, string>();
  const newNames = new Set(to.resources.map((r) => r.name));
  const taken = new Set<string>();
  for (const [a, b] of Object.entries(hints.resources ?? {})) {
    if (newNames.has(b)) {
      map.set(a, b);
      taken.add(b);
    }
  }
  for (const r of from.resources) {
    if (!map.has(r.name) && newNames.has(r.name) && !taken.has(r.name)) {
      map.set(r.name, r.name);
      taken.add(r.name);
    }
  }
  return map;
}

function migrateRows(oldRes: NResource, newRes: NResource, rows: Row[], hints: MigrationHints, changes: MigrationChange[]): Row[] {
  const attrMap = matchAttributes(oldRes, newRes, hints);
  const plan: Array<{ from: NAttribute; to: NAttribute }> = [];
  for (const a of oldRes.attributes) {
    const target = attrMap.get(a.name);
    const newAttr = target ? newRes.attributes.find((x) => x.name === target) : undefined;
    if (!newAttr) {
      if (rows.some((r) => r[a.name] !== undefined)) changes.push({ kind: 'dropAttribute', resource: newRes.name, attribute: a.name });
      continue;
    }
    if (newAttr.name !== a.name) changes.push({ kind: 'renameAttribute', resource: newRes.name, from: a.name, to: newAttr.name });
    plan.push({ from: a, to: newAttr });
  }
  const lost = new Map<string, number>();
  const out = rows.map((row) => {
    const next: Row = {};
    for (const { from, to } of plan) {
      if (!(from.name in row)) continue;
      const v = row[from.name];
      const converted = from.type === to.type ? v : convertValue(v, to.type);
      if (converted === null && v !== null && v !== undefined) lost.set(to.name, (lost.get(to.name) ?? 0) + 1);
      next[to.name] = converted;
    }
    return next;
  });
  for (const { from, to } of plan) {
    if (from.type !== to.type) changes.push({ kind: 'convertAttribute', resource: newRes.name, attribute: to.name, from: from.type, to: to.type, lost: lost.get(to.name) ?? 0 });
  }
  return out;
}

function matchAttributes(oldRes: NResource, newRes: NResource, hints: MigrationHints): Map<string, string> {
  const map = new Map<string, string>();
  const newNames = new Set(newRes.attributes.map((a) => a.name));
  const taken = new Set<string>();
  for (const [key, target] of Object.entries(hints.attributes ?? {})) {
    const dot = key.indexOf('.');
    if (key.slice(0, dot) !== newRes.name && key.slice(0, dot) !== oldRes.name) continue;
    if (newNames.has(target)) {
      map.set(key.slice(dot + 1), target);
      taken.add(target);
    }
  }
  for (const a of oldRes.attributes) {
    if (!map.has(a.name) && newNames.has(a.name) && !taken.has(a.name)) {
      map.set(a.name, a.name);
      taken.add(a.name);
    }
  }
  return map;
}

/** Converts a value to another attribute type; null when it cannot be converted. */
export function convertValue(v: unknown, type: AttributeType): unknown {
  if (v === null || v === undefined) return null;
  switch (type) {
    case 'integer': {
      const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : typeof v === 'boolean' ? Number(v) : NaN;
      return Number.isFinite(n) ? Math.trunc(n) : null;
    }
    case 'float': {
      const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
      return Number.isFinite(n) ? n : null;
    }
    case 'decimal': {
      const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : NaN;
      return Number.isFinite(n) ? String(v) : null;
    }
    case 'boolean':
      if (typeof v === 'boolean') return v;
      if (v === 0 || v === 1) return v === 1;
      if (v === 'true' || v === 'false') return v === 'true';
      return null;
    case 'string':
    case 'ci_string':
    case 'atom':
      return typeof v === 'object' ? JSON.stringify(v) : String(v);
    case 'uuid':
      return typeof v === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v) ? v : null;
    case 'date':
      return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v) ? v.slice(0, 10) : null;
    case 'utc_datetime':
      return typeof v === 'string' && !Number.isNaN(Date.parse(v)) ? v : null;
    case 'map':
      if (typeof v === 'object' && !Array.isArray(v)) return v;
      if (typeof v === 'string') {
        try {
          const parsed = JSON.parse(v) as unknown;
          return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed : null;
        } catch {
          return null;
        }
      }
      return null;
  }
}
