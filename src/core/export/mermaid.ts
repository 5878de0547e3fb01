/**
 * Mermaid `erDiagram`: every resource (join resources included) as an entity with its attributes,
 * and one line per relationship, drawn from its own source with its own cardinality, so a belongs_to
 * and its inverse has_many are two lines with two labels. Relationships without keys (manual,
 * `noAttributes`) are dotted. The implicit `*_join_assoc` has_many is left out: the many_to_many
 * line and the join resource's belongs_to lines already show it. Names that are words of the
 * erDiagram grammar (`Class`, `End`, `One`) are quoted; attribute names Mermaid cannot read
 * (`pk`, `is_public?`) are written in a readable form with the real name as the attribute's comment.
 */
import { normalizeModel } from '../model/normalize';
import { stripIds } from '../model/ids';
import type { Model, NAttribute, NRelationship, NResource } from '../model/types';

export function toMermaid(withIds: Model): string {
  const model = stripIds(withIds);
  const m = normalizeModel(model);
  const lines = ['erDiagram'];
  for (const r of m.resources) lines.push(...entity(r));
  for (const r of m.resources) {
    for (const rel of r.relationships) {
      const line = relationshipLine(r, rel);
      if (line) lines.push(`  ${line}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Words of Mermaid's erDiagram grammar an unquoted entity name must not be (compared without case). */
const ER_KEYWORDS: ReadonlySet<string> = new Set([
  'accdescr', 'acctitle', 'classdef', 'class', 'end', 'erdiagram', 'many', 'one', 'only', 'optionally', 'style',
  'subgraph', 'to', 'u', 'o', 'zero', 'direction', 'title', 'pk', 'fk', 'uk',
]);
/** Attribute keys: an attribute may not be called this (it cannot be quoted either). */
const ATTRIBUTE_KEYS: ReadonlySet<string> = new Set(['pk', 'fk', 'uk']);

/** An entity name as Mermaid reads it: plain when it is a plain word, else in double quotes. */
export function entityName(name: string): string {
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !ER_KEYWORDS.has(name.toLowerCase())) return name;
  return `"${name.replace(/"/g, "'")}"`;
}

/**
 * An attribute name Mermaid accepts: attribute names cannot be quoted, so other characters become
 * `_` (`is_public?` → `is_public_`) and a key word or leading digit gets a `_` (`pk` → `pk_`).
 */
export function attributeName(name: string): string {
  let out = name.replace(/[^A-Za-z0-9_-]/g, '_');
  if (ATTRIBUTE_KEYS.has(out.toLowerCase())) out = `${out}_`;
  if (/^[0-9-]/.test(out) || out === '') out = `_${out}`;
  return out;
}

const label = (s: string): string => `"${s.replace(/"/g, "'")}"`;

function entity(r: NResource): string[] {
  const fks = new Set(r.relationships.flatMap((rel) => (rel.kind === 'belongs_to' ? [rel.sourceAttribute] : [])));
  const out = [`  ${entityName(r.name)} {`];
  for (const a of r.attributes) out.push(`    ${attributeLine(a, fks.has(a.name))}`);
  out.push('  }');
  return out;
}

function attributeLine(a: NAttribute, fk: boolean): string {
  const keys = [a.primaryKey ? 'PK' : '', fk ? 'FK' : ''].filter((k) => k !== '').join(', ');
  const notes: string[] = [];
  if (!a.allowNil && !a.primaryKey) notes.push('not null');
  if (a.constraints?.oneOf) notes.push(`one of ${a.constraints.oneOf.map((v) => String(v)).join(', ')}`);
  const name = attributeName(a.name);
  if (name !== a.name) notes.unshift(`name ${a.name}`);
  return [a.type, name, keys, notes.length > 0 ? label(notes.join('; ')) : ''].filter((p) => p !== '').join(' ');
}

function relationshipLine(r: NResource, rel: NRelationship): string | undefined {
  if (rel.kind === 'has_many' && rel.joinOf !== undefined) return undefined;
  const from = entityName(r.name);
  const to = entityName(rel.destination);
  switch (rel.kind) {
    case 'belongs_to':
      // Many sources point at one destination; exactly one unless nil is allowed.
      return `${from} }o--${rel.allowNil ? 'o|' : '||'} ${to} : ${label(rel.name)}`;
    case 'has_one': {
      const keyless = rel.noAttributes || rel.manual !== undefined;
      return `${from} ${keyless ? '}o..' : '|o--'}o| ${to} : ${label(`${rel.name}${rel.manual ? ' (manual)' : ''}`)}`;
    }
    case 'has_many': {
      const keyless = rel.noAttributes || rel.manual !== undefined;
      return `${from} ${keyless ? '}o..' : '|o--'}o{ ${to} : ${label(`${rel.name}${rel.manual ? ' (manual)' : ''}`)}`;
    }
    case 'many_to_many':
      return `${from} }o--o{ ${to} : ${label(`${rel.name} (through ${rel.through})`)}`;
  }
}
