/**
 * A forgiving parser for Ash resource modules: statements are calls (`name args [do ... end]`),
 * arguments are literal terms (atoms, strings, numbers, lists, keyword lists, tuples, maps, aliases,
 * sigils, `expr(...)`). Anything more (pipes, operators, anonymous functions) is kept as raw source,
 * so `def load(...)` bodies and `actions` blocks parse without being understood.
 */
import { SyntaxFailure } from './errors';
import type { ExTok } from './elixir-lex';

export type ExVal =
  | { t: 'atom'; v: string }
  | { t: 'str'; v: string }
  | { t: 'num'; v: number }
  | { t: 'bool'; v: boolean }
  | { t: 'nil' }
  | { t: 'alias'; v: string }
  | { t: 'list'; items: ExVal[] }
  | { t: 'tuple'; items: ExVal[] }
  | { t: 'map'; entries: [ExVal, ExVal][] }
  | { t: 'pair'; key: string; value: ExVal }
  | { t: 'call'; name: string; args: ExVal[]; raw: string }
  | { t: 'sigil'; letter: string; v: string }
  /** `modules`: the modules of a multi-alias `A.{B, C}` (tree-sitter path). */
  | { t: 'raw'; text: string; modules?: string[] };

export interface ExStmt {
  name: string;
  args: ExVal[];
  block?: ExStmt[];
  line: number;
  endLine: number;
}

const CLOSERS = new Set([')', ']', '}']);

export class ExParser {
  private i = 0;
  constructor(private readonly toks: ExTok[], private readonly src: string) {}

  program(): ExStmt[] {
    const out = this.statements();
    const t = this.peek();
    if (t) throw new SyntaxFailure(t.line, `Unexpected \`${t.v}\``);
    return out;
  }

  private statements(): ExStmt[] {
    const out: ExStmt[] = [];
    for (;;) {
      this.skipNl();
      const t = this.peek();
      if (!t || (t.k === 'id' && (t.v === 'end' || t.v === 'else' || t.v === 'rescue' || t.v === 'after' || t.v === 'catch'))) return out;
      if (t.k === 'op' && CLOSERS.has(t.v)) throw new SyntaxFailure(t.line, `Unexpected \`${t.v}\``);
      out.push(this.statement());
    }
  }

  private statement(): ExStmt {
    const t = this.next();
    const line = t.line;
    let name: string;
    if (t.k === 'op' && t.v === '@') name = `@${this.next().v}`;
    else if (t.k === 'id') name = t.v;
    else {
      // An expression statement (`{:ok, x}`, `query |> ...`): keep it raw.
      this.i--;
      const v = this.value();
      return { name: '', args: [v], line, endLine: line };
    }
    const args: ExVal[] = [];
    if (this.isOp('(') && this.peek()?.start === t.end) {
      this.next();
      args.push(...this.commaList(')'));
    } else if (!this.atEnd() && !this.isDo()) {
      args.push(this.value());
      while (this.isOp(',')) { this.next(); this.skipNl(); args.push(this.value()); }
    }
    if (!this.atEnd() && !this.isDo()) args.push(this.rawUntilEnd(this.i));
    let block: ExStmt[] | undefined;
    let endLine = line;
    if (this.isDo()) {
      this.next();
      block = this.statements();
      // `else`/`rescue` clauses: skip their statements too.
      while (this.peek()?.k === 'id' && ['else', 'rescue', 'after', 'catch'].includes(this.peek()?.v ?? '')) { this.next(); this.statements(); }
      const end = this.next();
      if (end.k !== 'id' || end.v !== 'end') throw new SyntaxFailure(end.line, 'Expected `end`');
      endLine = end.line;
    }
    if (this.isOp('|>') || this.isOp('.')) args.push(this.rawUntilEnd(this.i));
    return block ? { name, args, block, line, endLine } : { name, args, line, endLine };
  }

  /** A term; when an operator follows it, the whole expression up to the next `,`/newline is raw. */
  value(): ExVal {
    const start = this.i;
    const v = this.term();
    if (this.atEnd() || this.isOp(',') || this.isDo() || (this.peek()?.k === 'op' && CLOSERS.has(this.peek()?.v ?? '')) || this.peek()?.k === 'kw') return v;
    return this.rawUntilEnd(start);
  }

