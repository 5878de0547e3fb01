import { beforeEach, describe, expect, it } from 'vitest';
import { manualKey, useManualCode } from './manual-code-store';

describe('manual code drafts', () => {
  beforeEach(() => useManualCode.setState({ open: null, drafts: {} }));

  it('keeps a draft per model and relationship until it is dropped', () => {
    const a = manualKey('doc1', 'Rep', 'tickets');
    const b = manualKey('doc2', 'Rep', 'tickets');
    expect(a).not.toBe(b);
    const { setDraft, openEditor, closeEditor } = useManualCode.getState();
    openEditor(a);
    setDraft(a, 'export function load() { return []; }');
    closeEditor();
    expect(useManualCode.getState().open).toBeNull();
    expect(useManualCode.getState().drafts).toEqual({ [a]: 'export function load() { return []; }' });
    setDraft(b, 'x');
    setDraft(a, null);
    expect(useManualCode.getState().drafts).toEqual({ [b]: 'x' });
  });

  it('does not notify for a draft that did not change or a drop of nothing', () => {
    const a = manualKey('d', 'R', 'r');
    useManualCode.getState().setDraft(a, 'same');
    const before = useManualCode.getState();
    useManualCode.getState().setDraft(a, 'same');
    useManualCode.getState().setDraft(manualKey('d', 'R', 'other'), null);
    expect(useManualCode.getState()).toBe(before);
  });
});
