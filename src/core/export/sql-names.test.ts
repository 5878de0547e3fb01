import { describe, expect, it } from 'vitest';
import { fitIdentifier, isBuiltinPgType, NameAllocator, pgAttributeType, pgTypeFamily } from './sql-names';

describe('SQL names', () => {
  it('keeps names up to 63 bytes and cuts longer ones with a hash of the whole name', () => {
    expect(fitIdentifier('x'.repeat(63))).toBe('x'.repeat(63));
    const a = fitIdentifier(`${'x'.repeat(70)}_a`);
    const b = fitIdentifier(`${'x'.repeat(70)}_b`);
    expect(a).toHaveLength(63);
    expect(a).not.toBe(b);
    expect(new TextEncoder().encode(fitIdentifier('é'.repeat(40))).length).toBeLessThanOrEqual(63);
  });

  it('allocates distinct names, without regard to case', () => {
    const names = new NameAllocator();
    names.reserve('Post');
    expect(names.take('post')).toBe('post_2');
    expect(names.take('post')).toBe('post_3');
  });

  it('knows PostgreSQL built-in types, not domains, enums or MySQL spellings', () => {
    for (const t of ['inet', 'varchar(255)', 'numeric(10, 2)', 'text[]', 'timestamp(3) with time zone', 'double precision', 'int4range']) {
      expect(isBuiltinPgType(t), t).toBe(true);
    }
    for (const t of ['public.mpaa_rating', 'year', 'tinyint(1)', 'longtext', 'serial', 'text; drop table x']) {
      expect(isBuiltinPgType(t), t).toBe(false);
    }
  });

  it('maps array types and keeps integer keys integers', () => {
    const base = { primaryKey: false, allowNil: true, writable: true, public: true } as const;
    expect(pgAttributeType({ ...base, name: 'a', type: 'map', ashType: '{:array, :string}' })).toBe('text[]');
    expect(pgAttributeType({ ...base, name: 'a', type: 'map', ashType: '{:array, {:array, :integer}}' })).toBe('bigint[][]');
    expect(pgAttributeType({ ...base, name: 'a', type: 'map', ashType: '{:array, MyApp.Money}' })).toBe('jsonb[]');
    expect(pgAttributeType({ ...base, name: 'a', type: 'integer', generated: 'increment', sqlType: 'text' })).toBe('bigint');
    expect(pgAttributeType({ ...base, name: 'a', type: 'integer', generated: 'increment', sqlType: 'integer' })).toBe('integer');
    expect(pgTypeFamily('int4')).toBe(pgTypeFamily('bigint'));
    expect(pgTypeFamily('uuid')).not.toBe(pgTypeFamily('bigint'));
  });
});
