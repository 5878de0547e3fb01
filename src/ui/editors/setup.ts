/**
 * Editor setups built from the individual @codemirror packages (the `codemirror` meta package in
 * node_modules is not the v6 one). No undo history here: app-level undo covers committed edits of the
 * one-line editors; the code editors (CodeEditor, CodeTextEditor) add @codemirror/commands' history.
 */
import type { Extension } from '@codemirror/state';
import { closeBrackets } from '@codemirror/autocomplete';
import { bracketMatching, defaultHighlightStyle, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { drawSelection, highlightActiveLine, highlightActiveLineGutter, highlightSpecialChars, lineNumbers } from '@codemirror/view';

export const lineSetup: Extension[] = [highlightSpecialChars(), drawSelection(), closeBrackets(), bracketMatching(), syntaxHighlighting(defaultHighlightStyle, { fallback: true })];

export const codeSetup: Extension[] = [
  lineNumbers(),
  highlightActiveLineGutter(),
  highlightActiveLine(),
  indentOnInput(),
  ...lineSetup,
];
