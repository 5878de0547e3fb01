/**
 * Names and column types for the SQL export: identifiers that fit PostgreSQL's 63-byte limit (a long
 * name is cut and given a hash of the whole, so two long names never collide), a schema-wide
 * allocator for index and constraint names, and the PostgreSQL column type of an attribute
 * (`sqlType` from an SQL import when it names a built-in type, `{:array, t}` as `t[]`).
 */
import type { AttributeType, NAttribute } from '../model/types';

export type SqlDialect = 'sqlite' | 'postgres';

/** PostgreSQL's NAMEDATALEN - 1. */
export const MAX_IDENTIFIER_BYTES = 63;

/** UTF-8 length of `s` (core has no TextEncoder in its lib). */
function bytes(s: string): number {
  let n = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}

/** FNV-1a, 32 bits, as 8 hex digits: a short stable fingerprint of a name. */
export function shortHash(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/** `name` when it fits in 63 bytes, else its longest prefix that fits with `_<hash of name>`. */
export function fitIdentifier(name: string, max = MAX_IDENTIFIER_BYTES): string {
  if (bytes(name) <= max) return name;
  const suffix = `_${shortHash(name)}`;
  let prefix = '';
  for (const ch of name) {
    if (bytes(prefix + ch) + suffix.length > max) break;
    prefix += ch;
  }
  return prefix + suffix;
}

/**
 * Index and constraint names, unique in the whole script: PostgreSQL keeps indexes (and the indexes
 * behind UNIQUE constraints) in the schema's namespace with the tables, SQLite in the database's.
 * Compared without case because SQLite does.
 */
export class NameAllocator {
  private readonly used = new Set<string>();

  reserve(name: string): void {
    this.used.add(name.toLowerCase());
  }

  take(base: string): string {
    let name = fitIdentifier(base);
    for (let i = 2; this.used.has(name.toLowerCase()); i++) name = fitIdentifier(`${base}_${i}`);
    this.used.add(name.toLowerCase());
    return name;
  }
}

export function sqlColumnType(type: AttributeType, dialect: SqlDialect): string {
  const sqlite: Record<AttributeType, string> = {
    uuid: 'UUID', integer: 'INTEGER', string: 'TEXT', ci_string: 'TEXT COLLATE NOCASE', boolean: 'BOOLEAN',
    float: 'REAL', decimal: 'DECIMAL', atom: 'TEXT', date: 'DATE', utc_datetime: 'DATETIME', map: 'JSON',
  };
  const postgres: Record<AttributeType, string> = {
    uuid: 'uuid', integer: 'bigint', string: 'text', ci_string: 'citext', boolean: 'boolean',
    float: 'double precision', decimal: 'numeric', atom: 'text', date: 'date', utc_datetime: 'timestamptz', map: 'jsonb',
  };
  return (dialect === 'sqlite' ? sqlite : postgres)[type];
}

/** PostgreSQL's built-in types (and citext, whose extension the export creates), without modifiers. */
const PG_TYPES: ReadonlySet<string> = new Set([
  'smallint', 'integer', 'int', 'int2', 'int4', 'int8', 'bigint', 'real', 'float', 'float4', 'float8',
  'double precision', 'numeric', 'decimal', 'money', 'text', 'varchar', 'character varying', 'char', 'character',
  'bpchar', 'name', 'bytea', 'boolean', 'bool', 'date', 'time', 'timetz', 'time without time zone',
  'time with time zone', 'timestamp', 'timestamptz', 'timestamp without time zone', 'timestamp with time zone',
  'interval', 'uuid', 'json', 'jsonb', 'xml', 'inet', 'cidr', 'macaddr', 'macaddr8', 'tsvector', 'tsquery',
  'point', 'line', 'lseg', 'box', 'path', 'polygon', 'circle', 'bit', 'bit varying', 'varbit', 'int4range',
  'int8range', 'numrange', 'tsrange', 'tstzrange', 'daterange', 'oid', 'pg_lsn', 'citext',
]);

/** The type without array brackets and `(n)`/`(p, s)` modifiers, lower case, single spaces. */
export function pgBaseType(sqlType: string): string {
  return sqlType
    .toLowerCase()
    .replace(/\[\s*\d*\s*\]/g, '')
    .replace(/\(\s*\d+\s*(,\s*-?\d+\s*)?\)/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** True when `sqlType` names a type a fresh PostgreSQL database knows (no domains, enums or schemas). */
export function isBuiltinPgType(sqlType: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9 ]*(\(\s*\d+\s*(,\s*-?\d+\s*)?\))?[A-Za-z ]*(\[\s*\d*\s*\])*$/.test(sqlType.trim())) return false;
  return PG_TYPES.has(pgBaseType(sqlType));
}

const INTEGER_TYPES: ReadonlySet<string> = new Set(['smallint', 'integer', 'int', 'int2', 'int4', 'int8', 'bigint']);

/** The inner Ash type of `{:array, inner}` (`:string`, `Ash.Type.String`), or undefined. */
function arrayInner(ashType: string | undefined): string | undefined {
  const m = /^\{\s*:array\s*,\s*(.+?)\s*\}$/.exec(ashType?.trim() ?? '');
  return m?.[1];
}

const ASH_TO_PG: Record<string, string> = {
  string: 'text', ci_string: 'citext', atom: 'text', integer: 'bigint', boolean: 'boolean', float: 'double precision',
  decimal: 'numeric', uuid: 'uuid', date: 'date', utc_datetime: 'timestamptz', utc_datetime_usec: 'timestamptz',
  naive_datetime: 'timestamp', datetime: 'timestamptz', time: 'time', binary: 'bytea', map: 'jsonb',
};

/** `{:array, :string}` → `text[]`; an element type Relata does not know is stored as jsonb. */
function pgArrayType(inner: string): string {
  const nested = arrayInner(inner);
  if (nested !== undefined) return `${pgArrayType(nested)}[]`;
  const key = inner.replace(/^:/, '').replace(/^Ash\.Type\./, '').replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
  return `${ASH_TO_PG[key] ?? 'jsonb'}[]`;
}

/** The column type of `a` in PostgreSQL. */
export function pgAttributeType(a: NAttribute): string {
  const increment = a.generated === 'increment' && a.type === 'integer';
  if (a.sqlType !== undefined && isBuiltinPgType(a.sqlType)) {
    const base = pgBaseType(a.sqlType);
    if (!increment || (INTEGER_TYPES.has(base) && !a.sqlType.includes('['))) return a.sqlType.trim();
  }
  const inner = arrayInner(a.ashType);
  if (inner !== undefined && !increment) return pgArrayType(inner);
  return sqlColumnType(a.type, 'postgres');
}

/** A family of PostgreSQL types a foreign key may join across (`integer` → `bigint`, `varchar` → `text`). */
export function pgTypeFamily(type: string): string {
  const base = pgBaseType(type);
  const arrays = '[]'.repeat((type.match(/\[/g) ?? []).length);
  if (INTEGER_TYPES.has(base)) return `integer${arrays}`;
  if (base === 'text' || base === 'varchar' || base === 'character varying') return `text${arrays}`;
  if (base === 'decimal') return `numeric${arrays}`;
  if (base === 'float' || base === 'float4' || base === 'float8' || base === 'real') return `double precision${arrays}`;
  if (base === 'bool') return `boolean${arrays}`;
  if (base === 'timestamp with time zone') return `timestamptz${arrays}`;
  if (base === 'timestamp without time zone') return `timestamp${arrays}`;
  return `${base}${arrays}`;
}
