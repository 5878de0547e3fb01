/**
 * The code panel's pure logic: print a resource (or the whole model) as Ash DSL or TypeScript, read
 * edited text back with the importers' readers, carry over what the text cannot express, and turn
 * the difference into `DocumentOp[]` (one undoable step) with a human summary.
 */
import {
  adoptResourceIds, entityKey, fromElixir, MODEL_FORMAT, stripIds, fromTypeScript, normalizeModel, resourceFromTypeScript, toElixirResource, toElixirSource,
  toTypeScript, toTypeScriptResource,
} from '../../core/index';
import type {
  Diagnostic, DocumentOp, ImportProblem, Model, NormalizedModel, Relationship, RelataDocument, Resource,
} from '../../core/index';

export type CodeLanguage = 'elixir' | 'typescript';
export type CodeScope = { kind: 'resource'; name: string } | { kind: 'model' };

/** The text of a scope; an empty string for a resource that does not exist. */
export function printCode(model: Model, scope: CodeScope, language: CodeLanguage): string {
  if (scope.kind === 'model') return language === 'elixir' ? toElixirSource(model) : toTypeScript(model);
  return (language === 'elixir' ? toElixirResource(model, scope.name) : toTypeScriptResource(model, scope.name)) ?? '';
}

export type ParsedCode =
  | { ok: true; model: Model; warnings: ImportProblem[] }
  | { ok: false; problems: ImportProblem[] };

/**
 * Keys of a resource the ops can patch in place; any other difference replaces the resource. `id`
 * is the document's (never in the text): updates keep it.
 */
const PATCHABLE = new Set(['id', 'name', 'module', 'table', 'description', 'attributes', 'relationships']);
const STUB_PREFIX = '// Imported from Elixir: port ';

/**
 * Reads `text` as the scope's code and returns the whole model it describes. Never changes `model`;
 * text that does not parse gives its problems with their lines.
 */
export function parseCode(text: string, model: Model, scope: CodeScope, language: CodeLanguage): ParsedCode {
  if (scope.kind === 'resource') {
    const index = model.resources.findIndex((r) => r.name === scope.name);
    const old = model.resources[index];
    if (!old) return { ok: false, problems: [{ line: 1, message: `There is no resource ${scope.name} any more` }] };
    let parsed: Resource;
    let warnings: ImportProblem[];
    if (language === 'typescript') {
      const r = resourceFromTypeScript(text);
      if (!r.ok) return { ok: false, problems: r.error.problems };
      parsed = r.value.resource;
      warnings = r.value.warnings;
    } else {
      const r = fromElixir(text, model);
      if (!r.ok) return { ok: false, problems: r.error.problems };
      if (r.value.model.resources.length !== 1) {
        return { ok: false, problems: [{ line: 1, message: `Write exactly one resource module here (found ${r.value.model.resources.length}); use the whole-model view to add resources` }] };
      }
      parsed = carryOver(r.value.model.resources[0] as Resource, old, inexpressibleKeys(model, old));
      warnings = r.value.warnings.filter((w) => !isCarriedStub(w, parsed));
    }
    if (parsed.name !== old.name && model.resources.some((r) => r.name === parsed.name)) {
      return { ok: false, problems: [{ line: 1, message: `A resource named ${parsed.name} already exists` }] };
    }
    const resources = model.resources.slice();
    resources[index] = parsed;
    return { ok: true, model: { ...model, resources }, warnings };
  }
  const r = language === 'elixir' ? fromElixir(text, model) : fromTypeScript(text);
  // A domain without resources (what a new model prints as) is an empty model, not an error.
  if (!r.ok && language === 'elixir' && /\buse\s+Ash\.Domain\b/.test(text) && !/\buse\s+Ash\.Resource\b/.test(text)) {
    return { ok: true, model: { ...model, resources: [] }, warnings: [] };
  }
  if (!r.ok) return { ok: false, problems: r.error.problems };
  let next = r.value.model;
  if (language === 'elixir') {
    next = {
      ...next,
      resources: next.resources.map((res) => {
        const old = model.resources.find((o) => o.name === res.name);
        return old ? carryOver(res, old, inexpressibleKeys(model, old)) : res;
      }),
    };
  }
  const warnings = r.value.warnings.filter((w) => !next.resources.some((res) => isCarriedStub(w, res)));
  return { ok: true, model: next, warnings };
}

