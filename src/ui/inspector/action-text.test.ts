import { describe, expect, it } from 'vitest';
import type { ArgumentDef, ChangeDef } from '../../core/index';
import { parseAccept, parseArguments, parseChanges, printAccept, printArguments, printChanges } from './action-text';

describe('action text (inspector)', () => {
  it('accept: names, * and nothing; * keeps an absent key absent', () => {
    expect(parseAccept('subject, priority', undefined)).toEqual({ ok: true, value: ['subject', 'priority'] });
    expect(parseAccept('*', undefined)).toEqual({ ok: true, value: undefined });
    expect(parseAccept('*', [])).toEqual({ ok: true, value: ['*'] });
    expect(parseAccept('', undefined)).toEqual({ ok: true, value: [] });
    expect(parseAccept('Subject', undefined).ok).toBe(false);
    expect(printAccept(undefined)).toBe('*');
    expect(printAccept(['a', 'b'])).toBe('a, b');
  });

  it('arguments round-trip and keep descriptions', () => {
    const args: ArgumentDef[] = [
      { name: 'reporter_id', type: 'integer', allowNil: false, description: 'who' },
      { name: 'tags', type: 'map', default: [] },
      { name: 'note', type: 'string', allowNil: true },
    ];
    const text = printArguments(args);
    expect(text).toBe('reporter_id integer required\ntags map = []\nnote string optional');
    expect(parseArguments(text, args)).toEqual({ ok: true, value: args });
    expect(parseArguments('x nope').ok).toBe(false);
    expect(parseArguments('x integer = {bad').ok).toBe(false);
  });

  it('changes round-trip in the Ash words', () => {
    const changes: ChangeDef[] = [
      { kind: 'set_attribute', attribute: 'status', value: 'closed' },
      { kind: 'set_attribute', attribute: 'subject', value: 'Two words' },
      { kind: 'set_attribute', attribute: 'priority', value: null },
      { kind: 'set_attribute', attribute: 'flagged', value: true },
      { kind: 'manage_relationship', argument: 'reporter_id', relationship: 'reporter', type: 'append_and_remove' },
      { kind: 'manage_relationship', argument: 'tags', type: 'direct_control', onMissing: 'ignore', valueIsKey: 'label' },
    ];
    const text = printChanges(changes);
    expect(text.split('\n')[0]).toBe('set_attribute(status, :closed)');
    expect(text.split('\n')[4]).toBe('manage_relationship(reporter_id, reporter, type: append_and_remove)');
    expect(parseChanges(text)).toEqual({ ok: true, value: changes });
    expect(parseChanges('manage_relationship(:a, :b, type: :append)')).toEqual({ ok: true, value: [{ kind: 'manage_relationship', argument: 'a', relationship: 'b', type: 'append' }] });
    expect(parseChanges('manage_relationship(a, type: sideways)')).toMatchObject({ ok: false, message: expect.stringContaining('type is one of') });
    expect(parseChanges('set_attribute(status, closed)').ok).toBe(false);
    expect(parseChanges('validate x').ok).toBe(false);
  });
});
