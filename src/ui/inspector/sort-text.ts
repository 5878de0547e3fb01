/** `priority desc, id` ⇄ `[{ field: 'priority', order: 'desc' }, { field: 'id' }]`. */
import type { Sort, SortOrder } from '../../core/index';

export const SORT_ORDERS: readonly SortOrder[] = ['asc', 'desc', 'asc_nils_first', 'desc_nils_last'];

export function printSort(sort: Sort | undefined): string {
  return (sort ?? []).map((f) => (f.order && f.order !== 'asc' ? `${f.field} ${f.order}` : f.field)).join(', ');
}

export function parseSortText(text: string): { ok: true; sort: Sort } | { ok: false; message: string } {
  const sort: Sort = [];
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const [field, order, extra] = part.split(/\s+/);
    if (!field || !/^[a-z_][a-z0-9_]*$/.test(field)) return { ok: false, message: `\`${part}\`: expected a field name` };
    if (extra !== undefined) return { ok: false, message: `\`${part}\`: expected \`field [order]\`` };
    if (order !== undefined && !SORT_ORDERS.includes(order as SortOrder)) {
      return { ok: false, message: `\`${order}\` is not an order: use ${SORT_ORDERS.join(', ')}` };
    }
    sort.push(order && order !== 'asc' ? { field, order: order as SortOrder } : { field });
  }
  return { ok: true, sort };
}
