import { relataError, type RelataError, type Result } from '../result';
import { isCancelled, type CancelToken, type ManualCall, type ManualHost, type ManualOutcome, type ManualRunner, type ModuleCheck } from './contract';
import type { HostMessage, RpcRequest, SandboxMessage } from './sandbox-protocol';
import { checkManualModuleStatic } from './static-check';
import { decodeReturn, deferredWire, packRows, rawWire, toWire, type HostPack } from './packing';
import { RAW_ROWS, isDeferred, type DeferredRows } from '../query/raw-rows';
import type { Row } from '../query/types';

/**
 * The environment-agnostic half of a manual runner: a small pool of sandboxes, one job per sandbox
 * at a time, time limits, and the `ctx.read`/`ctx.applyTo` calls answered by the `ManualHost`.
 *
 * Why a pool instead of one queue: `ctx.read` may itself load a manual relationship (a nested run),
 * which would wait forever behind the run that is waiting for it. Why one job per sandbox: a timeout
 * kills the whole sandbox, and only the job that ran too long should pay for it.
 */

/** One sandbox as the host sees it (a Web Worker or a worker_threads Worker behind a thin adapter). */
export interface SandboxChannel {
  post(msg: HostMessage): void;
  onMessage(handler: (msg: SandboxMessage) => void): void;
  /** The sandbox died (uncaught error, exit): its current job cannot finish. */
  onFailure(handler: (message: string) => void): void;
  terminate(): void;
}

export interface RunnerCoreOptions {
  spawn(): SandboxChannel;
  /** Default time limit of a run or check, in ms (a `ManualCall.timeoutMs` overrides it). Default 2000. */
  timeoutMs?: number;
  /** Sandboxes running at once; further jobs wait (their time limit starts when they start). Default 8. */
  maxSandboxes?: number;
  /** Idle sandboxes kept warm. Default 1. */
  maxIdle?: number;
}

export const DEFAULT_TIMEOUT_MS = 2000;
/** A sandbox that does not come up within this time is broken (not the user's code's fault). */
const BOOT_LIMIT_MS = 15000;

// The core compiles without DOM or Node types; both environments have these timers.
declare function setTimeout(fn: () => void, ms: number): unknown;
declare function clearTimeout(handle: unknown): void;

type Answer = { kind: 'run'; outcome: ManualOutcome } | { kind: 'check'; check: ModuleCheck };

interface Job {
  id: number;
  /** Rows sent to this job's code by `ctx.read`, by rpc id: a return made of them comes back as references. */
  packs?: Map<number, HostPack>;
  message: HostMessage & { kind: 'run' | 'check' };
  host?: ManualHost;
  timeoutMs: number;
  token?: CancelToken;
  settle(answer: Answer): void;
}

interface Slot {
  channel: SandboxChannel;
  /** The sandbox said it is up; until then a job's time limit does not run (the boot guard does). */
  ready: boolean;
  job?: Job;
  timer?: unknown;
}

function decodeOutcome(outcome: Extract<SandboxMessage, { kind: 'run-done' }>['outcome'], job: Job): ManualOutcome {
  if (!outcome.ok) return outcome;
  if ('encoded' in outcome) {
    try {
      return { ok: true, value: decodeReturn(outcome.encoded, job.packs ?? new Map()) };
    } catch (e) {
      return { ok: false, error: relataError('manual_load_failed', e instanceof Error ? e.message : String(e)) };
    }
  }
  return { ok: true, value: outcome.value };
}

function timeoutAnswer(job: Job): Answer {
  const message = `Manual code ran past the time limit of ${job.timeoutMs} ms (a loop that never ends, a promise that never settles, or a promise loop left running after load returned)`;
  return job.message.kind === 'run'
    ? { kind: 'run', outcome: { ok: false, error: relataError('timeout', message) } }
    : { kind: 'check', check: { ok: false, message: `Evaluating the module: ${message}` } };
}

function timeoutAnswerCancelled(job: Job): Answer {
  const message = 'Cancelled: the read that started this manual code timed out or failed';
  return job.message.kind === 'run'
    ? { kind: 'run', outcome: { ok: false, error: relataError('timeout', message) } }
    : { kind: 'check', check: { ok: false, message } };
}

