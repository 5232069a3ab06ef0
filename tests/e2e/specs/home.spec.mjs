// Home screen: every language and both modes render with no console errors, pass axe,
// and fit phones and kiosks. Screenshots land in tests/e2e/screenshots/ to be looked at.
import { test, expect } from '@playwright/test';
import { LANGS, SHOTS, watchConsole, expectNoAxeViolations, expectNoHorizontalOverflow } from './helpers.mjs';

for (const L of LANGS) {
  for (const mode of ['standard', 'large']) {
    test(`home in ${L.tag}, ${mode} mode`, async ({ page }) => {
      const consoleWatch = watchConsole(page);
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.goto(`/?lang=${L.q}&mode=${mode}`);

      await expect(page.locator('html')).toHaveAttribute('lang', L.tag);
      await expect(page.locator('html')).toHaveAttribute('data-mode', mode);
      await expect(page.getByRole('heading', { level: 1 })).toContainText(L.store);
      await expect(page).toHaveTitle(new RegExp(L.store));

      // three very large journey buttons, named in the current language
      for (const name of [L.survey, L.feedback, L.wayfinding]) {
        const link = page.getByRole('link', { name: new RegExp(name) });
        await expect(link).toBeVisible();
        const box = await link.boundingBox();
        expect(box.height).toBeGreaterThanOrEqual(mode === 'large' ? 180 : 150);
      }

      // language switch: labels in their own language, current one pressed
      const group = page.getByRole('group', { name: L.language });
      for (const own of ['简体中文', '繁體中文', 'English']) {
        await expect(group.getByRole('button', { name: own })).toBeVisible();
      }
      await expect(group.getByRole('button', { pressed: true })).toHaveAttribute('lang', L.tag);
      await expect(page.getByRole('button', { name: L.large })).toHaveAttribute('aria-pressed', String(mode === 'large'));

      // large mode really is larger
      const size = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
      expect(size).toBe(mode === 'large' ? 26 : 18);

      await expectNoAxeViolations(page, `home ${L.tag} ${mode}`);
      await expectNoHorizontalOverflow(page);
      await page.screenshot({ path: `${SHOTS}/home-${L.tag}-${mode}.png`, fullPage: true });
      consoleWatch.check();
    });
  }
}

const VIEWPORTS = [
  { name: 'phone-320', width: 320, height: 640 },
  { name: 'phone-390', width: 390, height: 844 },
  { name: 'tablet-portrait', width: 800, height: 1280 },
  { name: 'kiosk-1920', width: 1920, height: 1080 },
];
for (const v of VIEWPORTS) {
  for (const mode of ['standard', 'large']) {
    test(`home fits ${v.name} (${v.width}×${v.height}), ${mode}`, async ({ page }) => {
      await page.setViewportSize({ width: v.width, height: v.height });
      await page.goto(`/?mode=${mode}`);
      await expect(page.getByRole('link', { name: /评价本次购物/ })).toBeVisible();
      await expectNoHorizontalOverflow(page);
      // every control is a comfortable touch target
      const small = await page.evaluate(() =>
        [...document.querySelectorAll('button, a.journey, .control')]
          .map((el) => el.getBoundingClientRect())
          .filter((r) => r.width > 0 && (r.height < 44 || r.width < 44)).length,
      );
      expect(small).toBe(0);
      await page.screenshot({ path: `${SHOTS}/home-${v.name}-${mode}.png`, fullPage: true });
    });
  }
}

test('switching language changes every text and <html lang> in place', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hans');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('link', { name: /Rate your visit/ })).toBeVisible();
  await expect(page.getByRole('group', { name: 'Language' })).toBeVisible();
  await page.getByRole('button', { name: '繁體中文' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hant');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('蘭亭百貨');
});

test('large-text toggle switches the theme and back', async ({ page }) => {
  await page.goto('/?lang=en');
  const toggle = page.getByRole('button', { name: 'Large text' });
  await toggle.click();
  await expect(page.locator('html')).toHaveAttribute('data-mode', 'large');
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await toggle.click();
  await expect(page.locator('html')).toHaveAttribute('data-mode', 'standard');
});

test('keyboard only: tab to a journey, open it, focus lands on its heading, go back', async ({ page }) => {
  await page.goto('/?lang=en');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  // the first Tab reaches the skip link
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to main content' })).toBeFocused();
  const survey = page.getByRole('link', { name: /Rate your visit/ });
  for (let i = 0; i < 20 && !(await survey.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await expect(survey).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/survey$/);
  await expect(page.getByRole('heading', { level: 1, name: 'How likely are you to recommend us to a friend?' })).toBeFocused();
  await page.getByRole('link', { name: 'Back to start' }).first().press('Enter');
  await expect(page).toHaveURL(/#\/$/);
});
