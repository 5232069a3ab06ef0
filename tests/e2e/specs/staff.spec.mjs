// Staff mode: the PIN entry screen (and nothing else) without the PIN, the pause after five
// wrong PINs that survives a reload, the 2-minute session, Sign out, and device setup with
// its precedence (launch URL > device setup > config defaults).
import { test as plain, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { COLLECTOR_BIN, startCollector } from './collector.mjs';
import { expectNoAxeViolations, signIn, watchConsole } from './helpers.mjs';

const T = {
  'zh-Hans': {
    only: '仅限员工', pin: '员工 PIN 码', signIn: '登录',
    wrong: (left) => (left === 1 ? 'PIN 码错误。再错一次将暂停登录。' : `PIN 码错误。再错 ${left} 次将暂停登录。`), locked: /登录已暂停：请在 \d+ 秒后再试/,
    title: '员工设置', signOut: '退出登录', staff: '员工入口', back: '返回首页',
    tp: '本设备的位置', lang: '默认语言', save: '保存并重新启动', notSetUp: '本店尚未设置员工模式',
  },
  en: {
    only: 'Staff only', pin: 'Staff PIN', signIn: 'Sign in',
    wrong: (left) => (left === 1 ? 'Wrong PIN. One more wrong PIN pauses sign-in.' : `Wrong PIN. ${left} tries left before sign-in pauses.`), locked: /Sign-in is paused: try again in \d+ s/,
    title: 'Staff settings', signOut: 'Sign out', staff: 'Staff', back: 'Back to start',
    tp: 'Location of this device', lang: 'Default language', save: 'Save and restart', notSetUp: 'Staff mode is not set up',
  },
};

for (const [tag, t] of Object.entries(T)) {
  plain(`[${tag}] five wrong PINs pause sign-in across a reload; the right PIN opens the staff screen`, async ({ page }) => {
    const c = watchConsole(page);
    await page.clock.install();
    await page.goto(`/?lang=${tag}`);
    // The footer link is there, and leads to a plain "staff only" screen.
    await page.getByRole('link', { name: t.staff, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(t.only);
    await expect(page.getByRole('link', { name: t.back }).last()).toBeVisible();
    await expect(page.locator('[data-field="pending"]')).toHaveCount(0);
    await expectNoAxeViolations(page, `staff entry (${tag})`);

    const pin = page.getByLabel(t.pin);
    const submit = page.getByRole('button', { name: t.signIn });
    for (let i = 1; i <= 4; i++) {
      await pin.fill(`000${i}`);
      await submit.click();
      await expect(page.getByRole('alert')).toHaveText(t.wrong(5 - i));
      await expect(pin).toBeEnabled(); // the check is over
    }
    await pin.fill('0005');
    await submit.click();
    const lockout = page.locator('[data-field="lockout"]');
    await expect(lockout).toHaveText(t.locked);
    await expect(pin).toBeDisabled();

    // A reload does not lift the pause.
    await page.reload();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(t.only);
    await expect(lockout).toHaveText(t.locked);
    await expect(page.getByLabel(t.pin)).toBeDisabled();

    // Once the pause is over, the right PIN signs in.
    await page.clock.fastForward(45_000);
    await expect(lockout).toHaveCount(0);
    await signIn(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(t.title);
    await expect(page.locator('[data-field="pending"]')).toHaveText('0');
    await expect(page.locator('[data-field="store-id"]')).toHaveText('lanting-xuhui');
    await expect(page.locator('[data-field="survey-version"]')).toHaveText('visit-2026 v1');
    await expect(page.locator('[data-field="version"]')).toHaveText(/^\d+\.\d+\.\d+/);
    await expectNoAxeViolations(page, `staff screen (${tag})`);
    c.check();
  });
}

plain('a staff session ends after 2 minutes without a touch', async ({ page }) => {
  await page.clock.install();
  await page.goto('/?lang=en#/staff');
  await signIn(page);
  await page.clock.fastForward(60_000);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Staff settings');
  await page.clock.fastForward(61_000);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Lanting');
  await page.goto('/?lang=en#/staff');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Staff only');
});

plain('Sign out ends the session and goes back to the start (zh-Hant)', async ({ page }) => {
  await page.goto('/?lang=zh-Hant#/staff');
  await signIn(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('員工設定');
  await page.getByRole('button', { name: '登出' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('蘭亭');
  await page.getByRole('link', { name: '員工入口' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('僅限員工');
});

plain('device setup overrides the config, and the launch URL overrides device setup', async ({ page }) => {
  await page.goto('/#/staff');
  await signIn(page);
  const t = T['zh-Hans'];
  await page.getByLabel(t.tp).selectOption('checkout-3');
  await page.getByLabel(t.lang).selectOption('en');
  await page.getByRole('button', { name: t.save }).click();
  // The app starts again at the start screen, as set up.
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('contentinfo')).toContainText('Checkout 3');
  await expect(page).not.toHaveURL(/#\/staff/);
  // A plain URL again: the setup applies.
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('contentinfo')).toContainText('Checkout 3');
  // The URL wins over the setup, one setting at a time.
  await page.goto('/?lang=zh-Hant');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hant');
  await expect(page.getByRole('contentinfo')).toContainText('3 號收銀台');
  await page.goto('/?touchpoint=service-desk');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('contentinfo')).toContainText('Service desk, 1F');
  // The setup is shown as saved, and can be cleared.
  await page.goto('/#/staff');
  await signIn(page);
  await expect(page.getByLabel('Location of this device')).toHaveValue('checkout-3');
  await expect(page.getByLabel('Default language')).toHaveValue('en');
  await page.getByRole('button', { name: 'Clear this device’s setup' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hans');
  await expect(page.getByRole('contentinfo')).toContainText('一楼正门出口');
});

plain('the device token from device setup is what the sender presents', async ({ browser }) => {
  const c = await startCollector({ token: 'device-7-secret' }); // the config has no token
  try {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${c.url}/?lang=en#/staff`);
    await signIn(page);
    await page.getByLabel('Device token for the endpoint').fill('device-7-secret');
    await page.getByRole('button', { name: 'Save and restart' }).click();
    await expect(page.getByRole('link', { name: /Rate your visit/ })).toBeVisible();
    await page.getByRole('link', { name: /Rate your visit/ }).click();
    await page.getByRole('radio', { name: '9', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).not.toHaveText('How likely are you to recommend us to a friend?');
    await page.getByRole('button', { name: 'Skip' }).click();
    await page.getByRole('radio', { name: 'Satisfied', exact: true }).click();
    await page.getByRole('button', { name: 'Skip' }).click();
    await page.getByRole('button', { name: /Send/ }).click();
    // The collector stores an event only with `Authorization: Bearer device-7-secret`.
    const events = await c.waitFor((evs) => evs.length === 1, 30_000);
    expect(events[0].data.scores.nps).toBe(9);
  } finally {
    await c.stop();
  }
});

plain('a device moved to another touchpoint with its own token: an old answer of the first place is set aside, not holding back the new ones', async ({ browser }) => {
  plain.setTimeout(90_000);
  let c = await startCollector();
  try {
    const page = await (await browser.newContext()).newPage();
    const answer = async (nps) => {
      await page.getByRole('link', { name: /Rate your visit/ }).click();
      await page.getByRole('radio', { name: String(nps), exact: true }).click();
      await expect(page.getByRole('heading', { level: 1 })).not.toHaveText('How likely are you to recommend us to a friend?');
      await page.getByRole('button', { name: 'Skip' }).click();
      await page.getByRole('radio', { name: 'Satisfied', exact: true }).click();
      await page.getByRole('button', { name: 'Skip' }).click();
      await page.getByRole('button', { name: /Send/ }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Thank you!');
    };
    await page.goto(`${c.url}/?lang=en`);
    // The endpoint is down while a customer answers at the main exit (the config's default).
    const { port, dir } = c;
    await c.stop();
    await answer(3);
    // The device moves to checkout 3, with a token bound to it.
    const token = execFileSync(COLLECTOR_BIN, ['token', 'add', '--store', 'lanting-xuhui', '--touchpoint', 'checkout-3', '--db', join(dir, 'events.sqlite')], { encoding: 'utf8' }).trim();
    c = await startCollector({ port, dir });
    await page.goto(`${c.url}/?lang=en#/staff`);
    await signIn(page);
    await page.getByLabel('Location of this device').selectOption('checkout-3');
    await page.getByLabel('Device token for the endpoint').fill(token);
    await page.getByRole('button', { name: 'Save and restart' }).click();
    await expect(page.getByRole('contentinfo')).toContainText('Checkout 3');
    await answer(10);
    // The new answer arrives; the old one, which this token may not post, waits in rejected.
    const events = await c.waitFor((evs) => evs.some((e) => e.data.scores?.nps === 10), 30_000);
    expect(events.map((e) => e.data.touchpoint)).toEqual(['checkout-3']);
    await page.getByRole('contentinfo').getByRole('link', { name: 'Staff' }).click();
    await signIn(page);
    await expect(page.locator('[data-field="rejected"]')).toHaveText('1', { timeout: 15_000 });
    await expect(page.locator('[data-field="pending"]')).toHaveText('0');
  } finally {
    await c.stop();
  }
});

plain('a config without a staff PIN says staff mode is not set up, and how (no way in)', async ({ browser }) => {
  const c = await startCollector({ editConfig: (cfg) => { delete cfg.staff; return cfg; } });
  try {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${c.url}/?lang=en#/staff`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Staff only');
    await expect(page.locator('[data-field="not-set-up"]')).toContainText(T.en.notSetUp);
    await expect(page.locator('[data-field="not-set-up"]')).toContainText('storevoice pin-hash');
    await expect(page.locator('input')).toHaveCount(0);
    await expect(page.locator('[data-field="pending"]')).toHaveCount(0);
  } finally {
    await c.stop();
  }
});
