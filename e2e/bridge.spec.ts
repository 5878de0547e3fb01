import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { createEngine } from '../src/core/engine/engine';
import { postgresLayer } from '../src/core/datalayers/postgres/postgres-layer';
import { helpdeskData, helpdeskModel } from '../src/core/templates/helpdesk';
import { connectPg } from '../src/node/postgres-drivers';
import { startPostgres } from '../src/node/postgres-server';
import type { PostgresServer } from '../src/node/postgres-server';
import { startBridge } from '../src/cli/relata-serve';
import type { Bridge } from '../src/cli/relata-serve';

/**
 * "Connect to a database": the app previews the helpdesk model against a real PostgreSQL server (a
 * throwaway one started here, scripts/ensure-postgres.mjs installs it) through `relata serve`'s
 * bridge, read-only; disconnecting returns to the sample rows.
 */

const live = (page: Page) => page.getByRole('region', { name: 'Live preview' });

let server: PostgresServer;
let bridge: Bridge;

test.beforeAll(async () => {
  test.setTimeout(90_000);
  server = await startPostgres();
  // The user's tables: the helpdesk data, loaded once by the postgres layer, one name changed by hand.
  const conn = await connectPg(server.url);
  const engine = createEngine({ model: helpdeskModel, layer: postgresLayer(conn.driver) });
  if (!engine.ok) throw new Error(engine.error.message);
  engine.value.load(helpdeskData);
  await engine.value.read({ resource: 'User' });
  await conn.client.query(`UPDATE representative SET name = 'Served by PostgreSQL' WHERE id = 1`);
  await conn.close();
  bridge = await startBridge({ url: server.url, port: 0 });
});

test.afterAll(async () => {
  await bridge?.close();
  server?.stop();
});

test('previews run on a PostgreSQL server through the local bridge, then back on the sample rows', async ({ page }) => {
  await page.goto('/?fixture=helpdesk');
  const panel = live(page);
  await expect(panel).toHaveAttribute('aria-busy', 'false', { timeout: 20_000 });
  await panel.getByRole('button', { name: 'Connect to a database…' }).click();
  const form = panel.getByRole('form', { name: 'Connect to a database' });
  // A wrong port: a coded error, nothing connected.
  await form.getByLabel('Bridge address').fill('http://127.0.0.1:1');
  await form.getByRole('button', { name: 'Connect' }).click();
  await expect(form.getByRole('alert')).toContainText('did not answer');
  await form.getByLabel('Bridge address').fill(`http://127.0.0.1:${bridge.port}`);
  await form.getByRole('button', { name: 'Connect' }).click();
  await expect(panel.getByRole('status').filter({ hasText: 'Database:' })).toContainText(`127.0.0.1:${bridge.port} (read-only)`);
  expect(await page.evaluate(() => sessionStorage.getItem('relata:bridge'))).toBe(`http://127.0.0.1:${bridge.port}`);
  expect(await page.evaluate(() => localStorage.getItem('relata:bridge'))).toBeNull();

  await panel.getByLabel('Root resource').selectOption('Representative');
  await panel.getByLabel('Load tickets', { exact: true }).check();
  await panel.getByLabel('Load tickets_above_threshold', { exact: true }).check();
  await panel.getByRole('tab', { name: 'JSON' }).click();
  const json = panel.getByLabel('Records JSON');
  await expect(json).toContainText('"name": "Served by PostgreSQL"', { timeout: 20_000 });
  await expect(json).toContainText('"tickets": [');
  // The manual relationship's code ran in the bridge's sandbox, its read on the server.
  await expect(json).toContainText(/"tickets_above_threshold": \[\s*\{/);
  await panel.getByRole('tab', { name: /^SQL/ }).click();
  await expect(panel.getByRole('list', { name: 'SQL statements' })).toContainText('= ANY($1::bigint[])');

  // Disconnected: the preview reads the worker's sample rows again (none generated here).
  await panel.getByRole('button', { name: 'Disconnect' }).click();
  await expect(panel.getByRole('button', { name: 'Connect to a database…' })).toBeVisible();
  await panel.getByRole('tab', { name: 'JSON' }).click();
  await expect(json).toHaveText('[]', { timeout: 20_000 });
  expect(await page.evaluate(() => sessionStorage.getItem('relata:bridge'))).toBeNull();
});
