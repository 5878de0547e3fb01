import { memo, useEffect, useRef } from 'react';
import { Handle, Position, useStore, useUpdateNodeInternals, type NodeProps } from '@xyflow/react';
import { useStoreWithEqualityFn } from 'zustand/traditional';
import { useDocument } from '../state/document-store';
import { isCompactZoom, nodeState, sameNodeState } from './node-view';
import type { ResourceFlowNode } from './to-flow';

const LOOP_IN = { left: '28%' };
const LOOP_OUT = { left: '72%' };

function ResourceNodeImpl({ id, selected, data }: NodeProps<ResourceFlowNode>) {
  // One subscription per node (300 nodes: every store change runs 300 selectors, not 1,200).
  const { view, errors, warnings, selectedAttribute } = useStoreWithEqualityFn(useDocument, (s) => nodeState(s, id), sameNodeState);
  const issues = errors + warnings;
  // Zoomed far out, the attribute rows are unreadable and cost most of the layout and paint of a
  // large model (300 nodes): show the header only. One re-render when the zoom crosses the level.
  const compact = useStore((s) => isCompactZoom(s.transform[2]));
  // React Flow measures handles when a node mounts or resizes; one added later must be announced.
  const updateNodeInternals = useUpdateNodeInternals();
  const handles = `${data.left ? 'l' : ''}${data.right ? 'r' : ''}${data.loop ? 'o' : ''}`;
  const measuredHandles = useRef(handles);
  useEffect(() => {
    if (measuredHandles.current === handles) return;
    measuredHandles.current = handles;
    updateNodeInternals(id);
  }, [handles, id, updateNodeInternals]);

  return (
    <div
      className={`resource-node${view.external ? ' is-external' : ''}${selected ? ' is-selected' : ''}${errors ? ' has-errors' : warnings ? ' has-warnings' : ''}${compact ? ' is-compact' : ''}`}
      title={view.external ? `External: ${view.module ?? id} (a destination outside the imported files)` : undefined}
    >
      <Handle type="target" position={Position.Left} id="in" className="rn-handle rn-handle-in" data-testid={`handle-in-${id}`} aria-label={`Relationship target ${id}`} />
      {/* Routing handles, only where an edge uses them (to-flow.ts). */}
      {data.left && <Handle type="source" position={Position.Left} id="out-left" className="rn-handle-loop" isConnectable={false} />}
      {data.right && <Handle type="target" position={Position.Right} id="in-right" className="rn-handle-loop" isConnectable={false} />}
      {data.loop && <Handle type="target" position={Position.Top} id="loop-in" className="rn-handle-loop" style={LOOP_IN} isConnectable={false} />}
      {data.loop && <Handle type="source" position={Position.Top} id="loop-out" className="rn-handle-loop" style={LOOP_OUT} isConnectable={false} />}
      <header className="rn-header">
        <span className="rn-title">{id}</span>
        {view.external && <span className="rn-chip is-external" aria-label={`external ${view.module ?? id}`}>external</span>}
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
              {a.addedBy && <span className="rn-chip is-fk" title={`Foreign key of :${a.addedBy}`}>FK</span>}
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
