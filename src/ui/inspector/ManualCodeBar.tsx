import { useEffect, useMemo } from 'react';
import { checkManualModuleStatic } from '../../core/index';
import { ManualCodeDialog } from '../code/ManualCodeDialog';
import { manualKey, useManualCode } from '../code/manual-code-store';
import { useDocument } from '../state/document-store';

interface Props {
  resource: string;
  name: string;
  source: string;
  onApply(source: string): void;
}

/**
 * The manual relationship's code in the inspector: one line (size, whether it checks, an unapplied
 * draft) and "Edit code…", which opens the wide editor; the narrow inspector never clips the code.
 */
export function ManualCodeBar({ resource, name, source, onApply }: Props) {
  const docId = useDocument((s) => s.docId);
  const key = manualKey(docId, resource, name);
  const isOpen = useManualCode((s) => s.open === key);
  const hasDraft = useManualCode((s) => key in s.drafts);
  const openEditor = useManualCode((s) => s.openEditor);
  const setDraft = useManualCode((s) => s.setDraft);
  const check = useMemo(() => checkManualModuleStatic(source), [source]);
  const lines = source.split('\n').length;
  // The editor belongs to this bar: it does not reopen by itself when the relationship is shown again.
  useEffect(() => () => {
    if (useManualCode.getState().open === key) useManualCode.getState().closeEditor();
  }, [key]);

  return (
    <div className="ins-code-bar" role="group" aria-label={`Manual code of ${resource}.${name}`}>
      <div className="ins-code-facts">
        <span className="ins-code-title">Manual code</span>
        <span className="ins-code-meta">
          {lines} {lines === 1 ? 'line' : 'lines'}
          {' · '}
          {check.ok ? <span className="ins-code-ok">checks</span> : <span className="ins-code-error" title={check.message}>{check.line ? `error on line ${check.line}` : 'error'}</span>}
          {hasDraft && <> · <span className="ins-code-draft">unapplied draft</span></>}
        </span>
      </div>
      {hasDraft && (
        <button type="button" className="danger-quiet" aria-label="Discard draft" title="Drop the text typed but not applied" onClick={() => setDraft(key, null)}>Discard</button>
      )}
      <button type="button" className="primary" onClick={() => openEditor(key)}>Edit code…</button>
      {isOpen && <ManualCodeDialog title={`${resource}.${name}`} draftKey={key} source={source} onApply={onApply} />}
    </div>
  );
}
