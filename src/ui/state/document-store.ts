import { create } from 'zustand';
import {
  MODEL_FORMAT, applyOps, followRenames, moduleForNewModel, normalizeModel, validateModel, ok, err, relataError,
} from '../../core/index';
import { useUi } from './ui-store';
import type {
  Diagnostic, DocumentOp, NormalizedModel, RelataDocument, Result,
} from '../../core/index';

/** What the inspector shows and the canvas highlights. Names, not indices: they survive reordering. */
export type Selection =
  | null
  | { kind: 'resource'; resource: string }
  | { kind: 'attribute'; resource: string; attribute: string }
  | { kind: 'relationship'; resource: string; relationship: string };

/** One undoable step: the ops that undo it (and, once undone, the ops that redo it). */
interface HistoryEntry {
  ops: DocumentOp[];
  label: string;
}

/** Undo depth; old steps fall off the bottom. */
const HISTORY_LIMIT = 500;

export interface DocumentState {
  docId: string;
  title: string;
  document: RelataDocument;
  /** Bumped on every change of `document` (edits, undo, redo, replace). */
  version: number;
  normalized: NormalizedModel;
  diagnostics: Diagnostic[];
  selection: Selection;
  canUndo: boolean;
  canRedo: boolean;
  /** Label of the step `undo()` would revert / `redo()` would re-apply (for tooltips). */
  undoLabel: string | null;
  redoLabel: string | null;
  /** Applies `ops` all-or-nothing; on failure nothing changes and the error is returned. */
  dispatch(ops: DocumentOp[], label?: string): Result<void>;
  undo(): void;
  redo(): void;
  select(sel: Selection): void;
  /**
   * Swaps in another document. With `resetHistory` (the default) the undo history starts afresh
   * (opening a model); without it the swap is one undoable step (importing over the current model).
   */
  replaceDocument(doc: RelataDocument, opts?: { resetHistory?: boolean }): void;
  /** Opens a stored document: sets id, title and document and clears history and selection. */
  openDocument(docId: string, title: string, doc: RelataDocument): void;
  setTitle(title: string): void;
}

/** A new model: its display name is free text, its module a valid Elixir alias (`MyApp.UntitledModel`). */
export function emptyDocument(name = 'Untitled'): RelataDocument {
  return { model: { format: MODEL_FORMAT, name, module: moduleForNewModel(name), resources: [] }, layout: { positions: {} } };
}

function derive(doc: RelataDocument): { normalized: NormalizedModel; diagnostics: Diagnostic[] } {
  // One normalization for both (validation needs it too).
  const normalized = normalizeModel(doc.model);
  return { normalized, diagnostics: validateModel(doc.model, normalized) };
}

/** Drops a selection whose element no longer exists (after undo, delete or rename). */
function keepSelection(sel: Selection, normalized: NormalizedModel): Selection {
  if (!sel) return null;
  const resource = normalized.resources.find((r) => r.name === sel.resource);
  if (!resource) return null;
  switch (sel.kind) {
    case 'resource':
      return sel;
    case 'attribute':
      return resource.attributes.some((a) => a.name === sel.attribute) ? sel : { kind: 'resource', resource: sel.resource };
    case 'relationship':
      return resource.relationships.some((r) => r.name === sel.relationship) ? sel : { kind: 'resource', resource: sel.resource };
  }
}

let undoStack: HistoryEntry[] = [];

/**
 * The ops applied to the document, by the version they produced (edits, undos and redos: an undo
 * is its inverse ops). The engine worker is sent these instead of the model; a version with no
 * entry (opening or replacing a document) means it needs the whole model.
 */
const EDIT_LOG_LIMIT = 200;
let editLog: Array<{ version: number; ops: DocumentOp[] }> = [];

