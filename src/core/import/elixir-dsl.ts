/**
 * The `attributes do ... end` and `relationships do ... end` sections of an Ash resource → model
 * attributes and relationships. Options come from keyword arguments or from the entity's do block
 * alike; Ash's defaults are mapped onto the model's (attributes are private in Ash 3 unless
 * `public? true`; the primary-key shorthands are public and not writable).
 */
import { type Attribute, type AttributeType, type JsonValue, type ManualSource, type Relationship, type Sort, type SortOrder } from '../model/types';
import type { ExStmt, ExVal } from './elixir-parse';
import type { ImportProblem } from './errors';
import { readAshType, type ReadType, type TypeModule } from './elixir-types';

export interface Reader {
  problems: ImportProblem[];
  warnings: ImportProblem[];
  /**
   * Resource name of a module alias; an unknown one is reported, or becomes an external placeholder
   * whose primary key has `keyType`.
   */
  resolve(alias: string, line: number, keyType?: AttributeType): string | undefined;
  manualSource(module: string): string | undefined;
  /** The code panel: what the text cannot say exactly is an error rather than a warning. */
  strict?: boolean;
  /** Ash 2 (attributes public unless `private? true`) rather than Ash 3 (private unless `public? true`). */
  ash2?: boolean;
  /** A type module defined in the imported files (an enum, an embedded resource). */
  typeModule(module: string): TypeModule | undefined;
}

export interface Option { name: string; value: ExVal | undefined; line: number }

/** Options of an entity: trailing keyword arguments and the statements of its do block. */
export function options(s: ExStmt, positional: number): Option[] {
  const out: Option[] = [];
  for (const a of s.args.slice(positional)) {
    if (a.t === 'pair') out.push({ name: a.key, value: a.value, line: s.line });
    else if (a.t === 'list') for (const p of a.items) if (p.t === 'pair') out.push({ name: p.key, value: p.value, line: s.line });
  }
  for (const b of s.block ?? []) {
    const value: ExVal | undefined = b.args.length > 1 || b.args[0]?.t === 'pair' ? { t: 'list', items: b.args } : b.args[0];
    out.push({ name: b.name, value, line: b.line });
  }
  return out;
}

function attributeType(v: ExVal | undefined, line: number, r: Reader): ReadType | undefined {
  const t = readAshType(v, r.typeModule);
  if (t?.customShortName) {
    if (r.strict) { r.problems.push({ line, message: `Unsupported attribute type ${describe(v)} (not one of Ash's types)` }); return undefined; }
    r.warnings.push({ line, message: `${describe(v)} is not one of Ash's built-in types; read as an app-registered custom type stored as map` });
    return { type: t.type, ...(t.ashType !== undefined ? { ashType: t.ashType } : {}) };
  }
  if (t) return t;
  r.problems.push({ line, message: `Cannot read the type ${describe(v)}` });
  return undefined;
}

function describe(v: ExVal | undefined): string {
  if (!v) return 'nothing';
  if (v.t === 'atom') return `:${v.v}`;
  if (v.t === 'alias' || v.t === 'str') return v.v;
  if (v.t === 'raw') return v.text;
  return v.t;
}

/** A literal term as JSON (atoms become strings); undefined for anything computed. */
export function json(v: ExVal | undefined): JsonValue | undefined {
  if (!v) return undefined;
  switch (v.t) {
    case 'atom': case 'str': case 'num': case 'bool': return v.v;
    case 'nil': return null;
    case 'list': {
      const items = v.items.map(json);
      return items.every((x) => x !== undefined) ? (items as JsonValue[]) : undefined;
    }
    case 'map': {
      const out: { [k: string]: JsonValue } = {};
      for (const [k, x] of v.entries) {
        const key = json(k);
        const value = json(x);
        if ((typeof key !== 'string') || value === undefined) return undefined;
        out[key] = value;
      }
      return out;
    }
    default: return undefined;
  }
}

export const bool = (v: ExVal | undefined): boolean | undefined => (v?.t === 'bool' ? v.v : undefined);
export const atomName = (v: ExVal | undefined): string | undefined => (v?.t === 'atom' ? v.v : undefined);

