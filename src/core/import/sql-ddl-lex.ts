/**
 * Lexer and statement splitter for SQL dumps (pg_dump, Rails `structure.sql`, mysqldump, SQLite
 * `.schema`). It knows what a dump hides a `;` in: strings (`'..'`, `E'..'`), quoted names (`".."`,
 * backticks, `[..]`), dollar quotes (`$$ .. $$`, `$body$ .. $body$`), comments (`--`, `#` in MySQL,
 * `/* .. *\/`), psql meta-commands (`\connect`), MySQL `DELIMITER` changes and trigger bodies
 * (`BEGIN .. END`). It never throws: what it cannot close ends the input with a problem.
 */
import type { ImportProblem } from './errors';

export interface SqlTok {
  k: 'id' | 'qid' | 'str' | 'num' | 'p';
  v: string;
  line: number;
}

/** One statement of the dump: its tokens, first line and raw text (for a parser that reads text). */
export interface SqlStatement {
  toks: SqlTok[];
  line: number;
  text: string;
}

export type SqlDialect = 'sqlite' | 'postgres' | 'mysql';

export interface Lexed {
  statements: SqlStatement[];
  problems: ImportProblem[];
}

const ID_START = /[A-Za-z_\u0080-\uffff]/;
const ID_PART = /[A-Za-z0-9_$\u0080-\uffff]/;

