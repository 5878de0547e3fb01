import { formatPath, useUi } from '../state/ui-store';
import { Modal } from './Modal';

/** A problem the user must acknowledge (an import that failed, ...), naming what and where. */
export function ProblemDialog() {
  const problem = useUi((s) => s.problem);
  if (!problem) return null;
  const close = () => useUi.getState().showProblem(null);
  return (
    <Modal title={problem.title} onClose={close} role="alertdialog">
      <div className="form">
        <p className="problem-message">{problem.message}</p>
        {problem.path && (
          <p>
            At <code className="problem-path">{formatPath(problem.path)}</code>
          </p>
        )}
        {problem.note && <p className="muted">{problem.note}</p>}
        <div className="actions">
          <button type="button" className="primary" autoFocus onClick={close}>OK</button>
        </div>
      </div>
    </Modal>
  );
}
