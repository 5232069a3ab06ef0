// The offline app shell (assets/sw.js), the last good config, and updates that wait for the
// next customer. The collector serves both the app and the endpoint here, so stopping it is
// the store's network going down for the kiosk.
import { chromium, expect, test } from '@playwright/test';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumArgs } from '../playwright.config.mjs';
import { DIST, configFor, frontOf, outboxIds, startCollector } from './collector.mjs';
import { expectFullApp, signIn } from './helpers.mjs';

const KIOSK = '/?lang=en&touchpoint=exit-kiosk-1';

function launch(profile) {
  return chromium.launchPersistentContext(profile, { executablePath: '/usr/bin/chromium', args: chromiumArgs, locale: 'en-GB' });
}

/** Waits until the service worker controls the page and has its shell cached. */
async function offlineReady(page) {
  await expect.poll(() => page.evaluate(async () => {
    const reg = await navigator.serviceWorker.ready;
    const keys = await caches.keys();
    return !!(reg.active && navigator.serviceWorker.controller && keys.some((k) => k.startsWith('storevoice-shell-')));
  }), { timeout: 20_000 }).toBe(true);
}

async function giveSurvey(page) {
  await page.getByRole('link', { name: /Rate your visit/ }).click();
  await page.getByRole('radio', { name: '9', exact: true }).click();
  await page.getByRole('button', { name: 'Skip' }).click();
  await page.getByRole('radio', { name: 'Satisfied', exact: true }).click();
  await page.getByRole('button', { name: 'Skip' }).click();
  await page.getByRole('button', { name: /Send/ }).click();
  const done = page.locator('section.thank-you');
  await expect(done).toBeVisible();
  return done.getAttribute('data-record-id');
}

async function giveFeedback(page, text) {
  await page.getByRole('link', { name: /Suggestion box/ }).click();
  await page.getByRole('radio', { name: /Suggestion/ }).check();
  await page.getByRole('radio', { name: /Service/ }).first().check();
  await page.getByRole('textbox', { name: 'Please tell us more' }).fill(text);
  await page.getByRole('button', { name: /Send/ }).click();
  const done = page.locator('section.thank-you');
  await expect(done).toBeVisible();
  return done.getAttribute('data-record-id');
}

test('a kiosk restarted with the network down starts from its offline shell; answers wait and arrive once', async () => {
  test.setTimeout(120_000);
  const dir = mkdtempSync(join(tmpdir(), 'storevoice-offline-'));
  const profile = join(dir, 'profile');
  let c = await startCollector({ dir });
  const port = c.port;
  try {
    // Online once: the app installs its shell.
    let ctx = await launch(profile);
    let page = ctx.pages()[0] ?? (await ctx.newPage());
    await page.goto(`${c.url}${KIOSK}`);
    await expect(page.getByRole('link', { name: /Rate your visit/ })).toBeVisible();
    await offlineReady(page);
    // Installed as an app, it opens as the same touchpoint in the same language.
    const manifest = await page.evaluate(async () => (await fetch(document.querySelector('link[rel="manifest"]').href)).json());
    expect(manifest.start_url).toBe('./?touchpoint=exit-kiosk-1&lang=en');
    expect(manifest.display).toBe('fullscreen');
    await ctx.close();

    // The network goes down (app server and endpoint alike), the kiosk restarts.
    await c.stop();
    ctx = await launch(profile);
    await ctx.setOffline(true);
    page = ctx.pages()[0] ?? (await ctx.newPage());
    await page.goto(`http://127.0.0.1:${port}${KIOSK}`);
    await expect(page.getByRole('link', { name: /Rate your visit/ })).toBeVisible();
    const survey = await giveSurvey(page);
    await page.getByRole('link', { name: 'Back to start' }).first().click();
    const feedback = await giveFeedback(page, 'Written while the network was down');
    // The suggestion box is on the full app (app.html): handed over offline, from the cache.
    expect(new URL(page.url()).pathname).toBe('/app.html');
    expect((await outboxIds(page)).sort()).toEqual([survey, feedback].sort());

    // The network comes back: both arrive, each once.
    c = await startCollector({ dir, port });
    await ctx.setOffline(false);
    await page.evaluate(() => dispatchEvent(new Event('online')));
    const events = await c.waitFor((evs) => [survey, feedback].every((id) => evs.some((e) => e.id === id)), 60_000);
    expect(events.filter((e) => e.id === survey)).toHaveLength(1);
    expect(events.filter((e) => e.id === feedback)).toHaveLength(1);
    await expect.poll(() => outboxIds(page), { timeout: 15_000 }).toEqual([]);
    await ctx.close();
  } finally {
    await c.stop();
  }
});

