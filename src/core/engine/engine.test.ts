import initSqlJs from 'sql.js';
import { afterAll, describe, expect, it } from 'vitest';
import { createNodeManualRunner } from '../../node/manual-runner';
import type { Data, Model } from '../model/types';
import type { QueryRequest } from '../query/types';
import { createEngine } from './engine';

const SQL = await initSqlJs();
const runner = createNodeManualRunner({ timeoutMs: 1500 });
afterAll(() => runner.dispose());

const layers = ['sqlite', 'memory'] as const;

function engineFor(model: Model, data: Data, kind: 'sqlite' | 'memory') {
  const e = createEngine({
    model,
    dataLayer: kind === 'memory' ? { kind } : { kind, db: new SQL.Database() },
    manualRunner: runner,
  });
  if (!e.ok) throw new Error(e.error.message);
  const loaded = e.value.load(data);
  if (!loaded.ok) throw new Error(loaded.error.message);
  return e.value;
}

const helpdesk = (manual: string): Model => ({
  format: 'relata/model@1',
  name: 'Helpdesk',
  resources: [
    {
      name: 'Representative',
      attributes: [
        { name: 'id', type: 'integer', primaryKey: true },
        { name: 'name', type: 'string' },
        { name: 'priority_threshold', type: 'integer' },
      ],
      relationships: [
        { kind: 'has_many', name: 'tickets', destination: 'Ticket' },
        { kind: 'has_many', name: 'above', destination: 'Ticket', manual: { language: 'javascript', source: manual } },
      ],
    },
    {
      name: 'Ticket',
      attributes: [
        { name: 'id', type: 'integer', primaryKey: true },
        { name: 'status', type: 'string' },
        { name: 'priority', type: 'integer' },
      ],
      relationships: [{ kind: 'belongs_to', name: 'representative', destination: 'Representative', attributeType: 'integer' }],
    },
  ],
});

const data: Data = {
  Representative: [
    { id: 1, name: 'Joe', priority_threshold: 5 },
    { id: 2, name: 'Jose', priority_threshold: 2 },
    { id: 3, name: 'Ana', priority_threshold: null },
  ],
  Ticket: [
    { id: 1, status: 'open', priority: 7, representative_id: 1 },
    { id: 2, status: 'closed', priority: 3, representative_id: 1 },
    { id: 3, status: 'closed', priority: 4, representative_id: 2 },
    { id: 4, status: 'open', priority: 9, representative_id: 3 },
  ],
};

const loadCode = `export async function load(records, opts, ctx) {
  const ids = records.map((r) => r.id);
  const tickets = await ctx.read(ctx.query.filter("representative_id in ^ids", { ids }).filter("priority > representative.priority_threshold"));
  return records.map((r) => tickets.filter((t) => t.representative_id === r.id));
}`;
const withSql = `${loadCode}
export function sqlSubquery({ parent, destination }) {
  return destination + '."representative_id" = ' + parent + '."id" AND ' + destination + '."priority" > ' + parent + '."priority_threshold"';
}`;

describe('manual relationships with sqlSubquery', () => {
  const queries: QueryRequest[] = [
    { resource: 'Representative', filter: 'exists(above, status == "open")', sort: [{ field: 'id' }] },
    { resource: 'Representative', filter: 'above.status == "closed"', sort: [{ field: 'id' }] },
    { resource: 'Representative', filter: 'not(exists(above, status == "closed"))', sort: [{ field: 'id' }] },
  ];
  const expected = [[1], [2], [1, 3]];

  for (const kind of layers) {
    it(`filters through the relationship the same with and without sqlSubquery (${kind})`, async () => {
      for (const code of [loadCode, withSql]) {
        const engine = engineFor(helpdesk(code), data, kind);
        for (const [i, q] of queries.entries()) {
          const r = await engine.read(q);
          if (!r.ok) throw new Error(r.error.message);
          expect(r.value.records.map((x) => x.id), `${q.filter} (${code === withSql ? 'sqlSubquery' : 'loading'})`).toEqual(expected[i]);
        }
      }
    });
  }

  it('runs the filter in one SQL statement when sqlSubquery is given', async () => {
    const engine = engineFor(helpdesk(withSql), data, 'sqlite');
    const r = await engine.read(queries[0]!);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.statements).toHaveLength(1);
    expect(r.value.statements[0]!.sql).toContain('"priority_threshold"');
  });
});

