/**
 * Ash resources in Elixir: one file per module. A domain module (`model.module`, `use Ash.Domain`), a
 * resource module per resource (`attributes`, `relationships` with every option that differs from
 * Ash's default), `actions` and `aggregates` (elixir-actions.ts), a module per manual relationship (`elixir-manual.ts`) and, for AshPostgres, the
 * Repo. Attributes are written as the model has them (belongs_to attributes are left to Ash), so
 * `fromElixir` reads the same model back.
 */
import { normalizeModel, normalizeRelationship } from '../model/normalize';
import { stripIds } from '../model/ids';
import { snake } from '../model/snake';
import type { Attribute, Model, NResource, Relationship, Resource } from '../model/types';
import { aliasSegment, atom, modulePath, regex, sortTerm, str, term } from './elixir-format';
import { manualModule, manualOption } from './elixir-manual';
import { actionsBlock, aggregatesBlock } from './elixir-actions';
import { ASH2_MARKER, calculationsBlock, identitiesBlock, isAsh2, preservedLines, preservedSection, referenceLines } from './elixir-extensions';

export interface ElixirExportOptions {
  /** `postgres` (AshPostgres, with a Repo and `table`) or `ets` (no database needed). Default `postgres`. */
  dataLayer?: 'postgres' | 'ets';
  /** The Repo module for AshPostgres; default `<first segment of the model module>.Repo`. */
  repo?: string;
}

export interface ElixirFile {
  path: string;
  content: string;
}

/** The marker `fromElixir` reads the model's name from (a module name cannot carry it). */
export const MODEL_NAME_MARKER = '# relata:model ';

export function toElixir(withIds: Model, opts: ElixirExportOptions = {}): { files: ElixirFile[] } {
  const model = stripIds(withIds);
  const m = normalizeModel(model);
  const root = m.module.split('.')[0] ?? m.module;
  const dataLayer = opts.dataLayer ?? 'postgres';
  const repo = opts.repo ?? `${root}.Repo`;
  const modules = new Map(m.resources.map((r) => [r.name, r.module] as const));
  const moduleOf = (name: string) => modules.get(name) ?? `${m.module}.${name}`;
  const files: ElixirFile[] = [{ path: modulePath(m.module), content: domainModule(m.module, m.name, m.resources.filter((r) => !r.external)) }];
  for (const [i, r] of model.resources.entries()) {
    const n = m.resources[i] as NResource;
    if (r.external) continue;
    const ctx: ResourceContext = { model: m.module, moduleOf, dataLayer, repo, manualModules: [] };
    files.push({ path: modulePath(n.module), content: resourceModule(r, n, ctx) });
    for (const mm of ctx.manualModules) files.push({ path: modulePath(mm.module), content: mm.content });
  }
  if (dataLayer === 'postgres') files.push({ path: modulePath(repo), content: repoModule(repo, root, m.resources) });
  return { files };
}

interface ResourceContext {
  model: string;
  moduleOf: (name: string) => string;
  dataLayer: 'postgres' | 'ets';
  repo: string;
  manualModules: { module: string; content: string }[];
}

function domainModule(module: string, name: string, resources: NResource[]): string {
  return [
    `defmodule ${module} do`,
    `  ${MODEL_NAME_MARKER}${name}`,
    '  use Ash.Domain',
    '',
    '  resources do',
    ...resources.map((r) => `    resource ${r.module}`),
    '  end',
    'end',
    '',
  ].join('\n');
}

function repoModule(repo: string, root: string, resources: NResource[]): string {
  const citext = resources.some((r) => r.attributes.some((a) => a.type === 'ci_string'));
  return [
    `defmodule ${repo} do`,
    `  use AshPostgres.Repo, otp_app: ${atom(snake(root))}`,
    '',
    `  def installed_extensions, do: ${citext ? '["ash-functions", "citext"]' : '["ash-functions"]'}`,
    '',
    '  def min_pg_version, do: %Version{major: 16, minor: 0, patch: 0}',
    'end',
    '',
  ].join('\n');
}

/**
 * Sections the importer both models and keeps verbatim (read from one block): the preserved block is
 * written and the generated one left out. Actions and aggregates are modelled or kept whole, never both.
 */
const REPLACEABLE = ['use', 'resource', 'postgres', 'identities', 'calculations'];

