import type { Row } from '../query/types';

/**
 * Sets a key on a plain object even when the key is `__proto__` (a valid attribute name), which a
 * plain assignment would turn into a prototype change.
 */
export function setKey(obj: Row, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}

export function isRecord(v: unknown): v is Row {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Map) && !(v instanceof Set);
}
