import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import './ui/styles.css';
import { App } from './ui/App';
import { session } from './ui/persistence/app-session';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

void session.boot(new URLSearchParams(location.search).get('fixture'));

// Edits are autosaved a moment after they happen; warn before closing while one is still on its way.
window.addEventListener('beforeunload', (e) => {
  if (session.hasUnsaved()) {
    void session.flush();
    e.preventDefault();
  }
});
window.addEventListener('pagehide', () => void session.flush());
