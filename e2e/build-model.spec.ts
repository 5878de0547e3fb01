import { expect, test } from '@playwright/test';
import { openApp } from './helpers';
import { addAttribute, addResourceAt, canvasSize, connect, inspector, node } from './canvas-helpers';

test('build a model from scratch by mouse', async ({ page }) => {
  await openApp(page);
  // The live panel stays open: the canvas above it must be enough to build a model.
  await expect(page.getByRole('button', { name: 'Collapse live panel' })).toBeVisible();
  const pane = await canvasSize(page);
  await addResourceAt(page, 200, 200, 'Ticket');
  await addAttribute(page, 'priority', 'integer', { allowNil: false });
  await expect(node(page, 'Ticket')).toContainText('priority');
  await expect(node(page, 'Ticket')).toContainText('integer');

  await addResourceAt(page, 700, 220, 'Representative');
  await addAttribute(page, 'name', 'string');

  // belongs_to by drag, with its inverse has_many
  await connect(page, 'Ticket', 'Representative');
  const picker = page.getByRole('dialog', { name: 'New relationship from Ticket' });
  await expect(picker).toBeVisible();
  await expect(picker.getByLabel('Name', { exact: true })).toHaveValue('representative');
  await expect(picker.getByLabel('Inverse name')).toHaveValue('tickets');
  await picker.getByRole('button', { name: 'Create relationship' }).click();
  await expect(picker).toBeHidden();
  await expect(node(page, 'Ticket')).toContainText('representative_id');
  await expect(page.getByRole('button', { name: 'Relationship Ticket.representative' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Relationship Representative.tickets' })).toBeVisible();

  // the inspector shows the selected relationship with defaults as placeholders
  const panel = inspector(page);
  await expect(panel.getByLabel('Source attribute', { exact: true })).toHaveAttribute('placeholder', 'representative_id');
  await expect(panel.getByLabel('Destination attribute', { exact: true })).toHaveAttribute('placeholder', 'id');

  // many_to_many with a new join resource
  await addResourceAt(page, 450, Math.min(600, pane.height - 130), 'Tag');
  await connect(page, 'Ticket', 'Tag');
  const picker2 = page.getByRole('dialog', { name: 'New relationship from Ticket' });
  await picker2.getByRole('radio', { name: /many_to_many/ }).check();
  await expect(picker2.getByLabel('Name', { exact: true })).toHaveValue('tags');
  await expect(picker2.getByLabel('Join resource name')).toHaveValue('TicketTag');
  await picker2.getByRole('button', { name: 'Create relationship' }).click();
  await expect(node(page, 'TicketTag')).toBeVisible();
  await expect(node(page, 'TicketTag')).toContainText('ticket_id');
  await expect(node(page, 'TicketTag')).toContainText('tag_id');
  await expect(page.getByRole('button', { name: 'Relationship Ticket.tags' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Relationship Tag.tickets' })).toBeVisible();

  // break a relationship: a filter naming an unknown attribute shows diagnostics
  await page.getByRole('button', { name: 'Relationship Representative.tickets' }).click();
  await expect(panel.getByRole('heading', { name: 'Representative.tickets' })).toBeVisible();
  const filter = panel.getByLabel('Filter', { exact: true });
  await filter.click();
  await page.keyboard.type('priorty > 3');
  await expect(panel.locator('.editor-problems')).toContainText('priorty');
  await page.keyboard.press('Enter');
  await expect(panel.getByLabel('Problems')).toBeVisible();
  await expect(node(page, 'Representative').getByRole('status')).toBeVisible();

  // Delete removes the selected relationship in one step; undo brings it back
  await panel.getByRole('heading', { name: 'Representative.tickets' }).click();
  await page.keyboard.press('Delete');
  await expect(page.getByRole('button', { name: 'Relationship Representative.tickets' })).toHaveCount(0);
  await page.keyboard.press('ControlOrMeta+z');
  await expect(page.getByRole('button', { name: 'Relationship Representative.tickets' })).toBeVisible();
});
