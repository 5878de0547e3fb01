import { beforeAll, describe, expect, it } from 'vitest';
import { loadElixirParserNode } from '../../node/elixir-parser';
import { fromElixir } from './elixir';

beforeAll(loadElixirParserNode);

const HELPDESK = `defmodule Helpdesk.Support.Ticket do
  use Ash.Resource,
    domain: Helpdesk.Support,
    data_layer: AshPostgres.DataLayer

  postgres do
    table "tickets"
    repo Helpdesk.Repo
  end

  actions do
    defaults [:read, :destroy]

    create :open do
      accept [:subject]
    end

    update :assign do
      accept []
      argument :representative_id, :uuid do
        allow_nil? false
      end
      change manage_relationship(:representative_id, :representative, type: :append_and_remove)
    end
  end

  attributes do
    uuid_primary_key :id

    attribute :subject, :string do
      allow_nil? false
      public? true
    end

    attribute :status, :atom do
      constraints one_of: [:open, :closed]
      default :open
      allow_nil? false
    end

    create_timestamp :inserted_at
  end

  relationships do
    belongs_to :representative, Helpdesk.Support.Representative
    has_many :notes, Helpdesk.Support.Note, sort: [inserted_at: :desc], filter: expr(not is_nil(body))
  end
end

defmodule Helpdesk.Support.Representative do
  use Ash.Resource, domain: Helpdesk.Support

  attributes do
    uuid_primary_key :id
    attribute :name, :string, public?: true
  end

  relationships do
    has_many :tickets, Helpdesk.Support.Ticket
    many_to_many :notes, Helpdesk.Support.Note do
      through Helpdesk.Support.Ticket
      source_attribute_on_join_resource :representative_id
      destination_attribute_on_join_resource :id
    end
  end
end

defmodule Helpdesk.Support.Note do
  use Ash.Resource, domain: Helpdesk.Support

  attributes do
    integer_primary_key :id
    attribute :body, Ash.Type.String
  end

  relationships do
    belongs_to :ticket, Helpdesk.Support.Ticket do
      attribute_type :uuid
      allow_nil? false
      public? true
    end
  end
end
`;

describe('fromElixir', () => {
  it('reads hand-written Ash resources in the seeds\' style', () => {
    const r = fromElixir(HELPDESK);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const [ticket, rep, note] = r.value.model.resources;
    expect(r.value.model.module).toBe('Helpdesk.Support');
    expect(ticket).toEqual({
      name: 'Ticket', table: 'tickets',
      attributes: [
        { name: 'id', type: 'uuid', primaryKey: true, generated: 'uuid', writable: false },
        { name: 'subject', type: 'string', allowNil: false },
        { name: 'status', type: 'atom', constraints: { oneOf: ['open', 'closed'] }, default: 'open', allowNil: false, public: false },
        { name: 'inserted_at', type: 'utc_datetime', allowNil: false, generated: 'now', writable: false },
      ],
      relationships: [
        { kind: 'belongs_to', name: 'representative', destination: 'Representative' },
        // Note has no inserted_at: the sort is dropped with a warning rather than failing the import.
        { kind: 'has_many', name: 'notes', destination: 'Note', filter: 'not is_nil(body)' },
      ],
      actions: [
        'read', 'destroy',
        { type: 'create', name: 'open', accept: ['subject'] },
        {
          type: 'update', name: 'assign', accept: [],
          arguments: [{ name: 'representative_id', type: 'uuid', allowNil: false }],
          changes: [{ kind: 'manage_relationship', argument: 'representative_id', relationship: 'representative', type: 'append_and_remove' }],
        },
      ],
    });
    expect(rep?.relationships?.[1]).toEqual({
      kind: 'many_to_many', name: 'notes', destination: 'Note', through: 'Ticket',
      sourceAttributeOnJoinResource: 'representative_id', destinationAttributeOnJoinResource: 'id',
    });
    expect(note?.attributes?.[1]).toEqual({ name: 'body', type: 'string', public: false });
    expect(r.value.warnings).toEqual([
      { line: 80, message: 'Option public? of belongs_to :ticket has no model equivalent; not carried' },
      { line: 1, message: expect.stringContaining('Ticket.notes: sort dropped') as unknown as string },
    ]);
  });

  it('imports what it can: unreadable parts are warnings with their line, unknown destinations placeholders', () => {
    const text = `defmodule A.B do
  use Ash.Resource, domain: A

  attributes do
    uuid_primary_key :id
    attribute :tags, {:array, :string}
    attribute :blob, :binary
  end

  relationships do
    belongs_to :owner, A.Missing
    has_many :cs, A.B do
      sort "nope"
    end
  end
end
`;
    const r = fromElixir(text);
    if (!r.ok) throw new Error(r.error.message);
    const [b, missing] = r.value.model.resources;
    expect(b?.attributes?.slice(1)).toEqual([
      { name: 'tags', type: 'map', ashType: '{:array, :string}', public: false },
      { name: 'blob', type: 'string', ashType: ':binary', public: false },
    ]);
    expect(missing).toEqual({ name: 'Missing', module: 'A.Missing', external: true, attributes: [{ name: 'id', type: 'uuid', primaryKey: true }] });
    // The has_many needs b_id on B, which B lacks: dropped, with a warning at the module's line.
    expect(r.value.warnings.map((w) => w.line)).toEqual([11, 13, 1]);
    expect(r.value.warnings[2]?.message).toMatch(/^B\.cs dropped: /);
    expect(b?.relationships?.map((x) => x.name)).toEqual(['owner']);
    expect(r.value.warnings[0]?.message).toBe('A.Missing is not among the imported modules; added as an external placeholder resource Missing');
  });

  it('in the code panel (with a context model) an unknown destination is still an error', () => {
    const text = 'defmodule A.B do\n  use Ash.Resource, domain: A\n  relationships do\n    belongs_to :owner, A.Missing\n  end\nend\n';
    const r = fromElixir(text, { format: 'relata/model@1', name: 'A', module: 'A', resources: [{ name: 'B' }] });
    expect(r.ok ? [] : r.error.problems).toEqual([{ line: 4, message: 'A.Missing is not one of the pasted resources' }]);
  });

  it('reports syntax errors with their line', () => {
    const r = fromElixir('defmodule A.B do\n  use Ash.Resource\n  attributes do\n    attribute :x, :string\n');
    expect(r.ok ? 0 : r.error.problems[0]?.line).toBe(4);
    const none = fromElixir('defmodule A do\nend\n');
    expect(none.ok ? '' : none.error.problems[0]?.message).toBe('No module with `use Ash.Resource` found');
    const str = fromElixir('defmodule A do\n  @moduledoc "open\nend\n');
    expect(str.ok ? 0 : str.error.problems[0]?.line).toBe(2);
  });
});
