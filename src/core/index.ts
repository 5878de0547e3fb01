/**
 * Relata core: the one public API. Pure TypeScript (no DOM, no React, no sql.js import), so it runs
 * the same in the browser's engine worker, in Node (CLI, tests, benchmarks) and on both data layers.
 * Explicit named exports only.
 */
// Aggregates register with the binder, evaluator and SQL compiler (no import cycles, see no-cycles.test.ts).
import './aggregates/register';
export type { Result, Ok, Err, RelataError, ErrorCode, Span } from './result';
export { ok, err, relataError } from './result';

export type {
  Model, Resource, Attribute, AttributeType, Relationship, RelationshipKind, BelongsTo, HasOne, HasMany, ManyToMany,
  ManualSource, Sort, SortField, SortOrder, JsonValue, AttributeConstraints, Data,
  NormalizedModel, NResource, NAttribute, NRelationship, NBelongsTo, NHasOne, NHasMany, NManyToMany,
} from './model/types';
export { MODEL_FORMAT, ATTRIBUTE_TYPES, RELATIONSHIP_KINDS } from './model/types';
export type { Diagnostic, DiagnosticCode, Severity } from './validate/diagnostic';
export type { DocumentOp, RelataDocument, Layout, LayoutRoute } from './model/ops';

export type { Expr, BinaryOp, FunctionName } from './expr/ast';
export type { ParseError } from './expr/parser';
export { parseExpression } from './expr/parser';

export type { QueryRequest, LoadRequest, Row } from './query/types';
export type { ManualRunner, ManualHost, ManualCall, ManualOutcome, ModuleCheck } from './manual/contract';
export { snake } from './model/snake';
export { normalizeModel } from './model/normalize';
export { resolveExpression } from './expr/resolve';
export { checkManualModuleStatic } from './manual/static-check';
export { TEMPLATES, getTemplate, isTemplateName, type Template, type TemplateName } from './templates/index';
export { applyOps } from './model/ops';
export {
  adoptIds, adoptResourceIds, assignDocumentIds, assignIds, counterIds, entityKey, hasIds, idsOf, randomId,
  opsWithIds, relationshipKey, resourceByKey, resourceByName, resourceKeyOf, resourceWithIds, stripIds,
} from './model/ids';
export type { IdKind, IdSource } from './model/ids';
export { followRenames, renameInExpression } from './model/rename';
export type { FollowThrough } from './model/rename';
export { validateModel } from './validate/validate';
export { moduleForNewModel } from './validate/rules-export';
export { parseModel, parseModelText } from './model/parse';

// Engine: loads and queries on either data layer.
export { createEngine } from './engine/engine';
export type { Engine, EngineOptions, DataLayerOption, ReadResult, ReadOptions, Warning } from './engine/engine';
export type { StatementLog, DataLayer, DataReader, DataWriter, LayerFactory } from './datalayers/data-layer';
export { sqliteLayer } from './datalayers/sqlite/sqlite-layer';
export { memoryLayer } from './datalayers/memory/memory-layer';
export type { SqlDatabase, SqlStatement, SqlValue } from './datalayers/sqlite/database';
export { sqliteSchemaStatements, quoteIdent } from './datalayers/sqlite/ddl';
export { Query, QueryBuildError } from './query/builder';
export type { UnsetKey } from './query/builder';
export { printExpression } from './expr/print';
export { validateModelAsync } from './validate/validate';
export { applyOp } from './model/ops';
export { SQL_SUBQUERY_PARENT, SQL_SUBQUERY_DESTINATION } from './manual/contract';
export { runCase, compareRecords } from './conformance/case-runner';
export type { ConformanceCase, CaseEnvironment, StepFailure, LayerKind } from './conformance/case-runner';

// Live previews: sample data, checks of data against the model, data migration across edits,
// and a preview request as Ash / TypeScript code.
export { generateData } from './sample/generate';
export type { GenerateOptions, GenerateProgress, GenerateOutcome } from './sample/generate';
export { checkData, checkRow, checkValue, createRowChecker } from './checks/data-checks';
export type { DataWarning, DataWarningCode, FieldProblem } from './checks/data-checks';
export { migrateData, convertValue } from './data/migrate';
export type { Migration, MigrationChange, MigrationHints } from './data/migrate';
export { migrateDataByOps, planEdits, renamesOfOp, sameStorage } from './data/edit-migration';
export type { OpStep } from './data/edit-migration';
export { SqliteRowStore } from './datalayers/sqlite/row-store';
export { toAshQueryCode, toTypeScriptQueryCode } from './codegen/query-code';

// Exports and imports
export { toTypeScript, toTypeScriptResource } from './export/typescript';
export type { TypeScriptExportOptions } from './export/typescript';
export { toSql } from './export/sql';
export type { SqlDialect, SqlExportOptions } from './export/sql';
export { toElixir, toElixirResource, toElixirSource } from './export/elixir';
export type { ElixirExportOptions, ElixirFile } from './export/elixir';
export { toMermaid } from './export/mermaid';
export { exportModel, EXPORT_FORMATS } from './export/index';
export type { ExportFormat, ExportedFile } from './export/index';
export { defineModel } from './export/define';
export { fromSqlDdl, sqlDialectOf } from './import/sql-ddl';
export type { SqlImportOptions } from './import/sql-ddl';
export { fromElixir, fromElixirFiles } from './import/elixir';
export { elixirParserReady, loadElixirParser } from './import/elixir-tree';
export type { ElixirWasm } from './import/elixir-tree';
export { fromTypeScript, resourceFromTypeScript } from './import/typescript';
export { importFiles, importModelText } from './import/index';
export type { ImportFormat } from './import/index';
export type { ImportError, ImportProblem, ImportSuggestion, ImportOutcome, ImportResult, SourceFile } from './import/errors';
export { toShareFragment, fromShareFragment } from './share/share-link';

// Actions and aggregates (docs/actions-and-aggregates.md): the optional `actions` and `aggregates`
// keys of a resource, `engine.runAction(...)` on both data layers, aggregates in loads
// (`aggregates: [...]` on a query or nested load), filters and root sorts, and the case runner's
// `op: "action"` step.
export type {
  ActionType, ActionDef, ActionEntry, ArgumentDef, ChangeDef, SetAttributeChange, ManageRelationshipChange, ManageType,
  OnLookup, OnNoMatch, OnMatch, OnMissing, NAction, NArgument, NChange, NManageRelationship,
} from './actions/types';
export { ACTION_TYPES, MANAGE_TYPES, ON_LOOKUP, ON_NO_MATCH, ON_MATCH, ON_MISSING } from './actions/types';
export { normalizeActions, MANAGE_DEFAULTS } from './actions/normalize';
export { actionsOf } from './actions/run';
export type { ActionRequest, ActionResult, RecordChange } from './actions/run';
export type { AggregateKind, AggregateDef, NAggregate } from './aggregates/types';
export { AGGREGATE_KINDS } from './aggregates/types';
export { normalizeAggregates } from './aggregates/normalize';
export type { AggregateRead } from './datalayers/data-layer';
