import type { Span } from '../result';

/**
 * The expression language of the spec (§3): Ash `expr` syntax as a string.
 * The parser produces `Expr`; `bind` (typecheck) resolves references against a model.
 */
export type BinaryOp =
  | '=='
  | '!='
  | '>'
  | '>='
  | '<'
  | '<='
  | 'in'
  | 'and'
  | 'or'
  | '+'
  | '-'
  | '*'
  | '/'
  | '<>';

export type FunctionName = 'is_nil' | 'contains' | 'string_downcase' | 'string_length' | 'if';

export type Expr =
  /** `1`, `-2.5`, `"text"`, `true`, `false`, `nil`; atoms (`:closed`) are strings with `atom: true`. */
  | { kind: 'literal'; value: null | boolean | number | string; atom?: boolean; span: Span }
  | { kind: 'list'; items: Expr[]; span: Span }
  /** `priority`, `representative.priority_threshold`: dotted identifiers, resolved by the binder. */
  | { kind: 'ref'; segments: string[]; span: Span }
  /** `^name` */
  | { kind: 'pin'; name: string; span: Span }
  /** `parent(expr)` */
  | { kind: 'parent'; expr: Expr; span: Span }
  /** `not(x)` / `not x`, unary `-x` */
  | { kind: 'unary'; op: 'not' | '-'; expr: Expr; span: Span }
  | { kind: 'binary'; op: BinaryOp; left: Expr; right: Expr; span: Span }
  /** `is_nil(x)`, `contains(a, b)`, `string_downcase(x)`, `string_length(x)`, `if(c, a, b)` */
  | { kind: 'call'; fn: FunctionName; args: Expr[]; span: Span }
  /** `exists(rel.path, expr)`: `path` are relationship names; `pathSpan` covers them. */
  | { kind: 'exists'; path: string[]; pathSpan: Span; expr: Expr; span: Span };

export const FUNCTION_ARITY: Record<FunctionName, number> = {
  is_nil: 1,
  contains: 2,
  string_downcase: 1,
  string_length: 1,
  if: 3,
};
