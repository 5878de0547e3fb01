import { strToU8, zipSync } from 'fflate';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { openApp, resourceNode } from './helpers';

/** A small Ash app: a domain, two resources, a destination outside the files, and a calculation. */
const FILES: Record<string, string> = {
  'shop/lib/shop/catalog.ex': `defmodule Shop.Catalog do
  use Ash.Domain

  resources do
    resource Shop.Catalog.Product
    resource Shop.Catalog.Category
  end
end
`,
  'shop/lib/shop/catalog/product.ex': `defmodule Shop.Catalog.Product do
  use Ash.Resource, domain: Shop.Catalog

  attributes do
    uuid_primary_key :id
    attribute :name, :string, allow_nil?: false, public?: true
    attribute :sku, :string, allow_nil?: false, public?: true
  end

  relationships do
    belongs_to :category, Shop.Catalog.Category
    belongs_to :seller, Accounts.User
  end

  calculations do
    calculate :label, :string, expr(name <> " #" <> sku)
  end
end
`,
  'shop/lib/shop/catalog/category.ex': `defmodule Shop.Catalog.Category do
  use Ash.Resource, domain: Shop.Catalog

  attributes do
    uuid_primary_key :id
    attribute :title, :string, public?: true
  end

  relationships do
    has_many :products, Shop.Catalog.Product
  end
end
`,
  'shop/mix.exs': 'defmodule Shop.MixProject do\n  use Mix.Project\nend\n',
  'shop/deps/ash/lib/ash.ex': 'this is a dependency, never read (((\n',
};

const live = (page: Page) => page.getByRole('region', { name: 'Live preview' });

async function openImport(page: Page) {
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Import model' });
  await expect(dialog).toBeVisible();
  return dialog;
}

test('an Ash project imports from several files or a zip, shows its warnings and placeholder, and previews a calculation', async ({ page }) => {
  test.setTimeout(90_000);
  await openApp(page);
  const dialog = await openImport(page);

  // Several files at once: the format follows the files; the review names file and line.
  const some = ['shop/lib/shop/catalog.ex', 'shop/lib/shop/catalog/product.ex', 'shop/lib/shop/catalog/category.ex'];
  await dialog.getByLabel('Choose files').setInputFiles(some.map((p) => ({ name: p.split('/').pop()!, mimeType: 'text/plain', buffer: Buffer.from(FILES[p]!) })));
  await expect(dialog.getByRole('radio', { name: 'Ash resources (Elixir)', exact: true })).toBeChecked();
  await expect(dialog.getByText('Reads as 2 resources: Category, Product.')).toBeVisible({ timeout: 15_000 });
  const warnings = dialog.getByRole('list', { name: 'Import warnings' });
  await expect(warnings).toContainText(/product\.ex:\d+:.*Accounts\.User/);
  await expect(dialog.getByRole('status').filter({ hasText: /1 external placeholder \(User\)/ })).toBeVisible();

  // A zip of the whole project: only the app's .ex/.exs files are read (not deps/).
  const zip = Buffer.from(zipSync(Object.fromEntries(Object.entries(FILES).map(([p, t]) => [p, strToU8(t)]))));
  await dialog.getByLabel('Choose files').setInputFiles({ name: 'shop.zip', mimeType: 'application/zip', buffer: zip });
  await expect(dialog.getByLabel('Chosen files')).toContainText('4 files to read of 5 chosen');
  await expect(dialog.getByText('Reads as 2 resources: Category, Product.')).toBeVisible({ timeout: 15_000 });
  await expect(warnings).toContainText(/shop\/lib\/shop\/catalog\/product\.ex:\d+:.*Accounts\.User/);
  await dialog.getByRole('button', { name: 'Import 2 resources' }).click();
  await expect(dialog).toBeHidden();

  // The placeholder is drawn as external, with its module; the calculation is a row of its node.
  const user = resourceNode(page, 'User');
  await expect(user).toBeVisible();
  await expect(user.getByLabel('external Accounts.User')).toBeVisible();
  await expect(user.locator('.resource-node.is-external')).toHaveCount(1);
  await expect(resourceNode(page, 'Category').locator('.resource-node.is-external')).toHaveCount(0);
  const product = resourceNode(page, 'Product');
  await expect(product.locator('[data-calculation="label"]')).toContainText('label');

  // One undoable step: undo brings back the empty model, redo the import.
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(resourceNode(page, 'Product')).toHaveCount(0);
  await page.getByRole('button', { name: 'Redo', exact: true }).click();
  await expect(resourceNode(page, 'Product')).toBeVisible();

  // The inspector shows the calculation (editable) and the placeholder note.
  await product.getByText('Product', { exact: true }).click();
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  await expect(inspector.getByLabel('Calculation label expression')).toHaveValue('name <> " #" <> sku');

  // Preview: generate rows, load the calculation; both its value and its statement show.
  await expect(live(page)).toHaveAttribute('aria-busy', 'false', { timeout: 20_000 });
  await live(page).getByRole('tab', { name: /^Data/ }).click();
  await live(page).getByRole('button', { name: 'Generate data…' }).click();
  const gen = page.getByRole('dialog', { name: 'Generate data' });
  for (const [name, n] of Object.entries({ Category: 3, Product: 5, User: 2 })) await gen.getByLabel(`Rows of ${name}`).fill(String(n));
  await gen.getByRole('button', { name: 'Generate', exact: true }).click();
  await expect(gen.getByText(/^Generated [\d,]+ rows/)).toBeVisible({ timeout: 15_000 });
  await gen.getByRole('button', { name: 'Done' }).click();

  const panel = live(page);
  await panel.getByRole('tab', { name: 'Preview' }).click();
  await panel.getByLabel('Root resource').selectOption('Product');
  await panel.getByLabel('Calculation label', { exact: true }).check();
  const tree = panel.getByRole('tree', { name: 'Records' });
  await expect(tree.getByRole('treeitem')).toHaveCount(5, { timeout: 20_000 });
  await expect(tree).toContainText(/label/);
  await expect(tree).toContainText(/ #/);
  await panel.getByRole('tab', { name: /^SQL/ }).click();
  await expect(panel.getByRole('list', { name: 'SQL statements' })).toContainText('#calculations');
});

test('a zip dropped on the window opens the import dialog on the project files', async ({ page }) => {
  test.setTimeout(60_000);
  await openApp(page);
  const zip = [...zipSync(Object.fromEntries(Object.entries(FILES).map(([p, t]) => [p, strToU8(t)])))];
  const dt = await page.evaluateHandle((bytes) => {
    const data = new DataTransfer();
    data.items.add(new File([new Uint8Array(bytes)], 'shop.zip', { type: 'application/zip' }));
    return data;
  }, zip);
  const canvas = page.getByRole('main', { name: 'Canvas' });
  await canvas.dispatchEvent('dragover', { dataTransfer: dt });
  await canvas.dispatchEvent('drop', { dataTransfer: dt });
  const dialog = page.getByRole('dialog', { name: 'Import model' });
  await expect(dialog.getByRole('radio', { name: 'Ash resources (Elixir)', exact: true })).toBeChecked();
  await expect(dialog.getByLabel('Chosen files')).toContainText('4 files to read of 5 chosen');
  await expect(dialog.getByText(/^Reads as 2 resources|problems?; nothing will be imported/).first()).toBeVisible({ timeout: 15_000 });
});
