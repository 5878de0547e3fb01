/**
 * Browser: the tree-sitter Elixir parser with its two .wasm files served by Vite (`?url`). Started
 * once at boot; until it has loaded, Elixir import and the code panel use the built-in parser.
 */
import runtimeUrl from 'web-tree-sitter/web-tree-sitter.wasm?url';
import grammarUrl from 'tree-sitter-elixir/tree-sitter-elixir.wasm?url';
import { loadElixirParser } from '../core/index';

export function loadElixirParserBrowser(): Promise<void> {
  return loadElixirParser({ runtime: runtimeUrl, grammar: grammarUrl });
}
