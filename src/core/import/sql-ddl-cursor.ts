/** A cursor over one SQL statement's tokens, and schema-qualified names. */
import { SyntaxFailure } from './errors';
import type { SqlTok } from './sql-ddl-lex';

/** `schema.name` as written; `schema` absent when the name was not qualified. */
export interface QName {
  schema?: string;
  name: string;
}

export function nameOf(q: QName): string {
  return q.schema === undefined ? q.name : `${q.schema}.${q.name}`;
}

export class Cursor {
  i = 0;
  constructor(readonly toks: SqlTok[]) {}
  peek(offset = 0): SqlTok | undefined { return this.toks[this.i + offset]; }
  get line(): number { return (this.toks[this.i] ?? this.toks[this.toks.length - 1])?.line ?? 1; }
  done(): boolean { return this.i >= this.toks.length; }
  isWord(w: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t !== undefined && t.k === 'id' && t.v.toLowerCase() === w;
  }
  isP(p: string): boolean { const t = this.peek(); return t !== undefined && t.k === 'p' && t.v === p; }
  eatWord(w: string): boolean { if (this.isWord(w)) { this.i++; return true; } return false; }
  eatP(p: string): boolean { if (this.isP(p)) { this.i++; return true; } return false; }
  expectP(p: string): void {
    if (!this.eatP(p)) throw new SyntaxFailure(this.line, `Expected \`${p}\`, found ${this.describe()}`);
  }
  name(): string {
    const t = this.peek();
    if (!t || (t.k !== 'id' && t.k !== 'qid')) throw new SyntaxFailure(this.line, `Expected a name, found ${this.describe()}`);
    this.i++;
    return t.v;
  }
  /** `db.schema.table` → `{ schema, name }` (the last two parts). */
  qualifiedName(): QName {
    const parts = [this.name()];
    while (this.eatP('.')) parts.push(this.name());
    const name = parts[parts.length - 1] as string;
    return parts.length > 1 ? { schema: parts[parts.length - 2] as string, name } : { name };
  }
  qualifiedNameList(): QName[] {
    const c = new Cursor(this.group());
    const out = [c.qualifiedName()];
    while (c.eatP(',')) out.push(c.qualifiedName());
    return out;
  }
  /** An optional index or constraint name before a column list (MySQL `UNIQUE KEY name (...)`). */
  indexName(): string | undefined {
    if (this.isP('(')) return undefined;
    const t = this.peek();
    if (t && (t.k === 'id' || t.k === 'qid') && !this.isWord('using')) { this.i++; return t.v; }
    return undefined;
  }
  /** Tokens of a balanced `( ... )` group, without the outer parentheses. */
  group(): SqlTok[] {
    this.expectP('(');
    const start = this.i;
    let depth = 1;
    while (!this.done()) {
      const t = this.toks[this.i] as SqlTok;
      if (t.k === 'p' && t.v === '(') depth++;
      if (t.k === 'p' && t.v === ')' && --depth === 0) { this.i++; return this.toks.slice(start, this.i - 1); }
      this.i++;
    }
    throw new SyntaxFailure(this.line, 'Unclosed `(`');
  }
  skipBrackets(): void {
    this.expectP('[');
    while (!this.done() && !this.eatP(']')) this.i++;
  }
  /** Skips to the next top-level `,` (or the end). */
  skipToComma(): void {
    let depth = 0;
    while (!this.done()) {
      const t = this.peek() as SqlTok;
      if (t.k === 'p' && t.v === '(') depth++;
      else if (t.k === 'p' && t.v === ')') depth--;
      else if (depth <= 0 && t.k === 'p' && t.v === ',') return;
      this.i++;
    }
  }
  /** Column names of a `( ... )` list; an expression or an ordering (`lower(x)`, `x DESC`) makes it undefined. */
  nameList(): string[] {
    const c = new Cursor(this.group());
    const one = (): string => { const n = c.name(); if (c.eatWord('asc') || c.eatWord('desc')) { /* order */ } return n; };
    const out = [one()];
    while (c.eatP(',')) out.push(one());
    if (!c.done()) throw new SyntaxFailure(c.line, `Expected a list of column names, found ${c.describe()}`);
    return out;
  }
  /** Tokens from `start` to `end` as text (`numeric(10,2)`, `public.mpaa_rating`, `text[]`). */
  text(start: number, end: number): string {
    let out = '';
    for (let k = start; k < end; k++) {
      const t = this.toks[k] as SqlTok;
      const prev = this.toks[k - 1];
      const v = t.k === 'str' ? `'${t.v.replace(/'/g, "''")}'` : t.k === 'qid' ? `"${t.v}"` : t.v;
      const glue = k === start || (t.k === 'p' && t.v !== '::') || (prev?.k === 'p' && (prev.v === '(' || prev.v === '.' || prev.v === '['));
      out += (glue ? '' : ' ') + (t.k === 'p' && t.v === ',' ? ', ' : v);
    }
    return out.replace(/, \s*/g, ',');
  }
  describe(): string { const t = this.peek(); return t ? `\`${t.v}\`` : 'the end of the statement'; }
}
