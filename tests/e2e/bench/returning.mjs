// Development aid (not a benchmark with budgets): a returning device. One browser context
// (HTTP cache and service worker on, as on a kiosk or a phone that scanned before) loads the
// page five times at 4x CPU; for loads 1, 2 and 5 it prints the home screen's in-DOM moment
// and how many wasm functions V8 compiled lazily on the main thread (wasm.CompileLazy in a
// trace). V8 writes its code cache for the wasm only after a module has run a while, so load
// 2 still compiles lazily; once the cache is used, nothing is compiled at start.
//   node tests/e2e/bench/returning.mjs 'http://127.0.0.1:4510/' 5
import { TARGETS, launch, loadUntilShown } from './cold-load.mjs';

const url = process.argv[2];
const contexts = Number(process.argv[3] ?? 5);
const browser = await launch();
const shown = { 1: [], 2: [], 5: [] };
const lazy = { 1: [], 2: [], 5: [] };
for (let r = 0; r < contexts; r++) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  for (let load = 1; load <= 5; load++) {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    const traced = load in shown;
    if (traced) await browser.startTracing(page, { categories: ['v8.wasm', 'devtools.timeline'] });
    const { inDom } = await loadUntilShown(page, url, TARGETS.home.selector);
    // Time for the after-paint work, the service worker and V8's code cache to settle.
    await page.waitForTimeout(2500);
    if (traced) {
      const t = JSON.parse((await browser.stopTracing()).toString());
      shown[load].push(inDom);
      lazy[load].push((t.traceEvents ?? t).filter((e) => e.name === 'wasm.CompileLazy').length);
    }
    await page.close();
  }
  await context.close();
}
await browser.close();
const median = (a) => a.slice().sort((x, y) => x - y)[a.length >> 1];
for (const load of Object.keys(shown)) {
  console.log(`load ${load}: home in the DOM median ${Math.round(median(shown[load]))} ms; lazily compiled functions per context: ${lazy[load].join(', ')}`);
}
