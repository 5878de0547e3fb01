/**
 * Reading a model from untrusted JSON. `parseModel` never throws: every structural problem becomes an
 * `invalid_model` error with the JSON path of the offending element. Identifier spelling is not
 * checked here (that is the `invalid_identifier` diagnostic), so a half-typed name still loads.
 */
import { err, ok, relataError, type RelataError, type Result } from '../result';
import { jsonErrorOffset } from './json-error';
import { checkModelShape } from './shape';
import type { Model } from './types';

export function parseModel(json: unknown): Result<Model, RelataError> {
  try {
    const first = checkModelShape(json, 1)[0];
    if (first) return err(relataError('invalid_model', first.message, { path: first.path }));
    // The shape check proved every value is plain JSON, so a JSON round trip is a safe deep copy that
    // detaches the result from the caller's object.
    return ok(JSON.parse(JSON.stringify(json)) as Model);
  } catch (e) {
    // Only exotic inputs get here (throwing getters, proxies); they are still just invalid.
    return err(relataError('invalid_model', `The model could not be read: ${String(e)}`, { path: [] }));
  }
}

/** Parses JSON text; a syntax error reports its line and column. */
export function parseModelText(text: string): Result<Model, RelataError> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const where = locate(text);
    return err(relataError('invalid_model', `The model is not valid JSON${where}: ${message}`, { path: [] }));
  }
  return parseModel(json);
}

/** " (line L, column C)" of the first invalid character, both 1-based. */
function locate(text: string): string {
  const offset = jsonErrorOffset(text);
  if (offset < 0) return '';
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return ` (line ${line}, column ${column})`;
}
