/**
 * Preview figures, driven through the live panel like a person would: generating 50,000 Helpdesk
 * rows (with progress), then a three-level preview (12 representatives → tickets → comments, about
 * 5,000 rows) run ~10 times, split into worker time and transfer (messaging + cloning + scheduling).
 */
import type { Page } from '@playwright/test';
import { median } from './stats';

export interface PreviewFigures {
  generate: { rows: number; wallMs: number; progressShown: boolean; text: string };
  preview: {
    runs: number;
    rows: number;
    records: number;
    statements: number;
    /** Medians over the warm runs. */
    roundTripMs: number;
    workerMs: number;
    engineMs: number;
    transferMs: number;
    /** From the click on "Run preview" to the new result rendered (UI included). */
    clickToRenderMs: number;
    hops: string;
  };
}

const COUNTS = { User: 2000, Representative: 200, Ticket: 15_000, Comment: 32_800 };

export async function measurePreviews(page: Page, runs = 12): Promise<PreviewFigures> {
  const live = page.getByRole('region', { name: 'Live preview' });
  await live.and(page.locator('[aria-busy="false"]')).waitFor({ timeout: 30_000 });
  await live.getByRole('tab', { name: /^Data/ }).click();

  // 1. Generate 50,000 rows.
  await live.getByRole('button', { name: 'Generate data…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Generate data' });
  for (const [name, n] of Object.entries(COUNTS)) await dialog.getByLabel(`Rows of ${name}`).fill(String(n));
  // Progress is sampled in the page from the click on, so a fast run still counts what it showed.
  await page.evaluate(() => {
    const w = window as unknown as { __progressSeen: boolean };
    w.__progressSeen = false;
    const obs = new MutationObserver(() => {
      if (document.querySelector('progress[aria-label="Generation progress"]')) {
        w.__progressSeen = true;
        obs.disconnect();
      }
    });
    obs.observe(document.body, { subtree: true, childList: true });
  });
  const t0 = Date.now();
  await dialog.getByRole('button', { name: 'Generate', exact: true }).click();
  const done = dialog.getByText(/^Generated [\d,]+ rows/);
  await done.waitFor({ timeout: 120_000 });
  const wallMs = Date.now() - t0;
  const text = ((await done.textContent()) ?? '').trim();
  const progressShown = await page.evaluate(() => (window as unknown as { __progressSeen: boolean }).__progressSeen);
  await dialog.getByRole('button', { name: 'Done' }).click();
  const rows = Number(/Generated ([\d,]+) rows/.exec(text)?.[1]?.replace(/,/g, '') ?? NaN);

  // 2. Three-level preview, run by hand (not on change) so each run is one click.
  await live.getByRole('tab', { name: 'Preview' }).click();
  await live.getByLabel('Run on change').uncheck();
  await live.getByLabel('Root resource').selectOption('Representative');
  await live.getByLabel('Representative limit').fill('12');
  await live.getByLabel('Load tickets', { exact: true }).check();
  await live.getByLabel('Load tickets.comments', { exact: true }).check();
  const timings = live.getByLabel('Timings');
  const samples: Array<{ trip: number; worker: number; engine: number; transfer: number; click: number; text: string }> = [];
  for (let i = 0; i < runs; i++) {
    const before = (await timings.count()) ? await timings.textContent() : '';
    const click = await page.evaluate(async (prev) => {
      const button = Array.from(document.querySelectorAll('button')).find((b) => b.textContent === 'Run preview')!;
      const t = performance.now();
      button.click();
      await new Promise<void>((resolve, reject) => {
        const give = setTimeout(() => reject(new Error('no preview result after 30 s')), 30_000);
        const check = () => {
          const el = document.querySelector('[aria-label="Timings"]');
          if (el && el.textContent !== prev) {
            clearTimeout(give);
            resolve();
          } else requestAnimationFrame(check);
        };
        check();
      });
      await new Promise((r) => requestAnimationFrame(() => r(undefined)));
      return performance.now() - t;
    }, before);
    const t = (await timings.textContent()) ?? '';
    const num = (re: RegExp) => Number(re.exec(t)?.[1] ?? NaN);
    samples.push({
      trip: num(/round trip ([\d.]+) ms/), worker: num(/worker ([\d.]+) ms/), engine: num(/engine ([\d.]+) ms/),
      transfer: num(/transfer ([\d.]+) ms/), click, text: t,
    });
  }
  const hops = ((await live.getByRole('list', { name: 'Statements per hop' }).textContent()) ?? '').replace(/ms(?=\S)/g, 'ms; ');
  const warm = samples.slice(2);
  const last = samples.at(-1)!.text;
  const hopRows = [...hops.matchAll(/([\d,]+) rows?/g)].reduce((n, m) => n + Number(m[1]!.replace(/,/g, '')), 0);
  return {
    generate: { rows, wallMs, progressShown, text },
    preview: {
      runs: warm.length,
      rows: hopRows,
      records: Number(/^([\d,]+) record/.exec(last)?.[1]?.replace(/,/g, '') ?? NaN),
      statements: Number(/(\d+) statements?/.exec(last)?.[1] ?? NaN),
      roundTripMs: median(warm.map((s) => s.trip)),
      workerMs: median(warm.map((s) => s.worker)),
      engineMs: median(warm.map((s) => s.engine)),
      transferMs: median(warm.map((s) => s.transfer)),
      clickToRenderMs: Math.round(median(warm.map((s) => s.click))),
      hops,
    },
  };
}
