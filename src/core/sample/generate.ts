import type { Data, NAttribute, NormalizedModel, NResource, JsonValue } from '../model/types';
import type { Row } from '../query/types';
import { snake } from '../model/snake';
import { createRandom, randomUuid, type Random } from './random';

/**
 * Sample data for a model: N rows per resource that respect attribute types, `oneOf`, `min`/`max`,
 * lengths and allow-nil, with keys that point at existing rows (belongs_to and has_many/has_one
 * destination attributes), has_one keys used at most once, and join resources filled with distinct
 * pairs. Pure and seeded: the same model, counts and seed give the same data. Works in chunks so a
 * worker can report progress and honour a cancel between them.
 */

export interface GenerateProgress {
  /** The resource being generated. */
  resource: string;
  /** Rows generated so far, over all resources. */
  done: number;
  total: number;
}

export interface GenerateOptions {
  seed: number | string;
  onProgress?(progress: GenerateProgress): void;
  /** Checked between chunks; `aborted` ends the run with `{ kind: 'cancelled' }`. */
  signal?: { readonly aborted: boolean };
  /** Awaited between chunks (a worker passes a macrotask yield so cancel messages get through). */
  yieldControl?(): Promise<void>;
  /** Rows per chunk (default 5,000). */
  chunkSize?: number;
  /** Chance that a nullable, non-key attribute is nil (default 0.1); nullable keys use half of it. */
  nilRate?: number;
}

export type GenerateOutcome = { kind: 'done'; data: Data; rows: number } | { kind: 'cancelled'; rows: number };

/** Where a key attribute's values come from: an attribute of another (or the same) resource. */
interface KeyRef {
  resource: string;
  attribute: string;
  /** has_one destination: each parent key used at most once. */
  unique: boolean;
}

/** A join resource's pair of key attributes (many_to_many `through`). */
interface PairSpec {
  left: { attribute: string; ref: KeyRef };
  right: { attribute: string; ref: KeyRef };
}

interface Plan {
  keyRefs: Map<string, Map<string, KeyRef>>;
  pairs: Map<string, PairSpec>;
}

export function planKeys(model: NormalizedModel): Plan {
  const keyRefs = new Map<string, Map<string, KeyRef>>();
  const pairs = new Map<string, PairSpec>();
  const byName = new Map(model.resources.map((r) => [r.name, r] as const));
  const has = (r: string, a: string) => byName.get(r)?.attributes.some((x) => x.name === a) ?? false;
  const add = (resource: string, attribute: string, ref: KeyRef) => {
    if (!has(resource, attribute) || !has(ref.resource, ref.attribute)) return;
    let m = keyRefs.get(resource);
    if (!m) keyRefs.set(resource, (m = new Map()));
    const prev = m.get(attribute);
    if (!prev) m.set(attribute, ref);
    else if (ref.unique && prev.resource === ref.resource && prev.attribute === ref.attribute) prev.unique = true;
  };
  for (const r of model.resources) {
    for (const rel of r.relationships) {
      if (rel.kind === 'belongs_to') {
        add(r.name, rel.sourceAttribute, { resource: rel.destination, attribute: rel.destinationAttribute, unique: false });
      }
    }
  }
  for (const r of model.resources) {
    for (const rel of r.relationships) {
      if ((rel.kind === 'has_many' || rel.kind === 'has_one') && !rel.manual && !rel.noAttributes) {
        if (rel.kind === 'has_many' && rel.joinOf) continue; // covered by the many_to_many's pairs
        add(rel.destination, rel.destinationAttribute, {
          resource: r.name,
          attribute: rel.sourceAttribute,
          unique: rel.kind === 'has_one' && !rel.fromMany,
        });
      }
      if (rel.kind === 'many_to_many' && !pairs.has(rel.through)) {
        if (!has(rel.through, rel.sourceAttributeOnJoinResource) || !has(rel.through, rel.destinationAttributeOnJoinResource)) continue;
        if (!has(r.name, rel.sourceAttribute) || !has(rel.destination, rel.destinationAttribute)) continue;
        pairs.set(rel.through, {
          left: { attribute: rel.sourceAttributeOnJoinResource, ref: { resource: r.name, attribute: rel.sourceAttribute, unique: false } },
          right: { attribute: rel.destinationAttributeOnJoinResource, ref: { resource: rel.destination, attribute: rel.destinationAttribute, unique: false } },
        });
      }
    }
  }
  return { keyRefs, pairs };
}

