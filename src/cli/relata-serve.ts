/**
 * `relata serve --database postgres://… [--port N] [--allow-writes] [--timeout MS]`: a local bridge
 * between the app and a PostgreSQL server. It accepts only the engine's own requests as JSON —
 * `POST /read` `{ model, request: QueryRequest }` and `POST /action` `{ model, request: ActionRequest }`
 * — and answers with the engine's coded Result; no raw SQL ever comes from the page. Guards:
 * - it listens on 127.0.0.1 only;
 * - the Host header must name this machine (127.0.0.1, localhost or [::1], this port): a page on
 *   another site that rebinds its DNS name to 127.0.0.1 still sends its own Host, and is refused;
 * - an Origin header, when sent (browsers always send one on these requests), must be a
 *   localhost origin (any port: the app's dev server, its preview, a built copy);
 * - every statement runs under `statement_timeout` (10 s by default);
 * - the user's tables are attached read-only (the layer refuses writes and the session is
 *   `default_transaction_read_only`) unless --allow-writes;
 * - bodies over 5 MB are refused; requests run one at a time on one connection.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createEngine } from '../core/engine/engine';
import type { Engine } from '../core/engine/engine';
import { postgresLayer } from '../core/datalayers/postgres/postgres-layer';
import { parseModelText } from '../core/model/parse';
import type { ActionRequest } from '../core/actions/run';
import type { QueryRequest } from '../core/query/types';
import type { RelataError } from '../core/result';
import { connectPg } from '../node/postgres-drivers';
import { createNodeManualRunner } from '../node/manual-runner';

export const SERVE_HELP = `  relata serve --database postgres://… [--port N] [--allow-writes] [--timeout MS]
      Starts a local bridge on 127.0.0.1 (default port 7433) that the app's previews can run
      against: it takes only the engine's read and action requests (JSON, no SQL), only from this
      machine (Host and Origin checked), with a statement timeout (10 s). Read-only unless
      --allow-writes. Stops on Ctrl+C.
`;

const MAX_BODY = 5 * 1024 * 1024;
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export interface BridgeOptions {
  url: string;
  /** 0 picks a free port. */
  port?: number;
  allowWrites?: boolean;
  timeoutMs?: number;
  /** Time limit of manual relationship code (run in Node's sandbox workers); default 2000 ms. */
  manualTimeoutMs?: number;
}

export interface Bridge {
  port: number;
  readOnly: boolean;
  close(): Promise<void>;
}

/** `host:port` or `host` names this machine (and, with a port, this bridge's port). */
function localHost(value: string | undefined, port: number): boolean {
  if (!value) return false;
  const m = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(value.toLowerCase());
  if (!m || !LOCAL_HOSTS.has(m[1]!)) return false;
  return m[2] === undefined || Number(m[2]) === port;
}

/** An origin the bridge serves: http(s) on a localhost name, any port. */
export function localOrigin(origin: string): boolean {
  try {
    const u = new URL(origin);
    return (u.protocol === 'http:' || u.protocol === 'https:') && LOCAL_HOSTS.has(u.hostname.toLowerCase());
  } catch {
    return false;
  }
}

const coded = (code: RelataError['code'], message: string) => ({ ok: false as const, error: { code, message } });

