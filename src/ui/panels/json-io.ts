import { adoptIds, entityKey, err, ok, parseModel, relataError, snake, stripIds } from '../../core/index';
import type { Layout, Model, RelataDocument, RelataError, Result } from '../../core/index';

/**
 * The `relata/model@1` file: the model only (layout and ids stay in the app), stable key order,
 * trailing newline.
 */
export function toModelJson(model: Model): string {
  return `${JSON.stringify(stripIds(model), null, 2)}\n`;
}

export function exportFileName(model: Model): string {
  const base = snake(model.name.replace(/[^A-Za-z0-9]+/g, '')) || 'model';
  return `${base}.relata.json`;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Keeps only well-formed positions; a bad layout is not worth refusing a good model for. */
function readLayout(v: unknown): Layout {
  const positions: Layout['positions'] = {};
  if (isObject(v) && isObject(v.positions)) {
    for (const [name, p] of Object.entries(v.positions)) {
      if (isObject(p) && Number.isFinite(p.x) && Number.isFinite(p.y)) positions[name] = { x: p.x as number, y: p.y as number };
    }
  }
  return { positions };
}

/**
 * Reads an imported file or pasted text: a `relata/model@1` model, or a saved document
 * `{ model, layout }`. Errors carry the JSON path of the problem in the input.
 */
export function readImport(text: string): Result<{ model: Model; layout: Layout | null }, RelataError> {
  if (text.trim() === '') return err(relataError('invalid_model', 'The input is empty.', { path: [] }));
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return err(relataError('invalid_model', `Not valid JSON: ${e instanceof Error ? e.message : String(e)}`, { path: [] }));
  }
  if (isObject(json) && !('format' in json) && 'model' in json) {
    const parsed = parseModel(json.model);
    if (!parsed.ok) return err({ ...parsed.error, path: ['model', ...(parsed.error.path ?? [])] });
    return ok({ model: parsed.value, layout: readLayout(json.layout) });
  }
  const parsed = parseModel(json);
  return parsed.ok ? ok({ model: parsed.value, layout: null }) : parsed;
}

/**
 * The document after an import: the file's layout if it had one (keyed by resource name, as saved
 * documents were; the store moves it to ids), else the current positions of same-named resources,
 * which keep their ids (so their places and the selection) too.
 */
export function importedDocument(current: RelataDocument, imported: { model: Model; layout: Layout | null }): RelataDocument {
  if (imported.layout) return { model: imported.model, layout: imported.layout };
  const model = adoptIds(imported.model, current.model);
  const keys = new Set(model.resources.map(entityKey));
  const positions: Layout['positions'] = {};
  for (const [key, p] of Object.entries(current.layout.positions)) if (keys.has(key)) positions[key] = p;
  return { model, layout: { positions } };
}
