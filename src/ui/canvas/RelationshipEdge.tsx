import { memo } from 'react';
import { BaseEdge, EdgeLabelRenderer, Position, getSmoothStepPath, useStore, type EdgeProps } from '@xyflow/react';
import { useDocument } from '../state/document-store';
import { markerId, type EdgeTone } from './markers';
import { isCompactZoom } from './node-view';
import { pathOf } from './routing';
import type { RelationshipFlowEdge } from './to-flow';

/**
 * An edge along its route (to-flow.ts / routing.ts): orthogonal segments around the nodes, the label
 * in its box. While one of its nodes is dragged, a plain step path between the handles instead.
 */
function RelationshipEdgeImpl({ id, source, target, sourceX, sourceY, targetX, targetY, data, selected }: EdgeProps<RelationshipFlowEdge>) {
  // Labels are unreadable when zoomed far out, and 600 of them cost more than the edges (see ResourceNode).
  const compact = useStore((s) => isCompactZoom(s.transform[2]));
  if (!data) return null;
  let path: string, box: { x: number; y: number; width?: number; height?: number } | null;
  if (data.live || data.points.length < 2) {
    const [p, lx, ly] = getSmoothStepPath({ sourceX, sourceY, targetX, targetY, sourcePosition: Position.Right, targetPosition: Position.Left, borderRadius: 4 });
    path = p;
    box = { x: lx, y: ly };
  } else {
    path = pathOf(data.points);
    box = data.label;
  }
  const tone: EdgeTone = selected ? 'selected' : data.hasError ? 'error' : 'normal';
  const className = `relata-edge variant-${data.variant} tone-${tone}`;
  return (
    <>
      {/* Its ends, for the geometry test (e2e/geometry.spec.ts) and for debugging. */}
      <g data-edge-source={source} data-edge-target={target}>
      <BaseEdge
        id={id}
        path={path}
        className={className}
        // Zoomed far out the crow's feet are a pixel or two: not worth 1,200 markers to paint.
        markerStart={compact ? undefined : `url(#${markerId(data.startCardinality, tone)})`}
        markerEnd={compact ? undefined : `url(#${markerId(data.endCardinality, tone)})`}
        interactionWidth={16}
      />
      </g>
      {!compact && (
      <EdgeLabelRenderer>
        <div
          className={`relata-edge-label tone-${tone} variant-${data.variant} nodrag nopan`}
          style={box?.width !== undefined
            ? { transform: `translate(${box.x}px, ${box.y}px)`, width: box.width, height: box.height }
            : { transform: `translate(-50%, -50%) translate(${box?.x ?? 0}px, ${box?.y ?? 0}px)` }}
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
