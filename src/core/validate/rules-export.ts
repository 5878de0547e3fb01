/**
 * Rules for what the exports need (docs/export.md): a module name Elixir accepts for the model and
 * each resource, and belongs_to keys a database can declare as foreign keys (the destination column
 * unique; both columns of one type in PostgreSQL). Warnings: the model still works in Relata, but an
 * export leaves the foreign key out (as a comment) or writes an Elixir module Elixir rejects.
 */
import { pgAttributeType, pgTypeFamily } from '../export/sql-names';
import { keyPath, relationshipPath, resourcePath, userRelationships, type ValidationContext } from './context';
import { compatibleKeyTypes } from './rules-relationships';

/** An Elixir alias: `MyApp`, `MyApp.Blog.Post`. */
export const MODULE_NAME = /^[A-Z][A-Za-z0-9_]*(\.[A-Z][A-Za-z0-9_]*)*$/;

export function checkExportRules(ctx: ValidationContext): void {
  checkModules(ctx);
  checkForeignKeys(ctx);
}

function checkModules(ctx: ValidationContext): void {
  const { model, normalized } = ctx;
  if (!MODULE_NAME.test(normalized.module)) {
    const explicit = model.module !== undefined;
    ctx.out.push({
      severity: 'warning', code: 'invalid_module_name', path: [explicit ? 'module' : 'name'],
      message: `The model's module ${explicit ? '' : '(taken from its name) '}\`${normalized.module}\` is not an Elixir module name; set \`module\` to an alias such as \`MyApp.${suggest(normalized.name)}\` (the Ash export needs it).`,
    });
  }
  normalized.resources.forEach((r, i) => {
    const user = model.resources[i];
    // A module derived from a bad model module or a bad resource name is covered by that diagnostic.
    const derived = user?.module === undefined;
    if (!user || MODULE_NAME.test(r.module) || (derived && (!MODULE_NAME.test(normalized.module) || !/^[A-Z][A-Za-z0-9]*$/.test(r.name)))) return;
    ctx.out.push({
      severity: 'warning', code: 'invalid_module_name', resource: r.name,
      path: [...resourcePath(i), user.module !== undefined ? 'module' : 'name'],
      message: `Resource ${r.name} has module \`${r.module}\`, which is not an Elixir module name; use an alias such as \`${normalized.module}.${suggest(r.name)}\`.`,
    });
  });
}

/** `untitled model` → `UntitledModel`: a PascalCase alias segment for a free-text name. */
export function suggest(name: string): string {
  const words = name.normalize('NFKD').replace(/[^A-Za-z0-9]+/g, ' ').trim().split(' ').filter((w) => w !== '');
  const pascal = words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
  if (pascal === '') return 'Untitled';
  return /^[0-9]/.test(pascal) ? `M${pascal}` : pascal;
}

/** The module a new model gets: `MyApp.<its name in PascalCase>` (the display name stays free text). */
export function moduleForNewModel(name: string): string {
  return `MyApp.${suggest(name)}`;
}

function checkForeignKeys(ctx: ValidationContext): void {
  for (const source of ctx.resources.values()) {
    for (const { j, user, norm } of userRelationships(source.user, source.norm)) {
      if (norm.kind !== 'belongs_to' || !norm.validateDestinationAttribute) continue;
      const dest = ctx.resources.get(norm.destination);
      const from = source.attributes.get(norm.sourceAttribute);
      const to = dest?.attributes.get(norm.destinationAttribute);
      if (!dest || !from || !to) continue; // reported by the relationship rules
      const label = `Relationship \`${source.norm.name}.${norm.name}\``;
      const pk = dest.norm.attributes.filter((a) => a.primaryKey).map((a) => a.name);
      const unique = (pk.length === 1 && pk[0] === to.name) || (dest.norm.identities ?? []).some((id) => id.keys.length === 1 && id.keys[0] === to.name);
      if (!unique) {
        ctx.out.push({
          severity: 'warning', code: 'foreign_key_not_unique', resource: source.norm.name, relationship: norm.name,
          path: keyPath(source.index, j, user, 'destinationAttribute'),
          message: `${label} points at \`${dest.norm.name}.${to.name}\`, which is not unique (not the primary key nor a one-attribute identity), so SQL exports cannot declare it as a foreign key; add an identity on \`${to.name}\` or point at the primary key.`,
        });
        continue;
      }
      if (!compatibleKeyTypes(from.type, to.type)) continue; // attribute_type_mismatch says it
      const a = pgAttributeType(from);
      const b = pgAttributeType(to);
      if (pgTypeFamily(a) !== pgTypeFamily(b)) {
        ctx.out.push({
          severity: 'warning', code: 'foreign_key_type_mismatch', resource: source.norm.name, relationship: norm.name,
          path: relationshipPath(source.index, j),
          message: `${label} joins a PostgreSQL \`${a}\` column (\`${source.norm.name}.${from.name}\`) to a \`${b}\` column (\`${dest.norm.name}.${to.name}\`); PostgreSQL cannot declare that foreign key, so the export leaves it out. Give both the same \`sqlType\`.`,
        });
      }
    }
  }
}
