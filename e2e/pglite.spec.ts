import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { openFixture } from './helpers';

/**
 * The helpdesk template previewed on PostgreSQL (PGlite) in the engine worker: a nested preview
 * through the manual relationship, PostgreSQL's SQL in the SQL tab, an action run on PGlite and
 * written back to the sample rows, then back to SQLite.
 */

const live = (page: Page) => page.getByRole('region', { name: 'Live preview' });

async function generate(page: Page, counts: Record<string, number>) {
  await expect(live(page)).toHaveAttribute('aria-busy', 'false', { timeout: 20_000 });
  await live(page).getByRole('tab', { name: /^Data/ }).click();
  await live(page).getByRole('button', { name: 'Generate data…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Generate data' });
  for (const [name, n] of Object.entries(counts)) await dialog.getByLabel(`Rows of ${name}`).fill(String(n));
  await dialog.getByRole('button', { name: 'Generate', exact: true }).click();
  await expect(dialog.getByText(/^Generated [\d,]+ rows/)).toBeVisible({ timeout: 15_000 });
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(dialog).toBeHidden();
}

test('previews the helpdesk template on PostgreSQL (PGlite), runs an action there, and goes back to SQLite', async ({ page }) => {
  test.setTimeout(120_000);
  // PGlite is fetched only once chosen: note every request from here on.
  const requested: string[] = [];
  page.on('request', (r) => requested.push(r.url()));
  await openFixture(page, 'helpdesk');
  await generate(page, { User: 10, Representative: 4, Ticket: 60, Comment: 150 });
  expect(requested.filter((u) => /pglite/i.test(u))).toEqual([]);

  const panel = live(page);
  const engine = panel.getByLabel('Engine');
  await expect(engine).toHaveValue('sqlite');
  await engine.selectOption({ label: 'PostgreSQL (PGlite)' });
  await expect(engine).toHaveValue('pglite');
  await expect(engine).toBeEnabled({ timeout: 60_000 });
  await expect(panel.getByRole('alert')).toHaveCount(0);
  expect(requested.some((u) => /pglite.*\.wasm$/.test(u))).toBe(true);

  // Representative → tickets_above_threshold → comments, on PostgreSQL.
  await panel.getByRole('tab', { name: 'Preview' }).click();
  await panel.getByLabel('Root resource').selectOption('Representative');
  await panel.getByLabel('Load tickets_above_threshold', { exact: true }).check();
  await panel.getByLabel('Load tickets_above_threshold.comments', { exact: true }).check();
  const hops = panel.getByRole('list', { name: 'Statements per hop' });
  await expect(hops).toContainText('Representative.tickets_above_threshold.comments: 1 statement', { timeout: 30_000 });
  await expect(hops).toContainText('Representative.tickets_above_threshold: 1 statement');
  const tree = panel.getByRole('tree', { name: 'Records' });
  await expect(tree.getByRole('treeitem')).not.toHaveCount(0);
  await expect(tree.getByRole('group', { name: 'tickets_above_threshold' }).first()).toBeVisible();
  await expect(tree.getByRole('group', { name: 'comments' }).first()).toBeAttached();
  await panel.getByRole('tab', { name: 'JSON' }).click();
  const json = panel.getByLabel('Records JSON');
  await expect(json).toContainText(/"tickets_above_threshold": \[\s*\{/);
  await expect(json).toContainText(/"comments": \[\s*\{\s*"id": \d+/);
  await panel.getByRole('tab', { name: /^SQL/ }).click();
  const sql = panel.getByRole('list', { name: 'SQL statements' });
  await expect(sql.getByRole('listitem')).toHaveCount(3);
  await expect(sql).toContainText('= ANY($1');
  await expect(sql).toContainText('::bigint[]');

  // An action on PostgreSQL: its SQL is PostgreSQL's, its row reaches the sample data.
  await panel.getByRole('tab', { name: 'Actions' }).click();
  await panel.getByLabel('Action resource').selectOption('Ticket');
  await panel.getByLabel('Action', { exact: true }).selectOption('open');
  await panel.getByLabel('Input subject', { exact: true }).fill('Printer on fire');
  await panel.getByLabel('Input reporter_id', { exact: true }).fill('2');
  await panel.getByRole('button', { name: 'Run action' }).click();
  const result = panel.getByRole('region', { name: 'Action result' });
  await expect(result.getByRole('list', { name: 'Changed rows' }).getByRole('listitem', { name: 'insert Ticket' })).toBeVisible({ timeout: 20_000 });
  await expect(result.getByRole('list', { name: 'SQL statements' })).toContainText(/INSERT INTO "ticket" .*VALUES \(\$1/);
  await expect(panel.getByRole('tab', { name: 'Data (225)' })).toBeVisible();

  // Back to SQLite: the new ticket is there, and the SQL is SQLite's again.
  await engine.selectOption({ label: 'SQLite (sql.js)' });
  await expect(engine).toHaveValue('sqlite');
  await expect(engine).toBeEnabled();
  await panel.getByRole('tab', { name: 'Preview' }).click();
  await panel.getByLabel('Root resource').selectOption('Ticket');
  await panel.getByRole('tab', { name: 'JSON' }).click();
  await expect(panel.getByLabel('Records JSON')).toContainText('"subject": "Printer on fire"', { timeout: 20_000 });
  await panel.getByRole('tab', { name: /^SQL/ }).click();
  await expect(sql.getByRole('listitem')).toHaveCount(1);
  await expect(sql).toContainText('FROM "ticket"');
  await expect(sql).not.toContainText('$1');
});

test('PGlite failing to load is a coded error in the panel, and the engine stays on SQLite', async ({ page }) => {
  await page.route(/pglite.*\.(wasm|data)$/, (route) => route.abort());
  await openFixture(page, 'helpdesk');
  const panel = live(page);
  await expect(panel).toHaveAttribute('aria-busy', 'false', { timeout: 20_000 });
  const engine = panel.getByLabel('Engine');
  await engine.selectOption({ label: 'PostgreSQL (PGlite)' });
  await expect(panel.getByRole('alert')).toContainText('internal_error', { timeout: 30_000 });
  await expect(panel.getByRole('alert')).toContainText('PostgreSQL (PGlite) could not be loaded');
  await expect(engine).toHaveValue('sqlite');
  expect(await page.evaluate(() => localStorage.getItem('relata:engine'))).toBeNull();
  // Previews still run, on SQLite.
  await panel.getByLabel('Root resource').selectOption('Ticket');
  await panel.getByRole('tab', { name: /^SQL/ }).click();
  await expect(panel.getByRole('list', { name: 'SQL statements' })).toContainText('FROM "ticket"');
});
