// Opening hours: outside them a shared kiosk shows a calm "closed" screen with the hours
// (find your way stays open), opens by itself at opening time, and answers given after
// closing reach the endpoint marked `outsidehours: true`. Time is Playwright's clock; the
// store's clock is UTC+08:00 (config `store.hours.utc_offset`).
import { test, expect } from '@playwright/test';
import { startCollector } from './collector.mjs';
import { expectFullApp, expectNoAxeViolations, watchConsole } from './helpers.mjs';

const DAY = [{ open: '10:00', close: '22:00' }];
const withHours = (cfg) => {
  cfg.store.hours = {
    utc_offset: '+08:00',
    week: { mon: DAY, tue: DAY, wed: DAY, thu: DAY, fri: [{ open: '10:00', close: '01:00' }], sat: DAY, sun: DAY },
    exceptions: [{ date: '2026-12-25', note: { 'zh-Hans': '圣诞节', 'zh-Hant': '聖誕節', en: 'Christmas Day' } }],
  };
  return cfg;
};
// Shanghai local times as UTC instants. 2026-12-01 is a Tuesday, 2026-12-25 a Friday.
const at = (date, hhmm) => new Date(`${date}T${hhmm}:00+08:00`);

let c;
test.beforeAll(async () => { c = await startCollector({ editConfig: withHours }); });
test.afterAll(async () => { await c?.stop(); });

test('a kiosk before opening shows the hours, keeps find-your-way, and opens by itself', async ({ page }) => {
  const w = watchConsole(page);
  await page.clock.install({ time: at('2026-12-01', '09:58') });
  await page.goto(c.url + '/?touchpoint=exit-kiosk-1');
  const h1 = page.getByRole('heading', { level: 1 });
  await expect(h1).toHaveText('现在不在营业时间');
  await expect(page.locator('[data-field="hours-today"]')).toContainText('星期二');
  await expect(page.locator('[data-field="hours-today"]')).toContainText('10:00–22:00');
  await expect(page.locator('.hours-week dt')).toHaveCount(7);
  await expect(page.locator('.hours-day.is-today dt')).toHaveText('星期二');
  await expect(page.locator('.hours-day').nth(4)).toContainText('10:00–次日 01:00');
  await expect(page.getByRole('link', { name: /评价本次购物/ })).toHaveCount(0);
  await expectNoAxeViolations(page, 'closed zh-Hans');
  await page.screenshot({ path: '/tmp/shots-poster/closed-zh-Hans-kiosk.png' });

  await page.getByRole('button', { name: 'English' }).click();
  await expect(h1).toHaveText('We are closed right now');
  await expect(page.locator('[data-field="hours-today"]')).toContainText('Today · Tuesday');
  await expect(page.locator('.hours-day').nth(4)).toContainText('10:00–01:00 (next day)');
  await expectNoAxeViolations(page, 'closed en');
  await page.screenshot({ path: '/tmp/shots-poster/closed-en-kiosk.png' });

  // Find your way is still there.
  await page.getByRole('link', { name: /Find your way/ }).click();
  await expectFullApp(page);
  await expect(page).toHaveURL(/#\/wayfinding/);
  await page.getByRole('link', { name: 'Back to start' }).click();
  await expect(h1).toHaveText('We are closed right now');

  // 10:00 comes: the start screen opens without a touch, at most a minute later.
  await page.clock.runFor(2 * 60_000);
  await expect(page.getByRole('link', { name: /Rate your visit/ })).toBeVisible();
  await expect(page.getByText('We are closed right now')).toHaveCount(0);
  // 22:00: closed again by itself.
  await page.clock.fastForward('12:00:00');
  await page.clock.runFor(60_000);
  await expect(h1).toHaveText('We are closed right now');
  w.check();
});

test('a date exception closes the store for the day, with its note', async ({ page }) => {
  await page.clock.install({ time: at('2026-12-25', '12:00') });
  await page.goto(c.url + '/?touchpoint=service-desk&lang=en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('We are closed right now');
  const today = page.locator('[data-field="hours-today"]');
  await expect(today).toContainText('Friday');
  await expect(today).toContainText('Closed');
  await expect(today).toContainText('Christmas Day');
  await page.screenshot({ path: '/tmp/shots-poster/closed-en-large-desk.png', fullPage: true });
  // The day before is an ordinary Thursday: open.
  await page.clock.setSystemTime(at('2026-12-24', '12:00'));
  await page.clock.runFor(60_000);
  await expect(page.getByRole('link', { name: /Rate your visit/ })).toBeVisible();
});

async function answerSurvey(page) {
  const radio = (name) => page.getByRole('radio', { name, exact: true });
  await radio('8').click();
  await radio('Satisfied').click();
  await page.getByRole('button', { name: 'Skip' }).click();
  await page.getByRole('button', { name: /Send/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Thank you!');
  return page.locator('section.thank-you').getAttribute('data-record-id');
}

test('a phone answer after closing is accepted and reaches the collector marked outsidehours', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.clock.install({ time: at('2026-12-01', '23:10') });
  await page.goto(c.url + '/?touchpoint=checkout-3&lang=en&journey=survey&via=qr');
  const id = await answerSurvey(page);
  const events = await c.waitFor((evs) => evs.some((e) => e.id === id), 30_000);
  const event = events.find((e) => e.id === id);
  expect(event.outsidehours).toBe(true);
});

test('a kiosk answer finished just after closing is kept, marked, and the kiosk then shows closed', async ({ page }) => {
  await page.clock.install({ time: at('2026-12-01', '21:59') });
  await page.goto(c.url + '/?touchpoint=exit-kiosk-2&lang=en#/survey');
  await page.getByRole('radio', { name: '8', exact: true }).click();
  // Closing time passes mid-survey: the customer is not interrupted.
  // (Each pause stays under the 40 s after which a kiosk warns that it will clear.)
  await page.clock.runFor(35_000);
  await page.getByRole('radio', { name: 'Satisfied', exact: true }).click();
  await page.clock.runFor(35_000);
  await page.getByRole('button', { name: 'Skip' }).click();
  await page.getByRole('button', { name: /Send/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Thank you!');
  const id = await page.locator('section.thank-you').getAttribute('data-record-id');
  const events = await c.waitFor((evs) => evs.some((e) => e.id === id), 30_000);
  expect(events.find((e) => e.id === id).outsidehours).toBe(true);
  await page.clock.runFor(11_000);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('We are closed right now');
});

test('an answer during opening hours carries no outsidehours mark', async ({ page }) => {
  await page.clock.install({ time: at('2026-12-01', '12:00') });
  await page.goto(c.url + '/?touchpoint=exit-kiosk-2&lang=en#/survey');
  const id = await answerSurvey(page);
  const events = await c.waitFor((evs) => evs.some((e) => e.id === id), 30_000);
  expect(events.find((e) => e.id === id).outsidehours).toBeUndefined();
});

test.describe('config errors', () => {
  test.use({ locale: 'en-GB' });
  test('a bad closing time shows the config-error screen with its path', async ({ page }) => {
    await page.goto('/fixture/bad-hours/');
    const alert = page.getByRole('alert');
    await expect(alert.getByRole('heading', { level: 1 })).toHaveText("This device can't start");
    await expect(alert.locator('.problem-path', { hasText: 'store.hours.week.mon[0].close' })).toBeVisible();
    await expect(alert).toContainText('Times are written HH:MM');
  });
});