/**
 * Resource keys (beyond name, module, table, description and fields) the Ash text of `old` does not
 * carry: those its own round trip print → read loses. Asked of the exporter rather than listed, so a
 * key the exporter learns to write (actions, aggregates) becomes editable as text by itself.
 */
export function inexpressibleKeys(model: Model, withIds: Resource): string[] {
  const old = withoutIds(withIds);
  const keys = Object.entries(old).filter(([k, v]) => !PATCHABLE.has(k) && v !== undefined).map(([k]) => k);
  if (keys.length === 0) return [];
  const text = toElixirResource(model, old.name);
  const back = text === undefined ? undefined : fromElixir(text, model);
  const read = back?.ok ? (back.value.model.resources[0] as unknown as Record<string, unknown> | undefined) : undefined;
  return keys.filter((k) => !read || stable(read[k]) !== stable((old as unknown as Record<string, unknown>)[k]));
}

/** The resource as its text has it: without the document's ids. */
function withoutIds(r: Resource): Resource {
  return stripIds({ format: MODEL_FORMAT, name: '', resources: [r] }).resources[0] as Resource;
}

/** Keeps what the Elixir text cannot carry: `keys` of `old`, and manual JavaScript the reader only has a stub for. */
export function carryOver(parsed: Resource, old: Resource, keys: readonly string[]): Resource {
  const out: Record<string, unknown> = { ...parsed };
  for (const k of keys) out[k] = (old as unknown as Record<string, unknown>)[k];
  if (parsed.relationships) {
    out.relationships = parsed.relationships.map((rel) => {
      if ((rel.kind !== 'has_many' && rel.kind !== 'has_one') || !rel.manual?.source.startsWith(STUB_PREFIX)) return rel;
      const before = old.relationships?.find((o) => o.name === rel.name);
      if (!before || (before.kind !== 'has_many' && before.kind !== 'has_one') || !before.manual) return rel;
      return { ...rel, manual: { ...rel.manual, source: before.manual.source } };
    });
  }
  return out as unknown as Resource;
}

function isCarriedStub(w: ImportProblem, r: Resource): boolean {
  if (!w.message.includes('carries no Relata JavaScript')) return false;
  return (r.relationships ?? []).every((rel) => (rel.kind !== 'has_many' && rel.kind !== 'has_one') || !rel.manual?.source.startsWith(STUB_PREFIX));
}

/** What the text cannot express for this scope and where it lives instead (shown by the panel). */
export function carriedNotes(model: Model, scope: CodeScope, language: CodeLanguage): string[] {
  if (language === 'typescript') return [];
  const resources = scope.kind === 'model' ? model.resources : model.resources.filter((r) => r.name === scope.name);
  const notes: string[] = [];
  for (const r of resources) {
    for (const rel of r.relationships ?? []) {
      if ((rel.kind === 'has_many' || rel.kind === 'has_one') && rel.manual) {
        notes.push(`The JavaScript of the manual relationship ${r.name}.${rel.name} is not in this text: it is kept when you apply, and you edit it from the relationship's inspector (Manual code, Edit code…) or in the TypeScript view.`);
      }
    }
    for (const k of inexpressibleKeys(model, r)) notes.push(`The ${k} of ${r.name} are not in this text: they are kept as they are when you apply (edit them in the TypeScript view).`);
  }
  return notes;
}

// ---------------------------------------------------------------------------------------------
// Diff

export interface Change {
  kind: 'added' | 'removed' | 'changed' | 'renamed' | 'moved';
  text: string;
}

export interface CodeDiff {
  ops: DocumentOp[];
  changes: Change[];
}

/** Stable JSON (sorted keys) for comparing normalized elements. */
function stable(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'undefined';
  if (Array.isArray(v)) return `[${v.map(stable).join(',')}]`;
  const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined).sort(([a], [b]) => (a < b ? -1 : 1));
  return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${stable(x)}`).join(',')}}`;
}

