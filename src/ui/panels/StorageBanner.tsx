import { session } from '../persistence/app-session';
import { useSession } from '../persistence/session';

/** A storage failure stays on screen until a write succeeds: edits are never lost silently. */
export function StorageBanner() {
  const error = useSession((s) => s.storageError);
  if (!error) return null;
  return (
    <div role="alert" className="banner banner-error">
      <span>
        <strong>Not saved.</strong> {error.message} Your changes are kept in this tab; export the model as JSON to be safe.
      </span>
      <button type="button" onClick={() => void session.flush()}>Retry</button>
      <button type="button" onClick={() => useSession.setState({ storageError: null })}>Dismiss</button>
    </div>
  );
}
