/** One entry point for the UI's import dialog: text in a known format → model, or every problem with its line. */
import { parseModelText } from '../model/parse';
import { err, ok } from '../result';
import { fromElixir } from './elixir';
import { importError, type ImportResult } from './errors';
import { fromSqlDdl } from './sql-ddl';
import { fromTypeScript } from './typescript';

export type ImportFormat = 'json' | 'sqlite' | 'postgres' | 'elixir' | 'typescript';

export function importModelText(text: string, format: ImportFormat): ImportResult {
  switch (format) {
    case 'json': {
      const r = parseModelText(text);
      if (r.ok) return ok({ model: r.value, suggestions: [], warnings: [] });
      const line = /\(line (\d+)/.exec(r.error.message)?.[1];
      return err(importError('JSON', [{ line: line === undefined ? 1 : Number(line), message: r.error.message }]));
    }
    case 'sqlite':
    case 'postgres':
      return fromSqlDdl(text, { dialect: format });
    case 'elixir':
      return fromElixir(text);
    case 'typescript':
      return fromTypeScript(text);
  }
}
