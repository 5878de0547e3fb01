import fc from 'fast-check';
import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../engine/engine';
import type { Calculation, Data, Model } from '../model/types';
import type { QueryRequest } from '../query/types';
import { validateModel } from '../validate/validate';

const SQL = await initSqlJs();
const layers = ['sqlite', 'memory'] as const;

const CALCS: Calculation[] = [
  { name: 'full_name', type: 'string', expression: 'first_name <> " " <> last_name' },
  { name: 'shout', type: 'string', expression: 'string_downcase(full_name) <> "!"' },
  { name: 'is_adult?', type: 'boolean', expression: 'age >= 18' },
  { name: 'age_next', type: 'integer', expression: 'age + 1' },
  { name: 'label', type: 'string', expression: 'if(is_nil(nick), full_name, nick)' },
  { name: 'team_name', type: 'string', expression: 'team.name' },
  { name: 'has_posts', type: 'boolean', expression: 'exists(posts, true)' },
];

const model = (extra: Calculation[] = []): Model => ({
  format: 'relata/model@1',
  name: 'Calc',
  resources: [
    {
      name: 'Person',
      attributes: [
        { name: 'id', type: 'integer', primaryKey: true },
        { name: 'first_name', type: 'string' },
        { name: 'last_name', type: 'string' },
        { name: 'nick', type: 'string' },
        { name: 'age', type: 'integer' },
      ],
      relationships: [
        { kind: 'belongs_to', name: 'team', destination: 'Team', attributeType: 'integer' },
        { kind: 'has_many', name: 'posts', destination: 'Post' },
      ],
      calculations: [...CALCS, ...extra],
    },
    {
      name: 'Team',
      attributes: [{ name: 'id', type: 'integer', primaryKey: true }, { name: 'name', type: 'string' }],
      relationships: [{ kind: 'has_many', name: 'people', destination: 'Person' }],
      calculations: [{ name: 'loud', type: 'string', expression: 'name <> "!"' }],
    },
    {
      name: 'Post',
      attributes: [{ name: 'id', type: 'integer', primaryKey: true }, { name: 'title', type: 'string' }],
      relationships: [{ kind: 'belongs_to', name: 'person', destination: 'Person', attributeType: 'integer' }],
    },
  ],
});

const data: Data = {
  Team: [{ id: 1, name: 'Red' }, { id: 2, name: 'Blue' }],
  Person: [
    { id: 1, first_name: 'Ada', last_name: 'Lovelace', nick: null, age: 36, team_id: 1 },
    { id: 2, first_name: 'Bob', last_name: null, nick: 'bobby', age: 12, team_id: null },
    { id: 3, first_name: 'Cy', last_name: 'Young', nick: null, age: null, team_id: 2 },
  ],
  Post: [{ id: 1, title: 'x', person_id: 1 }],
};

async function run(kind: 'sqlite' | 'memory', q: QueryRequest, m: Model = model(), d: Data = data) {
  const e = createEngine({ model: m, dataLayer: kind === 'memory' ? { kind } : { kind, db: new SQL.Database() } });
  if (!e.ok) throw new Error(e.error.message);
  const l = e.value.load(d);
  if (!l.ok) throw new Error(l.error.message);
  return e.value.read(q);
}

async function records(kind: 'sqlite' | 'memory', q: QueryRequest, m?: Model) {
  const r = await run(kind, q, m);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value.records;
}

