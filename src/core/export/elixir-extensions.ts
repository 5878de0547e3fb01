/**
 * Ash export of the model extensions (docs/model-extensions.md): identities, calculations, AshPostgres
 * references (belongs_to onDelete/onUpdate) and preserved sections written back verbatim. A section
 * the importer kept verbatim (`preserved`) is written instead of the one generated from the model.
 */
import type { Calculation, Identity, NResource, PreservedBlock, ReferenceAction, Resource } from '../model/types';
import { atom, str } from './elixir-format';

/** Indents a verbatim block (as the importer stored it, dedented) by two spaces. */
export function indentBlock(text: string): string[] {
  return text.split('\n').map((l) => (l === '' ? '' : `  ${l}`));
}

export const preservedSection = (r: Resource, section: string): PreservedBlock | undefined =>
  r.preserved?.find((p) => p.section === section);

/** Preserved blocks in their original order, except those written in place of a generated section. */
export function preservedLines(r: Resource, inPlace: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const p of r.preserved ?? []) {
    if (inPlace.has(p.section)) continue;
    out.push(...indentBlock(p.text), '');
  }
  return out;
}

export function identitiesBlock(identities: Identity[] | undefined): string[] {
  if (!identities || identities.length === 0) return [];
  const lines = identities.map((i) => {
    const keys = `[${i.keys.map(atom).join(', ')}]`;
    return i.description === undefined ? `    identity ${atom(i.name)}, ${keys}` : `    identity ${atom(i.name)}, ${keys}, description: ${str(i.description)}`;
  });
  return ['', '  identities do', ...lines, '  end'];
}

export function calculationsBlock(calculations: Calculation[] | undefined, ash2: boolean): string[] {
  if (!calculations || calculations.length === 0) return [];
  const lines: string[] = [];
  for (const c of calculations) {
    if (c.ashSource !== undefined) { lines.push(...c.ashSource.split('\n').map((l) => (l === '' ? '' : `    ${l}`))); continue; }
    const opts: string[] = [];
    const isPublic = c.public ?? false;
    if (isPublic !== ash2) opts.push(ash2 ? 'private?: true' : 'public?: true');
    if (c.description !== undefined) opts.push(`description: ${str(c.description)}`);
    lines.push(`    calculate ${atom(c.name)}, ${atom(c.type)}, expr(${c.expression})${opts.map((o) => `, ${o}`).join('')}`);
  }
  return ['', '  calculations do', ...lines, '  end'];
}

const ASH_ACTION: Record<ReferenceAction, string> = { cascade: ':delete', set_null: ':nilify', no_action: ':nothing', restrict: ':restrict', set_default: ':nothing' };

/** `references do reference :x, on_delete: :delete end` lines for belongs_to with referential actions. */
export function referenceLines(n: NResource): string[] {
  const refs: string[] = [];
  for (const rel of n.relationships) {
    if (rel.kind !== 'belongs_to' || (rel.onDelete === undefined && rel.onUpdate === undefined)) continue;
    const onUpdate = rel.onUpdate === 'cascade' ? ':update' : rel.onUpdate ? ASH_ACTION[rel.onUpdate] : '';
    const opts = [rel.onDelete ? `on_delete: ${ASH_ACTION[rel.onDelete]}` : '', onUpdate ? `on_update: ${onUpdate}` : ''].filter((o) => o !== '');
    refs.push(`      reference ${atom(rel.name)}, ${opts.join(', ')}`);
  }
  return refs.length === 0 ? [] : ['    references do', ...refs, '    end'];
}

/** Written into an Ash 2 resource: its version cannot always be told from its text (no `api:`). */
export const ASH2_MARKER = '# relata:ash 2';

/** An Ash 2 resource (`ashVersion: 2`, set by the importer): attributes are public by default. */
export function isAsh2(r: Resource): boolean {
  return r.ashVersion === 2;
}
