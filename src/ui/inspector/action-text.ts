/**
 * The inspector edits an action's accept list, arguments and changes as short text, one item per
 * line, in the Ash export's words:
 *
 *   accept:     subject, priority        (`*` = every writable attribute, empty = nothing)
 *   arguments:  reporter_id integer      (`required` = allowNil false; `= 1` a default)
 *   changes:    set_attribute(status, :closed)
 *               manage_relationship(reporter_id, reporter, type: append_and_remove, on_missing: ignore)
 *
 * `parse*` return the model value or a message naming the line; `print*` are their inverses.
 */
import { ATTRIBUTE_TYPES, MANAGE_TYPES, ON_LOOKUP, ON_MATCH, ON_MISSING, ON_NO_MATCH } from '../../core/index';
import type { ArgumentDef, AttributeType, ChangeDef, JsonValue, ManageRelationshipChange } from '../../core/index';

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const NAME = /^[a-z_][a-z0-9_]*$/;

export function printAccept(accept: string[] | undefined): string {
  return accept === undefined ? '*' : accept.join(', ');
}

/** `undefined` for `*` when the action had no accept key (so committing the shown text changes nothing). */
export function parseAccept(text: string, had: string[] | undefined): Parsed<string[] | undefined> {
  const t = text.trim();
  if (t === '*') return { ok: true, value: had === undefined ? undefined : ['*'] };
  const names = t === '' ? [] : t.split(/[\s,]+/).filter(Boolean);
  const bad = names.find((n) => !NAME.test(n));
  return bad ? { ok: false, message: `\`${bad}\` is not an attribute name` } : { ok: true, value: names };
}

export function printArguments(args: ArgumentDef[] | undefined): string {
  return (args ?? [])
    .map((a) => [a.name, a.type, a.allowNil === false ? 'required' : a.allowNil === true ? 'optional' : '', a.default !== undefined ? `= ${JSON.stringify(a.default)}` : '']
      .filter(Boolean).join(' '))
    .join('\n');
}

export function parseArguments(text: string, previous: ArgumentDef[] | undefined = []): Parsed<ArgumentDef[]> {
  const out: ArgumentDef[] = [];
  const lines = text.split('\n');
  for (const [i, raw] of lines.entries()) {
    const line = raw.trim();
    if (line === '') continue;
    const m = /^([a-z_][a-z0-9_]*)\s+([a-z_]+)(?:\s+(required|optional))?(?:\s*=\s*(.+))?$/.exec(line);
    if (!m) return { ok: false, message: `line ${i + 1}: write \`name type\`, e.g. \`reporter_id integer required\`` };
    const [, name, type, nil, def] = m as unknown as [string, string, string, string | undefined, string | undefined];
    if (!(ATTRIBUTE_TYPES as readonly string[]).includes(type)) return { ok: false, message: `line ${i + 1}: unknown type ${type} (${ATTRIBUTE_TYPES.join(', ')})` };
    const arg: ArgumentDef = { name, type: type as AttributeType };
    if (nil) arg.allowNil = nil !== 'required';
    if (def !== undefined) {
      try {
        arg.default = JSON.parse(def) as JsonValue;
      } catch {
        return { ok: false, message: `line ${i + 1}: the default must be a JSON value` };
      }
    }
    // Keep what the text does not show (descriptions).
    const old = previous.find((p) => p.name === name);
    if (old?.description !== undefined) arg.description = old.description;
    out.push(arg);
  }
  return { ok: true, value: out };
}

function printValue(v: JsonValue): string {
  if (typeof v === 'string') return NAME.test(v) ? `:${v}` : JSON.stringify(v);
  return v === null ? 'nil' : JSON.stringify(v);
}

function parseValue(text: string): Parsed<JsonValue> {
  const t = text.trim();
  if (t === 'nil') return { ok: true, value: null };
  if (/^:[A-Za-z_][A-Za-z0-9_]*$/.test(t)) return { ok: true, value: t.slice(1) };
  try {
    return { ok: true, value: JSON.parse(t) as JsonValue };
  } catch {
    return { ok: false, message: `\`${t}\` is not a value (write :atom, "text", a number, true/false or nil)` };
  }
}

const MANAGE_OPTS: [keyof ManageRelationshipChange, string, readonly string[] | null][] = [
  ['type', 'type', MANAGE_TYPES], ['onLookup', 'on_lookup', ON_LOOKUP], ['onNoMatch', 'on_no_match', ON_NO_MATCH],
  ['onMatch', 'on_match', ON_MATCH], ['onMissing', 'on_missing', ON_MISSING], ['valueIsKey', 'value_is_key', null],
];

export function printChanges(changes: ChangeDef[] | undefined): string {
  return (changes ?? [])
    .map((c) => {
      if (c.kind === 'set_attribute') return `set_attribute(${c.attribute}, ${printValue(c.value)})`;
      const parts = [c.argument];
      if (c.relationship !== undefined) parts.push(c.relationship);
      for (const [key, option] of MANAGE_OPTS) if (typeof c[key] === 'string') parts.push(`${option}: ${c[key] as string}`);
      return `manage_relationship(${parts.join(', ')})`;
    })
    .join('\n');
}

export function parseChanges(text: string): Parsed<ChangeDef[]> {
  const out: ChangeDef[] = [];
  for (const [i, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    if (line === '') continue;
    const at = `line ${i + 1}`;
    const set = /^set_attribute\(\s*:?([a-z_][a-z0-9_]*)\s*,\s*(.+)\)$/.exec(line);
    if (set) {
      const v = parseValue(set[2]!);
      if (!v.ok) return { ok: false, message: `${at}: ${v.message}` };
      out.push({ kind: 'set_attribute', attribute: set[1]!, value: v.value });
      continue;
    }
    const manage = /^manage_relationship\((.*)\)$/.exec(line);
    if (manage) {
      const parts = manage[1]!.split(',').map((p) => p.trim()).filter(Boolean);
      const positional = parts.filter((p) => !p.includes(':') || p.startsWith(':')).map((p) => p.replace(/^:/, ''));
      if (positional.length < 1 || positional.length > 2 || !positional.every((p) => NAME.test(p))) {
        return { ok: false, message: `${at}: write manage_relationship(argument, relationship, type: append_and_remove)` };
      }
      const c: ManageRelationshipChange = { kind: 'manage_relationship', argument: positional[0]! };
      if (positional[1] !== undefined) c.relationship = positional[1];
      for (const p of parts.filter((x) => x.includes(':') && !x.startsWith(':'))) {
        const colon = p.indexOf(':');
        const k = p.slice(0, colon).trim();
        const v = p.slice(colon + 1).trim().replace(/^:/, '');
        const opt = MANAGE_OPTS.find(([, option]) => option === k);
        if (!opt) return { ok: false, message: `${at}: unknown option ${k} (${MANAGE_OPTS.map(([, o]) => o).join(', ')})` };
        if (opt[2] && !opt[2].includes(v)) return { ok: false, message: `${at}: ${k} is one of ${opt[2].join(', ')}` };
        (c as unknown as Record<string, string>)[opt[0]] = v;
      }
      out.push(c);
      continue;
    }
    return { ok: false, message: `${at}: write set_attribute(attribute, value) or manage_relationship(argument, relationship, type: …)` };
  }
  return { ok: true, value: out };
}
