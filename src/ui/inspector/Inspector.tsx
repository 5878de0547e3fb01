import './inspector.css';
import { resourceOf } from '../canvas/node-view';
import { useDocument } from '../state/document-store';
import { AttributeInspector } from './AttributeInspector';
import { RelationshipInspector } from './RelationshipInspector';
import { ResourceInspector } from './ResourceInspector';
import { InspectorTabs } from '../code/InspectorTabs';

/** The right panel: Properties (edits whatever is selected) and Code (the selection as Ash or TypeScript text). */
export function Inspector() {
  return <InspectorTabs><InspectorBody /></InspectorTabs>;
}

/** Edits whatever is selected (resource, attribute or relationship). */
function InspectorBody() {
  const selection = useDocument((s) => s.selection);
  const model = useDocument((s) => s.document.model);
  const normalized = useDocument((s) => s.normalized);
  const count = model.resources.length;

  if (!selection) {
    return (
      <div className="inspector is-empty">
        <h2 className="ins-empty-title">Inspector</h2>
        <p>{count === 0 ? 'Double-click the canvas to add your first resource.' : 'Select a resource or a relationship to edit it.'}</p>
        <p className="ins-hint">Drag from a resource's right handle to another resource to relate them. Delete removes the selection.</p>
      </div>
    );
  }
  const raw = model.resources.find((r) => r.name === selection.resource);
  const n = resourceOf(normalized, selection.resource);
  if (!raw || !n) return <div className="inspector is-empty"><p>{selection.resource} no longer exists.</p></div>;

  let body;
  switch (selection.kind) {
    case 'resource':
      body = <ResourceInspector raw={raw} />;
      break;
    case 'attribute': {
      const attr = n.attributes.find((a) => a.name === selection.attribute);
      body = attr
        ? <AttributeInspector key={`${raw.name}.${attr.name}`} resource={raw.name} raw={raw.attributes?.find((a) => a.name === attr.name)} normalized={attr} />
        : <ResourceInspector raw={raw} />;
      break;
    }
    case 'relationship': {
      const rel = n.relationships.find((r) => r.name === selection.relationship);
      body = rel
        ? <RelationshipInspector key={`${raw.name}.${rel.name}`} resource={raw.name} raw={raw.relationships?.find((r) => r.name === rel.name)} normalized={rel} />
        : <ResourceInspector raw={raw} />;
      break;
    }
  }
  return <div className="inspector" key={`${selection.kind}:${selection.resource}`}>{body}</div>;
}