function resourceModule(r: Resource, n: NResource, ctx: ResourceContext): string {
  const layer = ctx.dataLayer === 'postgres' ? 'AshPostgres.DataLayer' : 'Ash.DataLayer.Ets';
  // Preserved sections come back verbatim in their original order; a generated section they replace is left out.
  const inPlace = new Set(REPLACEABLE.filter((s) => preservedSection(r, s) !== undefined));
  const use = preservedSection(r, 'use');
  const out = [`defmodule ${n.module} do`];
  if (isAsh2(r)) out.push(`  ${ASH2_MARKER}`);
  if (!use) out.push('  use Ash.Resource,', `    domain: ${ctx.model},`, `    data_layer: ${layer}`, '');
  out.push(...preservedLines(r, new Set()));
  if (!inPlace.has('resource') && r.description !== undefined) out.push('  resource do', `    description ${str(r.description)}`, '  end', '');
  if (!inPlace.has('postgres') && ctx.dataLayer === 'postgres') out.push('  postgres do', `    table ${str(n.table)}`, `    repo ${ctx.repo}`, ...referenceLines(n), '  end', '');
  if (!(r.actions === undefined && preservedSection(r, 'actions'))) out.push(...actionsBlock(r.actions, n));
  const ash2 = isAsh2(r);
  const attributes = r.attributes ?? [];
  if (attributes.length > 0) out.push('', '  attributes do', ...attributes.flatMap((a) => attributeLines(a, ash2)), '  end');
  const rels = r.relationships ?? [];
  if (rels.length > 0) out.push('', '  relationships do', ...rels.flatMap((rel) => relationshipLines(rel, n, ctx)), '  end');
  if (!inPlace.has('identities')) out.push(...identitiesBlock(r.identities));
  if (!inPlace.has('calculations')) out.push(...calculationsBlock(r.calculations, ash2));
  const aggregates = aggregatesBlock(r.aggregates);
  if (aggregates.length > 0) out.push('', ...aggregates);
  out.push('end', '');
  return out.join('\n');
}

function attributeLines(a: Attribute, ash2 = false): string[] {
  const writable = a.writable ?? true;
  const isPublic = a.public ?? true;
  const shorthand =
    a.primaryKey === true && (a.allowNil ?? false) === false && a.default === undefined && a.constraints === undefined &&
    a.description === undefined &&
    ((a.type === 'uuid' && a.generated === 'uuid') || (a.type === 'integer' && a.generated === 'increment'));
  if (shorthand) {
    // Ash's shorthands default to writable? false and public? true.
    const opts = [writable ? 'writable?: true' : '', isPublic ? '' : ash2 ? 'private?: true' : 'public?: false'].filter((o) => o !== '');
    const kind = a.type === 'uuid' ? (a.ashType === ':uuid_v7' ? 'uuid_v7' : 'uuid') : 'integer';
    return [`    ${kind}_primary_key ${atom(a.name)}${opts.map((o) => `, ${o}`).join('')}`];
  }
  const body: string[] = [];
  if (a.primaryKey) body.push('primary_key? true');
  const allowNil = a.allowNil ?? !(a.primaryKey ?? false);
  if (allowNil !== true) body.push('allow_nil? false');
  else if (a.primaryKey) body.push('allow_nil? true');
  if (a.generated === 'uuid') body.push('default &Ash.UUID.generate/0');
  else if (a.generated === 'now') body.push(a.type === 'date' ? 'default &Date.utc_today/0' : 'default &DateTime.utc_now/0');
  else if (a.generated === 'increment') body.push('generated? true');
  if (a.default !== undefined && a.generated === undefined) body.push(`default ${term(a.default, a.type)}`);
  if (!writable) body.push('writable? false');
  // Ash 3 attributes are private unless `public? true` (Ash 2: public unless `private? true`).
  if (isPublic && !ash2) body.push('public? true');
  if (!isPublic && ash2) body.push('private? true');
  const c = a.constraints;
  if (c) {
    const kw: string[] = [];
    if (c.oneOf !== undefined) kw.push(`one_of: ${term(c.oneOf, a.type === 'atom' ? 'atom' : undefined)}`);
    if (c.min !== undefined) kw.push(`min: ${term(c.min, a.type)}`);
    if (c.max !== undefined) kw.push(`max: ${term(c.max, a.type)}`);
    if (c.minLength !== undefined) kw.push(`min_length: ${c.minLength}`);
    if (c.maxLength !== undefined) kw.push(`max_length: ${c.maxLength}`);
    if (c.match !== undefined) kw.push(`match: ${regex(c.match)}`);
    if (kw.length > 0) body.push(`constraints ${kw.join(', ')}`);
  }
  if (a.description !== undefined) body.push(`description ${str(a.description)}`);
  const head = `    attribute ${atom(a.name)}, ${a.ashType ?? atom(a.type)}`;
  return body.length === 0 ? [head] : [`${head} do`, ...body.map((b) => `      ${b}`), '    end'];
}

