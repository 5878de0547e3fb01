import type { Span } from '../result';

/**
 * Tokens of the expression language (spec §3). The lexer never fails: characters it cannot read
 * become `error` tokens, so the parser reports them only if it reaches them — the spec wants the span
 * of the *first* token that cannot be parsed, and an earlier syntax error must win over a later bad character.
 */
export type Token =
  | { kind: 'number'; value: number; span: Span }
  | { kind: 'string'; value: string; span: Span }
  | { kind: 'atom'; value: string; span: Span }
  /** Identifiers and keywords (`and`, `nil`, ...): the parser decides by context. */
  | { kind: 'ident'; text: string; span: Span }
  | { kind: 'punct'; text: string; span: Span }
  | { kind: 'error'; message: string; span: Span }
  | { kind: 'eof'; span: Span };

/**
 * Longest first. Elixir operators we do not support (`===`, `>>`, `|>`, ...) are still read whole so that
 * `priority >> 2` reports `unexpected ">>"` rather than a confusing error on the second `>`.
 */
const PUNCT = [
  '===', '!==',
  '==', '!=', '<=', '>=', '<>', '&&', '||', '>>', '<<', '=~', '|>', '++', '**',
  '<', '>', '+', '-', '*', '/', '!', '^', '(', ')', '[', ']', ',', '.', '=', '|', '&',
];

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const isIdentStart = (c: string | undefined): boolean =>
  c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_');
const isIdentChar = (c: string | undefined): boolean => isIdentStart(c) || isDigit(c);

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = source.length;
  while (i < n) {
    const c = source[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v') {
      i++;
      continue;
    }
    const start = i;
    if (isDigit(c)) {
      i = readNumber(source, i, tokens);
    } else if (isIdentStart(c)) {
      i = readIdentEnd(source, i);
      tokens.push({ kind: 'ident', text: source.slice(start, i), span: { start, end: i } });
    } else if (c === '"') {
      const r = readString(source, i + 1);
      i = r.end;
      tokens.push(r.error ? { kind: 'error', message: r.error.message, span: r.error.span } : { kind: 'string', value: r.value, span: { start, end: i } });
    } else if (c === ':' && isIdentStart(source[i + 1])) {
      i = readIdentEnd(source, i + 1);
      tokens.push({ kind: 'atom', value: source.slice(start + 1, i), span: { start, end: i } });
    } else if (c === ':' && source[i + 1] === '"') {
      const r = readString(source, i + 2);
      i = r.end;
      tokens.push(r.error ? { kind: 'error', message: r.error.message, span: r.error.span } : { kind: 'atom', value: r.value, span: { start, end: i } });
    } else {
      const p = PUNCT.find((op) => source.startsWith(op, i));
      if (p !== undefined) {
        i += p.length;
        tokens.push({ kind: 'punct', text: p, span: { start, end: i } });
      } else {
        // One character, not one UTF-16 unit: never split a surrogate pair in the message.
        const ch = String.fromCodePoint(source.codePointAt(i) ?? 0);
        i += ch.length;
        tokens.push({ kind: 'error', message: `unexpected ${JSON.stringify(ch)}`, span: { start, end: i } });
      }
    }
  }
  tokens.push({ kind: 'eof', span: { start: n, end: n } });
  return tokens;
}

/** `[A-Za-z_][A-Za-z0-9_]*[?!]?`, where a trailing `!` followed by `=` belongs to `!=` (so `a!=b` works). */
function readIdentEnd(source: string, i: number): number {
  while (isIdentChar(source[i])) i++;
  const last = source[i];
  if (last === '?' || (last === '!' && source[i + 1] !== '=')) i++;
  return i;
}

/** Digits with Elixir's `_` separators between digits (`1_000`); optional fraction and exponent. */
function readDigits(source: string, i: number): number {
  while (isDigit(source[i]) || (source[i] === '_' && isDigit(source[i + 1]) && isDigit(source[i - 1]))) i++;
  return i;
}

function readNumber(source: string, start: number, tokens: Token[]): number {
  let i = readDigits(source, start);
  if (source[i] === '.' && isDigit(source[i + 1])) i = readDigits(source, i + 1);
  // Elixir needs `1.0e10`; we also accept `1e10` because the printer may emit `1e+21` for large numbers.
  const e = source[i];
  if (e === 'e' || e === 'E') {
    const sign = source[i + 1] === '+' || source[i + 1] === '-' ? 1 : 0;
    if (isDigit(source[i + 1 + sign])) i = readDigits(source, i + 1 + sign);
  }
  const value = Number(source.slice(start, i).replaceAll('_', ''));
  // NaN and infinities are not values (docs/limits.md): `1e999` is an error, as in JSON.
  if (!Number.isFinite(value)) tokens.push({ kind: 'error', message: 'number out of range (beyond ±1.8e308)', span: { start, end: i } });
  else tokens.push({ kind: 'number', value, span: { start, end: i } });
  return i;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '"': '"', '\\': '\\', n: '\n', t: '\t', r: '\r', '#': '#', '0': '\0', s: ' ', e: '\x1b', f: '\f', v: '\v', a: '\x07', b: '\b',
};

interface StringRead {
  value: string;
  end: number;
  error?: { message: string; span: Span };
}

/** Reads after the opening quote up to and including the closing one. */
function readString(source: string, from: number): StringRead {
  let value = '';
  let i = from;
  const n = source.length;
  while (i < n) {
    const c = source[i] as string;
    if (c === '"') return { value, end: i + 1 };
    if (c !== '\\') {
      value += c;
      i++;
      continue;
    }
    const esc = source[i + 1];
    if (esc === undefined) break;
    const simple = SIMPLE_ESCAPES[esc];
    if (simple !== undefined) {
      value += simple;
      i += 2;
      continue;
    }
    if (esc === 'u') {
      const u = readUnicodeEscape(source, i);
      if (u.error) return { value, end: u.end, error: { message: u.error, span: { start: i, end: u.end } } };
      value += u.text;
      i = u.end;
      continue;
    }
    const bad = String.fromCodePoint(source.codePointAt(i + 1) ?? 0);
    return { value, end: i + 1 + bad.length, error: { message: `unknown escape "\\${bad}" in string`, span: { start: i, end: i + 1 + bad.length } } };
  }
  // The input ends inside the string: that is "ends too early", so the span is the end of the input.
  return { value, end: n, error: { message: `unterminated string starting at ${from - 1}`, span: { start: n, end: n } } };
}

/** `\u{1F600}` (1–6 hex digits) or `\u00E9` (exactly 4); `i` is at the backslash. */
function readUnicodeEscape(source: string, i: number): { text: string; end: number; error?: string } {
  const braced = source[i + 2] === '{';
  const m = braced ? /^[0-9A-Fa-f]{1,6}\}/.exec(source.slice(i + 3, i + 10)) : /^[0-9A-Fa-f]{4}/.exec(source.slice(i + 2, i + 6));
  if (m === null) return { text: '', end: i + 2, error: 'invalid unicode escape: use \\u{1F600} or \\u00E9' };
  const end = i + (braced ? 3 : 2) + m[0].length;
  const cp = parseInt(braced ? m[0].slice(0, -1) : m[0], 16);
  if (cp > 0x10ffff) return { text: '', end, error: 'unicode escape beyond U+10FFFF' };
  return { text: String.fromCodePoint(cp), end };
}
