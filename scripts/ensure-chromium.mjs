#!/usr/bin/env node
// Makes sure a system Chromium exists for Playwright (CI is a clean Debian machine; we run as root).
// Never skips: when Chromium cannot be found or installed, exit non-zero with a clear message.
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';

const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function run(cmd) {
  console.log(`[ensure-chromium] $ ${cmd}`);
  execSync(cmd, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

if (existsSync(path)) {
  console.log(`[ensure-chromium] found ${path}`);
  process.exit(0);
}

console.log(`[ensure-chromium] ${path} is missing; installing the Debian chromium package`);
try {
  run('apt-get update');
  run('apt-get install -y --no-install-recommends chromium');
} catch (e) {
  console.error(`[ensure-chromium] installing chromium failed: ${e instanceof Error ? e.message : String(e)}`);
}

if (!existsSync(path)) {
  console.error(
    `[ensure-chromium] Chromium is still missing at ${path}. Install it (apt-get install chromium) ` +
      'or set CHROMIUM_PATH to a Chromium binary. e2e tests cannot run without it.',
  );
  process.exit(1);
}
console.log(`[ensure-chromium] installed ${path}`);
