/**
 * `npm run relata -- <command>`: Relata's importers and exporters from the command line, on the same
 * core as the app (README.md, "Command line").
 *
 *   relata import PATH... --format ash|sql|ts|json [--dialect postgres|sqlite] [--out model.json]
 *   relata export model.json --format json|ts|sql-postgres|sql-sqlite|ash|mermaid [--out DIR] [--force]
 *   relata --help
 *
 * Exit codes: 0 done (warnings allowed), 1 the input could not be turned into a model or files,
 * 2 a usage mistake.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { exportModel, type ExportFormat } from '../core/export/index';
import type { ImportProblem, ImportResult } from '../core/import/errors';
import { importFiles, type ImportFormat } from '../core/import/index';
import { parseModelText } from '../core/model/parse';
import type { Model } from '../core/model/types';
import { validateModel } from '../core/validate/validate';
import { readSourceFiles, type CliImportFormat } from './relata-files';
import { loadElixirParserNode } from '../node/elixir-parser';
import { PREVIEW_HELP, runPreview } from './relata-preview';
import { runServe, SERVE_HELP } from './relata-serve';

export const HELP = `relata: import and export Relata models

Usage:
  relata import PATH... --format ash|sql|ts|json [--dialect postgres|sqlite] [--out model.json]
      Reads files or folders (folders are walked for .ex/.exs, .sql, .ts or .json files) into one
      model. Prints a summary (resources, relationships, warnings with file:line) on stderr; writes
      the model to --out, or to stdout without --out. Exit 0 when a model was produced, even with
      warnings; 1 with the problems otherwise.
  relata export MODEL.json --format json|ts|sql-postgres|sql-sqlite|ash|mermaid [--out DIR] [--force]
      Writes the export's files into DIR (default: the current folder) and lists them. A model with
      validation errors is not exported unless --force is given; warnings are printed.
${PREVIEW_HELP}${SERVE_HELP}  relata --help
      This text.
`;

export interface CliIo {
  cwd: string;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

const IMPORT_FORMATS: readonly CliImportFormat[] = ['ash', 'sql', 'ts', 'json'];
const EXPORT_FORMATS: Record<string, ExportFormat | 'json'> = {
  json: 'json', ts: 'typescript', 'sql-postgres': 'postgres', 'sql-sqlite': 'sqlite', ash: 'elixir', mermaid: 'mermaid',
};

/** One-time preparation an importer needs before its first call: the Ash importer's tree-sitter parser. */
const PREPARE: Partial<Record<CliImportFormat, () => Promise<void>>> = { ash: loadElixirParserNode };

/** Runs the one-time preparation of `format`'s importer (also used by test/corpus-export.test.ts). */
export async function prepareImport(format: CliImportFormat): Promise<void> {
  await PREPARE[format]?.();
}

interface Args {
  positional: string[];
  options: Map<string, string | true>;
}

function parseArgs(argv: readonly string[]): Args | string {
  const positional: string[] = [];
  const options = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--help' || a === '-h' || a === '--force' || a === '--allow-writes') options.set(a.replace(/^-+/, ''), true);
    else if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      if (eq > 0) options.set(a.slice(2, eq), a.slice(eq + 1));
      else {
        const v = argv[i + 1];
        if (v === undefined || v.startsWith('--')) return `option ${a} needs a value`;
        options.set(a.slice(2), v);
        i++;
      }
    } else positional.push(a);
  }
  return { positional, options };
}

