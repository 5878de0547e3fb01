import { memo } from 'react';
import { BaseEdge, EdgeLabelRenderer, Position, useStore, type EdgeProps } from '@xyflow/react';
import { useDocument } from '../state/document-store';
import { markerId, type EdgeTone } from './markers';
import { isCompactZoom } from './node-view';
import type { RelationshipFlowEdge } from './to-flow';

/** A cubic leaving and entering on the handles' sides; parallel edges fan out. */
function edgePath(sx: number, sy: number, tx: number, ty: number, offset: number, sourceSide: Position, targetSide: Position) {
  const dx = Math.max(60, Math.abs(tx - sx) / 2);
  const c1x = sx + (sourceSide === Position.Left ? -dx : dx), c1y = sy + offset;
  const c2x = tx + (targetSide === Position.Right ? dx : -dx), c2y = ty + offset;
  const path = `M${sx},${sy} C${c1x},${c1y} ${c2x},${c2y} ${tx},${ty}`;
  // Point at t = 0.5 of the cubic: where the label sits.
  return { path, lx: (sx + 3 * c1x + 3 * c2x + tx) / 8, ly: (sy + 3 * c1y + 3 * c2y + ty) / 8 };
}

/** A loop above the node, from its top-right handle back to its top-left handle. */
function loopPath(sx: number, sy: number, tx: number, ty: number, index: number) {
  const h = 70 + index * 36;
  const spread = 30 + index * 18;
  const path = `M${sx},${sy} C${sx + spread},${sy - h} ${tx - spread},${ty - h} ${tx},${ty}`;
  return { path, lx: (sx + tx) / 2, ly: Math.min(sy, ty) - h * 0.75 };
}

function RelationshipEdgeImpl({ id, source, target, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, selected }: EdgeProps<RelationshipFlowEdge>) {
  // Labels are unreadable when zoomed far out, and 600 of them cost more than the edges (see ResourceNode).
  const compact = useStore((s) => isCompactZoom(s.transform[2]));
  if (!data) return null;
  const spreadIndex = data.parallelIndex - (data.parallelCount - 1) / 2;
  const { path, lx, ly } = source === target
    ? loopPath(sourceX, sourceY, targetX, targetY, data.parallelIndex)
    : edgePath(sourceX, sourceY, targetX, targetY, spreadIndex * 48, sourcePosition, targetPosition);
  const tone: EdgeTone = selected ? 'selected' : data.hasError ? 'error' : 'normal';
  const className = `relata-edge variant-${data.variant} tone-${tone}`;
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        className={className}
        // Zoomed far out the crow's feet are a pixel or two: not worth 1,200 markers to paint.
        markerStart={compact ? undefined : `url(#${markerId(data.startCardinality, tone)})`}
        markerEnd={compact ? undefined : `url(#${markerId(data.endCardinality, tone)})`}
        interactionWidth={16}
      />
      {!compact && (
      <EdgeLabelRenderer>
        <div
          className={`relata-edge-label tone-${tone} variant-${data.variant} nodrag nopan`}
          style={{ transform: `translate(-50%, -50%) translate(${lx}px, ${ly}px)` }}
        >
          {data.variant === 'manual' && <span className="edge-badge" title="Manual relationship (code)">ƒ</span>}
          {data.labels.map((l, i) => (
            <button
              key={`${l.resource}.${l.relationship}`}
              type="button"
              className={`edge-name${l.secondary ? ' is-secondary' : ''}${i > 0 && !l.secondary ? ' is-inverse' : ''}`}
              title={`${l.resource}.${l.relationship} (${l.kind})`}
              aria-label={`Relationship ${l.resource}.${l.relationship}`}
              onClick={(e) => {
                e.stopPropagation();
                useDocument.getState().select({ kind: 'relationship', resource: l.resource, relationship: l.relationship });
              }}
            >
              {l.relationship}
            </button>
          ))}
        </div>
      </EdgeLabelRenderer>
      )}
    </>
  );
}

export const RelationshipEdge = memo(RelationshipEdgeImpl);
