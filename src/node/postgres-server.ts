/**
 * A throwaway PostgreSQL server for tests and tools: `initdb` in a temporary folder, `pg_ctl start`
 * on a free port of 127.0.0.1 (its socket in the same folder), and `stop()` that shuts it down and
 * removes the folder. PostgreSQL refuses to run as root, so as root the folder is given to the
 * `postgres` user (created by Debian's package) and the binaries run as that user.
 *
 *   const server = await startPostgres();
 *   try { ... new pg.Client({ connectionString: server.url }) ... } finally { await server.stop(); }
 *
 * Binaries: `PG_BIN` when set, else the newest /usr/lib/postgresql/<version>/bin
 * (scripts/ensure-postgres.mjs installs them). Nothing is skipped: a missing binary is an error.
 */
import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PostgresServer {
  /** `postgresql://postgres@127.0.0.1:<port>/postgres` (trust authentication, no password). */
  url: string;
  port: number;
  /** The temporary folder holding the cluster (`data/`), the socket and the log. */
  dir: string;
  /** Stops the server (immediate shutdown) and removes the folder. Safe to call twice. */
  stop(): void;
}

export interface StartPostgresOptions {
  /** Folder with `initdb` and `pg_ctl`; default `PG_BIN` or the newest Debian install. */
  binDir?: string;
  /** Extra `postgres -c name=value` settings. */
  settings?: Record<string, string>;
}

/** The folder holding `initdb`/`pg_ctl`, or undefined when PostgreSQL is not installed. */
export function findPostgresBin(): string | undefined {
  const fromEnv = process.env.PG_BIN;
  if (fromEnv && existsSync(join(fromEnv, 'pg_ctl'))) return fromEnv;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'pg_ctl')));
  versions.sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? undefined : join(root, versions[0], 'bin');
}

/** A port that was free a moment ago on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}

const isRoot = (): boolean => typeof process.getuid === 'function' && process.getuid() === 0;

function userIds(name: string): { uid: number; gid: number } {
  const uid = spawnSync('id', ['-u', name], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', name], { encoding: 'utf8' });
  if (uid.status !== 0 || gid.status !== 0) {
    throw new Error(`PostgreSQL cannot run as root and there is no '${name}' user (install Debian's postgresql package)`);
  }
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/** Runs a PostgreSQL binary, as the `postgres` user when we are root; throws with its output on failure. */
function runBinary(bin: string, args: string[], cwd: string): void {
  const [cmd, argv] = isRoot() ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  const r = spawnSync(cmd, argv, { cwd, encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } });
  if (r.status !== 0) {
    const why = r.error ? r.error.message : `${r.stdout}\n${r.stderr}`.trim();
    throw new Error(`${bin.split('/').pop()} failed (exit ${String(r.status)}): ${why}`);
  }
}

/** Starts a fresh server; on any failure the folder is removed and the error thrown. */
export async function startPostgres(opts: StartPostgresOptions = {}): Promise<PostgresServer> {
  const bin = opts.binDir ?? findPostgresBin();
  if (!bin) throw new Error('PostgreSQL is not installed: run `node scripts/ensure-postgres.mjs` or set PG_BIN');
  const dir = mkdtempSync(join(tmpdir(), 'relata-pg-'));
  const data = join(dir, 'data');
  const log = join(dir, 'server.log');
  let started = false;
  const stop = (): void => {
    if (started) {
      started = false;
      try {
        runBinary(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop'], dir);
      } catch {
        // Already gone; the folder is removed below either way.
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    if (isRoot()) {
      const { uid, gid } = userIds('postgres');
      chownSync(dir, uid, gid);
    }
    runBinary(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync', '--locale=C'], dir);
    const port = await freePort();
    const settings: Record<string, string> = {
      listen_addresses: '127.0.0.1',
      port: String(port),
      unix_socket_directories: dir,
      fsync: 'off',
      synchronous_commit: 'off',
      full_page_writes: 'off',
      ...opts.settings,
    };
    const flags = Object.entries(settings).map(([k, v]) => `-c ${k}=${v}`).join(' ');
    started = true;
    try {
      runBinary(join(bin, 'pg_ctl'), ['-D', data, '-l', log, '-o', flags, '-w', '-t', '60', 'start'], dir);
    } catch (e) {
      const tail = existsSync(log) ? readFileSync(log, 'utf8').split('\n').slice(-20).join('\n') : '';
      throw new Error(`${(e as Error).message}\n${tail}`, { cause: e });
    }
    return { url: `postgresql://postgres@127.0.0.1:${port}/postgres`, port, dir, stop };
  } catch (e) {
    stop();
    throw e;
  }
}
