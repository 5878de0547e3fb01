import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ManualRunner, ModuleCheck } from '../manual/contract';
import type { Attribute, Model, Relationship, Resource } from '../model/types';
import type { Diagnostic } from './diagnostic';
import { validateModel, validateModelAsync } from './validate';

const id = { name: 'id', type: 'integer' as const, primaryKey: true };
const model = (resources: Resource[]): Model => ({ format: 'relata/model@1', name: 'App', resources });
const codes = (ds: Diagnostic[]) => ds.map((d) => `${d.severity}:${d.code}:${d.resource ?? ''}.${d.relationship ?? d.attribute ?? ''}`);

/** A User/Ticket model with one relationship under test on Ticket. */
function withRel(rel: Relationship, ticketAttrs: Attribute[] = [id, { name: 'user_id', type: 'integer' }]): Model {
  return model([
    { name: 'User', attributes: [id, { name: 'name', type: 'string' }], relationships: [{ kind: 'has_many', name: 'tickets', destination: 'Ticket' }] },
    { name: 'Ticket', attributes: ticketAttrs, relationships: [rel] },
  ]);
}

describe('validateModel', () => {
  it('accepts a clean model', () => {
    expect(validateModel(withRel({ kind: 'belongs_to', name: 'user', destination: 'User', attributeType: 'integer' }))).toEqual([]);
  });

  it('reports structural problems as invalid_model only', () => {
    const bad = { format: 'relata/model@1', name: 'X', resources: [{ name: 'A', attributes: [{ name: 'x', type: 'text' }] }] } as unknown as Model;
    const ds = validateModel(bad);
    expect(ds).toEqual([expect.objectContaining({ code: 'invalid_model', resource: 'A', path: ['resources', 0, 'attributes', 0, 'type'] })]);
  });

  it('never throws on arbitrary input', () => {
    fc.assert(fc.property(fc.anything(), (x) => {
      expect(Array.isArray(validateModel(x as Model))).toBe(true);
    }), { numRuns: 300 });
  });

  it('checks identifier spelling', () => {
    const ds = validateModel(model([{ name: 'blog post', attributes: [{ name: 'Title', type: 'string' }], relationships: [{ kind: 'has_many', name: 'Bad-Name', destination: 'blog post', noAttributes: true }] }]));
    expect(codes(ds)).toEqual(['error:invalid_identifier:blog post.', 'error:invalid_identifier:blog post.Title', 'error:invalid_identifier:blog post.Bad-Name']);
    expect(ds[1]!.path).toEqual(['resources', 0, 'attributes', 0, 'name']);
  });

  it('reports reserved names and duplicates after defaults are applied', () => {
    const ds = validateModel(model([
      { name: 'A', attributes: [id, { name: 'as', type: 'string' }, { name: 'm_join_assoc', type: 'string' }], relationships: [
        { kind: 'belongs_to', name: 'b', destination: 'A', attributeType: 'integer', defineAttribute: true },
        { kind: 'has_many', name: 'b_id', destination: 'A', destinationAttribute: 'b_id' },
        { kind: 'many_to_many', name: 'm', destination: 'A', through: 'J', sourceAttributeOnJoinResource: 'a', destinationAttributeOnJoinResource: 'a' },
      ] },
      { name: 'J', attributes: [{ name: 'a', type: 'integer' }] },
    ]));
    expect(codes(ds).sort()).toEqual([
      'error:duplicate_field_name:A.b_id',
      'error:duplicate_field_name:A.m_join_assoc',
      'error:reserved_name:A.as',
    ]);
    const join = ds.find((d) => d.relationship === 'm_join_assoc')!;
    expect(join.path).toEqual(['resources', 0, 'relationships', 2]);
    expect(join.message).toContain('many_to_many `m`');
  });

  it('gives unknown_destination alone', () => {
    const ds = validateModel(withRel({ kind: 'has_many', name: 'x', destination: 'Nope', sourceAttribute: 'zz', filter: 'nope == 1', sort: [{ field: 'q' }] }));
    expect(codes(ds)).toEqual(['error:unknown_destination:Ticket.x']);
    expect(ds[0]!.path).toEqual(['resources', 1, 'relationships', 0, 'destination']);
  });

  it('gives missing_through alone, and unknown_destination for an unknown through', () => {
    expect(codes(validateModel(withRel({ kind: 'many_to_many', name: 'x', destination: 'User' })))).toEqual(['error:missing_through:Ticket.x']);
    expect(codes(validateModel(withRel({ kind: 'many_to_many', name: 'x', destination: 'User', through: 'Nope' })))).toEqual(['error:unknown_destination:Ticket.x']);
  });

  it('reports missing source, destination and join attributes with what to do', () => {
    const src = validateModel(withRel({ kind: 'belongs_to', name: 'owner', destination: 'User', defineAttribute: false }));
    expect(codes(src)).toEqual(['error:missing_source_attribute:Ticket.owner']);
    expect(src[0]!.message).toBe('Relationship `Ticket.owner` expects source attribute `owner_id` on Ticket; add the attribute or remove `defineAttribute: false`.');
    expect(src[0]!.attribute).toBe('owner_id');
    const dst = validateModel(withRel({ kind: 'has_one', name: 'u', destination: 'User', destinationAttribute: 'ticket_ref' }));
    expect(codes(dst)).toEqual(['error:missing_destination_attribute:Ticket.u']);
    expect(dst[0]!.path).toEqual(['resources', 1, 'relationships', 0, 'destinationAttribute']);
    const join = validateModel(withRel({ kind: 'many_to_many', name: 'users', destination: 'User', through: 'Ticket' }));
    expect(codes(join)).toEqual(['error:missing_join_attribute:Ticket.users']);
    expect(join[0]).toMatchObject({ attribute: 'ticket_id', path: ['resources', 1, 'relationships', 0] });
  });

  it('skips attribute checks for manual, noAttributes and validateDestinationAttribute: false', () => {
    for (const rel of [
      { kind: 'has_many', name: 'x', destination: 'User', noAttributes: true },
      { kind: 'has_many', name: 'x', destination: 'User', manual: { language: 'javascript', source: 'export function load() { return [] }' } },
      { kind: 'belongs_to', name: 'x', destination: 'User', defineAttribute: false, validateDestinationAttribute: false },
      { kind: 'has_one', name: 'x', destination: 'User', sourceAttribute: 'name', destinationAttribute: 'id', validateDestinationAttribute: false },
    ] as Relationship[]) {
      expect(codes(validateModel(withRel(rel)))).toEqual([]);
    }
  });

  it('reports a belongs_to primary key that allows nil', () => {
    const ds = validateModel(withRel({ kind: 'belongs_to', name: 'user', destination: 'User', attributeType: 'integer', primaryKey: true }));
    expect(codes(ds)).toEqual(['error:primary_key_belongs_to_allows_nil:Ticket.user']);
  });

  it('warns on incompatible key types following storage types', () => {
    expect(codes(validateModel(withRel({ kind: 'belongs_to', name: 'user', destination: 'User' }, [id])))).toEqual([
      'warning:attribute_type_mismatch:User.tickets', // User.id integer vs the added uuid Ticket.user_id
      'warning:attribute_type_mismatch:Ticket.user',
    ]);
    expect(codes(validateModel(withRel({ kind: 'belongs_to', name: 'user', destination: 'User', validateDestinationAttribute: false }, [id])))).toEqual([
      'warning:attribute_type_mismatch:User.tickets',
    ]);
    const atomToString = withRel({ kind: 'belongs_to', name: 'owner', destination: 'User', sourceAttribute: 'kind', destinationAttribute: 'name', defineAttribute: false },
      [id, { name: 'kind', type: 'atom' }, { name: 'user_id', type: 'integer' }]);
    // Compatible types; the destination `name` is not unique, which only the SQL export minds.
    expect(codes(validateModel(atomToString))).toEqual(['warning:foreign_key_not_unique:Ticket.owner']);
  });

  it('checks relationship filters: parse errors with span, unknown references, parent', () => {
    const rep = (name: string, filter: string): Relationship => ({ kind: 'has_many', name, destination: 'Ticket', destinationAttribute: 'rep_id', filter });
    const ds = validateModel(model([
      { name: 'Rep', attributes: [id, { name: 'limit_value', type: 'integer' }], relationships: [
        rep('a', 'priority >= '),
        rep('b', 'priorty > 1'),
        rep('c', 'priority > parent(limit_value) and rep.limit_value > 0'),
        rep('d', 'priority > parent(tickets.priority)'),
        rep('e', 'exists(rep.tickets, priority > parent(priority) and parent(parent(limit_value)) > 1)'),
        rep('f', 'rep == 1'),
        rep('tickets', 'true'),
      ] },
      { name: 'Ticket', attributes: [id, { name: 'priority', type: 'integer' }, { name: 'rep_id', type: 'integer' }], relationships: [
        { kind: 'belongs_to', name: 'rep', destination: 'Rep', attributeType: 'integer' },
      ] },
    ]));
    expect(codes(ds)).toEqual([
      'error:invalid_expression:Rep.a', 'error:unknown_reference:Rep.b', 'error:invalid_expression:Rep.d', 'error:unknown_reference:Rep.f',
    ]);
    expect(ds[0]!.span).toEqual({ start: 12, end: 12 });
    expect(ds[1]!.span).toEqual({ start: 0, end: 7 });
    expect(ds[1]!.path).toEqual(['resources', 0, 'relationships', 1, 'filter']);
  });

  it('checks sort and defaultSort fields against the destination', () => {
    const ds = validateModel(withRel({ kind: 'belongs_to', name: 'user', destination: 'User', attributeType: 'integer', sort: [{ field: 'name' }, { field: 'tickets' }], defaultSort: [{ field: 'nam' }] }));
    expect(codes(ds)).toEqual(['error:unknown_reference:Ticket.user', 'error:unknown_reference:Ticket.user']);
    expect(ds.map((d) => d.path.slice(4))).toEqual([['sort', 1, 'field'], ['defaultSort', 0, 'field']]);
  });

  it('reports manual code that does not parse or does not export load', () => {
    const rel = (source: string): Relationship => ({ kind: 'has_many', name: 'm', destination: 'User', manual: { language: 'javascript', source } });
    expect(codes(validateModel(withRel(rel('export function load( {'))))).toEqual(['error:manual_code_error:Ticket.m']);
    expect(codes(validateModel(withRel(rel('function load() {}'))))).toEqual(['error:manual_code_error:Ticket.m']);
    expect(validateModel(withRel(rel('export const load = async () => []')))).toEqual([]);
  });

  it('validateModelAsync adds the sandbox check for modules that passed the static check', async () => {
    const checked: string[] = [];
    const runner: ManualRunner = {
      run: () => Promise.reject(new Error('unused')),
      check: (source): Promise<ModuleCheck> => {
        checked.push(source);
        return Promise.resolve(source.includes('throw') ? { ok: false, message: 'boom' } : { ok: true });
      },
      dispose: () => undefined,
    };
    const good = 'export const load = () => []';
    const bad = 'throw new Error("x"); export const load = () => []';
    const m = model([
      { name: 'User', attributes: [id], relationships: [
        { kind: 'has_many', name: 'a', destination: 'User', manual: { language: 'javascript', source: good } },
        { kind: 'has_many', name: 'b', destination: 'User', manual: { language: 'javascript', source: bad } },
        { kind: 'has_many', name: 'c', destination: 'User', manual: { language: 'javascript', source: 'nope(' } },
      ] },
    ]);
    const ds = await validateModelAsync(m, runner);
    expect(codes(ds)).toEqual(['error:manual_code_error:User.c', 'error:manual_code_error:User.b']);
    expect(checked).toEqual([good, bad]);
    expect(await validateModelAsync(m)).toEqual(validateModel(m));
  });

  it('validates a 300-resource model (the re-check time is measured by npm run bench:ui, not here)', () => {
    const resources: Resource[] = [];
    for (let k = 0; k < 300; k++) {
      const next = `R${(k + 1) % 300}`;
      resources.push({
        name: `R${k}`,
        attributes: [id, { name: 'name', type: 'string' }, { name: 'score', type: 'integer' }],
        relationships: [
          { kind: 'belongs_to', name: 'owner', destination: next, attributeType: 'integer' },
          { kind: 'has_many', name: 'items', destination: next, destinationAttribute: 'owner_id', filter: 'score > parent(score) and owner.name != "x"', sort: [{ field: 'name' }] },
          { kind: 'many_to_many', name: 'peers', destination: next, through: next, sourceAttributeOnJoinResource: 'owner_id', destinationAttributeOnJoinResource: 'id' },
        ],
      });
    }
    const m = model(resources);
    expect(validateModel(m)).toEqual([]);
  });
});
