/**
 * Actions and aggregates (docs/actions-and-aggregates.md) in every export that carries them: the
 * Ash export and import, the TypeScript export and import and the JSON format round-trip them.
 * SQL and Mermaid exports leave them out (they describe tables and edges only).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromElixir } from '../import/elixir';
import { fromTypeScript } from '../import/typescript';
import { normalizeModel } from '../model/normalize';
import { parseModel } from '../model/parse';
import type { Model } from '../model/types';
import { validateModel } from '../validate/validate';
import { toElixir } from './elixir';
import { toMermaid } from './mermaid';
import { toSql } from './sql';
import { toTypeScript } from './typescript';

const model: Model = {
  format: 'relata/model@1',
  name: 'Desk',
  module: 'Desk.Support',
  resources: [
    {
      name: 'User',
      attributes: [{ name: 'id', type: 'integer', primaryKey: true, generated: 'increment' }, { name: 'name', type: 'string' }],
      relationships: [{ kind: 'has_many', name: 'tickets', destination: 'Ticket', destinationAttribute: 'reporter_id' }],
      actions: [],
      aggregates: [
        { name: 'ticket_count', kind: 'count', path: ['tickets'] },
        { name: 'open_count', kind: 'count', path: ['tickets'], filter: 'status == :open and priority > parent(id)', description: 'Open "ones"' },
        { name: 'latest_subject', kind: 'first', path: ['tickets'], field: 'subject', sort: [{ field: 'id', order: 'desc' }], includeNil: true, default: '-' },
        { name: 'subjects', kind: 'list', path: ['tickets'], field: 'subject', uniq: true },
        { name: 'named', kind: 'count', path: ['tickets', 'tags'], field: 'label' },
        { name: 'any_ticket', kind: 'exists', path: ['tickets'] },
        { name: 'top_priority', kind: 'max', path: ['tickets'], field: 'priority' },
      ],
    },
    {
      name: 'Ticket',
      attributes: [
        { name: 'id', type: 'integer', primaryKey: true, generated: 'increment' },
        { name: 'subject', type: 'string' },
        { name: 'status', type: 'atom', default: 'open', constraints: { oneOf: ['new', 'open', 'closed'] } },
        { name: 'priority', type: 'integer' },
        { name: 'flagged', type: 'boolean' },
      ],
      relationships: [
        { kind: 'belongs_to', name: 'reporter', destination: 'User', attributeType: 'integer', allowNil: false },
        { kind: 'has_many', name: 'tags', destination: 'Tag' },
      ],
      actions: [
        { type: 'create', name: 'open', accept: ['subject'], arguments: [{ name: 'reporter_id', type: 'integer', allowNil: true, description: 'who' }],
          changes: [{ kind: 'manage_relationship', argument: 'reporter_id', relationship: 'reporter', type: 'append_and_remove' }] },
        'read', 'create',
        { type: 'update', name: 'tag', primary: false, description: 'Sets the tags',
          arguments: [{ name: 'tags', type: 'map', default: [] }],
          changes: [
            { kind: 'manage_relationship', argument: 'tags', type: 'direct_control', onMissing: 'ignore', valueIsKey: 'label' },
            { kind: 'set_attribute', attribute: 'flagged', value: true },
            { kind: 'set_attribute', attribute: 'priority', value: null },
          ] },
        { type: 'update', name: 'close', accept: [], changes: [{ kind: 'set_attribute', attribute: 'status', value: 'closed' }] },
        { type: 'update', name: 'edit', accept: ['*'] },
        { type: 'destroy', name: 'archive' },
      ],
    },
    {
      name: 'Tag',
      attributes: [{ name: 'id', type: 'integer', primaryKey: true, generated: 'increment' }, { name: 'label', type: 'string' }],
      relationships: [{ kind: 'belongs_to', name: 'ticket', destination: 'Ticket', attributeType: 'integer' }],
    },
  ],
};

function elixirProblems(files: { content: string }[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'relata-actions-'));
  const paths = files.map((f, i) => {
    const p = join(dir, `${i}.ex`);
    writeFileSync(p, f.content);
    return p;
  });
  const script = 'for p <- System.argv() do\n  try do\n    Code.string_to_quoted!(File.read!(p), file: p)\n  rescue\n    e -> IO.puts("#{p}: #{Exception.message(e)}")\n  end\nend';
  const r = spawnSync('elixir', ['-e', script, ...paths], { encoding: 'utf8' });
  if (r.error) throw r.error;
  return `${r.stdout}${r.status === 0 ? '' : r.stderr}`.trim();
}

describe('actions and aggregates in exports', () => {
  it('the model is valid', () => {
    expect(validateModel(model).filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('Ash: writes actions and aggregates blocks that Elixir parses', () => {
    const files = toElixir(model).files;
    expect(elixirProblems(files)).toBe('');
    const ticket = files.find((f) => f.path.endsWith('/ticket.ex'))!.content;
    expect(ticket).toContain([
      '  actions do',
      '    defaults [:read, create: :*]',
      '    default_accept :*',
      '    create :open do',
      '      primary? true',
      '      accept [:subject]',
      '      argument :reporter_id, :integer, allow_nil?: true, description: "who"',
      '      change manage_relationship(:reporter_id, :reporter, type: :append_and_remove)',
      '    end',
    ].join('\n'));
    expect(ticket).toContain('      change manage_relationship(:tags, type: :direct_control, on_missing: :ignore, value_is_key: :label)');
    expect(ticket).toContain('      change set_attribute(:status, :closed)');
    expect(ticket).toContain('      change set_attribute(:flagged, true)');
    expect(ticket).toContain('    destroy :archive\n');
    const user = files.find((f) => f.path.endsWith('/user.ex'))!.content;
    expect(user).toContain('  actions do\n    defaults []\n  end');
    expect(user).toContain([
      '  aggregates do',
      '    count :ticket_count, :tickets',
      '    count :open_count, :tickets do',
      '      filter expr(status == :open and priority > parent(id))',
      '      description "Open \\"ones\\""',
      '    end',
      '    first :latest_subject, :tickets, :subject do',
      '      sort [id: :desc]',
      '      include_nil? true',
      '      default "-"',
      '    end',
    ].join('\n'));
    expect(user).toContain('    count :named, [:tickets, :tags] do\n      field :label\n    end');
  });

  it('Ash: fromElixir reads the same actions and aggregates back (the order of default actions is Ash\'s)', () => {
    const r = fromElixir(toElixir(model).files.map((f) => f.content).join('\n'));
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.value.warnings).toEqual([]);
    const [user, ticket, tag] = r.value.model.resources;
    expect(user!.actions).toEqual([]);
    expect(user!.aggregates).toEqual(model.resources[0]!.aggregates);
    expect(tag!.actions).toBeUndefined();
    expect(tag!.aggregates).toBeUndefined();
    // Defaults come first in Ash's `defaults [...]`; `open` keeps being the primary create.
    expect(normalizeModel({ ...model, resources: [ticket!] }).resources[0]!.actions!.find((a) => a.name === 'open')!.primary).toBe(true);
    const byName = (list: unknown[]) => [...list].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    const expected = model.resources[1]!.actions!.map((a) => (typeof a === 'object' && a.name === 'open' ? { ...a, primary: true } : a));
    expect(byName(ticket!.actions!)).toEqual(byName(expected));
  });

  it('TypeScript: the export reads back to the identical model', () => {
    const r = fromTypeScript(toTypeScript(model));
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.value.model).toEqual(model);
  });

  it('JSON: parses back to the identical model', () => {
    const r = parseModel(JSON.parse(JSON.stringify(model)));
    expect(r.ok && r.value).toEqual(model);
  });

  it('SQL and Mermaid describe tables and edges only: actions and aggregates leave them unchanged', () => {
    const bare: Model = { ...model, resources: model.resources.map(({ actions: _a, aggregates: _g, ...r }) => r) };
    expect(toSql(model)).toEqual(toSql(bare));
    expect(toMermaid(model)).toEqual(toMermaid(bare));
  });
});
