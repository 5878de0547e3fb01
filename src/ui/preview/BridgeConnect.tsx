import { useEffect, useState } from 'react';
import { create } from 'zustand';
import type { RelataError } from '../../core/index';
import { bridgeUrl, connectBridge } from '../../client/bridge-client';
import { useEngineSync } from './engine-sync';

/** The bridge's URL is kept for this tab's session only (sessionStorage), never in localStorage. */
const BRIDGE_KEY = 'relata:bridge';

const useConnecting = create<{ busy: boolean; error: RelataError | null }>()(() => ({ busy: false, error: null }));

function session(): Storage | null {
  try {
    return sessionStorage;
  } catch {
    return null;
  }
}

/** Connects previews and actions to `relata serve` at `text` (checked with its /health first). */
export async function connectToBridge(text: string): Promise<boolean> {
  const url = bridgeUrl(text);
  if (!url) {
    useConnecting.setState({ error: { code: 'invalid_query', message: `${text} is not a local address: the bridge runs on 127.0.0.1 or localhost` } });
    return false;
  }
  useConnecting.setState({ busy: true, error: null });
  const info = await connectBridge(url);
  if (!info.ok) {
    useConnecting.setState({ busy: false, error: info.error });
    return false;
  }
  session()?.setItem(BRIDGE_KEY, url);
  useEngineSync.setState({ bridge: info.value });
  useConnecting.setState({ busy: false });
  return true;
}

export function disconnectBridge(): void {
  session()?.removeItem(BRIDGE_KEY);
  useEngineSync.setState({ bridge: null });
  useConnecting.setState({ error: null });
}

/**
 * "Connect to a database…": previews (and actions) then run on the user's PostgreSQL server through
 * the local bridge (`npm run relata -- serve --database postgres://…`). The page only knows the
 * bridge's local address; the database URL stays with the bridge.
 */
export function BridgeConnect() {
  const bridge = useEngineSync((s) => s.bridge);
  const busy = useConnecting((s) => s.busy);
  const error = useConnecting((s) => s.error);
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('http://127.0.0.1:7433');

  useEffect(() => {
    const saved = session()?.getItem(BRIDGE_KEY);
    if (saved) void connectToBridge(saved);
  }, []);

  if (bridge) {
    return (
      <span className="bridge-status" role="status">
        Database: <span className="mono">{bridge.url.replace(/^https?:\/\//, '')}</span>
        {bridge.readOnly ? ' (read-only)' : ''}
        <button type="button" onClick={disconnectBridge}>Disconnect</button>
      </span>
    );
  }
  if (!open) {
    return <button type="button" onClick={() => setOpen(true)}>Connect to a database…</button>;
  }
  return (
    <form
      className="bridge-form"
      aria-label="Connect to a database"
      onSubmit={(e) => {
        e.preventDefault();
        void connectToBridge(text).then((done) => done && setOpen(false));
      }}
    >
      <label title="Start it with: npm run relata -- serve --database postgres://…">
        <span className="field-label">Bridge</span>
        <input className="mono" value={text} onChange={(e) => setText(e.target.value)} aria-label="Bridge address" />
      </label>
      <button type="submit" disabled={busy}>{busy ? 'Connecting…' : 'Connect'}</button>
      <button type="button" onClick={() => setOpen(false)}>Cancel</button>
      {error && (
        <span className="engine-error" role="alert" title={error.message}>
          <span className="mono">{error.code}</span> {error.message}
        </span>
      )}
    </form>
  );
}