function changedKeys(a: object, b: object): string[] {
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  return [...new Set([...Object.keys(x), ...Object.keys(y)])].filter((k) => stable(x[k]) !== stable(y[k]));
}

interface Side {
  raw: Resource;
  n: NormalizedModel['resources'][number];
}

/**
 * The ops that turn `before` into the model `after` (positions of surviving resources kept).
 * `rename` says a resource was renamed (the one-resource view knows); otherwise a single resource
 * swapped for another name counts as renamed only when nothing in `after` still names the old one.
 */
export function diffModels(before: RelataDocument, after: Model, rename?: { from: string; to: string }): CodeDiff {
  const ops: DocumentOp[] = [];
  const changes: Change[] = [];
  const a = before.model;
  const na = normalizeModel(a);
  const nb = normalizeModel(after);
  if (a.name !== after.name) {
    ops.push({ kind: 'setModelInfo', name: after.name });
    changes.push({ kind: 'changed', text: `model name ${a.name} → ${after.name}` });
  }
  if (na.module !== nb.module) {
    ops.push({ kind: 'setModelInfo', module: after.module ?? null });
    changes.push({ kind: 'changed', text: `model module ${na.module} → ${nb.module}` });
  }
  const afterNames = new Set(after.resources.map((r) => r.name));
  const beforeNames = new Set(a.resources.map((r) => r.name));
  // A single resource swapped for another name is a rename (keeps its position and references).
  const gone = a.resources.filter((r) => !afterNames.has(r.name));
  const fresh = after.resources.filter((r) => !beforeNames.has(r.name));
  const renamed = new Map<string, string>();
  if (rename && rename.from !== rename.to) renamed.set(rename.from, rename.to);
  else if (!rename && gone.length === 1 && fresh.length === 1 && !mentions(after, (gone[0] as Resource).name)) renamed.set((gone[0] as Resource).name, (fresh[0] as Resource).name);
  for (const r of a.resources) {
    if (afterNames.has(r.name) || renamed.has(r.name)) continue;
    ops.push({ kind: 'removeResource', name: r.name });
    changes.push({ kind: 'removed', text: `resource ${r.name}` });
  }
  for (const [from, to] of renamed) {
    ops.push({ kind: 'renameResource', from, to });
    changes.push({ kind: 'renamed', text: `resource ${from} → ${to}` });
  }
  after.resources.forEach((r, index) => {
    const oldName = [...renamed].find(([, to]) => to === r.name)?.[0] ?? r.name;
    const i = a.resources.findIndex((o) => o.name === oldName);
    if (i < 0) {
      ops.push({ kind: 'addResource', resource: r, index });
      changes.push({ kind: 'added', text: `resource ${r.name}${describeCounts(r)}` });
      return;
    }
    const old: Side = { raw: a.resources[i] as Resource, n: na.resources[i] as Side['n'] };
    const next: Side = { raw: r, n: nb.resources[index] as Side['n'] };
    diffResource(old, next, before, ops, changes);
  });
  return { ops, changes };
}

function mentions(model: Model, name: string): boolean {
  return model.resources.some((r) => (r.relationships ?? []).some((rel) => rel.destination === name || (rel.kind === 'many_to_many' && rel.through === name)));
}

function describeCounts(r: Resource): string {
  const parts = [];
  if (r.attributes?.length) parts.push(`${r.attributes.length} attribute${r.attributes.length === 1 ? '' : 's'}`);
  if (r.relationships?.length) parts.push(`${r.relationships.length} relationship${r.relationships.length === 1 ? '' : 's'}`);
  return parts.length ? ` (${parts.join(', ')})` : '';
}