test('a new config is picked up at the next start; a broken one is not adopted and staff see why', async ({ browser }) => {
  const c = await startCollector();
  const configPath = join(c.dir, 'config.json');
  try {
    const context = await browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto(`${c.url}${KIOSK}`);
    await expect(page.locator('.brand-name')).toHaveText('Lanting Department Store · Xuhui');

    writeFileSync(configPath, JSON.stringify(configFor(c.url, (cfg) => { cfg.store.name.en = 'Lanting Renamed'; return cfg; })));
    await page.reload();
    await expect(page.locator('.brand-name')).toHaveText('Lanting Renamed');

    const broken = JSON.parse(readFileSync(configPath, 'utf8'));
    broken.touchpoints[0].mode = 'huge';
    writeFileSync(configPath, JSON.stringify(broken));
    await page.reload();
    await expect(page.locator('.brand-name')).toHaveText('Lanting Renamed');
    await expect(page.getByRole('link', { name: /Rate your visit/ })).toBeVisible();
    await page.goto(`${c.url}${KIOSK}#/staff`);
    await signIn(page);
    const notice = page.locator('[data-field="config-fallback"]');
    await expect(notice).toContainText('last settings file that worked here');
    await expect(notice.locator('.problem-path')).toHaveText('touchpoints[0].mode');

    // A context that never saw a good config still shows the error screen.
    const fresh = await (await browser.newContext({ locale: 'en-GB' })).newPage();
    await fresh.goto(`${c.url}${KIOSK}`);
    await expect(fresh.getByRole('alert')).toContainText('touchpoints[0].mode');
    await context.close();
  } finally {
    await c.stop();
  }
});

/** A real HTTP server in front of `target` (the store's network path to its server): passes
 *  every request on, except that while `stalled` it accepts requests for config.json and
 *  holds them unanswered (a hung proxy or a stalled link, not a refusal) until `release()`,
 *  which ends the stall and passes the held ones on. */
async function stallingFront(target) {
  const held = [];
  const front = await frontOf(target, (req, res) => {
    if (!(front.stalled && req.url.split('?')[0] === '/config.json')) return false;
    held.push([req, res]);
    return true;
  });
  front.stalled = false;
  front.held = () => held.filter(([, res]) => !res.destroyed && !res.writableEnded && !res.socket?.destroyed).length;
  front.release = () => {
    front.stalled = false;
    // Requests of pages that have gone since are dropped; the others are answered now.
    held.splice(0).forEach(([req, res]) => { if (!res.destroyed && !res.socket?.destroyed) front.pass(req, res); });
  };
  const close = front.close;
  front.close = () => { held.forEach(([, res]) => res.destroy()); return close(); };
  return front;
}

/** A collector behind a `stallingFront`, and a kiosk page that has started through it once
 *  (so it keeps the config as its last good one). */
async function keptBehindFront(browser) {
  const c = await startCollector();
  const front = await stallingFront(c.url);
  const context = await browser.newContext({ locale: 'en-GB' });
  const page = await context.newPage();
  await page.goto(`${front.url}${KIOSK}`);
  await expect(page.locator('.brand-name')).toHaveText('Lanting Department Store · Xuhui');
  await expect.poll(() => page.evaluate(() => localStorage.getItem('storevoice:last-good-config') !== null)).toBe(true);
  return { c, front, context, page };
}

/** Runs `body` with a `keptBehindFront`, then closes the page, the front and the collector. */
async function withKeptBehindFront(browser, body) {
  const { c, front, context, page } = await keptBehindFront(browser);
  try {
    await body({ c, front, page });
  } finally {
    await context.close();
    await front.close();
    await c.stop();
  }
}

/** When the page's config download ended (answered or given up on), ms since navigation. */
const configTextAt = (page) => page.evaluate(() => performance.getEntriesByName('storevoice:config-text')[0]?.startTime);

