/** One entry point for the UI's import dialog: text in a known format → model, or every problem with its line. */
import { parseModelText } from '../model/parse';
import { err, ok } from '../result';
import { fromElixir, fromElixirFiles } from './elixir';
import { importError, type ImportProblem, type ImportResult, type SourceFile } from './errors';
import { fromSqlDdl, fromSqlFiles } from './sql-ddl';
import { fromTypeScript } from './typescript';

export type ImportFormat = 'json' | 'sqlite' | 'postgres' | 'mysql' | 'elixir' | 'typescript';

/** Import budget (docs/limits.md): larger inputs are refused before any importer reads them. */
export const IMPORT_MAX_CHARS = 20 * 1024 * 1024;

/** Never throws: an importer's failure on hostile input (a stack overflow, a bug) is a problem too. */
export function importModelText(text: string, format: ImportFormat): ImportResult {
  const given: unknown = text;
  if (typeof given !== 'string') return err(importError('input', [{ line: 1, message: 'The input is not text' }]));
  if (text.length > IMPORT_MAX_CHARS) {
    return err(importError('input', [{ line: 1, message: `The input is larger than ${IMPORT_MAX_CHARS / 1024 / 1024} MB (too_large); split it or trim it` }]));
  }
  try {
    return importUnguarded(text, format);
  } catch (e) {
    const message = e instanceof RangeError
      ? 'The input nests too deeply to read (too_deep)'
      : `The importer failed on this input: ${e instanceof Error ? e.message : String(e)}`;
    return err(importError(String(format), [{ line: 1, message }]));
  }
}

function importUnguarded(text: string, format: ImportFormat): ImportResult {
  switch (format) {
    case 'json': {
      const r = parseModelText(text);
      if (r.ok) return ok({ model: r.value, suggestions: [], warnings: [] });
      const line = /\(line (\d+)/.exec(r.error.message)?.[1];
      return err(importError('JSON', [{ line: line === undefined ? 1 : Number(line), message: r.error.message }]));
    }
    case 'sqlite':
    case 'postgres':
    case 'mysql':
      return fromSqlDdl(text, { dialect: format });
    case 'elixir':
      return fromElixir(text);
    case 'typescript':
      return fromTypeScript(text);
    default:
      return err(importError('input', [{ line: 1, message: `Unknown import format ${JSON.stringify(String(format))}` }]));
  }
}

/**
 * Several files imported as one model (an Ash app's resources and domains, a dump split in files).
 * Every warning and problem names its file. The per-format importers own how files combine; until one
 * does, the files are joined in order and lines mapped back to their file.
 */
export function importFiles(files: readonly SourceFile[], format: ImportFormat): ImportResult {
  try {
    const list: unknown = files;
    if (!Array.isArray(list) || !list.every((f: unknown) => f !== null && typeof f === 'object' && typeof (f as SourceFile).text === 'string' && typeof (f as SourceFile).path === 'string')) {
      return err(importError('input', [{ line: 1, message: 'Expected a list of files, each with a path and a text' }]));
    }
    return importFilesUnguarded(files, format);
  } catch (e) {
    return err(importError('input', [{ line: 1, message: `The files cannot be read: ${e instanceof Error ? e.message : String(e)}` }]));
  }
}

function importFilesUnguarded(files: readonly SourceFile[], format: ImportFormat): ImportResult {
  if (format === 'elixir') return fromElixirFiles(files);
  const only = files.length === 1 ? files[0] : undefined;
  if (only) return tagFile(importModelText(only.text, format), only.path);
  if (format === 'sqlite' || format === 'postgres' || format === 'mysql') return fromSqlFiles(files, { dialect: format });
  const starts: number[] = [];
  let line = 1;
  const parts: string[] = [];
  for (const f of files) {
    starts.push(line);
    const text = f.text.endsWith('\n') ? f.text : `${f.text}\n`;
    parts.push(text);
    line += text.split('\n').length - 1;
  }
  const where = (p: ImportProblem): ImportProblem => {
    let i = starts.length - 1;
    while (i > 0 && (starts[i] ?? 0) > p.line) i--;
    return { ...p, file: files[i]?.path, line: p.line - (starts[i] ?? 1) + 1 };
  };
  const r = importModelText(parts.join(''), format);
  if (r.ok) return { ok: true, value: { ...r.value, warnings: r.value.warnings.map(where) } };
  return { ok: false, error: { ...r.error, problems: r.error.problems.map(where) } };
}

function tagFile(r: ImportResult, path: string): ImportResult {
  const tag = (p: ImportProblem): ImportProblem => ({ ...p, file: p.file ?? path });
  if (r.ok) return { ok: true, value: { ...r.value, warnings: r.value.warnings.map(tag) } };
  return { ok: false, error: { ...r.error, problems: r.error.problems.map(tag) } };
}
