/**
 * Running actions (docs/actions-and-aggregates.md §2; ash-semantics §5): accepted attributes and
 * arguments, `set_attribute`, `manage_relationship` (belongs_to before the write, every other kind
 * after it), required checks, all inside one transaction: a failing action leaves no rows behind.
 */
import type { DataLayer, StatementLog, StatementSink } from '../datalayers/data-layer';
import { valuesEqual } from '../expr/values';
import type { NAttribute, NBelongsTo, NManyToMany, NRelationship, NResource } from '../model/types';
import type { QueryRequest, Row } from '../query/types';
import type { RelataError, Result } from '../result';
import { err, ok, RelataFailure, relataError } from '../result';
import type { ResourceSchema, Schema } from '../schema/schema';
import { isManual } from '../schema/schema';
import type { NAction, NManageRelationship } from './types';
import { normalizeActions } from './normalize';

export interface ActionRequest {
  resource: string;
  /** Action name (`create`, `new`, `assign`, ...). */
  action: string;
  /** Accepted attributes and arguments by name. */
  input?: Record<string, unknown>;
  /** update/destroy/read: the record's primary key (a value for a single-attribute key, else an object). */
  primaryKey?: unknown;
}

/** One row written by the action (before `null` for an insert, after `null` for a delete). */
export interface RecordChange {
  resource: string;
  before: Row | null;
  after: Row | null;
}

export interface ActionResult {
  /** The record after the action (the destroyed record for destroy; the record read for read). */
  record: Row | null;
  changes: RecordChange[];
  statements: StatementLog[];
}

/** What the engine lends an action run. */
export interface ActionHost {
  schema: Schema;
  layer: DataLayer;
  /** A read through the engine (throws RelataFailure); its statements go to `statements`. */
  read(req: QueryRequest, statements: StatementLog[]): Promise<Row[]>;
}

/** The actions of a resource: its `actions`, or the four defaults when it declares none. */
export function actionsOf(resource: NResource): NAction[] {
  return resource.actions ?? normalizeActions(['create', 'read', 'update', 'destroy']);
}

type Path = Array<string | number>;

class Failure extends RelataFailure {}

function failWith(code: RelataError['code'], message: string, path?: Path, details?: unknown): never {
  throw new Failure(relataError(code, message, { ...(path ? { path } : {}), ...(details !== undefined ? { details } : {}) }));
}

const isObject = (v: unknown): v is Row => v !== null && typeof v === 'object' && !Array.isArray(v);
const isNil = (v: unknown): boolean => v === null || v === undefined;

export async function runAction(host: ActionHost, req: ActionRequest): Promise<Result<ActionResult>> {
  const run = new ActionRun(host);
  try {
    const record = await run.run(req);
    return ok({ record, changes: run.changes, statements: run.statements });
  } catch (e) {
    if (e instanceof RelataFailure) return err(e.error);
    throw e;
  }
}

class ActionRun {
  readonly statements: StatementLog[] = [];
  readonly changes: RecordChange[] = [];
  private readonly sink: StatementSink = { scope: 'action', push: (s) => this.statements.push(s) };

  constructor(private readonly host: ActionHost) {}

  private get schema(): Schema {
    return this.host.schema;
  }

  private resource(name: string): ResourceSchema {
    const r = this.schema.resources.get(name);
    if (!r) failWith('invalid_query', `unknown resource ${JSON.stringify(name)}`, ['resource']);
    return r;
  }

