import type { ReactNode } from 'react';
import { CodePanel } from './CodePanel';
import { useCodeUi } from './code-ui-store';
import './code-panel.css';

/** Properties / Code tabs around the inspector's body. */
export function InspectorTabs({ children }: { children: ReactNode }) {
  const tab = useCodeUi((s) => s.tab);
  const setTab = useCodeUi((s) => s.setTab);
  const tabs = [['properties', 'Properties'], ['code', 'Code']] as const;
  return (
    <div className="ins-tabs-wrap">
      <div className="ins-tabs" role="tablist" aria-label="Inspector views">
        {tabs.map(([id, label]) => (
          <button
            key={id}
            type="button"
            role="tab"
            id={`ins-tab-${id}`}
            aria-selected={tab === id}
            aria-controls="ins-tabpanel"
            tabIndex={tab === id ? 0 : -1}
            onClick={() => setTab(id)}
            onKeyDown={(e) => {
              if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') setTab(tab === 'code' ? 'properties' : 'code');
            }}
          >
            {label}
          </button>
        ))}
      </div>
      <div className="ins-tabpanel" role="tabpanel" id="ins-tabpanel" aria-labelledby={`ins-tab-${tab}`}>
        {tab === 'code' ? <CodePanel /> : children}
      </div>
    </div>
  );
}
