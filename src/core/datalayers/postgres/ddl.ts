import type { AttributeType, NormalizedModel, NResource } from '../../model/types';
import { quoteIdent } from '../sqlite/ddl';

/**
 * Column types on PostgreSQL. Every text column is `COLLATE "C"`: the format orders strings by code
 * point (spec §4), which is what the C collation does; a database's default collation (en_US etc.)
 * would order `B` after `a`. `ci_string` is plain text too: comparisons lower() both sides exactly as
 * the sqlite layer does (citext would lower with the database's locale, not ASCII-only).
 */
export function postgresColumnType(type: AttributeType): string {
  switch (type) {
    case 'integer':
      return 'bigint';
    case 'float':
      return 'double precision';
    case 'boolean':
      return 'boolean';
    default:
      return 'text COLLATE "C"';
  }
}

/** The element type of a key-list parameter for a column of `type` (`= ANY($1::bigint[])`). */
export function postgresArrayType(type: AttributeType | undefined): string {
  switch (type) {
    case 'integer':
      return 'bigint[]';
    case 'float':
      return 'float8[]';
    case 'boolean':
      return 'boolean[]';
    default:
      return 'text[]';
  }
}

/** `DROP`/`CREATE TABLE` and index statements for the model (no foreign keys: sample data may dangle, spec §2). */
export function postgresSchemaStatements(model: NormalizedModel): string[] {
  const out: string[] = [];
  for (const r of model.resources) out.push(`DROP TABLE IF EXISTS ${quoteIdent(r.table)} CASCADE`);
  const indexed = indexedAttributes(model);
  for (const r of model.resources) {
    const cols = r.attributes.map((a) => `${quoteIdent(a.name)} ${postgresColumnType(a.type)}`);
    out.push(`CREATE TABLE ${quoteIdent(r.table)} (${cols.join(', ')})`);
    const pk = r.attributes.filter((a) => a.primaryKey).map((a) => a.name);
    // An index rather than a PRIMARY KEY constraint: sample data is loaded as given (the sqlite layer
    // does not reject duplicate keys either), and the index serves the keyed reads the same way.
    if (pk.length > 0) out.push(`CREATE INDEX ON ${quoteIdent(r.table)} (${pk.map(quoteIdent).join(', ')})`);
    for (const name of indexed.get(r.name) ?? []) {
      if (pk.length === 1 && pk[0] === name) continue;
      if (r.attributes.some((a) => a.name === name)) out.push(`CREATE INDEX ON ${quoteIdent(r.table)} (${quoteIdent(name)})`);
    }
  }
  return out;
}

function indexedAttributes(model: NormalizedModel): Map<string, Set<string>> {
  const wanted = new Map<string, Set<string>>();
  const add = (r: string, a: string): void => {
    const s = wanted.get(r) ?? new Set<string>();
    s.add(a);
    wanted.set(r, s);
  };
  for (const r of model.resources as NResource[]) {
    for (const rel of r.relationships) {
      if (rel.kind === 'belongs_to') add(r.name, rel.sourceAttribute);
      if ((rel.kind === 'has_many' || rel.kind === 'has_one') && !rel.noAttributes && !rel.manual) add(rel.destination, rel.destinationAttribute);
      if (rel.kind === 'many_to_many') {
        add(rel.through, rel.sourceAttributeOnJoinResource);
        add(rel.through, rel.destinationAttributeOnJoinResource);
      }
    }
  }
  return wanted;
}
