import { useState } from 'react';
import { useUi } from '../state/ui-store';
import { importFile, importText } from './import-actions';
import { Modal } from './Modal';

export function ImportDialog() {
  const [text, setText] = useState('');
  const close = () => useUi.getState().closeDialog();
  return (
    <Modal title="Import model" onClose={close} className="wide">
      <div className="form">
        <p className="muted">
          Replaces the current model with a <code>relata/model@1</code> file (or a saved <code>{'{ model, layout }'}</code>{' '}
          document). You can undo the import. You can also drop a file anywhere on the window.
        </p>
        <label htmlFor="import-file">Choose file</label>
        <input
          id="import-file"
          type="file"
          accept=".json,application/json"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void importFile(file);
            e.target.value = '';
          }}
        />
        <label htmlFor="import-text">Paste JSON</label>
        <textarea
          id="import-text"
          rows={12}
          spellCheck={false}
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder='{ "format": "relata/model@1", "name": "…", "resources": [] }'
        />
        <div className="actions">
          <button type="button" onClick={close}>Cancel</button>
          <button type="button" className="primary" disabled={!text.trim()} onClick={() => importText(text, 'pasted JSON')}>
            Import pasted JSON
          </button>
        </div>
      </div>
    </Modal>
  );
}
