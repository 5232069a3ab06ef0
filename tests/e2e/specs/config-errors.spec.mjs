// A broken config.json shows the error screen listing every problem with its JSON path,
// in the browser's language — never a blank page or a panic. The broken files are real
// files (tests/fixtures/config/) served over real HTTP.
import { test, expect } from '@playwright/test';
import { watchConsole, expectNoAxeViolations, SHOTS } from './helpers.mjs';

const CASES = [
  { fixture: 'bad-json', paths: [], en: /Not valid JSON: there is a syntax error near line 2, column 16/ },
  { fixture: 'unknown-field', paths: ['store.brand.colour'], en: /Unknown field "colour"/ },
  { fixture: 'http-endpoint', paths: ['endpoint.url'], en: /must use https/ },
  { fixture: 'missing-field', paths: ['touchpoints[2].kind'], en: /required field "kind" is missing/ },
  { fixture: 'unknown-mode', paths: ['touchpoints[0].mode'], en: /"huge" is not allowed here; use one of: standard, large/ },
];

test.describe('in English', () => {
  test.use({ locale: 'en-GB' });
  for (const c of CASES) {
    test(`${c.fixture}: error screen lists the problem`, async ({ page }) => {
      const w = watchConsole(page);
      await page.goto(`/fixture/${c.fixture}/`);
      const alert = page.getByRole('alert');
      await expect(alert.getByRole('heading', { level: 1 })).toHaveText("This device can't start");
      await expect(alert).toContainText(c.en);
      for (const p of c.paths) await expect(alert.locator('.problem-path', { hasText: p })).toBeVisible();
      await expect(page.locator('html')).toHaveAttribute('lang', 'en');
      await expectNoAxeViolations(page, `config error ${c.fixture}`);
      w.check();
    });
  }

  test('several problems are all listed at once', async ({ page }) => {
    await page.goto('/fixture/several-problems/');
    const items = page.getByRole('alert').getByRole('listitem');
    await expect(items).toHaveCount(3);
    await expect(page.getByRole('alert')).toContainText('endpoint.url');
    await expect(page.getByRole('alert')).toContainText('store.brand.colour');
    await expect(page.getByRole('alert')).toContainText('touchpoints[0].mode');
    await page.screenshot({ path: `${SHOTS}/config-error-en.png`, fullPage: true });
  });

  test('a missing config.json says it could not be loaded', async ({ page }) => {
    await page.goto('/fixture/no-such-store/');
    await expect(page.getByRole('alert')).toContainText('The settings file config.json could not be loaded (HTTP 404)');
  });
});

test.describe('in Chinese', () => {
  test.use({ locale: 'zh-CN' });
  test('simplified Chinese browser gets the error screen in simplified Chinese', async ({ page }) => {
    await page.goto('/fixture/several-problems/');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('本设备暂时无法使用');
    await expect(page.getByRole('alert')).toContainText('接收地址必须使用 https');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hans');
    await page.screenshot({ path: `${SHOTS}/config-error-zh-Hans.png`, fullPage: true });
  });
});

test.describe('in Traditional Chinese', () => {
  test.use({ locale: 'zh-TW' });
  test('traditional Chinese browser gets the error screen in traditional Chinese', async ({ page }) => {
    await page.goto('/fixture/http-endpoint/');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('本裝置暫時無法使用');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hant');
  });
});
