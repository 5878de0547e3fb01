import type { ModuleCheck } from './contract';
import type { NRelationship } from '../model/types';
import type { QueryRequest, Row } from '../query/types';
import type { RelataError } from '../result';
import type { EncodedReturn, PackedWire } from './packing';

/**
 * Messages between the host (runner-core) and the sandbox (sandbox-runtime). Plain data only: they
 * cross a worker boundary by structured clone. `id` names one job (a run or a check); a sandbox runs
 * one job at a time, but ids keep late answers of an abandoned job from being taken for a new one.
 */

export interface RunJob {
  kind: 'run';
  id: number;
  source: string;
  records: Row[];
  options: Record<string, unknown>;
  query: QueryRequest;
  relationship: NRelationship;
  actor: unknown;
  dataLayer: string;
}

export interface CheckJob {
  kind: 'check';
  id: number;
  source: string;
}

/** The host's answer to one `ctx.read` / `ctx.applyTo` call. */
export type RpcReply =
  | { kind: 'rpc-reply'; id: number; rpcId: number; ok: true; rows: Row[] }
  /** The same rows packed flat (see packing.ts); the host keeps its copy under `rpcId` until the run ends. */
  | { kind: 'rpc-reply'; id: number; rpcId: number; ok: true; packed: PackedWire }
  | { kind: 'rpc-reply'; id: number; rpcId: number; ok: false; message: string };

export type HostMessage = RunJob | CheckJob | RpcReply;

/** `ctx.read(query)` or `ctx.applyTo(query, records)` from the code of job `id`. */
export type RpcRequest =
  | { kind: 'rpc'; id: number; rpcId: number; method: 'read'; query: QueryRequest }
  | { kind: 'rpc'; id: number; rpcId: number; method: 'applyTo'; query: QueryRequest; records: Row[] };

export interface RunDone {
  kind: 'run-done';
  id: number;
  outcome: { ok: true; value: unknown } | { ok: true; encoded: EncodedReturn } | { ok: false; error: RelataError };
  /** The code changed the sandbox in a way that cannot be undone (frozen global, patched builtin): replace it. */
  recycle: boolean;
}

export interface CheckDone {
  kind: 'check-done';
  id: number;
  check: ModuleCheck;
  recycle: boolean;
}

/** Sent once the sandbox is up: a job's time limit starts only then, so a slow worker start is not the code's fault. */
export interface SandboxReady {
  kind: 'ready';
}

export type SandboxMessage = SandboxReady | RpcRequest | RunDone | CheckDone;

/** The transport a sandbox runtime talks through (a worker's port, as seen from inside). */
export interface SandboxPort {
  post(msg: SandboxMessage): void;
  onMessage(handler: (msg: HostMessage) => void): void;
}
