/**
 * Ash resource modules (pasted Elixir) → model: `defmodule` blocks that `use Ash.Resource` become
 * resources, `use Ash.Domain` names the model's module, `use Ash.Resource.ManualRelationship`
 * modules give manual relationships their JavaScript back (from the `# relata:javascript` comment
 * the exporter writes). Reads the subset `toElixir` writes plus the common hand-written forms.
 * Options with no model equivalent are warnings; anything unreadable fails the import with its line.
 */
import { JS_BEGIN, JS_END } from '../export/elixir-manual';
import { MODEL_NAME_MARKER } from '../export/elixir';
import { ASH2_MARKER } from '../export/elixir-extensions';
import { aliasSegment } from '../export/elixir-format';
import { normalizeModel } from '../model/normalize';
import { parseModel } from '../model/parse';
import { snake } from '../model/snake';
import { err, ok } from '../result';
import { MODEL_FORMAT, type AttributeType, type Model, type PreservedBlock, type Resource } from '../model/types';
import { validateModel } from '../validate/validate';
import type { ActionEntry } from '../actions/types';
import { readAttributes, readRelationships, type Reader } from './elixir-dsl';
import { readActions, readAggregates } from './elixir-actions';
import { ExParser, type ExStmt, type ExVal } from './elixir-parse';
import { tokenizeElixir, type ExComment } from './elixir-lex';
import { readCalculations, readIdentities, readPostgres, stmtText } from './elixir-sections';
import { elixirParserReady, parseElixir } from './elixir-tree';
import type { TypeModule } from './elixir-types';
import { importError, SyntaxFailure, type ImportProblem, type ImportResult, type SourceFile } from './errors';

interface ModuleInfo {
  name: string;
  uses: string;
  /** The `use` statement (its options: `domain:`, `api:`, `data_layer:`, ...). */
  use?: ExStmt;
  body: ExStmt[];
  line: number;
  endLine: number;
  file?: string;
  comments: ExComment[];
}

/**
 * Ash resource modules → model. `text` is one pasted text; see `fromElixirFiles` for whole apps.
 * With `context` (the model the text is edited in, e.g. one resource module of it), module aliases
 * may also name the context's resources, the model's module and name default to the context's, and
 * a `manual` module of a context relationship gets that relationship's JavaScript back; in that mode
 * an unknown destination or an unreadable construct is an error (the code panel shows it).
 */
export function fromElixir(text: string, context?: Model): ImportResult {
  return importElixir([{ path: '', text }], context);
}

/**
 * Several Elixir files (a whole app) as one model: every Ash resource becomes a resource, Ash domains
 * (and Ash 2 APIs) give the model's module, destinations outside the files become external
 * placeholders, and what cannot be represented is a warning naming file and line. Fails only when
 * nothing can be imported. Uses tree-sitter when `loadElixirParser()` has run, else the built-in parser.
 */
export function fromElixirFiles(files: readonly SourceFile[]): ImportResult {
  return importElixir(files, undefined);
}

function parseFile(f: SourceFile): { stmts: ExStmt[]; comments: ExComment[] } | ImportProblem {
  if (elixirParserReady()) {
    const p = parseElixir(f.text);
    const first = p.syntaxErrors[0];
    if (first) return { line: first.line, message: `${first.message}; this file is not imported` };
    return p;
  }
  try {
    const lexed = tokenizeElixir(f.text);
    return { stmts: new ExParser(lexed.toks, f.text).program(), comments: lexed.comments };
  } catch (e) {
    if (e instanceof SyntaxFailure) return { line: e.line, message: e.message };
    throw e;
  }
}

