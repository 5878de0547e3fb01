import { startSandbox } from '../core/manual/sandbox-runtime';
import type { HostMessage, SandboxMessage } from '../core/manual/sandbox-protocol';

/**
 * Entry of the module Web Worker that runs manual relationship code (bundled by Vite). The messaging
 * functions are captured here, before `startSandbox` removes them from the global scope, so user code
 * cannot talk to the page.
 */

interface WorkerScope {
  postMessage(msg: unknown): void;
  addEventListener(type: string, listener: (event: Event) => void): void;
}

const scope = self as unknown as WorkerScope;
const post = scope.postMessage.bind(scope);
const listen = scope.addEventListener.bind(scope);

// An error thrown by user code outside its `load` (a stray timer) must not reach the page.
listen('error', (event) => event.preventDefault());
listen('unhandledrejection', (event) => event.preventDefault());

startSandbox({
  post: (msg: SandboxMessage) => post(msg),
  onMessage: (handler: (msg: HostMessage) => void) => listen('message', (event) => handler((event as MessageEvent<HostMessage>).data)),
});
