import { actionsOf } from '../../core/index';
import type { ActionRequest, AttributeType, NAction, NormalizedModel, NResource } from '../../core/index';

/**
 * Pure helpers behind the action runner: the form fields an action asks for (its accepted
 * attributes and its arguments), text → input values by type, and the request it sends.
 */

export interface ActionField {
  name: string;
  /** An accepted attribute or an action argument. */
  source: 'attribute' | 'argument';
  type: AttributeType;
  /** `allowNil: false` (attribute or argument). */
  required: boolean;
  /** The argument feeds a manage_relationship change (the relationship's name). */
  manages?: string;
}

export function findAction(model: NormalizedModel, resource: string, action: string): { resource: NResource; action: NAction } | undefined {
  const res = model.resources.find((r) => r.name === resource);
  const a = res ? actionsOf(res).find((x) => x.name === action) : undefined;
  return res && a ? { resource: res, action: a } : undefined;
}

/** Whether the action works on an existing record (update, destroy, read): the form asks for its primary key. */
export const needsPrimaryKey = (action: NAction): boolean => action.type !== 'create';

export function actionFields(resource: NResource, action: NAction): ActionField[] {
  const out: ActionField[] = [];
  if (action.type === 'create' || action.type === 'update') {
    const accepted = action.accept.includes('*') ? resource.attributes.filter((a) => a.writable).map((a) => a.name) : action.accept;
    for (const name of accepted) {
      const a = resource.attributes.find((x) => x.name === name);
      if (a) out.push({ name, source: 'attribute', type: a.type, required: !a.allowNil && a.default === undefined && a.generated === undefined && action.type === 'create' });
    }
  }
  for (const arg of action.arguments) {
    const manages = action.changes.find((c) => c.kind === 'manage_relationship' && c.argument === arg.name);
    const f: ActionField = { name: arg.name, source: 'argument', type: arg.type, required: !arg.allowNil };
    if (manages && manages.kind === 'manage_relationship') f.manages = manages.relationship;
    out.push(f);
  }
  return out;
}

export type Parsed = { ok: true; value: unknown } | { ok: false; message: string };

/** A form value as the input the engine takes: empty is "not given"; numbers, booleans and maps are parsed. */
export function parseFieldValue(type: AttributeType, text: string): Parsed {
  const t = text.trim();
  if (t === '') return { ok: true, value: undefined };
  if (t === 'nil' || t === 'null') return { ok: true, value: null };
  switch (type) {
    case 'integer':
    case 'float': {
      // A list of keys (`1, 2`) for a to-many argument typed as a number.
      if (t.includes(',')) {
        const parts = t.split(',').map((p) => Number(p.trim()));
        return parts.every(Number.isFinite) ? { ok: true, value: parts } : { ok: false, message: 'expected numbers separated by commas' };
      }
      const n = Number(t);
      if (!Number.isFinite(n) || (type === 'integer' && !Number.isInteger(n))) return { ok: false, message: `expected ${type === 'integer' ? 'an integer' : 'a number'}` };
      return { ok: true, value: n };
    }
    case 'boolean':
      if (t === 'true' || t === 'false') return { ok: true, value: t === 'true' };
      return { ok: false, message: 'expected true or false' };
    case 'map':
      try {
        return { ok: true, value: JSON.parse(t) as unknown };
      } catch {
        // A bare list of keys (`1, 2` or `a, b`) is common for to-many arguments.
        return { ok: true, value: t.split(',').map((p) => p.trim()).map((p) => (p !== '' && Number.isFinite(Number(p)) ? Number(p) : p)) };
      }
    default:
      return { ok: true, value: text };
  }
}

/** The primary key as typed: a number for a numeric single-attribute key, else the text (or a JSON object). */
export function parsePrimaryKey(resource: NResource, text: string): unknown {
  const t = text.trim();
  if (t === '') return undefined;
  if (t.startsWith('{')) {
    try {
      return JSON.parse(t) as unknown;
    } catch {
      return t;
    }
  }
  const pk = resource.attributes.filter((a) => a.primaryKey);
  if (pk.length === 1 && (pk[0]!.type === 'integer' || pk[0]!.type === 'float') && Number.isFinite(Number(t))) return Number(t);
  return t;
}

export type BuiltRequest = { ok: true; request: ActionRequest } | { ok: false; errors: Record<string, string> };

export function buildActionRequest(
  resource: NResource, action: NAction, values: Record<string, string>, primaryKeyText: string,
): BuiltRequest {
  const errors: Record<string, string> = {};
  const input: Record<string, unknown> = {};
  for (const f of actionFields(resource, action)) {
    const parsed = parseFieldValue(f.type, values[f.name] ?? '');
    if (!parsed.ok) errors[f.name] = parsed.message;
    else if (parsed.value !== undefined) input[f.name] = parsed.value;
  }
  const request: ActionRequest = { resource: resource.name, action: action.name, input };
  if (needsPrimaryKey(action)) {
    const pk = parsePrimaryKey(resource, primaryKeyText);
    if (pk === undefined) errors.primaryKey = 'the record to run the action on';
    else request.primaryKey = pk;
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, request };
}

/** Keys whose value differs between two versions of a row (all keys of an insert or delete). */
export function changedKeys(before: Record<string, unknown> | null, after: Record<string, unknown> | null): string[] {
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  if (!before || !after) return keys;
  return keys.filter((k) => JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null));
}

/** The primary key of a record as the form's text (single key: its value; composite: JSON). */
export function primaryKeyText(resource: NResource, record: Record<string, unknown> | null): string {
  if (!record) return '';
  const pk = resource.attributes.filter((a) => a.primaryKey).map((a) => a.name);
  if (pk.length === 1) return String(record[pk[0]!] ?? '');
  if (pk.length === 0) return '';
  return JSON.stringify(Object.fromEntries(pk.map((k) => [k, record[k] ?? null])));
}
