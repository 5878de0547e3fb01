import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import type { DragEvent } from 'react';
import { getImportClient } from '../../client/import-client';
import type { ImportFormat, ImportResult, SourceFile } from '../../core/index';
import { useDocument } from '../state/document-store';
import { useUi } from '../state/ui-store';
import { importText, replaceWithImported } from './import-actions';
import { takeImportDraft, useImportDraft } from './import-draft';
import { formatForFiles, isSqlFormat, isZip, plural, relevantFiles } from './import-files';
import { IMPORT_FORMATS, applySuggestions, formatForFile, readModelText } from './import-formats';
import { readChosenFiles, readDropped, type ReadFiles } from './import-read';
import { ImportReview } from './ImportReview';
import { Modal } from './Modal';
import './export-import.css';

function ReadResult({ text, format, onImport }: { text: string; format: Exclude<ImportFormat, 'json'>; onImport(result: ImportResult, chosen: boolean[]): void }) {
  const currentName = useDocument((s) => s.document.model.name);
  const deferred = useDeferredValue(text);
  const result = useMemo(() => (deferred.trim() ? readModelText(deferred, format, currentName) : null), [deferred, format, currentName]);
  if (!result) return null;
  return <ImportReview result={result} onImport={(chosen) => onImport(readModelText(text, format, currentName), chosen)} />;
}

/**
 * Several files (a folder, a zip, a multiple choice) imported as one model, parsed in the import
 * worker (src/client/import-client.ts) so a large project does not freeze the page.
 */
function FilesResult({ files, format, onImport }: { files: SourceFile[]; format: ImportFormat; onImport(result: ImportResult, chosen: boolean[]): void }) {
  const [result, setResult] = useState<{ files: SourceFile[]; format: ImportFormat; result: ImportResult } | null>(null);
  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      void (async () => {
        let r: ImportResult;
        try {
          r = await getImportClient().importFiles(files, format);
        } catch (e) {
          // importFiles returns coded results; a throw (a bug, a worker that failed) is still shown.
          r = { ok: false, error: { code: 'invalid_import', message: String(e), problems: [{ line: 1, message: `The importer failed: ${String(e)}` }] } };
        }
        if (live) setResult({ files, format, result: r });
      })();
    }, 0);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [files, format]);
  if (files.length === 0) return <p className="import-problems" role="alert">None of the chosen files is a {IMPORT_FORMATS.find((f) => f.id === format)?.title ?? format} file; nothing to import.</p>;
  if (!result || result.files !== files || result.format !== format) return <p role="status" aria-busy="true">Reading {plural(files.length, 'file')}…</p>;
  return <ImportReview key={`${format}:${files.length}`} result={result.result} onImport={(chosen) => onImport(result.result, chosen)} />;
}

