import { describe, expect, it } from 'vitest';
import { assignDocumentIds, getTemplate } from '../../core/index';
import { importedDocument, readImport, toModelJson } from './json-io';

describe('json in and out', () => {
  it('an exported model re-imports to the same model, without layout', () => {
    const model = getTemplate('helpdesk').model;
    const res = readImport(toModelJson(model));
    expect(res.ok && res.value).toEqual({ model, layout: null });
    expect(toModelJson(model)).not.toContain('positions');
  });

  it('reads a saved document { model, layout } and keeps its positions', () => {
    const model = getTemplate('blog').model;
    const res = readImport(JSON.stringify({ model, layout: { positions: { Post: { x: 1, y: 2 }, Bad: { x: 'no' } } } }));
    expect(res.ok && res.value.layout).toEqual({ positions: { Post: { x: 1, y: 2 } } });
  });

  it('names the problem and its path', () => {
    const model = getTemplate('blog').model as unknown as { resources: Array<{ attributes: Array<{ type: string }> }> };
    model.resources[1]!.attributes[2]!.type = 'text';
    const res = readImport(JSON.stringify(model));
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error.path).toEqual(['resources', 1, 'attributes', 2, 'type']);
    const bad = readImport('{ "format": ');
    expect(!bad.ok && bad.error.message).toMatch(/Not valid JSON/);
    expect(readImport('').ok).toBe(false);
  });

  it('keeps positions of resources that survive an import without layout', () => {
    const model = getTemplate('blog').model;
    const doc = importedDocument(
      { model, layout: { positions: { Post: { x: 5, y: 5 }, Gone: { x: 0, y: 0 } } } },
      { model, layout: null },
    );
    expect(doc.layout.positions).toEqual({ Post: { x: 5, y: 5 } });
  });

  it('an import over a document with ids keeps the ids (so places) of same-named resources and fields', () => {
    const model = getTemplate('blog').model;
    const current = assignDocumentIds({ model, layout: { positions: { Post: { x: 5, y: 5 }, Comment: { x: 7, y: 7 } } } });
    const post = current.model.resources.find((r) => r.name === 'Post')!;
    const imported = { ...model, resources: model.resources.filter((r) => r.name !== 'Comment') };
    const doc = importedDocument(current, { model: imported, layout: null });
    const adopted = doc.model.resources.find((r) => r.name === 'Post')!;
    expect(adopted.id).toBe(post.id);
    expect(adopted.attributes!.map((a) => a.id)).toEqual(post.attributes!.map((a) => a.id));
    expect(doc.layout.positions).toEqual({ [post.id!]: { x: 5, y: 5 } });
  });

  it('the exported file has no ids', () => {
    const model = getTemplate('blog').model;
    const withIds = assignDocumentIds({ model, layout: { positions: {} } }).model;
    expect(toModelJson(withIds)).toBe(toModelJson(model));
    expect(toModelJson(withIds)).not.toMatch(/"id": "(res|att|rel)-/);
  });
});
