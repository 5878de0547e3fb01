import { FUNCTION_ARITY, type BinaryOp, type Expr, type FunctionName } from './ast';
import { tokenize, type Token } from './lexer';
import { err, ok, type Result, type Span } from '../result';

export interface ParseError {
  message: string;
  span: Span;
}

/**
 * Parses the expression syntax of spec §3 (Ash `expr`, Elixir precedence). Never throws: every
 * input gives either an AST or the first token that cannot be parsed.
 */
export function parseExpression(source: string): Result<Expr, ParseError> {
  // Callers from JavaScript (manual code, imported files) may hand over anything.
  const given: unknown = source;
  if (typeof given !== 'string') {
    return err({ message: `an expression must be a string, got ${given === null ? 'null' : Array.isArray(given) ? 'a list' : typeof given}`, span: { start: 0, end: 0 } });
  }
  try {
    const p = new Parser(source);
    return ok(p.parseAll());
  } catch (e) {
    if (e instanceof ParseFailure) return err(e.error);
    // Safety net only: the depth limit should make stack overflows impossible.
    if (e instanceof RangeError) return err({ message: 'expression is too deeply nested', span: { start: 0, end: source.length } });
    throw e;
  }
}

/** Unwinds to `parseExpression`; never escapes this module. */
class ParseFailure extends Error {
  constructor(readonly error: ParseError) {
    super(error.message);
  }
}

/**
 * Deeper nesting than this is refused: it keeps the parser (and every recursive consumer of the AST:
 * printer, binder, evaluator) far from the stack limit. No human-written filter gets near it.
 */
const MAX_DEPTH = 200;
/** `and`/`or` chains up to this many operands stay left-nested; longer ones are balanced. */
const FLAT_CHAIN = 64;
/** LEVELS index of `and` (`or` is 0). */
const AND_LEVEL = 1;

const KEYWORDS = new Set(['and', 'or', 'not', 'in', 'true', 'false', 'nil']);

interface Level {
  ops: Record<string, BinaryOp>;
  right?: boolean;
}

/** Binary levels, lowest precedence first (Elixir's table restricted to the spec's operators). */
const LEVELS: Level[] = [
  { ops: { or: 'or', '||': 'or' } },
  { ops: { and: 'and', '&&': 'and' } },
  { ops: { '==': '==', '!=': '!=' } },
  { ops: { '<': '<', '>': '>', '<=': '<=', '>=': '>=' } },
  { ops: { in: 'in' } }, // `not in` is handled in parseLevel
  { ops: { '<>': '<>' }, right: true },
  { ops: { '+': '+', '-': '-' } },
  { ops: { '*': '*', '/': '/' } },
];
const IN_LEVEL = 4;

const span = (a: Span, b: Span): Span => ({ start: a.start, end: b.end });

class Parser {
  private readonly tokens: Token[];
  private pos = 0;
  private readonly depths = new WeakMap<Expr, number>();
  /** Open brackets and prefix operators being parsed: bounds the recursion before any node exists. */
  private nesting = 0;

  constructor(private readonly source: string) {
    this.tokens = tokenize(source);
  }

  parseAll(): Expr {
    const expr = this.parseExpr();
    const t = this.peek();
    if (t.kind !== 'eof') this.unexpected(t);
    return expr;
  }

  // ---- tokens ----

  private peek(offset = 0): Token {
    // The eof token is always last, so clamping keeps every read defined.
    return this.tokens[Math.min(this.pos + offset, this.tokens.length - 1)] as Token;
  }

  private next(): Token {
    const t = this.peek();
    if (this.pos < this.tokens.length - 1) this.pos++;
    return t;
  }

  private isPunct(t: Token, text: string): boolean {
    return t.kind === 'punct' && t.text === text;
  }

  private isWord(t: Token, text: string): boolean {
    return t.kind === 'ident' && t.text === text;
  }

  private fail(message: string, at: Span): never {
    throw new ParseFailure({ message, span: at });
  }

