// Issue #14's split: index.html runs the light build (home and the questionnaire), app.html
// the full app. A customer who opens a screen the light page lacks is handed over to app.html
// at the same screen, keeping the language and text size they chose and nothing else; an old
// link to such a screen goes straight there; each page downloads only its own wasm.
import { expect } from '@playwright/test';
import { test, startCollector } from './collector.mjs';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expectFullApp, holdOutbox, releaseOutbox, watchConsole, expectNoAxeViolations } from './helpers.mjs';

/** The wasm files a page asked for, by name. */
function wasmRequests(page) {
  const seen = [];
  page.on('request', (r) => {
    const name = new URL(r.url()).pathname.split('/').pop();
    if (name.endsWith('_bg.wasm')) seen.push(name);
  });
  return seen;
}

/** The wasm file a page of the build loads (from its early download script). */
async function wasmOf(request, page) {
  const html = await (await request.get(`/${page}`)).text();
  const m = html.match(/\.\/([^"']+_bg\.wasm)/);
  expect(m, `${page} names its wasm`).not.toBeNull();
  return m[1];
}

test('the light page downloads only its own, smaller wasm; the questionnaire runs on it', async ({ page, request }) => {
  const light = await wasmOf(request, 'index.html');
  const full = await wasmOf(request, 'app.html');
  expect(light).not.toBe(full);
  const [lightSize, fullSize] = await Promise.all([light, full].map(async (f) => (await (await request.get(`/${f}`)).body()).length));
  expect(lightSize).toBeLessThan(fullSize * 0.8);

  const wasm = wasmRequests(page);
  const consoleWatch = watchConsole(page);
  await page.goto('/?touchpoint=exit-kiosk-1&lang=en');
  await page.getByRole('link', { name: /Rate your visit/ }).click();
  await expect(page.getByRole('radio').first()).toBeVisible();
  expect(new URL(page.url()).pathname).toBe('/');
  expect(wasm).toEqual([light]);
  consoleWatch.check();
});

for (const { journey, link, heading, hash } of [
  { journey: 'feedback', link: /Suggestion box/, heading: /Suggestion box/, hash: '#/feedback' },
  { journey: 'wayfinding', link: /Find your way/, heading: /Find your way/, hash: '#/wayfinding' },
]) {
  test(`home → ${journey}: handed over to app.html at that screen, in the language and text size chosen`, async ({ page, request }) => {
    const full = await wasmOf(request, 'app.html');
    const consoleWatch = watchConsole(page);
    const wasm = wasmRequests(page);
    await page.goto('/?touchpoint=exit-kiosk-1');
    const entries = await page.evaluate(() => history.length);
    // The customer switches to English and large text on the light page...
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: 'Large text' }).click();
    await expect(page.locator('html')).toHaveAttribute('data-mode', 'large');
    await page.getByRole('link', { name: link }).click();
    // ...and keeps both on the full app's screen.
    await expect(page.getByRole('heading', { level: 1 })).toContainText(heading);
    const url = new URL(page.url());
    expect(url.pathname).toBe('/app.html');
    expect(url.search).toBe('?touchpoint=exit-kiosk-1');
    expect(url.hash.startsWith(hash)).toBe(true);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.locator('html')).toHaveAttribute('data-mode', 'large');
    // The choice is read once and not left behind.
    expect(await page.evaluate(() => sessionStorage.getItem('storevoice:handover'))).toBeNull();
    expect(wasm.at(-1)).toBe(full);
    // A shared kiosk: the hand-over replaced the page, so Back has nothing to go to.
    expect(await page.evaluate(() => history.length)).toBe(entries);
    await expectNoAxeViolations(page, `handed over to ${journey}`);
    consoleWatch.check();
  });
}

test('an old poster link to the suggestion box goes straight to app.html, without the light wasm', async ({ page, request }) => {
  const full = await wasmOf(request, 'app.html');
  const wasm = wasmRequests(page);
  await page.goto('/?touchpoint=checkout-3&via=qr&lang=zh-Hant&journey=feedback');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('意見箱');
  expect(new URL(page.url()).pathname).toBe('/app.html');
  expect(wasm).toEqual([full]);
});

test('a journey named another way (journey=map) is handed over by the light app itself', async ({ page }) => {
  await page.goto('/?touchpoint=exit-kiosk-1&lang=en&journey=map');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Find your way');
  expect(new URL(page.url()).pathname).toBe('/app.html');
});

