import { useState } from 'react';
import type { NormalizedModel, QueryRequest, RelataError, Row } from '../../core/index';
import { toAshQueryCode, toTypeScriptQueryCode } from '../../core/index';
import type { TimedPreview } from '../../client/engine-client';
import type { HopSummary } from '../../worker/engine-api';

const fmt = (n: number) => n.toLocaleString('en-US');
const ms = (n: number) => `${n < 10 ? n.toFixed(1) : Math.round(n)} ms`;

export function ErrorView({ error }: { error: RelataError }) {
  const span = error.span;
  const source = error.source;
  const details = error.details as { line?: number; stack?: string } | undefined;
  return (
    <div className="preview-error" role="alert">
      <strong className="mono">{error.code}</strong> {error.message}
      {span && (
        <div className="muted">
          at characters {span.start}–{span.end}
          {source !== undefined && (
            <pre className="mono error-source">
              {source.slice(0, span.start)}
              <mark>{source.slice(span.start, Math.max(span.end, span.start + 1)) || ' '}</mark>
              {source.slice(Math.max(span.end, span.start + 1))}
            </pre>
          )}
        </div>
      )}
      {details?.line !== undefined && <div className="muted">line {details.line}</div>}
      {error.path && error.path.length > 0 && <div className="muted">at {error.path.join('.')}</div>}
    </div>
  );
}

function hopLabel(h: HopSummary, root: string): string {
  if (h.path === 'root') return `${root} (root)`;
  return h.path;
}

export function HopSummaryView({ hops, root }: { hops: HopSummary[]; root: string }) {
  return (
    <ul className="hop-summary" aria-label="Statements per hop">
      {hops.map((h) => (
        <li key={h.path} className={h.statements > 2 ? 'hop-many' : undefined}>
          <span className="mono">{hopLabel(h, root)}</span>: {h.statements} statement{h.statements === 1 ? '' : 's'}, {fmt(h.rows)} row{h.rows === 1 ? '' : 's'}
          <span className="muted"> · {ms(h.ms)}</span>
          {h.statements > 2 && <span className="badge-warn" title="Several statements for one hop: an N+1 pattern"> N+1?</span>}
        </li>
      ))}
    </ul>
  );
}

export function SqlLog({ statements }: { statements: TimedPreview['statements'] }) {
  return (
    <ol className="sql-log" aria-label="SQL statements">
      {statements.map((s, i) => (
        <li key={i}>
          <div className="sql-meta">
            <span className="mono">{s.scope}</span> · {fmt(s.rows)} row{s.rows === 1 ? '' : 's'} · {ms(s.ms)}
          </div>
          <pre className="mono sql-text">{s.sql}</pre>
          {s.params.length > 0 && <pre className="mono sql-params">params: {JSON.stringify(s.params).slice(0, 2000)}</pre>}
        </li>
      ))}
    </ol>
  );
}

/**
 * A preview can return thousands of nested rows: a record's attributes and children are only built
 * when it is open, only the first few records of the first two levels start open, and a level shows
 * its records a page at a time (building every subtree took seconds for ~9,000 rows).
 */
const PAGE = 50;
const OPEN_FIRST = 3;

function label(row: Row): string {
  const id = row.id ?? Object.values(row).find((v) => typeof v !== 'object');
  const name = row.name ?? row.subject ?? row.title ?? row.body;
  return `#${String(id)}${typeof name === 'string' ? ` ${name.length > 40 ? `${name.slice(0, 40)}…` : name}` : ''}`;
}

const isNested = (v: unknown): boolean => v !== null && typeof v === 'object' && (Array.isArray(v) || isRecord(v));

function RecordNode({ row, depth, index }: { row: Row; depth: number; index: number }) {
  const [open, setOpen] = useState(depth < 2 && index < OPEN_FIRST);
  return (
    <details className="record" open={open} onToggle={(e) => setOpen(e.currentTarget.open)} role="treeitem" aria-label={label(row)} aria-expanded={open}>
      <summary {...(depth === 0 ? { 'data-result-row': index } : {})}>{label(row)}</summary>
      {open && <RecordBody row={row} depth={depth} />}
    </details>
  );
}

