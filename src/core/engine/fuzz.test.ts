import fc from 'fast-check';
import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import type { Model } from '../model/types';
import type { QueryRequest } from '../query/types';
import { createEngine } from './engine';

const SQL = await initSqlJs();

const model: Model = {
  format: 'relata/model@1',
  name: 'Fuzz',
  resources: [
    {
      name: 'Post',
      attributes: [{ name: 'id', type: 'integer', primaryKey: true }, { name: 'title', type: 'string' }],
      relationships: [{ kind: 'has_many', name: 'comments', destination: 'Comment' }],
    },
    {
      name: 'Comment',
      attributes: [{ name: 'id', type: 'integer', primaryKey: true }, { name: 'body', type: 'string' }],
      relationships: [{ kind: 'belongs_to', name: 'post', destination: 'Post', attributeType: 'integer' }],
    },
  ],
};

/** Bad input never throws out of the library: it comes back as a coded error. */
describe('the engine never throws on bad input', () => {
  for (const kind of ['sqlite', 'memory'] as const) {
    it(`returns a Result for arbitrary queries (${kind})`, async () => {
      const e = createEngine({ model, dataLayer: kind === 'memory' ? { kind } : { kind, db: new SQL.Database() } });
      if (!e.ok) throw new Error(e.error.message);
      e.value.load({ Post: [{ id: 1, title: 'a' }], Comment: [{ id: 1, body: 'x', post_id: 1 }] });
      const queryish = fc.oneof(
        fc.anything(),
        fc.record({
          resource: fc.oneof(fc.constantFrom('Post', 'Comment', '__proto__', 'constructor'), fc.string()),
          filter: fc.oneof(fc.string(), fc.constantFrom('title == "a"', 'comments.body == ^x', 'exists(comments, parent(title) == body)'), fc.anything()),
          sort: fc.anything(),
          limit: fc.anything(),
          offset: fc.anything(),
          select: fc.anything(),
          load: fc.oneof(fc.anything(), fc.constant({ comments: { load: { post: {} } } }), fc.dictionary(fc.string(), fc.anything())),
          params: fc.anything(),
        }, { requiredKeys: ['resource'] }),
      );
      await fc.assert(
        fc.asyncProperty(queryish, async (q) => {
          const r = await e.value.read(q as QueryRequest);
          expect(typeof r.ok).toBe('boolean');
          if (!r.ok) expect(typeof r.error.code).toBe('string');
        }),
        { numRuns: 400 },
      );
    });
  }

  it('returns a Result for arbitrary models and data', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), (m, data) => {
        const e = createEngine({ model: m as Model, dataLayer: { kind: 'memory' } });
        expect(typeof e.ok).toBe('boolean');
        if (e.ok) expect(typeof e.value.load(data as never).ok).toBe('boolean');
      }),
      { numRuns: 300 },
    );
  });
});