const OPTION_NAMES: Record<string, string> = {
  sourceAttribute: 'source_attribute', destinationAttribute: 'destination_attribute', filter: 'filter', sort: 'sort',
  defaultSort: 'default_sort', validateDestinationAttribute: 'validate_destination_attribute?', description: 'description',
  allowNil: 'allow_nil?', primaryKey: 'primary_key?', attributeType: 'attribute_type', attributeWritable: 'attribute_writable?',
  defineAttribute: 'define_attribute?', fromMany: 'from_many?', offset: 'offset', limit: 'limit', noAttributes: 'no_attributes?',
  through: 'through', sourceAttributeOnJoinResource: 'source_attribute_on_join_resource',
  destinationAttributeOnJoinResource: 'destination_attribute_on_join_resource', joinRelationship: 'join_relationship',
};

function relationshipLines(rel: Relationship, owner: NResource, ctx: ResourceContext): string[] {
  // Defaults of this kind for this name and destination: an option equal to it is left out.
  const bare = normalizeRelationship({ kind: rel.kind, name: rel.name, destination: rel.destination } as Relationship, owner.name);
  const defaults = bare as unknown as Record<string, unknown>;
  const body: string[] = [];
  for (const [key, value] of Object.entries(rel)) {
    const option = OPTION_NAMES[key];
    if (option === undefined || value === undefined) continue;
    if (JSON.stringify(value) === JSON.stringify(defaults[key]) && key !== 'through') continue;
    body.push(`${option} ${optionValue(key, value, ctx)}`);
  }
  if ((rel.kind === 'has_many' || rel.kind === 'has_one') && rel.manual) {
    const module = `${owner.module}.Relationships.${aliasSegment(rel.name)}`;
    const primaryKey = owner.attributes.find((a) => a.primaryKey)?.name ?? 'id';
    const content = manualModule({ module, owner: owner.name, relationship: rel.name, toMany: rel.kind === 'has_many', primaryKey, manual: rel.manual });
    ctx.manualModules.push({ module, content });
    body.push(`manual ${manualOption(module, rel.manual.options)}`);
  }
  const head = `    ${rel.kind} ${atom(rel.name)}, ${ctx.moduleOf(rel.destination)}`;
  return body.length === 0 ? [head] : [`${head} do`, ...body.map((b) => `      ${b}`), '    end'];
}

function optionValue(key: string, value: unknown, ctx: ResourceContext): string {
  switch (key) {
    case 'filter':
      return `expr(${String(value)})`;
    case 'sort':
    case 'defaultSort':
      return sortTerm(value as Parameters<typeof sortTerm>[0]);
    case 'through':
      return ctx.moduleOf(String(value));
    case 'description':
      return str(String(value));
    default:
      return typeof value === 'string' ? atom(value) : String(value);
  }
}


/**
 * One resource as its Ash resource module alone (no manual-relationship modules, no Repo): the text
 * the code panel edits. `undefined` when the model has no resource called `name`.
 */
export function toElixirResource(withIds: Model, name: string, opts: ElixirExportOptions = {}): string | undefined {
  const model = stripIds(withIds);
  const i = model.resources.findIndex((r) => r.name === name);
  const r = model.resources[i];
  if (!r) return undefined;
  const m = normalizeModel(model);
  return resourceModule(r, m.resources[i] as NResource, resourceContext(m, opts));
}

/**
 * The whole model as one Elixir text: the domain module, then every resource module (manual
 * modules and the Repo left out). `fromElixir` reads it back to the same model.
 */
export function toElixirSource(withIds: Model, opts: ElixirExportOptions = {}): string {
  const model = stripIds(withIds);
  const m = normalizeModel(model);
  const ctx = resourceContext(m, opts);
  const parts = [domainModule(m.module, m.name, m.resources.filter((r) => !r.external))];
  for (const [i, r] of model.resources.entries()) if (!r.external) parts.push(resourceModule(r, m.resources[i] as NResource, { ...ctx, manualModules: [] }));
  return parts.join('\n');
}

function resourceContext(m: ReturnType<typeof normalizeModel>, opts: ElixirExportOptions): ResourceContext {
  const root = m.module.split('.')[0] ?? m.module;
  const modules = new Map(m.resources.map((r) => [r.name, r.module] as const));
  return {
    model: m.module,
    moduleOf: (name: string) => modules.get(name) ?? `${m.module}.${name}`,
    dataLayer: opts.dataLayer ?? 'postgres',
    repo: opts.repo ?? `${root}.Repo`,
    manualModules: [],
  };
}