describe('manual rows returned by reference', () => {
  const read = async (code: string, kind: 'sqlite' | 'memory', load: Record<string, unknown> = {}) => {
    const engine = engineFor(helpdesk(code), data, kind);
    const r = await engine.read({ resource: 'Representative', sort: [{ field: 'id' }], load: { above: load } });
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  };
  const returning = (body: string) => `export async function load(records, opts, ctx) {
  const tickets = await ctx.read(ctx.query.filter("representative_id in ^ids", { ids: records.map((r) => r.id) }).sort("id"));
  ${body}
  return records.map((r) => tickets.filter((t) => t.representative_id === r.id));
}`;
  const ticket = (id: number) => data.Ticket!.find((t) => t.id === id)!;

  for (const kind of layers) {
    it(`gives the rows as read, and as selected (${kind})`, async () => {
      const plain = await read(returning(''), kind);
      expect(plain.records.map((r) => r.above)).toEqual([[ticket(1), ticket(2)], [ticket(3)], [ticket(4)]]);
      const selected = await read(returning(''), kind, { select: ['status'] });
      expect(selected.records[0]!.above).toEqual([{ id: 1, status: 'open' }, { id: 2, status: 'closed' }]);
      if (kind === 'sqlite') {
        // The ctx.read statement is logged once, with its row count.
        const reads = plain.statements.filter((s) => s.sql.includes('json_each') || s.sql.includes('"ticket"'));
        expect(reads).toHaveLength(1);
        expect(reads[0]!.rows).toBe(4);
      }
    });

    it(`keeps a changed value and drops keys the code added (${kind})`, async () => {
      const r = await read(returning('tickets[0].status = "changed"; tickets[1].extra = 1;'), kind);
      expect(r.records[0]!.above).toEqual([{ ...ticket(1), status: 'changed' }, ticket(2)]);
    });

    it(`fills attributes a narrower read lacked with null (${kind})`, async () => {
      const code = `export async function load(records, opts, ctx) {
  const tickets = await ctx.read({ resource: "Ticket", select: ["status"], sort: [{ field: "id" }] });
  return records.map((r, i) => i === 0 ? tickets : []);
}`;
      const r = await read(code, kind);
      expect(r.records[0]!.above).toEqual(
        data.Ticket!.map((t) => ({ id: t.id, status: t.status, priority: null, representative_id: null })),
      );
    });

    it(`returns rows of another resource trimmed to the destination's attributes (${kind})`, async () => {
      const code = `export async function load(records, opts, ctx) {
  const reps = await ctx.read({ resource: "Representative", sort: [{ field: "id" }] });
  return records.map((r, i) => i === 0 ? reps.slice(0, 1) : []);
}`;
      const r = await read(code, kind);
      expect(r.records[0]!.above).toEqual([{ id: 1, status: null, priority: null, representative_id: null }]);
    });
  }
});

describe('sqlite: a root filter wanting most of a table scans it', () => {
  const reps = Array.from({ length: 120 }, (_, i) => ({ id: i + 1, name: `r${i + 1}`, priority_threshold: i % 10 }));
  const tickets = Array.from({ length: 600 }, (_, i) => ({ id: i + 1, status: i % 3 ? 'open' : 'closed', priority: (i * 7) % 11, representative_id: (i % 120) + 1 }));
  const big: Data = { Representative: reps, Ticket: tickets };
  const filter = '(representative_id in ^ids) and (priority > representative.priority_threshold)';

  it('uses NOT INDEXED for a long key list and returns the same rows as a short-list read and the memory layer', async () => {
    const sqlite = engineFor(helpdesk(loadCode), big, 'sqlite');
    const memory = engineFor(helpdesk(loadCode), big, 'memory');
    const all = reps.map((r) => r.id);
    const q = (ids: number[]): QueryRequest => ({ resource: 'Ticket', filter, params: { ids }, sort: [{ field: 'id' }] });
    const wide = await sqlite.read(q(all));
    const narrow = await sqlite.read(q(all.slice(0, 10)));
    const reference = await memory.read(q(all));
    if (!wide.ok || !narrow.ok || !reference.ok) throw new Error('read failed');
    expect(wide.value.statements[0]!.sql).toContain('NOT INDEXED');
    expect(narrow.value.statements[0]!.sql).not.toContain('NOT INDEXED');
    expect(wide.value.records).toEqual(reference.value.records);
    expect(wide.value.records.length).toBeGreaterThan(0);
    expect(narrow.value.records).toEqual(reference.value.records.filter((t) => (t.representative_id as number) <= 10));
  });
});