/** The ops that took the document from `version` to the current one, or null when they are not all known. */
export function editsSince(version: number): DocumentOp[] | null {
  const current = useDocument.getState().version;
  if (version === current) return [];
  const start = editLog.findIndex((e) => e.version === version + 1);
  if (start < 0) return null;
  const entries = editLog.slice(start);
  if (entries.at(-1)?.version !== current || entries.some((e, i) => e.version !== version + 1 + i)) return null;
  return entries.flatMap((e) => e.ops);
}
let redoStack: HistoryEntry[] = [];

function historyFlags() {
  return {
    canUndo: undoStack.length > 0,
    canRedo: redoStack.length > 0,
    undoLabel: undoStack.at(-1)?.label ?? null,
    redoLabel: redoStack.at(-1)?.label ?? null,
  };
}

function newDocId(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `doc-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

const initial = emptyDocument();

export const useDocument = create<DocumentState>()((set, get) => {
  /** Applies ops to the current document; returns the inverse ops or the error, changing nothing on error. */
  function apply(ops: DocumentOp[]): Result<DocumentOp[]> {
    const state = get();
    let result: ReturnType<typeof applyOps>;
    try {
      result = applyOps(state.document, ops);
    } catch (e) {
      // A bug in an op must not take the document down with it.
      return err(relataError('invalid_model', `Edit failed: ${e instanceof Error ? e.message : String(e)}`));
    }
    if (!result.ok) return result;
    const { document, inverse } = result.value;
    // Layout-only ops (moving nodes) keep the model object: its diagnostics still hold.
    const derived = document.model === state.document.model ? { normalized: state.normalized, diagnostics: state.diagnostics } : derive(document);
    editLog.push({ version: state.version + 1, ops });
    if (editLog.length > EDIT_LOG_LIMIT) editLog = editLog.slice(-EDIT_LOG_LIMIT);
    set({
      document,
      ...derived,
      version: state.version + 1,
      selection: keepSelection(state.selection, derived.normalized),
    });
    return ok(inverse);
  }

  return {
    docId: newDocId(),
    title: initial.model.name,
    document: initial,
    version: 0,
    ...derive(initial),
    selection: null,
    ...historyFlags(),

    dispatch(requested, label = 'Edit') {
      if (requested.length === 0) return ok(undefined);
      // Renames carry what depended on the old name along, in this same undoable step.
      const { ops, warnings } = followRenames(get().document, requested);
      const applied = apply(ops);
      if (!applied.ok) return applied;
      undoStack.push({ ops: applied.value, label });
      if (undoStack.length > HISTORY_LIMIT) undoStack.shift();
      redoStack = [];
      set(historyFlags());
      if (warnings.length > 0) useUi.getState().notify(warnings.join(' '));
      return ok(undefined);
    },

    undo() {
      const entry = undoStack.pop();
      if (!entry) return;
      const applied = apply(entry.ops);
      if (applied.ok) redoStack.push({ ops: applied.value, label: entry.label });
      else undoStack.push(entry); // keep it: failing to undo must not lose the step
      set(historyFlags());
    },

    redo() {
      const entry = redoStack.pop();
      if (!entry) return;
      const applied = apply(entry.ops);
      if (applied.ok) undoStack.push({ ops: applied.value, label: entry.label });
      else redoStack.push(entry);
      set(historyFlags());
    },

    select(sel) {
      set({ selection: sel });
    },

    replaceDocument(doc, opts = {}) {
      if (opts.resetHistory === false) {
        get().dispatch([{ kind: 'replaceDocument', document: doc }], 'Replace model');
        return;
      }
      undoStack = [];
      redoStack = [];
      editLog = [];
      set({ document: doc, ...derive(doc), version: get().version + 1, selection: null, ...historyFlags() });
    },

    openDocument(docId, title, doc) {
      undoStack = [];
      redoStack = [];
      editLog = [];
      set({ docId, title, document: doc, ...derive(doc), version: get().version + 1, selection: null, ...historyFlags() });
    },

    setTitle(title) {
      set({ title });
    },
  };
});

export { newDocId };