describe('calculations', () => {
  it('a model with calculations validates (references to calculations resolve)', () => {
    expect(validateModel(model()).filter((d) => d.severity === 'error')).toEqual([]);
  });

  for (const kind of layers) {
    it(`loads values named in load, select or calculations (${kind})`, async () => {
      const viaLoad = await records(kind, { resource: 'Person', select: ['id'], sort: [{ field: 'id' }], load: { full_name: {}, 'is_adult?': {}, age_next: {}, label: {}, team_name: {}, has_posts: {}, shout: {} } });
      expect(viaLoad).toEqual([
        { id: 1, full_name: 'Ada Lovelace', 'is_adult?': true, age_next: 37, label: 'Ada Lovelace', team_name: 'Red', has_posts: true, shout: 'ada lovelace!' },
        { id: 2, full_name: null, 'is_adult?': false, age_next: 13, label: 'bobby', team_name: null, has_posts: false, shout: null },
        { id: 3, full_name: 'Cy Young', 'is_adult?': null, age_next: null, label: 'Cy Young', team_name: 'Blue', has_posts: false, shout: 'cy young!' },
      ]);
      const viaSelect = await records(kind, { resource: 'Person', select: ['id', 'full_name'], filter: 'id == 1' });
      expect(viaSelect).toEqual([{ id: 1, full_name: 'Ada Lovelace' }]);
      const viaList = await records(kind, { resource: 'Person', select: ['id'], filter: 'id == 3', calculations: ['team_name'] });
      expect(viaList).toEqual([{ id: 3, team_name: 'Blue' }]);
    });

    it(`loads calculations of nested levels (${kind})`, async () => {
      const r = await records(kind, { resource: 'Post', select: ['id'], load: { person: { select: ['id'], load: { full_name: {}, team: { select: ['id'], load: { loud: {} } } } } } });
      expect(r).toEqual([{ id: 1, person: { id: 1, full_name: 'Ada Lovelace', team: { id: 1, loud: 'Red!' } } }]);
    });

    it(`filters and sorts by calculations (${kind})`, async () => {
      expect(await records(kind, { resource: 'Person', select: ['id'], filter: 'contains(label, "b")' })).toEqual([{ id: 2 }]);
      expect(await records(kind, { resource: 'Person', select: ['id'], filter: 'is_adult?' })).toEqual([{ id: 1 }]);
      expect(await records(kind, { resource: 'Post', select: ['id'], filter: 'person.full_name == "Ada Lovelace"' })).toEqual([{ id: 1 }]);
      expect(await records(kind, { resource: 'Team', select: ['id'], filter: 'exists(people, label == "bobby")' })).toEqual([]);
      expect(await records(kind, { resource: 'Person', select: ['id'], sort: [{ field: 'label', order: 'desc' }], limit: 2 })).toEqual([{ id: 2 }, { id: 3 }]);
      expect(await records(kind, { resource: 'Person', select: ['id'], sort: [{ field: 'label' }], load: { label: {} } })).toEqual([
        { id: 1, label: 'Ada Lovelace' }, { id: 3, label: 'Cy Young' }, { id: 2, label: 'bobby' },
      ]);
    });

    it(`gives coded errors naming the calculation (${kind})`, async () => {
      const bad = model([
        { name: 'from_module', type: 'string', expression: '', ashSource: 'calculate :from_module, :string, MyApp.Calc' },
        { name: 'broken', type: 'string', expression: 'first_name <>' },
        { name: 'post_titles', type: 'string', expression: 'posts.title' },
        { name: 'loop', type: 'string', expression: 'loop <> "x"' },
      ]);
      for (const name of ['from_module', 'broken', 'post_titles']) {
        const r = await run(kind, { resource: 'Person', load: { [name]: {} } }, bad);
        expect(r.ok).toBe(false);
        if (!r.ok) {
          expect(r.error.code).toBe('invalid_expression');
          expect(r.error.message).toContain(`Person.${name}`);
        }
      }
      const loop = await run(kind, { resource: 'Person', filter: 'loop == "x"' }, bad);
      expect(!loop.ok && loop.error.code === 'invalid_expression' && loop.error.message.includes('Person.loop refers to itself')).toBe(true);
      const unknown = await run(kind, { resource: 'Person', calculations: ['nope'] }, bad);
      expect(!unknown.ok && unknown.error.code).toBe('invalid_load');
    });
  }

  it('both layers agree on random data', async () => {
    const name = fc.option(fc.constantFrom('a', 'B', 'ab', ''), { nil: null });
    const person = fc.record({ first_name: name, last_name: name, nick: name, age: fc.option(fc.integer({ min: -3, max: 40 }), { nil: null }), team_id: fc.option(fc.constantFrom(1, 2, 9), { nil: null }) });
    await fc.assert(
      fc.asyncProperty(fc.array(person, { maxLength: 8 }), async (people) => {
        const d: Data = { ...data, Person: people.map((p, i) => ({ id: i + 1, ...p })) };
        const q: QueryRequest = { resource: 'Person', select: ['id'], sort: [{ field: 'label' }], calculations: CALCS.map((c) => c.name) };
        const out = await Promise.all(layers.map(async (kind) => {
          const r = await run(kind, q, model(), d);
          if (!r.ok) throw new Error(r.error.message);
          return r.value.records;
        }));
        expect(out[0]).toEqual(out[1]);
      }),
      { numRuns: 40 },
    );
  });
});
