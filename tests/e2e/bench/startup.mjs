// Startup benchmark: time from navigation to the home screen's journey buttons, in Debian's
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

const sizes = {};
for (const f of readdirSync(dist)) {
  // The app's own hashed files (not sw.js, which is fetched after start).
  if (!/-[0-9a-f]{12,}(_bg)?\./.test(f)) continue;
  const kind = f.endsWith('.wasm') ? 'wasm' : f.endsWith('.js') ? 'js' : f.endsWith('.css') ? 'css' : null;
  if (!kind) continue;
  const buf = readFileSync(join(dist, f));
  sizes[kind] = { raw: buf.length, gzip: gzipSync(buf, { level: 9 }).length, brotli: brotliCompressSync(buf).length };
}

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
const times = [];
for (let i = 0; i < runs; i++) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await page.addInitScript(() => {
    const seen = () => {
      if (document.querySelector('a.journey')) {
        window.__homeAt = performance.now();
        return true;
      }
      return false;
    };
    new MutationObserver((_, obs) => { if (seen()) obs.disconnect(); })
      .observe(document, { childList: true, subtree: true });
  });
  await page.goto(url);
  await page.waitForFunction(() => window.__homeAt !== undefined, null, { timeout: 30_000 });
  times.push(await page.evaluate(() => window.__homeAt));
  await context.close();
}
await browser.close();

times.sort((a, b) => a - b);
const q = (p) => times[Math.min(times.length - 1, Math.floor(p * times.length))];
console.log(JSON.stringify({ runs, home_ms: { median: q(0.5), p95: q(0.95), min: times[0], max: times.at(-1) }, sizes }, null, 2));