export function readAttributes(block: ExStmt[], r: Reader): Attribute[] {
  const out: Attribute[] = [];
  for (const s of block) {
    if (s.name === 'timestamps') {
      out.push({ name: 'inserted_at', type: 'utc_datetime', allowNil: false, generated: 'now', writable: false });
      out.push({ name: 'updated_at', type: 'utc_datetime', allowNil: false, generated: 'now', writable: false });
      continue;
    }
    const a = readAttribute(s, r);
    if (a) out.push(a);
  }
  return out;
}

function readAttribute(s: ExStmt, r: Reader): Attribute | undefined {
  const name = atomName(s.args[0]);
  const shorthand = /^(uuid|uuid_v7|integer)_primary_key$/.exec(s.name);
  const timestamp = s.name === 'create_timestamp' || s.name === 'update_timestamp';
  if (!shorthand && !timestamp && s.name !== 'attribute') {
    r.warnings.push({ line: s.line, message: `\`${s.name}\` in attributes is not read` });
    return undefined;
  }
  if (name === undefined) { r.problems.push({ line: s.line, message: `${s.name} needs an attribute name atom` }); return undefined; }
  let a: Attribute;
  let writableDefault = true;
  let publicDefault: boolean;
  if (shorthand) {
    const uuid = shorthand[1] !== 'integer';
    a = { name, type: uuid ? 'uuid' : 'integer', primaryKey: true, generated: uuid ? 'uuid' : 'increment' };
    if (shorthand[1] === 'uuid_v7') a.ashType = ':uuid_v7';
    writableDefault = false;
    publicDefault = true;
  } else if (timestamp) {
    a = { name, type: 'utc_datetime', allowNil: false, generated: 'now' };
    writableDefault = false;
    publicDefault = true;
  } else {
    const t = attributeType(s.args[1], s.line, r);
    if (!t) return undefined;
    a = { name, type: t.type };
    if (t.ashType !== undefined) a.ashType = t.ashType;
    if (t.oneOf) a.constraints = { oneOf: t.oneOf };
    publicDefault = r.ash2 === true;
  }
  let allowNil: boolean | undefined;
  let writable = writableDefault;
  let isPublic = publicDefault;
  for (const o of options(s, shorthand || timestamp ? 1 : 2)) {
    switch (o.name) {
      case 'primary_key?': if (bool(o.value)) a.primaryKey = true; break;
      case 'allow_nil?': allowNil = bool(o.value); break;
      case 'writable?': writable = bool(o.value) ?? writable; break;
      case 'public?': isPublic = bool(o.value) ?? isPublic; break;
      case 'private?': isPublic = !(bool(o.value) ?? !isPublic); break;
      case 'generated?': if (bool(o.value)) a.generated = 'increment'; break;
      case 'description': if (o.value?.t === 'str') a.description = o.value.v; break;
      case 'default': readDefault(a, o, r); break;
      case 'constraints': readConstraints(a, o, r); break;
      default: r.warnings.push({ line: o.line, message: `Attribute option ${o.name} of ${name} has no model equivalent; not carried` });
    }
  }
  const pk = a.primaryKey === true;
  if (allowNil !== undefined && allowNil !== !pk) a.allowNil = allowNil;
  if (!writable) a.writable = false;
  if (!isPublic) a.public = false;
  return a;
}

function readDefault(a: Attribute, o: Option, r: Reader): void {
  const raw = o.value?.t === 'raw' ? o.value.text.replace(/\s+/g, '') : '';
  if (/^&(DateTime\.utc_now|Date\.utc_today|NaiveDateTime\.utc_now)\/0$/.test(raw)) { a.generated = 'now'; return; }
  if (/^&(Ash\.UUID\.generate|Ash\.UUIDv7\.generate|Ecto\.UUID\.generate)\/0$/.test(raw)) { a.generated = 'uuid'; return; }
  const v = json(o.value);
  if (v === undefined) r.warnings.push({ line: o.line, message: `The default of ${a.name} is computed; not carried` });
  else if (v !== null) a.default = v;
}

