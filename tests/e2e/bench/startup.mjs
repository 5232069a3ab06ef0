// Startup benchmark: time from navigation to the home screen's journey buttons and to the
// first question's first option (`?journey=survey`), in Debian's
// Chromium with the CPU slowed 4× (a modest kiosk tablet or phone), and the size of what a
// phone downloads. Prints JSON; scripts/bench.sh checks it against the budgets.
//
//   node tests/e2e/bench/startup.mjs --url http://127.0.0.1:4511/ --dist dist --runs 9
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync, brotliCompressSync } from 'node:zlib';
import { TARGETS, coldPage, launch, loadUntilShown } from './cold-load.mjs';

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const url = arg('url', 'http://127.0.0.1:4511/');
const dist = arg('dist', 'dist');
const runs = Number(arg('runs', 9));

// Everything the first screen downloads: index.html and what it loads (the hashed glue, wasm
// and CSS, the JS snippets the glue imports), not config.json, logo or sw.js (data, or fetched
// after start). The same for app.html, the full app a customer is handed over to for the
// suggestion box, find your way or staff mode (reported, not budgeted).
const pageSizes = (page) => {
  const sizes = {};
  const add = (kind, path) => {
    const buf = readFileSync(path);
    const s = (sizes[kind] ??= { raw: 0, gzip: 0, brotli: 0 });
    s.raw += buf.length;
    s.gzip += gzipSync(buf, { level: 9 }).length;
    s.brotli += brotliCompressSync(buf).length;
  };
  const html = readFileSync(join(dist, page), 'utf8');
  add('html', join(dist, page));
  const files = new Set([...html.matchAll(/(?:href="|["'])\.\/([^"']+\.(?:js|wasm|css))["']/g)].map((m) => m[1]));
  for (const f of [...files]) {
    if (!f.endsWith('.js')) continue;
    for (const m of readFileSync(join(dist, f), 'utf8').matchAll(/\.\/(snippets\/[^'"]+\.js)/g)) files.add(m[1]);
  }
  for (const f of files) add(f.endsWith('.wasm') ? 'wasm' : f.endsWith('.js') ? 'js' : 'css', join(dist, f));
  const total = Object.fromEntries(['brotli', 'gzip', 'raw'].map((k) => [k, Object.values(sizes).reduce((n, s) => n + s[k], 0)]));
  return { ...sizes, total };
};
const sizes = pageSizes('index.html');
const fullSizes = existsSync(join(dist, 'app.html')) ? pageSizes('app.html') : null;

const browser = await launch();
const times = Object.fromEntries(Object.keys(TARGETS).map((k) => [k, []]));
const paints = Object.fromEntries(Object.keys(TARGETS).map((k) => [k, []]));
const phases = Object.fromEntries(Object.keys(TARGETS).map((k) => [k, {}]));
const configRequests = [];
for (let i = 0; i < runs; i++) {
  for (const [name, { path, selector }] of Object.entries(TARGETS)) {
    const { context, page } = await coldPage(browser);
    let configs = 0;
    page.on('request', (r) => { if (new URL(r.url()).pathname.endsWith('/config.json')) configs += 1; });
    const { inDom, painted } = await loadUntilShown(page, new URL(path, url).href, selector);
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
  sizes,
  full_app_sizes: fullSizes,
}, null, 2));
