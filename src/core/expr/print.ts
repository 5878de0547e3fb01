import type { BinaryOp, Expr } from './ast';
import { assertNever } from '../result';

/**
 * Canonical text of an expression: `parseExpression(printExpression(e))` gives `e` back (spans aside).
 * Binary operators get one space each side, `not` is always printed as `not(...)` and parentheses
 * appear only where precedence or associativity needs them.
 */
export function printExpression(expr: Expr): string {
  return print(expr, 0);
}

/** Binding strength, as in the parser's table (higher binds tighter). */
const BINARY_PREC: Record<BinaryOp, number> = {
  or: 1,
  and: 2,
  '==': 3,
  '!=': 3,
  '<': 4,
  '>': 4,
  '<=': 4,
  '>=': 4,
  in: 5,
  '<>': 6,
  '+': 7,
  '-': 7,
  '*': 8,
  '/': 8,
};
const UNARY_PREC = 9;
const ATOM_PREC = 10;

const ATOM_RE = /^[A-Za-z_][A-Za-z0-9_]*[?!]?$/;

function precOf(e: Expr): number {
  if (e.kind === 'binary') return BINARY_PREC[e.op];
  if (e.kind === 'unary') return UNARY_PREC;
  // A negative literal is read by the parser's prefix rule, so it ranks as a unary expression.
  if (e.kind === 'literal' && typeof e.value === 'number' && (e.value < 0 || Object.is(e.value, -0))) return UNARY_PREC;
  return ATOM_PREC;
}

function print(e: Expr, minPrec: number): string {
  const text = printBare(e);
  return precOf(e) < minPrec ? `(${text})` : text;
}

function printBare(e: Expr): string {
  switch (e.kind) {
    case 'literal':
      return printLiteral(e.value, e.atom === true);
    case 'list':
      return `[${e.items.map((i) => print(i, 0)).join(', ')}]`;
    case 'ref':
      return e.segments.join('.');
    case 'pin':
      return `^${e.name}`;
    case 'parent':
      return `parent(${print(e.expr, 0)})`;
    case 'unary': {
      if (e.op === 'not') return `not(${print(e.expr, 0)})`;
      // `-2` would re-read as one negative literal and `--x` is not Elixir: parenthesise those operands.
      const inner = e.expr;
      const needsParens = (inner.kind === 'literal' && typeof inner.value === 'number') || (inner.kind === 'unary' && inner.op === '-');
      return needsParens ? `-(${print(inner, 0)})` : `-${print(inner, UNARY_PREC)}`;
    }
    case 'binary': {
      const p = BINARY_PREC[e.op];
      const right = e.op === '<>';
      return `${print(e.left, right ? p + 1 : p)} ${e.op} ${print(e.right, right ? p : p + 1)}`;
    }
    case 'call':
      return `${e.fn}(${e.args.map((a) => print(a, 0)).join(', ')})`;
    case 'exists':
      return `exists(${e.path.join('.')}, ${print(e.expr, 0)})`;
    default:
      return assertNever(e, 'expression');
  }
}

function printLiteral(value: null | boolean | number | string, atom: boolean): string {
  if (value === null) return 'nil';
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`cannot print non-finite number ${value}`);
    return Object.is(value, -0) ? '-0' : String(value);
  }
  if (atom) return ATOM_RE.test(value) ? `:${value}` : `:${quote(value)}`;
  return quote(value);
}

/** A double-quoted string with the escapes the lexer reads; `#{` is escaped so Elixir would not interpolate. */
export function quote(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    const code = c.charCodeAt(0);
    if (c === '"' || c === '\\') out += `\\${c}`;
    else if (c === '\n') out += '\\n';
    else if (c === '\t') out += '\\t';
    else if (c === '\r') out += '\\r';
    else if (c === '#' && s[i + 1] === '{') out += '\\#';
    else if (code < 0x20 || code === 0x7f) out += `\\u{${code.toString(16).toUpperCase()}}`;
    else out += c;
  }
  return `${out}"`;
}
