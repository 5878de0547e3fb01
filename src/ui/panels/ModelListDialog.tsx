import { useEffect, useState } from 'react';
import { TEMPLATES } from '../../core/index';
import type { ModelSummary } from '../persistence/model-db';
import { session } from '../persistence/app-session';
import { useSession } from '../persistence/session';
import { useDocument } from '../state/document-store';
import { useUi } from '../state/ui-store';
import { Modal } from './Modal';

const when = (t: number) => new Date(t).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function ModelRow({ m, current }: { m: ModelSummary; current: boolean }) {
  const [mode, setMode] = useState<'view' | 'rename' | 'delete'>('view');
  const [title, setTitle] = useState(m.title);
  const close = () => useUi.getState().closeDialog();

  return (
    <li className={`model-row${current ? ' current' : ''}`} aria-current={current ? 'true' : undefined}>
      {mode === 'rename' ? (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            void session.renameModel(m.id, title).then(() => setMode('view'));
          }}
        >
          <input aria-label={`New name for ${m.title}`} value={title} autoFocus onChange={(e) => setTitle(e.target.value)} />
          <button type="submit" className="primary" disabled={!title.trim()}>Save name</button>
          <button type="button" onClick={() => setMode('view')}>Cancel</button>
        </form>
      ) : mode === 'delete' ? (
        <div className="inline-form" role="group" aria-label={`Confirm deleting ${m.title}`}>
          <span>Delete “{m.title}” for good?</span>
          <button type="button" className="danger" onClick={() => void session.deleteModel(m.id)}>Delete model</button>
          <button type="button" onClick={() => setMode('view')}>Keep</button>
        </div>
      ) : (
        <>
          <button
            type="button"
            className="model-open"
            aria-label={`Open ${m.title}`}
            onClick={() => void session.openModel(m.id).then(close)}
          >
            <span className="model-name">{m.title}</span>
            <span className="muted">
              {m.resourceCount} resource{m.resourceCount === 1 ? '' : 's'} · {when(m.updatedAt)}
              {current ? ' · open' : ''}
            </span>
          </button>
          <div className="row-actions">
            <button type="button" aria-label={`Rename ${m.title}`} onClick={() => setMode('rename')}>Rename</button>
            <button type="button" aria-label={`Duplicate ${m.title}`} onClick={() => void session.duplicateModel(m.id)}>Duplicate</button>
            <button type="button" aria-label={`Delete ${m.title}`} className="danger-quiet" onClick={() => setMode('delete')}>Delete</button>
          </div>
        </>
      )}
    </li>
  );
}

export function ModelListDialog() {
  const models = useSession((s) => s.models);
  const currentId = useDocument((s) => s.docId);
  const close = () => useUi.getState().closeDialog();

  useEffect(() => {
    void session.flush().then(() => session.refresh());
  }, []);

  return (
    <Modal title="Models" onClose={close} className="wide">
      <div className="model-new">
        <button type="button" className="primary" onClick={() => void session.createModel('Untitled model').then(close)}>
          New model
        </button>
        <span className="muted">or start from a template:</span>
        {TEMPLATES.map((t) => (
          <button
            key={t.name}
            type="button"
            title={t.description}
            aria-label={`New from template ${t.title}`}
            onClick={() => void session.createFromTemplate(t.name).then(close)}
          >
            {t.title}
          </button>
        ))}
      </div>
      <ul className="model-list" aria-label="Saved models">
        {models.map((m) => (
          <ModelRow key={`${m.id}-${m.title}`} m={m} current={m.id === currentId} />
        ))}
      </ul>
    </Modal>
  );
}
