/**
 * Relationship rules: destinations, `through`, the attributes each side must have
 * (Ash's ValidateRelationshipAttributes), the belongs_to primary-key conflict and the key-type
 * warning (ValidateRelationshipAttributesMatch). Attribute checks run only when the destination and
 * `through` resolve, so one mistake gives one diagnostic.
 */
import type { AttributeType, NRelationship, Relationship } from '../model/types';
import { keyPath, relationshipPath, userRelationships, type ResourceInfo, type ValidationContext } from './context';
import type { Diagnostic } from './diagnostic';
import { checkFilter, checkManual, checkSorts } from './rules-expressions';

/**
 * Ash compares storage types (AshPostgres): atom and string are both stored as text, ci_string as
 * citext; everything else is its own storage type.
 */
const STORAGE: Record<AttributeType, string> = {
  uuid: 'uuid', integer: 'integer', string: 'text', ci_string: 'citext', boolean: 'boolean', float: 'float',
  decimal: 'decimal', atom: 'text', date: 'date', utc_datetime: 'utc_datetime', map: 'map',
};
export const compatibleKeyTypes = (a: AttributeType, b: AttributeType): boolean => a === b || STORAGE[a] === STORAGE[b];

interface RelCtx {
  ctx: ValidationContext;
  source: ResourceInfo;
  i: number;
  j: number;
  user: Relationship;
  norm: NRelationship;
}

function report(rc: RelCtx, d: Omit<Diagnostic, 'resource' | 'relationship' | 'severity'> & { severity?: Diagnostic['severity'] }): void {
  rc.ctx.out.push({ severity: 'error', resource: rc.source.norm.name, relationship: rc.norm.name, ...d });
}

const label = (rc: RelCtx): string => `Relationship \`${rc.source.norm.name}.${rc.norm.name}\``;

export function checkRelationships(ctx: ValidationContext): void {
  for (const source of ctx.resources.values()) {
    for (const { j, user, norm } of userRelationships(source.user, source.norm)) {
      checkRelationship({ ctx, source, i: source.index, j, user, norm });
    }
  }
}

function checkRelationship(rc: RelCtx): void {
  const { ctx, norm } = rc;
  if (norm.kind === 'belongs_to' && norm.defineAttribute && norm.primaryKey && norm.allowNil) {
    report(rc, {
      code: 'primary_key_belongs_to_allows_nil', path: keyPath(rc.i, rc.j, rc.user, 'primaryKey'),
      message: `${label(rc)} has \`primaryKey: true\` but allows nil; a primary key cannot be nil, so set \`allowNil: false\` (or drop \`primaryKey\`).`,
    });
  }
  const dest = ctx.resources.get(norm.destination);
  if (!dest) {
    report(rc, {
      code: 'unknown_destination', path: keyPath(rc.i, rc.j, rc.user, 'destination'),
      message: `${label(rc)} has destination \`${norm.destination}\`, which is not a resource of this model; fix the name or add the resource.`,
    });
    return;
  }
  let through: ResourceInfo | undefined;
  if (norm.kind === 'many_to_many') {
    if (norm.through === '') {
      report(rc, {
        code: 'missing_through', path: relationshipPath(rc.i, rc.j),
        message: `${label(rc)} is a many_to_many without \`through\`; set \`through\` to the join resource, or \`joinRelationship\` to an existing has_many of ${rc.source.norm.name}.`,
      });
      return;
    }
    through = ctx.resources.get(norm.through);
    if (!through) {
      report(rc, {
        code: 'unknown_destination', path: keyPath(rc.i, rc.j, rc.user, 'through'),
        message: `${label(rc)} goes through \`${norm.through}\`, which is not a resource of this model; fix the name or add the join resource.`,
      });
      return;
    }
  }
  checkFilter(rc.ctx, rc.source, dest, rc.i, rc.j, norm);
  checkSorts(rc.ctx, rc.source, dest, rc.i, rc.j, rc.user, norm);
  if (norm.kind !== 'belongs_to' && norm.kind !== 'many_to_many' && norm.manual) {
    checkManual(rc.ctx, rc.source, rc.i, rc.j, norm);
  }
  const noAttributes = norm.kind !== 'belongs_to' && norm.kind !== 'many_to_many' && norm.noAttributes;
  if (noAttributes || !norm.validateDestinationAttribute) return;
  checkAttributes(rc, dest, through);
}

function checkAttributes(rc: RelCtx, dest: ResourceInfo, through: ResourceInfo | undefined): void {
  const { norm, source } = rc;
  const src = source.norm.name;
  // A user-defined join relationship is validated on its own; repeating its keys here would double-report.
  const userJoin =
    norm.kind === 'many_to_many' &&
    (source.user.relationships ?? []).some((r) => r.name === norm.joinRelationship);
  const sourceAttr = source.attributes.get(norm.sourceAttribute);
  if (!sourceAttr && !userJoin) {
    const fix =
      norm.kind === 'belongs_to' && !norm.defineAttribute
        ? 'add the attribute or remove `defineAttribute: false`'
        : `add the attribute to ${src} or set \`sourceAttribute\``;
    report(rc, {
      code: 'missing_source_attribute', path: keyPath(rc.i, rc.j, rc.user, 'sourceAttribute'), attribute: norm.sourceAttribute,
      message: `${label(rc)} expects source attribute \`${norm.sourceAttribute}\` on ${src}; ${fix}.`,
    });
  }
  const destAttr = dest.attributes.get(norm.destinationAttribute);
  if (!destAttr) {
    report(rc, {
      code: 'missing_destination_attribute', path: keyPath(rc.i, rc.j, rc.user, 'destinationAttribute'),
      attribute: norm.destinationAttribute,
      message: `${label(rc)} expects destination attribute \`${norm.destinationAttribute}\` on ${dest.norm.name}; add it to ${dest.norm.name} or set \`destinationAttribute\`.`,
    });
  }
  if (norm.kind === 'many_to_many' && through) {
    const keys: Array<[string, string, boolean]> = [
      ['sourceAttributeOnJoinResource', norm.sourceAttributeOnJoinResource, !userJoin],
      ['destinationAttributeOnJoinResource', norm.destinationAttributeOnJoinResource, true],
    ];
    for (const [key, name, check] of keys) {
      if (!check || through.attributes.has(name)) continue;
      report(rc, {
        code: 'missing_join_attribute', path: keyPath(rc.i, rc.j, rc.user, key), attribute: name,
        message: `${label(rc)} expects join attribute \`${name}\` (\`${key}\`) on ${through.norm.name}; add it to ${through.norm.name} or set \`${key}\`.`,
      });
    }
    return; // Ash's type-match verifier ignores many_to_many
  }
  if (sourceAttr && destAttr && !compatibleKeyTypes(sourceAttr.type, destAttr.type)) {
    report(rc, {
      severity: 'warning', code: 'attribute_type_mismatch', path: relationshipPath(rc.i, rc.j),
      message: `${label(rc)} joins \`${src}.${sourceAttr.name}\` (${sourceAttr.type}) to \`${dest.norm.name}.${destAttr.name}\` (${destAttr.type}); the types are incompatible, so keys will never match. Make both the same type${norm.kind === 'belongs_to' ? ' (e.g. set `attributeType`)' : ''}.`,
    });
  }
}
