// PLACEHOLDER: implemented by the expression helper. Signature is the contract.
import type { Expr } from './ast';
import type { Result, Span } from '../result';

export interface ParseError {
  message: string;
  span: Span;
}

export function parseExpression(source: string): Result<Expr, ParseError> {
  void source;
  throw new Error('not implemented yet');
}
