# ==== lib/twitter/social.ex
defmodule Twitter.Social do
  # relata:model Twitter
  use Ash.Domain

  resources do
    resource Twitter.Social.User
    resource Twitter.Social.Tweet
    resource Twitter.Social.Hashtag
    resource Twitter.Social.TweetHashtag
    resource Twitter.Social.Follow
  end
end

# ==== lib/twitter/social/user.ex
defmodule Twitter.Social.User do
  use Ash.Resource,
    domain: Twitter.Social,
    data_layer: AshPostgres.DataLayer

  postgres do
    table "user"
    repo Twitter.Repo
  end

  actions do
    defaults [:read, :destroy, create: :*, update: :*]
  end

  attributes do
    integer_primary_key :id, writable?: true
    attribute :username, :ci_string do
      allow_nil? false
      public? true
      constraints match: ~r/^[a-z0-9_]+$/
    end
    attribute :display_name, :string do
      public? true
    end
  end

  relationships do
    has_many :tweets, Twitter.Social.Tweet do
      destination_attribute :author_id
    end
    many_to_many :followers, Twitter.Social.User do
      through Twitter.Social.Follow
      source_attribute_on_join_resource :followee_id
      destination_attribute_on_join_resource :follower_id
    end
    many_to_many :following, Twitter.Social.User do
      through Twitter.Social.Follow
      source_attribute_on_join_resource :follower_id
      destination_attribute_on_join_resource :followee_id
    end
  end
end

# ==== lib/twitter/social/tweet.ex
defmodule Twitter.Social.Tweet do
  use Ash.Resource,
    domain: Twitter.Social,
    data_layer: AshPostgres.DataLayer

  postgres do
    table "tweet"
    repo Twitter.Repo
  end

  actions do
    defaults [:read, :destroy, create: :*, update: :*]
  end

  attributes do
    integer_primary_key :id, writable?: true
    attribute :text, :string do
      allow_nil? false
      public? true
      constraints max_length: 280
    end
    attribute :inserted_at, :utc_datetime do
      default &DateTime.utc_now/0
      public? true
    end
  end

  relationships do
    belongs_to :author, Twitter.Social.User do
      attribute_type :integer
      allow_nil? false
    end
    many_to_many :hashtags, Twitter.Social.Hashtag do
      through Twitter.Social.TweetHashtag
    end
  end
end

# ==== lib/twitter/social/hashtag.ex
defmodule Twitter.Social.Hashtag do
  use Ash.Resource,
    domain: Twitter.Social,
    data_layer: AshPostgres.DataLayer

  postgres do
    table "hashtag"
    repo Twitter.Repo
  end

  actions do
    defaults [:read, :destroy, create: :*, update: :*]
  end

  attributes do
    integer_primary_key :id, writable?: true
    attribute :name, :ci_string do
      allow_nil? false
      public? true
    end
  end

  relationships do
    many_to_many :tweets, Twitter.Social.Tweet do
      through Twitter.Social.TweetHashtag
    end
  end
end

# ==== lib/twitter/social/tweet_hashtag.ex
defmodule Twitter.Social.TweetHashtag do
  use Ash.Resource,
    domain: Twitter.Social,
    data_layer: AshPostgres.DataLayer

  resource do
    description "Join resource: one row per hashtag used in a tweet."
  end

  postgres do
    table "tweet_hashtag"
    repo Twitter.Repo
  end

  actions do
    defaults [:read, :destroy, create: :*, update: :*]
  end

  relationships do
    belongs_to :tweet, Twitter.Social.Tweet do
      attribute_type :integer
      primary_key? true
      allow_nil? false
    end
    belongs_to :hashtag, Twitter.Social.Hashtag do
      attribute_type :integer
      primary_key? true
      allow_nil? false
    end
  end
end

# ==== lib/twitter/social/follow.ex
defmodule Twitter.Social.Follow do
  use Ash.Resource,
    domain: Twitter.Social,
    data_layer: AshPostgres.DataLayer

  resource do
    description "Join resource: `follower` follows `followee`."
  end

  postgres do
    table "follow"
    repo Twitter.Repo
  end

  actions do
    defaults [:read, :destroy, create: :*, update: :*]
  end

  attributes do
    attribute :inserted_at, :utc_datetime do
      default &DateTime.utc_now/0
      public? true
    end
  end

  relationships do
    belongs_to :follower, Twitter.Social.User do
      attribute_type :integer
      primary_key? true
      allow_nil? false
    end
    belongs_to :followee, Twitter.Social.User do
      attribute_type :integer
      primary_key? true
      allow_nil? false
    end
  end
end

# ==== lib/twitter/repo.ex
defmodule Twitter.Repo do
  use AshPostgres.Repo, otp_app: :twitter

  def installed_extensions, do: ["ash-functions", "citext"]

  def min_pg_version, do: %Version{major: 16, minor: 0, patch: 0}
end
