import { describe, expect, it } from 'vitest';
import { toElixir, toElixirResource, toElixirSource } from '../export/elixir';
import { exportModel, EXPORT_FORMATS } from '../export/index';
import { toMermaid } from '../export/mermaid';
import { toSql } from '../export/sql';
import { toTypeScript, toTypeScriptResource } from '../export/typescript';
import { fromShareFragment, toShareFragment } from '../share/share-link';
import { getTemplate } from '../templates/index';
import { validateModel } from '../validate/validate';
import {
  adoptIds, adoptResourceIds, assignDocumentIds, assignIds, counterIds, entityKey, hasIds, idsOf, opsWithIds, stripIds,
} from './ids';
import { normalizeModel } from './normalize';
import { applyOp, applyOps, type RelataDocument } from './ops';
import { parseModel } from './parse';
import { MODEL_FORMAT, type Model } from './types';

const helpdesk = getTemplate('helpdesk').model;

function count(model: Model): number {
  let n = 0;
  for (const r of model.resources) {
    n += 1 + (r.attributes?.length ?? 0) + (r.relationships?.length ?? 0) + (r.aggregates?.length ?? 0);
    n += (r.actions ?? []).filter((a) => typeof a !== 'string').length;
  }
  return n;
}

describe('assignIds', () => {
  it('gives an id to every resource, attribute, relationship, object action and aggregate', () => {
    expect(hasIds(helpdesk)).toBe(false);
    const withIds = assignIds(helpdesk, counterIds());
    expect(idsOf(withIds).size).toBe(count(helpdesk));
    expect(helpdesk.resources.some((r) => r.actions?.some((a) => typeof a !== 'string'))).toBe(true);
    expect(helpdesk.resources.some((r) => (r.aggregates?.length ?? 0) > 0)).toBe(true);
    const ticket = withIds.resources.find((r) => r.name === 'Ticket')!;
    expect(ticket.id).toMatch(/^res-\d+$/);
    expect(ticket.attributes!.every((a) => /^att-/.test(a.id!))).toBe(true);
    expect(ticket.relationships!.every((a) => /^rel-/.test(a.id!))).toBe(true);
    // Everything else is as it was.
    expect(stripIds(withIds)).toEqual(helpdesk);
  });

  it('keeps ids that are there, replaces repeated ones and returns the same object when nothing is missing', () => {
    const once = assignIds(helpdesk);
    expect(assignIds(once)).toBe(once);
    const [a, b, ...rest] = once.resources;
    const repeated: Model = { ...once, resources: [a!, { ...b!, id: a!.id }, ...rest] };
    const fixed = assignIds(repeated, counterIds(1000));
    expect(fixed.resources[0]!.id).toBe(a!.id);
    expect(fixed.resources[1]!.id).toBe('res-1000');
    expect(idsOf(fixed).size).toBe(count(helpdesk));
  });

  it('random ids are distinct and never look like names', () => {
    const ids = [...idsOf(assignIds(helpdesk))];
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^(res|att|rel|act|agg)-[0-9a-z]{10}$/);
  });
});

describe('ids are not model content', () => {
  const withIds = assignIds(helpdesk);

  it('no exporter writes them: every output is the output of the model without ids', async () => {
    expect(toTypeScript(withIds)).toBe(toTypeScript(helpdesk));
    expect(toSql(withIds, { dialect: 'sqlite' })).toBe(toSql(helpdesk, { dialect: 'sqlite' }));
    expect(toSql(withIds, { dialect: 'postgres' })).toBe(toSql(helpdesk, { dialect: 'postgres' }));
    expect(toElixir(withIds)).toEqual(toElixir(helpdesk));
    expect(toElixirSource(withIds)).toBe(toElixirSource(helpdesk));
    expect(toMermaid(withIds)).toBe(toMermaid(helpdesk));
    for (const r of helpdesk.resources) {
      expect(toTypeScriptResource(withIds, r.name)).toBe(toTypeScriptResource(helpdesk, r.name));
      expect(toElixirResource(withIds, r.name)).toBe(toElixirResource(helpdesk, r.name));
    }
    for (const f of EXPORT_FORMATS) {
      const files = exportModel(withIds, f.id);
      expect(files).toEqual(exportModel(helpdesk, f.id));
      for (const file of files) expect(file.content).not.toMatch(/\b(res|att|rel|act|agg)-[0-9a-z]{10}\b/);
    }
    const shared = await fromShareFragment(await toShareFragment(withIds));
    expect(shared.ok && shared.value).toEqual(helpdesk);
  });

  it('the format accepts an optional string id; the validator says nothing of it and the normalizer drops it', () => {
    expect(parseModel(JSON.parse(JSON.stringify(withIds))).ok).toBe(true);
    const bad = { format: MODEL_FORMAT, name: 'M', resources: [{ id: 7, name: 'A' }] };
    expect(parseModel(bad).ok).toBe(false);
    expect(validateModel(withIds)).toEqual(validateModel(helpdesk));
    expect(normalizeModel(withIds)).toEqual(normalizeModel(helpdesk));
  });

  it('stripIds removes every id and returns the model itself when it has none', () => {
    expect(hasIds(stripIds(withIds))).toBe(false);
    expect(stripIds(helpdesk)).toBe(helpdesk);
  });
});

