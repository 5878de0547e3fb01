/**
 * `npm run conformance -- [--layer memory|sqlite|pglite|postgres] [dir ...]`: runs every case file of
 * the given folders on the data layers (spec §6; default every layer available: postgres when
 * `RELATA_PG_URL` names a server or PostgreSQL is installed, the runner then starting a throwaway
 * server itself) and ends with `N passed, M failed`. pglite and postgres give each case a fresh schema. Default folders: the project's own cases
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
import type { LayerFactory } from '../core/datalayers/data-layer';
import type { PgDriver } from '../core/datalayers/postgres/driver';
import { postgresLayer } from '../core/datalayers/postgres/postgres-layer';
import { connectPg, openPglite } from '../node/postgres-drivers';
import { findPostgresBin, startPostgres } from '../node/postgres-server';
import { createNodeManualRunner } from '../node/manual-runner';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const layerArg = argv.flatMap((a, i) => (a === '--layer' ? [argv[i + 1] ?? ''] : a.startsWith('--layer=') ? [a.slice(8)] : []));
  const args = argv.filter((a, i) => !a.startsWith('--') && argv[i - 1] !== '--layer');
  const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7);
  const dirs = args.length > 0 ? args.map((a) => resolve(a)) : defaultDirs();
  const expected = loadExpectations();
  const SQL = await initSqlJs();
  const runner = createNodeManualRunner();
  const all: LayerKind[] = ['sqlite', 'memory', 'pglite', 'postgres'];
  const requested = layerArg.flatMap((l) => l.split(','));
  for (const l of requested) if (!all.includes(l as LayerKind)) throw new Error(`unknown layer ${JSON.stringify(l)} (memory, sqlite, pglite or postgres)`);
  const layers: LayerKind[] =
    requested.length > 0 ? (requested as LayerKind[]) : all.filter((l) => l !== 'postgres' || process.env.RELATA_PG_URL || findPostgresBin());
  const servers = await openServers(layers);
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
            layer: async (kind): Promise<LayerFactory> => {
              if (kind === 'memory') return memoryLayer();
              if (kind === 'sqlite') return sqliteLayer(new SQL.Database());
              const driver = servers.get(kind)!;
              await driver.query('DROP SCHEMA IF EXISTS relata_case CASCADE');
              await driver.query('CREATE SCHEMA relata_case');
              await driver.query('SET search_path TO relata_case');
              return postgresLayer(driver);
            },
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
    await servers.close();
  }
  for (const id of fixed) console.log(`PASSES NOW (remove from expected-failures.json): ${id}`);
  console.log(`${passed} passed, ${failed} failed`);
  return unexpected > 0 || fixed.length > 0 ? 1 : 0;
}

/** One PGlite database and one PostgreSQL connection (a throwaway server unless RELATA_PG_URL), as needed. */
async function openServers(layers: LayerKind[]): Promise<{ get(kind: LayerKind): PgDriver | undefined; close(): Promise<void> }> {
  const drivers = new Map<LayerKind, PgDriver>();
  const closers: Array<() => Promise<void> | void> = [];
  try {
    if (layers.includes('pglite')) {
      const lite = await openPglite();
      drivers.set('pglite', lite.driver);
      closers.push(() => lite.close());
    }
    if (layers.includes('postgres')) {
      let url = process.env.RELATA_PG_URL;
      if (!url) {
        const server = await startPostgres();
        closers.push(() => server.stop());
        url = server.url;
      }
      const conn = await connectPg(url, { statementTimeoutMs: 30_000 });
      closers.unshift(() => conn.close());
      drivers.set('postgres', conn.driver);
    }
  } catch (e) {
    for (const c of closers) await c();
    throw e;
  }
  return {
    get: (kind) => drivers.get(kind),
    close: async () => {
      for (const c of closers) await c();
    },
  };
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
