import { useMemo, useState } from 'react';
import { useDocument } from '../state/document-store';
import { useUi } from '../state/ui-store';
import { Modal } from './Modal';
import { runAutoLayout } from './auto-layout';

interface Item {
  id: string;
  label: string;
  hint: string;
  run(): void;
}

function score(label: string, query: string): number {
  const l = label.toLowerCase();
  const q = query.toLowerCase().trim();
  if (!q) return 1;
  if (l.startsWith(q)) return 3;
  if (l.includes(q)) return 2;
  // Subsequence match ("tkt" → "Ticket").
  let i = 0;
  for (const ch of l) if (ch === q[i]) i++;
  return i === q.length ? 1 : 0;
}

/** Ctrl/Cmd+K: jump to a resource (selects it; the canvas brings it into view) or run a command. */
export function CommandPalette() {
  const normalized = useDocument((s) => s.normalized);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const close = () => useUi.getState().closeDialog();

  const items = useMemo(() => {
    const resources: Item[] = normalized.resources.map((r) => ({
      id: `resource-${r.name}`,
      label: r.name,
      hint: `${r.attributes.length} attributes · ${r.relationships.length} relationships`,
      run: () => useDocument.getState().select({ kind: 'resource', resource: r.name }),
    }));
    const ui = useUi.getState();
    const commands: Item[] = [
      { id: 'cmd-add', label: 'Add resource', hint: 'Command', run: () => ui.openDialog('addResource') },
      { id: 'cmd-layout', label: 'Auto layout', hint: 'Command', run: () => void runAutoLayout() },
      { id: 'cmd-import', label: 'Import JSON', hint: 'Command', run: () => ui.openDialog('import') },
      { id: 'cmd-export', label: 'Export JSON', hint: 'Command', run: () => ui.openDialog('export') },
      { id: 'cmd-models', label: 'Open model list', hint: 'Command', run: () => ui.openDialog('models') },
      { id: 'cmd-theme', label: 'Toggle dark theme', hint: 'Command', run: () => ui.toggleTheme() },
    ];
    return [...resources, ...commands]
      .map((item) => ({ item, s: score(item.label, query) }))
      .filter((x) => x.s > 0)
      .sort((a, b) => b.s - a.s)
      .map((x) => x.item);
  }, [normalized, query]);

  const current = Math.min(active, Math.max(items.length - 1, 0));
  const choose = (item: Item | undefined) => {
    if (!item) return;
    // Close first: commands that open another dialog must not be undone by this close.
    close();
    item.run();
  };

  return (
    <Modal title="Search" onClose={close} className="palette" hideTitle>
      <input
        autoFocus
        role="combobox"
        aria-expanded="true"
        aria-controls="palette-list"
        aria-activedescendant={items[current] ? `palette-${items[current].id}` : undefined}
        aria-label="Search resources and commands"
        placeholder="Jump to a resource or run a command…"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setActive(Math.min(current + 1, items.length - 1));
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            setActive(Math.max(current - 1, 0));
          } else if (e.key === 'Enter') {
            e.preventDefault();
            choose(items[current]);
          }
        }}
      />
      <ul id="palette-list" role="listbox" aria-label="Results" className="palette-list">
        {items.length === 0 && <li className="empty">Nothing matches “{query}”.</li>}
        {items.map((item, i) => (
          <li
            key={item.id}
            id={`palette-${item.id}`}
            role="option"
            aria-selected={i === current}
            className={i === current ? 'active' : undefined}
            onMouseEnter={() => setActive(i)}
            onClick={() => choose(item)}
          >
            <span>{item.label}</span>
            <span className="muted">{item.hint}</span>
          </li>
        ))}
      </ul>
    </Modal>
  );
}