const shop = (): RelataDocument => ({
  model: {
    format: MODEL_FORMAT,
    name: 'Shop',
    resources: [
      { name: 'Post', attributes: [{ name: 'id', type: 'uuid', primaryKey: true }], relationships: [{ kind: 'many_to_many', name: 'tags', destination: 'Tag', through: 'PostTag' }] },
      { name: 'Tag', attributes: [{ name: 'id', type: 'uuid', primaryKey: true }] },
      { name: 'PostTag', relationships: [{ kind: 'belongs_to', name: 'post', destination: 'Post', primaryKey: true }, { kind: 'belongs_to', name: 'tag', destination: 'Tag', primaryKey: true }] },
    ],
  },
  layout: {
    positions: { Post: { x: 0, y: 0 }, Tag: { x: 600, y: 0 }, PostTag: { x: 300, y: 200 }, Gone: { x: 9, y: 9 } },
    pinned: ['Tag'],
    routes: {
      'm2m:Post.tags:in': { points: [], ends: [{ x: 0, y: 0 }, { x: 300, y: 200 }] },
      'm2m:Post.tags:out': { points: [], ends: [{ x: 300, y: 200 }, { x: 600, y: 0 }] },
    },
  },
});

describe('assignDocumentIds: documents saved before ids', () => {
  it('moves positions, pins and routes from names to ids, and leaves unknown entries alone', () => {
    const doc = assignDocumentIds(shop(), counterIds());
    const [post, tag, join] = doc.model.resources;
    expect(doc.layout.positions).toEqual({ [post!.id!]: { x: 0, y: 0 }, [tag!.id!]: { x: 600, y: 0 }, [join!.id!]: { x: 300, y: 200 }, Gone: { x: 9, y: 9 } });
    expect(doc.layout.pinned).toEqual([tag!.id]);
    const rel = post!.relationships![0]!.id!;
    expect(Object.keys(doc.layout.routes!).sort()).toEqual([`m2m:${rel}:in`, `m2m:${rel}:out`]);
    // Idempotent: a document with ids is returned as it is.
    expect(assignDocumentIds(doc)).toBe(doc);
  });
});