test('staff mode from the light page opens on app.html; back home stays on the full app', async ({ page }) => {
  await page.goto('/?touchpoint=exit-kiosk-1&lang=en');
  await page.getByRole('link', { name: 'Staff' }).click();
  await expect(page.locator('#staff-pin')).toBeVisible();
  expect(new URL(page.url()).pathname).toBe('/app.html');
  await page.getByRole('link', { name: 'Back to start' }).first().click();
  await expect(page.getByRole('link', { name: /Rate your visit/ })).toBeVisible();
  expect(new URL(page.url()).pathname).toBe('/app.html');
});

test('a phone handed over keeps its Back button: back to the light home screen', async ({ page }) => {
  await page.goto('/?touchpoint=checkout-3&via=qr&lang=en');
  await page.getByRole('link', { name: /Suggestion box/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Suggestion box');
  expect(new URL(page.url()).pathname).toBe('/app.html');
  await page.goBack();
  await expect(page.getByRole('link', { name: /Suggestion box/ })).toBeVisible();
  expect(new URL(page.url()).pathname).toBe('/');
});

test('a poster link to find your way opens app.html directly, downloading only the full wasm', async ({ page, request }) => {
  const full = await wasmOf(request, 'app.html');
  const wasm = wasmRequests(page);
  await page.goto('/app.html?touchpoint=service-desk&journey=wayfinding&via=qr&lang=en');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Find your way');
  expect(wasm).toEqual([full]);
});

/** Answers the open questionnaire with NPS `nps` (a promoter's path), skipping the rest, and sends it. */
async function answerAndSend(page, nps) {
  await page.getByRole('radio', { name: String(nps), exact: true }).click();
  await page.getByRole('button', { name: 'Skip' }).click();
  await page.getByRole('radio', { name: 'Neither', exact: true }).click();
  await page.getByRole('button', { name: 'Skip' }).click();
  await page.getByRole('button', { name: /Send/ }).click();
}

/** On a kiosk's light page with storage full (quota 1 byte): a questionnaire answered with
 *  NPS `nps` and sent, which the device could not store and keeps in memory. Returns the CDP
 *  session, to give the space back with `Storage.overrideQuotaForOrigin`. */
async function answerUnstored(context, page, c, nps) {
  await page.goto(`${c.url}/?lang=en&touchpoint=exit-kiosk-1#/survey`);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: c.url, quotaSize: 1 });
  await answerAndSend(page, nps);
  await expect(page.getByRole('alert')).toContainText('could not be stored on this device yet');
  return cdp;
}

test('answers handed over to an app.html that cannot start (no usable config) wait in the tab and are delivered after a reload', async ({ browser }) => {
  test.setTimeout(90_000);
  const c = await startCollector();
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    const cdp = await answerUnstored(context, page, c, 10);
    // Meanwhile config.json is broken, and this device has no last good copy to fall back on.
    const good = readFileSync(join(c.dir, 'config.json'), 'utf8');
    writeFileSync(join(c.dir, 'config.json'), '{"version": 1,');
    await page.evaluate(() => localStorage.removeItem('storevoice:last-good-config'));
    await page.getByRole('link', { name: 'Staff' }).click();
    await expectFullApp(page);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('can\'t start');
    // Fixed: the next start in this tab takes the answer over, stores and sends it.
    writeFileSync(join(c.dir, 'config.json'), good);
    await cdp.send('Storage.overrideQuotaForOrigin', { origin: c.url });
    await page.reload();
    const events = await c.waitFor((evs) => evs.length === 1, 30_000);
    expect(events[0].data.scores.nps).toBe(10);
    await context.close();
  } finally {
    await c.stop();
  }
});

test('an answer the device could not store goes along to app.html and is delivered from there', async ({ browser }) => {
  test.setTimeout(90_000);
  const c = await startCollector();
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    const cdp = await answerUnstored(context, page, c, 9);
    // The next customer opens the suggestion box: a page change, which must not drop it.
    await page.getByRole('link', { name: 'Back to start' }).first().click();
    await page.getByRole('link', { name: /Suggestion box/ }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Suggestion box');
    expect(new URL(page.url()).pathname).toBe('/app.html');
    await cdp.send('Storage.overrideQuotaForOrigin', { origin: c.url });
    const events = await c.waitFor((evs) => evs.length === 1, 30_000);
    expect(events[0].data.scores.nps).toBe(9);
    await context.close();
  } finally {
    await c.stop();
  }
});