test('a config.json that never arrives: a kiosk with a kept config starts on it within 8 s, staff see why, and a changed late file is taken at the next reset', async ({ browser }) => {
  test.setTimeout(120_000);
  await withKeptBehindFront(browser, async ({ c, front, page }) => {
    // The link stalls: config.json requests are accepted and never answered.
    front.stalled = true;
    await page.reload();
    await expect(page.locator('main#boot')).toBeVisible();
    await expect(page.getByRole('link', { name: /Rate your visit/ })).toBeVisible({ timeout: 15_000 });
    expect(front.held()).toBe(1);
    // Given up on 8 s after navigation: before the boot screen's "still loading" notice (10 s).
    const gaveUp = await configTextAt(page);
    expect(gaveUp).toBeGreaterThanOrEqual(7_900);
    expect(gaveUp).toBeLessThan(10_000);
    await expect(page.locator('.brand-name')).toHaveText('Lanting Department Store · Xuhui');

    // Staff mode (app.html, another start on the kept config) says why, in plain words.
    await page.goto(`${front.url}${KIOSK}#/staff`);
    await signIn(page);
    const notice = page.locator('[data-field="config-fallback"]');
    await expect(notice).toContainText('last settings file that worked here');
    await expect(notice).toContainText('The settings file config.json did not arrive within 8 seconds.');
    await page.getByRole('button', { name: '简体中文' }).click();
    await expect(notice).toContainText('设置文件 config.json 在 8 秒内没有送达。');

    // The stalled download finally answers with the same file: nothing new, so the next
    // reset (staff sign out) does not reload the page.
    front.release();
    await expect.poll(() => front.held()).toBe(0);
    await page.waitForTimeout(1_000);
    await page.evaluate(() => { window.__sameDocument = true; });
    await page.getByRole('button', { name: '退出登录' }).click();
    // (the reset goes back to the kiosk's own language, English)
    await expect(page.getByRole('link', { name: /Rate your visit/ })).toBeVisible();
    expect(await page.evaluate(() => window.__sameDocument)).toBe(true);

    // Stalled again; this time the late answer is a changed file: it is kept at once, and
    // the device runs on it from the next reset between customers (here: staff sign out).
    front.stalled = true;
    await page.goto(`${front.url}${KIOSK}#/staff`);
    await signIn(page);
    await expect(notice).toContainText('did not arrive within 8 seconds');
    writeFileSync(join(c.dir, 'config.json'), JSON.stringify(configFor(c.url, (cfg) => { cfg.store.name.en = 'Lanting Renamed'; return cfg; })));
    front.release();
    await expect.poll(() => page.evaluate(() => localStorage.getItem('storevoice:last-good-config')?.includes('Lanting Renamed'))).toBe(true);
    await expect(page.locator('.brand-name')).toHaveText('Lanting Department Store · Xuhui');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page.locator('.brand-name')).toHaveText('Lanting Renamed');
    await expect(page.locator('[data-field="config-fallback"]')).toHaveCount(0);
  });
});

test('a stalled config.json: a customer the light page hands over to the full app does not wait for it again', async ({ browser }) => {
  test.setTimeout(60_000);
  await withKeptBehindFront(browser, async ({ c, front, page }) => {
    front.stalled = true;
    await page.reload();
    await expect(page.getByRole('link', { name: /Suggestion box/ })).toBeVisible({ timeout: 15_000 });
    await page.getByRole('link', { name: /Suggestion box/ }).click();
    await expectFullApp(page);
    // app.html asked for config.json too (still stalled) and started on the kept config after
    // a second, not after another 8: the light page had told it the link was stalled.
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.locator('[data-route="feedback"]')).toBeVisible();
    await expect.poll(() => front.held()).toBe(1);
    const gaveUp = await configTextAt(page);
    // (1 s of waiting plus loading the full app on a slow machine; 8 s without the flag)
    expect(gaveUp).toBeGreaterThanOrEqual(900);
    expect(gaveUp).toBeLessThan(6_000);
  });
});

test('a stalled config.json with a kept copy that no longer validates: the device waits for the file, not the error screen', async ({ browser }) => {
  test.setTimeout(60_000);
  await withKeptBehindFront(browser, async ({ c, front, page }) => {
    // What an app update that changed the rules leaves behind: a kept copy it refuses.
    await page.evaluate(() => localStorage.setItem('storevoice:last-good-config', '{"version": 1}'));
    front.stalled = true;
    await page.reload();
    await expect.poll(() => front.held()).toBe(1);
    await page.waitForTimeout(9_000);
    await expect(page.locator('main#boot')).toBeVisible();
    await expect(page.getByRole('alert')).toHaveCount(0);
    front.release();
    await expect(page.getByRole('link', { name: /Rate your visit/ })).toBeVisible();
    expect(await configTextAt(page)).toBeGreaterThan(9_000);
  });
});

/** A collector serving its own copy of the build (`site`, to deploy a new one into), and a
 *  kiosk in a persistent profile with its service worker ready, on the start screen, the
 *  page's clock installed and `window.__sameDocument` set (gone after a reload). */
async function kioskOnOwnCopy() {
  const dir = mkdtempSync(join(tmpdir(), 'storevoice-update-'));
  const site = join(dir, 'dist');
  cpSync(DIST, site, { recursive: true });
  const c = await startCollector({ dir, dist: site });
  const ctx = await launch(join(dir, 'profile'));
  const page = ctx.pages()[0] ?? (await ctx.newPage());
  await page.clock.install();
  await page.goto(`${c.url}${KIOSK}`);
  await offlineReady(page);
  await page.evaluate(() => { window.__sameDocument = true; });
  return { site, c, ctx, page };
}