function readConstraints(a: Attribute, o: Option, r: Reader): void {
  const items = o.value?.t === 'list' ? o.value.items : o.value?.t === 'pair' ? [o.value] : [];
  const c: NonNullable<Attribute['constraints']> = {};
  for (const item of items) {
    if (item.t !== 'pair') continue;
    const v = item.value;
    if (item.key === 'one_of') {
      const values = json(v);
      if (Array.isArray(values)) c.oneOf = values;
    } else if (['min', 'max', 'min_length', 'max_length'].includes(item.key) && v.t === 'num') {
      const key = ({ min: 'min', max: 'max', min_length: 'minLength', max_length: 'maxLength' } as const)[item.key as 'min'];
      c[key] = v.v;
    } else if (item.key === 'match' && (v.t === 'sigil' || v.t === 'str')) {
      c.match = v.v;
    } else {
      r.warnings.push({ line: o.line, message: `Constraint ${item.key} of ${a.name} is not carried` });
    }
  }
  if (Object.keys(c).length > 0) a.constraints = { ...a.constraints, ...c };
}

const KINDS = new Set(['belongs_to', 'has_one', 'has_many', 'many_to_many']);
const ATOM_OPTIONS: Record<string, string> = {
  source_attribute: 'sourceAttribute', destination_attribute: 'destinationAttribute',
  source_attribute_on_join_resource: 'sourceAttributeOnJoinResource',
  destination_attribute_on_join_resource: 'destinationAttributeOnJoinResource', join_relationship: 'joinRelationship',
};
const BOOL_OPTIONS: Record<string, string> = {
  'allow_nil?': 'allowNil', 'primary_key?': 'primaryKey', 'attribute_writable?': 'attributeWritable',
  'define_attribute?': 'defineAttribute', 'from_many?': 'fromMany', 'no_attributes?': 'noAttributes',
  'validate_destination_attribute?': 'validateDestinationAttribute',
};

export function readRelationships(block: ExStmt[], r: Reader): Relationship[] {
  const out: Relationship[] = [];
  for (const s of block) {
    if (!KINDS.has(s.name)) { r.warnings.push({ line: s.line, message: `\`${s.name}\` in relationships is not read` }); continue; }
    const name = atomName(s.args[0]);
    const dest = s.args[1];
    if (name === undefined || dest?.t !== 'alias') { r.problems.push({ line: s.line, message: `${s.name} needs a name atom and a destination module` }); continue; }
    const opts = options(s, 2);
    const keyOpt = opts.find((o) => o.name === 'attribute_type')?.value;
    const keyType = s.name === 'belongs_to' ? (readAshType(keyOpt, r.typeModule)?.type ?? 'uuid') : 'uuid';
    const destination = r.resolve(dest.v, s.line, keyType);
    if (destination === undefined) continue;
    const rel: Record<string, unknown> = { kind: s.name, name, destination };
    if (s.name === 'has_many' || s.name === 'has_one') {
      const path = opts.find((o) => o.name === 'through' && o.value?.t === 'list');
      if (path) {
        rel.noAttributes = true;
        r.warnings.push({ line: path.line, message: `The path through of ${s.name} :${name} is not modelled; kept as a relationship with no_attributes? true (it relates every ${destination})` });
      }
    }
    for (const o of opts) {
      if ((s.name === 'has_many' || s.name === 'has_one') && o.name === 'through' && o.value?.t === 'list') continue;
      readRelationshipOption(rel, o, r);
    }
    out.push(rel as unknown as Relationship);
  }
  return out;
}

