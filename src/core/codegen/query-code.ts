import type { NormalizedModel, Sort } from '../model/types';
import type { LoadRequest, QueryRequest } from '../query/types';

/**
 * A preview request as code a user can paste: the equivalent Ash query (Elixir) and the core
 * library call (TypeScript). With a model, resources are written as their Elixir modules.
 */

const IDENT = /^[a-z_][a-zA-Z0-9_]*[?!]?$/;

function atom(name: string): string {
  return IDENT.test(name) ? `:${name}` : `:${JSON.stringify(name)}`;
}

function keyword(name: string): string {
  return IDENT.test(name) ? `${name}:` : `${JSON.stringify(name)}:`;
}

function elixirValue(v: unknown): string {
  if (v === null || v === undefined) return 'nil';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(elixirValue).join(', ')}]`;
  if (typeof v === 'object') {
    return `%{${Object.entries(v as Record<string, unknown>).map(([k, x]) => `${JSON.stringify(k)} => ${elixirValue(x)}`).join(', ')}}`;
  }
  return JSON.stringify(String(v));
}

function elixirSort(sort: Sort): string {
  return sort.map((s) => `${keyword(s.field)} :${s.order ?? 'asc'}`).join(', ');
}

function moduleOf(model: NormalizedModel | undefined, resource: string): string {
  return model?.resources.find((r) => r.name === resource)?.module ?? resource;
}

function destinationOf(model: NormalizedModel | undefined, resource: string, rel: string): string | undefined {
  return model?.resources.find((r) => r.name === resource)?.relationships.find((r) => r.name === rel)?.destination;
}

function isEmptyLoad(l: LoadRequest): boolean {
  return Object.keys(l).every((k) => (k === 'load' ? Object.keys(l.load ?? {}).length === 0 : (l as Record<string, unknown>)[k] === undefined));
}

/** Pins (`^name`) become Elixir variables bound before the query. */
function collectParams(req: LoadRequest, out: Map<string, unknown>): void {
  for (const [k, v] of Object.entries(req.params ?? {})) if (!out.has(k)) out.set(k, v);
  for (const child of Object.values(req.load ?? {})) collectParams(child, out);
}

function pipeline(req: LoadRequest, head: string, resource: string | undefined, model: NormalizedModel | undefined, indent: string): string[] {
  const lines = [head];
  const p = (s: string) => lines.push(`${indent}|> ${s}`);
  if (req.filter && req.filter.trim()) p(`Ash.Query.filter(${req.filter.trim()})`);
  if (req.sort && req.sort.length > 0) p(`Ash.Query.sort(${elixirSort(req.sort)})`);
  if (req.offset !== undefined && req.offset !== 0) p(`Ash.Query.offset(${req.offset})`);
  if (req.limit !== undefined) p(`Ash.Query.limit(${req.limit})`);
  if (req.select) p(`Ash.Query.select([${req.select.map(atom).join(', ')}])`);
  const loads = Object.entries(req.load ?? {});
  // Ash loads aggregates and calculations by name, like relationships.
  const fields = [...(req.aggregates ?? []), ...(req.calculations ?? [])].map((name) => ({ simple: true, text: atom(name) }));
  if (loads.length > 0 || fields.length > 0) {
    const parts = [...fields, ...loads.map(([name, child]) => {
      if (isEmptyLoad(child)) return { simple: true, text: atom(name) };
      const dest = resource ? destinationOf(model, resource, name) : undefined;
      const sub = pipeline(child, moduleOf(model, dest ?? name), dest, model, `${indent}    `);
      return { simple: false, text: `${keyword(name)} ${sub.join('\n')}` };
    })];
    const strict = req.strict ? ', strict?: true' : '';
    if (parts.every((x) => x.simple)) {
      p(`Ash.Query.load(${parts.length === 1 ? parts[0]!.text : `[${parts.map((x) => x.text).join(', ')}]`}${strict})`);
    } else {
      const items = parts.map((x) => (x.simple ? `${x.text.slice(1)}: []` : x.text));
      p(`Ash.Query.load(\n${indent}  [\n${items.map((t) => `${indent}    ${t}`).join(',\n')}\n${indent}  ]${strict}\n${indent})`);
    }
  }
  return lines;
}

/** `Helpdesk.Support.Representative |> Ash.Query.filter(...) |> Ash.Query.load(...) |> Ash.read!()` */
export function toAshQueryCode(request: QueryRequest, model?: NormalizedModel): string {
  const params = new Map<string, unknown>();
  collectParams(request, params);
  const bindings = [...params].map(([k, v]) => `${k} = ${elixirValue(v)}`);
  const body = pipeline(request, moduleOf(model, request.resource), request.resource, model, '');
  body.push('|> Ash.read!()');
  return [...bindings, ...(bindings.length ? [''] : []), 'require Ash.Query', '', ...body].join('\n') + '\n';
}

function tsLiteral(v: unknown, indent = ''): string {
  if (v === undefined) return 'undefined';
  if (Array.isArray(v)) {
    if (v.every((x) => x === null || typeof x !== 'object')) return `[${v.map((x) => tsLiteral(x)).join(', ')}]`;
    return `[\n${v.map((x) => `${indent}  ${tsLiteral(x, `${indent}  `)}`).join(',\n')},\n${indent}]`;
  }
  if (v !== null && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
    if (entries.length === 0) return '{}';
    const key = (k: string) => (/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k));
    const flat = entries.every(([, x]) => x === null || typeof x !== 'object' || (Array.isArray(x) && x.every((y) => y === null || typeof y !== 'object')));
    if (flat && entries.length <= 3) return `{ ${entries.map(([k, x]) => `${key(k)}: ${tsLiteral(x)}`).join(', ')} }`;
    return `{\n${entries.map(([k, x]) => `${indent}  ${key(k)}: ${tsLiteral(x, `${indent}  `)}`).join(',\n')},\n${indent}}`;
  }
  return JSON.stringify(v);
}

/** The request as a call of the core library (`createEngine` … `engine.read(request)`). */
export function toTypeScriptQueryCode(request: QueryRequest): string {
  return [
    "import { createEngine } from 'relata/core';",
    "import type { QueryRequest } from 'relata/core';",
    '',
    '// model: your relata/model@1 object; db: a sql.js Database (or use { kind: \'memory\' })',
    "const created = createEngine({ model, dataLayer: { kind: 'sqlite', db } });",
    'if (!created.ok) throw new Error(created.error.message);',
    'const engine = created.value;',
    'engine.load(data);',
    '',
    `const request: QueryRequest = ${tsLiteral(request)};`,
    '',
    'const result = await engine.read(request);',
    'if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);',
    'const { records, statements } = result.value;',
    '',
  ].join('\n');
}
