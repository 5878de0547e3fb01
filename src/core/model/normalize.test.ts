import { describe, expect, it } from 'vitest';
import { normalizeModel } from './normalize';
import type { Model, NManyToMany, Resource } from './types';

const model = (resources: Resource[], extra: Partial<Model> = {}): Model => ({ format: 'relata/model@1', name: 'App', resources, ...extra });
const id = { name: 'id', type: 'integer' as const, primaryKey: true };

describe('normalizeModel', () => {
  it('fills resource and attribute defaults', () => {
    const n = normalizeModel(model([{ name: 'APIKey', attributes: [id, { name: 'label', type: 'string' }] }], { module: 'App.Core' }));
    const r = n.resources[0]!;
    expect(n.module).toBe('App.Core');
    expect(r).toMatchObject({ name: 'APIKey', module: 'App.Core.APIKey', table: 'api_key', relationships: [] });
    expect(r.attributes).toEqual([
      { name: 'id', type: 'integer', primaryKey: true, allowNil: false, writable: true, public: true },
      { name: 'label', type: 'string', primaryKey: false, allowNil: true, writable: true, public: true },
    ]);
    expect(normalizeModel(model([{ name: 'A' }])).resources[0]!.module).toBe('App.A');
  });

  it('appends belongs_to attributes, reuses existing ones and shares one between two belongs_to', () => {
    const n = normalizeModel(model([
      { name: 'User', attributes: [id] },
      {
        name: 'Tweet',
        attributes: [id, { name: 'author_id', type: 'integer' }],
        relationships: [
          { kind: 'belongs_to', name: 'author', destination: 'User' },
          { kind: 'belongs_to', name: 'owner', destination: 'User', attributeType: 'integer', allowNil: false },
          { kind: 'belongs_to', name: 'owner2', destination: 'User', sourceAttribute: 'owner_id' },
          { kind: 'belongs_to', name: 'key', destination: 'User', primaryKey: true, attributeWritable: false },
          { kind: 'belongs_to', name: 'ghost', destination: 'User', defineAttribute: false },
        ],
      },
    ]));
    const t = n.resources[1]!;
    expect(t.attributes.map((a) => a.name)).toEqual(['id', 'author_id', 'owner_id', 'key_id']);
    expect(t.attributes[2]).toEqual({ name: 'owner_id', type: 'integer', primaryKey: false, allowNil: false, writable: true, public: true, addedBy: 'owner' });
    expect(t.attributes[3]).toMatchObject({ type: 'uuid', primaryKey: true, allowNil: false, writable: false, addedBy: 'key' });
    expect(t.relationships[0]).toEqual({
      kind: 'belongs_to', name: 'author', destination: 'User', sourceAttribute: 'author_id', destinationAttribute: 'id',
      validateDestinationAttribute: true, allowNil: true, primaryKey: false, attributeType: 'uuid', attributeWritable: true, defineAttribute: true,
    });
  });

  it('derives has_one/has_many keys from snake(source) and fromMany from sort/offset', () => {
    const n = normalizeModel(model([
      {
        name: 'BlogPost',
        attributes: [id],
        relationships: [
          { kind: 'has_many', name: 'comments', destination: 'Comment', limit: 3 },
          { kind: 'has_one', name: 'a', destination: 'Comment' },
          { kind: 'has_one', name: 'b', destination: 'Comment', sort: [{ field: 'id' }] },
          { kind: 'has_one', name: 'c', destination: 'Comment', offset: 0 },
          { kind: 'has_one', name: 'd', destination: 'Comment', defaultSort: [{ field: 'id' }] },
          { kind: 'has_many', name: 'm', destination: 'Comment', manual: { language: 'javascript', source: '' } },
        ],
      },
    ]));
    const rels = n.resources[0]!.relationships;
    expect(rels[0]).toMatchObject({ sourceAttribute: 'id', destinationAttribute: 'blog_post_id', limit: 3, noAttributes: false });
    expect(rels.slice(1, 5).map((r) => r.kind === 'has_one' && r.fromMany)).toEqual([false, true, true, false]);
    expect(rels[3]).toMatchObject({ offset: 0 });
    expect(rels[5]).toMatchObject({ noAttributes: true });
  });

  it('prepends implicit join relationships in reverse order of the many_to_many', () => {
    const n = normalizeModel(model([
      {
        name: 'Post',
        attributes: [id],
        relationships: [
          { kind: 'many_to_many', name: 'a', destination: 'Tag', through: 'PostTag' },
          { kind: 'has_many', name: 'x', destination: 'Other' },
          { kind: 'many_to_many', name: 'b', destination: 'Tag', through: 'PostTag', sourceAttributeOnJoinResource: 'p', validateDestinationAttribute: false },
        ],
      },
    ]));
    const rels = n.resources[0]!.relationships;
    expect(rels.map((r) => r.name)).toEqual(['b_join_assoc', 'a_join_assoc', 'a', 'x', 'b']);
    expect(rels[0]).toEqual({
      kind: 'has_many', name: 'b_join_assoc', destination: 'PostTag', sourceAttribute: 'id', destinationAttribute: 'p',
      validateDestinationAttribute: false, noAttributes: false, joinOf: 'b',
    });
    expect(rels[2]).toMatchObject({ through: 'PostTag', sourceAttributeOnJoinResource: 'post_id', destinationAttributeOnJoinResource: 'tag_id', joinRelationship: 'a_join_assoc' });
  });

  it('takes through and source keys from an existing join relationship, but not from an attribute', () => {
    const n = normalizeModel(model([
      {
        name: 'Post',
        attributes: [id, { name: 'code', type: 'string' }, { name: 'tags_join_assoc', type: 'string' }],
        relationships: [
          { kind: 'has_many', name: 'links', destination: 'Link', sourceAttribute: 'code', destinationAttribute: 'post_code' },
          { kind: 'many_to_many', name: 'linked', destination: 'Tag', joinRelationship: 'links', through: 'Ignored' },
          { kind: 'many_to_many', name: 'tags', destination: 'Tag', through: 'PostTag' },
        ],
      },
    ]));
    const rels = n.resources[0]!.relationships;
    expect(rels.map((r) => r.name)).toEqual(['tags_join_assoc', 'links', 'linked', 'tags']);
    expect(rels[2] as NManyToMany).toMatchObject({ through: 'Link', sourceAttribute: 'code', sourceAttributeOnJoinResource: 'post_code' });
  });

  it('is total on invalid models', () => {
    const n = normalizeModel(model([
      { name: 'A', relationships: [{ kind: 'many_to_many', name: 'm', destination: 'Nowhere' }, { kind: 'belongs_to', name: 'b', destination: 'Gone' }] },
    ]));
    expect(n.resources[0]!.relationships.map((r) => r.name)).toEqual(['m', 'b']);
    expect(n.resources[0]!.relationships[0]).toMatchObject({ through: '', destinationAttributeOnJoinResource: 'nowhere_id' });
    expect(n.resources[0]!.attributes.map((a) => a.name)).toEqual(['b_id']);
  });

  it('does not mutate its input', () => {
    const input = model([{ name: 'A', attributes: [id], relationships: [{ kind: 'belongs_to', name: 'b', destination: 'A' }] }]);
    const copy = structuredClone(input);
    normalizeModel(input);
    expect(input).toEqual(copy);
  });
});
