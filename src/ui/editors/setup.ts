/**
 * Editor setups built from the individual @codemirror packages (the `codemirror` meta package in
 * node_modules is not the v6 one, and @codemirror/commands is not installed, so no undo history or
 * command keymap inside an editor: app-level undo covers committed edits).
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