  async run(req: ActionRequest): Promise<Row | null> {
    if (!isObject(req)) failWith('invalid_query', 'an action request must be an object { resource, action, input }');
    const resource = this.resource(req.resource);
    const action = actionsOf(resource.resource).find((a) => a.name === req.action);
    if (!action) {
      failWith('invalid_query', `${resource.name} has no action ${JSON.stringify(req.action)} (it has ${actionsOf(resource.resource).map((a) => a.name).join(', ') || 'none'})`, ['action']);
    }
    const input = req.input ?? {};
    if (!isObject(input)) failWith('invalid_query', 'the action input must be an object of attribute and argument values', ['input']);
    const layer = this.host.layer;

    const writes = action.type === 'create' || action.type === 'update';
    const accept = new Set(
      !writes ? [] : action.accept.includes('*') ? resource.resource.attributes.filter((a) => a.writable).map((a) => a.name) : action.accept,
    );
    const args = new Map(action.arguments.map((a) => [a.name, a]));
    for (const key of Object.keys(input)) {
      if (!accept.has(key) && !args.has(key)) {
        failWith('no_such_attribute', `action ${resource.name}.${action.name} has no input \`${key}\` (accepts ${[...accept, ...args.keys()].join(', ') || 'nothing'})`, [key]);
      }
    }
    const errors: RelataError[] = [];
    const argValues = new Map<string, { value: unknown; supplied: boolean }>();
    for (const a of action.arguments) {
      const supplied = Object.prototype.hasOwnProperty.call(input, a.name) && input[a.name] !== undefined;
      const value = supplied ? input[a.name] : a.default ?? null;
      if (!a.allowNil && isNil(value)) errors.push(relataError('required', `argument ${a.name} is required`, { path: [a.name] }));
      argValues.set(a.name, { value, supplied: supplied || a.default !== undefined });
    }

    let before: Row | null = null;
    if (action.type !== 'create') {
      const key = this.keyFromInput(resource, req.primaryKey);
      before = await this.getByKey(resource, key);
      if (!before) failWith('not_found', `${resource.name} record with ${describeKey(key)} not found`, ['primaryKey']);
      if (action.type === 'read') return before;
    }

    const attrs: Row = {};
    for (const key of Object.keys(input)) if (accept.has(key)) attrs[key] = input[key] ?? null;
    for (const c of action.changes) if (c.kind === 'set_attribute') attrs[c.attribute] = c.value;

    const managed = action.changes.filter((c): c is NManageRelationship => c.kind === 'manage_relationship' && (argValues.get(c.argument)?.supplied ?? false));
    for (const c of managed) {
      const rel = resource.relationships.get(c.relationship);
      if (!rel) failWith('invalid_relationship', `${resource.name} has no relationship ${c.relationship} to manage`, [c.argument]);
      if (isManual(rel) || ((rel.kind === 'has_many' || rel.kind === 'has_one') && rel.noAttributes)) {
        failWith('invalid_relationship', `cannot manage a manual or noAttributes relationship (${resource.name}.${rel.name})`, [c.argument]);
      }
    }
    if (errors.length > 0) throw new Failure({ ...errors[0]!, details: errors });

    layer.begin();
    try {
      for (const c of managed) {
        const rel = resource.relationships.get(c.relationship)!;
        if (rel.kind === 'belongs_to') await this.manageBelongsTo(rel, c, argValues.get(c.argument)!.value, attrs, before);
      }
      let row: Row;
      if (action.type === 'create') {
        row = await this.complete(resource, attrs);
        this.checkRequired(resource, row, [], errors);
        if (errors.length > 0) throw new Failure({ ...errors[0]!, details: errors });
        layer.insertRow(resource, row, this.sink);
        this.changes.push({ resource: resource.name, before: null, after: { ...row } });
      } else if (action.type === 'update') {
        row = { ...before!, ...attrs };
        this.checkRequired(resource, row, [], errors);
        if (errors.length > 0) throw new Failure({ ...errors[0]!, details: errors });
        const changed: Row = {};
        for (const [k, v] of Object.entries(attrs)) if (!valuesEqual(v ?? null, before![k] ?? null) || (v === null) !== (before![k] === null)) changed[k] = v;
        if (Object.keys(changed).length > 0) this.updateRow(resource, before!, changed);
      } else {
        row = before!;
        this.deleteRow(resource, before!);
      }
      for (const c of managed) {
        const rel = resource.relationships.get(c.relationship)!;
        if (rel.kind === 'belongs_to') continue;
        await this.manageMany(resource, rel, c, argValues.get(c.argument)!.value, row, action.type === 'create');
      }
      layer.commit();
      // A layer that queues writes (postgres) runs them now, so a failing statement fails the action.
      await layer.flush?.();
      if (action.type === 'destroy') return before;
      return (await this.getByKey(resource, this.keyOf(resource, row))) ?? row;
    } catch (e) {
      layer.rollback();
      await layer.flush?.().catch(() => undefined);
      throw e;
    }
  }

