/**
 * A small Elixir highlighter for the code panel (there is no official CodeMirror 6 Elixir mode):
 * keywords, atoms (`:name`, `:"quoted"`, `key:`), strings and heredocs, sigils, comments, module
 * names, module attributes and numbers. Highlighting only; the core's reader does the parsing.
 */
import { StreamLanguage, type StreamParser, type StringStream } from '@codemirror/language';

const KEYWORDS = new Set([
  'defmodule', 'def', 'defp', 'defmacro', 'do', 'end', 'fn', 'use', 'require', 'import', 'alias', 'when', 'and', 'or',
  'not', 'in', 'if', 'else', 'unless', 'case', 'cond', 'with', 'for', 'quote', 'unquote', 'receive', 'after', 'rescue', 'try', 'catch',
]);
const CONSTANTS = new Set(['true', 'false', 'nil']);
const CLOSERS: Record<string, string> = { '(': ')', '[': ']', '{': '}', '<': '>' };

export interface ElixirState {
  /** Inside a `"""` heredoc started on an earlier line. */
  heredoc: boolean;
}

function readString(stream: StringStream, quote: string): void {
  let escaped = false;
  let ch: string | void;
  while ((ch = stream.next()) != null) {
    if (ch === quote && !escaped) return;
    escaped = !escaped && ch === '\\';
  }
}

export const elixirParser: StreamParser<ElixirState> = {
  name: 'elixir',
  startState: () => ({ heredoc: false }),
  token(stream, state) {
    if (state.heredoc) {
      if (stream.skipTo('"""')) { stream.pos += 3; state.heredoc = false; } else stream.skipToEnd();
      return 'string';
    }
    if (stream.eatSpace()) return null;
    if (stream.match('#')) { stream.skipToEnd(); return 'comment'; }
    if (stream.match('"""')) {
      if (stream.skipTo('"""')) stream.pos += 3; else { stream.skipToEnd(); state.heredoc = true; }
      return 'string';
    }
    if (stream.eat('"')) { readString(stream, '"'); return 'string'; }
    if (stream.eat("'")) { readString(stream, "'"); return 'string'; }
    if (stream.match(/^~[a-zA-Z]/)) {
      const open = stream.next();
      if (open) readString(stream, CLOSERS[open] ?? open);
      stream.match(/^[a-z]*/);
      return 'regexp';
    }
    if (stream.match(/^:"/)) { readString(stream, '"'); return 'atom'; }
    if (stream.match(/^:[a-zA-Z_][\w@]*[?!]?/)) return 'atom';
    if (stream.match(/^[a-z_][\w@]*[?!]?:(?!:)/)) return 'atom';
    if (stream.match(/^@[a-z_]\w*/)) return 'meta';
    if (stream.match(/^[A-Z]\w*(?:\.[A-Z]\w*)*/)) return 'typeName';
    if (stream.match(/^(?:0x[0-9a-fA-F_]+|\d[\d_]*(?:\.\d[\d_]*)?(?:[eE][+-]?\d+)?)/)) return 'number';
    if (stream.match(/^&[A-Z]/, false)) { stream.next(); return 'operator'; }
    const word = stream.match(/^[a-z_][\w]*[?!]?/) as RegExpMatchArray | null;
    if (word) {
      const w = word[0];
      if (KEYWORDS.has(w)) return 'keyword';
      if (CONSTANTS.has(w)) return 'bool';
      return 'variableName';
    }
    if (stream.match(/^(?:\|>|->|<-|=>|==|!=|<=|>=|&&|\|\||\+\+|<>|::|[=+\-*/<>|&!^])/)) return 'operator';
    stream.next();
    return null;
  },
  languageData: { commentTokens: { line: '#' } },
};

export const elixirLanguage = StreamLanguage.define(elixirParser);
