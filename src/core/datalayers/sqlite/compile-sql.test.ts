import { describe, expect, it } from 'vitest';
import { denseIntegerRange } from './compile-sql';

describe('denseIntegerRange', () => {
  const run = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i);

  it('finds a run of integers covering min..max, repeats and order aside', () => {
    expect(denseIntegerRange(run(1, 17))).toEqual([1, 17]);
    expect(denseIntegerRange([...run(-5, 20)].reverse())).toEqual([-5, 14]);
    expect(denseIntegerRange([...run(1, 20), 3, 3, 7])).toEqual([1, 20]);
  });

  it('refuses gaps, non-integers, short lists and unsafe integers', () => {
    expect(denseIntegerRange([...run(1, 20), 22])).toBeNull();
    expect(denseIntegerRange([...run(1, 20), 2.5])).toBeNull();
    expect(denseIntegerRange([...run(1, 20), '21'])).toBeNull();
    expect(denseIntegerRange([...run(1, 20), null])).toBeNull();
    expect(denseIntegerRange(run(1, 16))).toBeNull();
    expect(denseIntegerRange(run(Number.MAX_SAFE_INTEGER - 20, 20).concat([Number.MAX_SAFE_INTEGER + 1]))).toBeNull();
  });
});
