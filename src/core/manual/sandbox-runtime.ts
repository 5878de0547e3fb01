import { Query } from '../query/builder';
import type { QueryRequest, Row } from '../query/types';
import { relataError, type RelataError } from '../result';
import type { ModuleCheck } from './contract';
import { clearJobTimers, hardenGlobals, restoreGlobals, snapshotGlobals } from './sandbox-harden';
import type { CheckJob, HostMessage, RpcReply, RunJob, SandboxMessage, SandboxPort } from './sandbox-protocol';
import { checkManualModuleStatic, toSandboxScript } from './static-check';
import { SQL_SUBQUERY_DESTINATION, SQL_SUBQUERY_PARENT } from './contract';
import { encodeReturn, fromWire, unpackMarked, type Deliveries } from './packing';
import { measureReturn, returnTooLargeMessage } from './return-budget';

/**
 * The code that runs inside the sandbox worker (browser Web Worker or Node worker_threads): compiles
 * the user's module, calls `load(records, opts, ctx)` and posts the raw return value back. Knows
 * nothing about its environment beyond the `SandboxPort` it is given.
 */

// Captured before hardening replaces the public constructors.
const AsyncFunction = Object.getPrototypeOf(async function () {}).constructor as new (...args: string[]) => (
  exports: Record<string, unknown>,
) => Promise<void>;

/** Stack frames of user code carry this name, so their lines can be told apart from the runtime's. */
const SOURCE_URL = 'relata-manual-code.js';
const FRAME = /relata-manual-code\.js:(\d+):(\d+)/;

/**
 * Resolves after one task of the event loop, i.e. once the microtask queue has drained. A job is
 * answered only after this hop: code that leaves a microtask loop running (`function spin() {
 * Promise.resolve().then(spin) }`) never drains the queue, so its own job runs into its time limit
 * and the host replaces the sandbox, instead of the next job never starting. Captured before
 * hardening removes MessageChannel (a message hop is faster than a timer in both environments).
 */
interface HopPort {
  onmessage: (() => void) | null;
  postMessage(message: null): void;
}
interface HopGlobals {
  MessageChannel?: new () => { port1: HopPort; port2: HopPort };
  setTimeout(fn: () => void, ms: number): unknown;
}
const afterMicrotasks: () => Promise<void> = (() => {
  const g = globalThis as unknown as HopGlobals;
  const Channel = g.MessageChannel;
  const timer = g.setTimeout.bind(g);
  if (typeof Channel !== 'function') return () => new Promise<void>((resolve) => void timer(resolve, 0));
  const channel = new Channel();
  const waiting: Array<() => void> = [];
  channel.port2.onmessage = () => waiting.shift()?.();
  return () =>
    new Promise<void>((resolve) => {
      waiting.push(resolve);
      channel.port1.postMessage(null);
    });
})();

type CompiledModule = (exports: Record<string, unknown>) => Promise<void>;

/** Source text → compiled module; bounded, because the editor may check every keystroke's version. */
const compiled = new Map<string, CompiledModule>();
const CACHE_SIZE = 64;

class ModuleError extends Error {
  readonly check: ModuleCheck;
  constructor(check: ModuleCheck) {
    super(check.message ?? 'invalid module');
    this.check = check;
  }
}

function compile(source: string): CompiledModule {
  const hit = compiled.get(source);
  if (hit) {
    // Refresh its place in the LRU order.
    compiled.delete(source);
    compiled.set(source, hit);
    return hit;
  }
  const check = checkManualModuleStatic(source);
  if (!check.ok) throw new ModuleError(check);
  // The directive sits on its own line: user line N is line N + 1 of the body (calibrated below).
  const body = `"use strict";\n${toSandboxScript(source)}\n//# sourceURL=${SOURCE_URL}`;
  let fn: CompiledModule;
  try {
    fn = new AsyncFunction('__exports', body);
  } catch (e) {
    throw new ModuleError({ ok: false, message: `The module does not compile: ${messageOf(e)}` });
  }
  compiled.set(source, fn);
  if (compiled.size > CACHE_SIZE) compiled.delete(compiled.keys().next().value as string);
  return fn;
}

