/** One entry point for the UI's export menu: every format as files to download. */
import type { Model } from '../model/types';
import { toElixir } from './elixir';
import { toMermaid } from './mermaid';
import { toSql } from './sql';
import { toTypeScript } from './typescript';

export type ExportFormat = 'typescript' | 'sqlite' | 'postgres' | 'elixir' | 'mermaid';

export const EXPORT_FORMATS: readonly { id: ExportFormat; title: string; extension: string }[] = [
  { id: 'typescript', title: 'TypeScript', extension: 'ts' },
  { id: 'sqlite', title: 'SQL (SQLite)', extension: 'sqlite.sql' },
  { id: 'postgres', title: 'SQL (PostgreSQL)', extension: 'postgres.sql' },
  { id: 'elixir', title: 'Ash resources (Elixir)', extension: 'ex' },
  { id: 'mermaid', title: 'Mermaid ER diagram', extension: 'mmd' },
];

export interface ExportedFile {
  path: string;
  content: string;
}

/** The files of one export; file names derive from the model's name (snake case). */
export function exportModel(model: Model, format: ExportFormat): ExportedFile[] {
  const base = model.name.replace(/[^A-Za-z0-9]+/g, '_').replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase() || 'model';
  switch (format) {
    case 'typescript':
      return [{ path: `${base}.ts`, content: toTypeScript(model) }];
    case 'sqlite':
      return [{ path: `${base}.sqlite.sql`, content: toSql(model, { dialect: 'sqlite' }) }];
    case 'postgres':
      return [{ path: `${base}.postgres.sql`, content: toSql(model, { dialect: 'postgres' }) }];
    case 'elixir':
      return toElixir(model).files;
    case 'mermaid':
      return [{ path: `${base}.mmd`, content: toMermaid(model) }];
  }
}