describe('many_to_many through a filtered, sorted join relationship (no limit)', () => {
  const model: Model = {
    format: 'relata/model@1',
    name: 'Teams',
    resources: [
      {
        name: 'Team',
        attributes: [{ name: 'id', type: 'integer', primaryKey: true }],
        relationships: [
          { kind: 'has_many', name: 'memberships', destination: 'Membership', filter: 'active == true', sort: [{ field: 'joined', order: 'desc' }] },
          { kind: 'many_to_many', name: 'members', destination: 'Person', joinRelationship: 'memberships' },
        ],
      },
      {
        name: 'Membership',
        attributes: [
          { name: 'id', type: 'integer', primaryKey: true },
          { name: 'active', type: 'boolean' },
          { name: 'joined', type: 'integer' },
        ],
        relationships: [
          { kind: 'belongs_to', name: 'team', destination: 'Team', attributeType: 'integer' },
          { kind: 'belongs_to', name: 'person', destination: 'Person', attributeType: 'integer' },
        ],
      },
      { name: 'Person', attributes: [{ name: 'id', type: 'integer', primaryKey: true }, { name: 'name', type: 'string' }] },
    ],
  };
  const teamData: Data = {
    Team: [{ id: 1 }, { id: 2 }, { id: 3 }],
    Person: [{ id: 1, name: 'a' }, { id: 2, name: 'b' }, { id: 3, name: 'c' }],
    Membership: [
      { id: 1, team_id: 1, person_id: 1, active: true, joined: 5 },
      { id: 2, team_id: 1, person_id: 2, active: false, joined: 9 },
      { id: 3, team_id: 1, person_id: 3, active: true, joined: 7 },
      { id: 4, team_id: 2, person_id: 1, active: true, joined: 1 },
      { id: 5, team_id: 2, person_id: 1, active: true, joined: 2 },
    ],
  };
  for (const kind of layers) {
    it(`keeps the join order and filter, once per join row (${kind})`, async () => {
      const engine = engineFor(model, teamData, kind);
      const r = await engine.read({ resource: 'Team', sort: [{ field: 'id' }], load: { members: {} } });
      if (!r.ok) throw new Error(r.error.message);
      expect(r.value.records.map((t) => (t.members as { id: number }[]).map((p) => p.id))).toEqual([[3, 1], [1, 1], []]);
      if (kind === 'sqlite') expect(r.value.statements.filter((st) => st.scope.startsWith('Team.members'))).toHaveLength(2);
    });
  }
});

describe('sqlite: dense integer key lists become range tests', () => {
  const n = 40;
  const reps = Array.from({ length: n }, (_, i) => ({ id: i + 1, name: `r${i + 1}`, priority_threshold: i % 4 }));
  const tickets = [
    ...Array.from({ length: 120 }, (_, i) => ({ id: i + 1, status: 'open', priority: i % 7, representative_id: (i % (n + 5)) + 1 })),
    { id: 500, status: 'open', priority: 3, representative_id: null },
  ];
  const big: Data = { Representative: reps, Ticket: tickets };
  const ids = reps.map((r) => r.id);
  const queries: QueryRequest[] = [
    { resource: 'Ticket', filter: 'representative_id in ^ids', params: { ids }, sort: [{ field: 'id' }] },
    { resource: 'Ticket', filter: 'not(representative_id in ^ids)', params: { ids }, sort: [{ field: 'id' }] },
    { resource: 'Ticket', filter: 'representative_id in ^ids', params: { ids: [...ids, ...ids.slice(0, 5)] }, sort: [{ field: 'id' }] },
    { resource: 'Ticket', filter: 'representative_id in ^ids', params: { ids: [...ids.slice(0, 20), 30, 31, 32] }, sort: [{ field: 'id' }] },
    { resource: 'Representative', sort: [{ field: 'id' }], load: { tickets: { sort: [{ field: 'id' }] } } },
  ];

  it('returns what the memory layer returns, NULL keys and negation included', async () => {
    const sqlite = engineFor(helpdesk(loadCode), big, 'sqlite');
    const memory = engineFor(helpdesk(loadCode), big, 'memory');
    for (const q of queries) {
      const a = await sqlite.read(q);
      const b = await memory.read(q);
      if (!a.ok || !b.ok) throw new Error(`read failed: ${JSON.stringify(q)}`);
      expect(a.value.records, JSON.stringify(q)).toEqual(b.value.records);
    }
    const ranged = await sqlite.read(queries[0]!);
    if (!ranged.ok) throw new Error('read failed');
    expect(ranged.value.statements[0]!.sql).toContain('BETWEEN');
    const negated = await sqlite.read(queries[1]!);
    // The NULL key is neither in nor not in the list (three-valued logic), as with IN.
    if (negated.ok) expect(negated.value.records.map((t) => t.id)).not.toContain(500);
    const gappy = await sqlite.read(queries[3]!);
    if (gappy.ok) expect(gappy.value.statements[0]!.sql).not.toContain('BETWEEN');
  });
});