const tick = (): Promise<void> => Promise.resolve();

export async function generateData(
  model: NormalizedModel,
  counts: Record<string, number>,
  options: GenerateOptions,
): Promise<GenerateOutcome> {
  const rnd = createRandom(options.seed);
  const chunk = Math.max(1, options.chunkSize ?? 5000);
  const nilRate = options.nilRate ?? 0.1;
  const yieldControl = options.yieldControl ?? tick;
  const plan = planKeys(model);
  const want = (r: NResource) => {
    let n = Math.max(0, Math.floor(counts[r.name] ?? 0));
    const pair = plan.pairs.get(r.name);
    if (pair) {
      const cap = cardinality(pair.left.ref, counts) * cardinality(pair.right.ref, counts);
      n = Math.min(n, cap);
    }
    return n;
  };
  const total = model.resources.reduce((s, r) => s + want(r), 0);
  let done = 0;
  const data: Data = {};

  // Phase 1: every attribute that is not a key into another resource.
  for (const resource of model.resources) {
    const n = want(resource);
    const refs = plan.keyRefs.get(resource.name);
    const pair = plan.pairs.get(resource.name);
    const skip = new Set<string>([...(refs?.keys() ?? []), ...(pair ? [pair.left.attribute, pair.right.attribute] : [])]);
    const attrs = resource.attributes.filter((a) => !skip.has(a.name));
    const rows: Row[] = new Array<Row>(n);
    const ctx: ValueContext = { resource, rnd, nilRate };
    for (let start = 0; start < n; start += chunk) {
      const end = Math.min(n, start + chunk);
      for (let i = start; i < end; i++) {
        const row: Row = {};
        for (const attr of attrs) row[attr.name] = valueFor(attr, i, ctx);
        rows[i] = row;
      }
      done += end - start;
      options.onProgress?.({ resource: resource.name, done, total });
      if (options.signal?.aborted) return { kind: 'cancelled', rows: done };
      await yieldControl();
      if (options.signal?.aborted) return { kind: 'cancelled', rows: done };
    }
    data[resource.name] = rows;
  }

  // Phase 2: keys, drawn from the rows they point at.
  const pools = new Map<string, unknown[]>();
  const pool = (ref: KeyRef): unknown[] => {
    const k = `${ref.resource}.${ref.attribute}`;
    let p = pools.get(k);
    if (!p) {
      p = (data[ref.resource] ?? []).map((row) => row[ref.attribute]).filter((v) => v !== null && v !== undefined);
      pools.set(k, p);
    }
    return p;
  };
  for (const resource of model.resources) {
    const rows = data[resource.name] ?? [];
    const pair = plan.pairs.get(resource.name);
    if (pair) fillPairs(rows, pair, pool(pair.left.ref), pool(pair.right.ref), rnd);
    const refs = plan.keyRefs.get(resource.name);
    if (!refs) continue;
    for (const [attrName, ref] of refs) {
      if (pair && (attrName === pair.left.attribute || attrName === pair.right.attribute)) continue;
      const attr = resource.attributes.find((a) => a.name === attrName)!;
      const values = pool(ref);
      const nullable = attr.allowNil && !attr.primaryKey;
      if (ref.unique) {
        const shuffled = shuffle([...values], rnd);
        rows.forEach((row, i) => {
          row[attrName] = i < shuffled.length && !(nullable && rnd.chance(nilRate / 2)) ? shuffled[i] : nullable || values.length === 0 ? null : rnd.pick(values);
        });
      } else {
        for (const row of rows) {
          if (values.length === 0 || (nullable && rnd.chance(nilRate / 2))) row[attrName] = null;
          else row[attrName] = values[skewedIndex(values.length, rnd)];
        }
      }
    }
  }
  options.onProgress?.({ resource: '', done: total, total });
  return { kind: 'done', data, rows: total };
}

