import { describe, expect, it } from 'vitest';
import { decodeReturn, encodeReturn, fromWire, packRows, rawWire, toWire, unpackMarked, unpackRows, type Deliveries } from './packing';

describe('sandbox transfer packing', () => {
  const host = [
    { id: 1, subject: 'a', priority: 3 },
    { id: 2, subject: 'b', priority: null },
  ];

  it('packs uniform rows flat and unpacks them to equal objects', () => {
    const pack = packRows(host)!;
    expect(pack.values).toEqual([1, 'a', 3, 2, 'b', null]);
    expect(unpackRows(pack)).toEqual(host);
  });

  it('refuses rows whose keys differ (they travel as plain values)', () => {
    expect(packRows([{ a: 1 }, { b: 1 }])).toBeNull();
    expect(packRows([{ a: 1 }, { a: 1, b: 2 }])).toBeNull();
  });

  function deliver() {
    const pack = fromWire(toWire(packRows(host)!)!);
    const rows = unpackMarked(pack, 10);
    const origin: Deliveries = { packs: [{ pack, id: 7, first: 10, rows }], next: 12 };
    expect(JSON.parse(JSON.stringify(rows))).toEqual(host);
    expect(Object.keys(rows[0]!)).toEqual(['id', 'subject', 'priority']);
    return { rows, origin, packs: new Map([[7, { rows: host, columns: ['id', 'subject', 'priority'] }]]) };
  }

  it('sends unchanged delivered rows back as references, keeping holes, nulls and singles', () => {
    const { rows, origin, packs } = deliver();
    // eslint-disable-next-line no-sparse-arrays
    const value = [[rows[0], rows[1]], , null, rows[1], [], [rows[0]]];
    const encoded = encodeReturn(value, origin)!;
    expect(encoded).not.toBeNull();
    const decoded = decodeReturn(encoded, packs);
    expect(decoded).toEqual([[host[0], host[1]], undefined, null, host[1], [], [host[0]]]);
    expect((decoded[0] as unknown[])[0]).toBe(host[0]);
  });

  it('falls back to plain values when a row was changed or is not a delivered row', () => {
    const { rows, origin } = deliver();
    rows[0]!.subject = 'changed';
    expect(encodeReturn([[rows[0]]], origin)).toBeNull();
    expect(encodeReturn([[{ id: 9 }]], origin)).toBeNull();
    expect(encodeReturn([42], origin)).toBeNull();
    expect(encodeReturn(new Map(), origin)).toBeNull();
    const { rows: fresh, origin: o2 } = deliver();
    delete (fresh[1] as Record<string, unknown>).subject;
    expect(encodeReturn([fresh[1]], o2)).toBeNull();
    // A copy carries the mark but is not the delivered object: it travels as values.
    const { rows: third, origin: o3 } = deliver();
    expect(encodeReturn([[{ ...third[0]!, subject: 'copy' }]], o3)).toBeNull();
    expect(encodeReturn([[{ ...third[0]! }]], o3)).toBeNull();
    // A changed row that is not returned does not matter.
    third[1]!.subject = 'changed but not returned';
    expect(encodeReturn([[third[0]]], o3)).not.toBeNull();
  });
});

describe('raw JSON text from the data layer', () => {
  it('crosses as nested value lists and unpacks to the same rows', () => {
    const rows = [{ id: 1, name: 'a' }, { id: 2, name: null }];
    const wire = rawWire(rows, { columns: ['id', 'name'], json: '[[1,"a"],[2,null]]' })!;
    expect(wire.nested).toBe(true);
    const pack = fromWire(wire);
    expect(pack.rowValues).toEqual([[1, 'a'], [2, null]]);
    expect(JSON.parse(JSON.stringify(unpackMarked(pack, 0)))).toEqual(rows);
  });

  it('is not used when the rows no longer have the text\'s columns', () => {
    expect(rawWire([{ id: 1 }], { columns: ['id', 'name'], json: '[[1,"a"]]' })).toBeNull();
    expect(rawWire([], { columns: ['id'], json: '[]' })).toBeNull();
  });
});
