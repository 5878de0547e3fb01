import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { openFixture, resourceNode } from './helpers';

/**
 * The helpdesk tutorial's flow from the UI: open a ticket with a reporter, assign a representative,
 * start it, close it; each run shows the rows it wrote and its SQL. A missing reporter is refused.
 * Then the preview loads aggregates as fields.
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

async function runAction(page: Page, action: string, input: Record<string, string> = {}) {
  const panel = live(page);
  await panel.getByLabel('Action', { exact: true }).selectOption(action);
  for (const [name, value] of Object.entries(input)) await panel.getByLabel(`Input ${name}`, { exact: true }).fill(value);
  await panel.getByRole('button', { name: 'Run action' }).click();
}

test('the tutorial flow: open a ticket with a reporter, assign, start, close; a missing reporter is required', async ({ page }) => {
  test.setTimeout(90_000);
  await openFixture(page, 'helpdesk');
  await generate(page, { User: 5, Representative: 3, Ticket: 10, Comment: 10 });

  const panel = live(page);
  await panel.getByRole('tab', { name: 'Actions' }).click();
  await panel.getByLabel('Action resource').selectOption('Ticket');
  const result = panel.getByRole('region', { name: 'Action result' });

  // open: a create with a reporter (manage_relationship on the belongs_to).
  await runAction(page, 'open', { subject: 'No power', reporter_id: '2' });
  const rows = result.getByRole('list', { name: 'Changed rows' });
  const insert = rows.getByRole('listitem', { name: 'insert Ticket' });
  await expect(insert).toBeVisible({ timeout: 15_000 });
  await expect(insert.getByRole('row', { name: /^subject/ })).toContainText('No power');
  await expect(insert.getByRole('row', { name: /^reporter_id/ })).toContainText('2');
  await expect(insert.getByRole('row', { name: /^status/ })).toContainText('new');
  await expect(result.getByRole('list', { name: 'SQL statements' })).toContainText('INSERT INTO');
  // The new record's key is filled in for the next action.
  await panel.getByLabel('Action', { exact: true }).selectOption('assign');
  await expect(panel.getByLabel('Primary key')).toHaveValue('11');

  // assign: an update that relates a representative.
  await runAction(page, 'assign', { representative_id: '3' });
  const update = rows.getByRole('listitem', { name: 'update Ticket' });
  await expect(update.getByRole('row', { name: /^representative_id/ })).toHaveText(/representative_id\s*nil\s*3/);
  await expect(update.getByRole('row', { name: /^representative_id/ })).toHaveClass(/changed/);
  await expect(result.getByRole('list', { name: 'SQL statements' })).toContainText('UPDATE');

  // start and close: set_attribute status.
  await runAction(page, 'start');
  await expect(rows.getByRole('listitem', { name: 'update Ticket' }).getByRole('row', { name: /^status/ })).toHaveText(/status\s*new\s*open/);
  await runAction(page, 'close');
  await expect(rows.getByRole('listitem', { name: 'update Ticket' }).getByRole('row', { name: /^status/ })).toHaveText(/status\s*open\s*closed/);
  await expect(result.getByLabel('Action record')).toContainText('"representative_id": 3');

  // A ticket without a reporter: the belongs_to is required (the tutorial's validation).
  await runAction(page, 'open', { subject: 'Nobody reported me', reporter_id: '' });
  const alert = result.getByRole('alert');
  await expect(alert).toContainText('required');
  await expect(alert).toContainText('relationship reporter is required');
  await expect(live(page).getByRole('tab', { name: 'Data (29)' })).toBeVisible();

  // The preview sees the writes, and loads aggregates as fields.
  await panel.getByRole('tab', { name: 'Preview' }).click();
  await panel.getByLabel('Root resource').selectOption('Representative');
  await panel.getByLabel('Aggregate ticket_count', { exact: true }).check();
  await panel.getByLabel('Load tickets', { exact: true }).check();
  await panel.getByLabel('Aggregate tickets.comment_count', { exact: true }).check();
  await panel.getByRole('tab', { name: 'JSON' }).click();
  const json = panel.getByLabel('Records JSON');
  await expect(json).toContainText('"ticket_count":');
  await expect(json).toContainText('"comment_count":');
  await expect(json).toContainText('"subject": "No power"');
});

test('actions are edited in the inspector and run from the live panel', async ({ page }) => {
  test.setTimeout(90_000);
  await openFixture(page, 'helpdesk');
  await generate(page, { User: 3, Representative: 2, Ticket: 4, Comment: 0 });
  await resourceNode(page, 'Ticket').locator('.rn-title').click();
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  const section = inspector.getByRole('region', { name: 'Actions' });
  await expect(section.getByRole('group', { name: 'Action open' })).toBeAttached();

  await section.getByRole('button', { name: 'Add action' }).click();
  const added = section.getByRole('group', { name: 'Action action_1' });
  await added.locator('summary').click();
  const nameField = added.getByLabel('Action name');
  await nameField.fill('escalate');
  await nameField.press('Enter');
  const escalate = section.getByRole('group', { name: 'Action escalate' });
  const changes = escalate.getByLabel('Changes');
  await changes.fill('set_attribute(priority, 10)\nset_attribute(status, :open)');
  await changes.blur();
  await expect(escalate.getByLabel('Changes')).toHaveValue('set_attribute(priority, 10)\nset_attribute(status, :open)');
  // A bad line is refused with its line number and nothing changes.
  await escalate.getByLabel('Changes').fill('validate something');
  await escalate.getByLabel('Changes').blur();
  await expect(escalate.getByRole('alert')).toContainText('line 1');
  await escalate.getByLabel('Changes').press('Escape');

  const panel = live(page);
  await panel.getByRole('tab', { name: 'Actions' }).click();
  await panel.getByLabel('Action resource').selectOption('Ticket');
  await panel.getByLabel('Action', { exact: true }).selectOption('escalate');
  await panel.getByLabel('Primary key').fill('1');
  await panel.getByRole('button', { name: 'Run action' }).click();
  const update = panel.getByRole('region', { name: 'Action result' }).getByRole('listitem', { name: 'update Ticket' });
  await expect(update.getByRole('row', { name: /^priority/ })).toHaveText(/priority\s*\S+\s*10$/, { timeout: 15_000 });
  await expect(page.getByRole('region', { name: 'Action result' }).getByRole('list', { name: 'SQL statements' })).toContainText('UPDATE');
});
