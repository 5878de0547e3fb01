import type { Sort, SortOrder } from '../../core/index';
import { SORT_ORDERS, parseSortText, printSort } from './sort-text';
import { TextField } from './fields';

interface Props {
  label: string;
  value: Sort | undefined;
  /** Attribute names of the resource being sorted. */
  fields: string[];
  onCommit(sort: Sort | undefined): void;
}

/** A sort as text (`priority desc, id`) and as rows of field + order; both commit a whole sort. */
export function SortEditor({ label, value, fields, onCommit }: Props) {
  const rows = value ?? [];
  const commit = (next: Sort) => onCommit(next.length ? next : undefined);
  return (
    <div className="sort-editor">
      <TextField
        label={label}
        value={printSort(value)}
        placeholder="e.g. priority desc, id"
        mono
        validate={(t) => {
          const r = parseSortText(t);
          return r.ok ? null : r.message;
        }}
        onCommit={(t) => {
          const r = parseSortText(t);
          if (r.ok) commit(r.sort);
        }}
      />
      {rows.length > 0 && (
        <ul className="sort-rows" aria-label={`${label} fields`}>
          {rows.map((f, i) => (
            <li key={`${f.field}-${i}`} className="sort-row">
              <select aria-label={`${label} field ${i + 1}`} value={f.field} onChange={(e) => commit(rows.map((x, j) => (j === i ? { ...x, field: e.target.value } : x)))}>
                {!fields.includes(f.field) && <option value={f.field}>{f.field} (unknown)</option>}
                {fields.map((n) => <option key={n} value={n}>{n}</option>)}
              </select>
              <select aria-label={`${label} order ${i + 1}`} value={f.order ?? 'asc'} onChange={(e) => commit(rows.map((x, j) => (j === i ? (e.target.value === 'asc' ? { field: x.field } : { field: x.field, order: e.target.value as SortOrder }) : x)))}>
                {SORT_ORDERS.map((o) => <option key={o} value={o}>{o}</option>)}
              </select>
              <button type="button" className="ins-icon" aria-label={`Move ${f.field} up`} disabled={i === 0} onClick={() => { const n = [...rows]; [n[i - 1], n[i]] = [n[i]!, n[i - 1]!]; commit(n); }}>↑</button>
              <button type="button" className="ins-icon danger-quiet" aria-label={`Remove sort ${f.field}`} onClick={() => commit(rows.filter((_, j) => j !== i))}>×</button>
            </li>
          ))}
        </ul>
      )}
      {fields.length > 0 && (
        <button type="button" className="ins-add-small" onClick={() => commit([...rows, { field: fields.find((n) => !rows.some((r) => r.field === n)) ?? fields[0]! }])}>
          + sort field
        </button>
      )}
    </div>
  );
}
