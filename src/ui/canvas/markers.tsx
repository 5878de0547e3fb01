/**
 * Crow's-foot cardinality markers, one set per tone (SVG markers do not inherit the edge's colour
 * everywhere). Drawn pointing at the node; `auto-start-reverse` turns them round for the start.
 */
import type { Cardinality } from './to-flow';

export type EdgeTone = 'normal' | 'selected' | 'error';
const CARDINALITIES: Cardinality[] = ['one', 'zero-one', 'many'];
const TONES: EdgeTone[] = ['normal', 'selected', 'error'];

export const markerId = (c: Cardinality, tone: EdgeTone) => `relata-${c}-${tone}`;

function Shape({ c }: { c: Cardinality }) {
  switch (c) {
    case 'one':
      return <path d="M13,4 V16 M17,4 V16" />;
    case 'zero-one':
      return (
        <>
          <circle cx="7" cy="10" r="3.5" className="marker-hollow" />
          <path d="M15,4 V16" />
        </>
      );
    case 'many':
      return (
        <>
          <circle cx="5" cy="10" r="3.5" className="marker-hollow" />
          <path d="M11,10 L20,3 M11,10 L20,10 M11,10 L20,17 M11,4 V16" />
        </>
      );
  }
}

export function CardinalityMarkers() {
  return (
    <svg className="relata-markers" aria-hidden="true" width="0" height="0">
      <defs>
        {TONES.map((tone) =>
          CARDINALITIES.map((c) => (
            <marker
              key={markerId(c, tone)}
              id={markerId(c, tone)}
              className={`relata-marker tone-${tone}`}
              viewBox="0 0 20 20"
              refX="20"
              refY="10"
              markerWidth="28"
              markerHeight="28"
              markerUnits="userSpaceOnUse"
              orient="auto-start-reverse"
            >
              <Shape c={c} />
            </marker>
          )),
        )}
      </defs>
    </svg>
  );
}
