import { memo } from 'react';
import { Handle, Position, useStore, type NodeProps } from '@xyflow/react';
import { useStoreWithEqualityFn } from 'zustand/traditional';
import { useDocument } from '../state/document-store';
import { togglePin } from './commands';
import { isCompactZoom, nodeState, sameNodeState } from './node-view';
import type { ResourceFlowNode } from './to-flow';

function ResourceNodeImpl({ id: key, selected, data }: NodeProps<ResourceFlowNode>) {
  // The node id is the resource's key (its id); what the node shows and is labelled by is its name.
  const id = data.name;
  // One subscription per node (300 nodes: every store change runs 300 selectors, not 1,200).
  const { view, errors, warnings, selectedAttribute } = useStoreWithEqualityFn(useDocument, (s) => nodeState(s, id), sameNodeState);
  const issues = errors + warnings;
  // Zoomed far out, the attribute rows are unreadable and cost most of the layout and paint of a
  // large model (300 nodes): show the header only. One re-render when the zoom crosses the level.
  const compact = useStore((s) => isCompactZoom(s.transform[2]));

  return (
    <div
      className={`resource-node${view.external ? ' is-external' : ''}${selected ? ' is-selected' : ''}${errors ? ' has-errors' : warnings ? ' has-warnings' : ''}${compact ? ' is-compact' : ''}`}
      title={view.external ? `External: ${view.module ?? id} (a destination outside the imported files)` : undefined}
    >
      <Handle type="target" position={Position.Left} id="in" className="rn-handle rn-handle-in" data-testid={`handle-in-${id}`} aria-label={`Relationship target ${id}`} />
      <header className="rn-header">
        <span className="rn-title">{id}</span>
        {view.external && <span className="rn-chip is-external" aria-label={`external ${view.module ?? id}`}>external</span>}
        <button
          type="button"
          className={`rn-pin nodrag${data.pinned ? ' is-pinned' : ''}`}
          aria-pressed={!!data.pinned}
          aria-label={data.pinned ? `Unpin ${id}` : `Pin ${id}`}
          title={data.pinned ? 'Pinned: auto layout leaves it here (click to unpin)' : 'Pin: auto layout leaves it where it is'}
          onClick={(e) => {
            e.stopPropagation();
            togglePin(key);
          }}
        >
          📌
        </button>
        {issues > 0 && (
          <span
            className={`rn-badge ${errors ? 'is-error' : 'is-warning'}`}
            title={`${errors} error(s), ${warnings} warning(s)`}
            aria-label={`${issues} ${issues === 1 ? 'issue' : 'issues'}`}
            role="status"
          >
            {errors ? '!' : '⚠'} {issues}
          </span>
        )}
      </header>
      {!compact && (
      <ul className="rn-attrs">
        {view.attributes.length === 0 && <li className="rn-empty">No attributes</li>}
        {view.attributes.map((a) => (
          <li
            key={a.name}
            data-attribute={a.name}
            className={`rn-attr${a.addedBy ? ' is-derived' : ''}${selectedAttribute === a.name ? ' is-selected' : ''}`}
            title={a.addedBy ? `Added by belongs_to :${a.addedBy}` : undefined}
          >
            <span className="rn-key">
              {a.primaryKey && <span className="rn-chip is-pk" title="Primary key">PK</span>}
              {a.foreignKey && <span className="rn-chip is-fk" title={`Foreign key of :${a.foreignKey}`}>FK</span>}
            </span>
            <span className="rn-attr-name">{a.name}</span>
            <span className="rn-attr-type">
              {a.type}
              <span className={a.allowNil ? 'rn-nil' : 'rn-notnil'} title={a.allowNil ? 'Allows nil' : 'Not nil'}>{a.allowNil ? '?' : '!'}</span>
            </span>
          </li>
        ))}
        {view.calculations.map((c) => (
          <li key={`calc:${c.name}`} data-calculation={c.name} className="rn-attr is-calc" title={`Calculation ${c.name}: ${c.expression}`}>
            <span className="rn-key"><span className="rn-chip is-calc" aria-label="calculation">ƒ</span></span>
            <span className="rn-attr-name">{c.name}</span>
            <span className="rn-attr-type">{c.type}</span>
          </li>
        ))}
      </ul>
      )}
      <Handle type="source" position={Position.Right} id="out" className="rn-handle rn-handle-out" data-testid={`handle-out-${id}`} aria-label={`Draw relationship from ${id}`} title="Drag to another resource to relate" />
    </div>
  );
}

export const ResourceNode = memo(ResourceNodeImpl);