describe('bad input never throws', () => {
  it('returns invalid_model for garbage models', () => {
    for (const garbage of [null, 42, 'x', [], {}, { format: 'relata/model@1', resources: 'no' }, { format: 'nope', name: 'x', resources: [] }]) {
      const e = createEngine({ model: garbage as unknown as Model, dataLayer: { kind: 'memory' } });
      expect(e.ok).toBe(false);
      if (!e.ok) expect(e.error.code).toBe('invalid_model');
    }
  });

  it('rejects hostile identifiers as invalid_identifier, never as SQL', () => {
    const model: Model = {
      format: 'relata/model@1',
      name: 'Evil',
      resources: [{ name: 'Order"; DROP TABLE x; --', attributes: [{ name: 'id', type: 'integer', primaryKey: true }] }],
    };
    const e = createEngine({ model, dataLayer: { kind: 'sqlite', db: new SQL.Database() } });
    expect(e.ok).toBe(false);
    if (!e.ok) expect(JSON.stringify(e.error.details)).toContain('invalid_identifier');
  });

  for (const kind of layers) {
    it(`handles reserved SQL words, quotes in table names and __proto__ attributes (${kind})`, async () => {
      const model: Model = {
        format: 'relata/model@1',
        name: 'Words',
        resources: [
          {
            name: 'Order',
            table: 'order"; DROP TABLE "group',
            attributes: [
              { name: 'id', type: 'integer', primaryKey: true },
              { name: '__proto__', type: 'string' },
              { name: 'select', type: 'string' },
            ],
            relationships: [{ kind: 'has_many', name: 'groups', destination: 'Group' }],
          },
          {
            name: 'Group',
            attributes: [{ name: 'id', type: 'integer', primaryKey: true }, { name: 'where', type: 'string' }],
            relationships: [{ kind: 'belongs_to', name: 'order', destination: 'Order', attributeType: 'integer' }],
          },
        ],
      };
      // JSON.parse makes an own `__proto__` key, as an imported file would.
      const rows = JSON.parse(`{"Order": [{"id": 1, "__proto__": "x'; DROP TABLE", "select": "a\\"b"}], "Group": [{"id": 7, "where": "1=1", "order_id": 1}]}`) as Data;
      const engine = engineFor(model, rows, kind);
      const r = await engine.read({ resource: 'Order', filter: 'select == "a\\"b" and groups.where == "1=1"', load: { groups: {} } });
      if (!r.ok) throw new Error(r.error.message);
      expect(r.value.records).toHaveLength(1);
      const rec = r.value.records[0]!;
      expect(Object.getPrototypeOf(rec)).toBe(Object.prototype);
      expect(Object.getOwnPropertyDescriptor(rec, '__proto__')?.value).toBe("x'; DROP TABLE");
      expect(rec.groups).toEqual([{ id: 7, where: '1=1', order_id: 1 }]);
    });

    it(`reports coded errors for unknown names and bad expressions (${kind})`, async () => {
      const engine = engineFor(helpdesk(loadCode), data, kind);
      const cases: Array<[QueryRequest, string]> = [
        [{ resource: 'Nope' }, 'invalid_query'],
        [{ resource: 'Ticket', load: { nope: {} } }, 'invalid_load'],
        [{ resource: 'Ticket', load: { priority: {} } }, 'invalid_load'],
        [{ resource: 'Ticket', sort: [{ field: 'representative' }] }, 'no_such_attribute'],
        [{ resource: 'Ticket', select: ['__proto__'] }, 'no_such_attribute'],
        [{ resource: 'Ticket', filter: 'priority >>' }, 'invalid_expression'],
        [{ resource: 'Ticket', filter: 'nope == 1' }, 'no_such_attribute'],
        [{ resource: 'Ticket', filter: 'priority == ^missing' }, 'invalid_expression'],
        [{ resource: 'Ticket', filter: 'parent(priority) == 1' }, 'invalid_expression'],
        [{ resource: 'Ticket', limit: -1 }, 'invalid_query'],
        [{ resource: 'Representative', load: { above: { limit: 0 } } }, 'invalid_query'],
      ];
      for (const [q, code] of cases) {
        const r = await engine.read(q);
        expect(r.ok, JSON.stringify(q)).toBe(false);
        if (!r.ok) expect(r.error.code, JSON.stringify(q)).toBe(code);
      }
    });
  }
});
