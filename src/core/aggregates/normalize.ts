import type { AggregateDef, NAggregate } from './types';

export function normalizeAggregates(list: AggregateDef[]): NAggregate[] {
  return (Array.isArray(list) ? list : []).filter((a) => a && typeof a === 'object').map((a) => ({ ...a, uniq: a.uniq ?? false, includeNil: a.includeNil ?? false }));
}
