# Counts, per resource module, what Elixir's own parser sees: relationships (name, kind) and
# attributes. Only `Code.string_to_quoted!` is used, nothing is compiled. Output: one JSON-ish line
# per resource: RES<TAB>module<TAB>kind:name,...<TAB>attr,...
defmodule RelataCount do
  @kinds [:belongs_to, :has_one, :has_many, :many_to_many]
  @attrs [:attribute, :uuid_primary_key, :uuid_v7_primary_key, :integer_primary_key, :create_timestamp, :update_timestamp]

  def run(paths) do
    for p <- paths do
      ast = Code.string_to_quoted!(File.read!(p), file: p)
      modules(ast, [], %{})
    end
  end

  defp modules({:defmodule, _, [{:__aliases__, _, parts}, [do: body]]}, parent, _aliases) do
    name = if parent != [] and not List.starts_with?(parts, parent), do: parent ++ parts, else: parts
    stmts = block(body)
    if Enum.any?(stmts, &resource_use?/1) and not embedded?(stmts) do
      rels = for {sec, _, [[do: b]]} <- stmts, sec == :relationships, {k, _, [n | _]} <- block(b), k in @kinds, is_atom(n), do: "#{k}:#{n}"
      attrs =
        for {sec, _, [[do: b]]} <- stmts, sec == :attributes, s <- block(b), a <- attr_names(s), do: a
      IO.puts("RES\t#{Enum.join(name, ".")}\t#{Enum.join(rels, ",")}\t#{Enum.join(attrs, ",")}")
    end
    Enum.each(stmts, &modules(&1, name, %{}))
  end
  defp modules({:__block__, _, xs}, parent, a), do: Enum.each(xs, &modules(&1, parent, a))
  defp modules(_, _, _), do: :ok

  defp attr_names({:timestamps, _, _}), do: ["inserted_at", "updated_at"]
  defp attr_names({k, _, [n | _]}) when k in @attrs and is_atom(n), do: [Atom.to_string(n)]
  defp attr_names(_), do: []

  defp resource_use?({:use, _, [{:__aliases__, _, [:Ash, :Resource]} | _]}), do: true
  defp resource_use?(_), do: false

  defp embedded?(stmts) do
    Enum.any?(stmts, fn
      {:use, _, [{:__aliases__, _, [:Ash, :Resource]}, opts]} when is_list(opts) -> Keyword.get(opts, :data_layer) == :embedded
      _ -> false
    end)
  end

  defp block({:__block__, _, xs}), do: xs
  defp block(x), do: [x]
end

RelataCount.run(System.argv())
