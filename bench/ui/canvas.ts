/**
 * Canvas figures, measured in the page: opening a 300-resource / 600-relationship model, frame
 * times while dragging a node and panning the canvas, and re-checking diagnostics after an edit.
 */
import type { Page } from '@playwright/test';
import { benchDocument, countRelationships } from './model';
import { median, percentile } from './stats';

export interface CanvasFigures {
  resources: number;
  relationships: number;
  /** From the import call to the first nodes on screen / to every node rendered and fitted in view. */
  firstNodesMs: number;
  openMs: number;
  /**
   * CPU time of the page's main thread during the open (Chromium trace, top-level tasks' thread
   * time): what the open costs with the machine to itself, when other processes stretch the wall time.
   */
  openCpuMs: number | null;
  drag: FrameFigures;
  pan: FrameFigures;
  /** `validateModel` + `normalizeModel` after an op, median of 20. */
  diagnosticsMs: number;
  diagnosticsP95Ms: number;
  /** The store's whole dispatch (apply op, diagnostics, notify subscribers), median of 20. */
  dispatchMs: number;
  /** From the dispatch to the next painted frame, median of 20. */
  editToFrameMs: number;
  /** "Auto layout" (ELK in its worker: layered, orthogonal routes, label places), click to painted. */
  layoutMs: number;
  /** Edges that came back with a route. */
  layoutRoutes: number;
}

export interface FrameFigures {
  frames: number;
  durationMs: number;
  medianFps: number;
  p95FrameMs: number;
  /** Frames longer than 50 ms. */
  longFrames: number;
}

/** Frame deltas while `act` runs: a requestAnimationFrame loop started before and stopped after. */
async function framesDuring(page: Page, act: () => Promise<void>): Promise<FrameFigures> {
  await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __framesOn: boolean; __framesRun?: number };
    // A run of its own: the previous loop's last callback may still be pending and must not add
    // its timestamps to this one (two loops give zero deltas, an infinite "fps").
    const run = (w.__framesRun = (w.__framesRun ?? 0) + 1);
    const frames: number[] = [];
    w.__frames = frames;
    w.__framesOn = true;
    const tick = (t: number) => {
      if (w.__framesRun !== run) return;
      frames.push(t);
      if (w.__framesOn) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  await act();
  const stamps = await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __framesOn: boolean };
    w.__framesOn = false;
    return w.__frames;
  });
  const deltas = stamps.slice(1).map((t, i) => t - stamps[i]!);
  const med = median(deltas);
  return {
    frames: deltas.length,
    durationMs: Math.round(stamps.at(-1)! - stamps[0]!),
    medianFps: Math.round((1000 / med) * 10) / 10,
    p95FrameMs: Math.round(percentile(deltas, 0.95) * 10) / 10,
    longFrames: deltas.filter((d) => d > 50).length,
  };
}

/** Moves the mouse from `from` by (dx, dy) per step, with the button down, for about `ms`. */
async function dragFor(page: Page, from: { x: number; y: number }, step: { dx: number; dy: number }, ms: number) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  const end = Date.now() + ms;
  let i = 0;
  while (Date.now() < end) {
    i++;
    // Back and forth, so the node (or the view) stays around where it started.
    const phase = Math.floor(i / 40) % 2 === 0 ? i % 40 : 40 - (i % 40);
    await page.mouse.move(from.x + step.dx * phase, from.y + step.dy * phase);
    await page.waitForTimeout(8);
  }
  await page.mouse.up();
}

