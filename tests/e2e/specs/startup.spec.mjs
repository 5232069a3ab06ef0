// How the page starts (issue #14): a classic script at the top of <head> (written by
// scripts/postbuild.mjs) downloads config.json and compiles the wasm while the page is still
// parsed; the app takes both, each is downloaded once, and the app still starts when early
// compilation fails. (A missing or broken config through this path: config-errors.spec.mjs.)
import { expect, test } from '@playwright/test';

const countRequests = (page) => {
  const seen = { wasm: 0, config: 0 };
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (path.endsWith('_bg.wasm')) seen.wasm += 1;
    if (path.endsWith('/config.json')) seen.config += 1;
  });
  return seen;
};

test('the wasm is compiled from the early download, and each file is fetched once', async ({ page }) => {
  const seen = countRequests(page);
  const warnings = [];
  page.on('console', (m) => { if (m.type() === 'warning' || m.type() === 'error') warnings.push(m.text()); });
  await page.goto('/?lang=en');
  await expect(page.getByRole('link', { name: /Rate your visit/ })).toBeVisible();
  expect(await page.evaluate(async () => (await window.__storevoiceWasm) instanceof WebAssembly.Module)).toBe(true);
  // The app took the early config download (and let go of it).
  expect(await page.evaluate(() => '__storevoiceConfig' in window)).toBe(false);
  expect(seen).toEqual({ wasm: 1, config: 1 });
  // No "preloaded but not used" or integrity complaints.
  expect(warnings.filter((w) => /preload|integrity|instantiateStreaming/i.test(w))).toEqual([]);
});

test('when early compilation fails, the loader fetches and compiles the wasm itself', async ({ page }) => {
  await page.addInitScript(() => {
    WebAssembly.compileStreaming = () => Promise.reject(new TypeError('not here'));
  });
  const seen = countRequests(page);
  await page.goto('/?lang=en&journey=survey');
  await expect(page.getByRole('radio', { name: '9', exact: true })).toBeVisible();
  expect(seen.wasm).toBe(2);
});

test('without WebAssembly.compileStreaming at all, the app starts as before', async ({ page }) => {
  await page.addInitScript(() => { delete WebAssembly.compileStreaming; });
  await page.goto('/?lang=zh-Hant');
  await expect(page.getByRole('link', { name: /評價/ })).toBeVisible();
});

test('while config.json is slow the boot screen stays; the first screen then replaces it', async ({ page }) => {
  test.setTimeout(40_000);
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route('**/config.json', async (route) => { await held; await route.continue(); });
  await page.goto('/?lang=en');
  // The app has started (its root is there) but has no config yet: the boot screen is what
  // the customer sees, with its spinner and the "still loading" notice that fades in.
  await expect(page.locator('#app')).toBeAttached();
  await page.waitForTimeout(1500);
  await expect(page.locator('main#boot .spinner')).toBeVisible();
  await expect(page.locator('main#boot .boot-slow [lang="en"]')).toContainText('Still loading');
  // The notice is not even laid out until it is due (10 s), then shown.
  await expect(page.locator('main#boot .boot-slow')).toBeHidden();
  await expect(page.locator('main#boot .boot-slow')).toBeVisible({ timeout: 12_000 });
  await expect(page.locator('main#boot .boot-slow')).toHaveCSS('opacity', '1', { timeout: 2_000 });
  await expect(page.getByRole('main')).toHaveCount(1);
  release();
  await expect(page.getByRole('link', { name: /Rate your visit/ })).toBeVisible();
  await expect(page.locator('#boot')).toHaveCount(0);
  await expect(page.getByRole('main')).toHaveCount(1);
});
