/**
 * UI benchmark (`npm run bench:ui`; `-- --json` adds one JSON object on the last line; `-- --dev`
 * uses the Vite dev server instead of a production build; BENCH_URL=http://… uses a running
 * server). Not a timed test: it prints the figures of this run, each against its target.
 *
 * Canvas: a generated model of 300 resources and 600 relationships, opened through the store
 * (`window.__relata`, installed with `?bench`); frame times while Playwright drags a node and pans;
 * diagnostics after an edit. Previews: 50,000 Helpdesk rows generated with progress; a three-level
 * preview round trip, worker time and transfer apart.
 */
import { chromium } from '@playwright/test';
import { measureCanvas } from './canvas';
import { measurePreviews } from './previews';
import { startAppServer } from './server';

interface Target {
  name: string;
  value: number;
  unit: string;
  target: string;
  met: boolean;
  note?: string;
}

const args = new Set(process.argv.slice(2));
const json = args.has('--json');
const dev = args.has('--dev');
const PORT = Number(process.env.BENCH_PORT ?? 5198);

async function main() {
  const server = await startAppServer({ dev, port: PORT });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    // tsx keeps function names with a `__name` helper the page does not have.
    await context.addInitScript('globalThis.__name = (f) => f;');

    const canvasPage = await context.newPage();
    await canvasPage.goto(`${server.url}/?bench`);
    await canvasPage.getByRole('button', { name: /^Models \(current: / }).waitFor({ timeout: 30_000 });
    await canvasPage.getByRole('region', { name: 'Live preview' }).and(canvasPage.locator('[aria-busy="false"]')).waitFor({ timeout: 30_000 });
    await canvasPage.waitForFunction(() => '__relata' in window);
    const canvas = await measureCanvas(canvasPage);
    await canvasPage.close();

    const previewPage = await context.newPage();
    await previewPage.goto(`${server.url}/?bench&fixture=helpdesk`);
    await previewPage.getByRole('button', { name: /^Models \(current: / }).waitFor({ timeout: 30_000 });
    const previews = await measurePreviews(previewPage);
    await previewPage.close();

    const targets: Target[] = [
      { name: `open ${canvas.resources} resources / ${canvas.relationships} relationships`, value: canvas.openMs, unit: 'ms', target: '< 1500 ms', met: canvas.openMs < 1500, note: `first nodes at ${canvas.firstNodesMs} ms; main-thread CPU time of the open ${canvas.openCpuMs ?? '?'} ms (wall time grows with other load on the machine)` },
      { name: 'drag a node: median fps', value: canvas.drag.medianFps, unit: 'fps', target: '>= 50 fps', met: canvas.drag.medianFps >= 50, note: `p95 frame ${canvas.drag.p95FrameMs} ms, ${canvas.drag.frames} frames, ${canvas.drag.longFrames} over 50 ms` },
      { name: 'pan the canvas: median fps', value: canvas.pan.medianFps, unit: 'fps', target: '>= 50 fps', met: canvas.pan.medianFps >= 50, note: `p95 frame ${canvas.pan.p95FrameMs} ms, ${canvas.pan.frames} frames, ${canvas.pan.longFrames} over 50 ms` },
      { name: `auto layout of ${canvas.resources} resources (ELK worker), reported apart`, value: canvas.layoutMs, unit: 'ms', target: 'no target (reported)', met: canvas.layoutRoutes > 0, note: `${canvas.layoutRoutes} edges routed; click to the laid-out drawing painted` },
      { name: 'diagnostics after an edit (validate + normalize)', value: canvas.diagnosticsMs, unit: 'ms', target: '< 16 ms', met: canvas.diagnosticsMs < 16, note: `p95 ${canvas.diagnosticsP95Ms} ms; whole dispatch ${canvas.dispatchMs} ms, edit to next frame ${canvas.editToFrameMs} ms` },
      { name: `generate ${previews.generate.rows.toLocaleString('en-US')} rows with progress`, value: previews.generate.wallMs, unit: 'ms', target: '< 5000 ms, progress shown', met: previews.generate.wallMs < 5000 && previews.generate.progressShown && previews.generate.rows >= 50_000, note: previews.generate.text },
      { name: `preview round trip (3 levels, ${previews.preview.rows.toLocaleString('en-US')} rows)`, value: previews.preview.roundTripMs, unit: 'ms', target: '< 100 ms', met: previews.preview.roundTripMs < 100, note: `worker ${previews.preview.workerMs} ms (engine ${previews.preview.engineMs} ms), transfer ${previews.preview.transferMs} ms; click to rendered ${previews.preview.clickToRenderMs} ms; median of ${previews.preview.runs}` },
    ];

    const width = Math.max(...targets.map((t) => t.name.length));
    console.log(`\nRelata UI benchmark — ${server.mode === 'preview' ? `production build (vite build ${server.buildMs} ms) + vite preview` : server.mode === 'dev' ? 'Vite dev server' : server.url}, headless Chromium ${browser.version()}\n`);
    console.log(`${'figure'.padEnd(width)}  ${'value'.padStart(10)}  ${'target'.padEnd(26)}  result`);
    console.log(`${'-'.repeat(width)}  ${'-'.repeat(10)}  ${'-'.repeat(26)}  ------`);
    for (const t of targets) {
      console.log(`${t.name.padEnd(width)}  ${`${t.value} ${t.unit}`.padStart(10)}  ${t.target.padEnd(26)}  ${t.met ? 'met' : 'MISSED'}`);
      if (t.note) console.log(`${''.padEnd(width)}    ${t.note}`);
    }
    console.log(`\nhops: ${previews.preview.hops}`);
    if (json) {
      console.log(JSON.stringify({
        server: server.mode, chromium: browser.version(), canvas, previews,
        targets: targets.map((t) => ({ name: t.name, value: t.value, unit: t.unit, target: t.target, status: t.met ? 'met' : 'missed' })),
      }));
    }
  } finally {
    await browser.close();
    await server.stop();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack ?? e.message : e);
  process.exit(1);
});
