/**
 * Elixir parsed by tree-sitter's Elixir grammar (web-tree-sitter, wasm), turned into the statement
 * and term shapes the Ash readers take (`ExStmt`/`ExVal`, elixir-parse.ts). The grammar accepts all
 * of Elixir, so any construct the readers do not understand is kept as raw source and skipped.
 *
 * Loading is asynchronous (wasm); `loadElixirParser()` is idempotent and cached, and parsing is
 * synchronous afterwards. In Node the two .wasm files are read from node_modules (src/node); in the
 * browser the caller passes their URLs (Vite `?url` imports, src/ui/elixir-parser.ts).
 *
 * Module aliases are expanded while converting (`alias A.B`, `alias A.{B, C}`, `alias A, as: X`,
 * nested `defmodule`, `__MODULE__`), lexically, as Elixir scopes them, so readers see full names.
 */
import type { Node, Parser as TsParser } from 'web-tree-sitter';
import type { ExComment } from './elixir-lex';
import type { ExStmt, ExVal } from './elixir-parse';

export interface ElixirWasm {
  /** The web-tree-sitter runtime (`web-tree-sitter.wasm`): URL or bytes. */
  runtime: string | Uint8Array;
  /** The Elixir grammar (`tree-sitter-elixir.wasm`): URL or bytes. */
  grammar: string | Uint8Array;
}

let parser: TsParser | undefined;
let loading: Promise<void> | undefined;

/**
 * Loads the grammar once; later calls return the same promise (and ignore `wasm`). Rejects when the
 * wasm cannot be had; a later call then tries again. Node: `loadElixirParserNode()` (src/node);
 * browser: `loadElixirParserBrowser()` (src/ui/elixir-parser.ts).
 */
export function loadElixirParser(wasm: ElixirWasm): Promise<void> {
  loading ??= (async () => {
    const ts = await import('web-tree-sitter');
    const { runtime, grammar } = wasm;
    await ts.Parser.init(typeof runtime === 'string' ? { locateFile: () => runtime } : { wasmBinary: runtime });
    const lang = await ts.Language.load(grammar);
    const p = new ts.Parser();
    p.setLanguage(lang);
    parser = p;
  })();
  loading.catch(() => { loading = undefined; });
  return loading;
}

/** True once `loadElixirParser` has finished: `parseElixir` is then available. */
export function elixirParserReady(): boolean {
  return parser !== undefined;
}

export interface ParsedElixir {
  stmts: ExStmt[];
  comments: ExComment[];
  /** Lines tree-sitter could not parse (ERROR or MISSING nodes), first of each. */
  syntaxErrors: { line: number; message: string }[];
}

/** Source text of a term built here (the type as written, a default's expression). */
const sources = new WeakMap<object, string>();
export function sourceOf(v: ExVal | ExStmt | undefined): string | undefined {
  return v === undefined ? undefined : sources.get(v);
}

export function parseElixir(text: string): ParsedElixir {
  if (!parser) throw new Error('parseElixir before loadElixirParser');
  const tree = parser.parse(text);
  if (!tree) throw new Error('tree-sitter returned no tree');
  try {
    const root = tree.rootNode;
    const comments: ExComment[] = [];
    const syntaxErrors: ParsedElixir['syntaxErrors'] = [];
    if (root.hasError) collectErrors(root, syntaxErrors, text);
    const stmts = new Converter(comments).body(root.namedChildren, { module: '', aliases: new Map() });
    return { stmts, comments, syntaxErrors };
  } finally {
    tree.delete();
  }
}

function collectErrors(n: Node, out: ParsedElixir['syntaxErrors'], text: string): void {
  if (out.length >= 5) return;
  if (n.isMissing) { out.push({ line: line(n), message: `Syntax error: missing \`${n.type}\`` }); return; }
  if (n.isError) {
    const atEnd = text.slice(n.endIndex).trim() === '';
    const open = n.children.findIndex((c, i) => !c.isNamed && /^("|'|""")$/.test(c.type) && n.children[i + 1]?.type === 'quoted_content');
    const quote = open >= 0 ? n.children[open] : undefined;
    if (atEnd && quote) out.push({ line: line(quote), message: 'Syntax error: a string that is never closed' });
    else if (atEnd) out.push({ line: text.trimEnd().split('\n').length, message: 'Syntax error: unexpected end of input (a missing `end`?)' });
    else out.push({ line: line(n), message: `Syntax error near \`${n.text.slice(0, 30).split('\n')[0] ?? ''}\`` });
    return;
  }
  if (!n.hasError) return;
  for (const c of n.children) collectErrors(c, out, text);
}

