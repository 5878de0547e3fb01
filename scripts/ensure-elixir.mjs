#!/usr/bin/env node
// Makes sure `elixir` exists: the Elixir exporter's tests parse every generated file with Elixir's
// own parser (`Code.string_to_quoted!`). CI is a clean Debian machine and we run as root, so a missing
// elixir is installed from Debian's `elixir` package. Never skips: exits non-zero when it cannot.
import { execSync, spawnSync } from 'node:child_process';

const binary = process.env.ELIXIR_PATH ?? 'elixir';

function found() {
  const r = spawnSync(binary, ['-e', 'IO.puts(System.version())'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

function run(cmd) {
  console.log(`[ensure-elixir] $ ${cmd}`);
  execSync(cmd, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

const before = found();
if (before) {
  console.log(`[ensure-elixir] found elixir ${before}`);
  process.exit(0);
}

console.log('[ensure-elixir] elixir is missing; installing the Debian elixir package');
try {
  run('apt-get update');
  run('apt-get install -y --no-install-recommends elixir');
} catch (e) {
  console.error(`[ensure-elixir] installing elixir failed: ${e instanceof Error ? e.message : String(e)}`);
}

const after = found();
if (!after) {
  console.error(
    '[ensure-elixir] elixir is still missing. Install it (apt-get install elixir) or set ELIXIR_PATH. ' +
      'The Elixir export tests cannot run without it.',
  );
  process.exit(1);
}
console.log(`[ensure-elixir] installed elixir ${after}`);
