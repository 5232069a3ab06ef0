// A shared kiosk leaves nothing of one customer for the next: no way to turn it into a
// "personal" device from the screen, nothing to go Back to, no autofill.
import { expect } from '@playwright/test';
import { test } from './collector.mjs';
import { decodeQr } from './helpers.mjs';

test("a kiosk's route QR code is for scanning only: nothing to tap, and the kiosk still resets", async ({ page, collector }) => {
  await page.clock.install();
  await page.goto(`${collector.url}/?lang=en&touchpoint=exit-kiosk-1#/wayfinding`);
  await page.getByRole('searchbox').fill('bakery');
  await page.getByRole('button', { name: /Bakery/ }).click();
  const qr = page.getByRole('img', { name: /take this route along/ });
  await expect(qr).toBeVisible();
  expect(await decodeQr(qr)).toContain('via=qr');
  // No link anywhere leads to the phone's version of the page.
  expect(await page.locator('a[href*="via=qr"]').count()).toBe(0);
  await qr.click();
  await page.getByText('Scan with your phone to take this route along').click();
  expect(page.url()).not.toContain('via=qr');
  // Left alone, the kiosk goes back to the start.
  await page.clock.fastForward(61_000);
  await expect(page.getByRole('link', { name: /Rate your visit/ })).toBeVisible();
});

test('after the reset nothing of the previous customer is left to go back to', async ({ page, collector }) => {
  await page.clock.install();
  await page.goto('about:blank');
  await page.goto(`${collector.url}/?lang=en&touchpoint=exit-kiosk-1`);
  const startLength = await page.evaluate(() => history.length);
  await page.getByRole('link', { name: /Suggestion box/ }).click();
  await page.getByRole('radio', { name: /Complaint/ }).check();
  await page.getByRole('radio', { name: 'Service' }).check();
  await page.getByRole('textbox', { name: 'Please tell us more' }).fill('The queue at the exit was far too long');
  await page.getByRole('button', { name: /Send/ }).click();
  const reference = page.locator('.reference');
  await expect(reference).toBeVisible();
  const ref = await reference.innerText();
  expect(await page.evaluate(() => history.length)).toBe(startLength);

  // The reset after the thank-you screen (40 s with a reference number on a kiosk).
  await page.clock.runFor(41_000);
  await expect(page.getByRole('link', { name: /Rate your visit/ })).toBeVisible();
  // Back (Android back, Alt+←) leaves the app rather than showing the previous customer.
  await page.goBack();
  expect(page.url()).toBe('about:blank');
  await page.goForward();
  await expect(page.getByRole('link', { name: /Rate your visit/ })).toBeVisible();
  await expect(page.locator('body')).not.toContainText(ref);
  // Even typed straight in, the thank-you screen has nothing of theirs.
  await page.evaluate(() => { location.hash = '#/thank-you'; });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Thank you!');
  await expect(page.locator('.reference')).toHaveCount(0);
  await expect(page.locator('section.thank-you')).not.toHaveAttribute('data-record-id', /./);
});

test('contact fields are never autofilled on a shared device, and are on a phone', async ({ page, collector }) => {
  for (const [query, expected] of [
    ['touchpoint=exit-kiosk-1', ['off', 'off', 'off']],
    ['touchpoint=service-desk', ['off', 'off', 'off']],
    ['touchpoint=qr-fitting-rooms', ['name', 'tel', 'email']],
  ]) {
    await page.goto(`${collector.url}/?lang=en&${query}#/feedback`);
    await page.getByRole('checkbox', { name: /I agree/ }).check();
    const got = [];
    for (const id of ['fb-name', 'fb-phone', 'fb-email']) got.push(await page.locator(`#${id}`).getAttribute('autocomplete'));
    expect(got, query).toEqual(expected);
  }
});
