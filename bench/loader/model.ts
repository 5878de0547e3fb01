import type { Model } from '../../src/core/model/types';

/**
 * The helpdesk model of the loader benchmark, as `relata/model@1` JSON (spec model-format §1).
 * Integer primary keys everywhere; belongs_to keys are integers (`attributeType: "integer"`).
 * Table names are the defaults (snake_case of the resource name), which is what dataset.ts creates.
 */

/**
 * The seed's TicketsAboveThreshold as a manual relationship (positional return), with the priority
 * comparison done in SQL through the to-one path `representative.priority_threshold`.
 */
export const TICKETS_ABOVE_THRESHOLD_SOURCE = `// The seed's TicketsAboveThreshold, in JavaScript against ctx.
export async function load(records, opts, ctx) {
  const ids = records.map((r) => r.id);
  const tickets = await ctx.read(
    ctx.query
      .filter("representative_id in ^ids", { ids })
      .filter("priority > representative.priority_threshold")
  );
  // Group once (not records.map(filter), which would be O(records x tickets)).
  const byRep = new Map();
  for (const t of tickets) {
    let list = byRep.get(t.representative_id);
    if (list === undefined) byRep.set(t.representative_id, (list = []));
    list.push(t);
  }
  // Positional return: element i holds the tickets of records[i]
  return records.map((r) => byRep.get(r.id) ?? []);
}
`;

export const helpdeskModel: Model = {
  format: 'relata/model@1',
  name: 'Helpdesk',
  module: 'Helpdesk.Support',
  resources: [
    {
      name: 'Representative',
      attributes: [
        { name: 'id', type: 'integer', primaryKey: true },
        { name: 'name', type: 'string' },
        { name: 'priority_threshold', type: 'integer' },
      ],
      relationships: [
        { kind: 'has_many', name: 'tickets', destination: 'Ticket' },
        {
          kind: 'has_many',
          name: 'tickets_above_threshold',
          destination: 'Ticket',
          manual: { language: 'javascript', source: TICKETS_ABOVE_THRESHOLD_SOURCE },
        },
      ],
    },
    {
      name: 'User',
      attributes: [
        { name: 'id', type: 'integer', primaryKey: true },
        { name: 'name', type: 'string' },
        { name: 'email', type: 'string' },
      ],
      relationships: [
        { kind: 'has_many', name: 'reported_tickets', destination: 'Ticket', destinationAttribute: 'reporter_id' },
      ],
    },
    {
      name: 'Ticket',
      attributes: [
        { name: 'id', type: 'integer', primaryKey: true },
        { name: 'subject', type: 'string' },
        { name: 'priority', type: 'integer' },
        { name: 'status', type: 'atom', constraints: { oneOf: ['open', 'closed'] } },
      ],
      relationships: [
        { kind: 'belongs_to', name: 'representative', destination: 'Representative', attributeType: 'integer' },
        { kind: 'belongs_to', name: 'reporter', destination: 'User', attributeType: 'integer' },
        { kind: 'has_many', name: 'comments', destination: 'Comment' },
        { kind: 'many_to_many', name: 'tags', destination: 'Tag', through: 'TicketTag' },
      ],
    },
    {
      name: 'Comment',
      attributes: [
        { name: 'id', type: 'integer', primaryKey: true },
        { name: 'body', type: 'string' },
      ],
      relationships: [{ kind: 'belongs_to', name: 'ticket', destination: 'Ticket', attributeType: 'integer' }],
    },
    {
      name: 'Tag',
      attributes: [
        { name: 'id', type: 'integer', primaryKey: true },
        { name: 'name', type: 'string' },
      ],
    },
    {
      name: 'TicketTag',
      relationships: [
        {
          kind: 'belongs_to',
          name: 'ticket',
          destination: 'Ticket',
          attributeType: 'integer',
          primaryKey: true,
          allowNil: false,
        },
        {
          kind: 'belongs_to',
          name: 'tag',
          destination: 'Tag',
          attributeType: 'integer',
          primaryKey: true,
          allowNil: false,
        },
      ],
    },
  ],
};
