import type { Span } from '../result';

export type DiagnosticCode =
  | 'unknown_destination'
  | 'missing_source_attribute'
  | 'missing_destination_attribute'
  | 'missing_join_attribute'
  | 'missing_through'
  | 'duplicate_field_name'
  | 'primary_key_belongs_to_allows_nil'
  | 'reserved_name'
  | 'invalid_identifier'
  | 'invalid_expression'
  | 'unknown_reference'
  | 'attribute_type_mismatch'
  | 'manual_code_error'
  /** Export rules (docs/export.md): warnings about what an export cannot write as it stands. */
  | 'invalid_module_name'
  | 'foreign_key_not_unique'
  | 'foreign_key_type_mismatch'
  /** A name a data layer cannot store as given: `sqlite_*` tables, tables equal ignoring case, control characters. */
  | 'unstorable_name'
  /** Two resources on one table (Ash allows it; previews cannot store both). */
  | 'shared_table'
  /** Structural problems of the JSON itself (wrong type, missing key, unknown attribute type...). */
  | 'invalid_model';

export type Severity = 'error' | 'warning';

/**
 * One finding about a model. `path` is the JSON path of the element in the model document
 * (e.g. `["resources", 2, "relationships", 0, "filter"]`); `resource`/`relationship`/`attribute`
 * name the element it is about.
 */
export interface Diagnostic {
  severity: Severity;
  code: DiagnosticCode;
  resource?: string;
  relationship?: string;
  attribute?: string;
  path: Array<string | number>;
  message: string;
  /** For expression problems: the span inside the expression text at `path`. */
  span?: Span;
}
