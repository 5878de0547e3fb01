import { MODEL_FORMAT } from '../model/types';
import type { Data, Model } from '../model/types';

/**
 * The Ash helpdesk tutorial's domain: users report tickets, representatives work them, tickets
 * collect comments. Shows a manual relationship (`tickets_above_threshold`, the seed's
 * TicketsAboveThreshold in JavaScript) and a `noAttributes` relationship filtered by `parent(...)`.
 * Ticket has the tutorial's actions (a ticket is opened with a reporter, assigned to a
 * representative, started and closed: `manage_relationship` and `set_attribute`), and the
 * resources count their tickets and comments with aggregates.
 */
export const TICKETS_ABOVE_THRESHOLD_SOURCE = `// The seed's TicketsAboveThreshold, in JavaScript against ctx.
export async function load(records, opts, ctx) {
  // Use existing records to limit results
  const repIds = records.map((r) => r.id);
  const tickets = await ctx.read(
    ctx.query
      .filter("representative_id in ^rep_ids", { rep_ids: repIds })
      .filter("priority > representative.priority_threshold")
  );
  // Positional return: element i holds the tickets of records[i]
  return records.map((r) => tickets.filter((t) => t.representative_id === r.id));
}
`;

export const helpdeskModel: Model = {
  format: MODEL_FORMAT,
  name: 'Helpdesk',
  module: 'Helpdesk.Support',
  resources: [
    {
      name: 'User',
      description: 'Someone who reports tickets and writes comments.',
      attributes: [
        { name: 'id', type: 'integer', primaryKey: true, generated: 'increment' },
        { name: 'name', type: 'string', allowNil: false },
        { name: 'email', type: 'ci_string', allowNil: false },
      ],
      relationships: [
        { kind: 'has_many', name: 'reported_tickets', destination: 'Ticket', destinationAttribute: 'reporter_id' },
      ],
      aggregates: [{ name: 'reported_ticket_count', kind: 'count', path: ['reported_tickets'] }],
    },
    {
      name: 'Representative',
      description: 'A support agent; tickets above their priority threshold need attention.',
      attributes: [
        { name: 'id', type: 'integer', primaryKey: true, generated: 'increment' },
        { name: 'name', type: 'string', allowNil: false },
        { name: 'priority_threshold', type: 'integer', default: 5 },
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
      aggregates: [
        { name: 'ticket_count', kind: 'count', path: ['tickets'] },
        { name: 'open_ticket_count', kind: 'count', path: ['tickets'], filter: 'status == :open' },
      ],
    },
    {
      name: 'Ticket',
      attributes: [
        { name: 'id', type: 'integer', primaryKey: true, generated: 'increment' },
        { name: 'subject', type: 'string', allowNil: false, constraints: { minLength: 1 } },
        {
          name: 'status', type: 'atom', allowNil: false, default: 'open',
          constraints: { oneOf: ['new', 'open', 'closed'] },
        },
        { name: 'priority', type: 'integer', default: 1, constraints: { min: 0, max: 10 } },
      ],
      relationships: [
        // The tutorial's "relationship reporter is required".
        { kind: 'belongs_to', name: 'reporter', destination: 'User', attributeType: 'integer', allowNil: false },
        { kind: 'belongs_to', name: 'representative', destination: 'Representative', attributeType: 'integer' },
        { kind: 'has_many', name: 'comments', destination: 'Comment' },
        {
          kind: 'has_many',
          name: 'higher_priority_tickets',
          destination: 'Ticket',
          noAttributes: true,
          filter: 'priority > parent(priority)',
          sort: [{ field: 'priority', order: 'desc' }],
        },
      ],
      // The tutorial's Ticket actions. `open` is its `create :new`: a reporter is required through
      // the belongs_to (so a missing one fails with "relationship reporter is required").
      actions: [
        'read', 'destroy', 'create', 'update',
        {
          type: 'create',
          name: 'open',
          accept: ['subject'],
          arguments: [{ name: 'reporter_id', type: 'integer' }],
          changes: [
            { kind: 'set_attribute', attribute: 'status', value: 'new' },
            { kind: 'manage_relationship', argument: 'reporter_id', relationship: 'reporter', type: 'append_and_remove' },
          ],
        },
        {
          type: 'update',
          name: 'assign',
          accept: [],
          arguments: [{ name: 'representative_id', type: 'integer', allowNil: false }],
          changes: [{ kind: 'manage_relationship', argument: 'representative_id', relationship: 'representative', type: 'append_and_remove' }],
        },
        {
          type: 'update',
          name: 'start',
          accept: [],
          changes: [{ kind: 'set_attribute', attribute: 'status', value: 'open' }],
        },
        {
          type: 'update',
          name: 'close',
          accept: [],
          changes: [{ kind: 'set_attribute', attribute: 'status', value: 'closed' }],
        },
      ],
      aggregates: [{ name: 'comment_count', kind: 'count', path: ['comments'] }],
    },
    {
      name: 'Comment',
      attributes: [
        { name: 'id', type: 'integer', primaryKey: true, generated: 'increment' },
        { name: 'body', type: 'string', allowNil: false },
        { name: 'inserted_at', type: 'utc_datetime', generated: 'now' },
      ],
      relationships: [
        { kind: 'belongs_to', name: 'ticket', destination: 'Ticket', attributeType: 'integer', allowNil: false },
        { kind: 'belongs_to', name: 'author', destination: 'User', attributeType: 'integer' },
      ],
    },
  ],
};

export const helpdeskData: Data = {
  User: [
    { id: 1, name: 'Marty', email: 'marty@example.com' },
    { id: 2, name: 'Zoe', email: 'zoe@example.com' },
  ],
  Representative: [
    { id: 1, name: 'Joe', priority_threshold: 5 },
    { id: 2, name: 'Jose', priority_threshold: 2 },
  ],
  Ticket: [
    { id: 1, subject: 'Printer on fire', status: 'open', priority: 9, reporter_id: 1, representative_id: 1 },
    { id: 2, subject: 'Password reset', status: 'closed', priority: 2, reporter_id: 2, representative_id: 1 },
    { id: 3, subject: 'VPN drops hourly', status: 'open', priority: 6, reporter_id: 1, representative_id: 2 },
    { id: 4, subject: 'New laptop', status: 'new', priority: 3, reporter_id: 2, representative_id: null },
  ],
  Comment: [
    { id: 1, body: 'Smoke is visible.', inserted_at: '2024-05-01T09:00:00Z', ticket_id: 1, author_id: 1 },
    { id: 2, body: 'Extinguisher on its way.', inserted_at: '2024-05-01T09:05:00Z', ticket_id: 1, author_id: 2 },
    { id: 3, body: 'Happens on Wi-Fi only.', inserted_at: '2024-05-02T14:30:00Z', ticket_id: 3, author_id: 1 },
  ],
};
