/**
 * Reads back what `toTypeScript` writes: `const NAME = <string or template literal>` constants and
 * `const model = defineModel(<object literal>)`, skipping imports, interfaces, type aliases and functions.
 * A small hand parser rather than the TypeScript compiler, which is far too big for the browser
 * bundle; anything outside that shape (computed values, spreads, calls) is reported with its line.
 */
import { parseModel } from '../model/parse';
import { MODEL_FORMAT, type JsonValue, type Resource } from '../model/types';
import { err, ok, type Result } from '../result';
import { importError, SyntaxFailure, type ImportError, type ImportProblem, type ImportResult } from './errors';

type Tok =
  | { k: 'id'; v: string; line: number }
  | { k: 'str'; v: string; line: number }
  | { k: 'num'; v: number; line: number }
  | { k: 'p'; v: string; line: number };

/** Budgets of the TypeScript reader (docs/limits.md). */
const MAX_DEPTH = 200;
const MAX_EXPANDED_VALUES = 1_000_000;

export function fromTypeScript(text: string): ImportResult {
  try {
    const model = new TsReader(tokenize(text)).readModule();
    const parsed = parseModel(model.value);
    if (!parsed.ok) {
      return err(importError('TypeScript module', [{ line: model.line, message: parsed.error.message }]));
    }
    return ok({ model: parsed.value, suggestions: [], warnings: [] });
  } catch (e) {
    if (e instanceof SyntaxFailure) return err(importError('TypeScript module', [{ line: e.line, message: e.message }]));
    throw e;
  }
}

/**
 * Reads back what `toTypeScriptResource` writes: constants and `const resource = defineResource({...})`.
 * The resource is checked with the model's structural rules; problems come with their line.
 */
export function resourceFromTypeScript(text: string): Result<{ resource: Resource; warnings: ImportProblem[] }, ImportError> {
  try {
    const found = new TsReader(tokenize(text)).readModule('defineResource');
    const parsed = parseModel({ format: MODEL_FORMAT, name: 'Resource', resources: [found.value] });
    if (!parsed.ok) return err(importError('TypeScript resource', [{ line: found.line, message: parsed.error.message.replace(/resources\[0\]\.?/g, '') }]));
    return ok({ resource: parsed.value.resources[0] as Resource, warnings: [] });
  } catch (e) {
    if (e instanceof SyntaxFailure) return err(importError('TypeScript resource', [{ line: e.line, message: e.message }]));
    throw e;
  }
}

const PUNCT = '{}[]()<>,:;=|&?.*/!-+@';

function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  let line = 1;
  while (i < src.length) {
    const c = src[i] as string;
    if (c === '\n') { line++; i++; continue; }
    if (/\s/.test(c)) { i++; continue; }
    if (src.startsWith('//', i)) { while (i < src.length && src[i] !== '\n') i++; continue; }
    if (src.startsWith('/*', i)) {
      const end = src.indexOf('*/', i + 2);
      if (end < 0) throw new SyntaxFailure(line, 'Unterminated comment');
      for (let j = i; j < end; j++) if (src[j] === '\n') line++;
      i = end + 2;
      continue;
    }
    if (c === "'" || c === '"' || c === '`') {
      const start = line;
      const r = readString(src, i, c, start, () => line++);
      out.push({ k: 'str', v: r.value, line: start });
      i = r.end;
      continue;
    }
    const num = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/.exec(src.slice(i, i + 40));
    if (num && (c !== '-' || /[0-9]/.test(src[i + 1] ?? ''))) {
      out.push({ k: 'num', v: Number(num[0]), line });
      i += num[0].length;
      continue;
    }
    const id = /^[A-Za-z_$][A-Za-z0-9_$]*/.exec(src.slice(i, i + 200));
    if (id) { out.push({ k: 'id', v: id[0], line }); i += id[0].length; continue; }
    if (PUNCT.includes(c)) { out.push({ k: 'p', v: c, line }); i++; continue; }
    throw new SyntaxFailure(line, `Unexpected character ${JSON.stringify(c)}`);
  }
  return out;
}

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', '0': '\0' };

