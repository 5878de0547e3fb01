/**
 * Expected failures are values, never exceptions. Every public function of the core that can fail on
 * user input returns a `Result`; bugs throw.
 */
export type Ok<T> = { readonly ok: true; readonly value: T };
export type Err<E> = { readonly ok: false; readonly error: E };
export type Result<T, E = RelataError> = Ok<T> | Err<E>;

export const ok = <T>(value: T): Ok<T> => ({ ok: true, value });
export const err = <E>(error: E): Err<E> => ({ ok: false, error });

/** A character span in an expression source: 0-based, end exclusive. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** Error codes of the spec (model-format §6), stable across releases. */
export type ErrorCode =
  | 'invalid_model'
  | 'invalid_load'
  | 'no_such_attribute'
  | 'invalid_expression'
  | 'invalid_query'
  | 'manual_load_failed'
  | 'manual_invalid_return'
  | 'timeout'
  | 'required'
  | 'not_found'
  | 'invalid_relationship'
  /** Size budgets (docs/limits.md): input text, decoded share links, values returned by manual code. */
  | 'too_large'
  /** Depth budgets (docs/limits.md): nesting of expressions, paths, loads, values and imported sources. */
  | 'too_deep'
  /** A bug caught at a public entry point: the input was not the cause, but no exception escapes. */
  | 'internal_error';

export interface RelataError {
  readonly code: ErrorCode;
  readonly message: string;
  /** Where in the input the problem is (JSON path of a model, or the load path of a query). */
  readonly path?: ReadonlyArray<string | number>;
  /** For expressions: the offending characters. */
  readonly span?: Span;
  /** The expression source the span refers to. */
  readonly source?: string;
  /** Extra, code-specific details (diagnostics of an invalid model, the manual code's stack, ...). */
  readonly details?: unknown;
}

export function relataError(
  code: ErrorCode,
  message: string,
  extra: Omit<RelataError, 'code' | 'message'> = {},
): RelataError {
  return { code, message, ...extra };
}

/** Thrown inside the core to unwind to the nearest boundary that turns it back into a Result. */
export class RelataFailure extends Error {
  readonly error: RelataError;
  constructor(error: RelataError) {
    super(error.message);
    this.error = error;
  }
}

export function fail(code: ErrorCode, message: string, extra: Omit<RelataError, 'code' | 'message'> = {}): never {
  throw new RelataFailure(relataError(code, message, extra));
}

export function assertNever(x: never, what = 'value'): never {
  throw new Error(`unexpected ${what}: ${JSON.stringify(x)}`);
}