describe('ops and ids', () => {
  const start = () => assignDocumentIds(shop(), counterIds());

  it('a rename keeps the id and the layout entry; its inverse restores the document exactly', () => {
    const doc = start();
    const post = doc.model.resources[0]!;
    const r = applyOp(doc, { kind: 'renameResource', from: 'Post', to: 'Article' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const renamed = r.value.document;
    expect(renamed.model.resources[0]).toMatchObject({ id: post.id, name: 'Article' });
    expect(renamed.layout).toBe(doc.layout);
    const back = applyOps(renamed, r.value.inverse);
    expect(back.ok && back.value.document).toEqual(doc);
  });

  it('without ids (old callers) a rename still moves the layout entry by name', () => {
    const r = applyOp(shop(), { kind: 'renameResource', from: 'Post', to: 'Article' });
    expect(r.ok && r.value.document.layout.positions.Article).toEqual({ x: 0, y: 0 });
  });

  it('moveNode, removeResource and addResource use the resource key', () => {
    const doc = start();
    const id = entityKey(doc.model.resources[1]!);
    const moved = applyOp(doc, { kind: 'moveNode', resource: 'Tag', to: { x: 1, y: 2 } });
    expect(moved.ok && moved.value.document.layout.positions[id]).toEqual({ x: 1, y: 2 });
    const removed = applyOp(doc, { kind: 'removeResource', name: 'Tag' });
    expect(removed.ok && removed.value.document.layout.positions[id]).toBeUndefined();
    if (!removed.ok) return;
    const back = applyOps(removed.value.document, removed.value.inverse);
    expect(back.ok && back.value.document).toEqual(doc);
  });

  it('opsWithIds: fresh ids for what is added, new ones for a copy, kept ones for a resource replaced in the same batch', () => {
    const doc = start();
    const tag = doc.model.resources[1]!;
    const [copy] = opsWithIds(doc, [{ kind: 'addResource', resource: { ...tag, name: 'Label' } }], counterIds(100));
    expect(copy).toMatchObject({ kind: 'addResource', resource: { id: 'res-100', name: 'Label', attributes: [{ id: 'att-101' }] } });
    const replaced = opsWithIds(doc, [{ kind: 'removeResource', name: 'Tag' }, { kind: 'addResource', resource: tag, index: 1 }], counterIds(100));
    expect(replaced[1]).toEqual({ kind: 'addResource', resource: tag, index: 1 });
    const [attr] = opsWithIds(doc, [{ kind: 'addAttribute', resource: 'Tag', attribute: { name: 'label', type: 'string' } }], counterIds(200));
    expect(attr).toMatchObject({ attribute: { id: 'att-200', name: 'label' } });
    const [whole] = opsWithIds(doc, [{ kind: 'replaceDocument', document: shop() }], counterIds(300));
    expect(whole?.kind === 'replaceDocument' && hasIds(whole.document.model)).toBe(true);
  });

  it('opsWithIds: a new aggregates or actions list keeps the ids of same-named entries', () => {
    const doc = assignDocumentIds({ model: helpdesk, layout: { positions: {} } }, counterIds());
    const owner = doc.model.resources.find((r) => (r.aggregates?.length ?? 0) > 0)!;
    const edited = owner.aggregates!.map(({ id: _id, ...g }) => ({ ...g, description: 'edited' }));
    const [op] = opsWithIds(doc, [{ kind: 'updateResource', name: owner.name, patch: { aggregates: [...edited, { name: 'fresh', kind: 'count', path: [owner.aggregates![0]!.path[0]!] }] } }], counterIds(500));
    expect(op?.kind === 'updateResource' && op.patch.aggregates!.map((g) => g.id)).toEqual([...owner.aggregates!.map((g) => g.id), 'agg-500']);
  });

  it('an update without id keeps the id of what it replaces', () => {
    const doc = start();
    const attr = doc.model.resources[1]!.attributes![0]!;
    const r = applyOp(doc, { kind: 'updateAttribute', resource: 'Tag', name: 'id', attribute: { name: 'key', type: 'uuid', primaryKey: true } });
    expect(r.ok && r.value.document.model.resources[1]!.attributes![0]).toEqual({ id: attr.id, name: 'key', type: 'uuid', primaryKey: true });
  });
});

describe('adoptIds: imports over the current model', () => {
  it('same-named resources and fields keep their ids; new ones have none (yet)', () => {
    const current = assignIds(helpdesk, counterIds());
    const imported: Model = {
      ...helpdesk,
      resources: [...helpdesk.resources.slice(1), { name: 'Brand', attributes: [{ name: 'id', type: 'uuid', primaryKey: true }] }],
    };
    const adopted = adoptIds(imported, current);
    for (const r of adopted.resources.slice(0, -1)) {
      const old = current.resources.find((o) => o.name === r.name)!;
      expect(r.id).toBe(old.id);
      expect(r.attributes?.map((a) => a.id)).toEqual(old.attributes?.map((a) => a.id));
      expect(r.relationships?.map((a) => a.id)).toEqual(old.relationships?.map((a) => a.id));
    }
    expect(adopted.resources.at(-1)!.id).toBeUndefined();
  });
});

describe('adoptResourceIds: actions', () => {
  it('object actions keep the id of the same-named action (a default action string has none)', () => {
    const ticket = assignIds(helpdesk, counterIds()).resources.find((r) => r.name === 'Ticket')!;
    const fresh = stripIds({ ...helpdesk, resources: [ticket] }).resources[0]!;
    const adopted = adoptResourceIds(fresh, ticket);
    expect(adopted.actions).toEqual(ticket.actions);
    expect(adopted.actions!.some((a) => typeof a === 'string')).toBe(true);
  });
});