/** How many lines the engine's function wrapper adds before the body, measured rather than assumed. */
const lineOffset = (() => {
  try {
    const probe = new AsyncFunction('__exports', `"use strict";\n__exports.e = new Error();\n//# sourceURL=${SOURCE_URL}`);
    const holder: Record<string, unknown> = {};
    void probe(holder);
    const m = FRAME.exec(String((holder.e as Error | undefined)?.stack ?? ''));
    return m ? Number(m[1]) - 1 : undefined;
  } catch {
    return undefined;
  }
})();

function messageOf(e: unknown): string {
  if (e instanceof Error) return e.message;
  if (e !== null && typeof e === 'object' && typeof (e as { message?: unknown }).message === 'string') {
    return (e as { message: string }).message;
  }
  try {
    return String(e);
  } catch {
    return 'unknown error';
  }
}

/** Where in the user's source an error was thrown (its innermost user-code frame). */
function locate(e: unknown): { line: number; column: number } | undefined {
  if (lineOffset === undefined || !(e instanceof Error) || typeof e.stack !== 'string') return undefined;
  const m = FRAME.exec(e.stack);
  if (!m) return undefined;
  const line = Number(m[1]) - lineOffset;
  return line >= 1 ? { line, column: Number(m[2]) } : undefined;
}

function failure(what: string, e: unknown): RelataError {
  const where = locate(e);
  const name = e instanceof Error ? e.name : typeof e;
  const message = `${what}${messageOf(e)}${where ? ` (line ${where.line})` : ''}`;
  return relataError('manual_load_failed', message, { details: { errorName: name, ...where } });
}

type RunOutcome = { ok: true; value: unknown } | { ok: false; error: RelataError };

/** The return within the size budget, or `too_large` (a getter or proxy that throws: `manual_invalid_return`). */
function sizeChecked(value: unknown): RunOutcome {
  try {
    const size = measureReturn(value);
    return size.over ? { ok: false, error: relataError('too_large', returnTooLargeMessage(size)) } : { ok: true, value };
  } catch (e) {
    return { ok: false, error: relataError('manual_invalid_return', `load returned a value that cannot be read: ${messageOf(e)}`) };
  }
}

async function evaluate(source: string): Promise<Record<string, unknown>> {
  const exports: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  await compile(source)(exports);
  return exports;
}

