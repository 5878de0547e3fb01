import type { Layout, Model } from '../../core/index';
import { useCanvas } from '../canvas/canvas-store';
import { useDocument } from '../state/document-store';
import { useUi } from '../state/ui-store';
import { useImportDraft } from './import-draft';
import { formatForFiles, isZip } from './import-files';
import { formatForFile } from './import-formats';
import { readDropped } from './import-read';
import { importedDocument, readImport } from './json-io';

const UNTOUCHED = 'Nothing was imported; the current model is untouched.';

/**
 * Imports JSON text over the current model as one undoable step. An invalid input changes nothing
 * and opens a dialog naming the problem and where it is.
 */
export function importText(text: string, source: string): boolean {
  const res = readImport(text);
  if (!res.ok) {
    useUi.getState().showProblem({ title: `Cannot import ${source}`, message: res.error.message, path: res.error.path ?? [], note: UNTOUCHED });
    return false;
  }
  replaceWithImported(res.value);
  return true;
}

/** Replaces the current model with an imported one as one undoable step (positions kept for same-named resources). */
export function replaceWithImported(imported: { model: Model; layout: Layout | null }) {
  const doc = importedDocument(useDocument.getState().document, imported);
  useDocument.getState().replaceDocument(doc, { resetHistory: false });
  // The imported resources may sit anywhere (new ones on the grid): show them all.
  useCanvas.getState().requestFit();
  useUi.getState().closeDialog();
  useUi.getState().notify(`Imported “${imported.model.name}”`);
}

export async function importFile(file: File): Promise<boolean> {
  let text: string;
  try {
    text = await file.text();
  } catch (e) {
    useUi.getState().showProblem({ title: `Cannot import ${file.name}`, message: `The file could not be read: ${String(e)}`, note: UNTOUCHED });
    return false;
  }
  const format = formatForFile(file.name, text);
  if (format !== 'json') {
    // SQL, Elixir and TypeScript go through the dialog: it lists problems by line and offers suggestions.
    useImportDraft.setState({ draft: { text, format, source: file.name } });
    useUi.getState().closeDialog();
    useUi.getState().openDialog('import');
    return false;
  }
  return importText(text, file.name);
}

/**
 * What was dropped on the window: one plain file as before (`importFile`); several files, a folder or
 * a `.zip` open the import dialog on them. Call it inside the drop event: the entries are taken then.
 */
export async function importDropped(data: DataTransfer): Promise<boolean> {
  const files = [...data.files];
  const folder = [...data.items].some((i) => i.webkitGetAsEntry?.()?.isDirectory === true);
  const one = files[0];
  if (!folder && files.length === 1 && one && !isZip(one.name)) return importFile(one);
  if (files.length === 0) return false;
  const read = await readDropped(data);
  const format = formatForFiles(read.files.map((f) => f.path), 'json');
  useImportDraft.setState({ draft: { text: '', format, source: `${files.length} dropped`, files: read } });
  useUi.getState().closeDialog();
  useUi.getState().openDialog('import');
  return false;
}
