import { openDB } from 'idb';
import type { DBSchema, IDBPDatabase } from 'idb';
import type { RelataDocument } from '../../core/index';

/** One saved model: the document (model + layout) and what the model list shows. */
export interface StoredModel {
  id: string;
  title: string;
  document: RelataDocument;
  createdAt: number;
  updatedAt: number;
}

/** What the model list shows, without the (possibly large) document. */
export type ModelSummary = Pick<StoredModel, 'id' | 'title' | 'createdAt' | 'updatedAt'> & { resourceCount: number };

export interface StorageError {
  message: string;
}
export type StorageResult<T> = { ok: true; value: T } | { ok: false; error: StorageError };

interface RelataDB extends DBSchema {
  models: { key: string; value: StoredModel; indexes: { updatedAt: number } };
}

export interface ModelDb {
  list(): Promise<StorageResult<ModelSummary[]>>;
  get(id: string): Promise<StorageResult<StoredModel | undefined>>;
  /** Inserts or replaces; one transaction, so a save is either fully written or not at all. */
  save(model: Omit<StoredModel, 'createdAt' | 'updatedAt'> & { createdAt?: number }): Promise<StorageResult<StoredModel>>;
  rename(id: string, title: string): Promise<StorageResult<void>>;
  duplicate(id: string, newId: string, title: string): Promise<StorageResult<StoredModel>>;
  remove(id: string): Promise<StorageResult<void>>;
  close(): void;
}

function describe(e: unknown): string {
  if (e instanceof DOMException) {
    if (e.name === 'QuotaExceededError') return 'Browser storage is full (quota exceeded). Free some space or export the model as JSON.';
    return `${e.name}: ${e.message}`;
  }
  return e instanceof Error ? e.message : String(e);
}

async function attempt<T>(what: string, f: () => Promise<T>): Promise<StorageResult<T>> {
  try {
    return { ok: true, value: await f() };
  } catch (e) {
    return { ok: false, error: { message: `Could not ${what}: ${describe(e)}` } };
  }
}

/** Opens (lazily) the IndexedDB database that holds the saved models. */
export function createModelDb(name = 'relata'): ModelDb {
  let dbPromise: Promise<IDBPDatabase<RelataDB>> | null = null;
  const db = () => {
    dbPromise ??= openDB<RelataDB>(name, 1, {
      upgrade(database) {
        const store = database.createObjectStore('models', { keyPath: 'id' });
        store.createIndex('updatedAt', 'updatedAt');
      },
    }).catch((e: unknown) => {
      dbPromise = null; // let a later call retry (e.g. after the user frees space)
      throw e;
    });
    return dbPromise;
  };

  return {
    list: () =>
      attempt('list the saved models', async () => {
        const all = await (await db()).getAll('models');
        return all
          .map((m) => ({
            id: m.id, title: m.title, createdAt: m.createdAt, updatedAt: m.updatedAt,
            resourceCount: m.document.model.resources.length,
          }))
          .sort((a, b) => b.updatedAt - a.updatedAt);
      }),

    get: (id) => attempt('open the model', async () => (await db()).get('models', id)),

    save: (m) =>
      attempt(`save “${m.title}”`, async () => {
        const tx = (await db()).transaction('models', 'readwrite');
        const existing = await tx.store.get(m.id);
        const now = Date.now();
        const stored: StoredModel = {
          id: m.id, title: m.title, document: m.document,
          createdAt: existing?.createdAt ?? m.createdAt ?? now,
          updatedAt: Math.max(now, (existing?.updatedAt ?? 0) + 1),
        };
        await tx.store.put(stored);
        await tx.done;
        return stored;
      }),

    rename: (id, title) =>
      attempt(`rename the model to “${title}”`, async () => {
        const tx = (await db()).transaction('models', 'readwrite');
        const existing = await tx.store.get(id);
        if (!existing) throw new Error('it no longer exists');
        await tx.store.put({ ...existing, title, updatedAt: Date.now() });
        await tx.done;
      }),

    duplicate: (id, newId, title) =>
      attempt('duplicate the model', async () => {
        const tx = (await db()).transaction('models', 'readwrite');
        const existing = await tx.store.get(id);
        if (!existing) throw new Error('it no longer exists');
        const now = Date.now();
        const copy: StoredModel = { ...existing, id: newId, title, createdAt: now, updatedAt: now };
        await tx.store.add(copy);
        await tx.done;
        return copy;
      }),

    remove: (id) =>
      attempt('delete the model', async () => {
        const tx = (await db()).transaction('models', 'readwrite');
        await tx.store.delete(id);
        await tx.done;
      }),

    close() {
      void dbPromise?.then((d) => d.close());
      dbPromise = null;
    },
  };
}