function readString(src: string, start: number, q: string, startLine: number, newline: () => void): { value: string; end: number } {
  let i = start + 1;
  let value = '';
  while (i < src.length) {
    const c = src[i] as string;
    if (c === q) return { value, end: i + 1 };
    if (c === '\n') {
      if (q !== '`') break;
      newline();
    }
    if (q === '`' && c === '$' && src[i + 1] === '{') throw new SyntaxFailure(startLine, 'Template substitutions are not supported');
    if (c !== '\\') { value += c; i++; continue; }
    const e = src[i + 1] ?? '';
    if (e === 'u' || e === 'x') {
      const m = e === 'x' ? /^x([0-9a-fA-F]{2})/.exec(src.slice(i + 1)) : /^u(?:\{([0-9a-fA-F]+)\}|([0-9a-fA-F]{4}))/.exec(src.slice(i + 1));
      if (!m) break;
      value += String.fromCodePoint(parseInt(m[1] ?? m[2] ?? '0', 16));
      i += 1 + m[0].length;
      continue;
    }
    if (e === '\n') { newline(); i += 2; continue; } // line continuation
    value += SIMPLE_ESCAPES[e] ?? e;
    i += 2;
  }
  throw new SyntaxFailure(startLine, 'Unterminated string');
}

class TsReader {
  private i = 0;
  private readonly consts = new Map<string, JsonValue>();
  constructor(private readonly toks: Tok[]) {}

  readModule(call = 'defineModel'): { value: JsonValue; line: number } {
    let model: { value: JsonValue; line: number } | undefined;
    while (this.i < this.toks.length) {
      const t = this.peek();
      if (t.k === 'p' && t.v === ';') { this.i++; continue; }
      if (isId(t, 'import')) { this.skipTo(';'); continue; }
      if (isId(t, 'export')) { this.i++; continue; }
      // An interface, or a function the export writes inline (`defineModel`): skipped to its closing brace.
      if (isId(t, 'interface') || isId(t, 'function')) { this.skipInterface(); continue; }
      if (isId(t, 'type')) { this.skipTo(';'); continue; }
      if (isId(t, 'const') || isId(t, 'let')) {
        this.i++;
        const name = this.ident();
        this.expect('=');
        const at = this.peek();
        if (isId(at, call)) {
          this.i++;
          this.expect('(');
          const value = this.value();
          this.expect(')');
          if (model) throw new SyntaxFailure(at.line, `A second ${call}(...) call`);
          model = { value, line: at.line };
        } else {
          this.consts.set(name, this.value());
        }
        continue;
      }
      throw new SyntaxFailure(t.line, `Unexpected ${JSON.stringify(t.v)}: expected an import, a constant, an interface or a type`);
    }
    if (!model) throw new SyntaxFailure(1, `No \`${call}({...})\` call found`);
    return model;
  }

  /** Nesting of the value being read (docs/limits.md: 200 levels). */
  private depth = 0;
  /** Expanded size of each object or list read: constants are shared, their expansion is not free. */
  private readonly sizes = new WeakMap<object, number>();

  private sizeOf(v: JsonValue): number {
    return v !== null && typeof v === 'object' ? this.sizes.get(v) ?? 1 : 1;
  }

  /** Records the expanded size of a finished object or list; past the budget the import stops. */
  private sized<T extends JsonValue>(v: T & object, size: number, line: number): T {
    if (size > MAX_EXPANDED_VALUES) {
      throw new SyntaxFailure(line, `The model expands to more than ${MAX_EXPANDED_VALUES} values (constants that reference each other multiply); import budget exceeded`);
    }
    this.sizes.set(v, size);
    return v;
  }

