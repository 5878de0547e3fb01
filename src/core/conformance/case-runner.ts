import type { Engine } from '../engine/engine';
import { createEngine } from '../engine/engine';
import type { ManualRunner } from '../manual/contract';
import type { Data, Model, NormalizedModel, NResource, Sort } from '../model/types';
import { normalizeModel } from '../model/normalize';
import type { LoadRequest, QueryRequest, Row } from '../query/types';
import type { LayerFactory, StatementLog } from '../datalayers/data-layer';
import { validateModelAsync } from '../validate/validate';
import { compareValues } from '../expr/values';
import type { ActionRequest } from '../actions/run';

/** A conformance case (spec §6). */
export interface ConformanceCase {
  id: string;
  title?: string;
  model: Model;
  data?: Data;
  steps: Step[];
}

type Step =
  | { op: 'validate'; expect: { diagnostics: Array<Record<string, unknown>>; exact?: boolean } }
  | { op: 'normalize'; expect: { resource: string; attributes: Array<string | Record<string, unknown>>; relationships?: Array<Record<string, unknown>> } }
  | { op: 'read'; query: QueryRequest; expect: { records?: unknown[]; error?: Record<string, unknown> } }
  | { op: 'stats'; expect: { maxStatementsPerRelationshipLevel: number } }
  /** Extension (docs/actions-and-aggregates.md §5): runs an action; `record` is matched on the keys it gives. */
  | { op: 'action'; action: ActionRequest; expect: { record?: Record<string, unknown> | null; error?: Record<string, unknown> } };

export interface StepFailure {
  step: number;
  op: string;
  message: string;
}

export type LayerKind = 'sqlite' | 'memory' | 'pglite' | 'postgres';

export interface CaseEnvironment {
  /** A fresh data layer option for each case (a new sql.js database for sqlite). */
  /** The layer to run a case on, injected (`memoryLayer()`, `sqliteLayer(db)`). */
  layer(kind: LayerKind): LayerFactory | Promise<LayerFactory>;
  manualRunner: ManualRunner;
}

/** Runs one case on one data layer; returns the failures (empty when the case passes). */
export async function runCase(c: ConformanceCase, kind: LayerKind, env: CaseEnvironment): Promise<StepFailure[]> {
  const failures: StepFailure[] = [];
  const engineResult = createEngine({ model: c.model, layer: await env.layer(kind), manualRunner: env.manualRunner });
  let engine: Engine | null = null;
  if (engineResult.ok) {
    engine = engineResult.value;
    const loaded = engine.load(c.data ?? {});
    if (!loaded.ok) failures.push({ step: -1, op: 'load', message: `data did not load: ${loaded.error.message}` });
  }
  let lastStatements: StatementLog[] | null = null;
  for (let i = 0; i < c.steps.length; i++) {
    const step = c.steps[i]!;
    const fail = (message: string): void => {
      failures.push({ step: i, op: step.op, message });
    };
    try {
      switch (step.op) {
        case 'validate':
          await checkValidate(c.model, step.expect, env.manualRunner, fail);
          break;
        case 'normalize':
          checkNormalize(normalizeModel(c.model), step.expect, fail);
          break;
        case 'read': {
          if (!engine) {
            const code = engineResult.ok ? 'none' : engineResult.error.code;
            if (step.expect.error) checkError({ code, message: engineResult.ok ? '' : engineResult.error.message }, step.expect.error, fail);
            else fail(`expected records, got error ${code}: ${engineResult.ok ? '' : engineResult.error.message}`);
            lastStatements = null;
            break;
          }
          const result = await engine.read(step.query);
          if (!result.ok) {
            lastStatements = null;
            if (step.expect.error) checkError(result.error as unknown as Record<string, unknown>, step.expect.error, fail);
            else fail(`expected records, got error ${result.error.code}: ${result.error.message}`);
            break;
          }
          lastStatements = result.value.statements;
          if (step.expect.error) {
            fail(`expected error ${String(step.expect.error.code)}, got ${result.value.records.length} record(s)`);
            break;
          }
          const model = engine.model;
          const diff = compareRecords(result.value.records, step.expect.records ?? [], model, step.query.resource, step.query, '$');
          if (diff) fail(diff);
          break;
        }
        case 'stats': {
          if (kind === 'memory') break;
          if (!lastStatements) {
            fail('no previous successful read to take statistics of');
            break;
          }
          const counts = new Map<string, number>();
          for (const s of lastStatements) {
            if (s.scope === 'root' || s.scope.startsWith('filter:')) continue;
            counts.set(s.scope, (counts.get(s.scope) ?? 0) + 1);
          }
          for (const [scope, n] of counts) {
            if (n > step.expect.maxStatementsPerRelationshipLevel) {
              fail(`${scope} issued ${n} statements (at most ${step.expect.maxStatementsPerRelationshipLevel} allowed)`);
            }
          }
          break;
        }
        case 'action': {
          lastStatements = null;
          if (!engine) {
            fail(`the model did not load: ${engineResult.ok ? '' : engineResult.error.message}`);
            break;
          }
          const result = await engine.runAction(step.action);
          if (!result.ok) {
            if (step.expect.error) checkError(result.error as unknown as Record<string, unknown>, step.expect.error, fail);
            else fail(`expected a record, got error ${result.error.code}: ${result.error.message} ${JSON.stringify(result.error.path ?? [])}`);
            break;
          }
          if (step.expect.error) {
            fail(`expected error ${String(step.expect.error.code)}, got record ${JSON.stringify(result.value.record)}`);
            break;
          }
          const want = step.expect.record;
          if (want === null) {
            if (result.value.record !== null) fail(`expected no record, got ${JSON.stringify(result.value.record)}`);
          } else if (want !== undefined) {
            const got = (result.value.record ?? {}) as Record<string, unknown>;
            for (const [k, v] of Object.entries(want)) {
              if (!deepEqual(got[k], v)) fail(`record.${k}: expected ${JSON.stringify(v)}, got ${JSON.stringify(got[k])}`);
            }
          }
          break;
        }
        default:
          fail(`unknown op ${(step as { op: string }).op}`);
      }
    } catch (e) {
      fail(`threw: ${(e as Error).stack ?? String(e)}`);
    }
  }
  return failures;
}

