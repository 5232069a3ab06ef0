// Shared devices reset between customers; phones do not. Time is moved with Playwright's
// clock, which drives the app's own timers and Date.now().
import { expect } from '@playwright/test';
import { test, delivered, outboxIds, startCollector } from './collector.mjs';
import { holdOutbox, releaseOutbox } from './helpers.mjs';

const radio = (page, name) => page.getByRole('radio', { name, exact: true });

test('an exit kiosk left mid-survey returns to the start in its own language, answers gone', async ({ page, collector }) => {
  await page.clock.install();
  await page.goto(collector.url + '/?touchpoint=exit-kiosk-1#/survey');
  await page.getByRole('button', { name: 'English' }).click();
  await radio(page, '4').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('What went wrong?');
  await page.clock.fastForward(30_000);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('What went wrong?');
  await page.clock.fastForward(31_000);
  await expect(page).toHaveURL(/#\/$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hans');
  await page.getByRole('link', { name: /评价本次购物/ }).click();
  await expect(page.getByText('第 1 题，共 4 题')).toBeVisible();
  await expect(radio(page, '4')).not.toBeChecked();
});

test('a customer who keeps tapping is not interrupted', async ({ page, collector }) => {
  await page.clock.install();
  await page.goto(collector.url + '/?touchpoint=exit-kiosk-1&lang=en#/survey');
  for (let i = 0; i < 4; i++) {
    await page.clock.fastForward(40_000);
    await radio(page, String(i)).focus();
    await page.keyboard.press('Space');
  }
  await expect(page).toHaveURL(/#\/survey$/);
});

test('a phone from a QR code never resets by itself', async ({ page, collector }) => {
  await page.clock.install();
  await page.goto(collector.url + '/?touchpoint=checkout-3&lang=en#/survey');
  await radio(page, '9').click();
  await page.clock.fastForward(15 * 60_000);
  await expect(page).toHaveURL(/#\/survey$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('What did you like most?');
});

test('the thank-you screen on a kiosk counts down and returns to the start', async ({ page, collector }) => {
  await page.clock.install();
  await page.goto(collector.url + '/?touchpoint=exit-kiosk-2&lang=en#/survey');
  await radio(page, '8').click();
  await radio(page, 'Satisfied').click();
  await page.getByRole('button', { name: 'Skip' }).click();
  await page.getByRole('button', { name: /Send/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Thank you!');
  await page.clock.runFor(1_000);
  await expect(page.getByText('Back to the start in 9 seconds')).toBeVisible();
  await page.clock.runFor(9_000);
  await expect(page).toHaveURL(/#\/$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});

test('"Back to the start" on a kiosk ends the visit: the next customer gets the kiosk’s own language and text size; on a phone it keeps them', async ({ page, collector }) => {
  // Either "Back to start": the thank-you screen's own, or the header's.
  const finish = async (query, link) => {
    await page.goto(`${collector.url}/?${query}#/survey`);
    await page.getByRole('button', { name: 'English' }).click();
    await radio(page, '8').click();
    await radio(page, 'Satisfied').click();
    await page.getByRole('button', { name: 'Skip' }).click();
    await page.getByRole('button', { name: /Send/ }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Thank you!');
    await page.getByRole('button', { name: 'Large text' }).click();
    await expect(page.locator('html')).toHaveAttribute('data-mode', 'large');
    await page.locator(link).getByRole('link', { name: 'Back to start' }).click();
    await expect(page).toHaveURL(/#\/$/);
  };
  // An exit kiosk set up in Simplified Chinese, standard text.
  for (const link of ['section.thank-you', 'header']) {
    await finish('touchpoint=exit-kiosk-1', link);
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hans');
    await expect(page.locator('html')).toHaveAttribute('data-mode', 'standard');
    await expect(page.getByRole('link', { name: /评价本次购物/ })).toBeVisible();
  }
  // A customer's own phone: still their choices.
  await finish('touchpoint=checkout-3', 'section.thank-you');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('html')).toHaveAttribute('data-mode', 'large');
});

test('an answer whose save outlasts the customer (the kiosk reset meanwhile) is stored, and the next customer never sees its "thank you"', async ({ page }) => {
  test.setTimeout(60_000);
  // A collector of its own: exactly this test's answer arrives there.
  const collector = await startCollector();
  try {
    await page.clock.install();
    await page.goto(collector.url + '/?touchpoint=exit-kiosk-1&lang=en#/survey');
    await expect(radio(page, '9')).toBeVisible();
    // Another tab holds the outbox store: the save below waits.
    const other = await page.context().newPage();
    await other.goto(collector.url + '/?lang=en');
    await holdOutbox(other);
    await radio(page, '9').click();
    await page.getByRole('button', { name: 'Skip' }).click();
    await radio(page, 'Satisfied').click();
    await page.getByRole('button', { name: 'Skip' }).click();
    await page.getByRole('button', { name: /Send/ }).click();
    await expect(page.getByText('Sending…')).toBeVisible();
    // The customer walks away; the kiosk resets for the next one.
    await page.clock.runFor(61_000);
    await expect(page.getByRole('link', { name: /Rate your visit/ })).toBeVisible();
    // The save completes now: stored and sent, but the screen stays the next customer's.
    await releaseOutbox(other);
    const events = await collector.waitFor((evs) => evs.length >= 1, 30_000);
    expect(events.map((e) => e.data.scores?.nps)).toEqual([9]);
    await page.clock.runFor(1_000);
    await expect(page.locator('section.thank-you')).toHaveCount(0);
    await expect(page).toHaveURL(/#\/$/);
    await expect(page.getByRole('link', { name: /Rate your visit/ })).toBeVisible();
  } finally {
    await collector.stop();
  }
});