/** Runs the CLI; returns the exit code. Never throws on bad input. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === 'string') return usage(io, args);
  const [command, ...rest] = args.positional;
  if (args.options.has('help') || args.options.has('h') || command === 'help') {
    io.stdout(HELP);
    return 0;
  }
  if (command === 'import') return runImport(rest, args.options, io);
  if (command === 'export') return runExport(rest, args.options, io);
  if (command === 'preview') return runPreview(rest, args.options, io, (m) => usage(io, m));
  if (command === 'serve') return runServe(args.options, io, (m) => usage(io, m));
  return usage(io, command === undefined ? 'no command given' : `unknown command ${command}`);
}

function usage(io: CliIo, message: string): number {
  io.stderr(`relata: ${message}\n\n${HELP}`);
  return 2;
}

const where = (p: ImportProblem): string => `${p.file ?? '<input>'}:${p.line}`;

async function runImport(paths: string[], options: Map<string, string | true>, io: CliIo): Promise<number> {
  const format = options.get('format');
  if (typeof format !== 'string' || !(IMPORT_FORMATS as readonly string[]).includes(format)) {
    return usage(io, `import needs --format ${IMPORT_FORMATS.join('|')}`);
  }
  if (paths.length === 0) return usage(io, 'import needs at least one file or folder');
  const dialect = options.get('dialect') ?? 'postgres';
  if (dialect !== 'postgres' && dialect !== 'sqlite') return usage(io, '--dialect is postgres or sqlite');
  const cliFormat = format as CliImportFormat;
  const read = readSourceFiles(paths, cliFormat, io.cwd);
  if (!read.ok) {
    io.stderr(`relata import: ${read.message}\n`);
    return 1;
  }
  const importFormat: ImportFormat = cliFormat === 'ash' ? 'elixir' : cliFormat === 'sql' ? dialect : cliFormat === 'ts' ? 'typescript' : 'json';
  let result: ImportResult;
  try {
    await prepareImport(cliFormat);
    // `await` so an importer that becomes asynchronous slots in unchanged.
    result = await importFiles(read.files, importFormat);
  } catch (e) {
    io.stderr(`relata import: the ${format} importer failed: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
  if (!result.ok) {
    io.stderr(`relata import: no model from ${read.files.length} file(s): ${result.error.message}\n`);
    for (const p of result.error.problems) io.stderr(`  ${where(p)}: ${p.message}\n`);
    return 1;
  }
  const { model, warnings } = result.value;
  const text = `${JSON.stringify(model, null, 2)}\n`;
  const out = options.get('out');
  if (typeof out === 'string') {
    const target = resolve(io.cwd, out);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text);
  } else {
    io.stdout(text);
  }
  io.stderr(`${summary(model, read.files.length, format)}${typeof out === 'string' ? ` → ${out}` : ''}\n`);
  if (warnings.length > 0) {
    io.stderr(`${warnings.length} warning(s):\n`);
    for (const w of warnings) io.stderr(`  ${where(w)}: ${w.message}\n`);
  }
  return 0;
}

export function summary(model: Model, files: number, format: string): string {
  const resources = model.resources.length;
  const relationships = model.resources.reduce((n, r) => n + (r.relationships?.length ?? 0), 0);
  const external = model.resources.filter((r) => r.external).length;
  return `Imported ${resources} resource(s)${external > 0 ? ` (${external} external)` : ''} and ${relationships} relationship(s) from ${files} ${format} file(s)`;
}

async function runExport(paths: string[], options: Map<string, string | true>, io: CliIo): Promise<number> {
  const formatName = options.get('format');
  const format = typeof formatName === 'string' ? EXPORT_FORMATS[formatName] : undefined;
  if (format === undefined) return usage(io, `export needs --format ${Object.keys(EXPORT_FORMATS).join('|')}`);
  if (paths.length !== 1) return usage(io, 'export takes exactly one model file');
  const file = paths[0] as string;
  let text: string;
  try {
    text = readFileSync(resolve(io.cwd, file), 'utf8');
  } catch {
    io.stderr(`relata export: ${file}: no such file\n`);
    return 1;
  }
  const parsed = parseModelText(text);
  if (!parsed.ok) {
    io.stderr(`relata export: ${file} is not a relata/model@1 model: ${parsed.error.message}\n`);
    return 1;
  }
  const model = parsed.value;
  const diagnostics = validateModel(model);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  for (const d of diagnostics) io.stderr(`  ${d.severity} ${d.code}${d.resource ? ` (${d.resource})` : ''}: ${d.message}\n`);
  if (errors.length > 0 && !options.has('force')) {
    io.stderr(`relata export: ${file} has ${errors.length} validation error(s); fix them or pass --force\n`);
    return 1;
  }
  const files = format === 'json'
    ? [{ path: `${baseName(model)}.json`, content: `${JSON.stringify(model, null, 2)}\n` }]
    : exportModel(model, format);
  const outValue = options.get('out');
  const dir = resolve(io.cwd, typeof outValue === 'string' ? outValue : '.');
  for (const f of files) {
    const target = join(dir, f.path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, f.content);
    io.stdout(`${join(typeof outValue === 'string' ? outValue : '.', f.path)}\n`);
  }
  io.stderr(`Exported ${model.resources.length} resource(s) as ${formatName as string}: ${files.length} file(s)\n`);
  return 0;
}

const baseName = (model: Model): string =>
  model.name.replace(/[^A-Za-z0-9]+/g, '_').replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase() || 'model';

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const code = await runCli(process.argv.slice(2), {
    cwd: process.cwd(),
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
  });
  process.exitCode = code;
}
