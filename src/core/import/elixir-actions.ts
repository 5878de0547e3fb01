/**
 * The `actions do ... end` and `aggregates do ... end` sections of an Ash resource → the model's
 * `actions` and `aggregates` (docs/actions-and-aggregates.md). Reads what `toElixir` writes
 * (elixir-actions.ts) plus common hand-written forms; options with no model equivalent are warnings.
 * The exporter's defaults line for a resource without `actions` reads back as no key.
 */
import { ACTION_TYPES, MANAGE_TYPES, ON_LOOKUP, ON_MATCH, ON_MISSING, ON_NO_MATCH } from '../actions/types';
import type { ActionDef, ActionEntry, ActionType, ArgumentDef, ChangeDef, ManageRelationshipChange } from '../actions/types';
import { AGGREGATE_KINDS, type AggregateDef, type AggregateKind } from '../aggregates/types';
import { DEFAULT_ACTIONS_LINE } from '../export/elixir-actions';
import { atomName, bool, json, options, readSort, type Reader } from './elixir-dsl';
import { readAshType } from './elixir-types';
import type { ExStmt, ExVal } from './elixir-parse';

const isActionType = (s: string): s is ActionType => (ACTION_TYPES as readonly string[]).includes(s);

/** `undefined` when the block is the exporter's defaults line alone (a resource without `actions`). */
export function readActions(block: ExStmt[], r: Reader): ActionEntry[] | undefined {
  const meaningful = block.filter((s) => s.name !== '');
  if (meaningful.length === 1 && meaningful[0]!.name === 'defaults' && isCanonicalDefaults(meaningful[0]!)) return undefined;
  const out: ActionEntry[] = [];
  for (const s of meaningful) {
    if (s.name === 'defaults') {
      for (const item of s.args[0]?.t === 'list' ? s.args[0].items : []) {
        const type = item.t === 'atom' ? item.v : item.t === 'pair' ? item.key : undefined;
        if (type !== undefined && isActionType(type)) out.push(type);
        else r.warnings.push({ line: s.line, message: 'A `defaults` entry that is not create/read/update/destroy is not carried' });
      }
      continue;
    }
    if (s.name === 'default_accept') {
      if (!(s.args[0]?.t === 'atom' && s.args[0].v === '*')) r.warnings.push({ line: s.line, message: '`default_accept` other than :* is not carried (actions without `accept` accept every writable attribute)' });
      continue;
    }
    if (!isActionType(s.name)) {
      r.warnings.push({ line: s.line, message: `\`${s.name}\` in actions is not read` });
      continue;
    }
    const a = readAction(s, s.name, r);
    if (a) out.push(a);
  }
  return out;
}

/** `defaults [:read, :destroy, create: :*, update: :*]` (DEFAULT_ACTIONS_LINE), in this order. */
function isCanonicalDefaults(s: ExStmt): boolean {
  const list = s.args[0];
  if (s.args.length !== 1 || list?.t !== 'list') return false;
  const text = list.items.map((x) => (x.t === 'atom' ? `:${x.v}` : x.t === 'pair' && x.value.t === 'atom' ? `${x.key}: :${x.value.v}` : '?')).join(', ');
  return `defaults [${text}]` === DEFAULT_ACTIONS_LINE;
}

function readAction(s: ExStmt, type: ActionType, r: Reader): ActionDef | undefined {
  const name = atomName(s.args[0]);
  if (name === undefined) { r.problems.push({ line: s.line, message: `${type} needs an action name atom` }); return undefined; }
  const a: ActionDef = { type };
  if (name !== type) a.name = name;
  const args: ArgumentDef[] = [];
  const changes: ChangeDef[] = [];
  for (const b of s.block ?? []) {
    const v = b.args[0];
    switch (b.name) {
      case 'primary?': if (bool(v) !== undefined) a.primary = bool(v); break;
      case 'description': if (v?.t === 'str') a.description = v.v; break;
      case 'accept': {
        if (v?.t === 'atom' && v.v === '*') a.accept = ['*'];
        else if (v?.t === 'list' && v.items.every((x) => x.t === 'atom')) a.accept = v.items.map((x) => (x as { v: string }).v);
        else r.problems.push({ line: b.line, message: `Cannot read the accept list of ${type} :${name}` });
        break;
      }
      case 'argument': {
        const arg = readArgument(b, r);
        if (arg) args.push(arg);
        break;
      }
      case 'change': {
        const c = readChange(v, b.line, r);
        if (c) changes.push(c);
        break;
      }
      default:
        r.warnings.push({ line: b.line, message: `\`${b.name}\` in ${type} :${name} has no model equivalent; not carried` });
    }
  }
  // Key order as the model writes it: type, name, primary, accept, arguments, changes, description.
  const out: ActionDef = { type, ...(a.name !== undefined ? { name: a.name } : {}) };
  if (a.primary !== undefined) out.primary = a.primary;
  if (a.accept !== undefined) out.accept = a.accept;
  if (args.length > 0) out.arguments = args;
  if (changes.length > 0) out.changes = changes;
  if (a.description !== undefined) out.description = a.description;
  return out;
}