  private term(): ExVal {
    const t = this.next();
    switch (t.k) {
      case 'atom': return { t: 'atom', v: t.v };
      case 'str': return { t: 'str', v: t.v };
      case 'num': return { t: 'num', v: Number(t.v) };
      case 'sigil': return { t: 'sigil', letter: t.sigil ?? '', v: t.v };
      case 'kw': { this.skipNl(); return { t: 'pair', key: t.v, value: this.value() }; }
      case 'alias': {
        let v = t.v;
        while (this.isOp('.') && this.peek(1)?.k === 'alias') { this.next(); v += `.${this.next().v}`; }
        if (this.isOp('.')) { this.i--; return this.rawUntilEnd(this.i); }
        return { t: 'alias', v };
      }
      case 'id': {
        if (t.v === 'true' || t.v === 'false') return { t: 'bool', v: t.v === 'true' };
        if (t.v === 'nil') return { t: 'nil' };
        if (t.v === 'fn') { this.i--; return this.rawUntilEnd(this.i); }
        if (this.isOp('(') && this.peek()?.start === t.end) {
          const open = this.next();
          const args = this.commaList(')');
          const close = this.toks[this.i - 1] as ExTok;
          return { t: 'call', name: t.v, args, raw: this.src.slice(open.end, close.start).trim() };
        }
        return { t: 'raw', text: t.v };
      }
      case 'op': {
        if (t.v === '[') return { t: 'list', items: this.commaList(']') };
        if (t.v === '{') return { t: 'tuple', items: this.commaList('}') };
        if (t.v === '%' && this.isOp('{')) { this.next(); return { t: 'map', entries: this.mapEntries() }; }
        if (t.v === '-' && this.peek()?.k === 'num') return { t: 'num', v: -Number(this.next().v) };
        this.i--;
        return this.rawUntilEnd(this.i);
      }
      default:
        throw new SyntaxFailure(t.line, `Unexpected \`${t.v}\``);
    }
  }

  private commaList(close: string): ExVal[] {
    const out: ExVal[] = [];
    for (;;) {
      if (this.isOp(close)) { this.next(); return out; }
      out.push(this.value());
      if (this.isOp(',')) { this.next(); continue; }
      const t = this.next();
      if (!(t.k === 'op' && t.v === close)) throw new SyntaxFailure(t.line, `Expected \`,\` or \`${close}\`, found \`${t.v}\``);
      return out;
    }
  }

  private mapEntries(): [ExVal, ExVal][] {
    const out: [ExVal, ExVal][] = [];
    for (;;) {
      if (this.isOp('}')) { this.next(); return out; }
      const key = this.term();
      if (key.t === 'pair') out.push([{ t: 'atom', v: key.key }, key.value]);
      else {
        const arrow = this.next();
        if (!(arrow.k === 'op' && arrow.v === '=>')) throw new SyntaxFailure(arrow.line, 'Map entries must be `key => value`');
        out.push([key, this.value()]);
      }
      if (this.isOp(',')) { this.next(); continue; }
      const t = this.next();
      if (!(t.k === 'op' && t.v === '}')) throw new SyntaxFailure(t.line, `Expected \`,\` or \`}\`, found \`${t.v}\``);
      return out;
    }
  }

  /** Raw source from token `start` to the end of the expression (balanced brackets and do/fn...end). */
  private rawUntilEnd(start: number): ExVal {
    this.i = start;
    let depth = 0;
    let blocks = 0;
    for (;;) {
      const t = this.peek();
      if (!t) break;
      if (depth === 0 && blocks === 0) {
        if (t.k === 'op' && (t.v === ',' || CLOSERS.has(t.v))) break;
        if (t.k === 'nl' && !(this.peek(1)?.k === 'op' && this.peek(1)?.v === '|>')) break;
        if (t.k === 'id' && t.v === 'do' && this.i > start) break;
      }
      if (t.k === 'op' && (t.v === '(' || t.v === '[' || t.v === '{')) depth++;
      if (t.k === 'op' && CLOSERS.has(t.v)) depth--;
      if (t.k === 'id' && (t.v === 'fn' || (t.v === 'do' && blocks > 0))) blocks++;
      if (t.k === 'id' && t.v === 'end') blocks--;
      this.i++;
    }
    const first = this.toks[start];
    const last = this.toks[this.i - 1];
    return { t: 'raw', text: first && last && this.i > start ? this.src.slice(first.start, last.end) : '' };
  }

  private isDo(): boolean { const t = this.peek(); return t?.k === 'id' && t.v === 'do'; }
  private atEnd(): boolean {
    const t = this.peek();
    return !t || t.k === 'nl' || (t.k === 'id' && t.v === 'end') || (t.k === 'op' && t.v === ';');
  }
  private isOp(v: string): boolean { const t = this.peek(); return t?.k === 'op' && t.v === v; }
  private skipNl(): void { while (this.peek()?.k === 'nl' || this.isOp(';')) this.i++; }
  private peek(offset = 0): ExTok | undefined { return this.toks[this.i + offset]; }
  private next(): ExTok {
    const t = this.toks[this.i];
    if (!t) throw new SyntaxFailure(this.toks[this.toks.length - 1]?.line ?? 1, 'Unexpected end of input (a missing `end`?)');
    this.i++;
    return t;
  }
}
