// Starts the real reference collector (target/collector/storevoice-collector) for a test:
// its own port, SQLite file and config.json pointing the app at it, optional faults.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { createServer as httpServer, request } from 'node:http';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const COLLECTOR_BIN = join(ROOT, 'target', 'collector', 'storevoice-collector');
export const DIST = join(ROOT, 'dist');
const SAMPLE = join(ROOT, 'assets', 'config.json');

export function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.unref();
    s.on('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

/** The sample store's config with the endpoint at `url`; `edit` may change more. */
export function configFor(url, edit = (c) => c) {
  const c = JSON.parse(readFileSync(SAMPLE, 'utf8'));
  c.endpoint.url = `${url}/api/events`;
  return edit(c) ?? c;
}

/**
 * Starts a collector. Options: faults (spec string), seed, token, editConfig(config),
 * port (default: a free one), dir (keeps the database across restarts), dist (the app to serve).
 */
export async function startCollector(opts = {}) {
  const port = opts.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'storevoice-e2e-'));
  const configPath = join(dir, 'config.json');
  writeFileSync(configPath, JSON.stringify(configFor(url, opts.editConfig)));
  // The exports need the admin token; it never goes into config.json.
  const adminToken = randomBytes(24).toString('hex');
  const adminTokenPath = join(dir, 'admin.token');
  writeFileSync(adminTokenPath, `${adminToken}\n`, { mode: 0o600 });
  const admin = { headers: { Authorization: `Bearer ${adminToken}` } };
  const args = ['--addr', `127.0.0.1:${port}`, '--db', join(dir, 'events.sqlite'), '--dist', opts.dist ?? DIST, '--config', configPath,
    '--admin-token-file', adminTokenPath];
  if (opts.faults) args.push('--faults', opts.faults, '--seed', String(opts.seed ?? 7));
  if (opts.token) args.push('--token', opts.token);
  // An app served from another origin may post (CORS for ingest only).
  if (opts.allowOrigin) args.push('--allow-origin', opts.allowOrigin);
  const child = spawn(COLLECTOR_BIN, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stderr.on('data', (d) => { log = (log + d).slice(-20_000); });
  await new Promise((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`collector did not start: ${log}`)), 15_000);
    child.stdout.on('data', (d) => {
      if (String(d).includes('listening on')) { clearTimeout(timer); res(); }
    });
    child.on('exit', (code) => { clearTimeout(timer); rej(new Error(`collector exited ${code}: ${log}`)); });
  });
  const api = {
    url,
    port,
    dir,
    child,
    adminToken,
    log: () => log,
    async events() {
      const r = await fetch(`${url}/api/events.ndjson`, admin);
      if (!r.ok) throw new Error(`GET /api/events.ndjson: ${r.status} ${await r.text()}`);
      const text = await r.text();
      return text.split('\n').filter(Boolean).map((l) => JSON.parse(l));
    },
    async summary() {
      return (await fetch(`${url}/api/summary`, admin)).json();
    },
    /** Waits until `pred(events)` holds, polling; returns the events. */
    async waitFor(pred, timeoutMs = 60_000) {
      const end = Date.now() + timeoutMs;
      let last = [];
      while (Date.now() < end) {
        last = await api.events();
        if (pred(last)) return last;
        await new Promise((r) => setTimeout(r, 250));
      }
      throw new Error(`timed out; collector has ${last.length} events`);
    },
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  };
  return api;
}

/** The pending / rejected ids in the page's IndexedDB outbox. */
export async function outboxIds(page, store = 'pending') {
  return (await outboxEntries(page, store)).map((r) => r.id);
}

/** The pending / rejected entries in the page's IndexedDB outbox. */
export function outboxEntries(page, store = 'pending') {
  return page.evaluate((store) => new Promise((resolve, reject) => {
    const req = indexedDB.open('storevoice-outbox');
    req.onsuccess = () => {
      const db = req.result;
      if (!db.objectStoreNames.contains(store)) { db.close(); resolve([]); return; }
      const all = db.transaction([store], 'readonly').objectStore(store).getAll();
      all.onsuccess = () => { db.close(); resolve(all.result); };
      all.onerror = () => reject(all.error);
    };
    req.onerror = () => reject(req.error);
  }), store);
}

import { test as base } from '@playwright/test';

/** `test` with a worker-wide `collector` (a clean one per worker) serving the app. */
export const test = base.extend({
  // eslint-disable-next-line no-empty-pattern
  collector: [async ({}, use) => {
    const c = await startCollector();
    await use(c);
    await c.stop();
  }, { scope: 'worker' }],
});

/** The record handed in last on this page, as the collector received it (`data`), with its event. */
export async function delivered(page, collector) {
  const id = await page.locator('section.thank-you').getAttribute('data-record-id');
  const events = await collector.waitFor((evs) => evs.some((e) => e.id === id), 30_000);
  const event = events.find((e) => e.id === id);
  return { record: event.data, event };
}

/** A real HTTP server in front of `target` (the network path between a device and the
 *  store's server): passes every request on (`front.pass(req, res)`), except those
 *  `intercept(req, res)` answers (or holds) itself, returning true. On `port` if given. */
export async function frontOf(target, intercept, port = 0) {
  const up = new URL(target);
  const front = {};
  front.pass = (req, res) => {
    const fwd = request({ host: up.hostname, port: up.port, path: req.url, method: req.method, headers: req.headers }, (r) => {
      res.writeHead(r.statusCode, r.headers);
      r.pipe(res);
    });
    fwd.on('error', () => res.destroy());
    res.on('error', () => {});
    req.pipe(fwd);
  };
  const server = httpServer((req, res) => { if (!intercept(req, res)) front.pass(req, res); });
  await new Promise((r) => server.listen(port, '127.0.0.1', r));
  front.url = `http://127.0.0.1:${server.address().port}`;
  front.close = () => new Promise((r) => { server.close(r); server.closeAllConnections(); });
  return front;
}
