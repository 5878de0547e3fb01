/**
 * Canvas gestures as commands. The op builders are pure (`gesture-ops.ts`, unit-tested); the
 * functions here read the current document, dispatch the ops as ONE step, and select the result.
 */
import { resourceByKey } from '../../core/index';
import { useCanvas } from './canvas-store';
import { useDocument } from '../state/document-store';
import {
  addAttributeOps, addResourceOps, connectOps, deleteSelectionOps, type ConnectOptions, type Point,
} from './gesture-ops';

export {
  addResourceOps, addAttributeOps, connectOps, createJoinResource, deleteSelectionOps, suggestRelationshipName,
  suggestJoinName, inverseKind, plural, placeNewNode,
} from './gesture-ops';
export type { ConnectOptions, PickerKind, Point } from './gesture-ops';

/** Adds a resource at `position` (flow coordinates) or in free space beside the selection, selects it and returns its name. */
export function addResourceAt(position?: Point, name?: string): string | null {
  const { document, dispatch, select, selection } = useDocument.getState();
  const plan = addResourceOps(document, position, name, selection?.resource);
  const result = dispatch(plan.ops, `Add resource ${plan.name}`);
  if (!result.ok) return null;
  select({ kind: 'resource', resource: plan.name });
  return plan.name;
}

/** Adds a new attribute to `resource` and selects it for editing. */
export function addAttribute(resource: string): string | null {
  const { document, normalized, dispatch, select } = useDocument.getState();
  const plan = addAttributeOps(document, normalized, resource);
  const result = dispatch(plan.ops, `Add attribute ${resource}.${plan.name}`);
  if (!result.ok) return null;
  select({ kind: 'attribute', resource, attribute: plan.name });
  return plan.name;
}

/** Draws a relationship (with inverse / join resource) as one undo step. */
export function connect(from: string, to: string, opts: ConnectOptions): { ok: true } | { ok: false; message: string } {
  const { document, normalized, dispatch, select } = useDocument.getState();
  const plan = connectOps(document, normalized, from, to, opts);
  const result = dispatch(plan.ops, `Add relationship ${from}.${opts.name}`);
  if (!result.ok) return { ok: false, message: result.error.message };
  select(plan.selection);
  // A join resource made for a many_to_many lands in free space, maybe out of view: show it too.
  if (plan.ops.some((op) => op.kind === 'addResource')) useCanvas.getState().requestFit();
  return { ok: true };
}

/** Deletes the selected resource / relationship / attribute (one undo step). */
export function deleteSelection(): boolean {
  const { document, normalized, selection, dispatch, select } = useDocument.getState();
  const ops = deleteSelectionOps(document.model, normalized, selection);
  if (ops.length === 0) return false;
  const result = dispatch(ops, 'Delete');
  if (result.ok && selection?.kind !== 'resource' && selection) select({ kind: 'resource', resource: selection.resource });
  else if (result.ok) select(null);
  return result.ok;
}

/** Pins or unpins a resource by key (auto layout leaves pinned ones where they are); one undo step. */
export function togglePin(key: string): void {
  const { document, dispatch } = useDocument.getState();
  const resource = resourceByKey(document.model, key)?.name ?? key;
  const pinned = document.layout.pinned ?? [];
  const on = !pinned.includes(key);
  const next = on ? [...pinned, key] : pinned.filter((n) => n !== key);
  const { pinned: _old, ...rest } = document.layout;
  void _old;
  dispatch([{ kind: 'setLayout', layout: next.length ? { ...rest, pinned: next } : rest }], `${on ? 'Pin' : 'Unpin'} ${resource}`);
}