function importElixir(files: readonly SourceFile[], context: Model | undefined): ImportResult {
  const strict = context !== undefined;
  const problems: ImportProblem[] = [];
  const warnings: ImportProblem[] = [];
  const modules: ModuleInfo[] = [];
  const fileOf = (path: string) => (path === '' ? {} : { file: path });
  for (const f of files) {
    const parsed = parseFile(f);
    if ('message' in parsed) { (strict || files.length === 1 ? problems : warnings).push({ ...parsed, ...fileOf(f.path) }); continue; }
    const found: ModuleInfo[] = [];
    const fileProblems: ImportProblem[] = [];
    collectModules(parsed.stmts, '', found, fileProblems);
    for (const m of found) {
      if (f.path !== '') m.file = f.path;
      m.comments = parsed.comments;
      const first = modules.find((x) => x.name === m.name);
      if (first) fileProblems.push({ line: m.line, message: `Module ${m.name} is defined again (first in ${first.file ?? 'this text'} line ${first.line}); this one is skipped` });
      else modules.push(m);
    }
    (strict ? problems : warnings).push(...fileProblems.map((p) => ({ ...p, ...fileOf(f.path) })));
  }
  if (problems.length > 0) return err(importError('Elixir', problems));
  const kinds = classify(modules);
  const resources = modules.filter((m) => kinds.get(m) === 'resource');
  const domains = modules.filter((m) => kinds.get(m) === 'domain');
  if (resources.length === 0) {
    return err(importError('Elixir', [...warnings.filter((w) => w.message.includes('not imported')), { line: 1, message: 'No module with `use Ash.Resource` found' }]));
  }
  for (const m of modules) {
    if (kinds.get(m) === 'other') warnings.push({ line: m.line, ...fileOf(m.file ?? ''), message: `Module ${m.name} is not an Ash resource or domain; skipped` });
    if (kinds.get(m) === 'embedded') warnings.push({ line: m.line, ...fileOf(m.file ?? ''), message: `Embedded resource ${m.name} is a type, not a resource: attributes of this type are stored as map with ashType ${m.name}` });
  }
  const known = context ? contextLookups(context) : undefined;
  const domain = domains.length === 1 ? domains[0] : undefined;
  const modelModule = domain?.name ?? known?.module ?? (domains.length > 1 ? commonPrefix(domains.map((d) => `${d.name}.X`)) : commonPrefix(resources.map((r) => r.name)));
  const names = resourceNames(resources.map((r) => r.name));
  const used = new Set(names.values());
  const shortNames = new Map<string, string[]>();
  for (const r of resources) {
    const short = r.name.slice(r.name.lastIndexOf('.') + 1);
    shortNames.set(short, [...(shortNames.get(short) ?? []), r.name]);
  }
  const manualJs = new Map<string, string | undefined>();
  for (const m of modules) if (kinds.get(m) === 'manual') manualJs.set(m.name, javascriptOf(m.comments, m));
  const types = typeModules(modules, kinds);
  const placeholders = new Map<string, Resource>();
  let current: ModuleInfo | undefined;
  const here = () => fileOf(current?.file ?? '');
  const reader: Reader = {
    problems,
    warnings,
    strict,
    resolve(alias: string, line: number, keyType?: AttributeType): string | undefined {
      const suffix = resources.filter((r) => r.name.endsWith(`.${alias}`));
      const full = names.has(alias) ? alias : suffix.length === 1 ? suffix[0]?.name : shortNames.get(alias)?.length === 1 ? shortNames.get(alias)?.[0] : undefined;
      const name = (full === undefined ? undefined : names.get(full)) ?? known?.byModule.get(alias) ?? (known?.names.has(alias) ? alias : undefined);
      if (name !== undefined) return name;
      if (strict) { problems.push({ line, message: `${alias} is not one of the pasted resources` }); return undefined; }
      const existing = placeholders.get(alias);
      if (existing) return existing.name;
      const placeholder = externalPlaceholder(alias, keyType ?? 'uuid', used);
      placeholders.set(alias, placeholder);
      warnings.push({ line, ...here(), message: `${alias} is not among the imported modules; added as an external placeholder resource ${placeholder.name}` });
      return placeholder.name;
    },
    manualSource: (module: string) => manualJs.get(module) ?? known?.manual.get(module),
    typeModule: (module: string) => types.get(module),
  };
  const ash2Everywhere = modules.some((m) => m.uses === 'Ash.Api' || m.uses === 'Ash.Registry');
  const out: Resource[] = [];
  for (const m of resources) {
    current = m;
    reader.ash2 = isAsh2(m, ash2Everywhere);
    const before = { problems: problems.length, warnings: warnings.length };
    out.push(readResource(m, names.get(m.name) ?? m.name, modelModule, reader));
    if (!strict) warnings.push(...problems.splice(before.problems).map((p) => ({ ...p, message: `${p.message}; not imported` })));
    for (let i = before.warnings; i < warnings.length; i++) { const w = warnings[i]; if (w && w.file === undefined && m.file !== undefined) warnings[i] = { ...w, file: m.file }; }
  }
  out.push(...placeholders.values());
  ashKeyDefaults(out);
  if (problems.length > 0) return err(importError('Elixir', problems));
  const domainComments = domain ? domain.comments.filter((c) => c.line >= domain.line && c.line <= domain.endLine) : [];
  const nameComment = domainComments.find((c) => c.text.startsWith(MODEL_NAME_MARKER.trim()));
  const model: Model = {
    format: MODEL_FORMAT,
    name: nameComment ? nameComment.text.slice(MODEL_NAME_MARKER.trim().length).trim() : (context?.name ?? modelModule.split('.')[0] ?? 'Imported'),
    module: modelModule,
    resources: out,
  };
  if (!domain && context && context.module === undefined) delete model.module;
  const origin = new Map(resources.map((m) => [names.get(m.name) ?? m.name, { line: m.line, ...fileOf(m.file ?? '') }] as const));
  const repaired = strict ? model : repairModel(model, warnings, origin);
  const parsed = parseModel(repaired);
  if (!parsed.ok) return err(importError('Elixir', [{ line: 1, message: parsed.error.message }]));
  return ok({ model: parsed.value, suggestions: [], warnings });
}

