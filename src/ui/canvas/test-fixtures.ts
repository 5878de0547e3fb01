import type { Model, RelataDocument } from '../../core/index';

/** Ticket → Representative (belongs_to + inverse has_many), Post ⇄ Tag through PostTag, a self-loop. */
export function helpdeskDoc(): RelataDocument {
  const model: Model = {
    format: 'relata/model@1',
    name: 'Helpdesk',
    resources: [
      {
        name: 'Representative',
        attributes: [{ name: 'id', type: 'integer', primaryKey: true, generated: 'increment' }, { name: 'name', type: 'string' }],
        relationships: [{ kind: 'has_many', name: 'tickets', destination: 'Ticket' }],
      },
      {
        name: 'Ticket',
        attributes: [{ name: 'id', type: 'uuid', primaryKey: true }, { name: 'priority', type: 'integer' }],
        relationships: [
          { kind: 'belongs_to', name: 'representative', destination: 'Representative', attributeType: 'integer' },
          { kind: 'has_many', name: 'higher_priority_tickets', destination: 'Ticket', noAttributes: true, filter: 'priority > parent(priority)' },
        ],
      },
      {
        name: 'Post',
        attributes: [{ name: 'id', type: 'uuid', primaryKey: true }],
        relationships: [{ kind: 'many_to_many', name: 'tags', destination: 'Tag', through: 'PostTag' }],
      },
      {
        name: 'Tag',
        attributes: [{ name: 'id', type: 'uuid', primaryKey: true }],
        relationships: [{ kind: 'many_to_many', name: 'posts', destination: 'Post', through: 'PostTag' }],
      },
      {
        name: 'PostTag',
        relationships: [
          { kind: 'belongs_to', name: 'post', destination: 'Post', primaryKey: true, allowNil: false },
          { kind: 'belongs_to', name: 'tag', destination: 'Tag', primaryKey: true, allowNil: false },
        ],
      },
    ],
  };
  return { model, layout: { positions: { Representative: { x: 0, y: 0 }, Ticket: { x: 400, y: 0 } } } };
}
