import type { AttributeType, NAttribute, NormalizedModel, NResource } from '../../model/types';

/** SQL identifiers are always quoted: `user`, `order` and `"; DROP TABLE` are all fine as names. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function sqliteColumnType(type: AttributeType): string {
  switch (type) {
    case 'integer':
    case 'boolean':
      return 'INTEGER';
    case 'float':
      return 'REAL';
    default:
      return 'TEXT';
  }
}

function columnDef(attr: NAttribute): string {
  const parts = [quoteIdent(attr.name), sqliteColumnType(attr.type)];
  if (!attr.allowNil && !attr.primaryKey) parts.push('NOT NULL');
  return parts.join(' ');
}

/**
 * `CREATE TABLE` statements for the model (primary keys, foreign keys for belongs_to, indexes on
 * foreign keys). Foreign keys are declared for documentation and tools but not enforced by the
 * engine's database (sample data may dangle on purpose, spec §2).
 */
export function sqliteSchemaStatements(model: NormalizedModel, options: { notNull?: boolean } = {}): string[] {
  const byName = new Map(model.resources.map((r) => [r.name, r] as const));
  const out: string[] = [];
  for (const resource of model.resources) {
    out.push(createTable(resource, byName, options.notNull ?? false));
    for (const stmt of indexStatements(resource, byName)) out.push(stmt);
  }
  return out;
}

function createTable(resource: NResource, byName: Map<string, NResource>, notNull: boolean): string {
  const cols = resource.attributes.map((a) => (notNull ? columnDef(a) : `${quoteIdent(a.name)} ${sqliteColumnType(a.type)}`));
  const pk = resource.attributes.filter((a) => a.primaryKey).map((a) => quoteIdent(a.name));
  if (pk.length > 0) cols.push(`PRIMARY KEY (${pk.join(', ')})`);
  for (const rel of resource.relationships) {
    if (rel.kind !== 'belongs_to') continue;
    const dest = byName.get(rel.destination);
    if (!dest || !resource.attributes.some((a) => a.name === rel.sourceAttribute)) continue;
    if (!dest.attributes.some((a) => a.name === rel.destinationAttribute)) continue;
    cols.push(
      `FOREIGN KEY (${quoteIdent(rel.sourceAttribute)}) REFERENCES ${quoteIdent(dest.table)} (${quoteIdent(rel.destinationAttribute)})`,
    );
  }
  return `CREATE TABLE ${quoteIdent(resource.table)} (\n  ${cols.join(',\n  ')}\n)`;
}

/** An index on every attribute other resources match on (belongs_to keys, has_many destinations, join keys). */
function indexStatements(resource: NResource, byName: Map<string, NResource>): string[] {
  const wanted = new Set<string>();
  for (const rel of resource.relationships) if (rel.kind === 'belongs_to') wanted.add(rel.sourceAttribute);
  for (const other of byName.values()) {
    for (const rel of other.relationships) {
      if ((rel.kind === 'has_many' || rel.kind === 'has_one') && rel.destination === resource.name && !rel.noAttributes && !rel.manual) {
        wanted.add(rel.destinationAttribute);
      }
      if (rel.kind === 'many_to_many' && rel.through === resource.name) {
        wanted.add(rel.sourceAttributeOnJoinResource);
        wanted.add(rel.destinationAttributeOnJoinResource);
      }
    }
  }
  const pk = resource.attributes.filter((a) => a.primaryKey).map((a) => a.name);
  const out: string[] = [];
  for (const name of wanted) {
    if (!resource.attributes.some((a) => a.name === name)) continue;
    if (pk.length === 1 && pk[0] === name) continue;
    out.push(
      `CREATE INDEX ${quoteIdent(`${resource.table}_${name}_idx`)} ON ${quoteIdent(resource.table)} (${quoteIdent(name)})`,
    );
  }
  return out;
}

/**
 * An internal column name (window row number, parent key) that none of `columns` can shadow: SQLite
 * column names compare ignoring ASCII case, and a user may name an attribute `__rn` too.
 */
export function freeColumnName(columns: readonly string[], base: string): string {
  const taken = new Set(columns.map((c) => c.toLowerCase()));
  let name = base;
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${base}${i}`;
  return name;
}

/**
 * How to name a table's rowid: a column declared `rowid`, `_rowid_` or `oid` hides that alias (and
 * the validator refuses a resource that declares all three).
 */
export function rowidName(columns: readonly string[]): string {
  const taken = new Set(columns.map((c) => c.toLowerCase()));
  return ['rowid', '_rowid_', 'oid'].find((n) => !taken.has(n)) ?? 'rowid';
}