async function checkValidate(
  model: Model,
  expect: { diagnostics: Array<Record<string, unknown>>; exact?: boolean },
  runner: ManualRunner,
  fail: (m: string) => void,
): Promise<void> {
  const diagnostics = (await validateModelAsync(model, runner)) as unknown as Array<Record<string, unknown>>;
  const used = new Set<number>();
  for (const want of expect.diagnostics) {
    const idx = diagnostics.findIndex((d, i) => !used.has(i) && Object.entries(want).every(([k, v]) => deepEqual(d[k], v)));
    if (idx < 0) fail(`missing diagnostic ${JSON.stringify(want)}; got ${summarize(diagnostics)}`);
    else used.add(idx);
  }
  if (expect.exact) {
    diagnostics.forEach((d, i) => {
      if (!used.has(i) && d.severity === 'error') fail(`unexpected error diagnostic ${d.code} (${d.message})`);
    });
  }
}

function summarize(ds: Array<Record<string, unknown>>): string {
  return ds.length === 0 ? 'none' : ds.map((d) => `${d.severity}:${d.code}@${d.resource ?? ''}.${d.relationship ?? d.attribute ?? ''}`).join(', ');
}

function checkNormalize(
  model: NormalizedModel,
  expect: { resource: string; attributes: Array<string | Record<string, unknown>>; relationships?: Array<Record<string, unknown>> },
  fail: (m: string) => void,
): void {
  const resource = model.resources.find((r) => r.name === expect.resource);
  if (!resource) {
    fail(`no resource ${expect.resource} after normalisation`);
    return;
  }
  matchList(resource.attributes as unknown as Array<Record<string, unknown>>, expect.attributes, 'attributes', fail);
  if (expect.relationships) {
    matchList(resource.relationships as unknown as Array<Record<string, unknown>>, expect.relationships, 'relationships', fail);
  }
}

function matchList(
  actual: Array<Record<string, unknown>>,
  expected: Array<string | Record<string, unknown>>,
  what: string,
  fail: (m: string) => void,
): void {
  const names = actual.map((a) => a.name);
  if (actual.length !== expected.length) {
    fail(`${what}: expected ${expected.length} (${expected.map((e) => (typeof e === 'string' ? e : e.name)).join(', ')}), got ${actual.length} (${names.join(', ')})`);
    return;
  }
  expected.forEach((e, i) => {
    const a = actual[i]!;
    const want = typeof e === 'string' ? { name: e } : e;
    for (const [k, v] of Object.entries(want)) {
      if (!deepEqual(a[k], v)) fail(`${what}[${i}] (${String(a.name)}).${k}: expected ${JSON.stringify(v)}, got ${JSON.stringify(a[k])}`);
    }
  });
}

function checkError(actual: Record<string, unknown>, expected: Record<string, unknown>, fail: (m: string) => void): void {
  for (const [k, v] of Object.entries(expected)) {
    if (!deepEqual(actual[k], v)) fail(`error.${k}: expected ${JSON.stringify(v)}, got ${JSON.stringify(actual[k])} (${String(actual.message)})`);
  }
}