type Kind = 'resource' | 'embedded' | 'domain' | 'manual' | 'enum' | 'ignored' | 'other';

function classify(modules: ModuleInfo[]): Map<ModuleInfo, Kind> {
  const out = new Map<ModuleInfo, Kind>();
  for (const m of modules) {
    let k: Kind;
    if (m.uses === 'Ash.Resource') k = useOption(m, 'data_layer')?.t === 'atom' && (useOption(m, 'data_layer') as { v: string }).v === 'embedded' ? 'embedded' : 'resource';
    else if (m.uses === 'Ash.Domain' || m.uses === 'Ash.Api') k = 'domain';
    else if (m.uses === 'Ash.Resource.ManualRelationship') k = 'manual';
    else if (m.uses === 'Ash.Type.Enum') k = 'enum';
    else if (['AshPostgres.Repo', 'Ash.Registry', 'AshSqlite.Repo'].includes(m.uses)) k = 'ignored';
    else k = 'other';
    out.set(m, k);
  }
  return out;
}

function useOption(m: ModuleInfo, key: string): ExVal | undefined {
  const p = m.use?.args.find((a) => a.t === 'pair' && a.key === key);
  return p?.t === 'pair' ? p.value : undefined;
}

/** Ash 2 when the resource names an `api:`, or the files hold an Ash.Api/Ash.Registry and it names no `domain:`. */
function isAsh2(m: ModuleInfo, ash2Everywhere: boolean): boolean {
  if (useOption(m, 'api') !== undefined) return true;
  if (m.comments.some((c) => c.line > m.line && c.line < m.endLine && c.text.trim() === ASH2_MARKER)) return true;
  if (useOption(m, 'domain') !== undefined) return false;
  return ash2Everywhere;
}

/** Enum modules (`use Ash.Type.Enum, values: [...]`) and embedded resources, as types. */
function typeModules(modules: ModuleInfo[], kinds: Map<ModuleInfo, Kind>): Map<string, TypeModule> {
  const out = new Map<string, TypeModule>();
  for (const m of modules) {
    if (kinds.get(m) === 'embedded') out.set(m.name, { type: 'map' });
    if (kinds.get(m) !== 'enum') continue;
    const values = useOption(m, 'values');
    const list = values?.t === 'list' ? values.items.map((v) => (v.t === 'atom' ? v.v : v.t === 'pair' ? v.key : undefined)) : [];
    out.set(m.name, list.length > 0 && list.every((v) => v !== undefined) ? { type: 'atom', oneOf: list as string[] } : { type: 'atom' });
  }
  return out;
}

/**
 * Distinct resource names: the last module segment, or with as many namespace segments in front as
 * make it unique (`AshHq.Blog.Tag`, `AshHq.Discord.Tag` → `BlogTag`, `DiscordTag`).
 */
