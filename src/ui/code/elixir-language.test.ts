import { describe, expect, it } from 'vitest';
import { StringStream } from '@codemirror/language';
import { elixirParser, type ElixirState } from './elixir-language';

function tokens(line: string, state: ElixirState = elixirParser.startState!(2)): [string, string | null][] {
  const stream = new StringStream(line, 2, 2);
  const out: [string, string | null][] = [];
  while (!stream.eol()) {
    const style = elixirParser.token(stream, state);
    const text = stream.current();
    if (text.trim() !== '') out.push([text, style]);
    stream.start = stream.pos;
  }
  return out;
}

describe('Elixir highlighting', () => {
  it('tells keywords, module names, atoms, strings and comments apart', () => {
    expect(tokens('defmodule Twitter.Social.Tweet do # the tweet')).toEqual([
      ['defmodule', 'keyword'], ['Twitter.Social.Tweet', 'typeName'], ['do', 'keyword'], ['# the tweet', 'comment'],
    ]);
    expect(tokens('attribute :text, :string, allow_nil?: false')).toEqual([
      ['attribute', 'variableName'], [':text', 'atom'], [',', null], [':string', 'atom'], [',', null], ['allow_nil?:', 'atom'], ['false', 'bool'],
    ]);
    expect(tokens('description "a \\"quoted\\" # word"')).toEqual([['description', 'variableName'], ['"a \\"quoted\\" # word"', 'string']]);
    expect(tokens('constraints match: ~r/^[a-z]+$/')[2]).toEqual(['~r/^[a-z]+$/', 'regexp']);
  });

  it('carries a heredoc across lines', () => {
    const state = elixirParser.startState!(2);
    expect(tokens('@moduledoc """', state)).toEqual([['@moduledoc', 'meta'], ['"""', 'string']]);
    expect(state.heredoc).toBe(true);
    expect(tokens('still "text" # not a comment', state)).toEqual([['still "text" # not a comment', 'string']]);
    expect(tokens('"""', state)).toEqual([['"""', 'string']]);
    expect(state.heredoc).toBe(false);
  });
});
