import type { ActionRequest, ActionResult, Model, QueryRequest, RelataError, Result, StatementLog, Warning } from '../core/index';
import type { ActionRunResult } from '../worker/engine-api';
import { hopsOf } from '../worker/hops';
import type { TimedPreview } from './engine-client';

/**
 * The page's side of `relata serve` (src/cli/relata-serve.ts): previews and actions sent to the
 * local bridge as JSON (the model and the engine's request; never SQL), answered by the engine on
 * the user's PostgreSQL server. Network failures come back as coded errors, never exceptions.
 */

export interface BridgeInfo {
  url: string;
  readOnly: boolean;
}

const perfNow = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

const unreachable = (url: string, e: unknown): RelataError => ({
  code: 'internal_error',
  message: `the bridge at ${url} did not answer (${e instanceof Error ? e.message : String(e)}); start it with npm run relata -- serve --database postgres://…`,
});

/** `http://127.0.0.1:7433` from what a person typed (a bare port or host:port too). */
export function bridgeUrl(text: string): string | null {
  const t = text.trim().replace(/\/+$/, '');
  const withScheme = /^\d+$/.test(t) ? `http://127.0.0.1:${t}` : /^https?:\/\//.test(t) ? t : `http://${t}`;
  try {
    const u = new URL(withScheme);
    if (!['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname)) return null;
    return `${u.protocol}//${u.host}`;
  } catch {
    return null;
  }
}

async function call<T>(url: string, path: string, body?: unknown): Promise<Result<T>> {
  try {
    const res = await fetch(`${url}${path}`, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const json = (await res.json()) as Result<T>;
    if (json && typeof json === 'object' && 'ok' in json) return json;
    return { ok: false, error: { code: 'internal_error', message: `the bridge answered ${res.status} without a result` } };
  } catch (e) {
    return { ok: false, error: unreachable(url, e) };
  }
}

/** Checks the bridge is there (and whether it is read-only). */
export async function connectBridge(url: string): Promise<Result<BridgeInfo>> {
  const r = await call<{ readOnly: boolean }>(url, '/health');
  return r.ok ? { ok: true, value: { url, readOnly: r.value.readOnly } } : r;
}

/** A preview on the bridge, shaped as the worker's (hops, timings; `engine: 'postgres'`). */
export async function bridgeRead(url: string, version: number, model: Model, request: QueryRequest): Promise<Result<TimedPreview>> {
  const t0 = perfNow();
  const r = await call<{ records: TimedPreview['records']; statements: StatementLog[]; warnings: Warning[]; ms: number }>(url, '/read', { model, request });
  if (!r.ok) return r;
  const roundTripMs = perfNow() - t0;
  const { records, statements, warnings, ms } = r.value;
  return {
    ok: true,
    value: { engine: 'postgres', records, statements, warnings, hops: hopsOf(statements), engineMs: ms, workerMs: ms, version, requestedVersion: version, roundTripMs, transferMs: Math.max(0, roundTripMs - ms) },
  };
}

/** An action on the bridge (refused there unless it runs with --allow-writes). */
export async function bridgeAction(url: string, model: Model, request: ActionRequest, dataVersion: number, counts: Record<string, number>): Promise<Result<ActionRunResult>> {
  const t0 = perfNow();
  const r = await call<ActionResult>(url, '/action', { model, request });
  if (!r.ok) return r;
  return { ok: true, value: { engine: 'postgres', ...r.value, workerMs: perfNow() - t0, dataVersion, counts } };
}
