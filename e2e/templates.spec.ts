import { expect, test } from '@playwright/test';
import { openFixture, resourceNode } from './helpers';

const templates = {
  helpdesk: ['User', 'Representative', 'Ticket', 'Comment'],
  twitter: ['Tweet', 'User', 'Hashtag', 'TweetHashtag', 'Follow'],
  blog: ['Post', 'Author', 'Comment', 'Category', 'PostCategory'],
} as const;

for (const [name, resources] of Object.entries(templates)) {
  test(`the ${name} template opens from /?fixture=${name} with its resources and no errors`, async ({ page }) => {
    await openFixture(page, name as keyof typeof templates);
    for (const resource of resources) await expect(resourceNode(page, resource)).toBeVisible();
    await expect(page.getByRole('button', { name: /^Issues: (No issues|0 errors)/ })).toBeVisible();
  });
}

test('an unknown fixture is reported, not silently ignored', async ({ page }) => {
  await page.goto('/?fixture=nope');
  const problem = page.getByRole('alertdialog', { name: 'Unknown fixture' });
  await expect(problem).toContainText('helpdesk, twitter, blog');
  await problem.getByRole('button', { name: 'OK' }).click();
  await expect(page.getByRole('button', { name: /^Models \(current: / })).toBeVisible();
});

test('the palette jumps to a resource and the theme toggles', async ({ page }) => {
  await openFixture(page, 'helpdesk');
  await page.keyboard.press(process.platform === 'darwin' ? 'Meta+k' : 'Control+k');
  const search = page.getByRole('combobox', { name: 'Search resources and commands' });
  await search.fill('Repr');
  const results = page.getByRole('listbox', { name: 'Results' });
  await expect(results.getByRole('option', { name: /^Representative/ })).toHaveAttribute('aria-selected', 'true');
  await search.press('Enter');
  await expect(search).toBeHidden();
  await expect(page.locator('.react-flow__node.selected')).toHaveAttribute('aria-label', 'Resource Representative');

  const theme = page.getByRole('button', { name: 'Dark theme' });
  const before = await theme.getAttribute('aria-pressed');
  await theme.click();
  await expect(theme).toHaveAttribute('aria-pressed', before === 'true' ? 'false' : 'true');
  await expect(page.locator('html')).toHaveAttribute('data-theme', before === 'true' ? 'light' : 'dark');
});
