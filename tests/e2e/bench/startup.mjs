// Startup benchmark: time from navigation to the home screen's journey buttons and to the
// first question's first option (`?journey=survey`), in Debian's
// Chromium with the CPU slowed 4× (a modest kiosk tablet or phone), and the size of what a
// phone downloads. Prints JSON; scripts/bench.sh checks it against the budgets.
//
//   node tests/e2e/bench/startup.mjs --url http://127.0.0.1:4511/ --dist dist --runs 9
import { chromium } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync, brotliCompressSync } from 'node:zlib';
import { chromiumArgs } from '../playwright.config.mjs';

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const url = arg('url', 'http://127.0.0.1:4511/');
const dist = arg('dist', 'dist');
const runs = Number(arg('runs', 9));

// Everything the first screen downloads: index.html, the hashed app files and the JS snippets
// the glue imports (not config.json, logo or sw.js, which are data or fetched after start).
const sizes = {};
const add = (kind, path) => {
  const buf = readFileSync(path);
  const s = (sizes[kind] ??= { raw: 0, gzip: 0, brotli: 0 });
  s.raw += buf.length;
  s.gzip += gzipSync(buf, { level: 9 }).length;
  s.brotli += brotliCompressSync(buf).length;
};
add('html', join(dist, 'index.html'));
for (const f of readdirSync(dist, { recursive: true })) {
  const snippet = f.startsWith('snippets/') && f.endsWith('.js');
  if (!snippet && !/-[0-9a-f]{12,}(_bg)?\./.test(f)) continue;
  const kind = f.endsWith('.wasm') ? 'wasm' : f.endsWith('.js') ? 'js' : f.endsWith('.css') ? 'css' : null;
  if (kind) add(kind, join(dist, f));
}

// What a customer waits for: the home screen's journey buttons, and (a QR code that opens the
// questionnaire) the first answer option of the first question.
const TARGETS = {
  home: { path: '', selector: 'a.journey' },
  first_question: { path: '?journey=survey', selector: 'main [role="radiogroup"] input, main [role="radiogroup"] [role="radio"]' },
};

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
const times = Object.fromEntries(Object.keys(TARGETS).map((k) => [k, []]));
const paints = Object.fromEntries(Object.keys(TARGETS).map((k) => [k, []]));
const phases = Object.fromEntries(Object.keys(TARGETS).map((k) => [k, {}]));
const configRequests = [];
for (let i = 0; i < runs; i++) {
  for (const [name, { path, selector }] of Object.entries(TARGETS)) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    let configs = 0;
    page.on('request', (r) => { if (new URL(r.url()).pathname.endsWith('/config.json')) configs += 1; });
    // The page reports the moment by a console message: nothing of Playwright's own (its
    // injected scripts for waitForFunction or locators, ~60 ms of main thread at 4x) runs in
    // the page until the target is in the DOM, so the measurement does not slow the load.
    await page.addInitScript((sel) => {
      const seen = () => {
        if (document.querySelector(sel)) {
          const inDom = performance.now();
          // And the frame that shows it: the next animation frame, then a task after it.
          requestAnimationFrame(() => setTimeout(() => console.debug(`storevoice-bench-shown ${inDom} ${performance.now()}`)));
          return true;
        }
        return false;
      };
      new MutationObserver((_, obs) => { if (seen()) obs.disconnect(); })
        .observe(document, { childList: true, subtree: true });
    }, selector);
    const shown = page.waitForEvent('console', { predicate: (m) => m.text().startsWith('storevoice-bench-shown '), timeout: 30_000 });
    await page.goto(new URL(path, url).href, { waitUntil: 'commit' });
    const [, inDom, painted] = (await shown).text().split(' ').map(Number);
    times[name].push(inDom);
    paints[name].push(painted);
    // Where the time went (read after the moment, so reading costs the load nothing).
    const marks = await page.evaluate(() => {
      const at = Object.fromEntries(performance.getEntriesByType('mark').filter((m) => m.name.startsWith('storevoice:')).map((m) => [m.name.slice(11), m.startTime]));
      const wasm = performance.getEntriesByType('resource').find((r) => r.name.endsWith('_bg.wasm'));
      return { wasm_downloaded: wasm?.responseEnd, main: at.main, config_text: at['config-text'], config_ready: at['config-ready'] };
    });
    for (const [k, v] of Object.entries({ ...marks, in_dom: inDom, painted })) if (v !== undefined) (phases[name][k] ??= []).push(v);
    configRequests.push(configs);
    await context.close();
  }
}
await browser.close();

const stats = (xs) => {
  xs.sort((a, b) => a - b);
  const q = (p) => xs[Math.min(xs.length - 1, Math.floor(p * xs.length))];
  return { median: q(0.5), p95: q(0.95), min: xs[0], max: xs.at(-1) };
};
const total = Object.fromEntries(['brotli', 'gzip', 'raw'].map((k) => [k, Object.values(sizes).reduce((n, s) => n + s[k], 0)]));
console.log(JSON.stringify({
  runs,
  home_ms: stats(times.home),
  first_question_ms: stats(times.first_question),
  // The same moments once painted (next frame); the budgets use the DOM moments above,
  // the method of issue #14's table.
  home_painted_ms: stats(paints.home),
  first_question_painted_ms: stats(paints.first_question),
  // Medians of each start-up phase's end: the wasm downloaded, the app's main() entered
  // (compiled and instantiated), config.json's text in hand, the config validated, the
  // screen in the DOM, painted (User Timing marks set by the app, src/web/platform.rs).
  phases_median_ms: Object.fromEntries(Object.entries(phases).map(([n, p]) => [n, Object.fromEntries(Object.entries(p).map(([k, xs]) => [k, Math.round(stats(xs).median)]))])),
  // More than one request per load means the preload was not used (a second download).
  config_requests_per_load: Math.max(...configRequests),
  sizes: { ...sizes, total },
}, null, 2));
