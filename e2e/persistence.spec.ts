import { expect, test } from '@playwright/test';
import { addResource, openApp, resourceNode, waitForSaved } from './helpers';

test('an edit is autosaved and comes back after a reload', async ({ page }) => {
  await openApp(page);
  await addResource(page, 'Invoice');
  await waitForSaved(page);
  await page.reload();
  await expect(resourceNode(page, 'Invoice')).toBeVisible();
});

test('the model list creates, renames, duplicates, opens and deletes models', async ({ page }) => {
  await openApp(page);
  await addResource(page, 'Invoice');
  await waitForSaved(page);

  const openList = async () => {
    await page.getByRole('button', { name: /^Models \(current: / }).click();
    return page.getByRole('dialog', { name: 'Models' });
  };

  // Create a second model from a template.
  let list = await openList();
  await list.getByRole('button', { name: 'New from template Blog' }).click();
  await expect(list).toBeHidden();
  await expect(resourceNode(page, 'Post')).toBeVisible();
  await expect(resourceNode(page, 'Invoice')).toBeHidden();

  // Rename the first model.
  list = await openList();
  await list.getByRole('button', { name: 'Rename Untitled model' }).click();
  await list.getByLabel('New name for Untitled model').fill('Billing');
  await list.getByRole('button', { name: 'Save name' }).click();
  await expect(list.getByRole('button', { name: 'Open Billing' })).toBeVisible();

  // Duplicate it, then open the copy.
  await list.getByRole('button', { name: 'Duplicate Billing' }).click();
  await expect(list.getByRole('button', { name: 'Open Billing (copy)' })).toBeVisible();
  await list.getByRole('button', { name: 'Open Billing (copy)' }).click();
  await expect(list).toBeHidden();
  await expect(resourceNode(page, 'Invoice')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Models (current: Billing (copy))' })).toBeVisible();

  // Delete the original; the rest survive a reload.
  list = await openList();
  await list.getByRole('button', { name: 'Delete Billing', exact: true }).click();
  await list.getByRole('button', { name: 'Delete model' }).click();
  await expect(list.getByRole('button', { name: 'Open Billing', exact: true })).toBeHidden();
  await list.getByRole('button', { name: 'Close' }).click();

  await page.reload();
  list = await openList();
  await expect(list.getByRole('button', { name: 'Open Billing (copy)' })).toBeVisible();
  await expect(list.getByRole('button', { name: 'Open Blog' })).toBeVisible();
  await expect(list.getByRole('button', { name: 'Open Billing', exact: true })).toHaveCount(0);
});
