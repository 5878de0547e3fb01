import * as Comlink from 'comlink';
import { importFiles } from '../core/index';
import type { ImportFormat, ImportResult, SourceFile } from '../core/index';
import type { ImportApi } from './import-api';
import runtimeUrl from 'web-tree-sitter/web-tree-sitter.wasm?url';
import grammarUrl from 'tree-sitter-elixir/tree-sitter-elixir.wasm?url';
import { loadElixirParser } from '../core/index';

/** The tree-sitter Elixir parser, loaded once in this worker before the first Ash import. */
let elixirParser: Promise<void> | undefined;
function prepare(format: ImportFormat): Promise<void> {
  if (format !== 'elixir') return Promise.resolve();
  elixirParser ??= loadElixirParser({ runtime: runtimeUrl, grammar: grammarUrl }).catch((e: unknown) => {
    // The built-in parser still reads what it can; say why the real one is missing.
    console.warn('Elixir parser (tree-sitter) not loaded in the import worker; using the built-in one', e);
  });
  return elixirParser;
}

/**
 * The import worker: parsing a whole project (hundreds of files) runs here, not on the page's
 * thread, so the dialog stays responsive. Its own worker (not the engine's): an import does not
 * wait behind a long preview or data generation, and a parser's one-time init stays loaded here.
 */
const api: ImportApi = {
  async importFiles(files: SourceFile[], format: ImportFormat): Promise<ImportResult> {
    await prepare(format);
    return importFiles(files, format);
  },
};

Comlink.expose(api);