function RecordBody({ row, depth }: { row: Row; depth: number }) {
  const entries = Object.entries(row);
  return (
    <>
      <dl className="record-attrs">
        {entries.filter(([, v]) => !isNested(v)).map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd className="mono">{JSON.stringify(v)}</dd>
          </div>
        ))}
      </dl>
      {entries.filter(([, v]) => isNested(v)).map(([k, v]) => (
        <div key={k} className="record-rel">
          <div className="rel-name mono">
            {k} {Array.isArray(v) ? `[${v.length}]` : ''}
          </div>
          <RecordList rows={Array.isArray(v) ? (v as Row[]) : [v as Row]} depth={depth + 1} name={k} />
        </div>
      ))}
    </>
  );
}

/** One level's records, a page at a time. */
function RecordList({ rows, depth, name }: { rows: Row[]; depth: number; name: string }) {
  const [shown, setShown] = useState(PAGE);
  return (
    <div role="group" aria-label={name}>
      {rows.slice(0, shown).map((c, i) => (
        <RecordNode key={i} row={c} depth={depth} index={i} />
      ))}
      {rows.length > shown && (
        <button type="button" className="link more-records" onClick={() => setShown(shown + PAGE * 4)}>
          Show {fmt(Math.min(PAGE * 4, rows.length - shown))} more of {fmt(rows.length - shown)}
        </button>
      )}
    </div>
  );
}

const isRecord = (v: unknown): boolean => v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Uint8Array);

export function RecordTree({ records }: { records: Row[] }) {
  const [shown, setShown] = useState(PAGE * 4);
  return (
    <div role="tree" aria-label="Records" className="record-tree">
      {records.length === 0 && <p className="muted">No records.</p>}
      {records.slice(0, shown).map((r, i) => (
        <RecordNode key={i} row={r} depth={0} index={i} />
      ))}
      {records.length > shown && (
        <button type="button" className="link more-records" onClick={() => setShown(shown + PAGE * 4)}>
          Show {fmt(Math.min(PAGE * 4, records.length - shown))} more of {fmt(records.length - shown)} records
        </button>
      )}
    </div>
  );
}

export function CopyAsCode({ request, model }: { request: QueryRequest; model: NormalizedModel }) {
  const [shown, setShown] = useState<'ash' | 'ts' | null>(null);
  const [copied, setCopied] = useState<string | null>(null);
  const code = shown === 'ash' ? toAshQueryCode(request, model) : shown === 'ts' ? toTypeScriptQueryCode(request) : '';
  const copy = async (kind: 'ash' | 'ts') => {
    const text = kind === 'ash' ? toAshQueryCode(request, model) : toTypeScriptQueryCode(request);
    setShown(kind);
    try {
      await navigator.clipboard.writeText(text);
      setCopied(kind === 'ash' ? 'Ash code copied' : 'TypeScript copied');
    } catch {
      setCopied('Select the code below to copy it');
    }
  };
  return (
    <div className="copy-code">
      <button type="button" onClick={() => void copy('ash')}>Copy as Ash</button>
      <button type="button" onClick={() => void copy('ts')}>Copy as TypeScript</button>
      {copied && <span className="muted" role="status">{copied}</span>}
      {shown && <pre className="mono code-block" aria-label={shown === 'ash' ? 'Ash query code' : 'TypeScript query code'}>{code}</pre>}
    </div>
  );
}

export function Timings({ result }: { result: TimedPreview }) {
  const total = result.records.length;
  return (
    <p className="preview-timings" aria-label="Timings">
      {fmt(total)} record{total === 1 ? '' : 's'} · {result.statements.length} statement{result.statements.length === 1 ? '' : 's'} · worker {ms(result.workerMs)} (engine {ms(result.engineMs)}) · transfer {ms(result.transferMs)} · round trip {ms(result.roundTripMs)}
    </p>
  );
}
