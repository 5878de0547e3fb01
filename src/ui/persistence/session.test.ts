import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { MODEL_FORMAT } from '../../core/index';
import type { RelataDocument } from '../../core/index';
import { useDocument } from '../state/document-store';
import { createModelDb } from './model-db';
import type { ModelDb } from './model-db';
import { createSession, useSession } from './session';
import type { Session } from './session';

let n = 0;
let session: Session | null = null;
let db: ModelDb | null = null;

function setup(overrides: Partial<ModelDb> = {}) {
  db = createModelDb(`relata-test-${++n}`);
  session = createSession({ ...db, ...overrides }, { delayMs: 5 });
  useSession.setState({ models: [], saveStatus: 'idle', storageError: null, ready: false });
  return { db, session };
}

afterEach(() => {
  session?.dispose();
  db?.close();
});

const addResource = (name: string) =>
  useDocument.getState().dispatch([{ kind: 'addResource', resource: { name, attributes: [{ name: 'id', type: 'uuid', primaryKey: true }] } }]);

describe('model db', () => {
  it('saves, lists, renames, duplicates and deletes models', async () => {
    const { db } = setup();
    const document: RelataDocument = { model: { format: MODEL_FORMAT, name: 'A', resources: [] }, layout: { positions: {} } };
    expect((await db.save({ id: 'a', title: 'Alpha', document })).ok).toBe(true);
    await db.rename('a', 'Alpha 2');
    const dup = await db.duplicate('a', 'b', 'Alpha copy');
    expect(dup.ok).toBe(true);
    const list = await db.list();
    expect(list.ok && list.value.map((m) => m.title).sort()).toEqual(['Alpha 2', 'Alpha copy']);
    await db.remove('a');
    const after = await db.list();
    expect(after.ok && after.value.map((m) => m.id)).toEqual(['b']);
    const renameMissing = await db.rename('zzz', 'x');
    expect(renameMissing.ok).toBe(false);
  });
});

describe('session', () => {
  it('boots a new model, autosaves edits and reopens them after a "reload"', async () => {
    const first = setup();
    await first.session.boot(null);
    const id = useDocument.getState().docId;
    addResource('Ticket');
    await new Promise((r) => setTimeout(r, 20));
    await first.session.flush();
    expect(useSession.getState().saveStatus).toBe('saved');
    first.session.dispose();

    // A new session on the same database, with the store showing something else, as after a reload.
    useDocument.getState().openDocument('other', 'Other', { model: { format: MODEL_FORMAT, name: 'X', resources: [] }, layout: { positions: {} } });
    const second = createSession(first.db, { delayMs: 5 });
    session = second;
    await second.boot(null);
    expect(useDocument.getState().docId).toBe(id);
    expect(useDocument.getState().document.model.resources.map((r) => r.name)).toEqual(['Ticket']);
  });

  it('opens a template fixture', async () => {
    const { session } = setup();
    await session.boot('twitter');
    expect(useDocument.getState().document.model.resources.map((r) => r.name)).toContain('TweetHashtag');
    expect(useSession.getState().models.some((m) => m.id === 'fixture-twitter')).toBe(true);
  });

  it('reports a failed save, keeps the edit and retries it', async () => {
    let fail = true;
    const base = createModelDb(`relata-test-${++n}`);
    db = base;
    session = createSession(
      { ...base, save: (m) => (fail ? Promise.resolve({ ok: false, error: { message: 'Could not save: disk full' } }) : base.save(m)) },
      { delayMs: 5 },
    );
    useSession.setState({ storageError: null, saveStatus: 'idle' });
    await session.boot('blog'); // the fixture's own first save fails too
    expect(useSession.getState().saveStatus).toBe('error');
    expect(useSession.getState().storageError?.message).toContain('disk full');
    expect(session.hasUnsaved()).toBe(true);
    fail = false;
    await session.flush();
    expect(useSession.getState().storageError).toBeNull();
    const stored = await base.get('fixture-blog');
    expect(stored.ok && stored.value?.document.model.name).toBe('Blog');
  });

  it('creates, renames, duplicates and deletes through the model list actions', async () => {
    const { session } = setup();
    await session.boot(null);
    await session.createModel('Second');
    const secondId = useDocument.getState().docId;
    await session.renameModel(secondId, 'Renamed');
    expect(useDocument.getState().title).toBe('Renamed');
    await session.duplicateModel(secondId);
    let titles = useSession.getState().models.map((m) => m.title).sort();
    expect(titles).toEqual(['Renamed', 'Renamed (copy)', 'Untitled model']);
    await session.deleteModel(secondId);
    titles = useSession.getState().models.map((m) => m.title).sort();
    expect(titles).toEqual(['Renamed (copy)', 'Untitled model']);
    expect(useDocument.getState().docId).not.toBe(secondId);
  });
});
