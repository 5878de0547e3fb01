import { create } from 'zustand';

/** `docId/Resource.relationship`: drafts belong to one relationship of one model. */
export const manualKey = (docId: string, resource: string, relationship: string) => `${docId}/${resource}.${relationship}`;

/**
 * The wide manual-code editor: which relationship it edits, and the text typed but not applied yet
 * (kept when the editor closes, so Escape or a click outside loses nothing; "Discard" drops it).
 */
interface ManualCodeState {
  open: string | null;
  drafts: Record<string, string>;
  openEditor(key: string): void;
  closeEditor(): void;
  setDraft(key: string, text: string | null): void;
}

export const useManualCode = create<ManualCodeState>()((set) => ({
  open: null,
  drafts: {},
  openEditor: (key) => set({ open: key }),
  closeEditor: () => set({ open: null }),
  setDraft: (key, text) => set((s) => {
    if (text === null) {
      if (!(key in s.drafts)) return s;
      const { [key]: _dropped, ...rest } = s.drafts;
      return { drafts: rest };
    }
    return s.drafts[key] === text ? s : { drafts: { ...s.drafts, [key]: text } };
  }),
}));
