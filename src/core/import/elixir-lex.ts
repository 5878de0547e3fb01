/**
 * A tokenizer for the Elixir that Ash resources are written in: enough of the lexical grammar
 * (strings, heredocs, sigils, atoms, keyword keys, charlists, `?c`, operators) that any module
 * tokenizes, so sections the importer does not read (actions, `def load`) can be skipped safely.
 * Newlines inside brackets are dropped, as Elixir treats them as whitespace there.
 */
import { SyntaxFailure } from './errors';

export type ExTokKind = 'id' | 'alias' | 'atom' | 'kw' | 'str' | 'num' | 'sigil' | 'op' | 'nl';

export interface ExTok {
  k: ExTokKind;
  v: string;
  line: number;
  start: number;
  end: number;
  /** For sigils: the letter. */
  sigil?: string;
}

export interface ExComment {
  line: number;
  text: string;
}

const OPS = ['===', '!==', '<<<', '>>>', '|>', '->', '=>', '::', '<>', '==', '!=', '<=', '>=', '&&', '||', '..', '\\\\', '++', '--', '<-', '=~', '**', '//'];
const PAIRS: Record<string, string> = { '(': ')', '[': ']', '{': '}', '<': '>', '/': '/', '|': '|', '"': '"', "'": "'" };
const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', e: '\x1b', a: '\x07', b: '\b', f: '\f', v: '\v', s: ' ', '0': '\0' };

export function tokenizeElixir(src: string): { toks: ExTok[]; comments: ExComment[] } {
  const toks: ExTok[] = [];
  const comments: ExComment[] = [];
  let i = 0;
  let line = 1;
  let depth = 0;
  const push = (k: ExTokKind, v: string, start: number, startLine: number, sigil?: string) => {
    toks.push(sigil === undefined ? { k, v, line: startLine, start, end: i } : { k, v, line: startLine, start, end: i, sigil });
  };
  const countLines = (from: number, to: number) => { for (let j = from; j < to; j++) if (src[j] === '\n') line++; };

  /** Reads a quoted body up to `close`, with escapes unless `raw`; handles `"""` heredocs. */
  const quoted = (open: string, raw: boolean): string => {
    const startLine = line;
    if (open === '"' && src.startsWith('"""', i) || open === "'" && src.startsWith("'''", i)) {
      const fence = open.repeat(3);
      const bodyStart = src.indexOf('\n', i) + 1;
      // The heredoc ends at a line whose first non-blank characters are the fence.
      const re = new RegExp(`\\n([ \\t]*)${fence.replace(/"/g, '\\"')}`, 'g');
      re.lastIndex = bodyStart - 1;
      const m = re.exec(src);
      if (!m || bodyStart === 0) throw new SyntaxFailure(startLine, 'Unterminated heredoc');
      const indent = (m[1] ?? '').length;
      const body = src.slice(bodyStart, m.index + 1).split('\n').slice(0, -1).map((l) => l.slice(Math.min(indent, l.length - l.trimStart().length))).join('\n');
      countLines(i, m.index + m[0].length);
      i = m.index + m[0].length;
      return raw ? `${body}\n` : unescape(`${body}\n`);
    }
    const close = PAIRS[open] ?? open;
    let j = i + 1;
    let out = '';
    while (j < src.length && src[j] !== close) {
      if (src[j] === '\\' && j + 1 < src.length) { out += src.slice(j, j + 2); j += 2; continue; }
      out += src[j];
      j++;
    }
    if (j >= src.length) throw new SyntaxFailure(startLine, 'Unterminated string');
    countLines(i, j);
    i = j + 1;
    return raw ? out : unescape(out);
  };

  while (i < src.length) {
    const c = src[i] as string;
    const start = i;
    const startLine = line;
    if (c === '\n') {
      line++;
      i++;
      if (depth === 0 && toks[toks.length - 1]?.k !== 'nl') push('nl', '\n', start, startLine);
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') { i++; continue; }
    if (c === '#') {
      const endAt = src.indexOf('\n', i);
      const e = endAt < 0 ? src.length : endAt;
      comments.push({ line, text: src.slice(i, e) });
      i = e;
      continue;
    }
    if (c === '"' || c === "'") {
      const v = quoted(c, false);
      if (src[i] === ':' && /\s/.test(src[i + 1] ?? '')) { i++; push('kw', v, start, startLine); } else push('str', v, start, startLine);
      continue;
    }
    if (c === '~' && /[A-Za-z]/.test(src[i + 1] ?? '')) {
      const letter = src[i + 1] as string;
      i += 2;
      const open = src[i] ?? '';
      if (!(open in PAIRS)) throw new SyntaxFailure(line, `Unsupported sigil delimiter ${JSON.stringify(open)}`);
      const v = quoted(open, true);
      while (/[a-zA-Z]/.test(src[i] ?? '')) i++; // modifiers
      push('sigil', v, start, startLine, letter);
      continue;
    }
    if (c === ':' && src[i + 1] !== ':') {
      const next = src[i + 1] ?? '';
      if (next === '"') { i++; push('atom', quoted('"', false), start, startLine); continue; }
      const m = /^(?:[A-Za-z_][A-Za-z0-9_@]*[?!]?(?:\.[A-Z][A-Za-z0-9_]*)*|[+\-*/<>=!&|]+)/.exec(src.slice(i + 1, i + 200));
      if (m) { i += 1 + m[0].length; push('atom', m[0], start, startLine); continue; }
    }
    if (c === '?' && i + 1 < src.length && !/\s/.test(src[i + 1] as string)) {
      i += src[i + 1] === '\\' ? 3 : 2;
      push('num', String(src.charCodeAt(i - 1)), start, startLine);
      continue;
    }
    const num = /^(?:0x[0-9a-fA-F_]+|0b[01_]+|0o[0-7_]+|[0-9][0-9_]*(?:\.[0-9][0-9_]*)?(?:[eE][+-]?[0-9]+)?)/.exec(src.slice(i, i + 60));
    if (num) { i += num[0].length; push('num', num[0].replace(/_/g, ''), start, startLine); continue; }
    const word = /^[a-z_][A-Za-z0-9_]*[?!]?/.exec(src.slice(i, i + 200));
    if (word) {
      i += word[0].length;
      if (src[i] === ':' && src[i + 1] !== ':') { i++; push('kw', word[0], start, startLine); } else push('id', word[0], start, startLine);
      continue;
    }
    const alias = /^[A-Z][A-Za-z0-9_]*/.exec(src.slice(i, i + 200));
    if (alias) {
      i += alias[0].length;
      if (src[i] === ':' && /\s/.test(src[i + 1] ?? '')) { i++; push('kw', alias[0], start, startLine); } else push('alias', alias[0], start, startLine);
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i)) ?? c;
    i += op.length;
    if (op === '(' || op === '[' || op === '{') depth++;
    if (op === ')' || op === ']' || op === '}') depth = Math.max(0, depth - 1);
    push('op', op, start, startLine);
  }
  return { toks, comments };
}

function unescape(s: string): string {
  return s.replace(/\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|\n|.)/g, (_, e: string) => {
    if (e[0] === 'u' && e.length > 1) return String.fromCodePoint(parseInt(e.replace(/[u{}]/g, ''), 16));
    if (e[0] === 'x' && e.length === 3) return String.fromCharCode(parseInt(e.slice(1), 16));
    if (e === '\n') return '';
    return ESCAPES[e] ?? e;
  });
}
