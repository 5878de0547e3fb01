import { afterAll, describe, expect, it } from 'vitest';
import { createEngine } from '../core/engine/engine';
import type { Model } from '../core/model/types';
import { createNodeManualRunner } from './manual-runner';

/**
 * Issue 12: a microtask loop left running after `load` returns starved the sandbox, so the NEXT
 * innocent read timed out. Now a job is answered only once the sandbox's microtask queue drains:
 * the spinning run itself times out and its sandbox is replaced; the next read is prompt.
 */
const runner = createNodeManualRunner({ timeoutMs: 500, maxSandboxes: 2 });
afterAll(() => runner.dispose());

const spinning = `export function load(records) {
  function spin() { Promise.resolve().then(spin); }
  spin();
  return records.map(() => []);
}`;
// Also after a check (the sandbox evaluates the module for sqlSubquery): module-level spin.
const spinningCheck = `function spin() { Promise.resolve().then(spin); }
export function sqlSubquery() { spin(); return '1 = 1'; }
export const load = (records) => records.map(() => []);`;

const model: Model = {
  format: 'relata/model@1',
  name: 'Spin',
  resources: [
    {
      name: 'Author',
      attributes: [{ name: 'id', type: 'integer', primaryKey: true }],
      relationships: [
        { kind: 'has_many', name: 'spin', destination: 'Author', manual: { language: 'javascript', source: spinning } },
        { kind: 'has_many', name: 'fine', destination: 'Author', manual: { language: 'javascript', source: 'export const load = (rs) => rs.map(() => []);' } },
      ],
    },
  ],
};

describe('a microtask loop left running after load', () => {
  it('times out its own run; the next innocent reads are prompt', async () => {
    const e = createEngine({ model, dataLayer: { kind: 'memory' }, manualRunner: runner, manualTimeoutMs: 500 });
    if (!e.ok) throw new Error(e.error.message);
    e.value.load({ Author: [{ id: 1 }, { id: 2 }] });
    const warm = await e.value.read({ resource: 'Author', load: { fine: {} } });
    expect(warm.ok).toBe(true);
    for (let round = 0; round < 3; round++) {
      const r = await e.value.read({ resource: 'Author', load: { spin: {} } });
      expect(r.ok ? '' : r.error.code).toBe('timeout');
      expect(r.ok ? '' : r.error.message).toMatch(/^Author\.spin: .*promise loop left running/);
      for (let i = 0; i < 3; i++) {
        const started = performance.now();
        const innocent = await e.value.read({ resource: 'Author', sort: [{ field: 'id' }], load: { fine: {} } });
        expect(innocent.ok && innocent.value.records).toEqual([{ id: 1, fine: [] }, { id: 2, fine: [] }]);
        // Answered, not starved (a starved sandbox answers with a timeout); slack for a loaded machine.
        expect(performance.now() - started).toBeLessThan(3000);
      }
    }
  });

  it('a check that leaves a loop running fails, and the next check is prompt', async () => {
    const bad = await runner.check(spinningCheck);
    expect(bad).toMatchObject({ ok: false, message: expect.stringMatching(/promise loop left running/) });
    const started = performance.now();
    const good = await runner.check('export const load = (rs) => rs.map(() => []);');
    expect(good.ok).toBe(true);
    expect(performance.now() - started).toBeLessThan(3000);
  });
});
