import { create } from 'zustand';
import type { ImportFormat } from '../../core/index';
import type { ReadFiles } from './import-read';

/**
 * Text handed to the import dialog from outside it (a non-JSON file dropped on the window), or the
 * files of a dropped folder, zip or several files (`files`).
 */
export interface ImportDraft {
  draft: { text: string; format: ImportFormat; source: string; files?: ReadFiles } | null;
}

export const useImportDraft = create<ImportDraft>()(() => ({ draft: null }));

/** Takes the draft once: the dialog starts from it, and a later open starts empty. */
export function takeImportDraft(): ImportDraft['draft'] {
  const { draft } = useImportDraft.getState();
  if (draft) useImportDraft.setState({ draft: null });
  return draft;
}
