import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { addResource, openApp, resourceNode, waitForSaved, waitForStill } from './helpers';

type Store = {
  getState(): {
    document: { model: { resources: Array<{ id?: string; name: string }> }; layout: { positions: Record<string, { x: number; y: number }> } };
    selection: { kind: string; resource: string } | null;
  };
};

/** The resource's id and its layout position, from the store the e2e build exposes (src/main.tsx). */
async function stored(page: Page, name: string) {
  return page.evaluate((n) => {
    const s = (window as unknown as { __relata: { document: Store } }).__relata.document.getState();
    const r = s.document.model.resources.find((x) => x.name === n);
    return { id: r?.id ?? null, position: r?.id ? s.document.layout.positions[r.id] ?? null : null, selection: s.selection };
  }, name);
}

async function box(page: Page, name: string) {
  const node = resourceNode(page, name);
  await waitForStill(node);
  const b = await node.boundingBox();
  if (!b) throw new Error(`${name} is not visible`);
  return { x: Math.round(b.x), y: Math.round(b.y) };
}

test('renaming a selected resource keeps it selected and in place; undo too; the place survives a reload', async ({ page }) => {
  await openApp(page);
  await addResource(page, 'Ticket');
  await addResource(page, 'Comment');

  // Put Ticket somewhere of its own, then select it on the canvas.
  const ticket = resourceNode(page, 'Ticket');
  const start = await box(page, 'Ticket');
  await page.mouse.move(start.x + 40, start.y + 14);
  await page.mouse.down();
  await page.mouse.move(start.x + 120, start.y + 140, { steps: 8 });
  await page.mouse.up();
  await expect.poll(async () => (await box(page, 'Ticket')).y).not.toBe(start.y);
  await ticket.locator('.rn-header').click();
  await expect(ticket.locator('.resource-node')).toHaveClass(/is-selected/);
  const inspector = page.locator('.inspector');
  await expect(inspector.getByRole('heading', { name: 'Ticket', exact: true })).toBeVisible();

  const before = await stored(page, 'Ticket');
  expect(before.id).toMatch(/^res-/);
  expect(before.position).not.toBeNull();
  const place = await box(page, 'Ticket');

  // Rename in the inspector.
  const name = inspector.getByLabel('Name', { exact: true });
  await name.fill('Issue');
  await name.press('Enter');
  const issue = resourceNode(page, 'Issue');
  await expect(issue).toBeVisible();
  await expect(ticket).toHaveCount(0);
  await expect(issue.locator('.resource-node')).toHaveClass(/is-selected/);
  await expect(inspector.getByRole('heading', { name: 'Issue', exact: true })).toBeVisible();
  expect(await box(page, 'Issue')).toEqual(place);
  const renamed = await stored(page, 'Issue');
  expect(renamed).toEqual({ id: before.id, position: before.position, selection: { kind: 'resource', resource: 'Issue' } });

  // Undo: the old name, still selected, same place.
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(ticket).toBeVisible();
  await expect(ticket.locator('.resource-node')).toHaveClass(/is-selected/);
  await expect(inspector.getByRole('heading', { name: 'Ticket', exact: true })).toBeVisible();
  expect(await box(page, 'Ticket')).toEqual(place);
  expect(await stored(page, 'Ticket')).toEqual({ ...before, selection: { kind: 'resource', resource: 'Ticket' } });

  // Redo, save, reload: the renamed resource is where it was.
  await page.getByRole('button', { name: 'Redo', exact: true }).click();
  await expect(issue).toBeVisible();
  await waitForSaved(page);
  await page.reload();
  await expect(issue).toBeVisible();
  await expect(resourceNode(page, 'Comment')).toBeVisible();
  const reloaded = await stored(page, 'Issue');
  expect(reloaded.id).toBe(before.id);
  expect(reloaded.position).toEqual(before.position);
});