export function lexSql(src: string, dialect: SqlDialect = 'postgres'): Lexed {
  const statements: SqlStatement[] = [];
  const problems: ImportProblem[] = [];
  let toks: SqlTok[] = [];
  let stmtStart = -1;
  let line = 1;
  let i = 0;
  let delimiter = ';';
  let blockDepth = 0; // BEGIN .. END of a trigger body (SQLite, MySQL without DELIMITER)
  let atLineStart = true;

  const flush = (end: number): void => {
    if (toks.length > 0) statements.push({ toks, line: toks[0]?.line ?? line, text: src.slice(stmtStart, end) });
    // `COPY t (...) FROM stdin;` is followed by rows up to a line `\.`: data, not statements.
    if (isWordAt(toks, 0, 'copy') && toks.some((t) => t.k === 'id' && t.v.toLowerCase() === 'stdin')) {
      const stop = src.indexOf('\n\\.', end);
      const to = stop < 0 ? src.length : stop + 3;
      for (let j = end; j < to; j++) if (src.charCodeAt(j) === 10) line++;
      i = to;
    }
    toks = [];
    stmtStart = -1;
    blockDepth = 0;
  };
  const push = (t: SqlTok, at: number): void => {
    if (stmtStart < 0) stmtStart = at;
    toks.push(t);
  };
  const skipTo = (end: number): void => {
    for (let j = i; j < end; j++) if (src.charCodeAt(j) === 10) line++;
    i = end;
  };

  while (i < src.length) {
    const c = src[i] as string;
    if (c === '\n') { line++; i++; atLineStart = true; continue; }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\ufeff') { i++; continue; }
    const lineStart = atLineStart;
    atLineStart = false;
    // psql meta-command (`\connect db`, `\restrict key`) or MySQL `DELIMITER x`: a whole line.
    if (lineStart && toks.length === 0 && (c === '\\' || /^delimiter\s/i.test(src.slice(i, i + 10)))) {
      const eol = src.indexOf('\n', i);
      const text = src.slice(i, eol < 0 ? src.length : eol).trim();
      if (c !== '\\') delimiter = text.slice('delimiter'.length).trim() || ';';
      i = eol < 0 ? src.length : eol;
      continue;
    }
    if (src.startsWith('--', i) || (c === '#' && dialect === 'mysql')) {
      const eol = src.indexOf('\n', i);
      i = eol < 0 ? src.length : eol;
      continue;
    }
    if (src.startsWith('/*', i)) {
      const end = src.indexOf('*/', i + 2);
      if (end < 0) { problems.push({ line, message: 'Unterminated /* comment; the rest of the input is ignored' }); break; }
      // MySQL's `/*!40101 SET ... */` is code for MySQL only: a statement of its own, skipped.
      skipTo(end + 2);
      continue;
    }
    if (delimiter !== ';' && src.startsWith(delimiter, i)) { i += delimiter.length; flush(i - delimiter.length); continue; }
    if (c === ';' && delimiter === ';' && blockDepth === 0) { i++; flush(i - 1); continue; }
    // Dollar quote: `$$` or `$tag$` (PostgreSQL function bodies).
    const dollar = c === '$' ? /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(src.slice(i, i + 64)) : null;
    if (dollar) {
      const end = src.indexOf(dollar[0], i + dollar[0].length);
      const start = line;
      if (end < 0) { problems.push({ line, message: `Unterminated ${dollar[0]} quote; the rest of the input is ignored` }); break; }
      push({ k: 'str', v: src.slice(i + dollar[0].length, end), line: start }, i);
      skipTo(end + dollar[0].length);
      continue;
    }
    // E'..' (backslash escapes) and N'..'/X'..'/B'..' prefixes read as strings.
    const prefixed = /[EeNnXxBb]/.test(c) && src[i + 1] === "'";
    const q = prefixed ? "'" : c;
    // `[name]` quotes a name (SQLite); `[]` or `[3]` after a type is PostgreSQL's array suffix.
    const close = q === '"' ? '"' : q === '`' ? '`' : q === "'" ? "'" : c === '[' && dialect === 'sqlite' && src[i + 1] !== ']' ? ']' : undefined;
    if (close) {
      const start = line;
      const backslash = dialect === 'mysql' || (prefixed && (c === 'E' || c === 'e'));
      let v = '';
      let j = i + (prefixed ? 2 : 1);
      let closed = false;
      while (j < src.length) {
        const d = src[j] as string;
        if (backslash && d === '\\' && close === "'") { v += src[j + 1] ?? ''; j += 2; continue; }
        if (d === close) {
          if (src[j + 1] === close && close !== ']') { v += d; j += 2; continue; }
          closed = true;
          break;
        }
        if (d === '\n') line++;
        v += d;
        j++;
      }
      if (!closed) { problems.push({ line: start, message: `Unterminated ${close === "'" ? 'string' : 'quoted name'}; the rest of the input is ignored` }); toks = []; break; }
      push({ k: close === "'" ? 'str' : 'qid', v, line: start }, i);
      i = j + 1;
      continue;
    }
    const num = /^(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?/.exec(src.slice(i, i + 40));
    if (num) { push({ k: 'num', v: num[0], line }, i); i += num[0].length; continue; }
    if (ID_START.test(c)) {
      let j = i + 1;
      while (j < src.length && ID_PART.test(src[j] as string)) j++;
      const v = src.slice(i, j);
      push({ k: 'id', v, line }, i);
      i = j;
      const w = v.toLowerCase();
      if (delimiter === ';' && isTrigger(toks)) {
        if (w === 'begin') blockDepth++;
        else if (w === 'case' && blockDepth > 0) blockDepth++;
        else if (w === 'end' && blockDepth > 0) blockDepth--;
      }
      continue;
    }
    const two = src.slice(i, i + 2);
    if (two === '::' || two === '<>' || two === '!=' || two === '<=' || two === '>=' || two === '||') { push({ k: 'p', v: two, line }, i); i += 2; continue; }
    push({ k: 'p', v: c, line }, i);
    i++;
  }
  flush(src.length);
  return { statements, problems };
}

function isWordAt(toks: SqlTok[], i: number, w: string): boolean {
  const t = toks[i];
  return t !== undefined && t.k === 'id' && t.v.toLowerCase() === w;
}

/** `CREATE [TEMP] TRIGGER` (SQLite and MySQL write the body between BEGIN and END with `;` inside). */
function isTrigger(toks: SqlTok[]): boolean {
  if (!isWordAt(toks, 0, 'create')) return false;
  for (let k = 1; k < Math.min(toks.length, 6); k++) {
    if (isWordAt(toks, k, 'trigger')) return true;
    if (toks[k]?.k !== 'id') return false;
  }
  return false;
}
