import type { ManualRunner } from '../core/manual/contract';
import { createRunnerCore, type SandboxChannel } from '../core/manual/runner-core';
import type { HostMessage, SandboxMessage } from '../core/manual/sandbox-protocol';

/**
 * Manual relationship runner for the browser: each sandbox is a module Web Worker (no DOM; network,
 * storage and messaging removed by the runtime before user code runs). Pooling, time limits and
 * `ctx` calls are in runner-core, shared with the Node runner and tested there.
 */

function spawnWorker(): SandboxChannel {
  const worker = new Worker(new URL('./sandbox.worker.ts', import.meta.url), { type: 'module', name: 'relata-manual-sandbox' });
  let terminated = false;
  let failure: ((message: string) => void) | undefined;
  const fail = (message: string) => {
    if (terminated) return;
    terminated = true;
    worker.terminate();
    failure?.(message);
  };
  // With errors handled inside the worker, these fire only when the worker script itself fails.
  worker.addEventListener('error', (event) => fail(event.message || 'the sandbox worker failed to start'));
  worker.addEventListener('messageerror', () => fail('a message from the sandbox could not be read'));
  return {
    post: (msg: HostMessage) => worker.postMessage(msg),
    onMessage: (handler: (msg: SandboxMessage) => void) =>
      worker.addEventListener('message', (event: MessageEvent<SandboxMessage>) => handler(event.data)),
    onFailure: (handler) => {
      failure = handler;
    },
    terminate: () => {
      terminated = true;
      worker.terminate();
    },
  };
}

export function createBrowserManualRunner(opts: { timeoutMs?: number; maxSandboxes?: number } = {}): ManualRunner {
  return createRunnerCore({ spawn: spawnWorker, ...opts });
}
