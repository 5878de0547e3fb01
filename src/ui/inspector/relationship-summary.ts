import type { NRelationship, Relationship } from '../../core/index';

/** One line for a folded Keys section: which attributes join the two resources. */
export function keysSummary(n: NRelationship, manual: boolean): string {
  if (manual) return 'manual code';
  if (n.kind === 'many_to_many') return `through ${n.through || '?'}`;
  if (n.kind !== 'belongs_to' && n.noAttributes) return 'no attributes';
  return `${n.sourceAttribute} → ${n.destinationAttribute}`;
}

/** One line for a folded Rows section: which of filter, sort, default sort, limit and offset are set. */
export function rowsSummary(r: Relationship): string {
  const page = r as { limit?: number; offset?: number };
  const set = [
    r.filter ? 'filter' : '',
    r.sort?.length ? 'sort' : '',
    r.defaultSort?.length ? 'default sort' : '',
    page.limit !== undefined ? `limit ${page.limit}` : '',
    page.offset !== undefined ? `offset ${page.offset}` : '',
  ].filter(Boolean);
  return set.length ? set.join(' · ') : 'all rows';
}
