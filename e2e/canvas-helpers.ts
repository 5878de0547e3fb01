import { expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';

export const node = (page: Page, name: string): Locator => page.getByRole('group', { name: `Resource ${name}`, exact: true });
export const inspector = (page: Page): Locator => page.getByRole('complementary', { name: 'Inspector' });

/**
 * Drags from the source node's "Draw relationship from <Name>" handle to the middle of the target
 * node (dropping on the node body is enough), which opens the relationship picker.
 */
export async function connect(page: Page, from: string, to: string) {
  const handle = page.getByTestId(`handle-out-${from}`);
  const target = node(page, to);
  const hb = await handle.boundingBox();
  const tb = await target.boundingBox();
  if (!hb || !tb) throw new Error(`connect(${from}, ${to}): handle or target not visible`);
  await page.mouse.move(hb.x + hb.width / 2, hb.y + hb.height / 2);
  await page.mouse.down();
  await page.mouse.move(hb.x + hb.width / 2 + 20, hb.y + hb.height / 2 + 10, { steps: 3 });
  await page.mouse.move(tb.x + tb.width / 2, tb.y + Math.min(tb.height / 2, 60), { steps: 12 });
  await page.mouse.up();
}

/** The canvas pane's size on screen (what is left above the live panel and beside the inspector). */
export async function canvasSize(page: Page): Promise<{ width: number; height: number }> {
  const box = await page.locator('.react-flow__pane').boundingBox();
  if (!box) throw new Error('the canvas pane is not on screen');
  return { width: box.width, height: box.height };
}

/** Double-clicks the empty canvas at (x, y) relative to the canvas, then renames the new resource. */
export async function addResourceAt(page: Page, x: number, y: number, name: string) {
  const pane = page.locator('.react-flow__pane');
  const before = await page.locator('.react-flow__node').count();
  await pane.dblclick({ position: { x, y } });
  await expect(page.locator('.react-flow__node')).toHaveCount(before + 1);
  const nameField = inspector(page).getByLabel('Name', { exact: true });
  await expect(nameField).toBeVisible();
  await nameField.fill(name);
  await nameField.press('Enter');
  await expect(node(page, name)).toBeVisible();
}

/** Adds an attribute to the selected resource through the inspector and edits it. */
export async function addAttribute(page: Page, name: string, type: string, opts: { allowNil?: boolean } = {}) {
  const panel = inspector(page);
  await panel.getByRole('button', { name: 'Add attribute' }).click();
  const nameField = panel.getByLabel('Name', { exact: true });
  await nameField.fill(name);
  await nameField.press('Enter');
  await expect(panel.getByRole('heading', { name: new RegExp(`\\.${name}$`) })).toBeVisible();
  await panel.getByLabel('Type', { exact: true }).selectOption(type);
  if (opts.allowNil === false) await panel.getByLabel('Allow nil').uncheck();
}
