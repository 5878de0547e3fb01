/**
 * UI benchmark of live previews, driven through Playwright in Chromium (not a timed test: prints figures).
 *   npx tsx bench/ui/preview-run.ts            (starts Vite on port 5198)
 *   BENCH_URL=http://127.0.0.1:5173 npx tsx bench/ui/preview-run.ts   (uses a running server)
 * Figures: generating 50,000 Helpdesk rows (with progress) in the engine worker; a preview round
 * trip of a three-level load (Representative → tickets → comments, ~5,000 rows), split into worker
 * time and transfer (messaging + structured clone + scheduling).
 */
import { spawn } from 'node:child_process';
import { chromium } from '@playwright/test';

const PORT = 5198;
const url = process.env.BENCH_URL ?? `http://127.0.0.1:${PORT}`;

async function waitFor(u: string, ms: number) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try {
      if ((await fetch(u)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${u} did not come up`);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  const server = process.env.BENCH_URL ? null : spawn('npx', ['vite', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'], { stdio: 'ignore' });
  try {
    await waitFor(url, 60_000);
    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`${url}/?fixture=helpdesk`);
    const live = page.getByRole('region', { name: 'Live preview' });
    await live.getByRole('tab', { name: /^Data/ }).click({ timeout: 30_000 });

    // 1. Generate 50,000 rows.
    await live.getByRole('button', { name: 'Generate data…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Generate data' });
    const counts = { User: 2000, Representative: 200, Ticket: 15_000, Comment: 32_800 };
    for (const [name, n] of Object.entries(counts)) await dialog.getByLabel(`Rows of ${name}`).fill(String(n));
    const t0 = Date.now();
    await dialog.getByRole('button', { name: 'Generate', exact: true }).click();
    await dialog.getByRole('status').filter({ hasText: /rows/ }).first().waitFor({ timeout: 30_000 });
    const sawProgress = await dialog.getByLabel('Generation progress').isVisible();
    const done = dialog.getByText(/^Generated [\d,]+ rows/);
    await done.waitFor({ timeout: 60_000 });
    const wall = Date.now() - t0;
    console.log(`generate 50,000 rows: ${(await done.textContent())?.trim()} — wall clock ${wall} ms (progress shown: ${sawProgress})`);
    await dialog.getByRole('button', { name: 'Done' }).click();

    // 2. Three-level preview, ~5,000 rows: 20 representatives → their tickets → comments.
    await live.getByRole('tab', { name: 'Preview' }).click();
    await live.getByLabel('Root resource').selectOption('Representative');
    await live.getByLabel('Run on change').uncheck();
    await live.getByLabel('Representative limit').fill('20');
    await live.getByLabel('Load tickets', { exact: true }).check();
    await live.getByLabel('Load tickets.comments', { exact: true }).check();
    const runs: Array<{ worker: number; engine: number; transfer: number; trip: number; records: string }> = [];
    const timings = live.getByLabel('Timings');
    for (let i = 0; i < 12; i++) {
      const before = (await timings.count()) ? await timings.textContent() : '';
      await live.getByRole('button', { name: 'Run preview' }).click();
      await page.waitForFunction((prev) => {
        const el = document.querySelector('[aria-label="Timings"]');
        return el && el.textContent !== prev;
      }, before, { timeout: 30_000 }).catch(() => undefined);
      const text = (await timings.textContent()) ?? '';
      const num = (re: RegExp) => Number(re.exec(text)?.[1] ?? NaN);
      runs.push({ worker: num(/worker ([\d.]+) ms/), engine: num(/engine ([\d.]+) ms/), transfer: num(/transfer ([\d.]+) ms/), trip: num(/round trip ([\d.]+) ms/), records: text });
    }
    const hopText = (await live.getByRole('list', { name: 'Statements per hop' }).textContent()) ?? '';
    const warm = runs.slice(2);
    console.log(`preview (3 levels): ${hopText.replace(/ms(?=\S)/g, 'ms; ')}`);
    console.log(
      `preview round trip, median of ${warm.length}: ${median(warm.map((r) => r.trip))} ms ` +
        `(worker ${median(warm.map((r) => r.worker))} ms, engine ${median(warm.map((r) => r.engine))} ms, transfer ${median(warm.map((r) => r.transfer))} ms)`,
    );
    await browser.close();
  } finally {
    server?.kill();
  }
}

void main();
