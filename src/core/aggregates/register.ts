import { bindAggregate } from './bind';
import { aggregateValue, prefetchAggregate } from './evaluate';
import { registerAggregateHooks } from './registry';
import { aggregateSql } from './sql';

/** Loading this module registers aggregates with the binder, the evaluator and the SQL compiler. */
registerAggregateHooks({ bind: bindAggregate, value: aggregateValue, prefetch: prefetchAggregate, sql: aggregateSql });
