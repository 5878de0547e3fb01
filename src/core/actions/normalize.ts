/** Defaults of actions (docs/actions-and-aggregates.md §1): names, primary, accept, manage_relationship options. */
import type {
  ActionEntry, ActionType, ManageRelationshipChange, ManageType, NAction, NChange, NManageRelationship, OnLookup, OnMatch, OnMissing, OnNoMatch,
} from './types';

/** Ash's `manage_relationship_opts/1` (ash-semantics §5.2); `replace` is `append_and_remove`. */
export const MANAGE_DEFAULTS: Record<ManageType | 'none', { onLookup: OnLookup; onNoMatch: OnNoMatch; onMatch: OnMatch; onMissing: OnMissing }> = {
  append_and_remove: { onLookup: 'relate', onNoMatch: 'error', onMatch: 'ignore', onMissing: 'unrelate' },
  replace: { onLookup: 'relate', onNoMatch: 'error', onMatch: 'ignore', onMissing: 'unrelate' },
  append: { onLookup: 'relate', onNoMatch: 'error', onMatch: 'ignore', onMissing: 'ignore' },
  remove: { onLookup: 'ignore', onNoMatch: 'error', onMatch: 'unrelate', onMissing: 'ignore' },
  direct_control: { onLookup: 'ignore', onNoMatch: 'create', onMatch: 'update', onMissing: 'destroy' },
  create: { onLookup: 'ignore', onNoMatch: 'create', onMatch: 'ignore', onMissing: 'ignore' },
  none: { onLookup: 'ignore', onNoMatch: 'ignore', onMatch: 'ignore', onMissing: 'ignore' },
};

export function normalizeManage(c: ManageRelationshipChange): NManageRelationship {
  const d = MANAGE_DEFAULTS[c.type ?? 'none'] ?? MANAGE_DEFAULTS.none;
  const out: NManageRelationship = {
    kind: 'manage_relationship',
    argument: c.argument,
    relationship: c.relationship ?? c.argument,
    onLookup: c.onLookup ?? d.onLookup,
    onNoMatch: c.onNoMatch ?? d.onNoMatch,
    onMatch: c.onMatch ?? d.onMatch,
    onMissing: c.onMissing ?? d.onMissing,
  };
  if (c.type !== undefined) out.type = c.type;
  if (c.valueIsKey !== undefined) out.valueIsKey = c.valueIsKey;
  return out;
}

/** Total: malformed entries are skipped (the shape check reports them). */
export function normalizeActions(entries: ActionEntry[]): NAction[] {
  const out: NAction[] = [];
  const seenPrimary = new Set<ActionType>();
  for (const e of Array.isArray(entries) ? entries : []) {
    const a = typeof e === 'string' ? { type: e } : e;
    if (!a || typeof a !== 'object') continue;
    const primary = a.primary ?? !seenPrimary.has(a.type);
    if (primary) seenPrimary.add(a.type);
    const n: NAction = {
      type: a.type,
      name: a.name ?? a.type,
      primary,
      accept: a.accept ?? ['*'],
      arguments: (a.arguments ?? []).map((x) => {
        const arg: NAction['arguments'][number] = { name: x.name, type: x.type, allowNil: x.allowNil ?? true };
        if (x.default !== undefined) arg.default = x.default;
        if (x.description !== undefined) arg.description = x.description;
        return arg;
      }),
      changes: (a.changes ?? []).map((c): NChange => (c.kind === 'manage_relationship' ? normalizeManage(c) : { ...c })),
    };
    if (a.description !== undefined) n.description = a.description;
    out.push(n);
  }
  return out;
}
