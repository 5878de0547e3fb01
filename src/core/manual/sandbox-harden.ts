/**
 * Hardening of the sandbox's global scope, done once before any user code runs, and the per-job
 * check that user code left the globals as it found them. The worker boundary is the real isolation
 * (no DOM, own heap, killable); this removes the capabilities a worker still has (network, storage,
 * module loading, code generation, the host's messaging, Node's process) so user code cannot reach
 * beyond its `ctx`.
 */

/** Globals removed from the whole prototype chain of the global object (browser and Node names). */
const BLOCKED_GLOBALS = [
  // network
  'fetch', 'fetchLater', 'XMLHttpRequest', 'WebSocket', 'WebSocketStream', 'EventSource', 'WebTransport',
  'RTCPeerConnection', 'RTCDataChannel', 'Request', 'Response',
  // storage
  'indexedDB', 'caches', 'localStorage', 'sessionStorage', 'cookieStore', 'requestFileSystem',
  'webkitRequestFileSystem', 'webkitRequestFileSystemSync', 'webkitResolveLocalFileSystemURL',
  'FileSystemHandle', 'FileSystemFileHandle', 'FileSystemDirectoryHandle', 'FileReaderSync',
  // loading code, other threads, the host page
  'importScripts', 'Worker', 'SharedWorker', 'BroadcastChannel', 'MessageChannel', 'navigator', 'location',
  'Notification', 'postMessage', 'close', 'onmessage', 'onmessageerror', 'onerror', 'onunhandledrejection',
  'addEventListener', 'removeEventListener', 'dispatchEvent', 'eval',
  // Node
  'process', 'require', 'module', 'exports', '__filename', '__dirname', 'Buffer', 'global', 'gc',
];

const BLOCKED_MESSAGE = 'Manual code cannot compile code at run time';

function blockedConstructor(original: object): object {
  const stub = function () {
    throw new EvalError(BLOCKED_MESSAGE);
  };
  // `x instanceof Function` keeps working: instanceof reads `stub.prototype`.
  Object.defineProperty(stub, 'prototype', { value: (original as { prototype: unknown }).prototype });
  return stub;
}

function removeEverywhere(target: object, name: string): void {
  for (let obj: object | null = target; obj !== null; obj = Object.getPrototypeOf(obj) as object | null) {
    if (!Object.prototype.hasOwnProperty.call(obj, name)) continue;
    if (!Reflect.deleteProperty(obj, name)) {
      try {
        Object.defineProperty(obj, name, { value: undefined, writable: false, configurable: false });
      } catch {
        // Non-configurable and not deletable: nothing more can be done from inside.
      }
    }
  }
}

type TimerFn = (handler: unknown, ms?: number, ...args: unknown[]) => unknown;
type ClearFn = (handle: unknown) => void;

/** Timers started by the current job, cleared when it ends so nothing of it runs during the next one. */
const liveTimers = new Set<{ handle: unknown; clear: ClearFn }>();

function wrapTimers(g: Record<string, unknown>): void {
  const pairs: Array<[string, string]> = [['setTimeout', 'clearTimeout'], ['setInterval', 'clearInterval'], ['setImmediate', 'clearImmediate']];
  for (const [setName, clearName] of pairs) {
    const set = g[setName] as TimerFn | undefined;
    const clear = g[clearName] as ClearFn | undefined;
    if (typeof set !== 'function' || typeof clear !== 'function') continue;
    const boundSet = set.bind(g);
    const boundClear = clear.bind(g);
    g[setName] = (handler: unknown, ...rest: unknown[]) => {
      // A string handler is eval in disguise (browsers compile it).
      if (typeof handler !== 'function') throw new TypeError(`${setName} needs a function: ${BLOCKED_MESSAGE}`);
      const entry = { handle: undefined as unknown, clear: boundClear };
      const once = setName !== 'setInterval';
      const run = (...args: unknown[]) => {
        if (once) liveTimers.delete(entry);
        (handler as (...a: unknown[]) => void)(...args);
      };
      entry.handle = (boundSet as (h: unknown, ...r: unknown[]) => unknown)(run, ...rest);
      liveTimers.add(entry);
      return entry.handle;
    };
    g[clearName] = (handle: unknown) => {
      for (const entry of liveTimers) if (entry.handle === handle) liveTimers.delete(entry);
      boundClear(handle);
    };
  }
}

export function clearJobTimers(): void {
  for (const entry of liveTimers) entry.clear(entry.handle);
  liveTimers.clear();
}