  /** The standard error for a token that does not fit where it stands. */
  private unexpected(t: Token, context?: string): never {
    if (t.kind === 'error') this.fail(t.message, t.span);
    if (t.kind === 'eof') this.fail(context ?? 'unexpected end of input', t.span);
    let text = this.source.slice(t.span.start, t.span.end);
    if (text.length > 30) text = `${text.slice(0, 27)}...`;
    this.fail(`unexpected ${JSON.stringify(text)}`, t.span);
  }

  private expectClose(close: string, open: Token): Token {
    const t = this.peek();
    if (this.isPunct(t, close)) return this.next();
    if (t.kind === 'error') this.unexpected(t);
    const openText = this.source.slice(open.span.start, open.span.end);
    this.fail(`expected ${JSON.stringify(close)} to close ${JSON.stringify(openText)} at ${open.span.start}`, t.span);
  }

  /** Records the nesting depth of a new node and refuses it past MAX_DEPTH. */
  private node<E extends Expr>(e: E, children: Expr[]): E {
    let d = 0;
    for (const c of children) d = Math.max(d, this.depths.get(c) ?? 0);
    if (d + 1 > MAX_DEPTH) this.fail(`expression nests deeper than ${MAX_DEPTH} levels`, e.span);
    this.depths.set(e, d + 1);
    return e;
  }

  private enter(t: Token): void {
    if (++this.nesting > MAX_DEPTH) this.fail(`expression nests deeper than ${MAX_DEPTH} levels`, t.span);
  }

  private leave(): void {
    this.nesting--;
  }

  // ---- grammar ----

  private parseExpr(): Expr {
    return this.parseLevel(0);
  }

  private parseLevel(level: number): Expr {
    const spec = LEVELS[level];
    if (spec === undefined) return this.parseUnary();
    if (spec.right) return this.parseRightAssoc(level, spec);
    if (level <= AND_LEVEL) return this.parseChain(level, spec);
    let left = this.parseLevel(level + 1);
    for (;;) {
      const t = this.peek();
      if (level === IN_LEVEL && this.isWord(t, 'not')) {
        // `a not in b` is `not(a in b)` (Elixir's rewrite).
        const inTok = this.peek(1);
        if (!this.isWord(inTok, 'in')) this.unexpected(inTok, 'expected "in" after "not"');
        this.pos += 2;
        const right = this.parseLevel(level + 1);
        const inner = this.node({ kind: 'binary', op: 'in', left, right, span: span(left.span, right.span) }, [left, right]);
        left = this.node({ kind: 'unary', op: 'not', expr: inner, span: inner.span }, [inner]);
        continue;
      }
      const op = this.binaryOp(t, spec);
      if (op === undefined) return left;
      this.next();
      const right = this.parseOperand(level + 1, t);
      left = this.node({ kind: 'binary', op, left, right, span: span(left.span, right.span) }, [left, right]);
    }
  }

  /**
   * `and` and `or` chains: the depth limit counts nesting, not chain length, so a long flat chain
   * (201 `and`s) is built as a balanced tree (same meaning: both are associative). Short chains
   * keep the left-nested shape the printer and tests know.
   */
  private parseChain(level: number, spec: Level): Expr {
    const operands = [this.parseLevel(level + 1)];
    let op: BinaryOp | undefined;
    for (;;) {
      const t = this.peek();
      const o = this.binaryOp(t, spec);
      if (o === undefined) break;
      op = o;
      this.next();
      operands.push(this.parseOperand(level + 1, t));
    }
    if (op === undefined) return operands[0]!;
    const join = (l: Expr, r: Expr): Expr => this.node({ kind: 'binary', op: op!, left: l, right: r, span: span(l.span, r.span) }, [l, r]);
    if (operands.length <= FLAT_CHAIN) return operands.reduce(join);
    const build = (from: number, to: number): Expr => {
      if (to - from === 1) return operands[from]!;
      const mid = (from + to) >> 1;
      return join(build(from, mid), build(mid, to));
    };
    return build(0, operands.length);
  }

