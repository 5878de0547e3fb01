import type { Data, NAttribute } from '../model/types';
import type { Row } from '../query/types';
import { fail } from '../result';
import { valueProblem } from '../expr/values';
import type { Schema } from '../schema/schema';

/**
 * Turns sample data (spec §2) into complete rows: every attribute present, absent ones taking
 * `default`/`generated`, else null. Both data layers load the output of this function, so they
 * start from identical rows. Generated values are deterministic (a counter-based uuid and a fixed
 * clock) so that two layers, and two runs, agree.
 */
export function prepareData(schema: Schema, data: Data): Map<string, Row[]> {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    fail('invalid_query', 'data must be an object of rows by resource name');
  }
  const out = new Map<string, Row[]>();
  for (const [name, rows] of Object.entries(data)) {
    const resource = schema.resources.get(name);
    if (!resource) fail('invalid_query', `data names an unknown resource ${JSON.stringify(name)}`, { path: [name] });
    if (!Array.isArray(rows)) fail('invalid_query', `data.${name} must be a list of rows`, { path: [name] });
    const counters = new Map<string, number>();
    const prepared: Row[] = [];
    rows.forEach((row, i) => {
      if (row === null || typeof row !== 'object' || Array.isArray(row)) {
        fail('invalid_query', `data.${name}[${i}] must be an object`, { path: [name, i] });
      }
      const full: Row = Object.create(null) as Row;
      for (const attr of resource.resource.attributes) {
        const given = Object.prototype.hasOwnProperty.call(row, attr.name) ? (row as Row)[attr.name] : undefined;
        if (given !== undefined) {
          const problem = valueProblem(given);
          if (problem) fail('invalid_query', `data.${name}[${i}].${attr.name} is ${problem}, not a value`, { path: [name, i, attr.name] });
        }
        full[attr.name] = given !== undefined ? coerce(attr, given) : absentValue(attr, counters, prepared, i);
      }
      prepared.push(full);
    });
    out.set(name, prepared);
  }
  for (const name of schema.resources.keys()) if (!out.has(name)) out.set(name, []);
  return out;
}

function coerce(attr: NAttribute, value: unknown): unknown {
  if (value === null) return null;
  if (attr.type === 'boolean' && typeof value === 'number') return value !== 0;
  return value;
}

function absentValue(attr: NAttribute, counters: Map<string, number>, rows: Row[], index: number): unknown {
  if (attr.default !== undefined) return attr.default;
  switch (attr.generated) {
    case 'increment': {
      const max = counters.get(attr.name) ?? rows.reduce((m, r) => Math.max(m, typeof r[attr.name] === 'number' ? (r[attr.name] as number) : 0), 0);
      const next = max + 1;
      counters.set(attr.name, next);
      return next;
    }
    case 'uuid':
      return deterministicUuid(index + 1);
    case 'now':
      return '2026-01-01T00:00:00Z';
    default:
      return null;
  }
}

function deterministicUuid(n: number): string {
  const hex = n.toString(16).padStart(12, '0');
  return `00000000-0000-4000-8000-${hex}`;
}
