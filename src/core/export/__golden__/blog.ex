# ==== lib/my_blog/content.ex
defmodule MyBlog.Content do
  # relata:model Blog
  use Ash.Domain

  resources do
    resource MyBlog.Content.Author
    resource MyBlog.Content.Post
    resource MyBlog.Content.Comment
    resource MyBlog.Content.Category
    resource MyBlog.Content.PostCategory
  end
end

# ==== lib/my_blog/content/author.ex
defmodule MyBlog.Content.Author do
  use Ash.Resource,
    domain: MyBlog.Content,
    data_layer: AshPostgres.DataLayer

  postgres do
    table "author"
    repo MyBlog.Repo
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
      public? true
    end
  end

  relationships do
    has_many :posts, MyBlog.Content.Post
  end
end

# ==== lib/my_blog/content/post.ex
defmodule MyBlog.Content.Post do
  use Ash.Resource,
    domain: MyBlog.Content,
    data_layer: AshPostgres.DataLayer

  postgres do
    table "post"
    repo MyBlog.Repo
  end

  actions do
    defaults [:read, :destroy, create: :*, update: :*]
  end

  attributes do
    integer_primary_key :id, writable?: true
    attribute :title, :string do
      allow_nil? false
      public? true
    end
    attribute :body, :string do
      public? true
    end
    attribute :published, :boolean do
      default false
      public? true
    end
    attribute :published_at, :utc_datetime do
      public? true
    end
  end

  relationships do
    belongs_to :author, MyBlog.Content.Author do
      attribute_type :integer
    end
    has_many :comments, MyBlog.Content.Comment do
      default_sort [:inserted_at]
    end
    many_to_many :categories, MyBlog.Content.Category do
      through MyBlog.Content.PostCategory
    end
  end
end

# ==== lib/my_blog/content/comment.ex
defmodule MyBlog.Content.Comment do
  use Ash.Resource,
    domain: MyBlog.Content,
    data_layer: AshPostgres.DataLayer

  postgres do
    table "comment"
    repo MyBlog.Repo
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
    belongs_to :post, MyBlog.Content.Post do
      attribute_type :integer
      allow_nil? false
    end
  end
end

# ==== lib/my_blog/content/category.ex
defmodule MyBlog.Content.Category do
  use Ash.Resource,
    domain: MyBlog.Content,
    data_layer: AshPostgres.DataLayer

  postgres do
    table "category"
    repo MyBlog.Repo
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
  end

  relationships do
    many_to_many :posts, MyBlog.Content.Post do
      through MyBlog.Content.PostCategory
    end
  end
end

# ==== lib/my_blog/content/post_category.ex
defmodule MyBlog.Content.PostCategory do
  use Ash.Resource,
    domain: MyBlog.Content,
    data_layer: AshPostgres.DataLayer

  resource do
    description "Join resource between posts and categories."
  end

  postgres do
    table "post_category"
    repo MyBlog.Repo
  end

  actions do
    defaults [:read, :destroy, create: :*, update: :*]
  end

  relationships do
    belongs_to :post, MyBlog.Content.Post do
      attribute_type :integer
      primary_key? true
      allow_nil? false
    end
    belongs_to :category, MyBlog.Content.Category do
      attribute_type :integer
      primary_key? true
      allow_nil? false
    end
  end
end

# ==== lib/my_blog/repo.ex
defmodule MyBlog.Repo do
  use AshPostgres.Repo, otp_app: :my_blog

  def installed_extensions, do: ["ash-functions", "citext"]

  def min_pg_version, do: %Version{major: 16, minor: 0, patch: 0}
end