/** A console that only prints: Node's console exposes its streams (and through them the parent port). */
function safeConsole(original: unknown): Record<string, (...args: unknown[]) => void> {
  const out: Record<string, (...args: unknown[]) => void> = {};
  for (const name of ['log', 'info', 'warn', 'error', 'debug', 'trace', 'table', 'dir']) {
    const fn = (original as Record<string, unknown> | undefined)?.[name];
    out[name] = typeof fn === 'function' ? (...args: unknown[]) => void Reflect.apply(fn, original, args) : () => {};
  }
  return Object.freeze(out);
}

/** Removes dangerous capabilities from the global scope. Call once, after the runtime captured what it needs. */
export function hardenGlobals(): void {
  const g = globalThis as unknown as Record<string, unknown>;
  for (const name of BLOCKED_GLOBALS) removeEverywhere(globalThis, name);
  const fnProtos: object[] = [
    Function.prototype,
    Object.getPrototypeOf(async function () {}) as object,
    Object.getPrototypeOf(function* () {}) as object,
    Object.getPrototypeOf(async function* () {}) as object,
  ];
  // `(() => {}).constructor('return import("x")')` would compile code outside the static check.
  for (const proto of fnProtos) {
    const ctor = (proto as { constructor: object }).constructor;
    Object.defineProperty(proto, 'constructor', { value: blockedConstructor(ctor), writable: false, configurable: false });
  }
  g.Function = blockedConstructor(Function);
  g.console = safeConsole(g.console);
  wrapTimers(g);
}

interface Snapshot {
  globals: Map<PropertyKey, PropertyDescriptor>;
  intrinsics: Array<{ target: object; keys: Map<PropertyKey, unknown>; frozen: boolean }>;
}

function intrinsicTargets(): object[] {
  const ctors = [Object, Array, Function, String, Number, Boolean, Symbol, BigInt, Promise, Map, Set, WeakMap, WeakSet, Date, RegExp, Error, TypeError, RangeError, ArrayBuffer, Uint8Array];
  const targets: object[] = [JSON, Math, Reflect];
  for (const c of ctors) targets.push(c, c.prototype as object);
  targets.push(Object.getPrototypeOf(Uint8Array) as object, Object.getPrototypeOf(Uint8Array.prototype) as object);
  return targets;
}

function ownValues(target: object): Map<PropertyKey, unknown> {
  const out = new Map<PropertyKey, unknown>();
  for (const key of Reflect.ownKeys(target)) {
    const d = Object.getOwnPropertyDescriptor(target, key);
    out.set(key, d && ('value' in d ? d.value : d.get));
  }
  return out;
}

export function snapshotGlobals(): Snapshot {
  const globals = new Map<PropertyKey, PropertyDescriptor>();
  for (const key of Reflect.ownKeys(globalThis)) {
    const d = Object.getOwnPropertyDescriptor(globalThis, key);
    if (d) globals.set(key, d);
  }
  const intrinsics = intrinsicTargets().map((target) => ({ target, keys: ownValues(target), frozen: Object.isFrozen(target) }));
  return { globals, intrinsics };
}

function sameDescriptor(a: PropertyDescriptor, b: PropertyDescriptor): boolean {
  return Object.is(a.value, b.value) && a.get === b.get && a.set === b.set;
}

/**
 * Puts the globals back as they were after hardening (new globals deleted, replaced ones restored).
 * Returns false when that is impossible (a frozen global object, a patched builtin prototype): the
 * sandbox must then be replaced by a fresh one.
 */
export function restoreGlobals(snapshot: Snapshot): boolean {
  let clean = Object.isExtensible(globalThis);
  for (const key of Reflect.ownKeys(globalThis)) {
    const saved = snapshot.globals.get(key);
    const now = Object.getOwnPropertyDescriptor(globalThis, key);
    if (!saved) {
      if (!Reflect.deleteProperty(globalThis, key)) clean = false;
    } else if (now && !sameDescriptor(saved, now)) {
      if (!Reflect.defineProperty(globalThis, key, saved)) clean = false;
    }
  }
  for (const key of snapshot.globals.keys()) {
    if (!Object.prototype.hasOwnProperty.call(globalThis, key)) {
      if (!Reflect.defineProperty(globalThis, key, snapshot.globals.get(key)!)) clean = false;
    }
  }
  for (const { target, keys, frozen } of snapshot.intrinsics) {
    if (Object.isFrozen(target) !== frozen) return false;
    const now = ownValues(target);
    if (now.size !== keys.size) return false;
    for (const [k, v] of now) if (!keys.has(k) || !Object.is(keys.get(k), v)) return false;
  }
  return clean;
}
