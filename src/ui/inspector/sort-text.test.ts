import { describe, expect, it } from 'vitest';
import { parseSortText, printSort } from './sort-text';

describe('sort text', () => {
  it('parses `priority desc, id`', () => {
    expect(parseSortText('priority desc, id')).toEqual({ ok: true, sort: [{ field: 'priority', order: 'desc' }, { field: 'id' }] });
    expect(parseSortText('  ')).toEqual({ ok: true, sort: [] });
  });
  it('prints back', () => {
    expect(printSort([{ field: 'priority', order: 'desc' }, { field: 'id', order: 'asc' }])).toBe('priority desc, id');
  });
  it('rejects unknown orders and junk', () => {
    expect(parseSortText('priority down')).toMatchObject({ ok: false });
    expect(parseSortText('Priority')).toMatchObject({ ok: false });
    expect(parseSortText('a b c')).toMatchObject({ ok: false });
  });
});