function cardinality(ref: KeyRef, counts: Record<string, number>): number {
  return Math.max(0, Math.floor(counts[ref.resource] ?? 0));
}

/** Popular parents get more children (a gentle power law), as in real data. */
function skewedIndex(n: number, rnd: Random): number {
  return Math.min(n - 1, Math.floor(n * Math.pow(rnd.next(), 1.4)));
}

function shuffle<T>(list: T[], rnd: Random): T[] {
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(rnd.next() * (i + 1));
    [list[i], list[j]] = [list[j]!, list[i]!];
  }
  return list;
}

/** Distinct (left, right) pairs: rejection sampling when sparse, a partial shuffle of all pairs when dense. */
function fillPairs(rows: Row[], spec: PairSpec, left: unknown[], right: unknown[], rnd: Random): void {
  const n = Math.min(rows.length, left.length * right.length);
  if (n < rows.length) rows.length = n;
  if (n === 0) return;
  const space = left.length * right.length;
  const chosen: number[] = [];
  if (n * 2 <= space) {
    const seen = new Set<number>();
    while (chosen.length < n) {
      const k = skewedIndex(left.length, rnd) * right.length + rnd.int(0, right.length - 1);
      if (!seen.has(k)) {
        seen.add(k);
        chosen.push(k);
      }
    }
  } else {
    const all = Array.from({ length: space }, (_, i) => i);
    for (let i = 0; i < n; i++) {
      const j = i + Math.floor(rnd.next() * (space - i));
      [all[i], all[j]] = [all[j]!, all[i]!];
      chosen.push(all[i]!);
    }
  }
  chosen.forEach((k, i) => {
    rows[i]![spec.left.attribute] = left[Math.floor(k / right.length)];
    rows[i]![spec.right.attribute] = right[k % right.length];
  });
}

interface ValueContext {
  resource: NResource;
  rnd: Random;
  nilRate: number;
}

const FIRST = ['Ada', 'Grace', 'Alan', 'Linus', 'Marty', 'Zoe', 'José', 'Mia', 'Noah', 'Yuki', 'Omar', 'Lena', 'Ravi', 'Chen', 'Ines', 'Tom'];
const LAST = ['Lovelace', 'Hopper', 'Turing', 'Torvalds', 'Nakamura', 'Okafor', 'García', 'Novak', 'Singh', 'Larsen', 'Moreau', 'Kim'];
const NOUNS = ['printer', 'password', 'VPN', 'laptop', 'invoice', 'login', 'report', 'email', 'screen', 'server', 'badge', 'account', 'license', 'update'];
const VERBS = ['fails', 'is slow', 'keeps crashing', 'needs reset', 'is missing', 'shows an error', 'will not start', 'disconnects'];
const WORDS = ['alpha', 'bravo', 'delta', 'echo', 'lima', 'nova', 'orbit', 'pixel', 'quartz', 'river', 'sierra', 'tango', 'vector', 'zenith'];