/** Deploys a new build into `site` (a changed page, hence a new service worker version) and
 *  waits until `page`'s registration has it waiting. */
async function deployNewBuild(site, page) {
  const html = readFileSync(join(site, 'index.html'), 'utf8').replace('<title>', '<meta name="storevoice-build" content="2" />\n    <title>');
  writeFileSync(join(site, 'index.html'), html);
  const sw = readFileSync(join(site, 'sw.js'), 'utf8').replace(/const VERSION = '([0-9a-f]+)';/, "const VERSION = '$1-2';");
  writeFileSync(join(site, 'sw.js'), sw);
  await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
  await expect.poll(() => page.evaluate(async () => !!(await navigator.serviceWorker.getRegistration()).waiting), { timeout: 20_000 }).toBe(true);
}

test('a new build deployed mid-survey waits, then takes over at the reset between customers', async () => {
  test.setTimeout(90_000);
  const { site, c, ctx, page } = await kioskOnOwnCopy();
  try {
    await page.getByRole('link', { name: /Rate your visit/ }).click();
    await page.getByRole('radio', { name: '9', exact: true }).click();
    await page.getByRole('button', { name: 'Skip' }).click();
    await expect(page.getByText('Question 3 of 5')).toBeVisible();

    // Deploy a new build: a changed page, hence a new service worker version.
    await deployNewBuild(site, page);

    // The customer goes on undisturbed, on the same page.
    await page.getByRole('radio', { name: 'Satisfied', exact: true }).click();
    await page.getByRole('button', { name: 'Skip' }).click();
    await page.getByRole('button', { name: /Send/ }).click();
    await expect(page.locator('section.thank-you')).toBeVisible();
    expect(await page.evaluate(() => window.__sameDocument)).toBe(true);
    expect(await page.locator('meta[name="storevoice-build"]').count()).toBe(0);

    // The reset after "thank you" switches to the new build.
    await page.clock.runFor(12_000);
    const swState = () => page.evaluate(async () => {
      const r = await navigator.serviceWorker.getRegistration();
      return `active=${r?.active?.state} waiting=${r?.waiting?.state} controller=${!!navigator.serviceWorker.controller} at ${location.hash}`;
    }).catch((e) => `page gone: ${e}`);
    await expect(page.locator('meta[name="storevoice-build"]'), await swState()).toHaveCount(1, { timeout: 15_000 });
    await expect(page.getByRole('link', { name: /Rate your visit/ })).toBeVisible();
    expect(await page.evaluate(() => window.__sameDocument)).toBeUndefined();
  } finally {
    await ctx.close();
    await c.stop();
  }
});

test('a reset while an answer is held only in memory (storage refused it) does not reload onto a new build; the next reset after it is stored does', async () => {
  test.setTimeout(120_000);
  const { site, c, ctx, page } = await kioskOnOwnCopy();
  try {
    // A new build is deployed and waiting (installed while there is space for its files).
    await deployNewBuild(site, page);

    // Then the device's storage fills up.
    const cdp = await ctx.newCDPSession(page);
    await cdp.send('Storage.overrideQuotaForOrigin', { origin: c.url, quotaSize: 1 });
    await page.getByRole('link', { name: /Rate your visit/ }).click();
    await page.getByRole('radio', { name: '9', exact: true }).click();
    await page.getByRole('button', { name: 'Skip' }).click();
    await page.getByRole('radio', { name: 'Satisfied', exact: true }).click();
    await page.getByRole('button', { name: 'Skip' }).click();
    await page.getByRole('button', { name: /Send/ }).click();
    await expect(page.getByRole('alert')).toContainText('could not be stored on this device yet');

    // The customer walks away; the idle reset brings the next customer's start screen, on
    // the same page: reloading now would lose the answer held in memory.
    await page.clock.runFor(61_000);
    await expect(page.getByRole('link', { name: /Rate your visit/ })).toBeVisible();
    expect(await page.evaluate(() => window.__sameDocument)).toBe(true);
    expect(await page.locator('meta[name="storevoice-build"]').count()).toBe(0);

    // Space is back: the answer is stored and sent.
    await cdp.send('Storage.overrideQuotaForOrigin', { origin: c.url });
    await page.clock.runFor(6_000);
    const events = await c.waitFor((evs) => evs.length === 1, 30_000);
    expect(events[0].data.scores.nps).toBe(9);

    // Now the next reset takes the new build.
    await page.getByRole('link', { name: /Rate your visit/ }).click();
    await page.clock.runFor(61_000);
    await expect(page.locator('meta[name="storevoice-build"]')).toHaveCount(1, { timeout: 15_000 });
    await expect(page.getByRole('link', { name: /Rate your visit/ })).toBeVisible();
  } finally {
    await ctx.close();
    await c.stop();
  }
});
