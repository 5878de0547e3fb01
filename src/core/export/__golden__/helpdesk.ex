# ==== lib/helpdesk/support.ex
defmodule Helpdesk.Support do
  # relata:model Helpdesk
  use Ash.Domain

  resources do
    resource Helpdesk.Support.User
    resource Helpdesk.Support.Representative
    resource Helpdesk.Support.Ticket
    resource Helpdesk.Support.Comment
  end
end

# ==== lib/helpdesk/support/user.ex
defmodule Helpdesk.Support.User do
  use Ash.Resource,
    domain: Helpdesk.Support,
    data_layer: AshPostgres.DataLayer

  resource do
    description "Someone who reports tickets and writes comments."
  end

  postgres do
    table "user"
    repo Helpdesk.Repo
  end

  actions do
    defaults [:read, :destroy, create: :*, update: :*]
  end

  attributes do
    integer_primary_key :id, writable?: true
    attribute :name, :string do
      allow_nil? false
      public? true
    end
    attribute :email, :ci_string do
      allow_nil? false
      public? true
    end
  end

  relationships do
    has_many :reported_tickets, Helpdesk.Support.Ticket do
      destination_attribute :reporter_id
    end
  end

  aggregates do
    count :reported_ticket_count, :reported_tickets
  end
end

# ==== lib/helpdesk/support/representative.ex
defmodule Helpdesk.Support.Representative do
  use Ash.Resource,
    domain: Helpdesk.Support,
    data_layer: AshPostgres.DataLayer

  resource do
    description "A support agent; tickets above their priority threshold need attention."
  end

  postgres do
    table "representative"
    repo Helpdesk.Repo
  end

  actions do
    defaults [:read, :destroy, create: :*, update: :*]
  end

  attributes do
    integer_primary_key :id, writable?: true
    attribute :name, :string do
      allow_nil? false
      public? true
    end
    attribute :priority_threshold, :integer do
      default 5
      public? true
    end
  end

  relationships do
    has_many :tickets, Helpdesk.Support.Ticket
    has_many :tickets_above_threshold, Helpdesk.Support.Ticket do
      manual Helpdesk.Support.Representative.Relationships.TicketsAboveThreshold
    end
  end

  aggregates do
    count :ticket_count, :tickets
    count :open_ticket_count, :tickets do
      filter expr(status == :open)
    end
  end
end

# ==== lib/helpdesk/support/representative/relationships/tickets_above_threshold.ex
defmodule Helpdesk.Support.Representative.Relationships.TicketsAboveThreshold do
  @moduledoc "Manual relationship Representative.tickets_above_threshold, translated from its JavaScript."
  use Ash.Resource.ManualRelationship
  require Ash.Query

  # relata:javascript
  # // The seed's TicketsAboveThreshold, in JavaScript against ctx.
  # export async function load(records, opts, ctx) {
  #   // Use existing records to limit results
  #   const repIds = records.map((r) => r.id);
  #   const tickets = await ctx.read(
  #     ctx.query
  #       .filter("representative_id in ^rep_ids", { rep_ids: repIds })
  #       .filter("priority > representative.priority_threshold")
  #   );
  #   // Positional return: element i holds the tickets of records[i]
  #   return records.map((r) => tickets.filter((t) => t.representative_id === r.id));
  # }
  #
  # relata:end

  @impl true
  def load(records, _opts, %{query: query} = context) do
    rep_ids = Enum.map(records, & &1.id)

    {:ok,
     query
     |> Ash.Query.filter(representative_id in ^rep_ids)
     |> Ash.Query.filter(priority > representative.priority_threshold)
     |> Ash.read!(Ash.Context.to_opts(context))
     |> Enum.group_by(& &1.representative_id)}
  end
end

# ==== lib/helpdesk/support/ticket.ex
defmodule Helpdesk.Support.Ticket do
  use Ash.Resource,
    domain: Helpdesk.Support,
    data_layer: AshPostgres.DataLayer

  postgres do
    table "ticket"
    repo Helpdesk.Repo
  end

  actions do
    defaults [:read, :destroy, create: :*, update: :*]
    create :open do
      accept [:subject]
      argument :reporter_id, :integer
      change set_attribute(:status, :new)
      change manage_relationship(:reporter_id, :reporter, type: :append_and_remove)
    end
    update :assign do
      accept []
      argument :representative_id, :integer, allow_nil?: false
      change manage_relationship(:representative_id, :representative, type: :append_and_remove)
    end
    update :start do
      accept []
      change set_attribute(:status, :open)
    end
    update :close do
      accept []
      change set_attribute(:status, :closed)
    end
  end

  attributes do
    integer_primary_key :id, writable?: true
    attribute :subject, :string do
      allow_nil? false
      public? true
      constraints min_length: 1
    end
    attribute :status, :atom do
      allow_nil? false
      default :open
      public? true
      constraints one_of: [:new, :open, :closed]
    end
    attribute :priority, :integer do
      default 1
      public? true
      constraints min: 0, max: 10
    end
  end

  relationships do
    belongs_to :reporter, Helpdesk.Support.User do
      attribute_type :integer
      allow_nil? false
    end
    belongs_to :representative, Helpdesk.Support.Representative do
      attribute_type :integer
    end
    has_many :comments, Helpdesk.Support.Comment
    has_many :higher_priority_tickets, Helpdesk.Support.Ticket do
      no_attributes? true
      filter expr(priority > parent(priority))
      sort [priority: :desc]
    end
  end

  aggregates do
    count :comment_count, :comments
  end
end

# ==== lib/helpdesk/support/comment.ex
defmodule Helpdesk.Support.Comment do
  use Ash.Resource,
    domain: Helpdesk.Support,
    data_layer: AshPostgres.DataLayer

  postgres do
    table "comment"
    repo Helpdesk.Repo
  end

  actions do
    defaults [:read, :destroy, create: :*, update: :*]
  end

  attributes do
    integer_primary_key :id, writable?: true
    attribute :body, :string do
      allow_nil? false
      public? true
    end
    attribute :inserted_at, :utc_datetime do
      default &DateTime.utc_now/0
      public? true
    end
  end

  relationships do
    belongs_to :ticket, Helpdesk.Support.Ticket do
      attribute_type :integer
      allow_nil? false
    end
    belongs_to :author, Helpdesk.Support.User do
      attribute_type :integer
    end
  end
end

# ==== lib/helpdesk/repo.ex
defmodule Helpdesk.Repo do
  use AshPostgres.Repo, otp_app: :helpdesk

  def installed_extensions, do: ["ash-functions", "citext"]

  def min_pg_version, do: %Version{major: 16, minor: 0, patch: 0}
end