function valueFor(attr: NAttribute, i: number, ctx: ValueContext): unknown {
  const { rnd } = ctx;
  if (attr.primaryKey) return keyValue(attr, i, ctx);
  if (attr.allowNil && rnd.chance(ctx.nilRate)) return null;
  const c = attr.constraints;
  if (c?.oneOf && c.oneOf.length > 0) return rnd.pick(c.oneOf as readonly JsonValue[]);
  switch (attr.type) {
    case 'uuid':
      return randomUuid(rnd);
    case 'integer': {
      const min = c?.min !== undefined ? Math.ceil(c.min) : attr.name.includes('priority') ? 0 : 1;
      const max = c?.max !== undefined ? Math.floor(c.max) : attr.name.includes('priority') || attr.name.includes('threshold') ? 10 : min + 999;
      return rnd.int(min, Math.max(min, max));
    }
    case 'float': {
      const min = c?.min ?? 0;
      const max = c?.max ?? min + 1000;
      return Math.round((min + rnd.next() * (max - min)) * 100) / 100;
    }
    case 'decimal': {
      const min = c?.min ?? 0;
      const max = c?.max ?? min + 1000;
      return (min + rnd.next() * (max - min)).toFixed(2);
    }
    case 'boolean':
      return rnd.chance(0.5);
    case 'date':
      return isoDate(rnd).slice(0, 10);
    case 'utc_datetime':
      return isoDate(rnd);
    case 'map':
      return { source: rnd.pick(WORDS), score: rnd.int(0, 100) };
    case 'atom':
      return rnd.pick(WORDS);
    case 'string':
    case 'ci_string':
      return fitLength(textFor(attr.name, i, rnd), attr);
  }
}

function keyValue(attr: NAttribute, i: number, ctx: ValueContext): unknown {
  switch (attr.type) {
    case 'integer':
      return i + 1;
    case 'uuid':
      return randomUuid(ctx.rnd);
    case 'float':
    case 'decimal':
      return attr.type === 'decimal' ? String(i + 1) : i + 1;
    case 'date': {
      const d = new Date(Date.UTC(2000, 0, 1) + i * 86_400_000);
      return d.toISOString().slice(0, 10);
    }
    case 'utc_datetime':
      return new Date(Date.UTC(2000, 0, 1) + i * 1000).toISOString().replace('.000Z', 'Z');
    default:
      return `${snake(ctx.resource.name)}_${i + 1}`;
  }
}

function isoDate(rnd: Random): string {
  const t = Date.UTC(2023, 0, 1) + Math.floor(rnd.next() * 3 * 365 * 86_400) * 1000;
  return new Date(t).toISOString().replace('.000Z', 'Z');
}

function textFor(name: string, i: number, rnd: Random): string {
  const first = rnd.pick(FIRST);
  const last = rnd.pick(LAST);
  if (name.includes('email')) return `${first.toLowerCase()}.${last.toLowerCase()}${i + 1}@example.com`.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  if (name === 'name' || name.endsWith('_name') || name === 'author' || name === 'username') {
    return name === 'username' ? `${first.toLowerCase()}${i + 1}` : `${first} ${last}`;
  }
  if (name.includes('subject') || name.includes('title')) {
    const noun = rnd.pick(NOUNS);
    return `${noun[0]!.toUpperCase()}${noun.slice(1)} ${rnd.pick(VERBS)}`;
  }
  if (name.includes('body') || name.includes('text') || name.includes('description') || name.includes('content')) {
    return `The ${rnd.pick(NOUNS)} ${rnd.pick(VERBS)} again; ${rnd.pick(['tried a restart', 'see attached', 'urgent please', 'happens daily', 'thanks!'])}`;
  }
  if (name.includes('url')) return `https://example.com/${rnd.pick(WORDS)}/${i + 1}`;
  if (name.includes('slug') || name.includes('tag')) return `${rnd.pick(WORDS)}-${i + 1}`;
  return `${rnd.pick(WORDS)} ${i + 1}`;
}

function fitLength(text: string, attr: NAttribute): string {
  const c = attr.constraints;
  let out = text;
  if (c?.maxLength !== undefined && out.length > c.maxLength) out = out.slice(0, Math.max(0, c.maxLength));
  if (c?.minLength !== undefined && out.length < c.minLength) out = out.padEnd(c.minLength, 'x');
  return out;
}