/** Starts the bridge; resolves once it listens (rejects when the database cannot be reached). */
export async function startBridge(options: BridgeOptions): Promise<Bridge> {
  const readOnly = !options.allowWrites;
  const conn = await connectPg(options.url, { statementTimeoutMs: options.timeoutMs ?? 10_000 });
  if (readOnly) await conn.client.query('SET default_transaction_read_only = on');
  let chain: Promise<unknown> = Promise.resolve();
  let cached: { json: string; engine: Engine } | null = null;
  let port = 0;
  // Manual relationships run as in the app: in sandbox workers, with a time limit.
  const manualRunner = createNodeManualRunner({ timeoutMs: options.manualTimeoutMs ?? 2000 });

  function engineFor(model: unknown): { ok: true; engine: Engine } | ReturnType<typeof coded> {
    const json = JSON.stringify(model);
    if (cached?.json === json) return { ok: true, engine: cached.engine };
    const parsed = parseModelText(json);
    if (!parsed.ok) return { ok: false, error: parsed.error };
    const created = createEngine({ model: parsed.value, layer: postgresLayer(conn.driver, { attach: true, readOnly }), manualRunner });
    if (!created.ok) return { ok: false, error: created.error };
    cached = { json, engine: created.value };
    return { ok: true, engine: created.value };
  }

  async function handle(kind: 'read' | 'action', body: { model?: unknown; request?: unknown }): Promise<unknown> {
    if (!body || typeof body !== 'object' || body.model === undefined || !body.request || typeof body.request !== 'object') {
      return coded('invalid_query', 'the body is { "model": <relata model>, "request": <query or action request> }');
    }
    const e = engineFor(body.model);
    if (!e.ok) return e;
    return kind === 'read' ? e.engine.read(body.request as QueryRequest) : e.engine.runAction(body.request as ActionRequest);
  }

  const send = (res: ServerResponse, status: number, value: unknown, origin: string | undefined) => {
    const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };
    if (origin) {
      headers['access-control-allow-origin'] = origin;
      headers.vary = 'Origin';
    }
    res.writeHead(status, headers);
    res.end(JSON.stringify(value));
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const origin = req.headers.origin;
    if (!localHost(req.headers.host, port)) return send(res, 403, coded('invalid_query', 'the bridge answers requests to 127.0.0.1 or localhost only'), undefined);
    if (origin !== undefined && !localOrigin(origin)) return send(res, 403, coded('invalid_query', `origin ${origin} is not this machine`), undefined);
    const path = (req.url ?? '').split('?')[0];
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        'access-control-allow-origin': origin ?? '',
        'access-control-allow-methods': 'GET, POST',
        'access-control-allow-headers': 'content-type',
        'access-control-max-age': '600',
        // Chrome's Private Network Access preflight: a localhost page may call this localhost bridge.
        'access-control-allow-private-network': 'true',
        vary: 'Origin',
      });
      return res.end();
    }
    if (req.method === 'GET' && path === '/health') return send(res, 200, { ok: true, value: { readOnly, flavor: conn.driver.flavor } }, origin);
    if (req.method !== 'POST' || (path !== '/read' && path !== '/action')) return send(res, 404, coded('not_found', 'the bridge serves POST /read, POST /action and GET /health'), origin);
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) return send(res, 415, coded('invalid_query', 'send the request as application/json'), origin);
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY && !refused) {
        refused = true;
        send(res, 413, coded('too_large', 'the request is over 5 MB'), origin);
        req.destroy();
      } else if (!refused) chunks.push(c);
    });
    req.on('end', () => {
      if (refused) return;
      let body: { model?: unknown; request?: unknown };
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof body;
      } catch (e) {
        return send(res, 400, coded('invalid_query', `the body is not JSON: ${(e as Error).message}`), origin);
      }
      const run = chain.then(() => handle(path === '/read' ? 'read' : 'action', body));
      chain = run.catch(() => undefined);
      run.then(
        (result) => send(res, 200, result, origin),
        (e: unknown) => send(res, 500, coded('internal_error', e instanceof Error ? e.message : String(e)), origin),
      );
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 7433, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    port,
    readOnly,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      manualRunner.dispose();
      await conn.close();
    },
  };
}

export interface ServeIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

/** The CLI command: starts the bridge and waits for Ctrl+C (or `stop`, for tests). */
export async function runServe(options: Map<string, string | true>, io: ServeIo, usage: (m: string) => number, stop?: Promise<void>): Promise<number> {
  const url = options.get('database');
  if (typeof url !== 'string' || !/^postgres(ql)?:\/\//.test(url)) return usage('serve needs --database postgres://…');
  const portText = options.get('port');
  const port = typeof portText === 'string' ? Number(portText) : 7433;
  if (!Number.isInteger(port) || port < 0 || port > 65535) return usage('--port is a port number');
  const timeout = options.get('timeout');
  const timeoutMs = typeof timeout === 'string' ? Number(timeout) : 10_000;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) return usage('--timeout is a number of milliseconds');
  let bridge: Bridge;
  try {
    bridge = await startBridge({ url, port, allowWrites: options.has('allow-writes'), timeoutMs });
  } catch (e) {
    io.stderr(`relata serve: cannot start: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
  io.stdout(`Relata bridge on http://127.0.0.1:${bridge.port} (${bridge.readOnly ? 'read-only' : 'writes allowed'}, statement timeout ${timeoutMs} ms); Ctrl+C stops it\n`);
  await (stop ?? new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  }));
  await bridge.close();
  return 0;
}