function diffResource(old: Side, next: Side, doc: RelataDocument, ops: DocumentOp[], changes: Change[]): void {
  const name = next.raw.name;
  // Ids are the document's, not the text's: compare without them.
  const before = withoutIds(old.raw) as unknown as Record<string, unknown>;
  const after = withoutIds(next.raw) as unknown as Record<string, unknown>;
  const extra = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => !PATCHABLE.has(k));
  if (extra.some((k) => stable(before[k]) !== stable(after[k]))) {
    // Actions or aggregates changed: no op patches them, so the resource is replaced where it stands.
    const index = doc.model.resources.findIndex((r) => r.name === old.raw.name);
    const position = doc.layout.positions[entityKey(old.raw)];
    // The same resource (and same-named fields) as before: same ids, so same place and selection.
    const resource = adoptResourceIds(next.raw, old.raw);
    ops.push({ kind: 'removeResource', name: old.raw.name }, position ? { kind: 'addResource', resource, index, position } : { kind: 'addResource', resource, index });
    changes.push({ kind: 'changed', text: `resource ${name}: ${extra.join(', ')} and its fields replaced` });
    return;
  }
  const patch: Record<string, unknown> = {};
  const keys: string[] = [];
  for (const k of ['module', 'table', 'description'] as const) {
    // Same as written, or only written differently (a default spelt out): keep what the model has.
    if (stable(old.raw[k]) === stable(next.raw[k]) || stable(old.n[k]) === stable(next.n[k])) continue;
    patch[k] = next.raw[k];
    keys.push(k === 'description' ? 'description' : `${k} ${next.n[k] ?? '(none)'}`);
  }
  if (keys.length > 0) {
    ops.push({ kind: 'updateResource', name, patch: patch as Extract<DocumentOp, { kind: 'updateResource' }>['patch'] });
    changes.push({ kind: 'changed', text: `resource ${name}: ${keys.join(', ')}` });
  }
  reconcile('attribute', name, old.raw.attributes ?? [], next.raw.attributes ?? [], (n) => old.n.attributes.find((x) => x.name === n), (n) => next.n.attributes.find((x) => x.name === n), ops, changes);
  reconcile('relationship', name, old.raw.relationships ?? [], next.raw.relationships ?? [], (n) => old.n.relationships.find((x) => x.name === n), (n) => next.n.relationships.find((x) => x.name === n), ops, changes);
}

type FieldKind = 'attribute' | 'relationship';

function describeField(kind: FieldKind, f: { name: string }): string {
  if (kind === 'attribute') return (f as unknown as { type: string }).type;
  const rel = f as Relationship;
  return `${rel.kind} → ${rel.destination}`;
}

/** Removes, updates, adds and moves so the fields end up exactly as `next` (order included). */
function reconcile<F extends { name: string }>(
  kind: FieldKind, resource: string, old: F[], next: F[],
  oldN: (name: string) => object | undefined, nextN: (name: string) => object | undefined,
  ops: DocumentOp[], changes: Change[],
): void {
  const nextNames = new Set(next.map((f) => f.name));
  const cur = old.map((f) => f.name).filter((n) => nextNames.has(n));
  for (const f of old) {
    if (nextNames.has(f.name)) continue;
    ops.push(kind === 'attribute' ? { kind: 'removeAttribute', resource, name: f.name } : { kind: 'removeRelationship', resource, name: f.name });
    changes.push({ kind: 'removed', text: `${kind} ${resource}.${f.name}` });
  }
  for (const f of next) {
    const before = old.find((o) => o.name === f.name);
    if (!before) continue;
    const a = oldN(f.name) ?? before;
    const b = nextN(f.name) ?? f;
    const keys = changedKeys(a, b);
    if (keys.length === 0) continue;
    ops.push(kind === 'attribute'
      ? { kind: 'updateAttribute', resource, name: f.name, attribute: f as never }
      : { kind: 'updateRelationship', resource, name: f.name, relationship: f as never });
    changes.push({ kind: 'changed', text: `${kind} ${resource}.${f.name}: ${keys.join(', ')}` });
  }
  next.forEach((f, i) => {
    const j = cur.indexOf(f.name);
    if (j < 0) {
      ops.push(kind === 'attribute'
        ? { kind: 'addAttribute', resource, attribute: f as never, index: i }
        : { kind: 'addRelationship', resource, relationship: f as never, index: i });
      changes.push({ kind: 'added', text: `${kind} ${resource}.${f.name} (${describeField(kind, f)})` });
      cur.splice(i, 0, f.name);
    } else if (j !== i) {
      ops.push(kind === 'attribute' ? { kind: 'moveAttribute', resource, from: j, to: i } : { kind: 'moveRelationship', resource, from: j, to: i });
      changes.push({ kind: 'moved', text: `${kind} ${resource}.${f.name} to position ${i + 1}` });
      cur.splice(j, 1);
      cur.splice(i, 0, f.name);
    }
  });
}