  private value(): JsonValue {
    const t = this.next();
    if (t.k === 'str' || t.k === 'num') return t.v;
    if (t.k === 'p' && (t.v === '{' || t.v === '[')) {
      if (++this.depth > MAX_DEPTH) throw new SyntaxFailure(t.line, `Values nest deeper than ${MAX_DEPTH} levels`);
      try {
        return t.v === '{' ? this.object(t.line) : this.array(t.line);
      } finally {
        this.depth--;
      }
    }
    if (t.k === 'id') {
      if (t.v === 'true' || t.v === 'false') return t.v === 'true';
      if (t.v === 'null') return null;
      const c = this.consts.get(t.v);
      if (c !== undefined) return c;
      throw new SyntaxFailure(t.line, `Unknown name \`${t.v}\`: only constants defined above can be referenced`);
    }
    throw new SyntaxFailure(t.line, `Unexpected ${JSON.stringify(t.v)}: expected a value`);
  }

  private object(line: number): JsonValue {
    const out: { [key: string]: JsonValue } = {};
    let size = 1;
    for (;;) {
      const t = this.next();
      if (t.k === 'p' && t.v === '}') return this.sized(out, size, line);
      if (t.k !== 'id' && t.k !== 'str') throw new SyntaxFailure(t.line, `Unexpected ${JSON.stringify(t.v)}: expected a key`);
      this.expect(':');
      const v = this.value();
      size += this.sizeOf(v);
      // An own key even when it is `__proto__` (a plain assignment would replace the prototype).
      Object.defineProperty(out, String(t.v), { value: v, enumerable: true, writable: true, configurable: true });
      const sep = this.next();
      if (sep.k === 'p' && sep.v === '}') return this.sized(out, size, line);
      if (!(sep.k === 'p' && sep.v === ',')) throw new SyntaxFailure(sep.line, `Expected \`,\` or \`}\`, found ${JSON.stringify(sep.v)}`);
    }
  }

  private array(line: number): JsonValue[] {
    const out: JsonValue[] = [];
    let size = 1;
    for (;;) {
      const t = this.peek();
      if (t.k === 'p' && t.v === ']') { this.i++; return this.sized(out, size, line); }
      const v = this.value();
      size += this.sizeOf(v);
      out.push(v);
      const sep = this.next();
      if (sep.k === 'p' && sep.v === ']') return this.sized(out, size, line);
      if (!(sep.k === 'p' && sep.v === ',')) throw new SyntaxFailure(sep.line, `Expected \`,\` or \`]\`, found ${JSON.stringify(sep.v)}`);
    }
  }

  private skipInterface(): void {
    while (!(this.peek().k === 'p' && this.peek().v === '{')) this.i++;
    let depth = 0;
    do {
      const t = this.next();
      if (t.k === 'p' && t.v === '{') depth++;
      if (t.k === 'p' && t.v === '}') depth--;
    } while (depth > 0);
  }

  private skipTo(p: string): void {
    while (!(this.peek().k === 'p' && this.peek().v === p)) this.i++;
    this.i++;
  }

  private ident(): string {
    const t = this.next();
    if (t.k !== 'id') throw new SyntaxFailure(t.line, `Expected a name, found ${JSON.stringify(t.v)}`);
    return t.v;
  }

  private expect(p: string): void {
    const t = this.next();
    if (!(t.k === 'p' && t.v === p)) throw new SyntaxFailure(t.line, `Expected \`${p}\`, found ${JSON.stringify(t.v)}`);
  }

  private peek(): Tok {
    const t = this.toks[this.i];
    if (!t) throw new SyntaxFailure(this.toks[this.toks.length - 1]?.line ?? 1, 'Unexpected end of the module');
    return t;
  }

  private next(): Tok {
    const t = this.peek();
    this.i++;
    return t;
  }
}

const isId = (t: Tok, v: string): boolean => t.k === 'id' && t.v === v;

