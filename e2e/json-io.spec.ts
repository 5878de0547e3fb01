import { expect, test } from '@playwright/test';
import { addResource, exportedJson, importPasted, openFixture, resourceNode } from './helpers';

test('the exported model re-imports to the same model', async ({ page }) => {
  await openFixture(page, 'twitter');
  const exported = await exportedJson(page);
  const model = JSON.parse(exported);
  expect(model.format).toBe('relata/model@1');
  expect(model).not.toHaveProperty('layout');

  await addResource(page, 'Scratch');
  await importPasted(page, exported);
  await expect(page.getByRole('dialog', { name: 'Import model' })).toBeHidden();
  await expect(resourceNode(page, 'Scratch')).toBeHidden();
  expect(JSON.parse(await exportedJson(page))).toEqual(model);

  // The import is one undoable step.
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(resourceNode(page, 'Scratch')).toBeVisible();
});

test('importing a file works through the file picker', async ({ page }) => {
  await openFixture(page, 'helpdesk');
  // The blog fixture must have opened before its JSON is exported (a template may wait for its layout).
  await openFixture(page, 'blog');
  const blog = JSON.parse(await exportedJson(page));
  expect(blog.resources.length).toBeGreaterThan(0);
  await openFixture(page, 'helpdesk');
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await page.getByLabel('Choose file').setInputFiles({
    name: 'blog.relata.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(blog)),
  });
  await expect(resourceNode(page, 'PostCategory')).toBeVisible();
  await expect(resourceNode(page, 'Representative')).toBeHidden();
});

test('an invalid file opens a dialog naming the problem and its path, and the model is untouched', async ({ page }) => {
  await openFixture(page, 'helpdesk');
  const before = await exportedJson(page);
  const broken = JSON.parse(before);
  broken.resources[2].attributes[1].type = 'text';

  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await page.getByLabel('Choose file').setInputFiles({
    name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(broken)),
  });
  const problem = page.getByRole('alertdialog', { name: 'Cannot import broken.json' });
  await expect(problem).toBeVisible();
  await expect(problem).toContainText('resources[2].attributes[1].type');
  await problem.getByRole('button', { name: 'OK' }).click();
  await expect(problem).toBeHidden();

  await page.keyboard.press('Escape');
  expect(await exportedJson(page)).toBe(before);
});

test('pasting text that is not JSON is refused with a dialog', async ({ page }) => {
  await openFixture(page, 'blog');
  await importPasted(page, '{ "format": "relata/model@1", ');
  const problem = page.getByRole('alertdialog', { name: 'Cannot import pasted JSON' });
  await expect(problem).toContainText('Not valid JSON');
  await problem.getByRole('button', { name: 'OK' }).click();
  await expect(resourceNode(page, 'Post')).toBeVisible();
});

test('a model with semantic problems imports and lists them; clicking one selects the element', async ({ page }) => {
  await openFixture(page, 'blog');
  const model = {
    format: 'relata/model@1',
    name: 'Broken',
    resources: [
      {
        name: 'Ticket',
        attributes: [{ name: 'id', type: 'uuid', primaryKey: true }],
        relationships: [{ kind: 'belongs_to', name: 'owner', destination: 'Nobody' }],
      },
    ],
  };
  await importPasted(page, JSON.stringify(model));
  await expect(page.getByRole('button', { name: /^Issues: 1 error/ })).toBeVisible();
  const issues = page.getByRole('region', { name: 'Issues' });
  const issue = issues.getByRole('button', { name: /Ticket\.owner/ });
  await expect(issue).toContainText('unknown_destination');
  await issue.click();
  await expect(issue).toHaveClass(/selected/);
});
