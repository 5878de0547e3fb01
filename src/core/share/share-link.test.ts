import { describe, expect, it } from 'vitest';
import type { Model } from '../model/types';
import { TEMPLATES } from '../templates/index';
import { fromShareFragment, toShareFragment } from './share-link';

describe('share links', () => {
  for (const t of TEMPLATES) {
    it(`${t.name}: model → fragment → the same model`, async () => {
      const fragment = await toShareFragment(t.model);
      expect(fragment).toMatch(/^m1d\.[A-Za-z0-9_-]+$/);
      const back = await fromShareFragment(`#${fragment}`);
      if (!back.ok) throw new Error(back.error.message);
      expect(back.value).toEqual(t.model);
    });
  }

  it('compresses (the helpdesk link is much shorter than its JSON)', async () => {
    const fragment = await toShareFragment(TEMPLATES[0]!.model);
    expect(fragment.length).toBeLessThan(JSON.stringify(TEMPLATES[0]!.model).length / 2);
  });

  it('keeps non-ASCII text', async () => {
    const model: Model = { format: 'relata/model@1', name: 'Café 😀', resources: [{ name: 'Ü', description: 'naïve' }] };
    const back = await fromShareFragment(await toShareFragment(model));
    expect(back.ok && back.value).toEqual(model);
  });

  it('rejects damaged fragments without a model', async () => {
    const good = await toShareFragment(TEMPLATES[1]!.model);
    for (const bad of ['', 'xyz', 'm1d.***', `${good.slice(0, good.length / 2)}`, 'm1j.bm90IGpzb24']) {
      const r = await fromShareFragment(bad);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('invalid_model');
    }
  });
});
