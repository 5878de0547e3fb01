import { create } from 'zustand';
import {
  MODEL_FORMAT, applyOps, assignDocumentIds, entityKey, followRenames, moduleForNewModel, normalizeModel, opsWithIds,
  resourceByKey, validateModel, ok, err, relataError,
} from '../../core/index';
import { useUi } from './ui-store';
import type {
  Diagnostic, DocumentOp, Model, NormalizedModel, RelataDocument, Result,
} from '../../core/index';

/**
 * What the inspector shows and the canvas highlights, by name: the view everything reads. It is
 * derived from `SelectionIds` after every change, so it follows renames.
 */
export type Selection =
  | null
  | { kind: 'resource'; resource: string }
  | { kind: 'attribute'; resource: string; attribute: string }
  | { kind: 'relationship'; resource: string; relationship: string };

/**
 * The selection as held: by entity key (the id; docs/model-format.md, "Ids"). A field the model
 * only has implicitly (an attribute a belongs_to adds, a many_to_many's join has_many) has no id
 * and is held by its name.
 */
export type SelectionIds =
  | null
  | { kind: 'resource'; resourceId: string }
  | { kind: 'attribute'; resourceId: string; attributeId: string }
  | { kind: 'relationship'; resourceId: string; relationshipId: string };

type Field = { id?: string; name: string };

function fieldKey(raw: readonly Field[] | undefined, name: string): string {
  const f = raw?.find((x) => x.name === name);
  return f ? entityKey(f) : name;
}

function fieldByKey(raw: readonly Field[] | undefined, implicit: readonly Field[], key: string): string | undefined {
  return (raw?.find((f) => f.id === key) ?? raw?.find((f) => f.id === undefined && f.name === key) ?? implicit.find((f) => f.name === key))?.name;
}

/** The ids of what `sel` names in `model` (null when its resource does not exist). */
export function selectionIdsOf(model: Model, sel: Selection): SelectionIds {
  if (!sel) return null;
  const r = model.resources.find((x) => x.name === sel.resource);
  if (!r) return null;
  const resourceId = entityKey(r);
  switch (sel.kind) {
    case 'resource':
      return { kind: 'resource', resourceId };
    case 'attribute':
      return { kind: 'attribute', resourceId, attributeId: fieldKey(r.attributes, sel.attribute) };
    case 'relationship':
      return { kind: 'relationship', resourceId, relationshipId: fieldKey(r.relationships, sel.relationship) };
  }
}

/**
 * The selection `ids` stand for in this document, by name; an element that no longer exists drops
 * it (a field falls back to its resource, a resource to nothing). Equal results keep `prev`.
 */
export function resolveSelection(
  model: Model, normalized: NormalizedModel, ids: SelectionIds, prev?: { selection: Selection; selectionIds: SelectionIds },
): { selection: Selection; selectionIds: SelectionIds } {
  const out = resolve(model, normalized, ids);
  if (prev && JSON.stringify(prev.selection) === JSON.stringify(out.selection) && JSON.stringify(prev.selectionIds) === JSON.stringify(out.selectionIds)) {
    return { selection: prev.selection, selectionIds: prev.selectionIds };
  }
  return out;
}

function resolve(model: Model, normalized: NormalizedModel, ids: SelectionIds): { selection: Selection; selectionIds: SelectionIds } {
  const none = { selection: null, selectionIds: null };
  if (!ids) return none;
  const r = resourceByKey(model, ids.resourceId);
  if (!r) return none;
  const resource = r.name;
  const n = normalized.resources.find((x) => x.name === resource);
  const asResource = { selection: { kind: 'resource' as const, resource }, selectionIds: { kind: 'resource' as const, resourceId: ids.resourceId } };
  switch (ids.kind) {
    case 'resource':
      return asResource;
    case 'attribute': {
      const attribute = fieldByKey(r.attributes, n?.attributes ?? [], ids.attributeId);
      return attribute === undefined ? asResource : { selection: { kind: 'attribute', resource, attribute }, selectionIds: ids };
    }
    case 'relationship': {
      const relationship = fieldByKey(r.relationships, n?.relationships ?? [], ids.relationshipId);
      return relationship === undefined ? asResource : { selection: { kind: 'relationship', resource, relationship }, selectionIds: ids };
    }
  }
}

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
  /** The selection by name (derived from `selectionIds` after every change). */
  selection: Selection;
  /** The selection by id: what is held, so a rename keeps it. */
  selectionIds: SelectionIds;
  canUndo: boolean;
  canRedo: boolean;
  /** Label of the step `undo()` would revert / `redo()` would re-apply (for tooltips). */
  undoLabel: string | null;
  redoLabel: string | null;
  /** Applies `ops` all-or-nothing; on failure nothing changes and the error is returned. */
  dispatch(ops: DocumentOp[], label?: string): Result<void>;
  undo(): void;
  redo(): void;
  /** Selects by name (the ids are looked up in the current document). */
  select(sel: Selection): void;
  /**
   * Swaps in another document. With `resetHistory` (the default) the undo history starts afresh
   * (opening a model); without it the swap is one undoable step (importing over the current model).
   */
  replaceDocument(doc: RelataDocument, opts?: { resetHistory?: boolean }): void;
  /**
   * Opens a stored document: sets id, title and document and clears history and selection. Like
   * `replaceDocument`, it gives the document's entities ids (migrating a layout keyed by name).
   */
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
      // Held by id: a renamed element stays selected (under its new name).
      ...resolveSelection(document.model, derived.normalized, state.selectionIds, state),
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
    selectionIds: null,
    ...historyFlags(),

    dispatch(requested, label = 'Edit') {
      if (requested.length === 0) return ok(undefined);
      // What the ops add gets ids; renames carry what depended on the old name along, in this same undoable step.
      const withIds = opsWithIds(get().document, requested);
      const { ops, warnings } = followRenames(get().document, withIds);
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
      const { document, normalized } = get();
      const ids = selectionIdsOf(document.model, sel);
      // A name that is not (yet) in the document is shown as asked; it resolves at the next change.
      set(ids ? resolveSelection(document.model, normalized, ids) : { selection: sel, selectionIds: null });
    },

    replaceDocument(given, opts = {}) {
      const doc = assignDocumentIds(given);
      if (opts.resetHistory === false) {
        get().dispatch([{ kind: 'replaceDocument', document: doc }], 'Replace model');
        return;
      }
      undoStack = [];
      redoStack = [];
      editLog = [];
      set({ document: doc, ...derive(doc), version: get().version + 1, selection: null, selectionIds: null, ...historyFlags() });
    },

    openDocument(docId, title, given) {
      const doc = assignDocumentIds(given);
      undoStack = [];
      redoStack = [];
      editLog = [];
      set({ docId, title, document: doc, ...derive(doc), version: get().version + 1, selection: null, selectionIds: null, ...historyFlags() });
    },

    setTitle(title) {
      set({ title });
    },
  };
});

export { newDocId };