  // ---- rows ------------------------------------------------------------------------------

  private keyFromInput(resource: ResourceSchema, pk: unknown): Row {
    if (isObject(pk)) {
      const key: Row = {};
      for (const k of resource.pk) {
        if (isNil(pk[k])) failWith('invalid_query', `primaryKey needs \`${k}\``, ['primaryKey']);
        key[k] = pk[k];
      }
      return key;
    }
    if (resource.pk.length !== 1 || isNil(pk)) {
      failWith('invalid_query', `this action needs a primaryKey (${resource.pk.join(', ') || 'the resource has no primary key'})`, ['primaryKey']);
    }
    return { [resource.pk[0]!]: pk };
  }

  private keyOf(resource: ResourceSchema, row: Row): Row {
    const cols = resource.pk.length > 0 ? resource.pk : resource.attributeNames;
    const key: Row = {};
    for (const k of cols) key[k] = row[k] ?? null;
    return key;
  }

  /** Rows of `resource` whose attributes equal `where` (one statement). */
  private async findWhere(resource: ResourceSchema, where: Row): Promise<Row[]> {
    const parts: string[] = [];
    const params: Record<string, unknown> = {};
    Object.entries(where).forEach(([k, v], i) => {
      if (isNil(v)) parts.push(`is_nil(${k})`);
      else {
        parts.push(`${k} == ^p${i}`);
        params[`p${i}`] = v;
      }
    });
    return this.host.read({ resource: resource.name, filter: parts.length > 0 ? parts.join(' and ') : 'true', params }, this.statements);
  }

  private async getByKey(resource: ResourceSchema, key: Row): Promise<Row | null> {
    return (await this.findWhere(resource, key))[0] ?? null;
  }

  /** Every attribute: given, else `default`, else `generated`, else nil. */
  private async complete(resource: ResourceSchema, values: Row): Promise<Row> {
    const row: Row = {};
    for (const a of resource.resource.attributes) {
      const v = values[a.name];
      row[a.name] = v !== undefined ? v : await this.absent(resource, a);
    }
    return row;
  }

  private async absent(resource: ResourceSchema, a: NAttribute): Promise<unknown> {
    if (a.default !== undefined) return a.default;
    switch (a.generated) {
      case 'uuid':
        return uuid();
      case 'now':
        return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
      case 'increment': {
        const top = await this.host.read(
          { resource: resource.name, sort: [{ field: a.name, order: 'desc_nils_last' }], limit: 1, select: [a.name] },
          this.statements,
        );
        const max = top[0]?.[a.name];
        return (typeof max === 'number' ? max : 0) + 1;
      }
      default:
        return null;
    }
  }

  private checkRequired(resource: ResourceSchema, row: Row, path: Path, errors: RelataError[]): void {
    const fkOfRequired = new Map<string, NBelongsTo>();
    for (const rel of resource.relationships.values()) {
      if (rel.kind !== 'belongs_to') continue;
      if (!rel.allowNil) fkOfRequired.set(rel.sourceAttribute, rel);
    }
    for (const a of resource.resource.attributes) {
      if (!isNil(row[a.name])) continue;
      const rel = fkOfRequired.get(a.name);
      // Top level: the path is the field; nested records (manage_relationship): the input path [argument, index].
      const field = rel ? rel.name : a.name;
      const at = path.length > 0 ? path : [field];
      const where = path.length > 0 ? ` (${resource.name} input at ${path.join('.')})` : '';
      if (rel) errors.push(relataError('required', `relationship ${rel.name} is required${where}`, { path: at, details: { field } }));
      else if (!a.allowNil) errors.push(relataError('required', `attribute ${a.name} is required${where}`, { path: at, details: { field } }));
    }
  }

