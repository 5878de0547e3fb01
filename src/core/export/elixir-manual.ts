/**
 * Manual relationships in Elixir. A `load` made only of key lists (`records.map((r) => r.id)`), one
 * `ctx.read` of `ctx.query` with string filters, and a positional grouping by a key of the source's
 * primary key (`records.map((r) => rows.filter((t) => t.k === r.id))`) translates to the seed's
 * `Ash.Query.filter |> Ash.read! |> Enum.group_by` shape; anything else becomes a stub. Either way
 * the JavaScript is kept verbatim in a comment between markers, which `fromElixir` reads back.
 */
import { parse, type Node } from 'acorn';
import type { JsonValue, ManualSource } from '../model/types';
import { kwKey, term } from './elixir-format';

export const JS_BEGIN = '# relata:javascript';
export const JS_END = '# relata:end';

export interface ManualModuleInput {
  module: string;
  owner: string;
  relationship: string;
  toMany: boolean;
  primaryKey: string;
  manual: ManualSource;
}

export function manualModule(m: ManualModuleInput): string {
  const translated = m.toMany ? translateLoad(m.manual.source, m.primaryKey) : undefined;
  const lines = [
    `defmodule ${m.module} do`,
    `  @moduledoc "Manual relationship ${m.owner}.${m.relationship}${translated ? ', translated from its JavaScript' : ''}."`,
    '  use Ash.Resource.ManualRelationship',
  ];
  if (translated) lines.push('  require Ash.Query');
  lines.push('', `  ${JS_BEGIN}`, ...m.manual.source.split('\n').map((l) => (l === '' ? '  #' : `  # ${l}`)), `  ${JS_END}`, '');
  if (translated) {
    lines.push('  @impl true', '  def load(records, _opts, %{query: query} = context) do', ...translated.map((l) => (l === '' ? '' : `    ${l}`)), '  end');
  } else {
    const empty = m.toMany ? '[]' : 'nil';
    lines.push(
      '  # NOT TRANSLATED: the JavaScript above does more than filters and grouping, so port it to',
      `  # Elixir by hand. Until then this stub relates nothing (${empty} for every record).`,
      '  @impl true',
      '  def load(records, _opts, _context) do',
      `    {:ok, Map.new(records, &{&1.${m.primaryKey}, ${empty}})}`,
      '  end',
    );
  }
  lines.push('end', '');
  return lines.join('\n');
}

/** Elixir `manual` option value: the module, with its options when there are some. */
export function manualOption(module: string, options: Record<string, JsonValue> | undefined): string {
  const entries = Object.entries(options ?? {});
  if (entries.length === 0) return module;
  return `{${module}, [${entries.map(([k, v]) => `${kwKey(k)} ${term(v)}`).join(', ')}]}`;
}

type N = Node & Record<string, unknown>;
const node = (x: unknown): N | undefined => (x !== null && typeof x === 'object' && 'type' in x ? (x as N) : undefined);
const isId = (x: unknown, name?: string): boolean => node(x)?.type === 'Identifier' && (name === undefined || node(x)?.name === name);

/** `(r) => r.field` with one parameter → `field`. */
function keyArrow(x: unknown): { param: string; field: string } | undefined {
  const f = node(x);
  if (f?.type !== 'ArrowFunctionExpression' || !Array.isArray(f.params) || f.params.length !== 1) return undefined;
  const p = node(f.params[0]);
  const b = node(f.body);
  if (p?.type !== 'Identifier' || b?.type !== 'MemberExpression' || b.computed || !isId(b.object, p.name as string)) return undefined;
  return { param: p.name as string, field: node(b.property)?.name as string };
}

/** `records.map(arg)` → arg. */
function recordsMap(x: unknown): unknown {
  const c = node(x);
  const callee = node(c?.callee);
  if (c?.type !== 'CallExpression' || callee?.type !== 'MemberExpression' || !isId(callee.object, 'records')) return undefined;
  if (node(callee.property)?.name !== 'map' || !Array.isArray(c.arguments) || c.arguments.length !== 1) return undefined;
  return c.arguments[0];
}