function failureAnswer(job: Job, message: string): Answer {
  return job.message.kind === 'run'
    ? { kind: 'run', outcome: { ok: false, error: relataError('manual_load_failed', message) } }
    : { kind: 'check', check: { ok: false, message } };
}

export function createRunnerCore(opts: RunnerCoreOptions): ManualRunner {
  const defaultTimeout = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxSandboxes = Math.max(1, opts.maxSandboxes ?? 8);
  const maxIdle = Math.max(0, opts.maxIdle ?? 1);
  const slots = new Set<Slot>();
  const queue: Job[] = [];
  let nextId = 1;

  function discard(slot: Slot): void {
    if (slot.timer !== undefined) clearTimeout(slot.timer);
    slot.timer = undefined;
    slot.job = undefined;
    slots.delete(slot);
    slot.channel.terminate();
  }

  function spawnSlot(): Slot {
    const slot: Slot = { channel: opts.spawn(), ready: false };
    slot.channel.onMessage((msg) => onMessage(slot, msg));
    slot.channel.onFailure((message) => {
      const job = slot.job;
      discard(slot);
      if (job) job.settle(failureAnswer(job, `The manual code sandbox crashed: ${message}`));
      pump();
    });
    slots.add(slot);
    return slot;
  }

  function armTimer(slot: Slot, job: Job, ms: number, onExpiry: () => Answer): void {
    if (slot.timer !== undefined) clearTimeout(slot.timer);
    slot.timer = setTimeout(() => {
      if (slot.job !== job) return;
      // Terminating is the only way to stop a busy loop; the next job gets a fresh sandbox.
      discard(slot);
      job.settle(onExpiry());
      cancelBelow(job);
      pump();
    }, ms);
  }

  /**
   * A run timed out or failed: everything its `ctx.read` calls queued is cancelled before anything
   * else runs. Queued runs are answered without starting; running ones lose their sandbox.
   */
  function cancelBelow(job: Job): void {
    if (!job.token) return;
    job.token.cancelled = true;
    const answer = (j: Job) => timeoutAnswerCancelled(j);
    for (let i = queue.length - 1; i >= 0; i--) {
      const q = queue[i]!;
      if (isCancelled(q.token)) {
        queue.splice(i, 1);
        q.settle(answer(q));
      }
    }
    for (const slot of [...slots]) {
      const running = slot.job;
      if (running && isCancelled(running.token)) {
        discard(slot);
        running.settle(answer(running));
      }
    }
  }

  function start(slot: Slot, job: Job): void {
    slot.job = job;
    if (slot.ready) armTimer(slot, job, job.timeoutMs, () => timeoutAnswer(job));
    else armTimer(slot, job, BOOT_LIMIT_MS, () => failureAnswer(job, 'The manual code sandbox did not start'));
    try {
      slot.channel.post(job.message);
    } catch (e) {
      discard(slot);
      job.settle(failureAnswer(job, `The input of the manual code cannot be sent to the sandbox: ${e instanceof Error ? e.message : String(e)}`));
      pump();
    }
  }

  function pump(): void {
    while (queue.length > 0) {
      let slot = [...slots].find((s) => !s.job);
      if (!slot) {
        if (slots.size >= maxSandboxes) return;
        slot = spawnSlot();
      }
      start(slot, queue.shift()!);
    }
    const idle = [...slots].filter((s) => !s.job);
    for (const extra of idle.slice(maxIdle)) discard(extra);
  }

  function release(slot: Slot, recycle: boolean): void {
    if (slot.timer !== undefined) clearTimeout(slot.timer);
    slot.timer = undefined;
    slot.job = undefined;
    if (recycle) discard(slot);
    pump();
  }

  function onMessage(slot: Slot, msg: SandboxMessage): void {
    const job = slot.job;
    if (msg.kind === 'ready') {
      slot.ready = true;
      if (job) armTimer(slot, job, job.timeoutMs, () => timeoutAnswer(job));
      return;
    }
    if (!job || msg.id !== job.id) return; // a late answer of a job that was abandoned
    switch (msg.kind) {
      case 'rpc':
        void answerRpc(slot, job, msg);
        return;
      case 'run-done': {
        release(slot, msg.recycle);
        const outcome = decodeOutcome(msg.outcome, job);
        job.settle({ kind: 'run', outcome });
        // A failed run's queued descendants are cancelled too (a run that returned fine leaves none).
        if (!outcome.ok) cancelBelow(job);
        return;
      }
      case 'check-done':
        release(slot, msg.recycle);
        job.settle({ kind: 'check', check: msg.check });
        return;
    }
  }

  async function answerRpc(slot: Slot, job: Job, msg: RpcRequest): Promise<void> {
    let result: Result<Row[] | DeferredRows, RelataError>;
    try {
      if (!job.host) throw new Error('no host for ctx calls');
      const host = job.host;
      if (msg.method === 'read') result = host.readDeferred ? await host.readDeferred(msg.query) : await host.read(msg.query);
      else result = await host.applyTo(msg.query, msg.records);
    } catch (e) {
      result = { ok: false, error: relataError('manual_load_failed', e instanceof Error ? e.message : String(e)) };
    }
    if (slot.job !== job) return; // timed out or crashed meanwhile
    const base = { kind: 'rpc-reply' as const, id: msg.id, rpcId: msg.rpcId };
    try {
      if (!result.ok) {
        slot.channel.post({ ...base, ok: false, message: result.error.message });
        return;
      }
      const value = result.value;
      if (isDeferred(value)) {
        const packed = deferredWire(value);
        if (packed) {
          // The sandbox parses its copy of the text while the host builds its own rows from it.
          slot.channel.post({ ...base, ok: true, packed });
          (job.packs ??= new Map()).set(msg.rpcId, { rows: value.rows(), columns: value.columns });
          return;
        }
      }
      const rows = isDeferred(value) ? value.rows() : value;
      let packed = msg.method === 'read' ? rawWire(rows, RAW_ROWS.get(rows)) : null;
      if (!packed && msg.method === 'read') {
        const pack = packRows(rows);
        packed = pack ? toWire(pack) : null;
      }
      if (packed) {
        (job.packs ??= new Map()).set(msg.rpcId, { rows, columns: packed.columns });
        slot.channel.post({ ...base, ok: true, packed });
      } else {
        slot.channel.post({ ...base, ok: true, rows: rows as never });
      }
    } catch (e) {
      slot.channel.post({ ...base, ok: false, message: `ctx.${msg.method}: the result cannot be sent to the sandbox (${String(e)})` });
    }
  }

  function submit(message: Job['message'], host: ManualHost | undefined, timeoutMs: number, token?: CancelToken): Promise<Answer> {
    return new Promise((resolve) => {
      const job: Job = { id: message.id, message, host, timeoutMs, token, settle: resolve };
      if (isCancelled(token)) {
        resolve(timeoutAnswerCancelled(job));
        return;
      }
      queue.push(job);
      pump();
    });
  }

  return {
    async run(call: ManualCall, host: ManualHost): Promise<ManualOutcome> {
      const id = nextId++;
      const message: HostMessage & { kind: 'run' } = {
        kind: 'run',
        id,
        source: call.source,
        records: call.records,
        options: call.options,
        query: call.query,
        relationship: call.relationship,
        actor: call.actor,
        dataLayer: call.dataLayer,
      };
      const answer = await submit(message, host, call.timeoutMs ?? defaultTimeout, call.token);
      if (answer.kind !== 'run') throw new Error('runner-core: a run was answered as a check');
      return answer.outcome;
    },

    async check(source: string): Promise<ModuleCheck> {
      // Parse problems are found without a sandbox, with exact positions.
      const statically = checkManualModuleStatic(source);
      if (!statically.ok) return statically;
      const answer = await submit({ kind: 'check', id: nextId++, source }, undefined, defaultTimeout);
      if (answer.kind !== 'check') throw new Error('runner-core: a check was answered as a run');
      return answer.check;
    },

    dispose(): void {
      for (const slot of [...slots]) {
        const job = slot.job;
        discard(slot);
        if (job) job.settle(failureAnswer(job, 'The manual code runner was disposed'));
      }
      for (const job of queue.splice(0)) job.settle(failureAnswer(job, 'The manual code runner was disposed'));
    },
  };
}
