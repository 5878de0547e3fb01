import { useDocument } from '../state/document-store';
import { useUi } from '../state/ui-store';
import { useSession } from '../persistence/session';
import { copyShareLink } from '../persistence/share-open';
import { runAutoLayout } from './auto-layout';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
export const MOD = isMac ? '⌘' : 'Ctrl+';

function SaveStatus() {
  const status = useSession((s) => s.saveStatus);
  const error = useSession((s) => s.storageError);
  const text = {
    idle: '',
    pending: 'Unsaved changes',
    saving: 'Saving…',
    saved: 'Saved',
    error: 'Not saved',
  }[status];
  return (
    <span className={`save-status save-${status}`} role="status" title={error?.message}>
      {text}
    </span>
  );
}

function IssueCount() {
  const diagnostics = useDocument((s) => s.diagnostics);
  const issuesOpen = useUi((s) => s.issuesOpen);
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  const label = errors + warnings === 0 ? 'No issues' : `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
  return (
    <button
      type="button"
      className={`issue-count ${errors ? 'has-errors' : warnings ? 'has-warnings' : 'clean'}`}
      aria-pressed={issuesOpen}
      aria-label={`Issues: ${label}`}
      onClick={() => useUi.getState().setIssuesOpen(!issuesOpen)}
    >
      <span aria-hidden="true" className="dot" />
      {label}
    </button>
  );
}

export function Toolbar() {
  const canUndo = useDocument((s) => s.canUndo);
  const canRedo = useDocument((s) => s.canRedo);
  const undoLabel = useDocument((s) => s.undoLabel);
  const redoLabel = useDocument((s) => s.redoLabel);
  const title = useDocument((s) => s.title);
  const theme = useUi((s) => s.theme);
  const notice = useUi((s) => s.notice);
  const open = useUi.getState().openDialog;

  return (
    <header className="toolbar" role="toolbar" aria-label="Main toolbar">
      <div className="toolbar-group">
        <span className="brand" aria-hidden="true">◆<span className="tb-text"> Relata</span></span>
        <button type="button" className="model-switch" onClick={() => open('models')} aria-label={`Models (current: ${title})`}>
          <span className="model-title">{title}</span>
          <span aria-hidden="true" className="chevron">▾</span>
        </button>
      </div>

      <div className="toolbar-group">
        <button type="button" className="primary" onClick={() => open('addResource')}>Add resource</button>
        <button type="button" onClick={() => void runAutoLayout()}>Auto layout</button>
      </div>

      <div className="toolbar-group">
        <button
          type="button"
          aria-label="Undo"
          title={`Undo${undoLabel ? ` ${undoLabel}` : ''} (${MOD}Z)`}
          disabled={!canUndo}
          onClick={() => useDocument.getState().undo()}
        >
          <span aria-hidden="true">↶</span><span className="tb-text"> Undo</span>
        </button>
        <button
          type="button"
          aria-label="Redo"
          title={`Redo${redoLabel ? ` ${redoLabel}` : ''} (Shift+${MOD}Z)`}
          disabled={!canRedo}
          onClick={() => useDocument.getState().redo()}
        >
          <span aria-hidden="true">↷</span><span className="tb-text"> Redo</span>
        </button>
      </div>

      <div className="toolbar-group">
        <button type="button" onClick={() => open('import')}>Import</button>
        <button type="button" onClick={() => open('export')}>Export</button>
        <button type="button" onClick={() => void copyShareLink()} title="Copy a link that opens a copy of this model">Share link</button>
      </div>

      <div className="toolbar-spacer" />

      <div className="toolbar-group">
        {notice && <span className="notice" role="status">{notice}</span>}
        <SaveStatus />
        <IssueCount />
        <button type="button" className="search-button" onClick={() => open('palette')} aria-label="Search resources" title={`Search (${MOD}K)`}>
          <span aria-hidden="true">⌕</span><span className="tb-text"> Search</span> <kbd>{MOD}K</kbd>
        </button>
        <button
          type="button"
          className="icon-button"
          aria-label="Dark theme"
          aria-pressed={theme === 'dark'}
          title={theme === 'dark' ? 'Switch to light theme' : 'Switch to dark theme'}
          onClick={() => useUi.getState().toggleTheme()}
        >
          <span aria-hidden="true">{theme === 'dark' ? '☾' : '☀'}</span>
        </button>
      </div>
    </header>
  );
}
