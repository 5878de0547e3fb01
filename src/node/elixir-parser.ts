/** Node (CLI, vitest): the tree-sitter Elixir parser loaded from node_modules by path. */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { loadElixirParser } from '../core/import/elixir-tree';

const require = createRequire(import.meta.url);

export async function loadElixirParserNode(): Promise<void> {
  const [runtime, grammar] = await Promise.all([
    readFile(require.resolve('web-tree-sitter/web-tree-sitter.wasm')),
    readFile(require.resolve('tree-sitter-elixir/tree-sitter-elixir.wasm')),
  ]);
  await loadElixirParser({ runtime: new Uint8Array(runtime), grammar: new Uint8Array(grammar) });
}
