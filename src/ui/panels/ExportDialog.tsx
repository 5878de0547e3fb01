import { useState } from 'react';
import { useDocument } from '../state/document-store';
import { useUi } from '../state/ui-store';
import { downloadText, exportFileName, toModelJson } from './json-io';
import { Modal } from './Modal';

export function ExportDialog() {
  const model = useDocument((s) => s.document.model);
  const errors = useDocument((s) => s.diagnostics.filter((d) => d.severity === 'error').length);
  const [copyState, setCopyState] = useState<string | null>(null);
  const json = toModelJson(model);
  const fileName = exportFileName(model);
  const close = () => useUi.getState().closeDialog();

  return (
    <Modal title="Export model" onClose={close} className="wide">
      <div className="form">
        <p className="muted">
          The model as <code>relata/model@1</code> JSON (canvas positions are not part of it).
          {errors > 0 && <strong className="warn-text"> The model has {errors} error{errors === 1 ? '' : 's'}; it is exported as it is.</strong>}
        </p>
        <label htmlFor="export-json">Model JSON</label>
        <textarea id="export-json" readOnly rows={16} spellCheck={false} value={json} />
        <div className="actions">
          {copyState && <span role="status" className="muted">{copyState}</span>}
          <button
            type="button"
            onClick={() => {
              navigator.clipboard.writeText(json).then(
                () => setCopyState('Copied to the clipboard'),
                (e: unknown) => setCopyState(`Copy failed: ${e instanceof Error ? e.message : String(e)} — select the text and copy it instead.`),
              );
            }}
          >
            Copy
          </button>
          <button type="button" className="primary" onClick={() => downloadText(fileName, json)}>
            Download {fileName}
          </button>
        </div>
      </div>
    </Modal>
  );
}
