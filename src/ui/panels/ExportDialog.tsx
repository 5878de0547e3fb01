import { useMemo, useState } from 'react';
import { EXPORT_FORMATS, exportModel } from '../../core/index';
import type { ExportFormat, ExportedFile } from '../../core/index';
import { useDocument } from '../state/document-store';
import { useUi } from '../state/ui-store';
import { pngScale, toDiagramSvg } from './diagram-svg';
import { copyText, downloadBlob, downloadTextFile, svgToPng, toBundle } from './export-files';
import { exportFileName, toModelJson } from './json-io';
import { Modal } from './Modal';
import './export-import.css';

type Choice = 'json' | ExportFormat | 'png' | 'svg';

const CHOICES: readonly { id: Choice; title: string }[] = [
  { id: 'json', title: 'JSON' },
  ...EXPORT_FORMATS.map((f) => ({ id: f.id, title: f.title })),
  { id: 'png', title: 'PNG image' },
  { id: 'svg', title: 'SVG image' },
];

function CopyStatus({ text }: { text: string | null }) {
  return text ? <span role="status" className="muted">{text}</span> : null;
}

function TextExport({ label, file, help }: { label: string; file: ExportedFile; help?: string }) {
  const [copyState, setCopyState] = useState<string | null>(null);
  return (
    <>
      {help && <p className="muted">{help}</p>}
      <label htmlFor="export-text">{label}</label>
      <textarea id="export-text" readOnly rows={16} spellCheck={false} value={file.content} />
      <div className="actions">
        <CopyStatus text={copyState} />
        <button type="button" onClick={() => void copyText(file.content).then(setCopyState)}>Copy</button>
        <button type="button" className="primary" onClick={() => downloadTextFile(file.path, file.content)}>
          Download {file.path}
        </button>
      </div>
    </>
  );
}

function FilesExport({ files, bundleName }: { files: ExportedFile[]; bundleName: string }) {
  const [selected, setSelected] = useState(0);
  const [copyState, setCopyState] = useState<string | null>(null);
  const file = files[Math.min(selected, files.length - 1)];
  return (
    <>
      <p className="muted">{files.length} file{files.length === 1 ? '' : 's'}: one Ash resource module per resource, and the domain.</p>
      <ul className="export-files" aria-label="Exported files">
        {files.map((f, i) => (
          <li key={f.path}>
            <button type="button" className="link" aria-pressed={i === selected} onClick={() => setSelected(i)}>{f.path}</button>
            <button type="button" aria-label={`Download ${f.path}`} title={`Download ${f.path}`} onClick={() => downloadTextFile(f.path.split('/').pop() ?? f.path, f.content)}>
              <span aria-hidden="true">⤓</span>
            </button>
          </li>
        ))}
      </ul>
      {file && (
        <>
          <label htmlFor="export-text">{file.path}</label>
          <textarea id="export-text" readOnly rows={14} spellCheck={false} value={file.content} />
        </>
      )}
      <div className="actions">
        <CopyStatus text={copyState} />
        {file && <button type="button" onClick={() => void copyText(file.content).then(setCopyState)}>Copy</button>}
        <button type="button" className="primary" onClick={() => downloadTextFile(bundleName, toBundle(files))}>
          Download all as {bundleName}
        </button>
      </div>
    </>
  );
}

function ImageExport({ kind, baseName }: { kind: 'png' | 'svg'; baseName: string }) {
  const model = useDocument((s) => s.document.model);
  const layout = useDocument((s) => s.document.layout);
  const normalized = useDocument((s) => s.normalized);
  const diagnostics = useDocument((s) => s.diagnostics);
  const diagram = useMemo(() => toDiagramSvg(model, normalized, layout, diagnostics), [model, normalized, layout, diagnostics]);
  const preview = useMemo(() => `data:image/svg+xml;charset=utf-8,${encodeURIComponent(diagram.svg)}`, [diagram]);
  const { scale, reduced } = pngScale(diagram.width, diagram.height);
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const fileName = `${baseName}.${kind}`;

  const download = async () => {
    if (kind === 'svg') {
      downloadTextFile(fileName, diagram.svg, 'image/svg+xml');
      return;
    }
    setBusy(true);
    setStatus('Drawing the PNG…');
    try {
      downloadBlob(fileName, await svgToPng(diagram.svg, diagram.width, diagram.height, scale));
      setStatus(null);
    } catch (e) {
      setStatus(`The PNG could not be made: ${e instanceof Error ? e.message : String(e)}. Export SVG instead.`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <p className="muted">
        The whole diagram ({diagram.resources} resource{diagram.resources === 1 ? '' : 's'}, {diagram.width} × {diagram.height} units), not just what the canvas shows.
        {kind === 'png' && ` The PNG is ${Math.round(diagram.width * scale)} × ${Math.round(diagram.height * scale)} px (${scale} px per unit).`}
      </p>
      {kind === 'png' && reduced && (
        <p className="warn-text" role="note">
          The diagram is too large for one PNG at full size; it is scaled down to {Math.round(scale * 100)}% and small text may be hard to read. SVG keeps every detail at any size.
        </p>
      )}
      <div className="export-preview">
        <img src={preview} alt={`Preview of the ${model.name} diagram`} />
      </div>
      <div className="actions">
        <CopyStatus text={status} />
        {kind === 'svg' && <button type="button" onClick={() => void copyText(diagram.svg).then(setStatus)}>Copy</button>}
        <button type="button" className="primary" disabled={busy} onClick={() => void download()}>
          Download {fileName}
        </button>
      </div>
    </>
  );
}

export function ExportDialog() {
  const model = useDocument((s) => s.document.model);
  const errors = useDocument((s) => s.diagnostics.filter((d) => d.severity === 'error').length);
  const [choice, setChoice] = useState<Choice>('json');
  const close = () => useUi.getState().closeDialog();
  const files = useMemo(() => (choice === 'json' || choice === 'png' || choice === 'svg' ? null : exportModel(model, choice)), [model, choice]);
  const jsonName = exportFileName(model);
  const baseName = jsonName.replace(/\.relata\.json$/, '');
  const title = CHOICES.find((c) => c.id === choice)?.title ?? '';

  let body;
  if (choice === 'json') {
    body = (
      <TextExport
        key="json"
        label="Model JSON"
        file={{ path: jsonName, content: toModelJson(model) }}
        help="The model as relata/model@1 JSON (canvas positions are not part of it)."
      />
    );
  } else if (choice === 'png' || choice === 'svg') {
    body = <ImageExport key={choice} kind={choice} baseName={baseName} />;
  } else if (files && files.length === 1 && files[0]) {
    body = <TextExport key={choice} label={title} file={files[0]} />;
  } else if (files) {
    body = <FilesExport key={choice} files={files} bundleName={`${baseName}.ash-resources.txt`} />;
  }

  return (
    <Modal title="Export model" onClose={close} className="wide">
      <div className="form">
        <fieldset className="format-choice">
          <legend>Format</legend>
          {CHOICES.map((c) => (
            <label key={c.id} className={choice === c.id ? 'is-checked' : undefined}>
              <input
                type="radio"
                name="export-format"
                value={c.id}
                checked={choice === c.id}
                onChange={() => setChoice(c.id)}
              />
              {c.title}
            </label>
          ))}
        </fieldset>
        {errors > 0 && (
          <p className="warn-text">The model has {errors} error{errors === 1 ? '' : 's'}; it is exported as it is.</p>
        )}
        {body}
      </div>
    </Modal>
  );
}
