/**
 * SQL column → attribute: the nearest model type for every PostgreSQL built-in type (and the MySQL
 * and SQLite spellings), the type as written kept in `sqlType` when the model type loses something,
 * enums and domains resolved, defaults read as literals or generators.
 */
import type { Attribute, AttributeType, JsonValue } from '../model/types';
import type { ImportProblem } from './errors';
import type { SqlTok } from './sql-ddl-lex';
import type { SqlColumn, SqlDomain } from './sql-ddl-parse';

export interface TypeContext {
  enums: Map<string, string[]>;
  domains: Map<string, SqlDomain>;
}

type Typed = { type: AttributeType; serial?: boolean; oneOf?: string[]; notNull?: boolean; exact: boolean; unknown?: boolean };

/** Type word → model type; `exact` when nothing is lost and `sqlType` is not needed. */
const TYPE_WORDS: [RegExp, AttributeType, boolean][] = [
  [/^(big|small)?serial[248]?$/, 'integer', true],
  [/^(int|integer|bigint|smallint|int[248])$/, 'integer', true],
  [/^(tinyint|mediumint|year|oid|xid|cid)$/, 'integer', false],
  [/^uuid$/, 'uuid', true],
  [/^citext$/, 'ci_string', true],
  [/^(text|varchar|char|character|nvarchar|nchar|clob|string|bpchar|name|varying|national)$/, 'string', true],
  [/^(tinytext|mediumtext|longtext|ntext|xml|inet|cidr|macaddr8?|tsvector|tsquery|bit|varbit|interval|time|timetz|point|line|lseg|box|path|polygon|circle|ltree|lquery|pg_lsn|pg_snapshot|txid_snapshot|regclass|regtype|regproc|int4range|int8range|numrange|tsrange|tstzrange|daterange|int4multirange|int8multirange|nummultirange|tsmultirange|tstzmultirange|datemultirange|set|jsonpath|int2vector|oidvector|aclitem|tid|xid8|reg[a-z]+|pg_[a-z_]+)$/, 'string', false],
  [/^(bytea|blob|tinyblob|mediumblob|longblob|binary|varbinary|image)$/, 'string', false],
  [/^(bool|boolean)$/, 'boolean', true],
  [/^(real|double|float|float[48])$/, 'float', true],
  [/^(numeric|decimal|number)$/, 'decimal', true],
  [/^money$/, 'decimal', false],
  [/^date$/, 'date', true],
  [/^(datetime|timestamp|timestamptz|smalldatetime|datetime2|datetimeoffset)$/, 'utc_datetime', true],
  [/^(json|jsonb)$/, 'map', true],
  [/^hstore$/, 'map', false],
];

/** What a column's declared type maps to; `undefined` type words mean SQLite's "no type" (text). */
export function columnType(c: SqlColumn, ctx: TypeContext, depth = 0): Typed {
  const first = c.type[0];
  if (c.isArray) return { type: 'map', exact: false };
  if (first === undefined) return { type: 'string', exact: true }; // SQLite allows a column without a type
  const key = c.type.join(' ');
  const values = ctx.enums.get(key);
  if (values) return { type: 'atom', oneOf: values, exact: false };
  const domain = ctx.domains.get(key);
  if (domain && depth < 8) {
    const base = columnType(domain.base, ctx, depth + 1);
    const oneOf = domain.base.oneOf?.every((v) => typeof v === 'string') ? (domain.base.oneOf as string[]) : base.oneOf;
    return { ...base, oneOf, notNull: domain.base.notNull || base.notNull, exact: false };
  }
  if (first === 'enum' && c.typeArgs.length > 0) return { type: 'atom', oneOf: c.typeArgs.filter((t) => t.k === 'str').map((t) => t.v), exact: false };
  if (first === 'double' && c.type[1] === 'precision') return { type: 'float', exact: true };
  if ((first === 'bit' || first === 'tinyint') && c.typeArgs.length === 1 && c.typeArgs[0]?.v === '1' && c.type.length === 1) return { type: 'boolean', exact: false };
  for (const [re, type, exact] of TYPE_WORDS) {
    if (!re.test(first)) continue;
    if (type === 'string' && c.collateNocase) return { type: 'ci_string', exact: true };
    const lossy = !exact || (type === 'decimal' && c.typeArgs.length > 0) || c.type.includes('unsigned') || (first === 'time');
    return { type, serial: first.includes('serial'), exact: !lossy };
  }
  return { type: 'string', exact: false, unknown: true };
}

