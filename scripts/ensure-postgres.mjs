#!/usr/bin/env node
// Makes sure a PostgreSQL server binary exists: the export tests run every generated PostgreSQL DDL on
// a real server that the tests start themselves (src/node/postgres-server.ts). CI is a clean Debian
// machine and we run as root, so a missing server is installed from Debian's `postgresql` package.
// Never skips: exits non-zero when it cannot.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = '/usr/lib/postgresql';

function found() {
  if (process.env.PG_BIN && existsSync(join(process.env.PG_BIN, 'pg_ctl'))) return process.env.PG_BIN;
  if (!existsSync(ROOT)) return null;
  const versions = readdirSync(ROOT).filter((v) => existsSync(join(ROOT, v, 'bin', 'pg_ctl')));
  versions.sort((a, b) => Number(b) - Number(a));
  return versions.length > 0 ? join(ROOT, versions[0], 'bin') : null;
}

function run(cmd) {
  console.log(`[ensure-postgres] $ ${cmd}`);
  execSync(cmd, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

const before = found();
if (before) {
  console.log(`[ensure-postgres] found PostgreSQL in ${before}`);
  process.exit(0);
}

console.log('[ensure-postgres] PostgreSQL is missing; installing the Debian postgresql package');
try {
  run('apt-get update');
  run('apt-get install -y --no-install-recommends postgresql');
} catch (e) {
  console.error(`[ensure-postgres] installing postgresql failed: ${e instanceof Error ? e.message : String(e)}`);
}

const after = found();
if (!after) {
  console.error(
    '[ensure-postgres] PostgreSQL is still missing. Install it (apt-get install postgresql) or set PG_BIN to ' +
      'the folder holding initdb and pg_ctl. The PostgreSQL export tests cannot run without it.',
  );
  process.exit(1);
}
console.log(`[ensure-postgres] installed PostgreSQL in ${after}`);
