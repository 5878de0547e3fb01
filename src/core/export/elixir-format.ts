/** Elixir literal printing shared by the Ash exporter (atoms, strings, regex sigils, sorts, paths). */
import { snake } from '../model/snake';
import type { AttributeType, JsonValue, Sort } from '../model/types';

const PLAIN_ATOM = /^[a-z_][A-Za-z0-9_@]*[?!]?$/;

export function atom(name: string): string {
  return PLAIN_ATOM.test(name) ? `:${name}` : `:${str(name)}`;
}

/** A keyword-list key (`name:`), quoted when the name is not a plain atom. */
export function kwKey(name: string): string {
  return PLAIN_ATOM.test(name) ? `${name}:` : `${str(name)}:`;
}

export function str(s: string): string {
  let out = '"';
  for (const ch of s) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (ch === '#') out += '\\#'; // no `#{...}` interpolation
    else if (code < 0x20 || code === 0x7f) out += `\\u{${code.toString(16)}}`;
    else out += ch;
  }
  return `${out}"`;
}

/** A JSON value as an Elixir term; strings of `atom` attributes become atoms. */
export function term(v: JsonValue, type?: AttributeType): string {
  if (v === null) return 'nil';
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'number') return type === 'float' && Number.isInteger(v) ? v.toFixed(1) : String(v);
  if (typeof v === 'string') return type === 'atom' ? atom(v) : str(v);
  if (Array.isArray(v)) return `[${v.map((x) => term(x, type === 'atom' ? 'atom' : undefined)).join(', ')}]`;
  return `%{${Object.entries(v).map(([k, x]) => `${str(k)} => ${term(x)}`).join(', ')}}`;
}

const SIGIL_DELIMITERS: [string, string][] = [['/', '/'], ['|', '|'], ['"', '"'], ["'", "'"], ['(', ')'], ['[', ']'], ['{', '}'], ['<', '>']];

/** `~r/.../` with a delimiter the pattern does not contain, so the pattern is written verbatim. */
export function regex(pattern: string): string {
  for (const [open, close] of SIGIL_DELIMITERS) {
    if (!pattern.includes(open) && !pattern.includes(close)) return `~r${open}${pattern}${close}`;
  }
  return `~r/${pattern.replace(/\//g, '\\/')}/`;
}

export function sortTerm(sort: Sort): string {
  if (sort.every((s) => s.order !== undefined)) {
    return `[${sort.map((s) => `${kwKey(s.field)} :${s.order as string}`).join(', ')}]`;
  }
  return `[${sort.map((s) => (s.order === undefined ? atom(s.field) : `{${atom(s.field)}, :${s.order}}`)).join(', ')}]`;
}

/** `Helpdesk.Support.Ticket` → `lib/helpdesk/support/ticket.ex`. */
export function modulePath(module: string): string {
  return `lib/${module.split('.').map((s) => snake(s)).join('/')}.ex`;
}

/** A valid Elixir alias segment from any name (`tickets_above_threshold` → `TicketsAboveThreshold`). */
export function aliasSegment(name: string): string {
  const s = name.split(/[^A-Za-z0-9]+/).filter((p) => p !== '').map((p) => p[0]?.toUpperCase() + p.slice(1)).join('');
  return /^[A-Z]/.test(s) ? s : `M${s}`;
}
