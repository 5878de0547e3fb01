import { useCallback, useRef, useState } from 'react';
import type { CSSProperties, DragEvent, KeyboardEvent as ReactKeyboardEvent, PointerEvent as ReactPointerEvent } from 'react';
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
import { importDropped } from './panels/import-actions';
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

const LIVE_HEIGHT_KEY = 'relata:live-panel-height';
/** The canvas keeps at least this much height whatever the live panel's size. */
const MIN_CANVAS = 220;
const MIN_LIVE = 120;

function storedLiveHeight(): number | null {
  try {
    const v = Number(localStorage.getItem(LIVE_HEIGHT_KEY));
    return Number.isFinite(v) && v >= MIN_LIVE ? v : null;
  } catch {
    return null;
  }
}

/**
 * The live panel's height: short by default (styles: `--live-panel-h`), dragged or set with the
 * arrow keys on the separator above it, remembered across sessions, never leaving the canvas less
 * than MIN_CANVAS pixels.
 */
function useLivePanelHeight() {
  const [height, setHeight] = useState<number | null>(storedLiveHeight);
  const drag = useRef<{ y: number; h: number } | null>(null);
  const commit = useCallback((h: number) => {
    const max = Math.max(MIN_LIVE, window.innerHeight - MIN_CANVAS - 60);
    const next = Math.round(Math.min(max, Math.max(MIN_LIVE, h)));
    setHeight(next);
    try {
      localStorage.setItem(LIVE_HEIGHT_KEY, String(next));
    } catch {
      // Not remembering the height is harmless.
    }
  }, []);
  const current = () => document.querySelector('.live-panel')?.getBoundingClientRect().height ?? MIN_LIVE;
  const onPointerDown = (e: ReactPointerEvent<HTMLDivElement>) => {
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { y: e.clientY, h: current() };
  };
  const onPointerMove = (e: ReactPointerEvent<HTMLDivElement>) => {
    if (drag.current) commit(drag.current.h + drag.current.y - e.clientY);
  };
  const onPointerUp = () => {
    drag.current = null;
  };
  const onKeyDown = (e: ReactKeyboardEvent<HTMLDivElement>) => {
    const step = e.shiftKey ? 96 : 24;
    if (e.key === 'ArrowUp') commit(current() + step);
    else if (e.key === 'ArrowDown') commit(current() - step);
    else return;
    e.preventDefault();
  };
  return { height, separator: { onPointerDown, onPointerMove, onPointerUp, onPointerCancel: onPointerUp, onKeyDown } };
}

export function App() {
  useShortcuts();
  const ready = useSession((s) => s.ready);
  const [dropping, setDropping] = useState(false);
  const live = useLivePanelHeight();

  return (
    <div
      className={`app${dropping ? ' dropping' : ''}`}
      style={live.height ? ({ '--live-panel-h': `${live.height}px` } as CSSProperties) : undefined}
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
        void importDropped(e.dataTransfer);
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
      <div className="live-dock">
        {/* Hidden while the live panel is collapsed (styles.css). */}
        <div
          className="live-resizer"
          role="separator"
          aria-orientation="horizontal"
          aria-label="Resize live panel"
          aria-valuenow={live.height ?? undefined}
          tabIndex={0}
          {...live.separator}
        />
        <ErrorBoundary name="Live preview">
          <LivePanel />
        </ErrorBoundary>
      </div>
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