export function ImportDialog() {
  const [initial] = useState(takeImportDraft);
  const [text, setText] = useState(initial?.text ?? '');
  const [format, setFormat] = useState<ImportFormat>(initial?.format ?? 'json');
  const [source, setSource] = useState<string | null>(initial?.source ?? null);
  /** Every file of the last multi-file choice; the format decides which of them are read. */
  const [chosen, setChosen] = useState<ReadFiles | null>(initial?.files ?? null);
  const close = () => useUi.getState().closeDialog();
  const info = IMPORT_FORMATS.find((f) => f.id === format) ?? IMPORT_FORMATS[0]!;
  const currentName = useDocument((s) => s.document.model.name);
  const relevant = useMemo(() => (chosen ? relevantFiles(chosen.files, format) : []), [chosen, format]);

  // A file dropped on the window while the dialog is open arrives as a draft.
  useEffect(() => useImportDraft.subscribe((s) => {
    if (!s.draft) return;
    const d = takeImportDraft();
    if (!d) return;
    setChosen(d.files ?? null);
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
    setChosen(null);
    setFormat(f);
    setText(content);
    setSource(file.name);
  };

  const loadMany = (read: ReadFiles) => {
    setChosen(read);
    setFormat((f) => formatForFiles(read.files.map((x) => x.path), f));
  };

  const takeFiles = (list: FileList | null) => {
    const files = [...(list ?? [])];
    const one = files[0];
    if (files.length === 1 && one && !isZip(one.name) && !one.webkitRelativePath) void loadFile(one);
    else if (files.length > 0) void readChosenFiles(files).then(loadMany);
  };

  const onDrop = (e: DragEvent) => {
    if (e.dataTransfer.files.length === 0) return;
    e.preventDefault();
    e.stopPropagation();
    const items = [...e.dataTransfer.items];
    const folder = items.some((i) => i.webkitGetAsEntry?.()?.isDirectory);
    if (folder) void readDropped(e.dataTransfer).then(loadMany);
    else takeFiles(e.dataTransfer.files);
  };

  const apply = (res: ImportResult, picked: boolean[]) => {
    if (!res.ok) return;
    const { model, skipped } = applySuggestions(res.value.model, res.value.suggestions.filter((_, i) => picked[i]));
    // SQL has no model name of its own: keep the current one.
    const named = isSqlFormat(format) && chosen ? { ...model, name: currentName } : model;
    replaceWithImported({ model: named, layout: null });
    if (skipped.length) useUi.getState().notify(`Imported “${named.name}”; ${skipped.length} suggestion(s) skipped (name taken)`);
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
          Replaces the current model (you can undo the import). Paste the text, choose files, a folder or a <code>.zip</code> of a project, or drop them here.
          {format === 'json' && <> A <code>relata/model@1</code> file or a saved <code>{'{ model, layout }'}</code> document.</>}
          {format !== 'json' && ' Problems are listed with their file and line; nothing is imported until there are none.'}
        </p>
        <div className="import-pickers">
          <label htmlFor="import-file">Choose files</label>
          <input
            id="import-file"
            type="file"
            multiple
            accept={format === 'json' ? `${info.accept},.zip` : '.json,.sql,.ex,.exs,.ts,.mts,.zip,text/plain,application/json,application/zip'}
            onChange={(e) => {
              takeFiles(e.target.files);
              e.target.value = '';
            }}
          />
          <label htmlFor="import-folder">Choose a folder</label>
          <input
            id="import-folder"
            type="file"
            {...{ webkitdirectory: '', directory: '' }}
            onChange={(e) => {
              const files = [...(e.target.files ?? [])];
              if (files.length > 0) void readChosenFiles(files).then(loadMany);
              e.target.value = '';
            }}
          />
        </div>
        {chosen ? (
          <>
            <p aria-label="Chosen files">
              {plural(relevant.length, 'file')} to read of {chosen.files.length} chosen
              {relevant.length > 0 && <span className="muted"> ({relevant.slice(0, 6).map((f) => f.path).join(', ')}{relevant.length > 6 ? ', …' : ''})</span>}.{' '}
              <button type="button" className="link" onClick={() => setChosen(null)}>Paste text instead</button>
            </p>
            {chosen.failures.length > 0 && (
              <ul className="import-problems" aria-label="Unreadable files">
                {chosen.failures.map((f) => <li key={f}>{f}</li>)}
              </ul>
            )}
            {format === 'json' && relevant.length > 1 ? (
              <p className="import-problems" role="alert">A JSON import is one model file; choose one of the {relevant.length} JSON files.</p>
            ) : format === 'json' && relevant[0] ? (
              <div className="actions">
                <button type="button" className="primary" onClick={() => importText(relevant[0]!.text, relevant[0]!.path)}>Import {relevant[0].path}</button>
              </div>
            ) : (
              <FilesResult files={relevant} format={format} onImport={apply} />
            )}
          </>
        ) : (
          <>
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
              <ReadResult key={format} text={text} format={format} onImport={apply} />
            )}
          </>
        )}
      </div>
    </Modal>
  );
}
