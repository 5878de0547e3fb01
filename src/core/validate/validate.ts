/**
 * Definition-time validation of a model (spec §1, §6; Ash's transformers and verifiers). Pure and
 * synchronous so it can run after every edit; `validateModelAsync` adds the checks that need the
 * manual-code sandbox.
 */
import type { ManualRunner } from '../manual/contract';
import { normalizeModel } from '../model/normalize';
import { checkModelShape } from '../model/shape';
import type { Model, NormalizedModel } from '../model/types';
import { createContext, relationshipPath, userRelationships } from './context';
import type { Diagnostic } from './diagnostic';
import { checkExportRules } from './rules-export';
import { checkNames } from './rules-names';
import { checkRelationships } from './rules-relationships';
import { manualMessage } from './rules-expressions';
import { checkActionsAndAggregates } from '../actions/validate';

function resourceNameAt(model: unknown, path: Array<string | number>): string | undefined {
  if (path[0] !== 'resources' || typeof path[1] !== 'number') return undefined;
  const resources = (model as { resources?: unknown }).resources;
  const r: unknown = Array.isArray(resources) ? resources[path[1]] : undefined;
  const name = typeof r === 'object' && r !== null ? (r as { name?: unknown }).name : undefined;
  return typeof name === 'string' ? name : undefined;
}

/**
 * Every diagnostic of `model`. A structurally broken model gets only its `invalid_model` findings.
 * `normalized` is `normalizeModel(model)` when the caller already has it (the editor re-checks
 * after every edit and needs both).
 */
export function validateModel(model: Model, normalized?: NormalizedModel): Diagnostic[] {
  const shape = checkModelShape(model);
  if (shape.length > 0) {
    return shape.map((p) => {
      const resource = resourceNameAt(model, p.path);
      return { severity: 'error', code: 'invalid_model', ...(resource ? { resource } : {}), path: p.path, message: p.message };
    });
  }
  const ctx = createContext(model, normalized ?? normalizeModel(model));
  checkNames(ctx);
  checkRelationships(ctx);
  checkActionsAndAggregates(ctx);
  checkExportRules(ctx);
  return ctx.out;
}

/**
 * `validateModel` plus a sandboxed evaluation of each manual module that passed the static check
 * (evaluation errors, `load` not a function).
 */
export async function validateModelAsync(model: Model, runner?: ManualRunner): Promise<Diagnostic[]> {
  const diagnostics = validateModel(model);
  if (!runner || diagnostics.some((d) => d.code === 'invalid_model')) return diagnostics;
  const failed = new Set(diagnostics.filter((d) => d.code === 'manual_code_error').map((d) => JSON.stringify(d.path.slice(0, 4))));
  const ctx = createContext(model, normalizeModel(model));
  const pending: Array<Promise<Diagnostic | undefined>> = [];
  for (const source of ctx.resources.values()) {
    for (const { j, norm } of userRelationships(source.user, source.norm)) {
      if ((norm.kind !== 'has_one' && norm.kind !== 'has_many') || !norm.manual) continue;
      const path = relationshipPath(source.index, j);
      if (failed.has(JSON.stringify(path))) continue;
      const code = norm.manual.source;
      pending.push(
        runner.check(code).then(
          (check) => (check.ok ? undefined : toDiagnostic(check)),
          (e: unknown) => toDiagnostic({ ok: false, message: `the sandbox failed: ${String(e)}` }),
        ),
      );
      function toDiagnostic(check: Parameters<typeof manualMessage>[2]): Diagnostic {
        return {
          severity: 'error', code: 'manual_code_error', resource: source.norm.name, relationship: norm.name,
          path: [...path, 'manual', 'source'], message: manualMessage(source, norm, check),
        };
      }
    }
  }
  const extra = await Promise.all(pending);
  return [...diagnostics, ...extra.filter((d): d is Diagnostic => d !== undefined)];
}