  private async insert(resource: ResourceSchema, values: Row, path: Path): Promise<Row> {
    const row = await this.complete(resource, values);
    const errors: RelataError[] = [];
    this.checkRequired(resource, row, path, errors);
    if (errors.length > 0) throw new Failure({ ...errors[0]!, details: errors });
    this.host.layer.insertRow(resource, row, this.sink);
    this.changes.push({ resource: resource.name, before: null, after: { ...row } });
    return row;
  }

  private updateRow(resource: ResourceSchema, before: Row, values: Row, path?: Path): Row {
    const after = { ...before, ...values };
    if (path) {
      const errors: RelataError[] = [];
      this.checkRequired(resource, after, path, errors);
      if (errors.length > 0) throw new Failure({ ...errors[0]!, details: errors });
    }
    this.host.layer.updateRow(resource, this.keyOf(resource, before), values, this.sink);
    this.changes.push({ resource: resource.name, before: { ...before }, after });
    return after;
  }

  private deleteRow(resource: ResourceSchema, before: Row): void {
    this.host.layer.deleteRow(resource, this.keyOf(resource, before), this.sink);
    this.changes.push({ resource: resource.name, before: { ...before }, after: null });
  }

  // ---- manage_relationship ---------------------------------------------------------------

  /** Input as a list of maps (ash-semantics §5.1 input normalisation). */
  private inputs(rel: NRelationship, dest: ResourceSchema, c: NManageRelationship, value: unknown): Row[] {
    let v = value === '' ? null : value;
    const many = rel.kind === 'has_many' || rel.kind === 'many_to_many';
    let list: unknown[];
    if (many) list = isNil(v) ? [] : Array.isArray(v) ? v : [v];
    else {
      if (Array.isArray(v)) {
        if (v.length > 1) failWith('invalid_relationship', `cannot manage a ${rel.kind} relationship with a list of records`, [c.argument]);
        v = v[0] ?? null;
      }
      list = isNil(v) ? [] : [v];
    }
    return list.map((x, i) => {
      if (c.valueIsKey !== undefined) return { [c.valueIsKey]: x };
      if (isObject(x)) return x;
      if (dest.pk.length === 1) return { [dest.pk[0]!]: x };
      return failWith('invalid_relationship', `input for ${rel.name} must be a map (the destination has a composite primary key)`, [c.argument, i]);
    });
  }

  /** The key fields an input can be matched / looked up with (the destination's primary key), or null. */
  private keyOfInput(dest: ResourceSchema, input: Row): Row | null {
    if (dest.pk.length === 0) return null;
    const key: Row = {};
    for (const k of dest.pk) {
      if (isNil(input[k])) return null;
      key[k] = input[k];
    }
    return key;
  }

  private matches(dest: ResourceSchema, input: Row, record: Row): boolean {
    const key = this.keyOfInput(dest, input);
    return key !== null && Object.entries(key).every(([k, v]) => valuesEqual(v, record[k] ?? null));
  }

  /** Input keys that are attributes of `dest` (unknown keys are skipped, as Ash skips non-accepted ones). */
  private attributesOf(dest: ResourceSchema, input: Row, withoutPk: boolean): Row {
    const out: Row = {};
    for (const [k, v] of Object.entries(input)) {
      if (!dest.attributes.has(k) || v === undefined) continue;
      if (withoutPk && dest.pk.includes(k)) continue;
      out[k] = v;
    }
    return out;
  }

  private async lookup(dest: ResourceSchema, input: Row): Promise<Row | null> {
    const key = this.keyOfInput(dest, input);
    return key ? this.getByKey(dest, key) : null;
  }

  private notFound(dest: ResourceSchema, input: Row, path: Path): never {
    const key = this.keyOfInput(dest, input) ?? input;
    return failWith('not_found', `record with ${describeKey(key)} not found`, path);
  }

  private noMatchError(c: NManageRelationship, dest: ResourceSchema, input: Row, path: Path): never {
    if (c.onLookup !== 'ignore' || !['ignore', 'error', 'no_match', 'missing'].includes(c.onMatch)) this.notFound(dest, input, path);
    return failWith('invalid_relationship', `Invalid value provided for ${c.argument}: changes would create a new related record.`, path);
  }

