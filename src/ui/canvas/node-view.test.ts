import { describe, expect, it } from 'vitest';
import { normalizeModel } from '../../core/index';
import type { Model } from '../../core/index';
import { nodeView, sameNodeView } from './node-view';

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
