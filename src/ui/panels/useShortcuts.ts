import { useEffect } from 'react';
import { useDocument } from '../state/document-store';
import { useUi } from '../state/ui-store';

/** Text fields keep their own undo (inputs, textareas, CodeMirror). */
function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target.closest('.cm-editor')) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) {
    return !['button', 'checkbox', 'radio', 'range', 'color', 'file', 'submit', 'reset'].includes(target.type);
  }
  return false;
}

/** App-wide keys: Ctrl/Cmd+K search, Ctrl/Cmd+Z undo, Shift+Ctrl/Cmd+Z (or Ctrl+Y) redo. */
export function useShortcuts() {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const mod = e.ctrlKey || e.metaKey;
      if (!mod || e.altKey) return;
      const key = e.key.toLowerCase();
      if (key === 'k') {
        e.preventDefault();
        const ui = useUi.getState();
        if (ui.dialog === 'palette') ui.closeDialog();
        else ui.openDialog('palette');
        return;
      }
      if (key !== 'z' && key !== 'y') return;
      if (isEditable(e.target) || useUi.getState().dialog !== null) return;
      e.preventDefault();
      const doc = useDocument.getState();
      if (key === 'y' || e.shiftKey) doc.redo();
      else doc.undo();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