  /** `a <> b <> c` is `a <> (b <> c)`; collected in a loop so long chains cannot overflow the stack. */
  private parseRightAssoc(level: number, spec: Level): Expr {
    const operands = [this.parseLevel(level + 1)];
    const ops: BinaryOp[] = [];
    for (;;) {
      const t = this.peek();
      const op = this.binaryOp(t, spec);
      if (op === undefined) break;
      this.next();
      ops.push(op);
      operands.push(this.parseOperand(level + 1, t));
    }
    let right = operands.pop() as Expr;
    while (operands.length > 0) {
      const left = operands.pop() as Expr;
      const op = ops.pop() as BinaryOp;
      right = this.node({ kind: 'binary', op, left, right, span: span(left.span, right.span) }, [left, right]);
    }
    return right;
  }

  private binaryOp(t: Token, spec: Level): BinaryOp | undefined {
    if (t.kind !== 'punct' && t.kind !== 'ident') return undefined;
    return Object.hasOwn(spec.ops, t.text) ? spec.ops[t.text] : undefined;
  }

  /** The right operand of a binary operator: at the end of input, say which operator wants it. */
  private parseOperand(level: number, opTok: Token): Expr {
    if (this.peek().kind === 'eof') {
      const opText = this.source.slice(opTok.span.start, opTok.span.end);
      this.unexpected(this.peek(), `expected an expression after ${JSON.stringify(opText)}`);
    }
    return this.parseLevel(level);
  }

  /** Prefix `not`, `!`, `-`. */
  private parseUnary(): Expr {
    const t = this.peek();
    const isNot = this.isWord(t, 'not') || this.isPunct(t, '!');
    const isMinus = this.isPunct(t, '-');
    if (!isNot && !isMinus) return this.parsePrimary();
    this.next();
    const after = this.peek();
    if (after.kind === 'eof') {
      this.unexpected(after, `expected an expression after ${JSON.stringify(this.source.slice(t.span.start, t.span.end))}`);
    }
    if (isMinus && after.kind === 'number') {
      // `-2.5` is one literal, as in Elixir; its span covers the sign.
      this.next();
      return this.node({ kind: 'literal', value: -after.value, span: span(t.span, after.span) }, []);
    }
    this.enter(t);
    const operand = this.parseUnary();
    this.leave();
    return this.node({ kind: 'unary', op: isNot ? 'not' : '-', expr: operand, span: span(t.span, operand.span) }, [operand]);
  }

  private parsePrimary(): Expr {
    const t = this.peek();
    switch (t.kind) {
      case 'number':
      case 'string':
        this.next();
        return this.node({ kind: 'literal', value: t.value, span: t.span }, []);
      case 'atom':
        this.next();
        return this.node({ kind: 'literal', value: t.value, atom: true, span: t.span }, []);
      case 'ident':
        return this.parseIdent(t);
      case 'punct':
        if (t.text === '(') return this.parseParens(t);
        if (t.text === '[') return this.parseList(t);
        if (t.text === '^') return this.parsePin(t);
        return this.unexpected(t);
      case 'error':
      case 'eof':
        return this.unexpected(t);
    }
  }

  private parseParens(open: Token): Expr {
    this.next();
    this.enter(open);
    const inner = this.parseExpr();
    const close = this.expectClose(')', open);
    this.leave();
    // Widen the span to the parentheses so enclosing spans (e.g. `not(x)`) reach the `)`.
    return this.node({ ...inner, span: span(open.span, close.span) }, [inner]);
  }

  private parseList(open: Token): Expr {
    this.next();
    this.enter(open);
    const items: Expr[] = [];
    while (!this.isPunct(this.peek(), ']')) {
      items.push(this.parseExpr());
      if (!this.isPunct(this.peek(), ',')) break;
      this.next(); // a trailing comma is allowed, as in Elixir
    }
    const close = this.expectClose(']', open);
    this.leave();
    return this.node({ kind: 'list', items, span: span(open.span, close.span) }, items);
  }

