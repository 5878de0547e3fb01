import type { BExpr } from '../../expr/bound';
import type { AttributeType } from '../../model/types';
import type { ResourceSchema, Schema } from '../../schema/schema';
import type { SqlCompiler } from './compile-sql';
import type { SqlDatabase } from './database';
import { quoteIdent as q } from './ddl';

/**
 * What the sqlite layer knows about its tables, and the access-path choices it makes from it: table
 * sizes (cheap estimates, forgotten on writes), which integer attributes have INTEGER affinity, and
 * how a list of keys is tested (scan or seek; range or `IN` probe).
 *
 * Measured in sql.js: an index seek plus a row lookup costs ~10x a scanned row, so a key list that
 * wants most of a table is answered by a scan; a rowid (integer primary key) seek finds the row
 * itself and wins at any share; an `IN (json_each)` probe per row costs far more than a range test.
 */
export class TableStats {
  private readonly sizes = new Map<string, number>();
  private readonly affinity = new Map<string, boolean>();

  constructor(
    private readonly db: SqlDatabase,
    private readonly schema: Schema,
    private readonly attached: boolean,
    private readonly typesOf: (r: ResourceSchema) => ReadonlyMap<string, AttributeType>,
  ) {}

  /** Rows in a table, estimated by its largest rowid. */
  size(resource: ResourceSchema): number {
    let n = this.sizes.get(resource.name);
    if (n === undefined) {
      try {
        const v = this.db.exec(`SELECT max(rowid) FROM ${q(resource.table)}`)[0]?.values[0]?.[0];
        n = typeof v === 'number' ? v : 0;
      } catch {
        n = Number.POSITIVE_INFINITY;
      }
      this.sizes.set(resource.name, n);
    }
    return n;
  }

  /** A write changed this table (or every table): sizes are estimated again when next needed. */
  forget(resourceName?: string): void {
    if (resourceName === undefined) this.sizes.clear();
    else this.sizes.delete(resourceName);
  }

  /** An integer attribute stored in a column of INTEGER affinity (ours always; an attached table is asked). */
  integerColumn(resource: ResourceSchema, attr: string): boolean {
    if (this.typesOf(resource).get(attr) !== 'integer') return false;
    if (!this.attached) return true;
    const key = `${resource.table}\u0000${attr}`;
    let v = this.affinity.get(key);
    if (v === undefined) {
      try {
        const info = this.db.exec(`PRAGMA table_info(${q(resource.table)})`)[0];
        const nameAt = info?.columns.indexOf('name') ?? -1;
        const typeAt = info?.columns.indexOf('type') ?? -1;
        const row = info?.values.find((r) => r[nameAt] === attr);
        v = row !== undefined && /INT/i.test(String(row[typeAt] ?? ''));
      } catch {
        v = false;
      }
      this.affinity.set(key, v);
    }
    return v;
  }

  /** `expr IN keys` for the key column `attr` of `resource` (`expr` may be `+col` or `lower(col)`). */
  keysIn(c: SqlCompiler, expr: string, resource: ResourceSchema, attr: string, keys: readonly unknown[], ci: boolean): string {
    return c.keyTest(expr, keys, { integerColumn: !ci && this.integerColumn(resource, attr) });
  }

  /**
   * The condition selecting the rows of `to` whose `attr` (column `col`) is among the keys of rows
   * of `from`. Most of the table wanted (the list is at least a third of the smaller table): scan it
   * (unary `+` keeps SQLite off the index) — except for an integer primary key.
   */
  keyCondition(c: SqlCompiler, col: string, from: ResourceSchema, to: ResourceSchema, attr: string, keys: readonly unknown[], ci: boolean): string {
    const rowidKey = to.pk.length === 1 && to.pk[0] === attr && this.typesOf(to).get(attr) === 'integer';
    const scan = !ci && !rowidKey && keys.length * 3 >= Math.min(this.size(from), this.size(to));
    const expr = ci ? `lower(${col})` : scan ? `+${col}` : col;
    return this.keysIn(c, expr, to, attr, keys, ci);
  }

  /**
   * Does a root filter ask for most of the table through a long `key in [...]` list on a belongs_to
   * attribute (e.g. `representative_id in ^ids` with every representative's id)? Then the caller
   * reads the table `NOT INDEXED`: with a joined to-one path in the filter, `+column` lets SQLite
   * start from the joined table and still seek (measured slower than both). Same estimate as
   * `keyCondition`.
   */
  coversMostOfTable(resource: ResourceSchema, where: BExpr): boolean {
    const conjuncts: BExpr[] = [];
    const collect = (e: BExpr): void => {
      if (e.k === 'bin' && e.op === 'and') {
        collect(e.l);
        collect(e.r);
      } else conjuncts.push(e);
    };
    collect(where);
    for (const e of conjuncts) {
      if (e.k !== 'bin' || e.op !== 'in' || e.ci || e.l.k !== 'attr' || e.l.depth !== 0 || e.l.path.length > 0) continue;
      if (e.r.k !== 'lit' || !Array.isArray(e.r.value) || e.r.value.length < 64) continue;
      const attr = e.l.attr;
      const n = e.r.value.length;
      for (const rel of resource.relationships.values()) {
        if (rel.kind !== 'belongs_to' || rel.sourceAttribute !== attr) continue;
        const parent = this.schema.resources.get(rel.destination);
        if (parent && n * 3 >= Math.min(this.size(parent), this.size(resource))) return true;
      }
    }
    return false;
  }
}
