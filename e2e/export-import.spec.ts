import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import type { Download, Locator, Page } from '@playwright/test';
import { exportedJson, openApp, openFixture, resourceNode } from './helpers';

/** A full page load (module graph, IndexedDB, worker) can take a while on a busy machine. */
const BOOT = 20_000;

async function downloadOf(page: Page, button: Locator): Promise<{ name: string; bytes: Buffer }> {
  const [download]: [Download, void] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), bytes: await readFile(path) };
}

async function openExport(page: Page) {
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Export model' });
  await expect(dialog).toBeVisible();
  return dialog;
}

async function openImport(page: Page, format: string) {
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Import model' });
  await dialog.getByRole('radio', { name: format, exact: true }).check();
  return dialog;
}

test('every export format downloads plausible content, and Copy copies it', async ({ page, context }) => {
  test.slow(); // many downloads, and a PNG drawn in the page
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openFixture(page, 'blog');
  const dialog = await openExport(page);

  const textFormats: [string, RegExp][] = [
    ['TypeScript', /export const model = defineModel\(/],
    ['SQL (SQLite)', /CREATE TABLE/],
    ['SQL (PostgreSQL)', /CREATE TABLE/],
    ['Mermaid ER diagram', /erDiagram/],
  ];
  for (const [format, expected] of textFormats) {
    await dialog.getByRole('radio', { name: format, exact: true }).check();
    await expect(dialog.getByRole('textbox', { name: format })).toHaveValue(expected);
    const file = await downloadOf(page, dialog.getByRole('button', { name: /^Download / }));
    expect(file.bytes.toString('utf8'), format).toMatch(expected);
  }

  // Copy puts the shown text on the clipboard.
  await dialog.getByRole('radio', { name: 'Mermaid ER diagram', exact: true }).check();
  await dialog.getByRole('button', { name: 'Copy', exact: true }).click();
  await expect(dialog.getByRole('status')).toHaveText('Copied to the clipboard');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(/^erDiagram/);

  // Ash: several files, each downloadable, or all as one bundle.
  await dialog.getByRole('radio', { name: 'Ash resources (Elixir)', exact: true }).check();
  const files = dialog.getByRole('list', { name: 'Exported files' }).getByRole('listitem');
  expect(await files.count()).toBeGreaterThan(3);
  const one = await downloadOf(page, dialog.getByRole('button', { name: /^Download lib\/.*post\.ex$/ }));
  expect(one.name).toBe('post.ex');
  expect(one.bytes.toString('utf8')).toContain('defmodule');
  const bundle = await downloadOf(page, dialog.getByRole('button', { name: /^Download all/ }));
  const bundleText = bundle.bytes.toString('utf8');
  expect(bundleText.match(/^defmodule /gm)?.length).toBeGreaterThan(3);

  // Images of the whole diagram.
  await dialog.getByRole('radio', { name: 'PNG image', exact: true }).check();
  await expect(dialog.getByRole('img', { name: /Preview of the Blog diagram/ })).toBeVisible();
  const png = await downloadOf(page, dialog.getByRole('button', { name: /^Download .*\.png$/ }));
  expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(png.bytes.length).toBeGreaterThan(5000);

  await dialog.getByRole('radio', { name: 'SVG image', exact: true }).check();
  const svg = await downloadOf(page, dialog.getByRole('button', { name: /^Download .*\.svg$/ }));
  const svgText = svg.bytes.toString('utf8');
  expect(svgText).toContain('<svg');
  for (const name of ['Author', 'Post', 'Comment', 'PostCategory']) expect(svgText).toContain(`data-resource="${name}"`);

  await dialog.getByRole('radio', { name: 'JSON', exact: true }).check();
  await expect(dialog.getByLabel('Model JSON')).toHaveValue(/"format": "relata\/model@1"/);
});

const DDL = `CREATE TABLE stores (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL
);
CREATE TABLE products (
  id INTEGER PRIMARY KEY,
  title TEXT,
  store_id INTEGER NOT NULL REFERENCES stores(id)
);`;

test('SQL DDL imports as resources with a belongs_to and an offered inverse, as one undoable step', async ({ page }) => {
  await openFixture(page, 'helpdesk');
  const dialog = await openImport(page, 'SQL DDL (SQLite)');

  // Input where no table can be read lists its problem with the line and imports nothing.
  await dialog.getByRole('textbox', { name: /^Paste SQL DDL/ }).fill('-- a broken dump\n\nCREATE TABLE x (;');
  const problems = dialog.getByRole('list', { name: 'Import problems' });
  await expect(problems).toContainText('Line 3:');
  await expect(dialog.getByRole('button', { name: /^Import \d+ resource/ })).toHaveCount(0);

  await dialog.getByRole('textbox', { name: /^Paste SQL DDL/ }).fill(DDL);
  await expect(dialog.getByText('Reads as 2 resources: Store, Product.')).toBeVisible();
  const inverse = dialog.getByRole('checkbox', { name: /Add has_many :products to Store/ });
  await expect(inverse).toBeChecked();
  await dialog.getByRole('button', { name: 'Import 2 resources' }).click();
  await expect(dialog).toBeHidden();

  await expect(resourceNode(page, 'Store')).toBeVisible();
  await expect(resourceNode(page, 'Product')).toBeVisible();
  await expect(resourceNode(page, 'Ticket')).toBeHidden();
  const model = JSON.parse(await exportedJson(page));
  expect(model.name).toBe('Helpdesk');
  const product = model.resources.find((r: { name: string }) => r.name === 'Product');
  const store = model.resources.find((r: { name: string }) => r.name === 'Store');
  expect(product.relationships).toEqual([expect.objectContaining({ kind: 'belongs_to', name: 'store', destination: 'Store' })]);
  expect(store.relationships).toEqual([expect.objectContaining({ kind: 'has_many', name: 'products', destination: 'Product' })]);

  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(resourceNode(page, 'Ticket')).toBeVisible();
  await expect(resourceNode(page, 'Store')).toBeHidden();
});

test('an unchecked suggestion is not applied', async ({ page }) => {
  await openFixture(page, 'helpdesk');
  const dialog = await openImport(page, 'SQL DDL (PostgreSQL)');
  await dialog.getByRole('textbox', { name: /^Paste SQL DDL/ }).fill(DDL);
  await dialog.getByRole('checkbox', { name: /Add has_many :products to Store/ }).uncheck();
  await dialog.getByRole('button', { name: 'Import 2 resources' }).click();
  await expect(resourceNode(page, 'Store')).toBeVisible();
  const model = JSON.parse(await exportedJson(page));
  expect(model.resources.find((r: { name: string }) => r.name === 'Store').relationships ?? []).toEqual([]);
});

const ASH = `defmodule Shop.Customer do
  use Ash.Resource, domain: Shop

  attributes do
    uuid_primary_key :id
    attribute :email, :string, allow_nil?: false
  end

  relationships do
    has_many :orders, Shop.Order
  end
end

defmodule Shop.Order do
  use Ash.Resource, domain: Shop

  attributes do
    uuid_primary_key :id
    attribute :total, :integer
  end

  relationships do
    belongs_to :customer, Shop.Customer
  end
end
`;

test('Ash resource modules import from pasted text and from a file', async ({ page }) => {
  await openFixture(page, 'blog');
  let dialog = await openImport(page, 'Ash resources (Elixir)');
  await dialog.getByRole('textbox', { name: /^Paste Ash resource modules/ }).fill(ASH.replace(/end\n$/, ''));
  await expect(dialog.getByRole('list', { name: 'Import problems' })).toContainText(/Line \d+:/);
  await dialog.getByRole('textbox', { name: /^Paste Ash resource modules/ }).fill(ASH);
  await dialog.getByRole('button', { name: 'Import 2 resources' }).click();
  await expect(resourceNode(page, 'Customer')).toBeVisible();
  await expect(resourceNode(page, 'Order')).toBeVisible();
  await expect(resourceNode(page, 'Post')).toBeHidden();

  // A .sql file chosen in the dialog switches it to SQL and shows what it reads.
  dialog = await openImport(page, 'JSON');
  await dialog.getByLabel('Choose file').setInputFiles({ name: 'shop.sql', mimeType: 'text/plain', buffer: Buffer.from(DDL) });
  await expect(dialog.getByRole('radio', { name: 'SQL DDL (SQLite)', exact: true })).toBeChecked();
  await expect(dialog.getByText('Reads as 2 resources: Store, Product.')).toBeVisible();
});

test('a share link opens as a new model copy in a fresh browser, and clears the fragment', async ({ page, context, browser }) => {
  test.slow(); // three full page loads
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openFixture(page, 'twitter');
  await page.getByRole('button', { name: 'Share link', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: /^Share link copied/ })).toBeVisible();
  const url = await page.evaluate(() => navigator.clipboard.readText());
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#m1[dj]\.[A-Za-z0-9_-]+$/);

  const fresh = await browser.newContext();
  try {
    const other = await fresh.newPage();
    await other.goto(url);
    await expect(other.getByRole('button', { name: 'Models (current: Twitter (shared))' })).toBeVisible({ timeout: BOOT });
    await expect(resourceNode(other, 'Tweet')).toBeVisible();
    await expect.poll(() => other.evaluate(() => location.hash)).toBe('');
    await other.getByRole('button', { name: /^Models \(current: / }).click();
    const list = other.getByRole('list', { name: 'Saved models' });
    await expect(list.getByRole('listitem')).toHaveCount(1);
    await expect(list).toContainText('Twitter (shared)');
  } finally {
    await fresh.close();
  }

  // In the browser that already has the model, the link adds a copy next to it.
  await page.goto(url);
  await expect(page.getByRole('button', { name: 'Models (current: Twitter (shared))' })).toBeVisible({ timeout: BOOT });
  await page.getByRole('button', { name: /^Models \(current: / }).click();
  const list = page.getByRole('list', { name: 'Saved models' });
  await expect(list.getByRole('listitem')).toHaveCount(2);
  await expect(list.getByRole('button', { name: 'Open Twitter', exact: true })).toBeVisible();
});

test('a damaged share link shows the problem dialog and opens nothing', async ({ page }) => {
  await openApp(page);
  await page.goto('/#m1d.this-is-not-a-model');
  const problem = page.getByRole('alertdialog', { name: 'Cannot open the share link' });
  await expect(problem).toContainText('damaged or incomplete', { timeout: BOOT });
  await problem.getByRole('button', { name: 'OK' }).click();
  await expect(page.getByRole('button', { name: /^Models \(current: / })).not.toHaveAccessibleName(/\(shared\)/);
});

test('a .sql file dropped on the window opens the import dialog on it', async ({ page }) => {
  await openFixture(page, 'helpdesk');
  const dt = await page.evaluateHandle((text) => {
    const data = new DataTransfer();
    data.items.add(new File([text], 'shop.sql', { type: 'text/plain' }));
    return data;
  }, DDL);
  const canvas = page.getByRole('main', { name: 'Canvas' });
  await canvas.dispatchEvent('dragover', { dataTransfer: dt });
  await canvas.dispatchEvent('drop', { dataTransfer: dt });
  const dialog = page.getByRole('dialog', { name: 'Import model' });
  await expect(dialog.getByRole('radio', { name: 'SQL DDL (SQLite)', exact: true })).toBeChecked();
  await expect(dialog.getByRole('textbox', { name: 'Paste SQL DDL (from shop.sql)' })).toHaveValue(/CREATE TABLE stores/);
  await dialog.getByRole('button', { name: 'Import 2 resources' }).click();
  await expect(resourceNode(page, 'Store')).toBeVisible();
});

test('the TypeScript export imports back', async ({ page }) => {
  await openFixture(page, 'blog');
  const exportDialog = await openExport(page);
  await exportDialog.getByRole('radio', { name: 'TypeScript', exact: true }).check();
  const ts = await exportDialog.getByRole('textbox', { name: 'TypeScript' }).inputValue();
  await exportDialog.getByRole('button', { name: 'Close' }).click();

  await openFixture(page, 'helpdesk');
  const dialog = await openImport(page, 'TypeScript');
  await dialog.getByRole('textbox', { name: /^Paste TypeScript/ }).fill(ts);
  await dialog.getByRole('button', { name: 'Import 5 resources' }).click();
  await expect(resourceNode(page, 'PostCategory')).toBeVisible();
  await expect(resourceNode(page, 'Ticket')).toBeHidden();
});
