/**
 * The app server for the UI benchmark: by default a production build (`vite build` into a temporary
 * directory, served by `vite preview`), which is what users run and is not disturbed by edits made
 * to src/ meanwhile; `--dev` uses the Vite dev server (no HMR); BENCH_URL uses a running server.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface AppServer {
  url: string;
  mode: 'preview' | 'dev' | 'external';
  /** Build time (preview mode). */
  buildMs?: number;
  stop(): Promise<void>;
}

async function waitFor(url: string, ms: number, child?: ChildProcess): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (child && child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not come up within ${ms} ms`);
}

async function isUp(url: string): Promise<boolean> {
  try {
    await fetch(url);
    return true;
  } catch {
    return false;
  }
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

function serve(args: string[], url: string, env: NodeJS.ProcessEnv, cleanup: () => void, mode: AppServer['mode'], buildMs?: number): Promise<AppServer> {
  // Own process group, so stopping it also stops the esbuild/vite children it spawned.
  const child = spawn('npx', args, { env: { ...process.env, ...env }, stdio: 'ignore', detached: true });
  const stop = async () => {
    if (child.exitCode === null && child.pid) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    cleanup();
  };
  return waitFor(url, 60_000, child).then(
    () => ({ url, mode, buildMs, stop }),
    async (e: unknown) => {
      await stop();
      throw e;
    },
  );
}

export async function startAppServer(opts: { dev: boolean; port: number }): Promise<AppServer> {
  const external = process.env.BENCH_URL;
  if (external) {
    await waitFor(external, 30_000);
    return { url: external.replace(/\/$/, ''), mode: 'external', stop: async () => undefined };
  }
  const host = '127.0.0.1';
  const url = `http://${host}:${opts.port}`;
  if (opts.dev) {
    return serve(['vite', '--host', host, '--port', String(opts.port), '--strictPort'], url, { RELATA_NO_HMR: '1' }, () => undefined, 'dev');
  }
  // A server left on the port (an earlier run killed before it could stop its own) would answer in
  // place of this build, and the figures would be of old code.
  if (await isUp(url)) throw new Error(`${url} already answers: stop the server on port ${opts.port} (or set BENCH_PORT)`);
  const outDir = mkdtempSync(join(tmpdir(), 'relata-bench-dist-'));
  const cleanup = () => rmSync(outDir, { recursive: true, force: true });
  const t0 = Date.now();
  // No source maps: they only slow the build down here.
  const built = await run('npx', ['vite', 'build', '--outDir', outDir, '--emptyOutDir', '--sourcemap', 'false', '--logLevel', 'warn']);
  const buildMs = Date.now() - t0;
  if (built.code !== 0) {
    cleanup();
    throw new Error(`vite build failed (use --dev to benchmark the dev server):\n${built.output.slice(-3000)}`);
  }
  return serve(['vite', 'preview', '--outDir', outDir, '--host', host, '--port', String(opts.port), '--strictPort'], url, {}, cleanup, 'preview', buildMs);
}
