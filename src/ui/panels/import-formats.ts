/** Pure helpers of the import dialog: the formats, guessing one from a file, applying chosen suggestions. */
import { fromSqlDdl, importModelText, sqlDialectOf } from '../../core/index';
import type { ImportFormat, ImportResult, ImportSuggestion, Model, Relationship } from '../../core/index';

export const IMPORT_FORMATS: readonly { id: ImportFormat; title: string; paste: string; accept: string; placeholder: string }[] = [
  { id: 'json', title: 'JSON', paste: 'Paste JSON', accept: '.json,application/json', placeholder: '{ "format": "relata/model@1", "name": "…", "resources": [] }' },
  { id: 'sqlite', title: 'SQL DDL (SQLite)', paste: 'Paste SQL DDL', accept: '.sql,text/plain', placeholder: 'CREATE TABLE authors (\n  id INTEGER PRIMARY KEY,\n  name TEXT NOT NULL\n);' },
  { id: 'postgres', title: 'SQL DDL (PostgreSQL)', paste: 'Paste SQL DDL', accept: '.sql,text/plain', placeholder: 'CREATE TABLE authors (\n  id uuid PRIMARY KEY,\n  name text NOT NULL\n);' },
  { id: 'mysql', title: 'SQL DDL (MySQL)', paste: 'Paste SQL DDL', accept: '.sql,text/plain', placeholder: 'CREATE TABLE `authors` (\n  `id` int unsigned NOT NULL AUTO_INCREMENT,\n  `name` varchar(80) NOT NULL,\n  PRIMARY KEY (`id`)\n) ENGINE=InnoDB;' },
  { id: 'elixir', title: 'Ash resources (Elixir)', paste: 'Paste Ash resource modules', accept: '.ex,.exs,text/plain', placeholder: 'defmodule MyApp.Author do\n  use Ash.Resource, domain: MyApp\n  …\nend' },
  { id: 'typescript', title: 'TypeScript', paste: 'Paste TypeScript', accept: '.ts,.mts,text/plain', placeholder: 'export const model = defineModel({ … });' },
];

/** The format a file most likely is, from its name (and, for SQL, a hint of PostgreSQL-only types). */
export function formatForFile(fileName: string, text: string, current?: ImportFormat): ImportFormat {
  const name = fileName.toLowerCase();
  if (name.endsWith('.json')) return 'json';
  if (name.endsWith('.ex') || name.endsWith('.exs')) return 'elixir';
  if (name.endsWith('.ts') || name.endsWith('.mts')) return 'typescript';
  if (name.endsWith('.sql')) {
    if (current === 'sqlite' || current === 'postgres' || current === 'mysql') return current;
    return sqlDialectOf(text, name);
  }
  if (/^\s*[{[]/.test(text)) return 'json';
  if (/\bdefmodule\b/.test(text)) return 'elixir';
  if (/\bcreate\s+table\b/i.test(text)) return current === 'postgres' ? 'postgres' : 'sqlite';
  return current ?? 'json';
}

/** Reads the text; SQL has no model name of its own, so it keeps the current one. */
export function readModelText(text: string, format: ImportFormat, currentName: string): ImportResult {
  if (format === 'sqlite' || format === 'postgres' || format === 'mysql') return fromSqlDdl(text, { dialect: format, name: currentName });
  return importModelText(text, format);
}

export function suggestionLabel(s: ImportSuggestion): string {
  const r = s.relationship;
  return `Add ${r.kind} :${r.name} to ${s.resource} (→ ${r.destination})`;
}

/** The model with the chosen suggestions added; one whose name is already taken on its resource is skipped. */
export function applySuggestions(model: Model, suggestions: readonly ImportSuggestion[]): { model: Model; skipped: ImportSuggestion[] } {
  const skipped: ImportSuggestion[] = [];
  const added = new Map<string, Relationship[]>();
  for (const s of suggestions) {
    const target = model.resources.find((r) => r.name === s.resource);
    const rels = added.get(s.resource) ?? [...(target?.relationships ?? [])];
    if (!target || rels.some((x) => x.name === s.relationship.name)) {
      skipped.push(s);
      continue;
    }
    rels.push(s.relationship);
    added.set(s.resource, rels);
  }
  if (added.size === 0) return { model, skipped };
  const resources = model.resources.map((r) => {
    const rels = added.get(r.name);
    return rels ? { ...r, relationships: rels } : r;
  });
  return { model: { ...model, resources }, skipped };
}
