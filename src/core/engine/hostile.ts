import fc from 'fast-check';

/**
 * Hostile values for the fuzz tests of every public entry point (issue 12): BigInt, NaN, cycles,
 * Proxies whose traps throw, throwing getters, huge and deep structures, prototype keys.
 */

export function cyclic(): Record<string, unknown> {
  const o: Record<string, unknown> = { resource: 'Post', load: {} };
  o.self = o;
  (o.load as Record<string, unknown>).comments = { load: o.load };
  return o;
}

export function throwingProxy(): object {
  const trap = () => {
    throw new Error('proxy trap');
  };
  return new Proxy({}, { get: trap, has: trap, ownKeys: trap, getPrototypeOf: trap, getOwnPropertyDescriptor: trap });
}

export function throwingGetter(key: string): object {
  return Object.defineProperty({}, key, { enumerable: true, get: () => { throw new Error(`getter ${key}`); } });
}

export function deep(levels: number, key = 'a'): unknown {
  let v: unknown = {};
  for (let i = 0; i < levels; i++) v = { [key]: v };
  return v;
}

export function deepList(levels: number): unknown {
  let v: unknown = [];
  for (let i = 0; i < levels; i++) v = [v];
  return v;
}

/** Objects whose keys are `__proto__`, `constructor` or `prototype` as own, enumerable keys. */
export function protoKeys(value: unknown): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (const k of ['__proto__', 'constructor', 'prototype']) Object.defineProperty(o, k, { value, enumerable: true, writable: true, configurable: true });
  return o;
}

/**
 * Hostile values are generated as tags (`"§proxy"`) and built inside the property by `materialize`:
 * fast-check itself inspects generated values, and a Proxy whose traps throw would break it.
 */
const TAGS = [
  'bigint', 'nan', 'inf', 'nul', 'symbol', 'function', 'cycle', 'proxy', 'getter:resource', 'getter:filter', 'getter:load',
  'getter:format', 'getter:resources', 'getter:Post', 'getter:id', 'deep', 'deeplist', 'proto', 'hugelist', 'hugestring',
] as const;

function build(tag: string): unknown {
  switch (tag) {
    case 'bigint': return 12345678901234567890n;
    case 'nan': return NaN;
    case 'inf': return -Infinity;
    case 'nul': return 'a\u0000b';
    case 'symbol': return Symbol('s');
    case 'function': return () => 1;
    case 'cycle': return cyclic();
    case 'proxy': return throwingProxy();
    case 'deep': return deep(3000);
    case 'deeplist': return deepList(3000);
    case 'proto': return protoKeys({ polluted: true });
    case 'hugelist': return new Array(200_000).fill(1);
    case 'hugestring': return 'x'.repeat(1_000_000);
    default: return tag.startsWith('getter:') ? throwingGetter(tag.slice(7)) : tag;
  }
}

/** Replaces every `§tag` string (as a value or a key's value, at any depth) by its hostile value. */
export function materialize(v: unknown, depth = 0): unknown {
  if (typeof v === 'string') return v.startsWith('§') ? build(v.slice(1)) : v;
  if (v === null || typeof v !== 'object' || depth > 20) return v;
  if (Array.isArray(v)) return v.map((x) => materialize(x, depth + 1));
  if (v instanceof Map || v instanceof Set) return v;
  // A copy: fast-check keeps (and prints) the generated value, which must stay free of proxies.
  const out = Object.create(Object.getPrototypeOf(v) as object | null) as Record<string, unknown>;
  for (const k of Object.keys(v)) {
    Object.defineProperty(out, k, { value: materialize((v as Record<string, unknown>)[k], depth + 1), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

export const hostileLeaf: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...TAGS).map((t) => `§${t}`),
  fc.constantFrom(-0, '__proto__', 'constructor', 'prototype', undefined, null),
);

/** Anything, with hostile tags mixed in at any depth (pass through `materialize` before use). */
export const hostile: fc.Arbitrary<unknown> = fc.oneof(
  hostileLeaf,
  fc.anything({ withBigInt: true, withNullPrototype: true, withObjectString: true, withMap: true, withSet: true, withSparseArray: true, values: [hostileLeaf, fc.string()] }),
);
