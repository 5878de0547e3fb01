import { create } from 'zustand';
import { TEMPLATES, assignDocumentIds, getTemplate, isTemplateName } from '../../core/index';
import type { RelataDocument } from '../../core/index';
import { emptyDocument, newDocId, useDocument } from '../state/document-store';
import { useCanvas } from '../canvas/canvas-store';
import { laidOutSoon } from '../canvas/layout';
import { useUi } from '../state/ui-store';
import type { ModelDb, ModelSummary, StorageError } from './model-db';

export type SaveStatus = 'idle' | 'pending' | 'saving' | 'saved' | 'error';

export interface SessionState {
  models: ModelSummary[];
  saveStatus: SaveStatus;
  /** The last storage failure, shown until the next successful write. Never swallowed. */
  storageError: StorageError | null;
  ready: boolean;
}

export const useSession = create<SessionState>()(() => ({
  models: [],
  saveStatus: 'idle',
  storageError: null,
  ready: false,
}));

const LAST_MODEL_KEY = 'relata:last-model';

function remember(id: string) {
  try {
    localStorage.setItem(LAST_MODEL_KEY, id);
  } catch {
    // Private mode may refuse; we then fall back to the most recent model, which is fine.
  }
}

function lastModel(): string | null {
  try {
    return localStorage.getItem(LAST_MODEL_KEY);
  } catch {
    return null;
  }
}

function report(error: StorageError) {
  useSession.setState({ storageError: error, saveStatus: 'error' });
}

/**
 * Ties the document store to IndexedDB: autosaves a moment after each edit (one transaction per save)
 * and runs the model list's actions. A failed write keeps the edit in memory, is reported, and is
 * retried by the next edit or by `saveNow()`.
 */
