import { describe, expect, it } from 'vitest';
import { checkData } from '../checks/data-checks';
import { normalizeModel } from '../model/normalize';
import { getTemplate } from '../templates/index';
import { createEngine } from '../engine/engine';
import { generateData } from './generate';

const helpdesk = normalizeModel(getTemplate('helpdesk').model);
const blog = normalizeModel(getTemplate('blog').model);

async function gen(model = helpdesk, counts: Record<string, number> = {}, seed: number | string = 1) {
  const out = await generateData(model, counts, { seed });
  if (out.kind !== 'done') throw new Error('cancelled');
  return out.data;
}

describe('generateData', () => {
  it('fills every requested resource with that many rows', async () => {
    const data = await gen(helpdesk, { User: 10, Representative: 3, Ticket: 50, Comment: 120 });
    expect(data.User).toHaveLength(10);
    expect(data.Ticket).toHaveLength(50);
    expect(data.Comment).toHaveLength(120);
  });

  it('is repeatable for a seed and differs across seeds', async () => {
    const counts = { User: 5, Representative: 2, Ticket: 20, Comment: 30 };
    expect(await gen(helpdesk, counts, 7)).toEqual(await gen(helpdesk, counts, 7));
    expect(await gen(helpdesk, counts, 7)).not.toEqual(await gen(helpdesk, counts, 8));
  });

  it('respects oneOf, min/max, required and keys (no data warnings)', async () => {
    const data = await gen(helpdesk, { User: 20, Representative: 5, Ticket: 300, Comment: 600 });
    for (const t of data.Ticket!) {
      expect(['new', 'open', 'closed']).toContain(t.status);
      if (t.priority !== null) expect(t.priority as number).toBeGreaterThanOrEqual(0);
      if (t.priority !== null) expect(t.priority as number).toBeLessThanOrEqual(10);
      expect(typeof t.subject).toBe('string');
    }
    for (const c of data.Comment!) expect(c.ticket_id).not.toBeNull(); // belongs_to allowNil: false
    expect(checkData(helpdesk, data)).toEqual([]);
  });

  it('gives join resources distinct pairs, capped by the possible pairs', async () => {
    const m2m = blog.resources.flatMap((r) => r.relationships).find((r) => r.kind === 'many_to_many');
    expect(m2m).toBeDefined();
    if (m2m?.kind !== 'many_to_many') return;
    const counts = Object.fromEntries(blog.resources.map((r) => [r.name, 4]));
    counts[m2m.through] = 1000;
    const data = await gen(blog, counts);
    const rows = data[m2m.through]!;
    expect(rows.length).toBeLessThanOrEqual(16);
    const pairs = rows.map((r) => `${String(r[m2m.sourceAttributeOnJoinResource])}|${String(r[m2m.destinationAttributeOnJoinResource])}`);
    expect(new Set(pairs).size).toBe(pairs.length);
    expect(checkData(blog, data).filter((w) => w.code === 'duplicate_join_row' || w.code === 'dangling_key')).toEqual([]);
  });

  it('reports progress and stops when cancelled', async () => {
    const seen: number[] = [];
    const signal = { aborted: false };
    const out = await generateData(helpdesk, { Ticket: 10_000 }, {
      seed: 1,
      chunkSize: 1000,
      signal,
      onProgress: (p) => {
        seen.push(p.done);
        if (p.done >= 3000) signal.aborted = true;
      },
    });
    expect(out.kind).toBe('cancelled');
    expect(seen).toEqual([1000, 2000, 3000]);
  });

  it('loads into the engine on both layers', async () => {
    const data = await gen(helpdesk, { User: 5, Representative: 2, Ticket: 40, Comment: 80 });
    const engine = createEngine({ model: getTemplate('helpdesk').model, dataLayer: { kind: 'memory' } });
    if (!engine.ok) throw new Error(engine.error.message);
    expect(engine.value.load(data).ok).toBe(true);
    const read = await engine.value.read({ resource: 'Representative', load: { tickets: { load: { comments: {} } } } });
    expect(read.ok).toBe(true);
    if (read.ok) expect(read.value.records.flatMap((r) => r.tickets as unknown[]).length).toBeGreaterThan(0);
  });

  it('generates 50,000 rows (time measured by the UI benchmark)', async () => {
    const data = await gen(helpdesk, { User: 2000, Representative: 200, Ticket: 15_000, Comment: 32_800 });
    expect(Object.values(data).reduce((s, r) => s + r.length, 0)).toBe(50_000);
  });
});
