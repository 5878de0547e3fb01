import { pgliteDriver, pgliteParsers } from '../core/datalayers/postgres/pglite-driver';
import type { PGliteLike } from '../core/datalayers/postgres/pglite-driver';
import type { PgHandle } from './pg-mirror';

/**
 * PGlite in the engine worker: imported only through `import('./pglite')` when PostgreSQL is chosen,
 * so Vite puts it (and its wasm and data files) in chunks the SQLite start-up never fetches.
 */
export async function openBrowserPglite(): Promise<PgHandle> {
  const { PGlite } = await import('@electric-sql/pglite');
  const db = (await PGlite.create({ parsers: pgliteParsers })) as unknown as PGliteLike;
  return { driver: pgliteDriver(db), close: () => db.close() };
}