export function startSandbox(port: SandboxPort): void {
  let nextRpc = 1;
  const pending = new Map<number, { resolve(rows: Row[]): void; reject(e: Error): void }>();
  /** Rows this job received from ctx.read (marked), so an unchanged one can go back as a reference. */
  let deliveries: Deliveries = { packs: [], next: 0 };

  function toRequest(q: unknown, base: QueryRequest, method: string): QueryRequest {
    if (q instanceof Query) return q.toRequest();
    if (q !== null && typeof q === 'object') {
      const maybe = q as { toRequest?: unknown; resource?: unknown };
      if (typeof maybe.toRequest === 'function') return (maybe.toRequest as () => QueryRequest)();
      // A plain request without a resource means the destination, like ctx.query.
      return typeof maybe.resource === 'string' ? (q as QueryRequest) : { ...(q as object), resource: base.resource };
    }
    throw new TypeError(`ctx.${method} expects a query (ctx.query or a query request object)`);
  }

  function rpc(msg: SandboxMessage & { kind: 'rpc' }): Promise<Row[]> {
    return new Promise((resolve, reject) => {
      pending.set(msg.rpcId, { resolve, reject });
      try {
        port.post(msg);
      } catch (e) {
        pending.delete(msg.rpcId);
        reject(new TypeError(`ctx.${msg.method}: the query cannot be sent to the host (${messageOf(e)})`));
      }
    });
  }

  function makeCtx(job: RunJob): Readonly<Record<string, unknown>> {
    return Object.freeze({
      query: Query.fromRequest(job.query),
      async read(q: unknown): Promise<Row[]> {
        return rpc({ kind: 'rpc', id: job.id, rpcId: nextRpc++, method: 'read', query: toRequest(q, job.query, 'read') });
      },
      async applyTo(q: unknown, records: unknown): Promise<Row[]> {
        if (!Array.isArray(records)) throw new TypeError('ctx.applyTo(query, records): records must be an array');
        const query = toRequest(q, job.query, 'applyTo');
        return rpc({ kind: 'rpc', id: job.id, rpcId: nextRpc++, method: 'applyTo', query, records: records as Row[] });
      },
      actor: job.actor ?? null,
      relationship: job.relationship,
      dataLayer: job.dataLayer,
    });
  }

  async function runLoad(job: RunJob): Promise<{ ok: true; value: unknown } | { ok: false; error: RelataError }> {
    let exports: Record<string, unknown>;
    try {
      exports = await evaluate(job.source);
    } catch (e) {
      if (e instanceof ModuleError) return { ok: false, error: relataError('manual_load_failed', e.message, { details: e.check }) };
      return { ok: false, error: failure('Evaluating the module failed: ', e) };
    }
    const load = exports.load;
    if (typeof load !== 'function') {
      return { ok: false, error: relataError('manual_load_failed', 'The module\'s `load` export is not a function') };
    }
    try {
      const value: unknown = await (load as (...a: unknown[]) => unknown)(job.records, job.options, makeCtx(job));
      return { ok: true, value };
    } catch (e) {
      return { ok: false, error: failure('', e) };
    }
  }

  async function runCheck(job: CheckJob): Promise<ModuleCheck> {
    try {
      const exports = await evaluate(job.source);
      if (typeof exports.load !== 'function') return { ok: false, message: 'The `load` export is not a function' };
      if (typeof exports.sqlSubquery === 'function') {
        const sql: unknown = await (exports.sqlSubquery as (a: unknown) => unknown)({
          parent: SQL_SUBQUERY_PARENT,
          destination: SQL_SUBQUERY_DESTINATION,
        });
        if (typeof sql !== 'string' || sql.trim() === '') {
          return { ok: false, message: 'The `sqlSubquery` export must return a SQL condition as a non-empty string' };
        }
        return { ok: true, sqlSubquery: sql };
      }
      return { ok: true };
    } catch (e) {
      if (e instanceof ModuleError) return e.check;
      const where = locate(e);
      return { ok: false, message: `Evaluating the module failed: ${messageOf(e)}`, ...where };
    }
  }

  function reply(msg: RpcReply): void {
    const waiter = pending.get(msg.rpcId);
    if (!waiter) return;
    pending.delete(msg.rpcId);
    // The host's error becomes an Error of this realm, so user code can catch and inspect it normally.
    if (!msg.ok) {
      waiter.reject(new Error(msg.message));
      return;
    }
    if (!('packed' in msg)) {
      waiter.resolve(msg.rows);
      return;
    }
    const pack = fromWire(msg.packed);
    const first = deliveries.next;
    const rows = unpackMarked(pack, first);
    deliveries.packs.push({ pack, id: msg.rpcId, first, rows });
    deliveries.next += pack.count;
    waiter.resolve(rows);
  }

  /** Ends a job: drops what it left behind, then answers (recycle when the globals could not be restored). */
  function finish(send: (recycle: boolean) => void): void {
    clearJobTimers();
    pending.clear();
    deliveries = { packs: [], next: 0 };
    send(!restoreGlobals(snapshot));
  }

  port.onMessage((msg: HostMessage) => {
    switch (msg.kind) {
      case 'rpc-reply':
        reply(msg);
        return;
      case 'run':
        void runLoad(msg).then(async (result) => {
          await afterMicrotasks();
          let outcome = result;
          // Encode before finish() forgets which rows were delivered; user objects may throw (proxies).
          let encoded: ReturnType<typeof encodeReturn> = null;
          try {
            encoded = outcome.ok ? encodeReturn(outcome.value, deliveries) : null;
          } catch {
            encoded = null;
          }
          // A plain return is copied to the host: measured first, so a huge one is never copied.
          if (outcome.ok && !encoded) outcome = sizeChecked(outcome.value);
          finish((recycle) => {
            try {
              port.post({ kind: 'run-done', id: msg.id, outcome: encoded ? { ok: true, encoded } : outcome, recycle });
            } catch (e) {
              // Functions, symbols, promises, DOM-less host objects: not structured-cloneable.
              const error = relataError('manual_invalid_return', `load returned a value that cannot be passed back: ${messageOf(e)}`);
              port.post({ kind: 'run-done', id: msg.id, outcome: { ok: false, error }, recycle });
            }
          });
        });
        return;
      case 'check':
        void runCheck(msg).then(async (check) => {
          await afterMicrotasks();
          finish((recycle) => port.post({ kind: 'check-done', id: msg.id, check, recycle }));
        });
        return;
    }
  });

  hardenGlobals();
  const snapshot = snapshotGlobals();
  port.post({ kind: 'ready' });
}
