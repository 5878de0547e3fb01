import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import './ui/styles.css';
import { App } from './ui/App';
import { installDevHandle } from './ui/dev-handle';
import { loadElixirParserBrowser } from './ui/elixir-parser';
import { session } from './ui/persistence/app-session';
import { bootWithShareLink, listenForShareLinks } from './ui/persistence/share-open';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

if (import.meta.env.DEV || import.meta.env.VITE_E2E === '1' || new URLSearchParams(location.search).has('bench')) installDevHandle();
// Elixir import reads with tree-sitter once its wasm has loaded (the built-in parser until then).
loadElixirParserBrowser().catch((e: unknown) => console.warn('Elixir parser (tree-sitter) not loaded; using the built-in one', e));

// A share link (`#m1d.…`) opens as a new model copy; otherwise the last model (or `?fixture=`).
void bootWithShareLink(session, new URLSearchParams(location.search).get('fixture'));
listenForShareLinks(session);

// Edits are autosaved a moment after they happen; warn before closing while one is still on its way.
window.addEventListener('beforeunload', (e) => {
  if (session.hasUnsaved()) {
    void session.flush();
    e.preventDefault();
  }
});
window.addEventListener('pagehide', () => void session.flush());
