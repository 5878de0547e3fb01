/** Each construct of issue 11 on its own: read with tree-sitter, skipped or carried, never fatal. */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadElixirParserNode } from '../../node/elixir-parser';
import { toElixirSource } from '../export/elixir';
import { validateModel } from '../validate/validate';
import { fromElixir, fromElixirFiles } from './elixir';

beforeAll(loadElixirParserNode);

const resource = (body: string, use = 'use Ash.Resource, domain: App.Blog') => `defmodule App.Blog.Post do
  ${use}

  attributes do
    uuid_primary_key :id
  end
${body}
end
`;

function read(text: string) {
  const r = fromElixir(text);
  if (!r.ok) throw new Error(JSON.stringify(r.error.problems));
  return r.value;
}

describe('Elixir constructs Code.string_to_quoted! accepts are skipped or read', () => {
  it('if/else inside expr, cond, multi-line &&, sigils, heredocs, module attributes', () => {
    const v = read(resource(`
  @moduledoc """
  A post.
    Indented.
  """
  @max 10
  calculations do
    calculate :label, :string, expr(if is_nil(title) do "untitled" else title end)
  end

  def check(a, b) do
    cond do
      a == b &&
          b > 1 -> ~r/x+/i
      true -> ~w(a b c)a
    end
  end
`));
    const post = v.model.resources[0]!;
    expect(post.calculations?.[0]).toMatchObject({ name: 'label', type: 'string', expression: 'nil' });
    expect(post.calculations?.[0]?.ashSource).toContain('if is_nil(title) do "untitled" else title end');
    expect(post.preserved?.map((p) => p.section)).toEqual(['@moduledoc', '@max', 'calculations', 'def']);
    expect(post.preserved?.[0]?.text).toBe('@moduledoc """\nA post.\n  Indented.\n"""');
  });

  it('__MODULE__, alias as:, alias A.{B, C} and sort inside a relationship block', () => {
    const text = `defmodule App.Blog.Post do
  use Ash.Resource, domain: App.Blog
  alias App.Accounts, as: Acc
  alias App.Blog.{Comment, Tag}

  attributes do
    uuid_primary_key :id
  end

  relationships do
    belongs_to :parent, __MODULE__
    belongs_to :author, Acc.User
    has_many :comments, Comment do
      sort inserted_at: :desc
    end
    has_many :tags, Tag, sort: [name: :asc]
  end
end

defmodule App.Blog.Comment do
  use Ash.Resource, domain: App.Blog
  attributes do
    uuid_primary_key :id
    create_timestamp :inserted_at
  end
  relationships do
    belongs_to :post, App.Blog.Post
  end
end

defmodule App.Blog.Tag do
  use Ash.Resource, domain: App.Blog
  attributes do
    uuid_primary_key :id
    attribute :name, :string
  end
  relationships do
    belongs_to :post, App.Blog.Post
  end
end
`;
    const v = read(text);
    const post = v.model.resources.find((r) => r.name === 'Post')!;
    expect(post.relationships?.map((r) => [r.name, r.destination])).toEqual([['parent', 'Post'], ['author', 'User'], ['comments', 'Comment'], ['tags', 'Tag']]);
    expect(post.relationships?.[2]?.sort).toEqual([{ field: 'inserted_at', order: 'desc' }]);
    expect(post.relationships?.[3]?.sort).toEqual([{ field: 'name', order: 'asc' }]);
    expect(v.model.resources.find((r) => r.name === 'User')).toEqual({ name: 'User', module: 'App.Accounts.User', external: true, attributes: [{ name: 'id', type: 'uuid', primaryKey: true }] });
    expect(validateModel(v.model).filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('same short names in different namespaces get distinct names and keep their module', () => {
    const tag = (ns: string) => `defmodule AshHq.${ns}.Tag do\n  use Ash.Resource, domain: AshHq.${ns}\n  attributes do\n    uuid_primary_key :id\n  end\nend\n`;
    const r = fromElixirFiles([{ path: 'blog/tag.ex', text: tag('Blog') }, { path: 'discord/tag.ex', text: tag('Discord') }]);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.model.module).toBe('AshHq');
    expect(r.value.model.resources.map((x) => [x.name, x.module])).toEqual([['BlogTag', 'AshHq.Blog.Tag'], ['DiscordTag', 'AshHq.Discord.Tag']]);
  });

  it('types as written: arrays, unions, binary, time, naive_datetime, usec, decimal, ci_string, embedded, custom, enum; also in arguments', () => {
    const text = `defmodule App.Money do
  use Ash.Resource, data_layer: :embedded
  attributes do
    attribute :amount, :decimal
  end
end

defmodule App.Status do
  use Ash.Type.Enum, values: [:draft, :live]
end

${resource(`
  actions do
    create :tag do
      argument :tags, {:array, :string}
    end
  end
`).replace(`    uuid_primary_key :id
`, `    uuid_primary_key :id
    attribute :tags, {:array, :string}, public?: true
    attribute :payload, :union
    attribute :blob, :binary
    attribute :at, :time
    attribute :naive, :naive_datetime
    attribute :stamp, :utc_datetime_usec
    attribute :price, :decimal
    attribute :email, :ci_string
    attribute :money, App.Money
    attribute :custom, App.Types.Color
    attribute :status, App.Status
    attribute :is_public?, :boolean
    attribute :done!, :boolean
`)}`;
    const v = read(text);
    expect(v.model.resources.map((r) => r.name)).toEqual(['Post']);
    const attrs = v.model.resources[0]!.attributes!.slice(1).map((a) => [a.name, a.type, a.ashType ?? null]);
    expect(attrs).toEqual([
      ['tags', 'map', '{:array, :string}'], ['payload', 'map', ':union'], ['blob', 'string', ':binary'], ['at', 'string', ':time'],
      ['naive', 'utc_datetime', ':naive_datetime'], ['stamp', 'utc_datetime', ':utc_datetime_usec'], ['price', 'decimal', null],
      ['email', 'ci_string', null], ['money', 'map', 'App.Money'], ['custom', 'map', 'App.Types.Color'], ['status', 'atom', 'App.Status'],
      ['is_public?', 'boolean', null], ['done!', 'boolean', null],
    ]);
    expect(v.model.resources[0]!.attributes!.find((a) => a.name === 'status')?.constraints).toEqual({ oneOf: ['draft', 'live'] });
    expect(v.warnings.some((w) => w.message.startsWith('Embedded resource App.Money is a type'))).toBe(true);
    // The action's argument type is kept by keeping the whole actions section verbatim.
    expect(v.model.resources[0]!.preserved?.find((p) => p.section === 'actions')?.text).toContain('argument :tags, {:array, :string}');
  });

  it('public? follows the Ash version: Ash 3 private by default, Ash 2 (api:) public unless private? true', () => {
    const body = `
  attributes do
    attribute :a, :string
    attribute :b, :string, public?: true
  end`;
    const ash3 = read(`defmodule App.X do\n  use Ash.Resource, domain: App\n${body}\nend\n`).model.resources[0]!;
    expect(ash3.attributes?.map((a) => a.public ?? true)).toEqual([false, true]);
    const ash2 = read(`defmodule App.X do\n  use Ash.Resource, api: App.Api\n  attributes do\n    attribute :a, :string\n    attribute :b, :string, private?: true\n  end\nend\n`).model.resources[0]!;
    expect(ash2.attributes?.map((a) => a.public ?? true)).toEqual([true, false]);
    expect(ash2.ashVersion).toBe(2);
  });

  it('identities, translated calculations, references, preserved sections; exported back verbatim', () => {
    const text = resource(`
  postgres do
    table "posts"
    repo App.Repo
    references do
      reference :author, on_delete: :delete, on_update: :update
    end
  end

  relationships do
    belongs_to :author, App.Blog.Post
  end

  identities do
    identity :unique_title, [:id, :author_id]
  end

  calculations do
    calculate :has_author, :boolean, expr(not is_nil(author_id)), public?: true
  end

  policies do
    policy action_type(:read) do
      authorize_if always()
    end
  end

  code_interface do
    define :get, args: [:id]
  end
`);
    const v = read(text);
    const post = v.model.resources[0]!;
    expect(post.identities).toEqual([{ name: 'unique_title', keys: ['id', 'author_id'] }]);
    expect(post.calculations).toEqual([{ name: 'has_author', type: 'boolean', expression: 'not is_nil(author_id)', public: true }]);
    expect(post.relationships?.[0]).toMatchObject({ name: 'author', onDelete: 'cascade', onUpdate: 'cascade' });
    expect(post.preserved?.map((p) => p.section)).toEqual(['policies', 'code_interface']);
    const out = toElixirSource(v.model);
    expect(out).toContain('  policies do\n    policy action_type(:read) do\n      authorize_if always()\n    end\n  end');
    expect(out).toContain('identity :unique_title, [:id, :author_id]');
    expect(out).toContain('reference :author, on_delete: :delete, on_update: :update');
    const again = read(out);
    expect(again.model.resources[0]).toEqual(post);
  });

  it('has_many through a path: kept with no_attributes? true and a warning', () => {
    const v = read(resource(`
  relationships do
    has_many :siblings, App.Blog.Post, through: [:parent, :children]
  end
`));
    expect(v.model.resources[0]!.relationships?.[0]).toMatchObject({ kind: 'has_many', name: 'siblings', noAttributes: true });
    expect(v.warnings.some((w) => /path through of has_many :siblings/.test(w.message))).toBe(true);
  });

  it('a file with a syntax error is a warning with its file and line; the others import; all broken is an error', () => {
    const good = { path: 'good.ex', text: resource('') };
    const bad = { path: 'bad.ex', text: 'defmodule App.Bad do\n  use Ash.Resource\n  attributes do\n    attribute :x, :string\n' };
    const r = fromElixirFiles([good, bad]);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.model.resources.map((x) => x.name)).toEqual(['Post']);
    expect(r.value.warnings).toEqual([{ file: 'bad.ex', line: 4, message: 'Syntax error: unexpected end of input (a missing `end`?); this file is not imported' }]);
    const none = fromElixirFiles([bad]);
    expect(none.ok ? [] : none.error.problems).toEqual([{ file: 'bad.ex', line: 4, message: 'Syntax error: unexpected end of input (a missing `end`?); this file is not imported' }]);
  });
});
