// Outbox benchmark: (1) durable enqueue latency — the app's own strict-durability IndexedDB
// write (browser.js `putPending`, the call every hand-in waits for) — median and p95 over 300
// writes; (2) the time to drain 10,000 queued records to the local reference collector.
// Prints JSON; scripts/bench.sh checks the budgets.
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumArgs } from '../playwright.config.mjs';
import { startCollector, freePort, configFor, DIST } from '../specs/collector.mjs';

const N = Number(process.env.DRAIN_N ?? 10_000);
const snippets = join(DIST, 'snippets');
const pkg = readdirSync(snippets).find((d) => existsSync(join(snippets, d, 'src', 'outbox', 'browser.js')));
const modulePath = `./snippets/${pkg}/src/outbox/browser.js`;

// The app is served by a plain static server whose config points at a collector that is not
// running yet, so the 10,000 records can be queued before the clock starts.
const collectorPort = await freePort();
const fixtures = mkdtempSync(join(tmpdir(), 'storevoice-bench-'));
writeFileSync(join(fixtures, 'bench.json'), JSON.stringify(configFor(`http://127.0.0.1:${collectorPort}`)));
const staticPort = await freePort();
const server = spawn('node', [new URL('../../../scripts/serve.mjs', import.meta.url).pathname, '--dist', DIST, '--fixtures', fixtures, '--port', String(staticPort)], { stdio: ['ignore', 'pipe', 'inherit'] });
await new Promise((res) => server.stdout.once('data', res));

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
const page = await browser.newPage();
await page.goto(`http://127.0.0.1:${staticPort}/fixture/bench/?lang=en`);
await page.waitForSelector('a.journey');

// (1) durable enqueue latency, on a separate database
const latencies = await page.evaluate(async (path) => {
  const m = await import(path);
  const db = await m.openDb('storevoice-bench-latency');
  const out = [];
  for (let i = 0; i < 300; i++) {
    const id = crypto.randomUUID();
    const event = JSON.stringify({ specversion: '1.0', id, source: '/stores/bench/touchpoints/bench', type: 'storevoice.survey-response.v1', data: { i } });
    const t = performance.now();
    await m.putPending(db, id, event, Date.now());
    out.push(performance.now() - t);
  }
  m.closeDb(db);
  return out;
}, modulePath);
latencies.sort((a, b) => a - b);
const pct = (xs, p) => xs[Math.min(xs.length - 1, Math.floor(p * xs.length))];

// (2) queue N records in the app's own outbox, then start the collector and time the drain
await page.evaluate(async ({ path, n }) => {
  const m = await import(path);
  const db = await m.openDb('storevoice-outbox');
  const now = Date.now();
  for (let start = 0; start < n; start += 500) {
    const tx = db.transaction(['pending'], 'readwrite', { durability: 'strict' });
    for (let i = start; i < Math.min(n, start + 500); i++) {
      const id = crypto.randomUUID();
      const event = JSON.stringify({
        specversion: '1.0', id, source: '/stores/lanting-xuhui/touchpoints/exit-kiosk-1',
        type: 'storevoice.survey-response.v1', time: new Date(now).toISOString(), datacontenttype: 'application/json',
        data: { kind: 'survey-response', id, touchpoint: 'exit-kiosk-1', finished_at: new Date(now).toISOString(), scores: { nps: i % 11, csat: 1 + (i % 5) } },
      });
      tx.objectStore('pending').put({ id, event, queued_at: now + i });
    }
    await new Promise((res, rej) => { tx.oncomplete = res; tx.onerror = () => rej(tx.error); });
  }
  m.closeDb(db);
}, { path: modulePath, n: N });

const c = await startCollector({ port: collectorPort, allowOrigin: `http://127.0.0.1:${staticPort}` });
const t0 = Date.now();
await page.evaluate(() => window.dispatchEvent(new Event('online'))); // the sender's own trigger
let total = 0;
while (Date.now() - t0 < 120_000) {
  total = (await c.summary()).total;
  if (total >= N) break;
  await new Promise((r) => setTimeout(r, 100));
}
const drainMs = Date.now() - t0;
await browser.close();
await c.stop();
server.kill();

console.log(JSON.stringify({
  enqueue_ms: { median: pct(latencies, 0.5), p95: pct(latencies, 0.95), n: latencies.length },
  drain: { records: N, delivered: total, ms: drainMs },
}, null, 2));