/** Elixir lines of `load/3`'s body, or undefined when the code is not in the translatable shape. */
export function translateLoad(source: string, primaryKey: string): string[] | undefined {
  let program: N;
  try {
    program = parse(source, { ecmaVersion: 'latest', sourceType: 'module' }) as unknown as N;
  } catch {
    return undefined;
  }
  const body = Array.isArray(program.body) ? program.body.map(node) : [];
  const fn = body.length === 1 ? node(body[0]?.declaration) : undefined;
  if (fn?.type !== 'FunctionDeclaration' || !isId(fn.id, 'load') || !Array.isArray(fn.params) || !isId(fn.params[0], 'records')) return undefined;
  const ctxName = node(fn.params[2])?.name;
  if (typeof ctxName !== 'string') return undefined;
  const stmts = (node(fn.body)?.body as unknown[] | undefined)?.map(node) ?? [];
  const keyLists = new Map<string, string>();
  const filters: string[] = [];
  const bindings: string[] = [];
  let rowsName: string | undefined;
  for (const s of stmts.slice(0, -1)) {
    const decl = s?.type === 'VariableDeclaration' && Array.isArray(s.declarations) && s.declarations.length === 1 ? node(s.declarations[0]) : undefined;
    const name = node(decl?.id)?.name as string | undefined;
    if (!decl || !name) return undefined;
    const key = keyArrow(recordsMap(decl.init));
    if (key) { keyLists.set(name, key.field); continue; }
    const read = node(node(decl.init)?.type === 'AwaitExpression' ? node(decl.init)?.argument : undefined);
    const readCallee = node(read?.callee);
    if (read?.type !== 'CallExpression' || readCallee?.type !== 'MemberExpression' || !isId(readCallee.object, ctxName) || node(readCallee.property)?.name !== 'read') return undefined;
    if (rowsName !== undefined || !Array.isArray(read.arguments) || !queryChain(read.arguments[0], ctxName, keyLists, filters, bindings)) return undefined;
    rowsName = name;
  }
  const ret = stmts[stmts.length - 1];
  const group = ret?.type === 'ReturnStatement' ? groupKey(ret.argument, rowsName) : undefined;
  if (!group || group.sourceKey !== primaryKey) return undefined;
  return [
    ...bindings,
    ...(bindings.length > 0 ? [''] : []),
    '{:ok,',
    ' query',
    ...filters.map((f) => ` |> Ash.Query.filter(${f})`),
    ' |> Ash.read!(Ash.Context.to_opts(context))',
    ` |> Enum.group_by(& &1.${group.rowKey})}`,
  ];
}

/** `ctx.query.filter("expr", { k: v }).filter(...)`, innermost first. */
function queryChain(x: unknown, ctxName: unknown, keyLists: Map<string, string>, filters: string[], bindings: string[]): boolean {
  const n = node(x);
  if (n?.type === 'MemberExpression') return isId(n.object, ctxName as string) && node(n.property)?.name === 'query';
  const callee = node(n?.callee);
  if (n?.type !== 'CallExpression' || callee?.type !== 'MemberExpression' || node(callee.property)?.name !== 'filter') return false;
  if (!queryChain(callee.object, ctxName, keyLists, filters, bindings)) return false;
  const args = (n.arguments as unknown[]).map(node);
  const expr = args[0];
  if (expr?.type !== 'Literal' || typeof expr.value !== 'string' || args.length > 2) return false;
  const params = args[1];
  for (const p of (params?.type === 'ObjectExpression' ? (params.properties as unknown[]) : []).map(node)) {
    const key = node(p?.key);
    const k = (key?.type === 'Identifier' ? key.name : key?.value) as unknown;
    if (typeof k !== 'string' || !/^[a-z_][a-z0-9_]*$/.test(k) || p?.computed) return false;
    const v = node(p?.value);
    const list = v?.type === 'Identifier' ? keyLists.get(v.name as string) : undefined;
    if (list !== undefined) bindings.push(`${k} = Enum.map(records, & &1.${list})`);
    else if (v?.type === 'Literal' && (typeof v.value === 'number' || typeof v.value === 'string')) bindings.push(`${k} = ${term(v.value)}`);
    else return false;
  }
  if (params !== undefined && params.type !== 'ObjectExpression') return false;
  filters.push(expr.value);
  return true;
}

/** `records.map((r) => rows.filter((t) => t.a === r.b))` → `{ rowKey: a, sourceKey: b }`. */
function groupKey(x: unknown, rowsName: string | undefined): { rowKey: string; sourceKey: string } | undefined {
  const outer = node(recordsMap(x));
  const outerParam = node(Array.isArray(outer?.params) ? outer.params[0] : undefined)?.name;
  const call = node(outer?.type === 'ArrowFunctionExpression' ? outer.body : undefined);
  const callee = node(call?.callee);
  if (call?.type !== 'CallExpression' || callee?.type !== 'MemberExpression' || !isId(callee.object, rowsName)) return undefined;
  if (node(callee.property)?.name !== 'filter' || !Array.isArray(call.arguments)) return undefined;
  const inner = node(call.arguments[0]);
  const innerParam = node(Array.isArray(inner?.params) ? inner.params[0] : undefined)?.name;
  const cmp = node(inner?.type === 'ArrowFunctionExpression' ? inner.body : undefined);
  if (cmp?.type !== 'BinaryExpression' || (cmp.operator !== '===' && cmp.operator !== '==')) return undefined;
  const l = node(cmp.left);
  const r = node(cmp.right);
  if (l?.type !== 'MemberExpression' || r?.type !== 'MemberExpression' || l.computed || r.computed) return undefined;
  if (!isId(l.object, innerParam as string) || !isId(r.object, outerParam as string)) return undefined;
  return { rowKey: node(l.property)?.name as string, sourceKey: node(r.property)?.name as string };
}