interface Scope {
  module: string;
  aliases: Map<string, string>;
}

const line = (n: Node): number => n.startPosition.row + 1;

class Converter {
  constructor(private readonly comments: ExComment[]) {}

  body(nodes: Node[], scope: Scope): ExStmt[] {
    const out: ExStmt[] = [];
    for (const n of nodes) {
      if (n.type === 'comment') { this.comments.push({ line: line(n), text: n.text }); continue; }
      const s = this.stmt(n, scope);
      if (s) out.push(s);
    }
    return out;
  }

  private stmt(n: Node, scope: Scope): ExStmt | undefined {
    const endLine = n.endPosition.row + 1;
    let call = n;
    let prefix = '';
    if (n.type === 'unary_operator' && n.child(0)?.type === '@') {
      const inner = n.namedChildren[0];
      if (inner?.type === 'call' || inner?.type === 'identifier') { call = inner; prefix = '@'; }
    }
    const target = call.type === 'call' ? call.namedChildren[0] : call.type === 'identifier' ? call : undefined;
    if (!target || target.type !== 'identifier') {
      this.commentsIn(n);
      const s: ExStmt = { name: '', args: [this.val(n, scope)], line: line(n), endLine };
      return s;
    }
    const name = prefix + target.text;
    if (name === 'defmodule') return this.defmodule(call, scope, endLine);
    const argsNode = call.namedChildren.find((c) => c.type === 'arguments');
    const args = argsNode ? this.args(argsNode, scope) : [];
    const doBlock = call.namedChildren.find((c) => c.type === 'do_block');
    if (name === 'alias') this.alias(args, scope);
    const s: ExStmt = { name, args, line: line(n), endLine };
    if (doBlock) {
      s.block = this.body(doBlock.namedChildren.filter((c) => !c.type.endsWith('_block')), scope);
      for (const c of doBlock.namedChildren) if (c.type.endsWith('_block')) this.commentsIn(c);
    }
    sources.set(s, dedent(n.text, n.startPosition.column));
    return s;
  }

  private defmodule(call: Node, scope: Scope, endLine: number): ExStmt {
    const argsNode = call.namedChildren.find((c) => c.type === 'arguments');
    const nameNode = argsNode?.namedChildren[0];
    const written = nameNode?.type === 'alias' ? nameNode.text.replace(/\s+/g, '') : undefined;
    const full = written === undefined ? undefined : this.expand(written, scope);
    const args: ExVal[] = full === undefined ? [] : [{ t: 'alias', v: full }];
    const inner: Scope = { module: full ?? scope.module, aliases: new Map(scope.aliases) };
    // `defmodule B` nested in `A` aliases `B` to `A.B` in `A` (and below).
    if (written !== undefined && full !== undefined && scope.module !== '' && !written.includes('.')) scope.aliases.set(written, full);
    const doBlock = call.namedChildren.find((c) => c.type === 'do_block');
    const s: ExStmt = { name: 'defmodule', args, line: line(call), endLine };
    if (doBlock) s.block = this.body(doBlock.namedChildren.filter((c) => !c.type.endsWith('_block')), inner);
    sources.set(s, call.text);
    return s;
  }

  private alias(args: ExVal[], scope: Scope): void {
    const first = args[0];
    const as = args.find((a): a is Extract<ExVal, { t: 'pair' }> => a.t === 'pair' && a.key === 'as');
    if (first?.t === 'alias') {
      const last = first.v.slice(first.v.lastIndexOf('.') + 1);
      scope.aliases.set(as?.value.t === 'alias' ? as.value.v : last, first.v);
    } else if (first?.t === 'raw' && first.modules) {
      for (const m of first.modules) scope.aliases.set(m.slice(m.lastIndexOf('.') + 1), m);
    }
  }