function resourceNames(modules: string[]): Map<string, string> {
  const out = new Map<string, string>();
  const parts = modules.map((m) => m.split('.'));
  const depth = new Map<string, number>(modules.map((m) => [m, 1]));
  const nameOf = (i: number) => (parts[i] ?? []).slice(-(depth.get(modules[i] ?? '') ?? 1)).join('');
  for (let round = 0; round < 8; round++) {
    const count = new Map<string, number>();
    modules.forEach((_, i) => count.set(nameOf(i), (count.get(nameOf(i)) ?? 0) + 1));
    let changed = false;
    modules.forEach((m, i) => {
      if ((count.get(nameOf(i)) ?? 0) > 1 && (depth.get(m) ?? 1) < (parts[i]?.length ?? 1)) { depth.set(m, (depth.get(m) ?? 1) + 1); changed = true; }
    });
    if (!changed) break;
  }
  const taken = new Set<string>();
  modules.forEach((m, i) => {
    let name = nameOf(i);
    for (let n = 2; taken.has(name); n++) name = `${nameOf(i)}${n}`;
    taken.add(name);
    out.set(m, name);
  });
  return out;
}

function externalPlaceholder(module: string, keyType: AttributeType, used: Set<string>): Resource {
  const parts = module.split('.');
  let name = parts[parts.length - 1] ?? module;
  for (let k = 2; used.has(name) && k <= parts.length; k++) name = parts.slice(-k).join('');
  for (let n = 2; used.has(name); n++) name = `${parts[parts.length - 1] ?? module}${n}`;
  used.add(name);
  return { name, module, external: true, attributes: [{ name: 'id', type: keyType, primaryKey: true }] };
}

/** Modules, names and manual JavaScript of the context model's resources, as `toElixir` names them. */
function contextLookups(context: Model) {
  const n = normalizeModel(context);
  const manual = new Map<string, string>();
  for (const r of n.resources) {
    for (const rel of r.relationships) {
      if ((rel.kind === 'has_many' || rel.kind === 'has_one') && rel.manual) manual.set(`${r.module}.Relationships.${aliasSegment(rel.name)}`, rel.manual.source);
    }
  }
  return { module: n.module, byModule: new Map(n.resources.map((r) => [r.module, r.name] as const)), names: new Set(n.resources.map((r) => r.name)), manual };
}

function collectModules(stmts: ExStmt[], parent: string, out: ModuleInfo[], problems: ImportProblem[]): void {
  for (const s of stmts) {
    if (s.name !== 'defmodule') continue;
    const alias = s.args[0];
    if (alias?.t !== 'alias' || !s.block) { problems.push({ line: s.line, message: 'defmodule needs a module name and a do block' }); continue; }
    // The tree-sitter path expands nested names itself; the built-in parser leaves them relative.
    const name = parent === '' || alias.v.startsWith(`${parent}.`) ? alias.v : `${parent}.${alias.v}`;
    const use = s.block.find((b) => b.name === 'use');
    const used = use?.args[0];
    out.push({ name, uses: used?.t === 'alias' ? used.v : '', ...(use ? { use } : {}), body: s.block, line: s.line, endLine: s.endLine, comments: [] });
    collectModules(s.block, name, out, problems);
  }
}

function commonPrefix(modules: string[]): string {
  const parts = modules.map((m) => m.split('.').slice(0, -1));
  const first = parts[0] ?? [];
  let n = 0;
  while (n < first.length && parts.every((p) => p[n] === first[n])) n++;
  return first.slice(0, n).join('.') || 'Imported';
}

/** The JavaScript between the exporter's markers, with the `# ` prefix of each line removed. */
function javascriptOf(comments: ExComment[], m: ModuleInfo): string | undefined {
  const inModule = comments.filter((c) => c.line > m.line && c.line < m.endLine);
  const begin = inModule.findIndex((c) => c.text.trim() === JS_BEGIN);
  const end = inModule.findIndex((c, i) => i > begin && c.text.trim() === JS_END);
  if (begin < 0 || end < 0) return undefined;
  return inModule.slice(begin + 1, end).map((c) => (c.text === '#' ? '' : c.text.slice(2))).join('\n');
}

/** Resource-level statements read into the model (the rest is kept verbatim in `preserved`). */
const MODELLED = new Set(['defmodule', 'relationships']);

