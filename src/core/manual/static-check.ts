import { parse, type Node, type Program } from 'acorn';
import type { ModuleCheck } from './contract';

/**
 * Static checks and the module → script rewrite for manual relationship code (spec §1 "Manual
 * relationships"). Pure: no evaluation happens here, so the diagnostics can run anywhere (validator,
 * editor lint) without a sandbox.
 */

type Parsed = { ok: true; program: Program } | { ok: false; check: ModuleCheck };

function parseModule(source: string): Parsed {
  try {
    const program = parse(source, { ecmaVersion: 'latest', sourceType: 'module', locations: true });
    return { ok: true, program };
  } catch (e) {
    // acorn's SyntaxError carries `loc` ({ line 1-based, column 0-based }) and appends " (l:c)" to the message.
    const loc = (e as { loc?: { line: number; column: number } }).loc;
    const raw = e instanceof Error ? e.message : String(e);
    const message = `Syntax error: ${raw.replace(/ \(\d+:\d+\)$/, '')}`;
    return loc
      ? { ok: false, check: { ok: false, message, line: loc.line, column: loc.column + 1 } }
      : { ok: false, check: { ok: false, message } };
  }
}

function position(node: Node): { line?: number; column?: number } {
  return node.loc ? { line: node.loc.start.line, column: node.loc.start.column + 1 } : {};
}

/** Finds the first `import()` or `import.meta` anywhere in the tree (they reach the host's module loader). */
function findImportUse(node: unknown): Node | undefined {
  if (node === null || typeof node !== 'object') return undefined;
  if (Array.isArray(node)) {
    for (const child of node) {
      const hit = findImportUse(child);
      if (hit) return hit;
    }
    return undefined;
  }
  const n = node as Node & Record<string, unknown>;
  if (n.type === 'ImportExpression') return n;
  if (n.type === 'MetaProperty' && (n.meta as { name?: string } | undefined)?.name === 'import') return n;
  for (const key of Object.keys(n)) {
    if (key === 'loc' || key === 'start' || key === 'end' || key === 'type') continue;
    const hit = findImportUse(n[key]);
    if (hit) return hit;
  }
  return undefined;
}

function exportName(node: Node | null | undefined): string | undefined {
  if (!node) return undefined;
  const n = node as { type: string; name?: string; value?: unknown };
  if (n.type === 'Identifier') return n.name;
  if (n.type === 'Literal' && typeof n.value === 'string') return n.value;
  return undefined;
}

/** Identifiers bound by a declaration pattern (`const { a, b: [c] } = ...` binds a and c). */
function boundNames(pattern: Node | null | undefined, out: string[] = []): string[] {
  if (!pattern) return out;
  const p = pattern as Node & Record<string, unknown>;
  switch (p.type) {
    case 'Identifier':
      out.push(p.name as string);
      break;
    case 'ObjectPattern':
      for (const prop of p.properties as Node[]) {
        const pr = prop as Node & { value?: Node; argument?: Node };
        boundNames(prop.type === 'RestElement' ? pr.argument : pr.value, out);
      }
      break;
    case 'ArrayPattern':
      for (const el of p.elements as Array<Node | null>) boundNames(el, out);
      break;
    case 'RestElement':
      boundNames(p.argument as Node, out);
      break;
    case 'AssignmentPattern':
      boundNames(p.left as Node, out);
      break;
  }
  return out;
}

interface ExportBinding {
  /** The exported name. */
  exported: string;
  /** The local binding it reads. */
  local: string;
}

interface DeclarationInfo {
  type: string;
  id?: Node | null;
  declarations?: Array<{ id: Node; init?: Node | null }>;
}

