// Runs the `validate` and `normalize` steps of every conformance case (spec §6) against the core.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalizeModel } from '../model/normalize';
import { parseModel } from '../model/parse';
import type { Model } from '../model/types';
import { validateModel } from './validate';

const DIR = '/work/shared/conformance/cases';

interface Step {
  op: string;
  expect: Record<string, unknown>;
}
interface Case {
  id: string;
  model: Model;
  steps: Step[];
}

const cases: Case[] = existsSync(DIR)
  ? readdirSync(DIR)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => JSON.parse(readFileSync(join(DIR, f), 'utf8')) as Case)
  : [];

/** Does `actual` have every key of `expected` with an equal value? */
function matches(actual: unknown, expected: Record<string, unknown>): boolean {
  if (typeof actual !== 'object' || actual === null) return false;
  const a = actual as Record<string, unknown>;
  return Object.entries(expected).every(([k, v]) => JSON.stringify(a[k]) === JSON.stringify(v));
}

const steps = cases.flatMap((c) =>
  c.steps
    .map((s, n) => ({ c, s, n }))
    .filter(({ s }) => s.op === 'validate' || s.op === 'normalize'),
);

describe.skipIf(cases.length === 0)('conformance: validate and normalize steps', () => {
  it.each(cases.map((c) => [c.id, c] as const))('%s parses', (_id, c) => {
    expect(parseModel(c.model)).toMatchObject({ ok: true });
  });

  it.each(steps.map(({ c, s, n }) => [`${c.id} #${n} ${s.op}`, c, s] as const))('%s', (_name, c, s) => {
    if (s.op === 'validate') {
      const actual = validateModel(c.model);
      const expected = (s.expect.diagnostics ?? []) as Array<Record<string, unknown>>;
      for (const e of expected) {
        expect(actual.some((d) => matches(d, e)), `missing ${JSON.stringify(e)} in ${JSON.stringify(actual, null, 1)}`).toBe(true);
      }
      if (s.expect.exact === true) {
        const extra = actual.filter((d) => d.severity === 'error' && !expected.some((e) => matches(d, e)));
        expect(extra).toEqual([]);
      }
      return;
    }
    const resource = normalizeModel(c.model).resources.find((r) => r.name === s.expect.resource);
    expect(resource, `resource ${String(s.expect.resource)}`).toBeDefined();
    const attrs = s.expect.attributes as Array<string | Record<string, unknown>>;
    expect(resource?.attributes.map((a) => a.name)).toEqual(attrs.map((a) => (typeof a === 'string' ? a : a.name)));
    attrs.forEach((a, k) => {
      if (typeof a !== 'string') expect(resource?.attributes[k]).toMatchObject(a);
    });
    const rels = s.expect.relationships as Array<Record<string, unknown>> | undefined;
    if (rels) {
      expect(resource?.relationships.map((r) => r.name)).toEqual(rels.map((r) => r.name));
      rels.forEach((r, k) => expect(resource?.relationships[k]).toMatchObject(r));
    }
  });
});