function readResource(m: ModuleInfo, name: string, modelModule: string, reader: Reader): Resource {
  const r: Resource = { name };
  if (m.name !== `${modelModule}.${name}`) r.module = m.name;
  if (reader.ash2 === true) r.ashVersion = 2;
  const preserved: PreservedBlock[] = [];
  const keep = (s: ExStmt) => {
    const text = stmtText(s);
    if (text !== undefined) preserved.push({ section: s.name === '' ? 'code' : s.name, text });
  };
  // Relationships first: the postgres section's references name them.
  for (const s of m.body) {
    if (s.name === 'relationships' && s.block) {
      const rels = readRelationships(s.block, reader);
      if (rels.length > 0) r.relationships = rels;
    }
  }
  const useOptions = m.use?.args.slice(1) ?? [];
  const canonicalUse = useOptions.every((a) => a.t === 'pair' && ((a.key === 'domain' && a.value.t === 'alias' && a.value.v === modelModule) ||
    (a.key === 'data_layer' && a.value.t === 'alias' && ['AshPostgres.DataLayer', 'Ash.DataLayer.Ets'].includes(a.value.v))));
  for (const s of m.body) {
    if (s.name === 'use' && s === m.use) { if (!canonicalUse || reader.ash2 === true) keep(s); continue; }
    if (MODELLED.has(s.name) && s.block) continue;
    if (s.name === 'resource' && s.block) {
      const d = s.block.find((b) => b.name === 'description')?.args[0];
      if (d?.t === 'str') r.description = d.v;
      if (s.block.some((b) => b.name !== 'description')) keep(s);
    } else if ((s.name === 'postgres' || s.name === 'sqlite') && s.block) {
      const pg = readPostgres(s.block, r.relationships);
      if (pg.table !== undefined && pg.table !== snake(name)) r.table = pg.table;
      if (!pg.exact) keep(s);
    } else if (s.name === 'attributes' && s.block) {
      const attrs = readAttributes(s.block, reader);
      if (attrs.length > 0) r.attributes = attrs;
    } else if (s.name === 'identities' && s.block) {
      const ids = readIdentities(s.block, reader);
      if (ids.identities.length > 0) r.identities = ids.identities;
      if (!ids.exact) keep(s);
    } else if (s.name === 'calculations' && s.block) {
      const calcs = readCalculations(s.block, reader);
      if (calcs.calculations.length > 0) r.calculations = calcs.calculations;
      if (!calcs.exact) keep(s);
    } else if ((s.name === 'actions' || s.name === 'aggregates') && s.block) {
      // All or nothing: a section read with any loss is kept verbatim instead of half-modelled.
      const sub: Reader = { ...reader, problems: [], warnings: [] };
      const read = s.name === 'actions' ? readActions(s.block, sub) : readAggregates(s.block, sub);
      if (sub.problems.length + sub.warnings.length === 0 || preservedUnavailable(s)) {
        reader.problems.push(...sub.problems);
        reader.warnings.push(...sub.warnings);
        // The four default actions alone are what a resource without `actions` means (and exports as).
        const allDefaults = s.name === 'actions' && Array.isArray(read) && read.length === 4 && ['create', 'read', 'update', 'destroy'].every((t) => read.includes(t as never));
        if (read !== undefined && !allDefaults) (r as unknown as Record<string, unknown>)[s.name] = s.name === 'actions' && Array.isArray(read) ? defaultsFirst(read as ActionEntry[]) : read;
      } else keep(s);
    } else keep(s);
  }
  const sections = [...new Set(preserved.map((p) => p.section))];
  if (sections.length > 0) {
    r.preserved = preserved;
    reader.warnings.push({ line: m.line, message: `${name}: kept verbatim, not modelled: ${sections.join(', ')}` });
  }
  // The model puts description before attributes; keep a stable key order for diffs.
  const { name: n, module, table, attributes, relationships, description, actions, aggregates, identities, calculations, ashVersion } = r;
  return JSON.parse(JSON.stringify({ name: n, module, table, attributes, relationships, description, actions, aggregates, identities, calculations, preserved: r.preserved, ashVersion })) as Resource;
}

