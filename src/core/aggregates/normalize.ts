import type { AggregateDef, NAggregate } from './types';

export function normalizeAggregates(list: AggregateDef[]): NAggregate[] {
  // A document's `id` is not part of the model: the normalized aggregate has none.
  return (Array.isArray(list) ? list : []).filter((a) => a && typeof a === 'object').map(({ id: _id, ...a }) => ({ ...a, uniq: a.uniq ?? false, includeNil: a.includeNil ?? false }));
}
