import type { Row } from '../query/types';

/**
 * Sets a key on a plain object even when the key is `__proto__` (a valid attribute name), which a
 * plain assignment would turn into a prototype change.
 */
export function setKey(obj: Row, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}

const setters = new Map<string, (obj: Row, value: unknown) => void>();

/**
 * `setKey` for one key, as a function of its own: its store is a named property store with its own
 * inline cache (rows of one resource share a shape), where `setKey`'s one keyed store serves every
 * key of every call site. For attaching a relationship's value to thousands of rows.
 */
export function keySetter(key: string): (obj: Row, value: unknown) => void {
  let set = setters.get(key);
  if (!set) {
    set = key === '__proto__' ? (obj, value) => setKey(obj, key, value) : (new Function('o', 'v', `o[${JSON.stringify(key)}] = v;`) as (obj: Row, value: unknown) => void);
    setters.set(key, set);
  }
  return set;
}

export function isRecord(v: unknown): v is Row {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Map) && !(v instanceof Set);
}
