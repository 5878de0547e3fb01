import type { LoadRequest, NormalizedModel } from '../../core/index';
import { ExpressionEditor } from '../editors/ExpressionEditor';
import { parseSortText, printSort } from '../inspector/sort-text';
import { getLoad, updateLoad, type LoadPath } from './request-tree';

const MAX_DEPTH = 5;

interface LevelProps {
  model: NormalizedModel;
  root: LoadRequest;
  path: LoadPath;
  /** The resource whose relationships this level offers. */
  resource: string;
  /** Resources of the enclosing levels, nearest first (what `parent(...)` reads). */
  parents: string[];
  onChange(next: LoadRequest): void;
}

/**
 * The calculations, aggregates and relationships of one level, each with a checkbox; a loaded
 * relationship shows its own filter, sort, limit, aggregates and loads. Ticked calculations and
 * aggregates become fields of the records.
 */
export function LoadTree({ model, root, path, resource, parents, onChange }: LevelProps) {
  const res = model.resources.find((r) => r.name === resource);
  if (!res || path.length >= MAX_DEPTH) return null;
  const level = getLoad(root, path) ?? {};
  const aggregates = res.aggregates ?? [];
  const chosen = new Set(level.aggregates ?? []);
  const toggleAggregate = (name: string, on: boolean) =>
    onChange(updateLoad(root, path, (l) => {
      const next = (res.aggregates ?? []).map((g) => g.name).filter((n) => (n === name ? on : chosen.has(n)));
      return { ...l, aggregates: next.length > 0 ? next : undefined };
    }));
  const calculations = res.calculations ?? [];
  const chosenCalcs = new Set(level.calculations ?? []);
  const toggleCalculation = (name: string, on: boolean) =>
    onChange(updateLoad(root, path, (l) => {
      const next = calculations.map((c) => c.name).filter((n) => (n === name ? on : chosenCalcs.has(n)));
      return { ...l, calculations: next.length > 0 ? next : undefined };
    }));
  return (
    <>
    {calculations.length > 0 && (
      <ul className="load-aggregates" aria-label={path.length === 0 ? 'Calculations' : `Calculations under ${path.join('.')}`}>
        {calculations.map((c) => {
          const id = [...path, c.name].join('.');
          return (
            <li key={c.name}>
              <label className="load-toggle" title={c.expression || c.ashSource}>
                <input type="checkbox" aria-label={`Calculation ${id}`} checked={chosenCalcs.has(c.name)} onChange={(e) => toggleCalculation(c.name, e.target.checked)} />
                <span className="mono">{c.name}</span>
                <span className="muted"> ƒ {c.type}{c.expression ? ` = ${c.expression}` : ' (Ash source only: not evaluated)'}</span>
              </label>
            </li>
          );
        })}
      </ul>
    )}
    {aggregates.length > 0 && (
      <ul className="load-aggregates" aria-label={path.length === 0 ? 'Aggregates' : `Aggregates under ${path.join('.')}`}>
        {aggregates.map((g) => {
          const id = [...path, g.name].join('.');
          return (
            <li key={g.name}>
              <label className="load-toggle">
                <input type="checkbox" aria-label={`Aggregate ${id}`} checked={chosen.has(g.name)} onChange={(e) => toggleAggregate(g.name, e.target.checked)} />
                <span className="mono">{g.name}</span>
                <span className="muted"> {g.kind} {g.path.join('.')}{g.field ? `.${g.field}` : ''}{g.filter ? ` where ${g.filter}` : ''}</span>
              </label>
            </li>
          );
        })}
      </ul>
    )}
    <ul className="load-tree" aria-label={path.length === 0 ? 'Loads' : `Loads under ${path.join('.')}`}>
      {res.relationships.map((rel) => {
        const childPath = [...path, rel.name];
        const loaded = level.load?.[rel.name];
        const id = childPath.join('.');
        return (
          <li key={rel.name} className="load-item">
            <label className="load-toggle">
              <input
                type="checkbox"
                aria-label={`Load ${id}`}
                checked={loaded !== undefined}
                onChange={(e) => onChange(updateLoad(root, childPath, () => (e.target.checked ? {} : undefined)))}
              />
              <span className="mono">{rel.name}</span>
              <span className="muted"> {rel.kind} → {rel.destination}{'manual' in rel && rel.manual ? ' (manual)' : ''}</span>
            </label>
            {loaded !== undefined && (
              <div className="load-level">
                <LevelFields
                  model={model}
                  id={id}
                  level={loaded}
                  resource={rel.destination}
                  parents={[resource, ...parents]}
                  onChange={(next) => onChange(updateLoad(root, childPath, () => next))}
                />
                <LoadTree model={model} root={root} path={childPath} resource={rel.destination} parents={[resource, ...parents]} onChange={onChange} />
              </div>
            )}
          </li>
        );
      })}
    </ul>
    </>
  );
}

interface FieldsProps {
  model: NormalizedModel;
  /** Accessible-name prefix: `Ticket` for the root, the load path below it. */
  id: string;
  level: LoadRequest;
  resource: string;
  parents: string[];
  onChange(next: LoadRequest): void;
}

const num = (v: string): number | undefined => (v.trim() === '' || !Number.isFinite(Number(v)) ? undefined : Math.max(0, Math.floor(Number(v))));

/** Filter, sort, limit and offset of one level (the root adds select/strict/params itself). */
export function LevelFields({ model, id, level, resource, parents, onChange }: FieldsProps) {
  const sortText = printSort(level.sort);
  const sortParse = parseSortText(sortText);
  return (
    <div className="level-fields">
      <div className="field wide">
        <span className="field-label">Filter</span>
        <ExpressionEditor
          key={`${id}:${resource}`}
          label={`${id} filter`}
          value={level.filter ?? ''}
          scope={{ model, resource, parents }}
          placeholder="e.g. priority > 3"
          onCommit={(filter) => onChange({ ...level, filter: filter.trim() === '' ? undefined : filter })}
        />
      </div>
      <label className="field">
        <span className="field-label">Sort</span>
        <input
          key={sortText}
          aria-label={`${id} sort`}
          className="mono"
          defaultValue={sortText}
          placeholder="priority desc, id"
          onBlur={(e) => {
            const r = parseSortText(e.target.value);
            if (r.ok) onChange({ ...level, sort: r.sort.length ? r.sort : undefined });
          }}
          onKeyDown={(e) => e.key === 'Enter' && (e.target as HTMLInputElement).blur()}
        />
        {!sortParse.ok && <span className="field-error">{sortParse.message}</span>}
      </label>
      <label className="field small">
        <span className="field-label">Limit</span>
        <input aria-label={`${id} limit`} type="number" min={0} value={level.limit ?? ''} onChange={(e) => onChange({ ...level, limit: num(e.target.value) })} />
      </label>
      <label className="field small">
        <span className="field-label">Offset</span>
        <input aria-label={`${id} offset`} type="number" min={0} value={level.offset ?? ''} onChange={(e) => onChange({ ...level, offset: num(e.target.value) })} />
      </label>
    </div>
  );
}
