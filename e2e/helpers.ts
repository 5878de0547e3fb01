import { expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';

export const resourceNode = (page: Page, name: string): Locator => page.getByRole('group', { name: `Resource ${name}`, exact: true });

/** The toolbar's save status reads "Saved" once the last edit is in IndexedDB. */
export async function waitForSaved(page: Page) {
  await expect(page.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible();
}

/** Opens the app on a template (`/?fixture=helpdesk|twitter|blog`) and waits for it to be shown. */
export async function openFixture(page: Page, name: 'helpdesk' | 'twitter' | 'blog') {
  await page.goto(`/?fixture=${name}`);
  await expect(page.getByRole('button', { name: /^Models \(current: / })).toBeVisible();
  // The fixture has opened (its template may still be waiting for its layout before it shows).
  await expect(page.locator('.react-flow__node').first()).toBeVisible({ timeout: 20_000 });
  // A template whose layout came late is laid out again when it lands ("Laying out…" meanwhile).
  await expect(page.locator('.relata-canvas[aria-busy="true"]')).toHaveCount(0, { timeout: 20_000 });
  await waitForSaved(page);
}

/** Waits until a locator's box stops moving (a layout landing or a fit-view animation has finished). */
export async function waitForStill(locator: Locator) {
  let last = '';
  await expect.poll(async () => {
    const b = await locator.boundingBox();
    const now = b ? `${Math.round(b.x)},${Math.round(b.y)},${Math.round(b.width)}` : 'none';
    const still = now === last && now !== 'none';
    last = now;
    return still;
  }, { intervals: [150, 300, 300, 300] }).toBe(true);
}

/** Opens the app on whatever it restores (a new empty model in a fresh browser context). */
export async function openApp(page: Page) {
  await page.goto('/');
  await expect(page.getByRole('button', { name: /^Models \(current: / })).toBeVisible();
}

/** Adds a resource through the toolbar, the way a person would. */
export async function addResource(page: Page, name: string) {
  await page.getByRole('button', { name: 'Add resource', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Add resource' });
  await dialog.getByLabel('Resource name').fill(name);
  await dialog.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(resourceNode(page, name)).toBeVisible();
}

/**
 * Drags from the source handle of one resource node to another node, creating a relationship.
 * The canvas names each node's source handle "Draw relationship from <Name>".
 */
export async function connect(page: Page, from: string, to: string) {
  const source = resourceNode(page, from);
  const target = resourceNode(page, to);
  let handle = source.getByLabel(`Draw relationship from ${from}`, { exact: true });
  if ((await handle.count()) === 0) handle = page.getByTestId(`handle-out-${from}`);
  const hb = await handle.boundingBox();
  const tb = await target.boundingBox();
  if (!hb || !tb) throw new Error(`connect(${from}, ${to}): handle or target not visible`);
  await page.mouse.move(hb.x + hb.width / 2, hb.y + hb.height / 2);
  await page.mouse.down();
  await page.mouse.move(tb.x + tb.width / 2, tb.y + tb.height / 2, { steps: 12 });
  await page.mouse.up();
}

/** Reads the model JSON the Export dialog shows, then closes the dialog. */
export async function exportedJson(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Export model' });
  const text = await dialog.getByLabel('Model JSON').inputValue();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
  return text;
}

export async function importPasted(page: Page, json: string) {
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Import model' });
  await dialog.getByLabel('Paste JSON').fill(json);
  await dialog.getByRole('button', { name: 'Import pasted JSON' }).click();
}

export const mod = process.platform === 'darwin' ? 'Meta' : 'Control';

/**
 * Replaces the manual code of `Representative.tickets_above_threshold` in the wide editor, applies it
 * (Mod+Enter) and closes the editor (Escape).
 */
export async function setManualCode(page: Page, source: string) {
  await page.getByRole('button', { name: 'Relationship Representative.tickets_above_threshold', exact: true }).click();
  await page.getByRole('complementary', { name: 'Inspector' }).getByRole('button', { name: 'Edit code…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Manual code: Representative.tickets_above_threshold' });
  const editor = dialog.getByRole('textbox', { name: 'Manual code' });
  await editor.click();
  await page.keyboard.press(`${mod}+a`);
  await page.keyboard.insertText(source);
  await expect(editor).toContainText(source.split('\n')[1]!.trim());
  await page.keyboard.press(`${mod}+Enter`);
  await expect(dialog.getByRole('status')).toHaveText('Applied');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
}