test('an answer still being written when the customer leaves for app.html goes along and is stored there once', async ({ browser }) => {
  test.setTimeout(90_000);
  const c = await startCollector();
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    // Every answer the pages post to the endpoint, by id (the collector would hide a
    // second delivery of the same id: the device must not send it twice either).
    const posted = [];
    context.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/api/events')) {
        for (const ev of [].concat(JSON.parse(r.postData() ?? '[]'))) posted.push(ev.id);
      }
    });
    await page.goto(`${c.url}/?lang=en&touchpoint=exit-kiosk-1#/survey`);
    await expect(page.getByRole('radio').first()).toBeVisible();
    // Another tab holds the outbox store: the write of the answer below cannot finish.
    const other = await context.newPage();
    await other.goto(`${c.url}/?lang=en`);
    await holdOutbox(other);
    await answerAndSend(page, 9);
    // Still writing: no thank-you yet. Staff mode is a page change that aborts the write.
    await page.waitForTimeout(500);
    await expect(page.getByText(/Thank you/)).toHaveCount(0);
    await page.getByRole('link', { name: 'Staff' }).click();
    await expect(page.locator('#staff-pin')).toBeVisible();
    expect(new URL(page.url()).pathname).toBe('/app.html');
    // Nothing can reach the store while it is held; once released, app.html writes the
    // carried answer and sends it: exactly once.
    expect(await c.events()).toHaveLength(0);
    await releaseOutbox(other);
    const events = await c.waitFor((evs) => evs.length >= 1, 30_000);
    expect(events[0].data.scores.nps).toBe(9);
    await page.waitForTimeout(2000);
    expect(await c.events()).toHaveLength(1);
    expect(posted).toEqual([events[0].id]);
    await context.close();
  } finally {
    await c.stop();
  }
});

test('if the answer cannot go along, the light page stays and says so, and still stores it', async ({ browser }) => {
  test.setTimeout(90_000);
  const c = await startCollector();
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    // This tab's sessionStorage refuses writes (as a full one would).
    await page.addInitScript(() => {
      const set = Storage.prototype.setItem;
      Storage.prototype.setItem = function (k, v) {
        if (this === window.sessionStorage) throw new DOMException('full', 'QuotaExceededError');
        return set.call(this, k, v);
      };
    });
    const cdp = await answerUnstored(context, page, c, 10);
    await page.getByRole('button', { name: '简体中文' }).click();
    await page.evaluate(() => { location.hash = '#/feedback'; });
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('暂时无法打开此页面');
    await expect(page.getByRole('alert')).toContainText('请联系工作人员');
    expect(new URL(page.url()).pathname).toBe('/');
    await expectNoAxeViolations(page, 'hand-over refused');
    await cdp.send('Storage.overrideQuotaForOrigin', { origin: c.url });
    const events = await c.waitFor((evs) => evs.length === 1, 30_000);
    expect(events[0].data.scores.nps).toBe(10);
    await context.close();
  } finally {
    await c.stop();
  }
});

test('offline with no service worker, the light page does not move to an error page: it says why and stays usable', async ({ browser }) => {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.goto('/?touchpoint=exit-kiosk-1&lang=en');
  await expect(page.getByRole('link', { name: /Suggestion box/ })).toBeVisible();
  await context.setOffline(true);
  await page.getByRole('link', { name: /Suggestion box/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('This screen cannot open yet');
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  await expect(page.getByRole('alert')).toContainText('needs the network');
  expect(new URL(page.url()).pathname).toBe('/');
  expect(await page.evaluate(() => sessionStorage.getItem('storevoice:handover'))).toBeNull();
  await expectNoAxeViolations(page, 'hand-over offline');
  // The questionnaire still works on the light page.
  await page.getByRole('link', { name: 'Back to start' }).first().click();
  await page.getByRole('link', { name: /Rate your visit/ }).click();
  await expect(page.getByRole('radio').first()).toBeVisible();
  await context.close();
});

test('an old link sent on to app.html starts nothing of the light page meanwhile', async ({ page, request }) => {
  const light = await wasmOf(request, 'index.html');
  const scripts = [];
  page.on('request', (r) => { if (r.url().endsWith('.js') || r.url().endsWith('.wasm')) scripts.push(new URL(r.url()).pathname); });
  await page.goto('/?touchpoint=service-desk&via=qr&lang=en&journey=wayfinding');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Find your way');
  expect(scripts).not.toContain(`/${light}`);
});