  /** belongs_to: runs before the main write and sets the foreign key in `attrs`. */
  private async manageBelongsTo(rel: NBelongsTo, c: NManageRelationship, value: unknown, attrs: Row, before: Row | null): Promise<void> {
    const dest = this.resource(rel.destination);
    const inputs = this.inputs(rel, dest, c, value);
    const fk = rel.sourceAttribute;
    const currentKey = fk in attrs ? attrs[fk] : before?.[fk];
    const current = before && !isNil(currentKey) ? (await this.findWhere(dest, { [rel.destinationAttribute]: currentKey }))[0] ?? null : null;
    const path: Path = [c.argument, 0];
    const onMissing = async (missing: Row): Promise<void> => {
      if (c.onMissing === 'error') failWith('invalid_relationship', `Invalid value provided for ${c.argument}: changes would destroy a record.`, [c.argument]);
      if (c.onMissing === 'unrelate' || c.onMissing === 'destroy') attrs[fk] = null;
      if (c.onMissing === 'destroy') this.deleteRow(dest, missing);
    };
    if (inputs.length === 0) {
      if (c.onMissing !== 'ignore') {
        attrs[fk] = null;
        if (current && c.onMissing === 'destroy') this.deleteRow(dest, current);
        if (current && c.onMissing === 'error') await onMissing(current);
      }
      return;
    }
    const input = inputs[0]!;
    if (current && this.matches(dest, input, current) && c.onMatch !== 'no_match') {
      switch (c.onMatch) {
        case 'ignore':
          return;
        case 'update':
          this.updateRow(dest, current, this.attributesOf(dest, input, true), path);
          return;
        case 'unrelate':
          attrs[fk] = null;
          return;
        case 'destroy':
          attrs[fk] = null;
          this.deleteRow(dest, current);
          return;
        case 'error':
          failWith('invalid_relationship', `Invalid value provided for ${c.argument}: changes would update a record.`, path);
          break;
        case 'missing':
          await onMissing(current);
          return;
      }
    }
    if (current && !this.matches(dest, input, current)) await onMissing(current);
    if (c.onLookup !== 'ignore') {
      const found = await this.lookup(dest, input);
      if (found) {
        attrs[fk] = found[rel.destinationAttribute] ?? null;
        if (c.onLookup === 'relate_and_update') this.updateRow(dest, found, this.attributesOf(dest, input, true), path);
        return;
      }
    }
    switch (c.onNoMatch) {
      case 'create': {
        const created = await this.insert(dest, this.attributesOf(dest, input, false), path);
        attrs[fk] = created[rel.destinationAttribute] ?? null;
        return;
      }
      case 'error':
        this.noMatchError(c, dest, input, path);
        break;
      default:
        return;
    }
  }

