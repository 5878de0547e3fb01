import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { FieldProblem, NResource, Row } from '../../core/index';
import { getEngineClient } from '../../client/engine-client';
import { useEngineSync } from '../preview/engine-sync';
import { parseCell, showValue } from './cell-value';

const PAGE = 50;

/** Rows of one resource: edit a cell (Enter or leaving it saves), add and delete rows; bad values are marked and named. */
export function DataGrid({ resource }: { resource: NResource }) {
  const modelVersion = useEngineSync((s) => s.modelVersion);
  const dataVersion = useEngineSync((s) => s.dataVersion);
  const setData = useEngineSync((s) => s.setData);
  const [page, setPage] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const rows = useQuery({
    queryKey: ['rows', modelVersion, dataVersion, resource.name, page],
    queryFn: () => getEngineClient().rows(resource.name, page * PAGE, PAGE),
    enabled: modelVersion !== null,
    staleTime: Infinity,
  });

  const apply = async (edit: Parameters<ReturnType<typeof getEngineClient>['editRow']>[0]) => {
    const client = getEngineClient();
    const r = await client.editRow(edit);
    if (!r.ok) {
      setError(`${r.error.code}: ${r.error.message}`);
      return;
    }
    setError(r.value.problems.length ? r.value.problems.map((p) => p.message).join('; ') : null);
    setData(r.value.dataVersion, await client.counts());
    void queryClient.invalidateQueries({ queryKey: ['checks'] });
  };

  const data = rows.data;
  const total = data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE));
  // The worker fills generated keys (increment: max + 1) and defaults.
  const newRow = (): Row => ({});

  return (
    <div className="data-grid-wrap">
      <div className="grid-toolbar">
        <button type="button" onClick={() => void apply({ kind: 'insert', resource: resource.name, row: newRow() })}>Add row</button>
        <span className="muted">{total.toLocaleString('en-US')} rows</span>
        <button type="button" disabled={page === 0} onClick={() => setPage(page - 1)} aria-label="Previous page">‹</button>
        <span className="muted">page {Math.min(page + 1, pages)} / {pages}</span>
        <button type="button" disabled={page + 1 >= pages} onClick={() => setPage(page + 1)} aria-label="Next page">›</button>
      </div>
      {error && <p role="alert" className="grid-error">{error}</p>}
      <div className="grid-scroll">
        <table className="data-grid" aria-label={`${resource.name} rows`}>
          <thead>
            <tr>
              <th scope="col">#</th>
              {resource.attributes.map((a) => (
                <th key={a.name} scope="col" title={`${a.type}${a.allowNil ? '' : ', required'}${a.constraints?.oneOf ? `, one of ${a.constraints.oneOf.join(' ')}` : ''}`}>
                  {a.name}
                </th>
              ))}
              <th aria-label="Actions" />
            </tr>
          </thead>
          <tbody>
            {data?.rows.map((row, i) => {
              const index = data.offset + i;
              const problems = data.problems[i] ?? [];
              return (
                <tr key={`${index}:${JSON.stringify(row)}`} aria-label={`${resource.name} row ${index + 1}`}>
                  <th scope="row" className="muted">{index + 1}</th>
                  {resource.attributes.map((a) => (
                    <Cell
                      key={a.name}
                      label={`${resource.name} row ${index + 1} ${a.name}`}
                      value={row[a.name]}
                      problem={problems.find((p) => p.attribute === a.name)}
                      onCommit={(text) => void apply({ kind: 'update', resource: resource.name, index, row: { ...row, [a.name]: parseCell(a, text) } })}
                    />
                  ))}
                  <td>
                    <button type="button" className="icon" aria-label={`Delete ${resource.name} row ${index + 1}`} onClick={() => void apply({ kind: 'delete', resource: resource.name, index })}>
                      ✕
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function Cell({ label, value, problem, onCommit }: { label: string; value: unknown; problem?: FieldProblem; onCommit(text: string): void }) {
  const shown = showValue(value);
  return (
    <td className={problem ? 'cell-bad' : undefined} title={problem?.message}>
      <input
        aria-label={label}
        aria-invalid={problem ? true : undefined}
        aria-description={problem?.message}
        defaultValue={shown}
        onBlur={(e) => {
          if (e.target.value !== shown) onCommit(e.target.value);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') (e.target as HTMLInputElement).blur();
          if (e.key === 'Escape') (e.target as HTMLInputElement).value = shown;
        }}
      />
    </td>
  );
}
