import { useState } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { DataPanel } from '../data/DataPanel';
import { ErrorBoundary } from '../panels/ErrorBoundary';
import { useEngineModelSync, useEngineSync } from './engine-sync';
import { PreviewPanel } from './PreviewPanel';
import { ActionsPanel } from './ActionsPanel';
import { EngineChoice } from './EngineChoice';
import './preview.css';

const queryClient = new QueryClient({ defaultOptions: { queries: { refetchOnWindowFocus: false } } });

type Tab = 'preview' | 'actions' | 'data';

/** The bottom panel: live query preview, action runs and sample data, all served by the engine worker. */
export function LivePanel() {
  const [open, setOpen] = useState(true);
  const [tab, setTab] = useState<Tab>('preview');
  useEngineModelSync();
  const status = useEngineSync((s) => s.status);
  const busy = useEngineSync((s) => s.modelVersion === null || s.pending > 0);
  const total = useEngineSync((s) => Object.values(s.counts).reduce((a, b) => a + b, 0));
  return (
    <QueryClientProvider client={queryClient}>
      <section className={`live-panel${open ? ' open' : ''}`} aria-label="Live preview" aria-busy={busy}>
        <header className="live-header">
          <div role="tablist" aria-label="Live panel">
            <button type="button" role="tab" aria-selected={open && tab === 'preview'} onClick={() => { setTab('preview'); setOpen(true); }}>Preview</button>
            <button type="button" role="tab" aria-selected={open && tab === 'actions'} onClick={() => { setTab('actions'); setOpen(true); }}>Actions</button>
            <button type="button" role="tab" aria-selected={open && tab === 'data'} onClick={() => { setTab('data'); setOpen(true); }}>Data ({total.toLocaleString('en-US')})</button>
          </div>
          <EngineChoice />
          {status?.error && <span className="muted live-status">Engine: {status.error.code} — {status.error.message}</span>}
          <button type="button" className="icon" aria-label={open ? 'Collapse live panel' : 'Expand live panel'} onClick={() => setOpen(!open)}>{open ? '▾' : '▴'}</button>
        </header>
        {open && (
          <div className="live-body">
            <ErrorBoundary name={tab === 'preview' ? 'Preview' : tab === 'actions' ? 'Actions' : 'Data'}>
              {tab === 'preview' ? <PreviewPanel /> : tab === 'actions' ? <ActionsPanel /> : <DataPanel />}
            </ErrorBoundary>
          </div>
        )}
      </section>
    </QueryClientProvider>
  );
}
