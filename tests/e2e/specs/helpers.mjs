import { expect } from '@playwright/test';
import { createRequire } from 'node:module';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';

const require = createRequire(import.meta.url);
export const AXE_PATH = require.resolve('axe-core/axe.min.js');
// Injected through the DevTools protocol (page.evaluate), which the app's strict
// Content-Security-Policy does not govern; a <script> tag would be refused, as it should.
const AXE_SOURCE = readFileSync(AXE_PATH, 'utf8');
export const SHOTS = join(dirname(fileURLToPath(import.meta.url)), '..', 'screenshots');
mkdirSync(SHOTS, { recursive: true });

export const LANGS = [
  { tag: 'zh-Hans', q: 'zh-Hans', store: '兰亭百货', survey: '评价本次购物', feedback: '意见箱', wayfinding: '找路', language: '语言', large: '大字模式' },
  { tag: 'zh-Hant', q: 'zh-Hant', store: '蘭亭百貨', survey: '評價本次購物', feedback: '意見箱', wayfinding: '找路', language: '語言', large: '大字模式' },
  { tag: 'en', q: 'en', store: 'Lanting Department Store', survey: 'Rate your visit', feedback: 'Suggestion box', wayfinding: 'Find your way', language: 'Language', large: 'Large text' },
];

/** Collects console errors and uncaught exceptions; call `.check()` at the end. */
export function watchConsole(page) {
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  return { errors, check: () => expect(errors, 'console errors').toEqual([]) };
}

/** Runs axe-core on the page with exactly the rules `tags` select plus `extraRules` (e.g.
 *  `color-contrast-enhanced`, the AAA rule no A/AA tag turns on); returns its violations. */
export async function axeViolations(page, tags, extraRules = []) {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async ({ tags, extraRules }) => {
    // eslint-disable-next-line no-undef
    const ids = [...new Set([...axe.getRules(tags).map((r) => r.ruleId), ...extraRules])];
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { runOnly: { type: 'rule', values: ids } });
    return r.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => `${n.target.join(' ')} ${n.any.map((a) => a.message).join('; ')}`.slice(0, 300)) }));
  }, { tags, extraRules });
}

/** Runs axe-core with the WCAG 2.x A/AA rules (2.2 included); fails on any violation. */
export async function expectNoAxeViolations(page, label) {
  await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(async () =>
    // eslint-disable-next-line no-undef
    axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
    }),
  );
  const summary = result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(summary, `axe violations on ${label}`).toEqual([]);
}

/** Fails if the page scrolls sideways at the current viewport. */
export async function expectNoHorizontalOverflow(page) {
  const over = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(over, 'horizontal overflow in px').toBeLessThanOrEqual(0);
}

/** Reads the QR code drawn in `locator` the way a phone camera would: from its pixels. */
export async function decodeQr(locator) {
  const png = PNG.sync.read(await locator.screenshot());
  const code = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  return code ? code.data : null;
}

/** The sample store's staff PIN (assets/config.json holds only its PBKDF2 hash). */
export const STAFF_PIN = '2468';

/** Signs in on the staff entry screen the page shows now (any language); waits for the
 *  staff screen (its outbox status) to appear. */
export async function signIn(page, pin = STAFF_PIN) {
  await page.locator('#staff-pin').fill(pin);
  await page.locator('form.staff-sign-in button[type="submit"]').click();
  await expect(page.locator('[data-field="pending"]')).toBeVisible({ timeout: 15_000 });
}

/** The light page (index.html) has handed this screen over: the full app (app.html) has
 *  loaded. Until then the light page shows its own busy heading, which a focus check could
 *  match just before the navigation destroys it. */
export async function expectFullApp(page) {
  await expect(page).toHaveURL(/\/app\.html([?#]|$)/);
  await page.waitForLoadState('load');
}

/** The reference number on the thank-you screen: the value (dd) of the term (dt) `label`. */
export const referenceNumber = (page, label) =>
  page.locator('.reference-box dl').filter({ has: page.locator('dt', { hasText: label }) }).locator('dd');

/** Holds a read-write transaction on the outbox's "pending" store open from `tab` (another
 *  tab of the same origin), so that any write to it waits; resolves once the transaction
 *  has its lock (its first request succeeded). Never creates the database: while the app has
 *  not created it yet, the attempt is undone and tried again. `releaseOutbox(tab)` ends it. */
export const holdOutbox = (tab) => expect(async () => {
  await tab.evaluate(() => new Promise((held, failed) => {
    const open = indexedDB.open('storevoice-outbox');
    open.onupgradeneeded = () => { open.transaction.abort(); };
    open.onerror = () => failed(new Error('the outbox database is not there yet'));
    open.onsuccess = () => {
      const db = open.result;
      if (!db.objectStoreNames.contains('pending')) { db.close(); failed(new Error('no "pending" store yet')); return; }
      const store = db.transaction(['pending'], 'readwrite').objectStore('pending');
      // A request placed from each success keeps the transaction alive until released.
      let first = true;
      const spin = () => {
        if (first) { first = false; held(); }
        if (!window.__release) store.count().onsuccess = spin;
      };
      store.count().onsuccess = spin;
    };
  }));
}).toPass({ timeout: 15_000 });
export const releaseOutbox = (tab) => tab.evaluate(() => { window.__release = true; });
