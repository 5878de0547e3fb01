import type { CancelToken, ManualHost, ManualRunner } from '../manual/contract';
import type { NRelationship, Sort } from '../model/types';
import type { QueryRequest, Row } from '../query/types';
import { fail } from '../result';
import type { ResourceSchema, Step } from '../schema/schema';
import { isRecord } from './records';
import { HOST_ROWS } from '../query/raw-rows';
import { valueProblem } from '../expr/values';

export interface ManualLoad {
  step: Step;
  /** Filters already combined as expression text: the relationship's, then the load's. */
  filters: string[];
  params: Record<string, unknown>;
  sort: Sort;
}

/**
 * Runs a manual relationship's `load` once for all `sources` of a level and turns its return value
 * into one list per source (spec §1: positional list preferred, or keyed by primary key).
 */
export async function runManual(
  runner: ManualRunner | undefined,
  load: ManualLoad,
  sources: readonly Row[],
  host: ManualHost,
  context: { actor: unknown; dataLayer: string; timeoutMs?: number; token?: CancelToken },
): Promise<ManualLists> {
  if (sources.length === 0) return { lists: [], exact: true };
  const rel = load.step.rel;
  if (rel.kind !== 'has_one' && rel.kind !== 'has_many') throw new Error('manual relationship of unexpected kind');
  const manual = rel.manual;
  if (!manual) throw new Error('runManual on a relationship without manual code');
  const where = `${load.step.from.name}.${rel.name}`;
  if (!runner) fail('manual_load_failed', `${where}: no sandbox is available to run manual code here`);
  const query: QueryRequest = { resource: load.step.to.name };
  if (load.filters.length > 0) query.filter = load.filters.length === 1 ? load.filters[0] : load.filters.map((f) => `(${f})`).join(' and ');
  if (Object.keys(load.params).length > 0) query.params = load.params;
  if (load.sort.length > 0) query.sort = load.sort;
  const outcome = await runner.run(
    {
      source: manual.source,
      records: sources.map((r) => ({ ...r })),
      options: manual.options ?? {},
      query,
      relationship: rel,
      resource: load.step.from.name,
      actor: context.actor ?? null,
      dataLayer: context.dataLayer,
      timeoutMs: context.timeoutMs,
      ...(context.token ? { token: context.token } : {}),
    },
    host,
  );
  if (!outcome.ok) {
    // The message names the relationship (spreading the error whole would put its own message back).
    const { code, message, ...rest } = outcome.error;
    fail(code, `${where}: ${message}`, { ...rest, path: [load.step.from.name, rel.name] });
  }
  const value = outcome.value;
  const lists = shapeResult(value, sources, load.step.from, rel, load.step.many, where);
  // Rows sent back by reference are the host's own rows: their values came from the data layer.
  if (!(Array.isArray(value) && HOST_ROWS.has(value))) checkReturnedValues(lists, load.step.to, where, [load.step.from.name, rel.name]);
  // Rows sent back by reference are the host's own rows: exactly the destination's attributes when
  // every read they came from had exactly its columns.
  const origins = Array.isArray(value) ? HOST_ROWS.get(value) : undefined;
  const names = load.step.to.attributeNames;
  const exact = origins !== undefined && origins.every((cols) => cols.length === names.length && cols.every((c, i) => c === names[i]));
  return { lists, exact };
}

export interface ManualLists {
  /** One list per source. */
  lists: Row[][];
  /** Every row is a fresh row with exactly the destination's attributes, in order (nothing to trim). */
  exact: boolean;
}

function shapeResult(
  value: unknown,
  sources: readonly Row[],
  from: ResourceSchema,
  rel: NRelationship,
  many: boolean,
  where: string,
): Row[][] {
  const element = (v: unknown, at: string): Row[] => {
    if (v === null || v === undefined) return [];
    if (isRecord(v)) return [v];
    if (many && Array.isArray(v)) {
      v.forEach((x, j) => {
        if (!isRecord(x)) invalid(`${at}[${j}] is ${describe(x)}, not a record`);
      });
      return v as Row[];
    }
    return invalid(
      many
        ? `${at} is ${describe(v)}; a to-many element must be a list of records, a record or null`
        : `${at} is ${describe(v)}; a to-one element must be a record or null`,
    );
  };
  const invalid = (message: string): never =>
    fail('manual_invalid_return', `${where}: load returned an invalid value: ${message}`, { path: [from.name, rel.name] });

  if (Array.isArray(value)) {
    // Rebuilt from row references: every element is already a list of records, a record or a hole.
    if (many && HOST_ROWS.has(value)) {
      return sources.map((_, i) => {
        const v: unknown = value[i];
        return v === null || v === undefined ? [] : Array.isArray(v) ? (v as Row[]) : [v as Row];
      });
    }
    return sources.map((_, i) => element(value[i], `element ${i}`));
  }
  const pk = from.pk[0];
  if (value instanceof Map) {
    if (pk === undefined) invalid(`a Map return needs a primary key on ${from.name}`);
    return sources.map((s) => element(value.get(s[pk!]), `the value for key ${JSON.stringify(s[pk!])}`));
  }
  if (isRecord(value) && Object.getPrototypeOf(value) === Object.prototype) {
    if (pk === undefined) invalid(`a keyed return needs a primary key on ${from.name}`);
    return sources.map((s) => {
      const key = String(s[pk!]);
      return element(Object.prototype.hasOwnProperty.call(value, key) ? value[key] : undefined, `the value for key ${JSON.stringify(key)}`);
    });
  }
  return invalid(
    `${describe(value)}; return a list aligned with the records (element i for records[i]) or an object/Map keyed by primary key`,
  );
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'undefined';
  if (Array.isArray(v)) return 'a list';
  if (v instanceof Map) return 'a Map';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v)}`;
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${String(v)}`;
}

/**
 * Values returned by manual code must be values of the destination's attribute types (docs/limits.md):
 * a BigInt key, NaN, a string with NUL, a cycle or a function is `manual_invalid_return` naming the
 * row and the field, before a data layer or a nested load meets it.
 */
function checkReturnedValues(lists: Row[][], to: ResourceSchema, where: string, path: string[]): void {
  const seen = new Set<Row>();
  lists.forEach((list, i) => {
    list.forEach((row, j) => {
      if (seen.has(row)) return;
      seen.add(row);
      for (const name of to.attributeNames) {
        const v = row[name];
        if (v === null || v === undefined) continue;
        const type = to.attributes.get(name)?.type;
        const problem = valueProblem(v, 32) ?? typeProblem(v, type);
        if (problem) {
          fail('manual_invalid_return', `${where}: load returned an invalid value: element ${i}, row ${j}, field \`${name}\` is ${problem}`, {
            path,
            details: { element: i, row: j, field: name },
          });
        }
      }
    });
  });
}

function typeProblem(v: unknown, type: string | undefined): string | null {
  switch (type) {
    case 'integer':
      return typeof v === 'number' && Number.isInteger(v) ? null : `${describe(v)}, not an integer`;
    case 'float':
      return typeof v === 'number' ? null : `${describe(v)}, not a number`;
    case 'boolean':
      return typeof v === 'boolean' ? null : `${describe(v)}, not a boolean`;
    case 'map':
      return typeof v === 'object' ? null : `${describe(v)}, not a map`;
    case undefined:
    case 'decimal':
      return null;
    default:
      return typeof v === 'string' ? null : `${describe(v)}, not a string`;
  }
}
