/**
 * A generated model for the canvas benchmark: `resources` resources on a grid and `relationships`
 * relationships (each resource after the first two belongs_to two earlier ones; the rest are
 * has_many inverses on the first resources), deterministic for a given size.
 */
import type { Attribute, Model, RelataDocument, Relationship, Resource } from '../../src/core/index';

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export function benchDocument(resources = 300, relationships = 600, seed = 7): RelataDocument {
  const random = rng(seed);
  const name = (i: number) => `Res${String(i).padStart(3, '0')}`;
  const list: Resource[] = [];
  let made = 0;
  for (let i = 0; i < resources; i++) {
    const attributes: Attribute[] = [
      { name: 'id', type: 'integer', primaryKey: true, allowNil: false, generated: 'increment' },
      { name: 'title', type: 'string', allowNil: false },
      { name: 'score', type: 'integer' },
      { name: 'created_at', type: 'utc_datetime' },
    ];
    const rels: Relationship[] = [];
    for (let k = 0; k < 2 && i > 0 && made < relationships; k++) {
      const target = Math.floor(random() * i);
      rels.push({ name: `parent_${k}`, kind: 'belongs_to', destination: name(target), allowNil: true, attributeType: 'integer' });
      made++;
    }
    list.push({ name: name(i), attributes, relationships: rels });
  }
  // Top up with has_many back to the belongs_to above (paired on the canvas with their belongs_to).
  for (let i = 1; made < relationships && i < resources; i++) {
    for (const b of list[i]!.relationships ?? []) {
      if (made >= relationships) break;
      const parent = list.find((r) => r.name === b.destination)!;
      parent.relationships!.push({ name: `children_${name(i).toLowerCase()}_${b.name}`, kind: 'has_many', destination: name(i), destinationAttribute: `${b.name}_id` });
      made++;
    }
  }
  const model: Model = { format: 'relata/model@1', name: `Bench${resources}`, resources: list };
  const cols = Math.ceil(Math.sqrt(resources * 1.6));
  const positions: Record<string, { x: number; y: number }> = {};
  list.forEach((r, i) => (positions[r.name] = { x: (i % cols) * 300, y: Math.floor(i / cols) * 260 }));
  return { model, layout: { positions } };
}

export function countRelationships(doc: RelataDocument): number {
  return doc.model.resources.reduce((n, r) => n + (r.relationships?.length ?? 0), 0);
}
