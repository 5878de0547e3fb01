import { useState } from 'react';
import type { DragEvent } from 'react';
import { Canvas } from './canvas/Canvas';
import { Inspector } from './inspector/Inspector';
import { AddResourceDialog } from './panels/AddResourceDialog';
import { CommandPalette } from './panels/CommandPalette';
import { ErrorBoundary } from './panels/ErrorBoundary';
import { ExportDialog } from './panels/ExportDialog';
import { ImportDialog } from './panels/ImportDialog';
import { IssuesPanel } from './panels/IssuesPanel';
import { ModelListDialog } from './panels/ModelListDialog';
import { ProblemDialog } from './panels/ProblemDialog';
import { StorageBanner } from './panels/StorageBanner';
import { Toolbar } from './panels/Toolbar';
import { importFile } from './panels/import-actions';
import { useShortcuts } from './panels/useShortcuts';
import { useSession } from './persistence/session';
import { LivePanel } from './preview/LivePanel';
import { useUi } from './state/ui-store';

function Dialogs() {
  const dialog = useUi((s) => s.dialog);
  switch (dialog) {
    case null:
      return null;
    case 'palette':
      return <CommandPalette />;
    case 'import':
      return <ImportDialog />;
    case 'export':
      return <ExportDialog />;
    case 'models':
      return <ModelListDialog />;
    case 'addResource':
      return <AddResourceDialog />;
  }
}

const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer.types).includes('Files');

export function App() {
  useShortcuts();
  const ready = useSession((s) => s.ready);
  const [dropping, setDropping] = useState(false);

  return (
    <div
      className={`app${dropping ? ' dropping' : ''}`}
      onDragOver={(e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        setDropping(true);
      }}
      onDragLeave={(e) => {
        if (e.currentTarget === e.target) setDropping(false);
      }}
      onDrop={(e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        setDropping(false);
        const file = e.dataTransfer.files[0];
        if (file) void importFile(file);
      }}
    >
      <ErrorBoundary name="Toolbar">
        <Toolbar />
      </ErrorBoundary>
      <StorageBanner />
      <div className="workspace" aria-busy={!ready}>
        <main className="canvas-area" aria-label="Canvas">
          <ErrorBoundary name="Canvas">
            <Canvas />
          </ErrorBoundary>
        </main>
        <aside className="inspector-area" aria-label="Inspector">
          <ErrorBoundary name="Inspector">
            <Inspector />
          </ErrorBoundary>
        </aside>
      </div>
      <ErrorBoundary name="Issues">
        <IssuesPanel />
      </ErrorBoundary>
      <ErrorBoundary name="Live preview">
        <LivePanel />
      </ErrorBoundary>
      <ErrorBoundary name="Dialogs">
        <Dialogs />
        <ProblemDialog />
      </ErrorBoundary>
      {dropping && (
        <div className="drop-overlay" aria-hidden="true">
          Drop a <code>relata/model@1</code> JSON file to import it
        </div>
      )}
    </div>
  );
}
