import { describe, expect, it } from 'vitest';
import { KeyGroups, distinctKeys } from './key-groups';

const file = (keys: unknown[]): KeyGroups<number> => KeyGroups.of(keys.length, (i) => keys[i], (i) => i);

describe('KeyGroups', () => {
  it('files items under small integer keys in arrival order', () => {
    const g = file([3, 1, 3, 0, 1, 3]);
    expect(g.get(3)).toEqual([0, 2, 5]);
    expect(g.get(1)).toEqual([1, 4]);
    expect(g.get(0)).toEqual([3]);
    expect(g.get(2)).toBeUndefined();
    expect(g.get(99_999_999)).toBeUndefined();
    expect(g.get(-1)).toBeUndefined();
    expect(g.get(1.5)).toBeUndefined();
    expect(g.get('3')).toBeUndefined();
    expect(g.lists).toHaveLength(3);
  });

  it('grows the dense table for keys past its first size', () => {
    const keys = [5, 70_000, 5, 2_000, 70_000];
    const g = file(keys);
    expect(g.get(70_000)).toEqual([1, 4]);
    expect(g.get(2_000)).toEqual([3]);
    expect(g.get(5)).toEqual([0, 2]);
  });

  it('falls back to a Map for strings, negatives, fractions and keys too large for a table', () => {
    for (const odd of ['a', -4, 2.5, 2 ** 40, null]) {
      const g = file([1, odd, 1, odd, 7]);
      expect(g.get(1)).toEqual([0, 2]);
      expect(g.get(odd)).toEqual([1, 3]);
      expect(g.get(7)).toEqual([4]);
      expect(g.get(2)).toBeUndefined();
    }
  });

  it('keeps a string key apart from the number it spells', () => {
    const g = file([1, '1', 1]);
    expect(g.get(1)).toEqual([0, 2]);
    expect(g.get('1')).toEqual([1]);
  });

  it('handles no items and one big group', () => {
    expect(file([]).get(0)).toBeUndefined();
    const n = 120_000;
    const g = KeyGroups.of(n, () => 4, (i) => i);
    const list = g.get(4)!;
    expect(list).toHaveLength(n);
    expect(list[0]).toBe(0);
    expect(list[n - 1]).toBe(n - 1);
  });

  it('calls item once per item, in order', () => {
    const seen: number[] = [];
    KeyGroups.of(4, (i) => [2, 'x', 2, 0][i], (i) => seen.push(i));
    expect(seen).toEqual([0, 1, 2, 3]);
  });
});

describe('distinctKeys', () => {
  it('keeps first-seen order and drops nulls, with small integers and otherwise', () => {
    expect(distinctKeys([3, null, 1, 3, undefined, 0, 1], false, false)).toEqual([3, 1, 0]);
    expect(distinctKeys([3, -1, 3, 2.5, -1, 2 ** 40, 2 ** 40], false, false)).toEqual([3, -1, 2.5, 2 ** 40]);
    expect(distinctKeys([], false, false)).toEqual([]);
    expect(distinctKeys([null, undefined], false, false)).toEqual([]);
  });

  it('compares strings ASCII-lowered when ci, listing them lowered', () => {
    expect(distinctKeys(['Ab', 'aB', 'c'], true, false)).toEqual(['ab', 'c']);
    expect(distinctKeys(['Ab', 'aB'], false, false)).toEqual(['Ab', 'aB']);
  });

  it('treats a boolean as its number, listed as 1/0 only when asked', () => {
    expect(distinctKeys([true, 1, false], false, false)).toEqual([true, false]);
    expect(distinctKeys([true, 1, false, 0], false, true)).toEqual([1, 0]);
  });
});

describe('KeyGroups.SKIP', () => {
  it('leaves out the items whose key is SKIP, on the dense path and the Map path', () => {
    for (const keys of [[1, KeyGroups.SKIP, 1, 2], ['a', KeyGroups.SKIP, 'a', 'b']] as unknown[][]) {
      const made: number[] = [];
      const g = KeyGroups.of(keys.length, (i) => keys[i], (i) => (made.push(i), i));
      expect(g.get(keys[0])).toEqual([0, 2]);
      expect(g.get(keys[3])).toEqual([3]);
      expect(made).toEqual([0, 2, 3]);
    }
  });
});