  private parsePin(caret: Token): Expr {
    this.next();
    const name = this.peek();
    if (name.kind !== 'ident' || !isPlainIdent(name.text)) {
      return this.unexpected(name, 'expected a parameter name after "^"');
    }
    this.next();
    return this.node({ kind: 'pin', name: name.text, span: span(caret.span, name.span) }, []);
  }

  private parseIdent(t: Token & { kind: 'ident' }): Expr {
    switch (t.text) {
      case 'true':
      case 'false':
      case 'nil':
        this.next();
        return this.node({ kind: 'literal', value: t.text === 'nil' ? null : t.text === 'true', span: t.span }, []);
    }
    if (!isPlainIdent(t.text)) return this.unexpected(t);
    if (this.isPunct(this.peek(1), '(')) return this.parseCall(t);
    return this.parseRef();
  }

  /** `a.b.c`; segments after a dot may be any identifier (`ticket.in` is unambiguous). */
  private parseRef(): Expr & { kind: 'ref' } {
    const first = this.next() as Token & { kind: 'ident' };
    const segments = [first.text];
    let last = first.span;
    while (this.isPunct(this.peek(), '.')) {
      this.next();
      const seg = this.peek();
      if (seg.kind !== 'ident' || !/^[a-z_]/.test(seg.text)) return this.unexpected(seg, 'expected a name after "."');
      this.next();
      segments.push(seg.text);
      last = seg.span;
    }
    return this.node({ kind: 'ref', segments, span: span(first.span, last) }, []);
  }

  private parseCall(name: Token & { kind: 'ident' }): Expr {
    this.next();
    const open = this.next();
    this.enter(open);
    const args: Expr[] = [];
    let close: Token;
    const known = name.text === 'parent' || name.text === 'exists' || Object.hasOwn(FUNCTION_ARITY, name.text);
    try {
      while (!this.isPunct(this.peek(), ')')) {
        args.push(this.parseExpr());
        if (!this.isPunct(this.peek(), ',')) break;
        this.next();
        // `f(a,)` is not Elixir: after a comma an argument must follow.
        if (this.isPunct(this.peek(), ')')) this.unexpected(this.peek());
      }
      close = this.expectClose(')', open);
    } catch (e) {
      // The unknown name comes before whatever broke inside its arguments.
      if (!known && e instanceof ParseFailure) this.fail(`unknown function ${name.text}`, name.span);
      throw e;
    }
    this.leave();
    const whole = span(name.span, close.span);
    const arity = (expected: number): void => {
      if (args.length !== expected) {
        this.fail(`${name.text} expects ${expected} argument${expected === 1 ? '' : 's'}, got ${args.length}`, whole);
      }
    };
    if (name.text === 'parent') {
      arity(1);
      const expr = args[0] as Expr;
      return this.node({ kind: 'parent', expr, span: whole }, [expr]);
    }
    if (name.text === 'exists') {
      arity(2);
      const [path, expr] = args as [Expr, Expr];
      if (path.kind !== 'ref') this.fail('exists expects a relationship path (like `comments.author`) as its first argument', path.span);
      return this.node({ kind: 'exists', path: path.segments, pathSpan: path.span, expr, span: whole }, [path, expr]);
    }
    if (!Object.hasOwn(FUNCTION_ARITY, name.text)) this.fail(`unknown function ${name.text}/${args.length}`, name.span);
    const fn = name.text as FunctionName;
    arity(FUNCTION_ARITY[fn]);
    return this.node({ kind: 'call', fn, args, span: whole }, args);
  }
}

/** A lowercase identifier that is not a keyword: usable as a reference's first segment or a pin name. */
function isPlainIdent(text: string): boolean {
  return /^[a-z_]/.test(text) && !KEYWORDS.has(text);
}
