import { describe, expect, it } from 'vitest';
import { normalizeModel } from '../../core/index';
import type { Model } from '../../core/index';
import { nodeView, sameNodeView, withKnownSize } from './node-view';

const model = (expr: string): Model => ({
  format: 'relata/model@1',
  name: 'M',
  resources: [
    { name: 'Person', attributes: [{ name: 'id', type: 'uuid', primaryKey: true }, { name: 'first', type: 'string' }], calculations: [{ name: 'loud', type: 'string', expression: expr }] },
    { name: 'User', module: 'Accounts.User', external: true },
  ],
});

describe('node view of the model extensions', () => {
  it('lists calculations and marks external placeholders with their module', () => {
    const n = normalizeModel(model('first <> "!"'));
    expect(nodeView(n, 'Person').calculations).toEqual([{ name: 'loud', type: 'string', expression: 'first <> "!"' }]);
    expect(nodeView(n, 'Person').external).toBe(false);
    const user = nodeView(n, 'User');
    expect(user.external).toBe(true);
    expect(user.module).toBe('Accounts.User');
  });

  it('changes when a calculation changes', () => {
    const a = nodeView(normalizeModel(model('first')), 'Person');
    const b = nodeView(normalizeModel(model('first <> "?"')), 'Person');
    expect(sameNodeView(a, b)).toBe(false);
    expect(sameNodeView(a, nodeView(normalizeModel(model('first')), 'Person'))).toBe(true);
  });
});

describe('withKnownSize', () => {
  it('gives the size and the two handles at the middle of the left and right sides', () => {
    const node: { id: string; initialWidth?: number; initialHeight?: number } = { id: 'A' };
    const n = withKnownSize(node, 240, 144);
    expect(n.initialWidth).toBe(240);
    expect(n.initialHeight).toBe(144);
    const byId = Object.fromEntries(n.handles.map((h) => [h.id, h]));
    expect(byId.in).toMatchObject({ type: 'target', x: -6, y: 66, width: 12, height: 12 });
    expect(byId.out).toMatchObject({ type: 'source', x: 234, y: 66 });
    expect(n.id).toBe('A');
    expect(n.measured).toEqual({ width: 240, height: 144 });
    // A node already measured keeps its measurement.
    expect(withKnownSize({ ...node, measured: { width: 250, height: 150 } }, 240, 144).measured).toEqual({ width: 250, height: 150 });
  });
});
