/**
 * The manual relationship's JavaScript in a wide modal editor: the whole width of the window (up to
 * ~1100 px), lines unclipped at 1280×720, an Apply button with its shortcut. Text typed but not applied
 * survives Escape, × and a click outside (a draft the inspector shows); "Discard changes" drops it.
 */
import { useState } from 'react';
import { CodeEditor } from '../editors/CodeEditor';
import { Modal } from '../panels/Modal';
import { MOD } from '../panels/Toolbar';
import { useManualCode } from './manual-code-store';
import './manual-code.css';

interface Props {
  /** `Resource.relationship`, shown in the title. */
  title: string;
  /** The draft key (manualKey). */
  draftKey: string;
  /** The applied source (the model's). */
  source: string;
  onApply(source: string): void;
}

export function ManualCodeDialog({ title, draftKey, source, onApply }: Props) {
  const closeEditor = useManualCode((s) => s.closeEditor);
  const setDraft = useManualCode((s) => s.setDraft);
  const [initial] = useState(() => useManualCode.getState().drafts[draftKey]);
  const [text, setText] = useState(initial ?? source);
  // Remounts the editor on "Discard changes" so it shows the applied text again.
  const [generation, setGeneration] = useState(0);
  const dirty = text !== source;

  const apply = (next: string) => {
    setDraft(draftKey, null);
    setText(next);
    if (next !== source) onApply(next);
  };
  const discard = () => {
    setDraft(draftKey, null);
    setText(source);
    setGeneration((g) => g + 1);
  };

  return (
    <Modal title={`Manual code: ${title}`} onClose={closeEditor} className="manual-code-dialog">
      <p className="mc-hint">
        <code>export async function load(records, opts, ctx)</code> returns the related records of each source record.
        {' '}{MOD}Enter or Apply puts the code in the model; closing keeps what is not applied as a draft.
      </p>
      <CodeEditor
        key={generation}
        label="Manual code"
        className="mc-editor"
        value={source}
        initialDoc={generation === 0 ? initial : undefined}
        commitOnBlur={false}
        autoFocus
        onChange={(t) => {
          setText(t);
          setDraft(draftKey, t === source ? null : t);
        }}
        onCommit={apply}
      />
      <div className="mc-actions">
        <span className="mc-status" role="status">{dirty ? 'Not applied' : 'Applied'}</span>
        <button type="button" className="danger-quiet" disabled={!dirty} onClick={discard}>Discard changes</button>
        <button type="button" onClick={closeEditor}>Close</button>
        <button type="button" className="primary" disabled={!dirty} onClick={() => apply(text)} aria-keyshortcuts={MOD === '⌘' ? 'Meta+Enter' : 'Control+Enter'}>
          Apply ({MOD}Enter)
        </button>
      </div>
    </Modal>
  );
}
