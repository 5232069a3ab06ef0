// The Content-Security-Policy that scripts/postbuild.mjs writes into the build, sent as a
// header by the servers of this project, and never violated by any screen.
import { expect, test as plain } from '@playwright/test';
import { test } from './collector.mjs';
import { signIn } from './helpers.mjs';

const recordViolations = () => {
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`);
  });
};

plain('the policy is strict, in the page and as a header with frame-ancestors', async ({ request }) => {
  const resp = await request.get('/');
  const header = resp.headers()['content-security-policy'];
  expect(header).toContain("frame-ancestors 'none'");
  const html = await resp.text();
  const meta = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)"/)[1];
  expect(header.startsWith(meta)).toBe(true);
  for (const directive of ["object-src 'none'", "base-uri 'none'", "style-src 'self'", "'wasm-unsafe-eval'"]) {
    expect(meta).toContain(directive);
  }
  expect(meta).not.toContain('unsafe-inline');
  expect(meta).not.toMatch(/'unsafe-eval'/);
  expect(meta).toMatch(/script-src 'self' 'wasm-unsafe-eval' 'sha256-[A-Za-z0-9+/=]+'/);
  // Hashed assets are immutable; the page, the worker and the manifest revalidate.
  expect(resp.headers()['cache-control']).toBe('no-cache');
  for (const path of ['/sw.js', '/manifest.webmanifest', '/config.json']) {
    expect((await request.get(path)).headers()['cache-control'], path).toBe('no-cache');
  }
  const wasm = html.match(/"\.\/(storevoice-[0-9a-f]+_bg\.wasm)"/)[1];
  expect((await request.get(`/${wasm}`)).headers()['cache-control']).toContain('immutable');
});

plain('the static server answers a malformed path with 400 and keeps serving', async ({ request }) => {
  expect((await request.get('/%')).status()).toBe(400);
  expect((await request.get('/%E0%A4%A')).status()).toBe(400);
  expect((await request.get('/')).status()).toBe(200);
});

test('no screen violates the policy: every journey, staff, errors, both modes', async ({ page, collector }) => {
  test.setTimeout(60_000);
  await page.addInitScript(recordViolations);
  const base = `${collector.url}/?lang=en&touchpoint=exit-kiosk-1`;
  await page.goto(base);
  // Rate your visit, to the thank-you screen.
  await page.getByRole('link', { name: /Rate your visit/ }).click();
  await page.getByRole('radio', { name: '4', exact: true }).click();
  await page.getByRole('button', { name: /Next/ }).click();
  // Every further question: answer the first option when it must be answered, else skip.
  for (let i = 0; i < 10 && !(await page.locator('section.thank-you').isVisible()); i++) {
    const skip = page.getByRole('button', { name: 'Skip' });
    if (await skip.isVisible()) {
      await skip.click();
    } else {
      await page.getByRole('radio').first().click();
      await page.getByRole('button', { name: /Next|Send/ }).click();
    }
    await page.waitForTimeout(400);
  }
  await expect(page.locator('section.thank-you')).toBeVisible();
  // The suggestion box with contact details, to a reference number and its QR code.
  await page.goto(`${base}#/feedback`);
  await page.getByRole('radio', { name: /Praise/ }).check();
  await page.getByRole('radio', { name: 'Service' }).check();
  await page.getByRole('textbox', { name: 'Please tell us more' }).fill('Mail me at li@example.com');
  await page.getByRole('button', { name: /Move to contact details/ }).click();
  await page.getByRole('button', { name: /Send/ }).click();
  await expect(page.locator('.reference')).toBeVisible();
  // Find your way, in large-text mode, with the plan and the QR code.
  await page.goto(`${base}&mode=large#/wayfinding`);
  await page.getByRole('searchbox').fill('xsj');
  await page.locator('.result').first().click();
  await expect(page.locator('ol.directions')).toBeVisible();
  // Staff and not-found screens.
  await page.goto(`${base}#/staff`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await signIn(page); // WebCrypto's PBKDF2 runs under the policy too
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.goto(`${base}#/nowhere`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  expect(await page.evaluate(() => window.__cspViolations)).toEqual([]);
});

plain('the config error screen does not violate the policy either', async ({ page }) => {
  await page.addInitScript(recordViolations);
  await page.goto('/fixture/several-problems/?lang=en');
  await expect(page.getByRole('alert')).toBeVisible();
  expect(await page.evaluate(() => window.__cspViolations)).toEqual([]);
});
