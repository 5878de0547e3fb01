// PLACEHOLDER created by the shell engineer because Inspector.tsx did not exist yet.
// The inspector engineer owns this file: replace it wholesale.
import { useDocument } from '../state/document-store';

export function Inspector() {
  const selection = useDocument((s) => s.selection);
  return <div className="inspector-placeholder">{selection ? JSON.stringify(selection) : 'Nothing selected'}</div>;
}
