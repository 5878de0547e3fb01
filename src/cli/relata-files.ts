/**
 * What the relata CLI reads: the files behind the paths given (a folder is walked for the format's
 * extensions, skipping build and dependency folders), in a stable order, with paths as given.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { SourceFile } from '../core/import/errors';

export type CliImportFormat = 'ash' | 'sql' | 'ts' | 'json';

export const EXTENSIONS: Record<CliImportFormat, readonly string[]> = {
  ash: ['.ex', '.exs'],
  sql: ['.sql'],
  ts: ['.ts'],
  json: ['.json'],
};

const SKIP_DIRS = new Set(['node_modules', '_build', 'deps', '.git', '.elixir_ls', 'cover']);

export type ReadResult = { ok: true; files: SourceFile[] } | { ok: false; message: string };

/** Every file under `paths` for `format`; a path that does not exist is an error. */
export function readSourceFiles(paths: readonly string[], format: CliImportFormat, cwd = process.cwd()): ReadResult {
  const found: string[] = [];
  for (const p of paths) {
    const abs = resolve(cwd, p);
    let st;
    try {
      st = statSync(abs);
    } catch {
      return { ok: false, message: `${p}: no such file or folder` };
    }
    if (st.isDirectory()) walk(abs, format, found);
    else found.push(abs);
  }
  const unique = [...new Set(found)];
  if (unique.length === 0) {
    return { ok: false, message: `no ${EXTENSIONS[format].join('/')} files in ${paths.join(', ')}` };
  }
  // Paths as the user sees them: relative to the working folder when inside it.
  const shown = (abs: string): string => {
    const rel = relative(cwd, abs);
    return rel === '' || rel.startsWith('..') ? abs : rel;
  };
  return { ok: true, files: unique.map((abs) => ({ path: shown(abs), text: readFileSync(abs, 'utf8') })) };
}

function walk(dir: string, format: CliImportFormat, out: string[]): void {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const full = join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name) && !e.name.startsWith('.')) walk(full, format, out);
    } else if (EXTENSIONS[format].some((ext) => e.name.endsWith(ext))) {
      out.push(full);
    }
  }
}
