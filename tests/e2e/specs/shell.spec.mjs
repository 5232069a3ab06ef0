// Launch overrides from the URL, the staff screen, not-found, and the language switch on a journey screen.
import { test, expect } from '@playwright/test';
import { watchConsole, expectNoAxeViolations, SHOTS } from './helpers.mjs';

test('a QR link opens the journey, language, mode and touchpoint it names', async ({ page }) => {
  const c = watchConsole(page);
  // The journey is the first screen painted: the home screen's tiles never appear.
  await page.addInitScript(() => {
    window.__homePainted = false;
    new MutationObserver(() => {
      if (document.querySelector('a.journey')) window.__homePainted = true;
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto('/?touchpoint=checkout-3&lang=en&mode=large&journey=feedback');
  await expect(page).toHaveURL(/#\/feedback$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('html')).toHaveAttribute('data-mode', 'large');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Suggestion box');
  await expect(page.getByRole('contentinfo')).toContainText('Checkout 3');
  expect(await page.evaluate(() => window.__homePainted)).toBe(false);
  c.check();
});

test('a touchpoint offers only its configured journeys', async ({ page }) => {
  await page.goto('/?touchpoint=checkout-3&lang=en');
  await expect(page.getByRole('link', { name: /Rate your visit/ })).toBeVisible();
  await expect(page.getByRole('link', { name: /Suggestion box/ })).toBeVisible();
  await expect(page.getByRole('link', { name: /Find your way/ })).toHaveCount(0);
});

test('the service desk starts in large-text mode', async ({ page }) => {
  await page.goto('/?touchpoint=service-desk');
  await expect(page.locator('html')).toHaveAttribute('data-mode', 'large');
  await expect(page.getByRole('contentinfo')).toContainText('一楼服务台');
});

test('unusable launch parameters are ignored with a visible notice', async ({ page }) => {
  await page.goto('/?touchpoint=nowhere&lang=fr&lang=en');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('status').filter({ hasText: 'nowhere' })).toBeVisible();
  await expect(page.getByRole('contentinfo')).toContainText('Main exit, 1F');
});

test('the staff link leads to a plain "Staff only" PIN screen that a customer leaves in one tap', async ({ page }) => {
  await page.goto('/?lang=en');
  await page.getByRole('link', { name: 'Staff' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Staff only');
  await expect(page.getByLabel('Staff PIN')).toBeVisible();
  await expect(page.locator('[data-field="pending"]')).toHaveCount(0);
  await page.locator('[data-action="leave-staff"]').click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Lanting');
});

test('switching language on a journey screen keeps the customer there', async ({ page }) => {
  await page.goto('/#/wayfinding');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('找路');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page).toHaveURL(/#\/wayfinding$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Find your way');
  await page.screenshot({ path: `${SHOTS}/wayfinding-search-en.png` });
});

test('an unknown route shows a page-not-found screen with a way home', async ({ page }) => {
  await page.goto('/?lang=en#/casino');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('This page does not exist.');
  await page.getByRole('link', { name: 'Back to start' }).last().click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Lanting');
});
