import { describe, expect, it } from 'vitest';
import { normalizeModel } from '../model/normalize';
import { MODEL_FORMAT, type Model } from '../model/types';
import { getTemplate } from '../templates/index';
import { checkData, checkRow } from './data-checks';

const helpdesk = normalizeModel(getTemplate('helpdesk').model);
const codes = (ws: { code: string }[]) => ws.map((w) => w.code).sort();

const m: Model = {
  format: MODEL_FORMAT,
  name: 'M',
  resources: [
    {
      name: 'User',
      attributes: [{ name: 'id', type: 'integer', primaryKey: true }],
      relationships: [
        { kind: 'has_one', name: 'profile', destination: 'Profile' },
        { kind: 'many_to_many', name: 'groups', destination: 'Group', through: 'Membership' },
      ],
    },
    { name: 'Profile', attributes: [{ name: 'id', type: 'integer', primaryKey: true }, { name: 'user_id', type: 'integer' }] },
    { name: 'Group', attributes: [{ name: 'id', type: 'integer', primaryKey: true }] },
    { name: 'Membership', attributes: [{ name: 'user_id', type: 'integer' }, { name: 'group_id', type: 'integer' }] },
  ],
};
const model = normalizeModel(m);

describe('checkData', () => {
  it('is quiet on the template data', () => {
    expect(checkData(helpdesk, getTemplate('helpdesk').data)).toEqual([]);
  });

  it('finds a has_one with several rows per parent', () => {
    const ws = checkData(model, { User: [{ id: 1 }, { id: 2 }], Profile: [{ id: 1, user_id: 1 }, { id: 2, user_id: 1 }, { id: 3, user_id: 2 }] });
    expect(codes(ws)).toEqual(['has_one_multiple_rows']);
    expect(ws[0]).toMatchObject({ resource: 'User', relationship: 'profile', count: 1, rows: [0, 1] });
  });

  it('finds duplicate join rows and join keys pointing nowhere', () => {
    const ws = checkData(model, {
      User: [{ id: 1 }], Group: [{ id: 1 }],
      Membership: [{ user_id: 1, group_id: 1 }, { user_id: 1, group_id: 1 }, { user_id: 1, group_id: 9 }],
    });
    expect(codes(ws)).toEqual(['dangling_key', 'duplicate_join_row']);
    expect(ws.find((w) => w.code === 'duplicate_join_row')).toMatchObject({ resource: 'Membership', rows: [1], count: 1 });
  });

  it('finds null keys of a non-nil belongs_to, dangling keys and bad values', () => {
    const data = {
      ...getTemplate('helpdesk').data,
      Comment: [
        { id: 1, body: 'x', ticket_id: null, author_id: 1 },
        { id: 2, body: 'y', ticket_id: 99, author_id: 1 },
      ],
      Ticket: [{ id: 1, subject: 'a', status: 'bogus', priority: 3, reporter_id: 1, representative_id: null }],
    };
    const ws = checkData(helpdesk, data);
    expect(codes(ws)).toEqual(['dangling_key', 'not_one_of', 'required']);
    expect(ws.find((w) => w.code === 'required')).toMatchObject({ resource: 'Comment', attribute: 'ticket_id', relationship: 'ticket' });
  });

  it('groups many rows into one warning with a count', () => {
    const Ticket = Array.from({ length: 30 }, (_, i) => ({ id: i + 1, subject: 's', status: 'open', reporter_id: 77 }));
    const ws = checkData(helpdesk, { Ticket });
    expect(ws).toHaveLength(1);
    expect(ws[0]).toMatchObject({ code: 'dangling_key', count: 30 });
    expect(ws[0]!.rows).toHaveLength(20);
  });
});

describe('checkRow', () => {
  it('names each bad value', () => {
    const problems = checkRow(helpdesk, 'Ticket', { id: 5, subject: null, status: 'x', priority: 11, reporter_id: 3 }, getTemplate('helpdesk').data);
    expect(problems.map((p) => `${p.attribute}:${p.code}`).sort()).toEqual(['priority:out_of_range', 'reporter_id:dangling_key', 'status:not_one_of', 'subject:required']);
  });
});
