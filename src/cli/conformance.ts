/**
 * `npm run conformance -- [dir ...]`: runs every case file of the given folders on both data layers
 * (spec §6) and ends with `N passed, M failed`. Default folders: the project's own cases
 * (test/conformance/cases) and the shared ones (../shared/conformance/cases) when present.
 *
 * test/conformance/expected-failures.json lists case ids known to fail (like test262's
 * expectations): they are printed and counted, but do not fail the run; an unlisted failure does,
 * and a listed case that passes is reported so it gets removed.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import initSqlJs from 'sql.js';
import type { ConformanceCase, LayerKind } from '../core/conformance/case-runner';
import { runCase } from '../core/conformance/case-runner';
import { memoryLayer } from '../core/datalayers/memory/memory-layer';
import { sqliteLayer } from '../core/datalayers/sqlite/sqlite-layer';
import { createNodeManualRunner } from '../node/manual-runner';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

async function main(): Promise<number> {
  const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7);
  const dirs = args.length > 0 ? args.map((a) => resolve(a)) : defaultDirs();
  const expected = loadExpectations();
  const SQL = await initSqlJs();
  const runner = createNodeManualRunner();
  const layers: LayerKind[] = ['sqlite', 'memory'];
  let passed = 0;
  let failed = 0;
  let unexpected = 0;
  const fixed: string[] = [];
  try {
    for (const dir of dirs) {
      const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
      for (const file of files) {
        let c: ConformanceCase;
        try {
          c = JSON.parse(readFileSync(join(dir, file), 'utf8')) as ConformanceCase;
        } catch (e) {
          console.log(`FAIL ${file}: not valid JSON: ${(e as Error).message}`);
          failed += 2;
          unexpected += 2;
          continue;
        }
        if (only && !c.id.includes(only)) continue;
        let caseFailed = false;
        for (const layer of layers) {
          const failures = await runCase(c, layer, {
            layer: (kind) => (kind === 'memory' ? memoryLayer() : sqliteLayer(new SQL.Database())),
            manualRunner: runner,
          });
          if (failures.length === 0) {
            passed++;
            continue;
          }
          failed++;
          caseFailed = true;
          const known = expected.has(c.id);
          if (!known) unexpected++;
          for (const f of failures) {
            console.log(`${known ? 'KNOWN' : 'FAIL '} ${c.id} [${layer}] step ${f.step} (${f.op}): ${f.message}`);
          }
        }
        if (!caseFailed && expected.has(c.id)) fixed.push(c.id);
      }
    }
  } finally {
    runner.dispose();
  }
  for (const id of fixed) console.log(`PASSES NOW (remove from expected-failures.json): ${id}`);
  console.log(`${passed} passed, ${failed} failed`);
  return unexpected > 0 || fixed.length > 0 ? 1 : 0;
}

function defaultDirs(): string[] {
  const dirs = [join(root, 'test/conformance/cases')];
  const shared = resolve(root, '../shared/conformance/cases');
  if (existsSync(shared)) dirs.push(shared);
  return dirs.filter((d) => existsSync(d));
}

function loadExpectations(): Set<string> {
  const file = join(root, 'test/conformance/expected-failures.json');
  if (!existsSync(file)) return new Set();
  const ids = JSON.parse(readFileSync(file, 'utf8')) as string[];
  return new Set(ids);
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(2);
  },
);
