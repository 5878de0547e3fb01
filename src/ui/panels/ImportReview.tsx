import { useState } from 'react';
import type { ImportResult } from '../../core/index';
import { plural, problemPlace, summarize } from './import-files';
import { suggestionLabel } from './import-formats';

/**
 * What an import would give, shown before anything changes: the problems (file:line) when it fails,
 * else the summary, every warning with its file and line, and the suggestions to pick from.
 */
export function ImportReview({ result, onImport }: { result: ImportResult; onImport(chosen: boolean[]): void }) {
  const [unchecked, setUnchecked] = useState<ReadonlySet<number>>(new Set());
  if (!result.ok) {
    const n = result.error.problems.length;
    return (
      <div className="import-problems" role="alert">
        <p><strong>{plural(n, 'problem')}</strong>; nothing will be imported until {n === 1 ? 'it is' : 'they are'} fixed. The current model is untouched.</p>
        <ul aria-label="Import problems">
          {result.error.problems.map((p, i) => (
            <li key={i}><span className="line-no">{problemPlace(p)}:</span> {p.message}</li>
          ))}
        </ul>
      </div>
    );
  }
  const { model, suggestions, warnings } = result.value;
  const s = summarize(result.value);
  const names = model.resources.filter((r) => !r.external).map((r) => r.name);
  const extras = [
    s.external.length > 0 ? `${plural(s.external.length, 'external placeholder')} (${s.external.join(', ')})` : '',
    s.calculations > 0 ? plural(s.calculations, 'calculation') : '',
    s.identities > 0 ? plural(s.identities, 'identity', 'identities') : '',
    s.preserved > 0 ? plural(s.preserved, 'preserved section') : '',
  ].filter(Boolean);
  return (
    <div className="import-review">
      <p role="status">
        Reads as {plural(names.length, 'resource')}{names.length ? `: ${names.slice(0, 12).join(', ')}${names.length > 12 ? ', …' : ''}` : ''}.{' '}
        {plural(s.relationships, 'relationship')}{extras.length > 0 ? `, ${extras.join(', ')}` : ''}.
      </p>
      {warnings.length > 0 && (
        <>
          <p className="muted">{plural(warnings.length, 'warning')} (kept or dropped as said; the rest imports):</p>
          <ul aria-label="Import warnings" className="muted">
            {warnings.map((w, i) => (
              <li key={i}><span className="line-no">{problemPlace(w)}:</span> {w.message}</li>
            ))}
          </ul>
        </>
      )}
      {suggestions.length > 0 && (
        <fieldset className="import-suggestions">
          <legend>Suggested relationships</legend>
          {suggestions.map((sg, i) => (
            <label key={i} title={sg.reason}>
              <input
                type="checkbox"
                checked={!unchecked.has(i)}
                onChange={(e) => {
                  const next = new Set(unchecked);
                  if (e.target.checked) next.delete(i);
                  else next.add(i);
                  setUnchecked(next);
                }}
              />
              {suggestionLabel(sg)} <span className="muted">— {sg.reason}</span>
            </label>
          ))}
        </fieldset>
      )}
      <div className="actions">
        <button type="button" className="primary" onClick={() => onImport(suggestions.map((_, i) => !unchecked.has(i)))}>
          Import {plural(names.length, 'resource')}
        </button>
      </div>
    </div>
  );
}
