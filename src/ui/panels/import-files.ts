/**
 * Pure helpers of the multi-file import: which files of a folder or `.zip` a format reads, unzipping
 * in the browser (fflate), and the summary shown before applying.
 */
import { strFromU8, unzipSync } from 'fflate';
import type { ImportFormat, ImportOutcome, ImportProblem, SourceFile } from '../../core/index';

/** The file name endings each format reads; everything else in a folder or zip is skipped. */
function extensionsOf(format: ImportFormat): readonly string[] {
  switch (format) {
    case 'json':
      return ['.json'];
    case 'elixir':
      return ['.ex', '.exs'];
    case 'typescript':
      return ['.ts', '.mts'];
    default:
      return ['.sql']; // every SQL dialect
  }
}

/** SQL has no model name of its own: an import keeps the current one. */
export function isSqlFormat(format: ImportFormat): boolean {
  return extensionsOf(format).includes('.sql');
}

/** Folders of build output and dependencies: never part of the project being imported. */
const SKIPPED_DIRS = new Set(['_build', 'deps', 'node_modules', '.git', '.elixir_ls', 'cover', 'dist', 'priv/static']);

export function isRelevant(path: string, format: ImportFormat): boolean {
  const norm = path.replace(/\\/g, '/');
  const parts = norm.split('/');
  if (parts.slice(0, -1).some((p) => SKIPPED_DIRS.has(p) || (p.startsWith('.') && p !== '.' && p !== '..'))) return false;
  const name = (parts[parts.length - 1] ?? '').toLowerCase();
  if (name.startsWith('.')) return false;
  if (format === 'typescript' && (name.endsWith('.d.ts') || /\.(test|spec)\.m?ts$/.test(name))) return false;
  return extensionsOf(format).some((ext) => name.endsWith(ext));
}

/** The format most of `paths` are in (Ash for .ex/.exs, SQL for .sql, ...), or `current` when unclear. */
export function formatForFiles(paths: readonly string[], current: ImportFormat): ImportFormat {
  const counts = new Map<ImportFormat, number>();
  for (const f of ['elixir', 'sqlite', 'typescript', 'json'] as const) {
    counts.set(f, paths.filter((p) => isRelevant(p, f)).length);
  }
  if ((counts.get(isSqlFormat(current) ? 'sqlite' : current) ?? 0) > 0) return current;
  let best: ImportFormat = current;
  let max = 0;
  for (const [f, n] of counts) {
    if (n > max) {
      best = f;
      max = n;
    }
  }
  return best;
}

export type ZipResult = { ok: true; files: SourceFile[] } | { ok: false; message: string };

/** Every file of a `.zip` as text (paths as stored in the archive); a broken archive is an error value. */
export function unzipSources(bytes: Uint8Array): ZipResult {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes);
  } catch (e) {
    return { ok: false, message: `not a readable .zip archive (${e instanceof Error ? e.message : String(e)})` };
  }
  const files: SourceFile[] = [];
  for (const [path, data] of Object.entries(entries)) {
    if (path.endsWith('/')) continue; // a directory entry
    if (path.startsWith('__MACOSX/')) continue;
    files.push({ path, text: strFromU8(data) });
  }
  return { ok: true, files };
}

export function isZip(name: string): boolean {
  return name.toLowerCase().endsWith('.zip');
}

/** The files a format reads, in path order (so a project imports the same way however it was chosen). */
export function relevantFiles(files: readonly SourceFile[], format: ImportFormat): SourceFile[] {
  return files.filter((f) => isRelevant(f.path, format)).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** `file:line` of a problem (just `Line n` when it names no file). */
export function problemPlace(p: ImportProblem): string {
  return p.file ? `${p.file}:${p.line}` : `Line ${p.line}`;
}

export interface ImportSummary {
  resources: number;
  relationships: number;
  /** Placeholder resources standing for destinations outside the imported files. */
  external: string[];
  calculations: number;
  identities: number;
  preserved: number;
}

export function summarize(outcome: ImportOutcome): ImportSummary {
  const rs = outcome.model.resources;
  return {
    resources: rs.filter((r) => !r.external).length,
    relationships: rs.reduce((n, r) => n + (r.relationships?.length ?? 0), 0),
    external: rs.filter((r) => r.external).map((r) => r.name),
    calculations: rs.reduce((n, r) => n + (r.calculations?.length ?? 0), 0),
    identities: rs.reduce((n, r) => n + (r.identities?.length ?? 0), 0),
    preserved: rs.reduce((n, r) => n + (r.preserved?.length ?? 0), 0),
  };
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
