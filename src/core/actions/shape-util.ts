/** Small structural checks shared by the actions and aggregates shape checks (never throw). */
export type JsonPath = Array<string | number>;
export type Add = (path: JsonPath, message: string) => void;
export type Obj = Record<string, unknown>;

export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
export const show = (path: JsonPath): string => `\`${path.join('.')}\``;
export const kindOf = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

export function isJson(v: unknown, depth = 0): boolean {
  if (depth > 64) return false;
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return true;
  if (typeof v === 'number') return Number.isFinite(v);
  if (Array.isArray(v)) return v.every((x) => isJson(x, depth + 1));
  if (isObj(v)) return Object.values(v).every((x) => isJson(x, depth + 1));
  return false;
}

export function keys(add: Add, o: Obj, allowed: readonly string[], path: JsonPath, what: string): void {
  for (const k of Object.keys(o)) {
    if (!allowed.includes(k)) add([...path, k], `Unknown key \`${k}\` in ${what} ${show(path)}; expected one of ${allowed.join(', ')}.`);
  }
}

export function str(add: Add, o: Obj, key: string, path: JsonPath, required = false): void {
  const v = o[key];
  if (v === undefined) {
    if (required) add([...path, key], `Missing required key \`${key}\` at ${show(path)}.`);
    return;
  }
  if (typeof v !== 'string') add([...path, key], `${show([...path, key])} must be a string, got ${kindOf(v)}.`);
}

export function bool(add: Add, o: Obj, key: string, path: JsonPath): void {
  const v = o[key];
  if (v !== undefined && typeof v !== 'boolean') add([...path, key], `${show([...path, key])} must be a boolean, got ${kindOf(v)}.`);
}

export function oneOf(add: Add, o: Obj, key: string, values: readonly string[], path: JsonPath, required = false): void {
  const v = o[key];
  if (v === undefined && !required) return;
  if (typeof v !== 'string' || !values.includes(v)) {
    add([...path, key], `${show([...path, key])} must be one of ${values.join(', ')}; got ${v === undefined ? 'nothing' : kindOf(v) === 'string' ? JSON.stringify(v) : kindOf(v)}.`);
  }
}

export function strings(add: Add, o: Obj, key: string, path: JsonPath, required = false): void {
  const v = o[key];
  if (v === undefined) {
    if (required) add([...path, key], `Missing required key \`${key}\` at ${show(path)}.`);
    return;
  }
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) add([...path, key], `${show([...path, key])} must be an array of strings.`);
}

export function list(add: Add, o: Obj, key: string, path: JsonPath, each: (v: unknown, p: JsonPath) => void): void {
  const v = o[key];
  if (v === undefined) return;
  if (!Array.isArray(v)) {
    add([...path, key], `${show([...path, key])} must be an array, got ${kindOf(v)}.`);
    return;
  }
  v.forEach((x, i) => each(x, [...path, key, i]));
}