function readRelationshipOption(rel: Record<string, unknown>, o: Option, r: Reader): void {
  const v = o.value;
  const where = `${String(rel.kind)} :${String(rel.name)}`;
  if (ATOM_OPTIONS[o.name] && atomName(v) !== undefined) { rel[ATOM_OPTIONS[o.name] as string] = atomName(v); return; }
  if (BOOL_OPTIONS[o.name] && bool(v) !== undefined) { rel[BOOL_OPTIONS[o.name] as string] = bool(v); return; }
  switch (o.name) {
    case 'filter':
      if (v?.t === 'call' && v.name === 'expr') { rel.filter = v.raw; return; }
      break;
    case 'sort':
    case 'default_sort': {
      const sort = readSort(v);
      if (sort) { rel[o.name === 'sort' ? 'sort' : 'defaultSort'] = sort; return; }
      break;
    }
    case 'through':
      if (v?.t === 'alias') { const t = r.resolve(v.v, o.line); if (t !== undefined) rel.through = t; return; }
      break;
    case 'attribute_type': {
      if (v?.t === 'atom' || v?.t === 'alias') { const t = attributeType(v, o.line, r); if (t) rel.attributeType = t.type; return; }
      break;
    }
    case 'limit':
    case 'offset':
      if (v?.t === 'num') { rel[o.name] = v.v; return; }
      break;
    case 'description':
      if (v?.t === 'str') { rel.description = v.v; return; }
      break;
    case 'manual': {
      const manual = readManual(v, o.line, r);
      if (manual) { rel.manual = manual; return; }
      break;
    }
    default:
      r.warnings.push({ line: o.line, message: `Option ${o.name} of ${where} has no model equivalent; not carried` });
      return;
  }
  r.problems.push({ line: o.line, message: `Cannot read the value of ${o.name} in ${where}` });
}

const ORDERS = new Set<SortOrder>(['asc', 'desc', 'asc_nils_first', 'desc_nils_last']);

export function readSort(v: ExVal | undefined): Sort | undefined {
  const items = v?.t === 'list' ? v.items : [];
  const out: Sort = [];
  for (const item of items) {
    if (item.t === 'atom') out.push({ field: item.v });
    else if (item.t === 'pair' && item.value.t === 'atom' && ORDERS.has(item.value.v as SortOrder)) out.push({ field: item.key, order: item.value.v as SortOrder });
    else if (item.t === 'tuple' && item.items[0]?.t === 'atom' && item.items[1]?.t === 'atom' && ORDERS.has(item.items[1].v as SortOrder)) {
      out.push({ field: item.items[0].v, order: item.items[1].v as SortOrder });
    } else return undefined;
  }
  return v?.t === 'list' ? out : undefined;
}

function readManual(v: ExVal | undefined, line: number, r: Reader): ManualSource | undefined {
  const anonymous = v?.t === 'raw' && /^fn\b/.test(v.text);
  const module = v?.t === 'alias' ? v.v : v?.t === 'tuple' && v.items[0]?.t === 'alias' ? v.items[0].v : anonymous ? 'fn' : undefined;
  if (module === undefined) return undefined;
  const optList = v?.t === 'tuple' && v.items[1]?.t === 'list' ? v.items[1].items : [];
  let source = anonymous ? undefined : r.manualSource(module);
  if (anonymous) {
    r.warnings.push({ line, message: 'A manual relationship written as an anonymous function is imported with a stub load that relates nothing' });
    source = `// Imported from Elixir: port this manual function to JavaScript.\n${v.text.split('\n').map((l) => `// ${l}`).join('\n')}\nexport async function load(records) {\n  return records.map(() => null);\n}\n`;
  } else if (source === undefined) {
    r.warnings.push({ line, message: `Manual module ${module} carries no Relata JavaScript; imported with a stub load that relates nothing` });
    source = `// Imported from Elixir: port ${module}.load/3 to JavaScript.\nexport async function load(records) {\n  return records.map(() => null);\n}\n`;
  }
  const manual: ManualSource = { language: 'javascript', source };
  const o: Record<string, JsonValue> = {};
  for (const p of optList) {
    const value = p.t === 'pair' ? json(p.value) : undefined;
    if (p.t === 'pair' && value !== undefined) o[p.key] = value;
    else r.problems.push({ line, message: `Cannot read the options of manual ${module}` });
  }
  if (Object.keys(o).length > 0) manual.options = o;
  return manual;
}
