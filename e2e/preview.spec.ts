import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { openFixture, resourceNode, setManualCode } from './helpers';

const live = (page: Page) => page.getByRole('region', { name: 'Live preview' });

/** The live panel is `aria-busy` until the engine worker serves the current model. */
async function engineReady(page: Page) {
  await expect(live(page)).toHaveAttribute('aria-busy', 'false', { timeout: 20_000 });
}

async function generate(page: Page, counts: Record<string, number>) {
  await engineReady(page);
  await live(page).getByRole('tab', { name: /^Data/ }).click();
  await live(page).getByRole('button', { name: 'Generate data…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Generate data' });
  for (const [name, n] of Object.entries(counts)) await dialog.getByLabel(`Rows of ${name}`).fill(String(n));
  await dialog.getByRole('button', { name: 'Generate', exact: true }).click();
  await expect(dialog.getByText(/^Generated [\d,]+ rows/)).toBeVisible({ timeout: 15_000 });
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(dialog).toBeHidden();
  const total = Object.values(counts).reduce((a, b) => a + b, 0).toLocaleString('en-US');
  await expect(live(page).getByRole('tab', { name: `Data (${total})` })).toBeVisible();
}


test('generate data, preview a manual relationship with nested loads, edit a row, break and hang the manual code', async ({ page }) => {
  test.setTimeout(120_000);
  await openFixture(page, 'helpdesk');
  await generate(page, { User: 30, Representative: 4, Ticket: 200, Comment: 600 });

  const panel = live(page);
  await panel.getByRole('tab', { name: 'Preview' }).click();
  await panel.getByLabel('Root resource').selectOption('Representative');
  await panel.getByLabel('Load tickets_above_threshold', { exact: true }).check();
  await panel.getByLabel('Load tickets_above_threshold.comments', { exact: true }).check();

  const hops = panel.getByRole('list', { name: 'Statements per hop' });
  await expect(hops).toContainText('Representative (root): 1 statement', { timeout: 20_000 });
  await expect(hops).toContainText('Representative.tickets_above_threshold: 1 statement');
  await expect(hops).toContainText('Representative.tickets_above_threshold.comments: 1 statement');
  const tree = panel.getByRole('tree', { name: 'Records' });
  await expect(tree.getByRole('treeitem')).not.toHaveCount(0);
  await expect(tree.getByRole('group', { name: 'tickets_above_threshold' }).first()).toBeVisible();
  await expect(tree.getByRole('group', { name: 'comments' }).first()).toBeAttached();
  await panel.getByRole('tab', { name: /^SQL/ }).click();
  await expect(panel.getByRole('list', { name: 'SQL statements' }).getByRole('listitem')).toHaveCount(3);
  await panel.getByRole('tab', { name: 'Tree' }).click();

  // A grid edit shows in the preview.
  await panel.getByRole('tab', { name: /^Data/ }).click();
  await panel.getByLabel('Data resource').selectOption('Representative');
  const cell = panel.getByLabel('Representative row 1 name', { exact: true });
  await cell.fill('Edited Rep');
  await cell.press('Enter');
  await panel.getByRole('tab', { name: 'Preview' }).click();
  await expect(panel.getByRole('tree', { name: 'Records' })).toContainText('Edited Rep');

  // Code that throws: the error with its message.
  await setManualCode(page, 'export async function load(records) {\n  throw new Error("boom at the top");\n}\n');
  const alert = panel.getByRole('alert');
  await expect(alert).toContainText('manual_load_failed');
  await expect(alert).toContainText('boom at the top');
  await expect(alert).toContainText('line 2');

  // Code that never ends: a timeout within 3 s while the canvas keeps responding. The page itself
  // times it (from "Running…" to the timeout alert), so Playwright's polling on a loaded machine is not counted.
  await page.evaluate(() => {
    const w = window as unknown as { __hang: { start?: number; end?: number } };
    w.__hang = {};
    const panelEl = document.querySelector('[aria-label="Live preview"]')!;
    new MutationObserver(() => {
      if (w.__hang.start === undefined && Array.from(panelEl.querySelectorAll('[role="status"]')).some((e) => e.textContent?.includes('Running…'))) w.__hang.start = performance.now();
      if (w.__hang.start !== undefined && w.__hang.end === undefined && Array.from(panelEl.querySelectorAll('[role="alert"]')).some((e) => e.textContent?.includes('timeout'))) w.__hang.end = performance.now();
    }).observe(panelEl, { subtree: true, childList: true, characterData: true });
  });
  await setManualCode(page, 'export async function load(records) {\n  while (true) {}\n}\n');
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  await page.getByRole('button', { name: 'Relationship Representative.tickets', exact: true }).click();
  await expect(inspector.getByRole('heading', { name: 'Representative.tickets', exact: true })).toBeVisible({ timeout: 1000 });
  await resourceNode(page, 'Ticket').locator('.rn-header').click();
  await expect(resourceNode(page, 'Ticket').locator('.resource-node')).toHaveClass(/is-selected/, { timeout: 1000 });
  await expect(inspector.getByRole('heading', { name: 'Ticket', exact: true })).toBeVisible({ timeout: 1000 });
  await expect(alert).toContainText('timeout', { timeout: 5000 });
  const hang = await page.evaluate(() => (window as unknown as { __hang: { start?: number; end?: number } }).__hang);
  expect(hang.start).toBeDefined();
  expect(hang.end).toBeDefined();
  expect(hang.end! - hang.start!).toBeLessThan(3000);
});

test('a filter that does not parse shows its code and span; code can be copied as Ash', async ({ page }) => {
  await openFixture(page, 'helpdesk');
  const panel = live(page);
  await panel.getByLabel('Root resource').selectOption('Ticket');
  const filter = panel.getByLabel('Ticket filter');
  await filter.click();
  await page.keyboard.insertText('priority >');
  await page.keyboard.press('Enter');
  await expect(panel.getByRole('alert')).toContainText('invalid_expression');
  await expect(panel.getByRole('alert')).toContainText('at characters 10–10');
  await panel.getByRole('button', { name: 'Copy as Ash' }).click();
  await expect(panel.getByLabel('Ash query code')).toContainText('Helpdesk.Support.Ticket\n|> Ash.Query.filter(priority >)');
});