/** Default actions first, in the order the exporter writes them (Ash reads them as a set). */
function defaultsFirst(actions: ActionEntry[]): ActionEntry[] {
  const order = ['read', 'destroy', 'create', 'update'];
  const defaults = actions.filter((a): a is Extract<ActionEntry, string> => typeof a === 'string').sort((a, b) => order.indexOf(a) - order.indexOf(b));
  return [...defaults, ...actions.filter((a) => typeof a !== 'string')];
}

/** The built-in parser keeps no source text: nothing can be preserved, so read what can be. */
const preservedUnavailable = (s: ExStmt): boolean => stmtText(s) === undefined;

/**
 * Ash derives default key names from a resource's short name (the module's last segment), Relata
 * from the resource name; where they differ (`BlogTag` for `AshHq.Blog.Tag`) the key is made explicit.
 */
function ashKeyDefaults(resources: Resource[]): void {
  const short = (r: Resource | undefined) => (r?.module === undefined ? undefined : snake(r.module.slice(r.module.lastIndexOf('.') + 1)));
  const differs = (r: Resource | undefined) => r !== undefined && short(r) !== undefined && short(r) !== snake(r.name);
  for (const r of resources) {
    for (const rel of r.relationships ?? []) {
      if ((rel.kind === 'has_many' || rel.kind === 'has_one') && differs(r) && rel.destinationAttribute === undefined && !rel.noAttributes && !rel.manual) {
        rel.destinationAttribute = `${short(r) ?? ''}_id`;
      }
      if (rel.kind === 'many_to_many') {
        if (differs(r) && rel.sourceAttributeOnJoinResource === undefined) rel.sourceAttributeOnJoinResource = `${short(r) ?? ''}_id`;
        const dest = resources.find((x) => x.name === rel.destination);
        if (differs(dest) && rel.destinationAttributeOnJoinResource === undefined) rel.destinationAttributeOnJoinResource = `${short(dest) ?? ''}_id`;
      }
    }
  }
}

/**
 * Fixes what the validator rejects in an imported app instead of failing: an external placeholder
 * gains the attributes relationships name on it; a filter or sort that names fields Relata does not
 * have (calculations, aggregates, the actor) is dropped; a relationship still broken is dropped.
 * Each fix is a warning.
 */
function repairModel(model: Model, warnings: ImportProblem[], origin: Map<string, { line: number; file?: string }>): Model {
  for (let round = 0; round < 4; round++) {
    const errors = validateModel(model).filter((d) => d.severity === 'error');
    if (errors.length === 0) return model;
    for (const d of errors) {
      const res = model.resources.find((x) => x.name === d.resource);
      const rel = res?.relationships?.find((x) => x.name === d.relationship);
      if (!res) continue;
      if ((d.code === 'missing_destination_attribute' || d.code === 'missing_join_attribute') && rel && d.attribute !== undefined) {
        const target = model.resources.find((x) => x.name === (d.code === 'missing_join_attribute' && rel.kind === 'many_to_many' ? rel.through : rel.destination));
        if (target?.external && !(target.attributes ?? []).some((a) => a.name === d.attribute)) {
          target.attributes = [...(target.attributes ?? []), { name: d.attribute, type: 'uuid' }];
          continue;
        }
      }
      if (rel && (d.code === 'invalid_expression' || d.code === 'unknown_reference')) {
        const named = ['filter', 'sort', 'defaultSort'].filter((k) => d.path.includes(k));
        const dropped = (named.length > 0 ? named : ['filter', 'sort', 'defaultSort']).filter((k) => (rel as unknown as Record<string, unknown>)[k] !== undefined);
        for (const k of dropped) delete (rel as unknown as Record<string, unknown>)[k];
        if (dropped.length > 0) { warnings.push({ line: 1, ...origin.get(res.name), message: `${res.name}.${rel.name}: ${dropped.join(', ')} dropped (${d.message})` }); continue; }
      }
      if (rel) {
        res.relationships = (res.relationships ?? []).filter((x) => x !== rel);
        warnings.push({ line: 1, ...origin.get(res.name), message: `${res.name}.${rel.name} dropped: ${d.message}` });
      } else if (d.attribute !== undefined && round === 3) {
        res.attributes = (res.attributes ?? []).filter((a) => a.name !== d.attribute);
        warnings.push({ line: 1, ...origin.get(res.name), message: `${res.name}.${d.attribute} dropped: ${d.message}` });
      }
    }
  }
  return model;
}

