import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import type { DragEvent } from 'react';
import type { ImportFormat } from '../../core/index';
import { useDocument } from '../state/document-store';
import { useUi } from '../state/ui-store';
import { importText, replaceWithImported } from './import-actions';
import { takeImportDraft, useImportDraft } from './import-draft';
import { IMPORT_FORMATS, applySuggestions, formatForFile, readModelText, suggestionLabel } from './import-formats';
import { Modal } from './Modal';
import './export-import.css';

function ReadResult({ text, format, onImport }: { text: string; format: Exclude<ImportFormat, 'json'>; onImport(chosen: boolean[]): void }) {
  const currentName = useDocument((s) => s.document.model.name);
  const deferred = useDeferredValue(text);
  const result = useMemo(() => (deferred.trim() ? readModelText(deferred, format, currentName) : null), [deferred, format, currentName]);
  const [unchecked, setUnchecked] = useState<ReadonlySet<number>>(new Set());

  if (!result) return null;
  if (!result.ok) {
    return (
      <div className="import-problems" role="alert">
        <p><strong>{result.error.problems.length} problem{result.error.problems.length === 1 ? '' : 's'}</strong>; nothing will be imported until {result.error.problems.length === 1 ? 'it is' : 'they are'} fixed.</p>
        <ul aria-label="Import problems">
          {result.error.problems.map((p, i) => (
            <li key={i}><span className="line-no">Line {p.line}:</span> {p.message}</li>
          ))}
        </ul>
      </div>
    );
  }
  const { model, suggestions, warnings } = result.value;
  const names = model.resources.map((r) => r.name);
  return (
    <div className="import-review">
      <p role="status">
        Reads as {names.length} resource{names.length === 1 ? '' : 's'}{names.length ? `: ${names.slice(0, 12).join(', ')}${names.length > 12 ? ', …' : ''}` : ''}.
      </p>
      {warnings.length > 0 && (
        <ul aria-label="Import warnings" className="muted">
          {warnings.map((w, i) => (
            <li key={i}>Line {w.line}: {w.message}</li>
          ))}
        </ul>
      )}
      {suggestions.length > 0 && (
        <fieldset className="import-suggestions">
          <legend>Suggested relationships</legend>
          {suggestions.map((s, i) => (
            <label key={i} title={s.reason}>
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
              {suggestionLabel(s)} <span className="muted">— {s.reason}</span>
            </label>
          ))}
        </fieldset>
      )}
      <div className="actions">
        <button type="button" className="primary" onClick={() => onImport(suggestions.map((_, i) => !unchecked.has(i)))}>
          Import {names.length} resource{names.length === 1 ? '' : 's'}
        </button>
      </div>
    </div>
  );
}

export function ImportDialog() {
  const [initial] = useState(takeImportDraft);
  const [text, setText] = useState(initial?.text ?? '');
  const [format, setFormat] = useState<ImportFormat>(initial?.format ?? 'json');
  const [source, setSource] = useState<string | null>(initial?.source ?? null);
  const close = () => useUi.getState().closeDialog();
  const info = IMPORT_FORMATS.find((f) => f.id === format) ?? IMPORT_FORMATS[0]!;
  const currentName = useDocument((s) => s.document.model.name);

  // A file dropped on the window while the dialog is open arrives as a draft.
  useEffect(() => useImportDraft.subscribe((s) => {
    if (!s.draft) return;
    const d = takeImportDraft();
    if (!d) return;
    setText(d.text);
    setFormat(d.format);
    setSource(d.source);
  }), []);

  const loadFile = async (file: File) => {
    let content: string;
    try {
      content = await file.text();
    } catch (e) {
      useUi.getState().showProblem({ title: `Cannot read ${file.name}`, message: String(e), note: 'Nothing was imported; the current model is untouched.' });
      return;
    }
    const f = formatForFile(file.name, content, format);
    if (f === 'json') {
      importText(content, file.name);
      return;
    }
    setFormat(f);
    setText(content);
    setSource(file.name);
  };

  const onDrop = (e: DragEvent) => {
    const file = e.dataTransfer.files[0];
    if (!file) return;
    e.preventDefault();
    e.stopPropagation();
    void loadFile(file);
  };

  const confirm = (chosen: boolean[]) => {
    if (format === 'json') return;
    // Read again at confirm time: what is imported is exactly the text shown.
    const res = readModelText(text, format, currentName);
    if (!res.ok) return;
    const picked = res.value.suggestions.filter((_, i) => chosen[i]);
    const { model, skipped } = applySuggestions(res.value.model, picked);
    replaceWithImported({ model, layout: null });
    if (skipped.length) useUi.getState().notify(`Imported “${model.name}”; ${skipped.length} suggestion(s) skipped (name taken)`);
  };

  return (
    <Modal title="Import model" onClose={close} className="wide">
      <div className="form" onDrop={onDrop} onDragOver={(e) => { if (e.dataTransfer.types.includes('Files')) e.preventDefault(); }}>
        <fieldset className="format-choice">
          <legend>Format</legend>
          {IMPORT_FORMATS.map((f) => (
            <label key={f.id} className={format === f.id ? 'is-checked' : undefined}>
              <input type="radio" name="import-format" value={f.id} checked={format === f.id} onChange={() => setFormat(f.id)} />
              {f.title}
            </label>
          ))}
        </fieldset>
        <p className="muted">
          Replaces the current model (you can undo the import). Paste the text, choose a file, or drop one here.
          {format === 'json' && <> A <code>relata/model@1</code> file or a saved <code>{'{ model, layout }'}</code> document.</>}
          {format !== 'json' && ' Problems are listed with their line; nothing is imported until there are none.'}
        </p>
        <label htmlFor="import-file">Choose file</label>
        <input
          id="import-file"
          type="file"
          accept={format === 'json' ? info.accept : '.json,.sql,.ex,.exs,.ts,.mts,text/plain,application/json'}
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void loadFile(file);
            e.target.value = '';
          }}
        />
        <label htmlFor="import-text">{info.paste}{source ? ` (from ${source})` : ''}</label>
        <textarea
          id="import-text"
          rows={12}
          spellCheck={false}
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={info.placeholder}
        />
        {format === 'json' ? (
          <div className="actions">
            <button type="button" onClick={close}>Cancel</button>
            <button type="button" className="primary" disabled={!text.trim()} onClick={() => importText(text, 'pasted JSON')}>
              Import pasted JSON
            </button>
          </div>
        ) : (
          <ReadResult key={format} text={text} format={format} onImport={confirm} />
        )}
      </div>
    </Modal>
  );
}
