import { test } from '@playwright/test';
import { openFixture } from './helpers';

test('debug', async ({ page }) => {
  page.on('pageerror', (e) => console.log('PAGEERROR', e.message));
  await openFixture(page, 'helpdesk');
  await page.getByRole('button', { name: 'Auto layout' }).click();
  await page.waitForTimeout(800);
  await page.screenshot({ path: '/tmp/dbg3.png' });
  const edge = page.locator('.edge-name').first();
  await edge.click();
  await page.waitForTimeout(300);
  await page.screenshot({ path: '/tmp/dbg4.png' });
});