export async function measureCanvas(page: Page, resources = 300, relationships = 600): Promise<CanvasFigures> {
  const doc = benchDocument(resources, relationships);

  // 1. Open: from handing the document to the store to every node rendered with the view fitted.
  // The document crosses to the page as JSON (its deep type would only slow the checker down).
  const arg: { doc: unknown; n: number } = { doc, n: resources };
  const browser = page.context().browser();
  // `toplevel` only: one event per task, cheap enough not to slow the open it measures.
  if (browser) await browser.startTracing(page, { categories: ['toplevel'] });
  const open = await page.evaluate(async ({ doc, n }: { doc: unknown; n: number }) => {
    const relata = (window as unknown as { __relata: BenchHandle }).__relata;
    const count = () => document.querySelectorAll('.react-flow__node').length;
    const t0 = performance.now();
    relata.document.getState().openDocument(`bench-${n}`, `Bench ${n}`, doc);
    let first = 0;
    await new Promise<void>((resolve, reject) => {
      const give = setTimeout(() => reject(new Error(`only ${count()} of ${n} nodes rendered after 30 s`)), 30_000);
      const check = () => {
        const c = count();
        if (c > 0 && !first) first = performance.now();
        // Rendered and measured (React Flow shows a node once it knows its size).
        const visible = document.querySelectorAll('.react-flow__node[style*="visibility: visible"], .react-flow__node:not([style*="visibility"])').length;
        if (c >= n && visible >= n) {
          clearTimeout(give);
          resolve();
        } else requestAnimationFrame(check);
      };
      check();
    });
    // The frame with every node has been painted once the next frame starts.
    await new Promise((r) => requestAnimationFrame(() => r(undefined)));
    const t1 = performance.now();
    return { firstNodesMs: first - t0, openMs: t1 - t0 };
  }, arg);
  const openCpuMs = browser ? mainThreadCpuMs(await browser.stopTracing()) : null;

  await page.waitForTimeout(500);
  // 2. Frames while dragging a node near the middle of the view, grabbed at its middle: at the
  // fitted zoom a node is a few pixels high, and a point below it would pan the view instead.
  const dragged = page.locator('.react-flow__node').nth(Math.floor(resources / 2));
  const box = await dragged.boundingBox();
  if (!box) throw new Error('no node to drag');
  // React Flow marks the node it drags with the `dragging` class: proof the gesture moved a node.
  await dragged.evaluate((el) => {
    const w = window as unknown as { __dragSeen: boolean };
    w.__dragSeen = false;
    new MutationObserver((_records, observer) => {
      if (!el.classList.contains('dragging')) return;
      w.__dragSeen = true;
      observer.disconnect();
    }).observe(el, { attributes: true, attributeFilter: ['class'] });
  });
  const drag = await framesDuring(page, () => dragFor(page, { x: box.x + box.width / 2, y: box.y + box.height / 2 }, { dx: 4, dy: 2 }, 2000));
  if (!(await page.evaluate(() => (window as unknown as { __dragSeen: boolean }).__dragSeen))) {
    throw new Error('the drag did not move the node: its frame times would be an idle canvas');
  }

  // 3. Frames while panning: drag on an empty spot of the pane.
  const spot = await page.evaluate(() => {
    const pane = document.querySelector('.react-flow__pane')!.getBoundingClientRect();
    for (let y = pane.top + 20; y < pane.bottom - 20; y += 7) {
      for (let x = pane.left + 20; x < pane.right - 200; x += 7) {
        const el = document.elementFromPoint(x, y);
        if (el?.classList.contains('react-flow__pane')) return { x, y };
      }
    }
    return null;
  });
  if (!spot) throw new Error('no empty spot of the canvas to pan from');
  const pan = await framesDuring(page, () => dragFor(page, spot, { dx: 3, dy: 1 }, 2000));
  await page.waitForTimeout(300);

  // 4. Diagnostics after an edit, and the whole store dispatch, 20 times each.
  const diag = await page.evaluate(async ({ n }) => {
    const relata = (window as unknown as { __relata: BenchHandle }).__relata;
    const store = relata.document;
    const { applyOps, validateModel, normalizeModel } = relata.core;
    const target = `Res${String(Math.floor(n / 2)).padStart(3, '0')}`;
    const op = (allowNil: boolean) => ({ kind: 'updateAttribute', resource: target, name: 'score', attribute: { name: 'score', type: 'integer', allowNil } });
    const checks: number[] = [];
    const dispatches: number[] = [];
    const toFrame: number[] = [];
    const nextFrame = () => new Promise<number>((r) => requestAnimationFrame(() => setTimeout(() => r(performance.now()), 0)));
    for (let i = 0; i < 24; i++) {
      const applied = applyOps(store.getState().document, [op(i % 2 === 0)]);
      if (!applied.ok) throw new Error(JSON.stringify(applied.error));
      const t0 = performance.now();
      // What the store does after an edit: one normalization, shared with validation.
      validateModel(applied.value.document.model, normalizeModel(applied.value.document.model));
      const t1 = performance.now();
      store.getState().dispatch([op(i % 2 === 0)], 'bench edit');
      const t2 = performance.now();
      const t3 = await nextFrame();
      if (i >= 4) {
        checks.push(t1 - t0);
        dispatches.push(t2 - t1);
        toFrame.push(t3 - t1);
      }
    }
    return { checks, dispatches, toFrame };
  }, { n: resources });

  // 5. Layout, apart from opening (the bench model opens with its own positions): "Auto layout" on
  // the whole model, from the click to the laid-out drawing painted.
  const layout = await page.evaluate(async () => {
    const relata = (window as unknown as { __relata: BenchHandle }).__relata;
    const layoutOf = () => (relata.document.getState().document as { layout: { routes?: Record<string, unknown> } }).layout;
    const before = layoutOf();
    const button = Array.from(document.querySelectorAll('button')).find((b) => b.textContent?.trim() === 'Auto layout');
    if (!button) throw new Error('no Auto layout button');
    const t0 = performance.now();
    button.click();
    await new Promise<void>((resolve, reject) => {
      const give = setTimeout(() => reject(new Error('auto layout did not land within 120 s')), 120_000);
      const check = () => {
        const now = layoutOf();
        const busy = document.querySelector('.relata-canvas[aria-busy="true"]');
        if (now !== before && !busy) {
          clearTimeout(give);
          resolve();
        } else requestAnimationFrame(check);
      };
      check();
    });
    await new Promise((r) => requestAnimationFrame(() => r(undefined)));
    return { ms: performance.now() - t0, routes: Object.keys(layoutOf().routes ?? {}).length };
  });

  return {
    resources,
    relationships: countRelationships(doc),
    layoutMs: Math.round(layout.ms),
    layoutRoutes: layout.routes,
    firstNodesMs: Math.round(open.firstNodesMs),
    openMs: Math.round(open.openMs),
    openCpuMs: openCpuMs === null ? null : Math.round(openCpuMs),
    drag,
    pan,
    diagnosticsMs: round1(median(diag.checks)),
    diagnosticsP95Ms: round1(percentile(diag.checks, 0.95)),
    dispatchMs: round1(median(diag.dispatches)),
    editToFrameMs: round1(median(diag.toFrame)),
  };
}

