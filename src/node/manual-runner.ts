import { buildSync } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ManualRunner } from '../core/manual/contract';
import { createRunnerCore, type SandboxChannel } from '../core/manual/runner-core';
import type { HostMessage, SandboxMessage } from '../core/manual/sandbox-protocol';

/**
 * Manual relationship runner for Node (CLI, tests, bench): the sandbox runtime in a worker_threads
 * Worker. The runtime is bundled with esbuild at first use, so the worker needs no TypeScript loader
 * (vitest and tsx only hook the main thread).
 */

let bundled: string | undefined;

function workerSource(): string {
  if (bundled !== undefined) return bundled;
  const runtimeDir = fileURLToPath(new URL('../core/manual/', import.meta.url));
  const result = buildSync({
    stdin: { contents: "export { startSandbox } from './sandbox-runtime';", resolveDir: runtimeDir, loader: 'ts' },
    bundle: true,
    format: 'iife',
    globalName: '__relataSandbox',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  const runtime = result.outputFiles[0]!.text;
  // Runs as CommonJS in the worker. `require` and `process` are used here, before the runtime removes
  // them from the global scope; user code only ever sees the hardened globals.
  // Everything inside one function scope: top-level declarations of a script would be visible to user code.
  bundled = [
    '(() => {',
    '"use strict";',
    "const { parentPort } = require('node:worker_threads');",
    // An error thrown by user code outside its load (a stray timer) must not kill the sandbox.
    "process.on('uncaughtException', () => {});",
    "process.on('unhandledRejection', () => {});",
    runtime,
    '__relataSandbox.startSandbox({',
    '  post: (m) => parentPort.postMessage(m),',
    "  onMessage: (h) => parentPort.on('message', h),",
    '});',
    '})();',
  ].join('\n');
  return bundled;
}

/** One sandbox in a worker_threads Worker (exported for tests that count or script sandboxes). */
export function spawnNodeSandbox(): SandboxChannel {
  const worker = new Worker(workerSource(), {
    eval: true,
    env: {},
    // A runaway allocation kills the sandbox, not the process. A roomier young generation than the
    // worker default: a large ctx.read reply (parsed text + row objects, all alive until the code
    // returns) then fits without scavenges copying it (W3: sandbox time 26 -> 19 ms median).
    resourceLimits: { maxOldGenerationSizeMb: 1024, maxYoungGenerationSizeMb: 64 },
  });
  // Never keeps the process alive: a job in flight is kept alive by its time-limit timer instead.
  worker.unref();
  let terminated = false;
  let failure: ((message: string) => void) | undefined;
  const fail = (message: string) => {
    if (terminated) return;
    terminated = true;
    failure?.(message);
  };
  worker.on('error', (e: Error) => fail(e.message));
  worker.on('exit', (code: number) => fail(`the sandbox exited (code ${code})`));
  return {
    post: (msg: HostMessage) => worker.postMessage(msg),
    onMessage: (handler: (msg: SandboxMessage) => void) => void worker.on('message', handler),
    onFailure: (handler) => {
      failure = handler;
    },
    terminate: () => {
      terminated = true;
      void worker.terminate();
    },
  };
}

export function createNodeManualRunner(opts: { timeoutMs?: number; maxSandboxes?: number } = {}): ManualRunner {
  return createRunnerCore({ spawn: spawnNodeSandbox, ...opts });
}