  private expand(written: string, scope: Scope): string {
    if (written === '__MODULE__') return scope.module || written;
    if (written.startsWith('__MODULE__.')) return `${scope.module}${written.slice(10)}`;
    if (written.startsWith('Elixir.')) return written.slice(7);
    const dot = written.indexOf('.');
    const head = dot < 0 ? written : written.slice(0, dot);
    const full = scope.aliases.get(head);
    return full === undefined ? written : full + (dot < 0 ? '' : written.slice(dot));
  }

  private args(n: Node, scope: Scope): ExVal[] {
    const out: ExVal[] = [];
    for (const c of n.namedChildren) {
      if (c.type === 'keywords') out.push(...this.pairs(c, scope));
      else if (c.type === 'comment') this.comments.push({ line: line(c), text: c.text });
      else out.push(this.val(c, scope));
    }
    return out;
  }

  private pairs(n: Node, scope: Scope): ExVal[] {
    const out: ExVal[] = [];
    for (const p of n.namedChildren) {
      if (p.type !== 'pair') continue;
      const k = p.namedChildren[0];
      const v = p.namedChildren[1];
      if (!k || !v) continue;
      const key = keywordKey(k);
      const pair: ExVal = { t: 'pair', key, value: this.val(v, scope) };
      sources.set(pair, p.text);
      out.push(pair);
    }
    return out;
  }

  private commentsIn(n: Node): void {
    for (const c of n.descendantsOfType('comment')) if (c) this.comments.push({ line: line(c), text: c.text });
  }

  val(n: Node, scope: Scope): ExVal {
    const v = this.val1(n, scope);
    if (!sources.has(v)) sources.set(v, n.text);
    return v;
  }

  private val1(n: Node, scope: Scope): ExVal {
    const raw = (): ExVal => ({ t: 'raw', text: n.text });
    switch (n.type) {
      case 'atom': return { t: 'atom', v: n.text.slice(1) };
      case 'quoted_atom': {
        const s = stringValue(n);
        return s === undefined ? raw() : { t: 'atom', v: s };
      }
      case 'string': {
        const s = stringValue(n);
        return s === undefined ? raw() : { t: 'str', v: s };
      }
      case 'integer': {
        const t = n.text.replace(/_/g, '');
        const v = /^0[xob]/.test(t) ? Number(t) : Number.parseInt(t, 10);
        return Number.isFinite(v) ? { t: 'num', v } : raw();
      }
      case 'float': return { t: 'num', v: Number(n.text.replace(/_/g, '')) };
      case 'boolean': return { t: 'bool', v: n.text === 'true' };
      case 'nil': return { t: 'nil' };
      case 'alias': return { t: 'alias', v: this.expand(n.text.replace(/\s+/g, ''), scope) };
      case 'identifier':
        if (n.text === '__MODULE__') return { t: 'alias', v: scope.module || '__MODULE__' };
        return raw();
      case 'list': {
        const items: ExVal[] = [];
        for (const c of n.namedChildren) {
          if (c.type === 'keywords') items.push(...this.pairs(c, scope));
          else if (c.type !== 'comment') items.push(this.val(c, scope));
        }
        return { t: 'list', items };
      }
      case 'tuple': return { t: 'tuple', items: this.args(n, scope) };
      case 'map': {
        if (n.namedChildren.some((c) => c.type === 'struct')) return raw();
        const content = n.namedChildren.find((c) => c.type === 'map_content');
        const entries: [ExVal, ExVal][] = [];
        for (const c of content?.namedChildren ?? []) {
          if (c.type === 'keywords') {
            for (const p of this.pairs(c, scope)) if (p.t === 'pair') entries.push([{ t: 'atom', v: p.key }, p.value]);
          } else if (c.type === 'binary_operator' && c.childForFieldName('operator')?.text === '=>') {
            const l = c.childForFieldName('left');
            const r = c.childForFieldName('right');
            if (!l || !r) return raw();
            entries.push([this.val(l, scope), this.val(r, scope)]);
          } else if (c.type !== 'comment') return raw();
        }
        return { t: 'map', entries };
      }
      case 'sigil': {
        const letter = n.namedChildren.find((c) => c.type === 'sigil_name')?.text ?? '';
        const parts = n.namedChildren.filter((c) => c.type === 'quoted_content' || c.type === 'escape_sequence');
        if (n.namedChildren.some((c) => c.type === 'interpolation')) return raw();
        return { t: 'sigil', letter, v: parts.map((c) => c.text).join('') };
      }
      case 'unary_operator': {
        const op = n.childForFieldName('operator')?.text;
        const operand = n.childForFieldName('operand');
        if (op === '-' && operand && (operand.type === 'integer' || operand.type === 'float')) {
          const v = this.val1(operand, scope);
          if (v.t === 'num') return { t: 'num', v: -v.v };
        }
        return raw();
      }
      case 'dot': {
        // `A.{B, C}` (multi-alias); anything else is an expression.
        const l = n.childForFieldName('left');
        const r = n.childForFieldName('right');
        if (l?.type === 'alias' && r?.type === 'tuple' && r.namedChildren.every((c) => c.type === 'alias')) {
          const base = this.expand(l.text.replace(/\s+/g, ''), scope);
          return { t: 'raw', text: n.text, modules: r.namedChildren.map((c) => `${base}.${c.text.replace(/\s+/g, '')}`) };
        }
        return raw();
      }
      case 'call': {
        const target = n.namedChildren[0];
        if (target?.type !== 'identifier' || n.namedChildren.some((c) => c.type === 'do_block')) return raw();
        const argsNode = n.namedChildren.find((c) => c.type === 'arguments');
        const args = argsNode ? this.args(argsNode, scope) : [];
        const inner = argsNode ? argsText(argsNode) : '';
        return { t: 'call', name: target.text, args, raw: inner };
      }
      case 'block': {
        // `(expr)` parenthesised: its single expression.
        const only = n.namedChildren.filter((c) => c.type !== 'comment');
        return only.length === 1 && only[0] ? this.val1(only[0], scope) : raw();
      }
      default:
        return raw();
    }
  }
}