/** Column → attribute (name already chosen by the caller); `sqlType` kept when the type says more than `type`. */
export function attribute(
  c: SqlColumn, name: string, primaryKey: boolean, ctx: TypeContext, warnings: ImportProblem[], where: string,
): Attribute {
  const typed = columnType(c, ctx);
  if (typed.unknown) warnings.push({ line: c.line, message: `${where}: type ${c.typeText} is not a built-in type; imported as string (sqlType kept)` });
  // A text column limited to a list of values is what an Ash `:atom` with `one_of` is written as.
  const oneOf = c.oneOf ?? typed.oneOf;
  const a: Attribute = { name, type: typed.type === 'string' && oneOf ? 'atom' : typed.type };
  if (primaryKey) a.primaryKey = true;
  if ((c.notNull || typed.notNull) && !primaryKey) a.allowNil = false;
  if (c.autoincrement || c.identity || typed.serial) a.generated = 'increment';
  if (c.default) readDefault(c.default, a, warnings, where);
  if (oneOf) a.constraints = { oneOf };
  if (!typed.exact && c.typeText !== '') a.sqlType = c.typeText;
  return a;
}

const UUID_FUNCTIONS = new Set(['gen_random_uuid', 'uuid_generate_v4', 'uuid_generate_v7', 'uuidv7', 'uuidv4', 'uuid']);
const NOW_WORDS = new Set([
  'now', 'current_timestamp', 'current_date', 'localtimestamp', 'statement_timestamp', 'transaction_timestamp', 'clock_timestamp',
  'getdate', 'sysdate', 'current_time', 'localtime',
]);

function readDefault(toks: SqlTok[], a: Attribute, warnings: ImportProblem[], where: string): void {
  // Strip casts (`'open'::text`, `'{}'::character varying[]`) and wrapping parentheses (`DEFAULT (now())`).
  let body: SqlTok[] = [];
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i] as SqlTok;
    if (t.k === 'p' && t.v === '::') {
      i++;
      while (i + 1 < toks.length && (toks[i + 1]?.v === '.' || toks[i + 1]?.k === 'id' || toks[i + 1]?.v === '[' || toks[i + 1]?.v === ']')) i++;
      continue;
    }
    body.push(t);
  }
  while (body[0]?.v === '(' && body[body.length - 1]?.v === ')') body = body.slice(1, -1);
  const first = body[0];
  const line = first?.line ?? 1;
  const word = first?.k === 'id' ? first.v.toLowerCase() : '';
  if (UUID_FUNCTIONS.has(word) && body[1]?.v === '(') { a.generated = 'uuid'; return; }
  if (NOW_WORDS.has(word)) { a.generated = a.type === 'date' || a.type === 'utc_datetime' ? 'now' : undefined; if (a.generated) return; }
  if (word === 'nextval') { a.generated = 'increment'; return; }
  const value = body.length === 1 || (body.length === 2 && body[0]?.v === '-') ? literal(body, a.type) : undefined;
  if (value === undefined) warnings.push({ line, message: `The default of ${where} is an expression and is not carried` });
  else if (value !== null) a.default = value;
}

function literal(body: SqlTok[], type: AttributeType): JsonValue | undefined {
  const neg = body.length === 2;
  const t = body[body.length - 1] as SqlTok;
  if (t.k === 'num') {
    const n = Number(t.v) * (neg ? -1 : 1);
    if (type === 'boolean') return n !== 0;
    return type === 'decimal' || type === 'string' || type === 'atom' ? String(n) : n;
  }
  if (t.k === 'id') {
    const w = t.v.toLowerCase();
    if (w === 'true' || w === 'false') return type === 'boolean' ? w === 'true' : undefined;
    if (w === 'null') return null;
    return undefined;
  }
  if (t.k !== 'str') return undefined;
  if (type === 'map') { try { return JSON.parse(t.v) as JsonValue; } catch { return undefined; } }
  if (type === 'integer' || type === 'float') return t.v.trim() !== '' && Number.isFinite(Number(t.v)) ? Number(t.v) : undefined;
  if (type === 'boolean') return ['t', 'true', '1', 'yes', 'y', 'on'].includes(t.v.toLowerCase());
  if (type === 'uuid') return /^[0-9a-f-]{36}$/i.test(t.v) ? t.v : undefined;
  if (type === 'date') return /^\d{4}-\d{2}-\d{2}$/.test(t.v) ? t.v : undefined;
  if (type === 'utc_datetime') return undefined;
  return t.v;
}
