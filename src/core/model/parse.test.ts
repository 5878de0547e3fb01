import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseModel, parseModelText } from './parse';
import { snake } from './snake';

const base = () => ({
  format: 'relata/model@1',
  name: 'Blog',
  resources: [
    { name: 'User', attributes: [{ name: 'id', type: 'uuid', primaryKey: true }] },
    {
      name: 'Post',
      attributes: [{ name: 'id', type: 'integer', primaryKey: true }],
      relationships: [{ kind: 'belongs_to', name: 'author', destination: 'User', sort: [{ field: 'id', order: 'desc' }] }],
    },
  ],
});

describe('snake', () => {
  it.each([
    ['BlogPost', 'blog_post'], ['APIKey', 'api_key'], ['ArticleAuthor', 'article_author'], ['User', 'user'],
    ['MyApp.BlogPost', 'blog_post'], ['HTTPServer', 'http_server'], ['Post2Tag', 'post2_tag'], ['ABC', 'abc'], ['', ''],
  ])('%s → %s', (input, out) => expect(snake(input)).toBe(out));
});

describe('parseModel', () => {
  it('accepts a valid model and returns a detached copy', () => {
    const input = base();
    const r = parseModel(input);
    expect(r).toEqual({ ok: true, value: input });
    if (r.ok) expect(r.value).not.toBe(input);
  });

  const bad: Array<[string, (m: ReturnType<typeof base>) => unknown, Array<string | number>]> = [
    ['non-object', () => 42, []],
    ['wrong format', (m) => ({ ...m, format: 'relata/model@2' }), ['format']],
    ['missing resources', (m) => ({ format: m.format, name: m.name }), ['resources']],
    ['resource not an object', (m) => ({ ...m, resources: [m.resources[0], 'Post'] }), ['resources', 1]],
    ['unknown attribute type', (m) => { (m.resources[0]!.attributes[0] as { type: string }).type = 'text'; return m; }, ['resources', 0, 'attributes', 0, 'type']],
    ['unknown kind', (m) => { (m.resources[1]!.relationships![0] as { kind: string }).kind = 'has_few'; return m; }, ['resources', 1, 'relationships', 0, 'kind']],
    ['ill-typed name', (m) => { (m.resources[1] as { name: unknown }).name = 3; return m; }, ['resources', 1, 'name']],
    ['wrong sort shape', (m) => { (m.resources[1]!.relationships![0] as { sort: unknown }).sort = 'id'; return m; }, ['resources', 1, 'relationships', 0, 'sort']],
    ['bad sort order', (m) => { (m.resources[1]!.relationships![0] as { sort: unknown }).sort = [{ field: 'id', order: 'up' }]; return m; }, ['resources', 1, 'relationships', 0, 'sort', 0, 'order']],
    ['key of another kind', (m) => { (m.resources[1]!.relationships![0] as Record<string, unknown>).limit = 3; return m; }, ['resources', 1, 'relationships', 0, 'limit']],
    ['negative limit', (m) => ({ ...m, resources: [{ name: 'A', relationships: [{ kind: 'has_many', name: 'x', destination: 'A', limit: -1 }] }] }), ['resources', 0, 'relationships', 0, 'limit']],
  ];
  it.each(bad)('rejects %s with its JSON path', (_name, make, path) => {
    const r = parseModel(make(base()));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('invalid_model');
      expect(r.error.path).toEqual(path);
      expect(r.error.message.length).toBeGreaterThan(10);
    }
  });

  it('leaves identifier spelling to the validator', () => {
    const m = base();
    m.resources[0]!.name = 'not pascal';
    expect(parseModel(m).ok).toBe(true);
  });

  it('never throws, whatever the input', () => {
    fc.assert(
      fc.property(fc.anything({ withObjectString: true, withNullPrototype: true, withMap: true }), (x) => {
        const r = parseModel(x);
        expect(typeof r.ok).toBe('boolean');
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on mutated valid models', () => {
    const paths = ['resources', 0, 1, 'attributes', 'relationships', 'name', 'type', 'kind', 'sort', 'field', 'destination'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...paths), { minLength: 1, maxLength: 6 }), fc.jsonValue(), (path, value) => {
        const m = base() as unknown as Record<string | number, unknown>;
        let o: Record<string | number, unknown> = m;
        for (const key of path.slice(0, -1)) {
          const next = o[key];
          if (typeof next !== 'object' || next === null) break;
          o = next as Record<string | number, unknown>;
        }
        o[path[path.length - 1]!] = value;
        const r = parseModel(m);
        if (!r.ok) expect(r.error.code).toBe('invalid_model');
      }),
      { numRuns: 500 },
    );
  });

  it('rejects cyclic JSON values without throwing', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const m = base();
    (m.resources[0]!.attributes[0] as Record<string, unknown>).default = cyclic;
    expect(parseModel(m).ok).toBe(false);
  });
});

describe('parseModelText', () => {
  it('reports JSON syntax errors with line and column', () => {
    const r = parseModelText('{\n  "format": "relata/model@1",\n  "name": oops\n}');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('invalid_model');
      expect(r.error.message).toMatch(/line 3, column \d+/);
    }
  });
  it('reports truncated input', () => {
    const r = parseModelText('{"format": ');
    expect(!r.ok && r.error.message).toMatch(/line 1/);
  });
  it('parses valid text', () => {
    expect(parseModelText(JSON.stringify(base())).ok).toBe(true);
  });
});
