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

describe('share links: hostile fragments (issue 12)', () => {
  const b64url = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');

  it('a link that inflates past 5 MB is refused while inflating, quickly, with too_large', async () => {
    // 20 MB of spaces deflates to ~20 KB (the bomb was 100 MB from 133 KB).
    const { deflateSync } = await import('fflate');
    const bomb = deflateSync(new Uint8Array(20 * 1024 * 1024).fill(32), { level: 9 });
    const started = Date.now();
    const r = await fromShareFragment(`#m1d.${b64url(bomb)}`);
    expect(r).toMatchObject({ ok: false, error: { code: 'too_large' } });
    expect(r.ok ? '' : r.error.message).toMatch(/larger than 5 MB/);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('a model just under the cap still opens', async () => {
    const { deflateSync } = await import('fflate');
    const model: Model = { format: 'relata/model@1', name: 'Big', module: `M${'x'.repeat(4 * 1024 * 1024)}`, resources: [] } as Model;
    const bytes = deflateSync(new TextEncoder().encode(JSON.stringify(model)));
    const r = await fromShareFragment(`m1d.${b64url(bytes)}`);
    expect(r.ok ? r.value.name : r.error.message).toBe('Big');
  });

  it('plain links, truncated streams and non-strings give coded errors', async () => {
    expect(await fromShareFragment(`m1j.${b64url(new Uint8Array(6 * 1024 * 1024).fill(32))}`)).toMatchObject({ ok: false, error: { code: 'too_large' } });
    const good = await toShareFragment(TEMPLATES[0]!.model);
    expect(await fromShareFragment(good.slice(0, good.length / 2))).toMatchObject({ ok: false, error: { code: 'invalid_model' } });
    for (const v of [null, 1n, {}, Symbol('x')]) expect((await fromShareFragment(v as never)).ok).toBe(false);
    expect(await fromShareFragment('m1d.!!')).toMatchObject({ ok: false, error: { code: 'invalid_model' } });
  });
});
