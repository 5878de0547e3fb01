/**
 * Only the preview half of the UI benchmark (`npx tsx bench/ui/preview-run.ts [--dev]`); the full
 * benchmark with targets is `npm run bench:ui` (run.ts).
 */
import { chromium } from '@playwright/test';
import { measurePreviews } from './previews';
import { startAppServer } from './server';

async function main() {
  const server = await startAppServer({ dev: process.argv.includes('--dev'), port: Number(process.env.BENCH_PORT ?? 5198) });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.addInitScript('globalThis.__name = (f) => f;');
    await page.goto(`${server.url}/?fixture=helpdesk`);
    await page.getByRole('button', { name: /^Models \(current: / }).waitFor({ timeout: 30_000 });
    console.log(JSON.stringify(await measurePreviews(page), null, 2));
  } finally {
    await browser.close();
    await server.stop();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
