import { expect, test } from '@playwright/test';
import { addResource, mod, openApp, openFixture, resourceNode, waitForStill } from './helpers';

test('undo and redo an added resource with the toolbar buttons', async ({ page }) => {
  await openApp(page);
  const undo = page.getByRole('button', { name: 'Undo', exact: true });
  const redo = page.getByRole('button', { name: 'Redo', exact: true });
  await expect(undo).toBeDisabled();
  await addResource(page, 'Ticket');
  await addResource(page, 'Comment');

  await undo.click();
  await expect(resourceNode(page, 'Comment')).toBeHidden();
  await expect(resourceNode(page, 'Ticket')).toBeVisible();
  await undo.click();
  await expect(resourceNode(page, 'Ticket')).toBeHidden();
  await expect(undo).toBeDisabled();

  await redo.click();
  await expect(resourceNode(page, 'Ticket')).toBeVisible();
  await redo.click();
  await expect(resourceNode(page, 'Comment')).toBeVisible();
  await expect(redo).toBeDisabled();
});

test('undo and redo with Ctrl/Cmd+Z and Shift+Ctrl/Cmd+Z', async ({ page }) => {
  await openApp(page);
  await addResource(page, 'Ticket');
  await page.locator('body').click({ position: { x: 5, y: 400 } }).catch(() => undefined);
  await page.keyboard.press(`${mod}+z`);
  await expect(resourceNode(page, 'Ticket')).toBeHidden();
  await page.keyboard.press(`${mod}+Shift+z`);
  await expect(resourceNode(page, 'Ticket')).toBeVisible();
});

test('undo of a node move puts the node back', async ({ page }) => {
  await openFixture(page, 'blog');
  const node = resourceNode(page, 'Author');
  // The template's layout and the fit that follows it may still be moving the node.
  await waitForStill(node);
  const before = await node.boundingBox();
  if (!before) throw new Error('node not visible');
  await page.mouse.move(before.x + 40, before.y + 14);
  await page.mouse.down();
  await page.mouse.move(before.x + 200, before.y + 160, { steps: 10 });
  await page.mouse.up();
  await expect.poll(async () => (await node.boundingBox())?.x).not.toBeCloseTo(before.x, 0);

  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect.poll(async () => Math.round((await node.boundingBox())?.x ?? 0)).toBe(Math.round(before.x));
  await page.getByRole('button', { name: 'Redo', exact: true }).click();
  await expect.poll(async () => (await node.boundingBox())?.x).not.toBeCloseTo(before.x, 0);
});
