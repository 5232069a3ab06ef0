// Interaction benchmark (issue 14), against the release build served by a real reference
// collector. Prints JSON; scripts/bench.sh checks the budgets.
//
// (1) Tap → next question, with the CPU slowed 4×: from the end of the tap (the pointerup
//     event's own timeStamp; the choice is made on release) to the next question's heading text in the DOM, minus the deliberate
//     auto-advance pause where the tap was on a one-tap scale (NPS), and as is for the
//     "Next" button of a choice question. Median over RUNS fresh pages.
// (2) A kiosk that runs all day: CYCLES cycles in one page of survey → thank-you → reset,
//     suggestion box → thank-you → reset and a wayfinding route → reset (in turn), with the
//     Playwright clock skipping the waits. After a forced GC at cycle 100 and at the last one:
//     JS heap used, DOM nodes and listeners (CDP Memory.getDOMCounters) and the wasm linear
//     memory.
//
//   node tests/e2e/bench/interact.mjs            (RUNS=9 CYCLES=1000 by default)
import { chromium, expect } from '@playwright/test';
import { chromiumArgs } from '../playwright.config.mjs';
import { startCollector } from '../specs/collector.mjs';

const RUNS = Number(process.env.RUNS ?? 9);
const CYCLES = Number(process.env.CYCLES ?? 1000);
/** The survey's deliberate pause before a one-tap scale moves on (src/survey/view.rs). */
const AUTO_ADVANCE_MS = 350;

const collector = await startCollector();
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
const heading = (page) => page.getByRole('heading', { level: 1 });

// Records when each tap ends (pointerup: a tap selects on release, as a click does) and the time the screen heading's text next changes.
function watchTaps() {
  window.__tap = { down: [], changed: [] };
  addEventListener('pointerup', (e) => window.__tap.down.push(e.timeStamp), true);
  let last = null;
  new MutationObserver(() => {
    const h = document.getElementById('screen-heading');
    const text = h ? h.textContent : null;
    if (text !== last) {
      last = text;
      window.__tap.changed.push(performance.now());
      window.__tap.notify?.();
    }
  }).observe(document, { childList: true, subtree: true, characterData: true });
}

async function tapTimes() {
  const scale = [];
  const button = [];
  for (let i = 0; i < RUNS; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.addInitScript(watchTaps);
    await page.goto(`${collector.url}/?touchpoint=exit-kiosk-1&lang=en#/survey`);
    await expect(heading(page)).toHaveText('How likely are you to recommend us to a friend?', { timeout: 20_000 });
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    const delta = async (tap, next) => {
      const before = await page.evaluate(() => window.__tap.changed.length);
      // Wait in the page for the heading to change (no Playwright polling, whose injected
      // queries would run on the slowed main thread during the auto-advance pause).
      const changed = page.evaluate((n) => new Promise((resolve) => {
        const t = window.__tap;
        t.notify = () => { if (t.changed.length > n) resolve(); };
        t.notify();
      }), before);
      await tap();
      await changed;
      await expect(heading(page)).toHaveText(next);
      return page.evaluate((n) => {
        const t = window.__tap;
        return t.changed[n] - t.down[t.down.length - 1];
      }, before);
    };
    scale.push((await delta(() => page.getByRole('radio', { name: '9', exact: true }).click(), 'What did you like most?')) - AUTO_ADVANCE_MS);
    await page.locator('main').getByRole('radio').first().check();
    button.push(await delta(() => page.getByRole('button', { name: 'Next' }).click(), /how satisfied/));
    await context.close();
  }
  return { scale, button };
}

async function allDay() {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const page = await context.newPage();
  await page.addInitScript(() => {
    addEventListener('TrunkApplicationStarted', (e) => { window.__wasmMemory = e.detail.wasm.memory; });
  });
  await page.clock.install();
  await page.goto(`${collector.url}/?touchpoint=exit-kiosk-1&lang=en`);
  const cdp = await context.newCDPSession(page);
  const home = page.getByRole('link', { name: /Rate your visit/ });
  await expect(home).toBeVisible({ timeout: 20_000 });
  const toStart = async () => {
    // Thank-you and idle countdowns, skipped with the clock (whichever comes first).
    for (let k = 0; k < 20 && !(await home.isVisible()); k++) await page.clock.runFor(15_000);
    await expect(home).toBeVisible();
  };
  const survey = async () => {
    await home.click();
    await page.getByRole('radio', { name: '8', exact: true }).click();
    await page.clock.runFor(AUTO_ADVANCE_MS + 50);
    await page.getByRole('radio', { name: 'Satisfied', exact: true }).click();
    await page.clock.runFor(AUTO_ADVANCE_MS + 50);
    await page.getByRole('button', { name: 'Skip' }).click();
    await page.getByRole('button', { name: /Send/ }).click();
    await expect(heading(page)).toHaveText('Thank you!');
  };
  const feedback = async (n) => {
    await page.getByRole('link', { name: /Suggestion box/ }).click();
    await page.getByRole('radio', { name: /^Suggestion/ }).check();
    await page.getByRole('radio', { name: 'Environment and facilities', exact: true }).check();
    await page.getByRole('textbox', { name: 'Please tell us more' }).fill(`More benches near the lifts (${n})`);
    await page.getByRole('button', { name: /Send/ }).click();
    await expect(heading(page)).toHaveText('Thank you!');
  };
  const route = async () => {
    await page.getByRole('link', { name: /Find your way/ }).click();
    await page.getByRole('searchbox').fill('cafe');
    await page.getByRole('button', { name: /Café/ }).click();
    await expect(heading(page)).toHaveText('Route to Café');
  };
  const measure = async (cycle) => {
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = await cdp.send('Runtime.getHeapUsage');
    const dom = await cdp.send('Memory.getDOMCounters');
    const wasm = await page.evaluate(() => window.__wasmMemory?.buffer.byteLength ?? null);
    return { cycle, js_heap_used: heap.usedSize, dom_nodes: dom.nodes, listeners: dom.jsEventListeners, documents: dom.documents, wasm_memory: wasm };
  };
  const points = [];
  let handedIn = 0;
  const started = Date.now();
  for (let c = 1; c <= CYCLES; c++) {
    const kind = c % 3;
    if (kind === 1) { await survey(); handedIn += 1; }
    else if (kind === 2) { await feedback(c); handedIn += 1; }
    else await route();
    await toStart();
    if (c === Math.min(100, CYCLES) || c === CYCLES) points.push(await measure(c));
  }
  const seconds = (Date.now() - started) / 1000;
  // Every answer of the day reaches the collector (the page stays open while it sends).
  let delivered = 0;
  for (let k = 0; k < 60 && delivered < handedIn; k++) {
    delivered = (await collector.events()).length;
    if (delivered < handedIn) await page.clock.runFor(5_000);
  }
  await context.close();
  const [first, last] = [points[0], points.at(-1)];
  return {
    cycles: CYCLES,
    seconds,
    handed_in: handedIn,
    delivered,
    points,
    js_heap_growth: last.js_heap_used - first.js_heap_used,
    dom_node_growth: last.dom_nodes - first.dom_nodes,
    wasm_memory_growth: (last.wasm_memory ?? 0) - (first.wasm_memory ?? 0),
  };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const taps = await tapTimes();
const memory = await allDay();
await browser.close();
collector.child.kill();
console.log(JSON.stringify({
  runs: RUNS,
  tap_next_ms: { scale_median: median(taps.scale), button_median: median(taps.button), median: Math.max(median(taps.scale), median(taps.button)), scale: taps.scale, button: taps.button },
  memory,
}, null, 2));