/** Deep comparison of result records; lists are compared in order only when their level has a sort. */
export function compareRecords(actual: unknown[], expected: unknown[], model: NormalizedModel, resourceName: string, level: LoadRequest, path: string): string | null {
  const resource = model.resources.find((r) => r.name === resourceName);
  if (!resource) return `${path}: unknown resource ${resourceName}`;
  const sorted = (level.sort?.length ?? 0) > 0;
  return compareList(actual, expected, resource, model, level, sorted, path);
}

function levelIsSorted(resource: NResource, relName: string, load: LoadRequest): boolean {
  const rel = resource.relationships.find((r) => r.name === relName);
  const relSort: Sort = [...(rel?.sort ?? []), ...(rel?.defaultSort ?? [])];
  return (load.sort?.length ?? 0) > 0 || relSort.length > 0;
}

function compareList(actual: unknown[], expected: unknown[], resource: NResource, model: NormalizedModel, level: LoadRequest, sorted: boolean, path: string): string | null {
  if (!Array.isArray(actual)) return `${path}: expected a list, got ${JSON.stringify(actual)}`;
  if (actual.length !== expected.length) {
    return `${path}: expected ${expected.length} record(s) ${short(expected)}, got ${actual.length} ${short(actual)}`;
  }
  let a = actual as Row[];
  let e = expected as Row[];
  if (!sorted) {
    const pk = resource.attributes.filter((x) => x.primaryKey).map((x) => x.name);
    const byPk = (x: Row, y: Row): number => {
      for (const k of pk.length > 0 ? pk : Object.keys(x)) {
        const u = x?.[k] ?? null;
        const v = y?.[k] ?? null;
        if (u === null || v === null) {
          if (u !== v) return u === null ? -1 : 1;
          continue;
        }
        const c = compareValues(u, v);
        if (c !== 0) return c;
      }
      return JSON.stringify(x) < JSON.stringify(y) ? -1 : 1;
    };
    a = [...a].sort(byPk);
    e = [...e].sort(byPk);
  }
  for (let i = 0; i < e.length; i++) {
    const d = compareRecord(a[i], e[i], resource, model, level, `${path}[${i}]`);
    if (d) return d;
  }
  return null;
}

function compareRecord(actual: unknown, expected: unknown, resource: NResource, model: NormalizedModel, level: LoadRequest, path: string): string | null {
  if (expected === null || actual === null) return actual === expected ? null : `${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`;
  const a = actual as Row;
  const e = expected as Row;
  const keysA = Object.keys(a).sort();
  const keysE = Object.keys(e).sort();
  if (keysA.join(',') !== keysE.join(',')) return `${path}: expected keys [${keysE.join(', ')}], got [${keysA.join(', ')}]`;
  for (const k of keysE) {
    const rel = resource.relationships.find((r) => r.name === k);
    const load = level.load?.[k];
    if (rel && load !== undefined) {
      const dest = model.resources.find((r) => r.name === rel.destination);
      if (!dest) return `${path}.${k}: unknown destination`;
      const ev = e[k];
      const av = a[k];
      if (Array.isArray(ev)) {
        const d = compareList(av as unknown[], ev, dest, model, load, levelIsSorted(resource, k, load), `${path}.${k}`);
        if (d) return d;
      } else {
        const d = compareRecord(av, ev, dest, model, load, `${path}.${k}`);
        if (d) return d;
      }
    } else if (!deepEqual(a[k], e[k])) {
      return `${path}.${k}: expected ${JSON.stringify(e[k])}, got ${JSON.stringify(a[k])}`;
    }
  }
  return null;
}

function short(xs: unknown[]): string {
  const s = JSON.stringify(xs.map((x) => (x && typeof x === 'object' ? Object.fromEntries(Object.entries(x).filter(([, v]) => typeof v !== 'object' || v === null).slice(0, 3)) : x)));
  return s.length > 300 ? s.slice(0, 300) + '…' : s;
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === undefined) a = null;
  if (b === undefined) b = null;
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null) return false;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (typeof a === 'object') {
    if (Array.isArray(b)) return false;
    const ka = Object.keys(a as object).filter((k) => (a as Row)[k] !== undefined);
    const kb = Object.keys(b as object).filter((k) => (b as Row)[k] !== undefined);
    if (ka.length !== kb.length) return false;
    return ka.every((k) => deepEqual((a as Row)[k], (b as Row)[k]));
  }
  return false;
}
