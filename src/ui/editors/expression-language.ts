/**
 * Diagnostics and completions of a relationship `filter` expression, from the core's parser and
 * reference resolution. Pure functions over the text, so they are unit-testable without a DOM.
 */
import { parseExpression, resolveExpression } from '../../core/index';
import type { NormalizedModel, NResource } from '../../core/index';

export interface ExpressionProblem {
  from: number;
  to: number;
  message: string;
  severity: 'error' | 'warning';
}

export interface ExpressionScope {
  model: NormalizedModel;
  /** Unqualified references: the relationship's destination. */
  resource: string;
  /** What `parent(...)` reads: the relationship's source. */
  parents: string[];
}

export function expressionProblems(source: string, scope: ExpressionScope): ExpressionProblem[] {
  if (source.trim() === '') return [];
  const parsed = parseExpression(source);
  const clamp = (n: number) => Math.max(0, Math.min(source.length, n));
  if (!parsed.ok) {
    const { span, message } = parsed.error;
    return [{ from: clamp(span.start), to: clamp(Math.max(span.end, span.start)), message, severity: 'error' }];
  }
  if (!scope.model.resources.some((r) => r.name === scope.resource)) return [];
  return resolveExpression(parsed.value, { model: scope.model, resource: scope.resource, parents: scope.parents }).map((p) => ({
    from: clamp(p.span.start),
    to: clamp(p.span.end),
    message: p.message,
    severity: 'error',
  }));
}

export interface CompletionItem {
  label: string;
  type: 'property' | 'variable' | 'function' | 'keyword';
  detail?: string;
}

const FUNCTIONS = ['parent', 'exists', 'is_nil', 'contains', 'string_downcase', 'string_length', 'if', 'not'];
const KEYWORDS = ['and', 'or', 'in', 'true', 'false', 'nil'];

/** How many `parent(` are open at `pos`: each one moves the scope one level out. */
export function parentDepth(text: string, pos: number): number {
  const before = text.slice(0, pos);
  const stack: boolean[] = [];
  const re = /parent\s*\(|\(|\)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(before))) {
    if (m[0] === ')') stack.pop();
    else stack.push(m[0] !== '(');
  }
  return stack.filter(Boolean).length;
}

/**
 * Completions for the word ending at `pos`: fields of the resource in scope (the destination, or
 * the source inside `parent(`), following `rel.` paths through relationships.
 */
export function expressionCompletions(text: string, pos: number, scope: ExpressionScope): { from: number; items: CompletionItem[] } | null {
  const before = text.slice(0, pos);
  const m = /[A-Za-z_][\w.]*$|\.$|$/.exec(before);
  const word = m?.[0] ?? '';
  const segments = word.split('.');
  const partial = segments.pop() ?? '';
  const from = pos - partial.length;
  if (/[:^"]$/.test(before.slice(0, from))) return null;
  const find = (name: string | undefined): NResource | undefined => scope.model.resources.find((r) => r.name === name);
  const depth = parentDepth(text, pos);
  let resource = find(depth === 0 ? scope.resource : scope.parents[depth - 1]);
  for (const seg of segments) {
    const rel = resource?.relationships.find((r) => r.name === seg);
    resource = find(rel?.destination);
    if (!resource) return null;
  }
  if (!resource) return null;
  const items: CompletionItem[] = [
    ...resource.attributes.map((a) => ({ label: a.name, type: 'property' as const, detail: a.type })),
    ...resource.relationships.map((r) => ({ label: r.name, type: 'variable' as const, detail: `${r.kind} ${r.destination}` })),
    // Aggregates are fields in filters and root sorts (docs/actions-and-aggregates.md §3).
    ...(resource.aggregates ?? []).map((g) => ({ label: g.name, type: 'property' as const, detail: `${g.kind} ${g.path.join('.')}` })),
  ];
  if (segments.length === 0) {
    items.push(...FUNCTIONS.map((f) => ({ label: f, type: 'function' as const })), ...KEYWORDS.map((k) => ({ label: k, type: 'keyword' as const })));
  }
  return { from, items: items.filter((i) => i.label.startsWith(partial)) };
}
