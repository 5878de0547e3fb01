import { useDocument } from '../state/document-store';
import { useUi } from '../state/ui-store';
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
  const doc = importedDocument(useDocument.getState().document, res.value);
  useDocument.getState().replaceDocument(doc, { resetHistory: false });
  useUi.getState().closeDialog();
  useUi.getState().notify(`Imported “${res.value.model.name}”`);
  return true;
}

export async function importFile(file: File): Promise<boolean> {
  let text: string;
  try {
    text = await file.text();
  } catch (e) {
    useUi.getState().showProblem({ title: `Cannot import ${file.name}`, message: `The file could not be read: ${String(e)}`, note: UNTOUCHED });
    return false;
  }
  return importText(text, file.name);
}