/** Parse + diff in one: what Apply would do with `text`. */
export function planApply(text: string, doc: RelataDocument, scope: CodeScope, language: CodeLanguage):
  | { ok: true; diff: CodeDiff; warnings: ImportProblem[] }
  | { ok: false; problems: ImportProblem[] } {
  const parsed = parseCode(text, doc.model, scope, language);
  if (!parsed.ok) return parsed;
  const index = scope.kind === 'resource' ? doc.model.resources.findIndex((r) => r.name === scope.name) : -1;
  const rename = scope.kind === 'resource' ? { from: scope.name, to: (parsed.model.resources[index] as Resource).name } : undefined;
  return { ok: true, diff: diffModels(doc, parsed.model, rename), warnings: parsed.warnings };
}

// ---------------------------------------------------------------------------------------------
// Model diagnostics at their line of the printed text

export interface LineNote {
  line: number;
  severity: 'error' | 'warning' | 'info';
  message: string;
}

interface LineIndex {
  resources: Map<string, { line: number; fields: Map<string, number> }>;
}

const EX_MODULE = /^\s*defmodule\s+([A-Z][\w.]*)\s+do/;
const EX_FIELD = /^\s*(?:attribute|uuid_primary_key|uuid_v7_primary_key|integer_primary_key|create_timestamp|update_timestamp|belongs_to|has_one|has_many|many_to_many)\s+:"?([\w?!]+)/;
const TS_NAME = /^(\s*)name: '((?:[^'\\]|\\.)*)',/;

/** Line of each resource and of each of its fields in printed code. */
export function indexLines(text: string, model: Model, language: CodeLanguage): LineIndex {
  const index: LineIndex = { resources: new Map() };
  const lines = text.split('\n');
  const n = normalizeModel(model);
  const byModule = new Map(n.resources.map((r) => [r.module, r.name] as const));
  let current: { line: number; fields: Map<string, number> } | undefined;
  if (language === 'elixir') {
    lines.forEach((l, i) => {
      const m = EX_MODULE.exec(l);
      if (m) {
        const name = byModule.get(m[1] as string);
        current = name !== undefined ? { line: i + 1, fields: new Map() } : undefined;
        if (name !== undefined && current) index.resources.set(name, current);
        return;
      }
      const f = EX_FIELD.exec(l);
      if (f && current && !current.fields.has(f[1] as string)) current.fields.set(f[1] as string, i + 1);
    });
    return index;
  }
  const names = new Set(n.resources.map((r) => r.name));
  const indents = lines.map((l) => {
    const m = TS_NAME.exec(l);
    return m && names.has((m[2] as string).replace(/\\(.)/g, '$1')) ? (m[1] as string).length : Infinity;
  });
  const top = Math.min(...indents);
  lines.forEach((l, i) => {
    const m = TS_NAME.exec(l);
    if (!m) return;
    const name = (m[2] as string).replace(/\\(.)/g, '$1');
    if ((m[1] as string).length === top) {
      current = { line: i + 1, fields: new Map() };
      index.resources.set(name, current);
    } else if (current && (m[1] as string).length === top + 4 && !current.fields.has(name)) {
      current.fields.set(name, i + 1);
    }
  });
  return index;
}

/** The model's diagnostics placed at the line of the element they are about (first line otherwise). */
export function diagnosticLines(text: string, model: Model, language: CodeLanguage, diagnostics: readonly Diagnostic[], scope: CodeScope): LineNote[] {
  const index = indexLines(text, model, language);
  const out: LineNote[] = [];
  for (const d of diagnostics) {
    if (scope.kind === 'resource' && d.resource !== scope.name) continue;
    const r = d.resource !== undefined ? index.resources.get(d.resource) : undefined;
    if (d.resource !== undefined && !r) continue;
    const field = d.relationship ?? d.attribute;
    const line = (field !== undefined ? r?.fields.get(field) : undefined) ?? r?.line ?? 1;
    out.push({ line, severity: d.severity, message: d.message });
  }
  return out;
}
