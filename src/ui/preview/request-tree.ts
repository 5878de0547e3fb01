import type { LoadRequest, NormalizedModel, QueryRequest } from '../../core/index';

/**
 * Pure helpers over a preview request: the load tree is edited by path (relationship names from
 * the root), and the relationships a load walks are named `Resource.relationship` for the canvas.
 */

export type LoadPath = readonly string[];

export function getLoad(req: LoadRequest, path: LoadPath): LoadRequest | undefined {
  let cur: LoadRequest | undefined = req;
  for (const name of path) cur = cur?.load?.[name];
  return cur;
}

/** Returns a copy of `req` with the level at `path` replaced by `fn(level)` (`undefined` removes it). */
export function updateLoad<T extends LoadRequest>(req: T, path: LoadPath, fn: (level: LoadRequest) => LoadRequest | undefined): T {
  if (path.length === 0) return (fn(req) ?? req) as T;
  const [head, ...rest] = path as [string, ...string[]];
  const child = req.load?.[head] ?? {};
  const nextChild = rest.length === 0 ? fn(child) : updateLoad(child, rest, fn);
  const load = { ...(req.load ?? {}) };
  if (nextChild === undefined) delete load[head];
  else load[head] = nextChild;
  const out = { ...req, load };
  if (Object.keys(load).length === 0) delete (out as LoadRequest).load;
  return out;
}

/** The destination resource of the level at `path`. */
export function resourceAt(model: NormalizedModel, root: string, path: LoadPath): string | undefined {
  let resource: string | undefined = root;
  for (const name of path) {
    resource = model.resources.find((r) => r.name === resource)?.relationships.find((r) => r.name === name)?.destination;
    if (!resource) return undefined;
  }
  return resource;
}

/** Every relationship the load walks, as `Resource.relationship` (a many_to_many also walks its join relationship). */
export function walkedEdges(model: NormalizedModel, req: QueryRequest): Set<string> {
  const out = new Set<string>();
  const visit = (resource: string, level: LoadRequest) => {
    const res = model.resources.find((r) => r.name === resource);
    for (const [name, child] of Object.entries(level.load ?? {})) {
      const rel = res?.relationships.find((r) => r.name === name);
      if (!rel) continue;
      out.add(`${resource}.${name}`);
      if (rel.kind === 'many_to_many') out.add(`${resource}.${rel.joinRelationship}`);
      visit(rel.destination, child);
    }
  };
  visit(req.resource, req);
  return out;
}

/** Drops empty keys so the request (and its query key) only says what was asked for. */
export function cleanRequest<T extends LoadRequest>(req: T): T {
  const out: LoadRequest = {};
  for (const [k, v] of Object.entries(req) as Array<[keyof LoadRequest, unknown]>) {
    if (v === undefined || v === '' || (Array.isArray(v) && v.length === 0 && k !== 'select')) continue;
    if (k === 'load') {
      const load = Object.fromEntries(Object.entries(v as Record<string, LoadRequest>).map(([n, c]) => [n, cleanRequest(c)]));
      if (Object.keys(load).length > 0) out.load = load;
      continue;
    }
    if (k === 'strict' && v === false) continue;
    (out as Record<string, unknown>)[k] = v;
  }
  return out as T;
}
