/**
 * Resource sections beyond attributes and relationships: `identities` and `calculations` (modelled,
 * docs/model-extensions.md), AshPostgres `references` (→ belongs_to onDelete/onUpdate) and the
 * verbatim text of sections Relata does not model (`preserved`).
 */
import { parseExpression } from '../expr/parser';
import { REFERENCE_ACTIONS, type Calculation, type Identity, type ReferenceAction, type Relationship } from '../model/types';
import { atomName, bool, options, type Reader } from './elixir-dsl';
import type { ExStmt, ExVal } from './elixir-parse';
import { sourceOf } from './elixir-tree';
import { readAshType } from './elixir-types';

/** The statement as written (dedented), or undefined when the parser kept no source. */
export const stmtText = (s: ExStmt): string | undefined => sourceOf(s);

/** `identities do identity :name, [:a, :b] end`. `exact` is false when an option was not carried. */
export function readIdentities(block: ExStmt[], r: Reader): { identities: Identity[]; exact: boolean } {
  const out: Identity[] = [];
  let exact = true;
  for (const s of block) {
    if (s.name !== 'identity') { exact = false; r.warnings.push({ line: s.line, message: `\`${s.name}\` in identities is not read` }); continue; }
    const name = atomName(s.args[0]);
    const keysVal = s.args[1];
    const keys = keysVal?.t === 'list' ? keysVal.items.map(atomName) : [atomName(keysVal)];
    if (name === undefined || keys.length === 0 || keys.some((k) => k === undefined)) {
      exact = false;
      r.warnings.push({ line: s.line, message: 'An identity whose name or keys are not literal atoms is not modelled (kept in the verbatim section)' });
      continue;
    }
    const id: Identity = { name, keys: keys as string[] };
    for (const o of options(s, 2)) {
      if (o.name === 'description' && o.value?.t === 'str') id.description = o.value.v;
      else exact = false;
    }
    out.push(id);
  }
  return { identities: out, exact };
}

/**
 * `calculate :name, :type, expr(...)` (or the `calculation` option in a do block). An expression
 * the model's syntax parses is carried as `expression`; anything else keeps `ashSource` (and the
 * expression `nil`) with a warning. `exact` is false when something was not carried.
 */
export function readCalculations(block: ExStmt[], r: Reader): { calculations: Calculation[]; exact: boolean } {
  const out: Calculation[] = [];
  let exact = true;
  for (const s of block) {
    if (s.name !== 'calculate') { exact = false; r.warnings.push({ line: s.line, message: `\`${s.name}\` in calculations is not read` }); continue; }
    const name = atomName(s.args[0]);
    const t = readAshType(s.args[1], r.typeModule);
    if (name === undefined || t === undefined) {
      exact = false;
      r.warnings.push({ line: s.line, message: 'A calculation without a literal name and type is not modelled (kept in the verbatim section)' });
      continue;
    }
    const opts = options(s, 2);
    const positional = s.args[2] && s.args[2].t !== 'pair' ? s.args[2] : undefined;
    const body: ExVal | undefined = positional ?? opts.find((o) => o.name === 'calculation')?.value;
    const c: Calculation = { name, type: t.type, expression: 'nil' };
    const expression = body?.t === 'call' && body.name === 'expr' ? body.raw : undefined;
    if (expression !== undefined && parseExpression(expression).ok) c.expression = expression.replace(/\s*\n\s*/g, ' ');
    else {
      exact = false;
      c.ashSource = stmtText(s) ?? `calculate :${name}`;
      r.warnings.push({
        line: s.line,
        message: expression === undefined
          ? `Calculation :${name} is computed by Elixir code; kept as Ash source (its value is nil in previews)`
          : `The expression of calculation :${name} is not one Relata evaluates; kept as Ash source (its value is nil in previews)`,
      });
    }
    if (t.ashType !== undefined) exact = false;
    for (const o of opts) {
      if (o.name === 'calculation') continue;
      if (o.name === 'public?' && bool(o.value) !== undefined) c.public = bool(o.value);
      else if (o.name === 'description' && o.value?.t === 'str') c.description = o.value.v;
      else exact = false;
    }
    if (c.public === undefined && r.ash2 === true) c.public = true;
    out.push(c);
  }
  return { calculations: out, exact };
}

const ACTIONS: Record<string, ReferenceAction> = { delete: 'cascade', nilify: 'set_null', nothing: 'no_action', restrict: 'restrict' };

/**
 * `postgres do references do reference :author, on_delete: :delete end end` → onDelete/onUpdate of
 * the belongs_to of that name. `exact` is false when the postgres block holds anything more than
 * `table`, `repo` and such references (then the block is also kept verbatim).
 */
export function readPostgres(block: ExStmt[], rels: Relationship[] | undefined): { table?: string; exact: boolean } {
  let table: string | undefined;
  let exact = true;
  for (const s of block) {
    if (s.name === 'table' && s.args[0]?.t === 'str') { table = s.args[0].v; continue; }
    if (s.name === 'repo') continue;
    if (s.name !== 'references' || !s.block) { exact = false; continue; }
    for (const ref of s.block) {
      const name = atomName(ref.args[0]);
      const rel = rels?.find((x) => x.name === name);
      if (ref.name !== 'reference' || rel?.kind !== 'belongs_to') { exact = false; continue; }
      for (const o of options(ref, 1)) {
        const a = atomName(o.value);
        const named = a === 'update' && o.name === 'on_update' ? 'cascade' : a === undefined ? undefined : ACTIONS[a];
        const action = named ?? (a !== undefined && (REFERENCE_ACTIONS as readonly string[]).includes(a) ? (a as ReferenceAction) : undefined);
        if (o.name === 'on_delete' && action) rel.onDelete = action;
        else if (o.name === 'on_update' && action) rel.onUpdate = action;
        else exact = false;
      }
    }
  }
  return table === undefined ? { exact } : { table, exact };
}
