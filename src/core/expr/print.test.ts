import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FUNCTION_ARITY, type BinaryOp, type Expr, type FunctionName } from './ast';
import { parseExpression } from './parser';
import { printExpression } from './print';
import { stripSpans } from './walk';

const S = { start: 0, end: 0 };

function roundTrip(e: Expr): Expr {
  const text = printExpression(e);
  const r = parseExpression(text);
  if (!r.ok) throw new Error(`printed ${JSON.stringify(text)} does not parse: ${r.error.message} at ${r.error.span.start}`);
  return r.value;
}

function reprint(src: string): string {
  const r = parseExpression(src);
  if (!r.ok) throw new Error(r.error.message);
  return printExpression(r.value);
}

describe('printExpression', () => {
  it.each([
    ['1 + priority * 2 > 7', '1 + priority * 2 > 7'],
    ['(1 + priority) * 2', '(1 + priority) * 2'],
    ['a - (b - c)', 'a - (b - c)'],
    ['(a - b) - c', 'a - b - c'],
    ['(a <> b) <> c', '(a <> b) <> c'],
    ['a <> (b <> c)', 'a <> b <> c'],
    ['not a == b', 'not(a) == b'],
    ['!(a == b)', 'not(a == b)'],
    ['a not in [1, 2]', 'not(a in [1, 2])'],
    ['-(2)', '-(2)'],
    ['- -2', '-(-2)'],
    ['-(-x)', '-(-x)'],
    ['-2.5', '-2.5'],
    ['-(a + 1) == -4', '-(a + 1) == -4'],
    ['(a or b) and c', '(a or b) and c'],
    ['exists(t.c, parent(parent(id)) == ^p)', 'exists(t.c, parent(parent(id)) == ^p)'],
    ['if(is_nil(b),0,b)*p>=4', 'if(is_nil(b), 0, b) * p >= 4'],
    ['status == :open', 'status == :open'],
    [':"a b"', ':"a b"'],
    ['"say \\"hi\\"\\n"', '"say \\"hi\\"\\n"'],
    ['"\\#{x}"', '"\\#{x}"'],
    ['[ ]', '[]'],
    ['nil != true', 'nil != true'],
    ['1_000.50', '1000.5'],
  ])('%s prints as %s', (src, expected) => {
    expect(reprint(src)).toBe(expected);
  });

  it('prints -0 so it reads back as -0', () => {
    expect(printExpression({ kind: 'literal', value: -0, span: S })).toBe('-0');
    const r = parseExpression('-0');
    expect(r.ok && Object.is(r.ok && r.value.kind === 'literal' ? r.value.value : 0, -0)).toBe(true);
  });
});

// ---- random ASTs ----

const KEYWORDS = ['and', 'or', 'not', 'in', 'true', 'false', 'nil'];
const identTail = fc.string({ unit: fc.constantFrom(...'abcXYZ019_'.split('')), maxLength: 6 });
const ident = fc
  .tuple(fc.constantFrom(...'abz_'.split('')), identTail, fc.constantFrom('', '', '?', '!'))
  .map(([a, b, c]) => a + b + c);
/** Any identifier may follow a dot; the first segment and pin names may not be keywords. */
const segment = fc.oneof(ident, fc.constantFrom(...KEYWORDS, 'if', 'parent', 'exists', 'is_nil'));
const name = ident.filter((s) => !KEYWORDS.includes(s));
const path = fc.tuple(name, fc.array(segment, { maxLength: 3 })).map(([h, t]) => [h, ...t]);

const number = fc.oneof(fc.integer({ min: -1000, max: 1000 }), fc.double({ noNaN: true, noDefaultInfinity: true }));
const text = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.constantFrom('#{x}', '"\\', '\u0000\u001f\u007f'));

const BINARY_OPS: BinaryOp[] = ['==', '!=', '>', '>=', '<', '<=', 'in', 'and', 'or', '+', '-', '*', '/', '<>'];
const FNS = Object.keys(FUNCTION_ARITY) as FunctionName[];

const { expr } = fc.letrec<{ expr: Expr; leaf: Expr; node: Expr }>((tie) => ({
  expr: fc.oneof({ depthSize: 'small', withCrossShrink: true }, tie('leaf'), tie('node')),
  leaf: fc.oneof(
    number.map((value): Expr => ({ kind: 'literal', value, span: S })),
    text.map((value): Expr => ({ kind: 'literal', value, span: S })),
    fc.constantFrom(true, false, null).map((value): Expr => ({ kind: 'literal', value, span: S })),
    fc.oneof(ident, text).map((value): Expr => ({ kind: 'literal', value, atom: true, span: S })),
    path.map((segments): Expr => ({ kind: 'ref', segments, span: S })),
    name.map((n): Expr => ({ kind: 'pin', name: n, span: S })),
  ),
  node: fc.oneof(
    fc.array(tie('expr'), { maxLength: 3 }).map((items): Expr => ({ kind: 'list', items, span: S })),
    tie('expr').map((e): Expr => ({ kind: 'parent', expr: e, span: S })),
    fc.tuple(fc.constantFrom<'not' | '-'>('not', '-'), tie('expr')).map(([op, e]): Expr => ({ kind: 'unary', op, expr: e, span: S })),
    fc.tuple(fc.constantFrom(...BINARY_OPS), tie('expr'), tie('expr')).map(([op, left, right]): Expr => ({ kind: 'binary', op, left, right, span: S })),
    fc
      .constantFrom(...FNS)
      .chain((fn) => fc.array(tie('expr'), { minLength: FUNCTION_ARITY[fn], maxLength: FUNCTION_ARITY[fn] }).map((args): Expr => ({ kind: 'call', fn, args, span: S }))),
    fc.tuple(path, tie('expr')).map(([p, e]): Expr => ({ kind: 'exists', path: p, pathSpan: S, expr: e, span: S })),
  ),
}));

describe('round trip', () => {
  it('parse(print(ast)) equals ast, ignoring spans', () => {
    fc.assert(
      fc.property(expr, (e) => {
        expect(stripSpans(roundTrip(e))).toEqual(stripSpans(e));
      }),
      { numRuns: 2000 },
    );
  });

  it('printing is canonical: print(parse(print(ast))) equals print(ast)', () => {
    fc.assert(
      fc.property(expr, (e) => {
        const once = printExpression(e);
        expect(printExpression(roundTrip(e))).toBe(once);
      }),
      { numRuns: 500 },
    );
  });

  it('spans of a parsed tree lie inside the source and nest', () => {
    fc.assert(
      fc.property(expr, (e) => {
        const src = printExpression(e);
        const check = (x: Expr, outer: { start: number; end: number }): void => {
          expect(x.span.start).toBeGreaterThanOrEqual(outer.start);
          expect(x.span.end).toBeLessThanOrEqual(outer.end);
          const kids = x.kind === 'list' ? x.items : x.kind === 'binary' ? [x.left, x.right] : x.kind === 'call' ? x.args : 'expr' in x ? [x.expr] : [];
          for (const k of kids) check(k, x.span);
        };
        check(roundTrip(e), { start: 0, end: src.length });
      }),
      { numRuns: 500 },
    );
  });
});
