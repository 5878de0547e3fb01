import type { Sort } from '../model/types';

/**
 * A load request for one relationship (spec §5): applies per parent record.
 * `{}` means the relationship's defaults.
 */
export interface LoadRequest {
  filter?: string;
  params?: Record<string, unknown>;
  sort?: Sort;
  limit?: number;
  offset?: number;
  select?: string[];
  strict?: boolean;
  load?: Record<string, LoadRequest>;
  /** Extension: aggregate names of this level's resource to add to its records (docs/actions-and-aggregates.md). */
  aggregates?: string[];
  /** Extension: calculation names of this level's resource to add to its records (docs/model-extensions.md). */
  calculations?: string[];
}

/** A top-level query (spec §5). */
export interface QueryRequest extends LoadRequest {
  resource: string;
}

export type Row = Record<string, unknown>;