  /** has_many, has_one and many_to_many: after the main write. */
  private async manageMany(source: ResourceSchema, rel: NRelationship, c: NManageRelationship, value: unknown, row: Row, creating: boolean): Promise<void> {
    const dest = this.resource(rel.destination);
    const inputs = this.inputs(rel, dest, c, value);
    const m2m = rel.kind === 'many_to_many' ? rel : null;
    const through = m2m ? this.resource(m2m.through) : null;
    let current: Row[] = [];
    let joins: Row[] = [];
    if (!creating) {
      const load: Record<string, object> = { [rel.name]: {} };
      if (m2m) load[m2m.joinRelationship] = {};
      const [loaded] = await this.host.read(
        { resource: source.name, filter: Object.keys(this.keyOf(source, row)).map((k, i) => `${k} == ^k${i}`).join(' and '), params: Object.fromEntries(Object.entries(this.keyOf(source, row)).map(([, v], i) => [`k${i}`, v])), load },
        this.statements,
      );
      const v = loaded?.[rel.name];
      current = Array.isArray(v) ? (v as Row[]) : v ? [v as Row] : [];
      if (m2m) joins = (loaded?.[m2m.joinRelationship] as Row[] | undefined) ?? [];
    }
    const sourceKey = row[rel.sourceAttribute] ?? null;

    const relate = async (target: Row, path: Path): Promise<void> => {
      if (m2m && through) {
        await this.insert(through, { [m2m.sourceAttributeOnJoinResource]: sourceKey, [m2m.destinationAttributeOnJoinResource]: target[m2m.destinationAttribute] ?? null }, path);
      } else if (!valuesEqual(target[rel.destinationAttribute] ?? null, sourceKey) || isNil(target[rel.destinationAttribute])) {
        this.updateRow(dest, target, { [rel.destinationAttribute]: sourceKey }, path);
      }
    };
    const unrelate = (target: Row, path: Path): void => {
      if (m2m && through) {
        for (const j of this.joinRowsOf(m2m, joins, target)) this.deleteRow(through, j);
      } else {
        this.updateRow(dest, target, { [rel.destinationAttribute]: null }, path);
      }
    };
    const destroy = (target: Row): void => {
      if (m2m && through) for (const j of this.joinRowsOf(m2m, joins, target)) this.deleteRow(through, j);
      this.deleteRow(dest, target);
    };
    const applyMissing = (target: Row): void => {
      switch (c.onMissing) {
        case 'ignore':
          return;
        case 'unrelate':
          unrelate(target, [c.argument]);
          return;
        case 'destroy':
          destroy(target);
          return;
        case 'error':
          failWith('invalid_relationship', `Invalid value provided for ${c.argument}: changes would destroy a record.`, [c.argument]);
      }
    };

    // on_missing first, against the current records no input matches (ash-semantics §5.4.3).
    const missing = current.filter((r) => !inputs.some((i) => this.matches(dest, i, r)));
    for (const r of missing) applyMissing(r);

    for (let i = 0; i < inputs.length; i++) {
      const input = inputs[i]!;
      const path: Path = [c.argument, i];
      const match = current.find((r) => this.matches(dest, input, r));
      if (match && c.onMatch !== 'no_match') {
        switch (c.onMatch) {
          case 'ignore':
            continue;
          case 'update':
            this.updateRow(dest, match, this.attributesOf(dest, input, true), path);
            continue;
          case 'unrelate':
            unrelate(match, path);
            continue;
          case 'destroy':
            destroy(match);
            continue;
          case 'error':
            failWith('invalid_relationship', `Invalid value provided for ${c.argument}: changes would update a record.`, path);
            break;
          case 'missing':
            applyMissing(match);
            continue;
        }
      }
      if (c.onLookup !== 'ignore') {
        const found = await this.lookup(dest, input);
        if (found) {
          const target = c.onLookup === 'relate_and_update' && !m2m ? { ...found, ...this.attributesOf(dest, input, true) } : found;
          if (c.onLookup === 'relate_and_update') {
            const values = this.attributesOf(dest, input, true);
            if (m2m) this.updateRow(dest, found, values, path);
            else {
              this.updateRow(dest, found, { ...values, [rel.destinationAttribute]: sourceKey }, path);
              continue;
            }
          }
          await relate(target, path);
          continue;
        }
      }
      switch (c.onNoMatch) {
        case 'create': {
          const values = this.attributesOf(dest, input, false);
          if (m2m) {
            const created = await this.insert(dest, values, path);
            await relate(created, path);
          } else {
            await this.insert(dest, { ...values, [rel.destinationAttribute]: sourceKey }, path);
          }
          continue;
        }
        case 'error':
          this.noMatchError(c, dest, input, path);
          break;
        default:
          continue;
      }
    }
  }

  private joinRowsOf(m2m: NManyToMany, joins: Row[], target: Row): Row[] {
    const key = target[m2m.destinationAttribute] ?? null;
    return joins.filter((j) => !isNil(key) && valuesEqual(j[m2m.destinationAttributeOnJoinResource] ?? null, key));
  }
}

function describeKey(key: Row): string {
  return Object.entries(key).map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join(', ');
}

function uuid(): string {
  const c = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  if (c?.randomUUID) return c.randomUUID();
  const hex = (n: number): string => Array.from({ length: n }, () => Math.floor(Math.random() * 16).toString(16)).join('');
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[Math.floor(Math.random() * 4)]}${hex(3)}-${hex(12)}`;
}