export function createSession(db: ModelDb, opts: { delayMs?: number } = {}) {
  const delayMs = opts.delayMs ?? 400;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let pending: { id: string; title: string; document: RelataDocument } | null = null;
  let writing: Promise<void> = Promise.resolve();
  /** The document store's version right after the last open (a later layout applies only to an untouched document). */
  let openedVersion = -1;

  async function refresh() {
    const res = await db.list();
    if (res.ok) useSession.setState({ models: res.value });
    else report(res.error);
  }

  function flush(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = null;
    const job = pending;
    pending = null;
    if (!job) return writing;
    // Writes are chained so an older snapshot can never land after a newer one.
    writing = writing.then(async () => {
      useSession.setState({ saveStatus: 'saving' });
      const res = await db.save(job);
      if (!res.ok) {
        // Keep the snapshot so the next flush retries it, unless a newer one is already queued.
        pending ??= job;
        report(res.error);
        return;
      }
      useSession.setState({ storageError: null, saveStatus: pending ? 'pending' : 'saved' });
      await refresh();
    });
    return writing;
  }

  function schedule(id: string, title: string, document: RelataDocument) {
    if (pending && pending.id !== id) void flush(); // switching models: write the old one now
    pending = { id, title, document };
    useSession.setState({ saveStatus: 'pending' });
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void flush(), delayMs);
  }

  const unsubscribe = useDocument.subscribe((state, prev) => {
    // Opening another model is not an edit: only changes within one model are autosaved.
    if (state.docId !== prev.docId) return;
    if (state.document !== prev.document || state.title !== prev.title) {
      schedule(state.docId, state.title, state.document);
    }
  });

  /** A template's layout that came after it opened: applied if nothing was done to it meanwhile. */
  function relayout(id: string, title: string, doc: RelataDocument) {
    const state = useDocument.getState();
    if (state.docId !== id || state.version !== openedVersion) return;
    // Only positions change: what the user selected meanwhile (a node, the Code tab on it) stays.
    const selection = state.selection;
    state.openDocument(id, title, doc);
    if (selection) useDocument.getState().select(selection);
    openedVersion = useDocument.getState().version;
    // The document as opened (with ids), not as given.
    schedule(id, title, useDocument.getState().document);
    useCanvas.getState().requestFit();
  }

  function open(id: string, title: string, document: RelataDocument) {
    void flush();
    useDocument.getState().openDocument(id, title, document);
    openedVersion = useDocument.getState().version;
    remember(id);
  }

  async function createModel(title: string, given: RelataDocument = emptyDocument(title)) {
    // Stored with ids from the start, so every load of it has the same ones.
    const document = assignDocumentIds(given);
    const id = newDocId();
    const res = await db.save({ id, title, document });
    if (!res.ok) return report(res.error);
    open(id, title, document);
    useSession.setState({ storageError: null, saveStatus: 'saved' });
    await refresh();
  }

  async function createFromTemplate(name: string) {
    if (!isTemplateName(name)) return;
    const t = getTemplate(name);
    const laid = await laidOutSoon(t.model);
    await createModel(t.title, laid.document);
    const id = useDocument.getState().docId;
    if (id) laid.later((doc) => relayout(id, t.title, doc));
  }

  async function openModel(id: string) {
    if (id === useDocument.getState().docId) return;
    await flush();
    const res = await db.get(id);
    if (!res.ok) return report(res.error);
    if (!res.value) return report({ message: 'Could not open the model: it no longer exists.' });
    open(res.value.id, res.value.title, res.value.document);
  }

  async function renameModel(id: string, title: string) {
    const trimmed = title.trim();
    if (!trimmed) return;
    if (id === useDocument.getState().docId) {
      useDocument.getState().setTitle(trimmed); // autosave writes it with the document
      await flush();
    } else {
      const res = await db.rename(id, trimmed);
      if (!res.ok) return report(res.error);
    }
    await refresh();
  }

  async function duplicateModel(id: string) {
    await flush();
    const source = useSession.getState().models.find((m) => m.id === id);
    const res = await db.duplicate(id, newDocId(), `${source?.title ?? 'Model'} (copy)`);
    if (!res.ok) return report(res.error);
    await refresh();
  }

  async function deleteModel(id: string) {
    if (id === useDocument.getState().docId) {
      if (timer) clearTimeout(timer);
      timer = null;
      pending = null;
    }
    const res = await db.remove(id);
    if (!res.ok) return report(res.error);
    await refresh();
    if (id === useDocument.getState().docId) {
      const next = useSession.getState().models[0];
      if (next) await openModel(next.id);
      else await createModel('Untitled model');
    }
  }

  /** Opens `?fixture=NAME` (a fresh copy of that template), else the last model, else the most recent, else a new one. */
  async function boot(fixture: string | null) {
    await refresh();
    if (fixture && isTemplateName(fixture)) {
      const t = getTemplate(fixture);
      const id = `fixture-${fixture}`;
      const laid = await laidOutSoon(t.model);
      open(id, t.title, laid.document);
      schedule(id, t.title, useDocument.getState().document);
      await flush();
      laid.later((doc) => relayout(id, t.title, doc));
    } else {
      if (fixture) {
        useUi.getState().showProblem({
          title: 'Unknown fixture',
          message: `There is no fixture “${fixture}”. Known fixtures: ${TEMPLATES.map((t) => t.name).join(', ')}.`,
        });
      }
      const models = useSession.getState().models;
      const target = models.find((m) => m.id === lastModel()) ?? models[0];
      if (target) await openModel(target.id);
      else await createModel('Untitled model');
    }
    useSession.setState({ ready: true });
  }

  return {
    boot, refresh, flush, createModel, createFromTemplate, openModel, renameModel, duplicateModel, deleteModel,
    /** True while an edit is not yet safely stored (pending, saving or failed). */
    hasUnsaved: () => pending !== null || useSession.getState().saveStatus === 'error',
    dispose() {
      unsubscribe();
      if (timer) clearTimeout(timer);
    },
  };
}

export type Session = ReturnType<typeof createSession>;
