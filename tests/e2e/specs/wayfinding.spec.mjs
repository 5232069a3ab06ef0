// Find your way: search in three languages and pinyin, routes across floors in both
// profiles, and the QR link that opens the same route on a phone.
import { expect } from '@playwright/test';
import { test } from './collector.mjs';
import { SHOTS, decodeQr, expectNoAxeViolations, watchConsole } from './helpers.mjs';

const results = (page) => page.locator('.results .result-name');

test('search finds toilets by English, Chinese and pinyin initials', async ({ page, collector }) => {
  const w = watchConsole(page);
  await page.goto(`${collector.url}/?lang=en#/wayfinding`);
  const box = page.getByRole('searchbox', { name: 'Search for a shop, product or facility' });
  await box.fill('toilet');
  await expect(results(page)).toHaveText(['Accessible toilet', 'Toilets', 'Toilets']);
  await box.fill('洗手间');
  await expect(results(page)).toHaveText(['Toilets', 'Toilets', 'Accessible toilet']);
  await box.fill('xsj');
  await expect(results(page)).toHaveText(['Toilets', 'Toilets', 'Accessible toilet']);
  await box.fill('xishoujian');
  await expect(results(page)).toHaveText(['Toilets', 'Toilets', 'Accessible toilet']);
  await box.fill('bakry');
  await expect(results(page)).toHaveText(['Bakery']);
  await box.fill('');
  await page.getByRole('button', { name: 'Baby care' }).click();
  await expect(results(page)).toHaveText(['Baby-care room']);
  await expectNoAxeViolations(page, 'wayfinding search');
  w.check();
});

test('a route across floors: escalator by default, the lift when step-free', async ({ page, collector }) => {
  await page.goto(`${collector.url}/?lang=en&touchpoint=exit-kiosk-1#/wayfinding`);
  await page.getByRole('searchbox').fill('cafe');
  await page.getByRole('button', { name: /Café/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Route to Café');
  const steps = page.locator('ol.directions li');
  await expect(steps.first()).toContainText('You are here');
  await expect(page.locator('ol.directions')).toContainText(/Take the escalator up to 2F|Take the stairs up to 2F/);
  await expect(page.locator('ol.directions')).not.toContainText('lift');
  await expect(page.locator('ol.directions')).toContainText(/Café is (on your left|on your right|straight ahead)/);
  await expect(page.getByRole('img', { name: 'Plan of 1F' })).toBeVisible();
  expect(await page.locator('.plan-route').count()).toBeGreaterThan(0);

  const toggle = page.getByRole('button', { name: /Step-free route/ });
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('ol.directions')).toContainText('Take the lift to 2F');
  await expect(page.locator('ol.directions')).not.toContainText(/escalator|stairs/);
  await page.getByRole('button', { name: '2F' }).click();
  await expect(page.getByRole('img', { name: 'Plan of 2F' })).toBeVisible();
  await expectNoAxeViolations(page, 'route');
  await page.screenshot({ path: `${SHOTS}/wayfinding-route-en.png`, fullPage: true });
});

test('step-free is on by default in large-text mode', async ({ page, collector }) => {
  await page.goto(`${collector.url}/?lang=zh-Hant&mode=large&touchpoint=service-desk#/wayfinding`);
  await page.getByRole('searchbox').fill('育嬰室');
  await page.locator('.result', { hasText: '育嬰室' }).click();
  await expect(page.getByRole('button', { name: /無障礙路線/ })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('ol.directions')).toContainText('乘電梯到 2 樓');
  await page.screenshot({ path: `${SHOTS}/wayfinding-route-zh-Hant-large.png`, fullPage: true });
});

test('the QR link opens the same route, language and profile on a phone', async ({ browser, collector }) => {
  const kiosk = await browser.newPage();
  await kiosk.goto(`${collector.url}/?lang=zh-Hans&touchpoint=exit-kiosk-2#/wayfinding`);
  await kiosk.getByRole('searchbox').fill('面包');
  await kiosk.getByRole('button', { name: /面包房/ }).click();
  await kiosk.getByRole('button', { name: /无障碍路线/ }).click();
  const qr = kiosk.getByRole('img', { name: /用手机扫码/ });
  await expect(qr).toBeVisible();
  const link = await decodeQr(qr);
  const kioskSteps = await kiosk.locator('ol.directions li').allInnerTexts();
  expect(kioskSteps.join(' ')).toContain('乘电梯到 1 楼');
  expect(link).toContain('via=qr');

  const phone = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
  await phone.clock.install();
  await phone.goto(link);
  await expect(phone.getByRole('heading', { level: 1 })).toHaveText('去 面包房 的路线');
  await expect(phone.getByRole('button', { name: /无障碍路线/ })).toHaveAttribute('aria-pressed', 'true');
  await expect(phone.locator('ol.directions li')).toHaveText(kioskSteps);
  await expect(phone.getByRole('img', { name: /用手机扫码/ })).toHaveCount(0);
  // a phone keeps the route: no kiosk reset after minutes without a touch
  await phone.clock.fastForward(10 * 60_000);
  await expect(phone.getByRole('heading', { level: 1 })).toHaveText('去 面包房 的路线');
  await phone.screenshot({ path: `${SHOTS}/wayfinding-phone-zh-Hans.png`, fullPage: true });
});