function readArgument(s: ExStmt, r: Reader): ArgumentDef | undefined {
  const name = atomName(s.args[0]);
  const t = readAshType(s.args[1], r.typeModule);
  if (name === undefined || t === undefined) {
    r.problems.push({ line: s.line, message: `argument needs a name and a type` });
    return undefined;
  }
  if (t.ashType !== undefined) r.warnings.push({ line: s.line, message: `Argument :${name} of type ${t.ashType} is read as :${t.type}` });
  const arg: ArgumentDef = { name, type: t.type };
  for (const o of options(s, 2)) {
    if (o.name === 'allow_nil?' && bool(o.value) !== undefined) arg.allowNil = bool(o.value);
    else if (o.name === 'default' && json(o.value) !== undefined) arg.default = json(o.value);
    else if (o.name === 'description' && o.value?.t === 'str') arg.description = o.value.v;
    else r.warnings.push({ line: o.line, message: `Option ${o.name} of argument :${name} is not carried` });
  }
  return arg;
}

const MANAGE_KEYS: Record<string, { key: keyof ManageRelationshipChange; values: readonly string[] }> = {
  type: { key: 'type', values: MANAGE_TYPES },
  on_lookup: { key: 'onLookup', values: ON_LOOKUP },
  on_no_match: { key: 'onNoMatch', values: ON_NO_MATCH },
  on_match: { key: 'onMatch', values: ON_MATCH },
  on_missing: { key: 'onMissing', values: ON_MISSING },
};

function readChange(v: ExVal | undefined, line: number, r: Reader): ChangeDef | undefined {
  if (v?.t === 'call' && v.name === 'set_attribute') {
    const attribute = atomName(v.args[0]);
    const value = json(v.args[1]);
    if (attribute !== undefined && value !== undefined && v.args.length === 2) return { kind: 'set_attribute', attribute, value };
    r.warnings.push({ line, message: `set_attribute(${v.raw}) with a computed value is not carried` });
    return undefined;
  }
  if (v?.t === 'call' && v.name === 'manage_relationship') {
    const argument = atomName(v.args[0]);
    if (argument === undefined) { r.problems.push({ line, message: 'manage_relationship needs an argument atom' }); return undefined; }
    const c: ManageRelationshipChange = { kind: 'manage_relationship', argument };
    const rel = atomName(v.args[1]);
    if (rel !== undefined) c.relationship = rel;
    const opts = v.args.slice(rel !== undefined ? 2 : 1).flatMap((x) => (x.t === 'list' ? x.items : [x]));
    for (const o of opts) {
      if (o.t !== 'pair') continue;
      const value = atomName(o.value);
      const known = MANAGE_KEYS[o.key];
      if (known && value !== undefined && known.values.includes(value)) (c as unknown as Record<string, string>)[known.key] = value;
      else if (o.key === 'value_is_key' && value !== undefined) c.valueIsKey = value;
      else r.warnings.push({ line, message: `manage_relationship option ${o.key} is not carried` });
    }
    return c;
  }
  r.warnings.push({ line, message: 'A change other than set_attribute/manage_relationship is not carried' });
  return undefined;
}

export function readAggregates(block: ExStmt[], r: Reader): AggregateDef[] {
  const out: AggregateDef[] = [];
  for (const s of block) {
    if (!(AGGREGATE_KINDS as readonly string[]).includes(s.name)) {
      if (s.name !== '') r.warnings.push({ line: s.line, message: `\`${s.name}\` in aggregates is not read` });
      continue;
    }
    const kind = s.name as AggregateKind;
    const name = atomName(s.args[0]);
    const p = s.args[1];
    const path = p?.t === 'atom' ? [p.v] : p?.t === 'list' && p.items.every((x) => x.t === 'atom') ? p.items.map((x) => (x as { v: string }).v) : undefined;
    if (name === undefined || path === undefined) { r.problems.push({ line: s.line, message: `${kind} needs a name atom and a relationship path` }); continue; }
    const g: AggregateDef = { name, kind, path };
    const field = atomName(s.args[2]);
    if (field !== undefined) g.field = field;
    for (const o of options(s, field !== undefined ? 3 : 2)) {
      const v = o.value;
      switch (o.name) {
        case 'field': if (atomName(v) !== undefined) { g.field = atomName(v); continue; } break;
        case 'filter': if (v?.t === 'call' && v.name === 'expr') { g.filter = v.raw; continue; } break;
        case 'sort': { const sort = readSort(v); if (sort) { g.sort = sort; continue; } break; }
        case 'uniq?': if (bool(v) !== undefined) { g.uniq = bool(v); continue; } break;
        case 'include_nil?': if (bool(v) !== undefined) { g.includeNil = bool(v); continue; } break;
        case 'default': if (json(v) !== undefined) { g.default = json(v); continue; } break;
        case 'description': if (v?.t === 'str') { g.description = v.v; continue; } break;
        default:
          r.warnings.push({ line: o.line, message: `Option ${o.name} of ${kind} :${name} has no model equivalent; not carried` });
          continue;
      }
      r.problems.push({ line: o.line, message: `Cannot read the value of ${o.name} in ${kind} :${name}` });
    }
    // Key order as the model writes it.
    const ordered: AggregateDef = { name, kind, path };
    for (const k of ['field', 'filter', 'sort', 'uniq', 'includeNil', 'default', 'description'] as const) {
      if (g[k] !== undefined) (ordered as unknown as Record<string, unknown>)[k] = g[k];
    }
    out.push(ordered);
  }
  return out;
}