/** Lines after the first lose up to `column` leading spaces (the statement's own indentation). */
function dedent(text: string, column: number): string {
  const lines = text.split('\n');
  return lines.map((l, i) => (i === 0 ? l : l.slice(Math.min(column, /^ */.exec(l)?.[0].length ?? 0)))).join('\n');
}

/** The text between a call's parentheses (or all its arguments when written without them). */
function argsText(n: Node): string {
  const open = n.children.find((c) => c.type === '(');
  const close = [...n.children].reverse().find((c) => c.type === ')');
  const src = n.text;
  if (open && close) return src.slice(open.endIndex - n.startIndex, close.startIndex - n.startIndex).trim();
  return src.trim();
}

function keywordKey(k: Node): string {
  // `name: ` or `"quoted name": `
  const t = k.text.trim();
  if (t.startsWith('"')) return stringValue(k) ?? t.slice(1, -2);
  return t.replace(/:$/, '');
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', e: '\x1b', a: '\x07', b: '\b', f: '\f', v: '\v', s: ' ', '0': '\0' };

/** A string's value when it has no interpolation (escape sequences decoded); heredocs included. */
function stringValue(n: Node): string | undefined {
  let out = '';
  for (const c of n.namedChildren) {
    if (c.type === 'interpolation') return undefined;
    if (c.type === 'quoted_content') out += c.text;
    else if (c.type === 'escape_sequence') {
      const e = c.text.slice(1);
      if (e.startsWith('u')) out += String.fromCodePoint(Number.parseInt(e.replace(/[u{}]/g, ''), 16));
      else if (e.startsWith('x')) out += String.fromCodePoint(Number.parseInt(e.replace(/[x{}]/g, ''), 16));
      else out += ESCAPES[e] ?? e;
    }
  }
  const open = n.child(0)?.text ?? '';
  if (open.startsWith('"""') || open.startsWith("'''")) {
    // Heredoc: Elixir strips the closing delimiter's indentation from every line.
    const close = n.child(n.childCount - 1);
    const indent = close ? close.startPosition.column : 0;
    const lines = out.split('\n');
    out = lines.map((l) => l.slice(Math.min(indent, /^ */.exec(l)?.[0].length ?? 0))).join('\n');
    if (out.startsWith('\n')) out = out.slice(1);
  }
  return out;
}
