import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { mod, openFixture, resourceNode } from './helpers';

/** Selects a resource by clicking its node's title and opens the inspector's Code tab. */
async function openCode(page: Page, resource: string) {
  await resourceNode(page, resource).locator('.rn-title').click();
  await page.getByRole('tab', { name: 'Code' }).click();
}

const editorOf = (page: Page, what: string) => page.getByRole('textbox', { name: `Ash (Elixir) code of ${what}` });

async function editorText(page: Page, what: string): Promise<string> {
  // An empty line renders as `<br>`, whose innerText is a newline of its own.
  return (await editorOf(page, what).locator('.cm-line').allInnerTexts()).map((l) => l.replace(/\n$/, '')).join('\n');
}

async function replaceText(page: Page, what: string, text: string) {
  await editorOf(page, what).click();
  await page.keyboard.press(`${mod}+a`);
  await page.keyboard.insertText(text);
}

test('edit a join resource as Ash code: apply, see it on the canvas, undo, and broken text is never applied', async ({ page }) => {
  await openFixture(page, 'twitter');
  await openCode(page, 'TweetHashtag');
  const node = resourceNode(page, 'TweetHashtag');
  const original = await editorText(page, 'TweetHashtag');
  expect(original).toContain('defmodule Twitter.Social.TweetHashtag do');
  expect(original).toContain('belongs_to :tweet, Twitter.Social.Tweet do');

  // Add an attribute in the text: the panel shows what will change, Apply changes the model.
  const edited = original.replace('  relationships do', '  attributes do\n    attribute :weight, :integer do\n      public? true\n    end\n  end\n\n  relationships do');
  await replaceText(page, 'TweetHashtag', edited);
  const changes = page.getByRole('region', { name: 'Changes to apply' });
  await expect(changes).toContainText('added attribute TweetHashtag.weight (integer)');
  await expect(node.locator('[data-attribute="weight"]')).toHaveCount(0);
  await page.getByRole('button', { name: 'Apply', exact: true }).click();
  await expect(node.locator('[data-attribute="weight"]')).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Applied 1 change as one step' })).toBeVisible();
  expect(await editorText(page, 'TweetHashtag')).toBe(edited);

  // One undo step reverts it, and the clean text follows the model.
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(node.locator('[data-attribute="weight"]')).toHaveCount(0);
  await expect.poll(() => editorText(page, 'TweetHashtag')).toBe(original);

  // Broken text: the problem is shown at its line and nothing is applied (Ctrl/Cmd+Enter too).
  const broken = original.replace('  relationships do', '  attributes do\n    attribute :weight, :nonsense\n  end\n\n  relationships do');
  await replaceText(page, 'TweetHashtag', broken);
  const line = broken.split('\n').findIndex((l) => l.includes(':nonsense')) + 1;
  const problems = page.getByRole('region', { name: 'Problems in the text' });
  await expect(problems).toContainText(`Line ${line}`);
  await expect(problems).toContainText('Unsupported attribute type :nonsense');
  await expect(page.locator('.cm-lint-marker-error')).toHaveCount(1);
  await page.keyboard.press(`${mod}+Enter`);
  await expect(page.getByRole('status').filter({ hasText: 'Not applied' })).toBeVisible();
  await page.getByRole('button', { name: 'Apply', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The model is unchanged' })).toBeVisible();
  await expect(node.locator('[data-attribute="weight"]')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Redo', exact: true })).toBeEnabled(); // the undone step is still there to redo
});

test('a model change while the text has unapplied edits marks it out of date; reload brings the model back', async ({ page }) => {
  await openFixture(page, 'twitter');
  await openCode(page, 'Hashtag');
  const original = await editorText(page, 'Hashtag');
  const described = original.replace('  postgres do', '  resource do\n    description "Tags"\n  end\n\n  postgres do');
  await replaceText(page, 'Hashtag', described);
  await page.keyboard.press(`${mod}+Enter`);
  await expect(page.getByRole('status').filter({ hasText: 'Applied 1 change' })).toBeVisible();

  // An unapplied edit, then the model changes from outside the panel (toolbar Undo).
  await replaceText(page, 'Hashtag', described.replace('"Tags"', '"Topics"'));
  await expect(page.getByRole('region', { name: 'Changes to apply' })).toContainText('changed resource Hashtag: description');
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  const stale = page.getByRole('alert').filter({ hasText: 'out of date' });
  await expect(stale).toBeVisible();
  expect(await editorText(page, 'Hashtag')).toContain('"Topics"');
  await stale.getByRole('button', { name: 'Reload from model' }).click();
  await expect(stale).toBeHidden();
  await expect.poll(() => editorText(page, 'Hashtag')).toBe(original);
});

test('the whole-model view shows every resource, in TypeScript too', async ({ page }) => {
  await openFixture(page, 'twitter');
  await page.getByRole('tab', { name: 'Code' }).click();
  const editor = page.getByRole('textbox', { name: 'Ash (Elixir) code of the Twitter model' });
  // The domain module lists every resource (CodeMirror renders only the lines in view).
  for (const r of ['User', 'Tweet', 'Hashtag', 'TweetHashtag', 'Follow']) await expect(editor).toContainText(`resource Twitter.Social.${r}`);
  await expect(editor).toContainText('defmodule Twitter.Social.User do');
  await page.getByRole('group', { name: 'Code language' }).getByRole('button', { name: 'TypeScript' }).click();
  await expect(page.getByRole('textbox', { name: 'TypeScript code of the Twitter model' })).toContainText('defineModel(');
});
