/**
 * Ash resource modules (pasted Elixir) → model: `defmodule` blocks that `use Ash.Resource` become
 * resources, `use Ash.Domain` names the model's module, `use Ash.Resource.ManualRelationship`
 * modules give manual relationships their JavaScript back (from the `# relata:javascript` comment
 * the exporter writes). Reads the subset `toElixir` writes plus the common hand-written forms.
 * Options with no model equivalent are warnings; anything unreadable fails the import with its line.
 */
import { JS_BEGIN, JS_END } from '../export/elixir-manual';
import { MODEL_NAME_MARKER } from '../export/elixir';
import { aliasSegment } from '../export/elixir-format';
import { normalizeModel } from '../model/normalize';
import { parseModel } from '../model/parse';
import { snake } from '../model/snake';
import { MODEL_FORMAT, type Model, type Resource } from '../model/types';
import { err, ok } from '../result';
import { readAttributes, readRelationships, type Reader } from './elixir-dsl';
import { readActions, readAggregates } from './elixir-actions';
import { ExParser, type ExStmt } from './elixir-parse';
import { tokenizeElixir, type ExComment } from './elixir-lex';
import { importError, SyntaxFailure, type ImportProblem, type ImportResult } from './errors';

interface ModuleInfo {
  name: string;
  uses: string;
  body: ExStmt[];
  line: number;
  endLine: number;
}

/**
 * With `context` (the model the text is edited in, e.g. one resource module of it), module aliases
 * may also name the context's resources, the model's module and name default to the context's, and
 * a `manual` module of a context relationship gets that relationship's JavaScript back.
 */
export function fromElixir(text: string, context?: Model): ImportResult {
  let stmts: ExStmt[];
  let comments: ExComment[];
  try {
    const lexed = tokenizeElixir(text);
    comments = lexed.comments;
    stmts = new ExParser(lexed.toks, text).program();
  } catch (e) {
    if (e instanceof SyntaxFailure) return err(importError('Elixir', [{ line: e.line, message: e.message }]));
    throw e;
  }
  const problems: ImportProblem[] = [];
  const warnings: ImportProblem[] = [];
  const modules: ModuleInfo[] = [];
  collectModules(stmts, '', modules, problems);
  const resources = modules.filter((m) => m.uses === 'Ash.Resource');
  const domain = modules.find((m) => m.uses === 'Ash.Domain');
  if (resources.length === 0) problems.push({ line: 1, message: 'No module with `use Ash.Resource` found' });
  for (const m of modules) {
    if (!['Ash.Resource', 'Ash.Domain', 'Ash.Resource.ManualRelationship', 'AshPostgres.Repo'].includes(m.uses)) {
      warnings.push({ line: m.line, message: `Module ${m.name} is not an Ash resource or domain; skipped` });
    }
  }
  const known = context ? contextLookups(context) : undefined;
  const modelModule = domain?.name ?? known?.module ?? commonPrefix(resources.map((r) => r.name));
  const byModule = new Map<string, string>();
  const shortNames = new Map<string, string[]>();
  for (const r of resources) {
    const short = r.name.slice(r.name.lastIndexOf('.') + 1);
    if ([...byModule.values()].includes(short)) problems.push({ line: r.line, message: `Two resources are named ${short}` });
    byModule.set(r.name, short);
    shortNames.set(short, [...(shortNames.get(short) ?? []), r.name]);
  }
  const manualJs = new Map<string, string | undefined>();
  for (const m of modules) if (m.uses === 'Ash.Resource.ManualRelationship') manualJs.set(m.name, javascriptOf(comments, m));
  const reader: Reader = {
    problems,
    warnings,
    resolve(alias: string, line: number): string | undefined {
      const name = byModule.get(alias) ?? (shortNames.get(alias)?.length === 1 ? alias : undefined) ??
        (shortNames.get(alias.slice(alias.lastIndexOf('.') + 1))?.length === 1 ? alias.slice(alias.lastIndexOf('.') + 1) : undefined) ??
        known?.byModule.get(alias) ?? (known?.names.has(alias) ? alias : undefined);
      if (name === undefined) problems.push({ line, message: `${alias} is not one of the pasted resources` });
      return name;
    },
    manualSource: (module: string) => manualJs.get(module) ?? known?.manual.get(module),
  };
  const out: Resource[] = resources.map((m) => readResource(m, modelModule, reader));
  if (problems.length > 0) return err(importError('Elixir', problems));
  const nameComment = domain ? comments.find((c) => c.line >= domain.line && c.line <= domain.endLine && c.text.startsWith(MODEL_NAME_MARKER.trim())) : undefined;
  const model: Model = {
    format: MODEL_FORMAT,
    name: nameComment ? nameComment.text.slice(MODEL_NAME_MARKER.trim().length).trim() : (context?.name ?? modelModule.split('.')[0] ?? 'Imported'),
    module: modelModule,
    resources: out,
  };
  if (!domain && context && context.module === undefined) delete model.module;
  const parsed = parseModel(model);
  if (!parsed.ok) return err(importError('Elixir', [{ line: 1, message: parsed.error.message }]));
  return ok({ model: parsed.value, suggestions: [], warnings });
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
    const name = parent === '' ? alias.v : `${parent}.${alias.v}`;
    const use = s.block.find((b) => b.name === 'use');
    const used = use?.args[0];
    out.push({ name, uses: used?.t === 'alias' ? used.v : '', body: s.block, line: s.line, endLine: s.endLine });
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

function readResource(m: ModuleInfo, modelModule: string, reader: Reader): Resource {
  const name = m.name.slice(m.name.lastIndexOf('.') + 1);
  const r: Resource = { name };
  if (m.name !== `${modelModule}.${name}`) r.module = m.name;
  for (const s of m.body) {
    if (s.name === 'resource' && s.block) {
      const d = s.block.find((b) => b.name === 'description')?.args[0];
      if (d?.t === 'str') r.description = d.v;
    } else if ((s.name === 'postgres' || s.name === 'sqlite') && s.block) {
      const t = s.block.find((b) => b.name === 'table')?.args[0];
      if (t?.t === 'str' && t.v !== snake(name)) r.table = t.v;
    } else if (s.name === 'attributes' && s.block) {
      const attrs = readAttributes(s.block, reader);
      if (attrs.length > 0) r.attributes = attrs;
    } else if (s.name === 'relationships' && s.block) {
      const rels = readRelationships(s.block, reader);
      if (rels.length > 0) r.relationships = rels;
    } else if (s.name === 'actions' && s.block) {
      const actions = readActions(s.block, reader);
      if (actions !== undefined) r.actions = actions;
    } else if (s.name === 'aggregates' && s.block) {
      r.aggregates = readAggregates(s.block, reader);
    }
  }
  // The model puts description before attributes; keep a stable key order for diffs.
  const { name: n, module, table, attributes, relationships, description, actions, aggregates } = r;
  return JSON.parse(JSON.stringify({ name: n, module, table, attributes, relationships, description, actions, aggregates })) as Resource;
}