/** Lists the module's exports; `import`-like forms are reported as problems. */
function analyse(program: Program): { exports: ExportBinding[]; loadInit?: Node | null; problem?: ModuleCheck } {
  const exports: ExportBinding[] = [];
  let loadInit: Node | null | undefined;
  for (const stmt of program.body) {
    if (stmt.type === 'ImportDeclaration') {
      return { exports, problem: { ok: false, message: 'Manual code cannot import modules: remove the `import` declaration', ...position(stmt) } };
    }
    if (stmt.type === 'ExportAllDeclaration' || (stmt.type === 'ExportNamedDeclaration' && stmt.source)) {
      return { exports, problem: { ok: false, message: 'Manual code cannot re-export from other modules (`export ... from`)', ...position(stmt) } };
    }
    if (stmt.type === 'ExportNamedDeclaration') {
      const decl = stmt.declaration as DeclarationInfo | null | undefined;
      if (decl) {
        if (decl.type === 'VariableDeclaration') {
          for (const d of decl.declarations ?? []) {
            for (const name of boundNames(d.id)) {
              exports.push({ exported: name, local: name });
              if (name === 'load' && d.id.type === 'Identifier') loadInit = d.init ?? null;
            }
          }
        } else {
          const name = exportName(decl.id);
          if (name) exports.push({ exported: name, local: name });
        }
      }
      for (const spec of stmt.specifiers) {
        const local = exportName(spec.local);
        const exported = exportName(spec.exported);
        if (local && exported) exports.push({ exported, local });
      }
    }
  }
  const importUse = findImportUse(program);
  if (importUse) {
    const what = importUse.type === 'ImportExpression' ? '`import()`' : '`import.meta`';
    return { exports, problem: { ok: false, message: `Manual code cannot use ${what}: it has no access to modules`, ...position(importUse) } };
  }
  return { exports, loadInit };
}

const NOT_A_FUNCTION = new Set(['Literal', 'TemplateLiteral', 'ObjectExpression', 'ArrayExpression']);

/**
 * Checks a manual module without running it: it must parse as an ES module, import nothing, and
 * export a binding named `load`. Evaluation errors and a `load` that is not a function at run time
 * are found by `ManualRunner.check`, which runs the module in the sandbox.
 */
export function checkManualModuleStatic(source: string): ModuleCheck {
  const parsed = parseModule(source);
  if (!parsed.ok) return parsed.check;
  const { exports, loadInit, problem } = analyse(parsed.program);
  if (problem) return problem;
  if (!exports.some((e) => e.exported === 'load')) {
    return {
      ok: false,
      message:
        'The module does not export `load`: write `export async function load(records, opts, ctx) { ... }` ' +
        '(CommonJS `module.exports` is not supported)',
    };
  }
  if (loadInit && NOT_A_FUNCTION.has(loadInit.type)) {
    return { ok: false, message: 'The `load` export is not a function', ...position(loadInit) };
  }
  return { ok: true };
}

/** Replaces source[start, end) with spaces, keeping line breaks so later lines keep their numbers. */
function blank(chars: string[], start: number, end: number): void {
  for (let i = start; i < end; i++) {
    const c = chars[i];
    if (c !== '\n' && c !== '\r' && c !== '\u2028' && c !== '\u2029') chars[i] = ' ';
  }
}

/**
 * Rewrites a (statically valid) module into the body of an async function taking `__exports`: the
 * `export` keywords become spaces and export lists become assignments appended at the end, so line
 * and column positions of the user's code are unchanged and stack traces map back directly.
 * Throws on a module that fails `checkManualModuleStatic` parsing (callers check first).
 */
export function toSandboxScript(source: string): string {
  const parsed = parseModule(source);
  if (!parsed.ok) throw new SyntaxError(parsed.check.message);
  // UTF-16 units, like acorn's offsets. Statements are rewritten last to first so splices that change
  // lengths never move the offsets of statements still to be rewritten.
  const units = source.split('');
  const body = parsed.program.body;
  const tail: string[] = [];
  for (let s = body.length - 1; s >= 0; s--) {
    const stmt = body[s]!;
    if (stmt.type === 'ExportNamedDeclaration') {
      const decl = stmt.declaration as Node | null | undefined;
      blank(units, stmt.start, decl ? decl.start : stmt.end);
    } else if (stmt.type === 'ExportDefaultDeclaration') {
      const decl = stmt.declaration as Node;
      // `export default ` → `var __dflt = ` of the same width where possible, so columns stay put; the
      // `;` keeps a following `(` from calling a default-exported function expression.
      units.splice(decl.end, 0, ';');
      const width = decl.start - stmt.start;
      const head = 'var __dflt = ';
      units.splice(stmt.start, width, width > head.length ? head.padEnd(width) : head);
      tail.push('__exports["default"] = __dflt;');
    }
  }
  for (const e of analyse(parsed.program).exports) {
    tail.push(`__exports[${JSON.stringify(e.exported)}] = ${e.local};`);
  }
  return `${units.join('')}\n;${tail.join(' ')}\n`;
}
