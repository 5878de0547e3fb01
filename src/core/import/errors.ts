/**
 * What the importers return: a whole model or a list of every problem with its 1-based line, never a
 * half-imported model (the caller keeps the current document untouched on failure).
 */
import type { Model, Relationship } from '../model/types';
import type { Result } from '../result';

export interface ImportProblem {
  line: number;
  message: string;
  /** The file the line is in, when several files were imported together. */
  file?: string;
}

/** One input file of a multi-file import (a pasted text is one file too). */
export interface SourceFile {
  /** As the user gave it (relative path inside a folder or zip, or a file name). */
  path: string;
  text: string;
}

export interface ImportError {
  code: 'invalid_import';
  message: string;
  problems: ImportProblem[];
}

/** A relationship the importer can add on request (e.g. the has_many inverse of an imported belongs_to). */
export interface ImportSuggestion {
  resource: string;
  relationship: Relationship;
  reason: string;
}

export interface ImportOutcome {
  model: Model;
  suggestions: ImportSuggestion[];
  /** Read but not carried (an option with no model equivalent), with its line. */
  warnings: ImportProblem[];
}

export type ImportResult = Result<ImportOutcome, ImportError>;

export function importError(what: string, problems: ImportProblem[]): ImportError {
  const sorted = [...problems].sort((a, b) => a.line - b.line);
  const first = sorted[0];
  const summary = first ? `line ${first.line}: ${first.message}` : 'nothing to import';
  const more = sorted.length > 1 ? ` (and ${sorted.length - 1} more)` : '';
  return { code: 'invalid_import', message: `The ${what} could not be imported: ${summary}${more}`, problems: sorted };
}

/** Thrown by the hand parsers to stop at a syntax error; turned into an `ImportProblem`. */
export class SyntaxFailure extends Error {
  readonly line: number;
  constructor(line: number, message: string) {
    super(message);
    this.line = line;
  }
}

/** 1-based line of a character offset. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
