/**
 * The `actions do ... end` and `aggregates do ... end` blocks of an Ash resource
 * (docs/actions-and-aggregates.md). A resource without an `actions` key gets Ash's usual defaults
 * line (the model's four default actions); with the key, exactly its actions: default actions in
 * one `defaults [...]` line, then one entity per action object. `fromElixir` reads both back.
 */
import { normalizeActions } from '../actions/normalize';
import type { ActionDef, ActionEntry, ChangeDef } from '../actions/types';
import type { AggregateDef } from '../aggregates/types';
import type { AttributeType, NResource } from '../model/types';
import { atom, sortTerm, str, term } from './elixir-format';

/** What a resource without `actions` is exported as (and what the importer reads as no key). */
export const DEFAULT_ACTIONS_LINE = 'defaults [:read, :destroy, create: :*, update: :*]';

const DEFAULT_ITEM: Record<string, string> = { create: 'create: :*', update: 'update: :*', read: ':read', destroy: ':destroy' };

export function actionsBlock(actions: ActionEntry[] | undefined, n: NResource): string[] {
  if (actions === undefined) return ['  actions do', `    ${DEFAULT_ACTIONS_LINE}`, '  end'];
  const defaults = actions.filter((a): a is Exclude<ActionEntry, ActionDef> => typeof a === 'string');
  const objects = actions.filter((a): a is ActionDef => typeof a === 'object' && a !== null);
  const body: string[] = [];
  // Plain atoms and keyword items may not mix freely in Elixir: atoms first, then `create: :*`.
  const items = [...defaults.filter((d) => d === 'read' || d === 'destroy'), ...defaults.filter((d) => d === 'create' || d === 'update')];
  if (items.length > 0) body.push(`    defaults [${items.map((d) => DEFAULT_ITEM[d]).join(', ')}]`);
  // The model's default `accept` is every writable attribute; Ash 3's is none unless `default_accept`.
  if (objects.some((a) => (a.type === 'create' || a.type === 'update') && a.accept === undefined)) body.push('    default_accept :*');
  // Written order: defaults first. Keep each action's `primary` when that reordering would change it.
  const primaries = new Map(normalizeActions(actions).map((x, i) => [actions[i], x.primary] as const));
  const reordered = normalizeActions([...defaults, ...objects]);
  objects.forEach((a, i) => {
    const wanted = primaries.get(a);
    const fixed = wanted !== undefined && a.primary === undefined && reordered[defaults.length + i]?.primary !== wanted ? { ...a, primary: wanted } : a;
    body.push(...actionLines(fixed, n));
  });
  if (body.length === 0) body.push('    defaults []');
  return ['  actions do', ...body, '  end'];
}

function actionLines(a: ActionDef, n: NResource): string[] {
  const inner: string[] = [];
  if (a.primary !== undefined) inner.push(`primary? ${a.primary}`);
  if (a.description !== undefined) inner.push(`description ${str(a.description)}`);
  if (a.accept !== undefined) inner.push(a.accept.length === 1 && a.accept[0] === '*' ? 'accept :*' : `accept [${a.accept.map(atom).join(', ')}]`);
  for (const arg of a.arguments ?? []) {
    const opts: string[] = [];
    if (arg.allowNil !== undefined) opts.push(`allow_nil?: ${arg.allowNil}`);
    if (arg.default !== undefined) opts.push(`default: ${term(arg.default, arg.type)}`);
    if (arg.description !== undefined) opts.push(`description: ${str(arg.description)}`);
    inner.push(`argument ${atom(arg.name)}, ${atom(arg.type)}${opts.map((o) => `, ${o}`).join('')}`);
  }
  for (const c of a.changes ?? []) inner.push(`change ${changeCall(c, n)}`);
  const head = `    ${a.type} ${atom(a.name ?? a.type)}`;
  return inner.length === 0 ? [head] : [`${head} do`, ...inner.map((l) => `      ${l}`), '    end'];
}

const MANAGE_OPTIONS: [keyof Extract<ChangeDef, { kind: 'manage_relationship' }>, string][] = [
  ['type', 'type'], ['onLookup', 'on_lookup'], ['onNoMatch', 'on_no_match'], ['onMatch', 'on_match'], ['onMissing', 'on_missing'], ['valueIsKey', 'value_is_key'],
];

function changeCall(c: ChangeDef, n: NResource): string {
  if (c.kind === 'set_attribute') {
    const type: AttributeType | undefined = n.attributes.find((x) => x.name === c.attribute)?.type;
    return `set_attribute(${atom(c.attribute)}, ${term(c.value, type)})`;
  }
  const args = [atom(c.argument)];
  if (c.relationship !== undefined) args.push(atom(c.relationship));
  for (const [key, option] of MANAGE_OPTIONS) {
    const v = c[key];
    if (typeof v === 'string') args.push(`${option}: ${atom(v)}`);
  }
  return `manage_relationship(${args.join(', ')})`;
}

export function aggregatesBlock(aggregates: AggregateDef[] | undefined): string[] {
  if (aggregates === undefined) return [];
  return ['  aggregates do', ...aggregates.flatMap(aggregateLines), '  end'];
}

function aggregateLines(g: AggregateDef): string[] {
  const path = g.path.length === 1 ? atom(g.path[0] as string) : `[${g.path.map(atom).join(', ')}]`;
  const positionalField = g.field !== undefined && g.kind !== 'count';
  const inner: string[] = [];
  if (g.field !== undefined && !positionalField) inner.push(`field ${atom(g.field)}`);
  if (g.filter !== undefined) inner.push(`filter expr(${g.filter})`);
  if (g.sort !== undefined) inner.push(`sort ${sortTerm(g.sort)}`);
  if (g.uniq !== undefined) inner.push(`uniq? ${g.uniq}`);
  if (g.includeNil !== undefined) inner.push(`include_nil? ${g.includeNil}`);
  if (g.default !== undefined) inner.push(`default ${term(g.default)}`);
  if (g.description !== undefined) inner.push(`description ${str(g.description)}`);
  const head = `    ${g.kind} ${atom(g.name)}, ${path}${positionalField ? `, ${atom(g.field as string)}` : ''}`;
  return inner.length === 0 ? [head] : [`${head} do`, ...inner.map((l) => `      ${l}`), '    end'];
}