const round1 = (x: number) => Math.round(x * 10) / 10;

interface TraceEvent { name: string; ph: string; pid: number; tid: number; dur?: number; tdur?: number; args?: { name?: string } }

/** Thread (CPU) time of the top-level tasks on the renderer's main thread in a Chromium trace, in ms. */
export function mainThreadCpuMs(trace: Buffer): number | null {
  const parsed = JSON.parse(trace.toString('utf8')) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
  const mains = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  let us = 0, seen = false;
  for (const e of events) {
    if (e.ph !== 'X' || !mains.has(`${e.pid}:${e.tid}`) || (e.name !== 'ThreadControllerImpl::RunTask' && e.name !== 'RunTask')) continue;
    if (e.tdur === undefined) continue;
    us += e.tdur;
    seen = true;
  }
  return seen ? us / 1000 : null;
}

/** What the bench uses of `window.__relata` (src/ui/dev-handle.ts). */
export interface BenchHandle {
  document: {
    getState(): {
      document: unknown;
      openDocument(id: string, title: string, doc: unknown): void;
      dispatch(ops: unknown[], label?: string): { ok: boolean };
    };
  };
  core: {
    applyOps(doc: unknown, ops: unknown[]): { ok: true; value: { document: { model: unknown } } } | { ok: false; error: unknown };
    validateModel(model: unknown, normalized?: unknown): unknown[];
    normalizeModel(model: unknown): unknown;
  };
}
