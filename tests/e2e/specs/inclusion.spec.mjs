// Inclusion (issue #13): no silent kiosk reset (a warning with a countdown and "I need more
// time"), a pausable thank-you countdown, focus on the new heading at every step change,
// errors that clear as they are fixed, consent only ever ticked by the customer, ARIA names
// and states, no empty route screen, the store's survey title on the home tile.
// Time is moved with Playwright's clock, which drives the app's timers and Date.now().
import { expect } from '@playwright/test';
import { test, startCollector } from './collector.mjs';
import { expectFullApp, expectNoAxeViolations, SHOTS } from './helpers.mjs';

const radio = (page, name) => page.getByRole('radio', { name, exact: true });
const heading = (page) => page.locator('#screen-heading');

/** Focus is on the screen's heading (an h1 with the shared id). */
async function expectHeadingFocused(page, name) {
  await expect(heading(page)).toBeFocused();
  expect(await page.evaluate(() => document.activeElement.tagName)).toBe('H1');
  if (name) await expect(heading(page)).toHaveAccessibleName(name);
}

/** Stops the page's clock and starts the idle spell at that moment with a key press, so
 *  the real time a slow machine spends between the last action and the first fastForward
 *  never counts towards the limits checked to the second (the clock would otherwise run). */
async function idleFromNow(page) {
  await pauseNow(page);
  await page.keyboard.press('Shift');
}
// Half a second ahead: pauseAt refuses a moment that real time has already passed.
const pauseNow = async (page) => page.clock.pauseAt(await page.evaluate(() => Date.now() + 500));

const IDLE = {
  'zh-Hans': { title: '还在吗？', body: '您的回答将在 20 秒后清除。', bodyLarge: '您的回答将在 30 秒后清除。', more: '我需要更多时间', left: /还剩 \d+ 秒/, ten: '还剩 10 秒', q2: '哪里让您不满意？' },
  en: { title: 'Still there?', body: 'Your answers will be cleared in 20 seconds.', bodyLarge: 'Your answers will be cleared in 30 seconds.', more: 'I need more time', left: /\d+ seconds? left/, ten: '10 seconds left', q2: 'What went wrong?' },
};

for (const [lang, L] of Object.entries(IDLE)) {
  test(`${lang}: an idle kiosk warns 20 s ahead; "I need more time", a touch or a key extend; then it resets`, async ({ page, collector }) => {
    await page.clock.install();
    await page.goto(`${collector.url}/?touchpoint=exit-kiosk-1&lang=${lang}#/survey`);
    await radio(page, '4').click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(L.q2);
    await expectHeadingFocused(page);
    const dialog = page.getByRole('alertdialog');
    await idleFromNow(page);

    // silent for the first 40 s of a 60 s spell, then the warning
    await page.clock.fastForward(39_000);
    await expect(dialog).toHaveCount(0);
    await page.clock.fastForward(1_500);
    await expect(dialog).toBeVisible();
    await expect(dialog).toHaveAccessibleName(L.title);
    await expect(dialog).toHaveAccessibleDescription(L.body);
    await expect(dialog).toHaveAttribute('aria-modal', 'true');
    const left = Number((await dialog.locator('.idle-countdown').textContent()).match(/\d+/)[0]);
    expect(left).toBeGreaterThanOrEqual(19);
    // the countdown is not live; the status line is there, silent until 10 s
    await expect(dialog.locator('.idle-countdown')).toHaveAttribute('aria-hidden', 'true');
    await expect(dialog.getByRole('status')).toHaveText('');
    const more = dialog.getByRole('button', { name: L.more });
    await expect(more).toBeFocused();
    const box = await more.boundingBox();
    expect(box.height).toBeGreaterThanOrEqual(44);
    // axe waits on timers: let the clock run meanwhile (the warning has 19 s to spare)
    await page.clock.resume();
    await expectNoAxeViolations(page, `idle warning ${lang}`);
    await page.screenshot({ path: `${SHOTS}/idle-warning-${lang}.png` });
    await pauseNow(page);
    await page.clock.runFor(10_000);
    await expect(dialog.getByRole('status')).toHaveText(L.ten);
    await expect(dialog.locator('.idle-countdown')).toHaveText(L.left);

    // "I need more time": gone, focus back where it was, the spell starts again
    await more.click();
    await expect(dialog).toHaveCount(0);
    await expectHeadingFocused(page);
    await page.clock.fastForward(35_000);
    await expect(dialog).toHaveCount(0);
    await expect(page).toHaveURL(/#\/survey$/);

    // any touch on the screen extends
    await page.clock.fastForward(6_000);
    await expect(dialog).toBeVisible();
    await page.mouse.click(5, 5);
    await expect(dialog).toHaveCount(0);
    // any key too
    await page.clock.fastForward(41_000);
    await expect(dialog).toBeVisible();
    await page.keyboard.press('Shift');
    await expect(dialog).toHaveCount(0);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(L.q2);

    // left alone: the countdown runs out and the kiosk goes back to the start
    await page.clock.fastForward(41_000);
    await expect(dialog).toBeVisible();
    await page.clock.runFor(18_000);
    await expect(page).toHaveURL(/#\/survey$/);
    await page.clock.runFor(2_000);
    await expect(page).toHaveURL(/#\/$/);
    await expect(dialog).toHaveCount(0);
  });
}

test('large text: the warning lasts 30 s; the home screen never warns', async ({ page, collector }) => {
  await page.clock.install();
  await page.goto(`${collector.url}/?touchpoint=exit-kiosk-1&lang=en&mode=large#/feedback`);
  await page.getByRole('textbox', { name: 'Please tell us more' }).fill('Half-written');
  const dialog = page.getByRole('alertdialog');
  await idleFromNow(page);
  await page.clock.fastForward(149_000);
  await expect(dialog).toHaveCount(0);
  await page.clock.fastForward(1_500);
  await expect(dialog).toHaveAccessibleDescription(IDLE.en.bodyLarge);
  const left = Number((await dialog.locator('.idle-countdown').textContent()).match(/\d+/)[0]);
  expect(left).toBeGreaterThanOrEqual(29);
  const box = await dialog.getByRole('button', { name: 'I need more time' }).boundingBox();
  expect(box.height).toBeGreaterThanOrEqual(80);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${SHOTS}/idle-warning-en-large-phone.png` });
  await page.clock.runFor(31_000);
  await expect(page).toHaveURL(/#\/$/);
  // home: nothing of a customer's to clear, so no warning and no reset
  await page.clock.fastForward(10 * 60_000);
  await expect(dialog).toHaveCount(0);
});

test('zh-Hans: the thank-you countdown with a reference number can be paused and resumed', async ({ page, collector }) => {
  await page.clock.install();
  await page.goto(`${collector.url}/?touchpoint=exit-kiosk-1#/feedback`);
  await page.getByRole('radio', { name: /^建议/ }).check();
  await page.getByRole('radio', { name: '服务', exact: true }).check();
  await page.getByRole('textbox', { name: '请写下具体内容' }).fill('收银台可以多开一个');
  await page.getByRole('button', { name: /提交/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('谢谢您！');
  // the reference number: a term and its value, no labelled <p>
  await expect(page.locator('dt.reference-label')).toHaveText('您的处理编号');
  await expect(page.locator('dd.reference')).toHaveText(/\S+/);
  await expect(page.locator('p[aria-labelledby]')).toHaveCount(0);
  await page.clock.runFor(1_000);
  await expect(page.getByText('39 秒后自动返回首页')).toBeVisible();
  await page.getByRole('button', { name: '保留此页面' }).click();
  await expect(page.getByText('已暂停自动返回')).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/thank-you-paused-zh-Hans.png` });
  await page.clock.runFor(38_000);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('谢谢您！');
  // paused, the general idle rule still applies, with its warning
  await page.clock.runFor(3_000);
  await expect(page.getByRole('alertdialog')).toBeVisible();
  await page.getByRole('button', { name: '我需要更多时间' }).click();
  await page.getByRole('button', { name: '继续倒计时' }).click();
  await expect(page.getByText(/\d+ 秒后自动返回首页/)).toBeVisible();
  await page.clock.runFor(40_000);
  await expect(page).toHaveURL(/#\/$/);
});

test('en: the thank-you pause on the survey path', async ({ page, collector }) => {
  await page.clock.install();
  await page.goto(`${collector.url}/?touchpoint=exit-kiosk-2&lang=en#/survey`);
  await radio(page, '8').click();
  await radio(page, 'Satisfied').click();
  await page.getByRole('button', { name: 'Skip' }).click();
  await page.getByRole('button', { name: /Send/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Thank you!');
  await page.getByRole('button', { name: 'Keep this on screen' }).click();
  await page.clock.runFor(20_000);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Thank you!');
  await page.getByRole('button', { name: 'Continue the countdown' }).click();
  await page.clock.runFor(11_000);
  await expect(page).toHaveURL(/#\/$/);
});

test('en: focus lands on the heading, named with the progress, at every question type', async ({ page, collector }) => {
  await page.goto(`${collector.url}/?lang=en&touchpoint=checkout-3`);
  await page.getByRole('link', { name: /Rate your visit/ }).click();
  await expectHeadingFocused(page, 'Question 1 of 4 How likely are you to recommend us to a friend?');
  // a required answer missing: the group is invalid and described by the problem
  await page.getByRole('button', { name: /Next/ }).click();
  const nps = page.getByRole('radiogroup', { name: 'How likely are you to recommend us to a friend?' });
  await expect(nps).toHaveAttribute('aria-invalid', 'true');
  await expect(nps).toHaveAccessibleDescription(/needs an answer/);
  await radio(page, '3').click();
  await expectHeadingFocused(page, 'Question 2 of 5 What went wrong?'); // multiple choice
  await page.getByRole('checkbox', { name: 'Other' }).click();
  await page.getByRole('button', { name: /Next/ }).click();
  await expect(page.getByRole('textbox', { name: 'Please tell us what else' })).toHaveAttribute('aria-invalid', 'true');
  await page.getByRole('checkbox', { name: 'Other' }).click();
  await page.getByRole('checkbox', { name: 'Prices' }).click();
  await page.getByRole('button', { name: /Next/ }).click();
  await expectHeadingFocused(page, /^Question 3 of 5 Overall, how satisfied/); // CSAT
  await expect(page.getByRole('radiogroup', { name: /Overall, how satisfied/ })).not.toHaveAttribute('aria-invalid', /.*/);
  await radio(page, 'Satisfied').click();
  await expectHeadingFocused(page, 'Question 4 of 5 Please rate each of these'); // CSI
  await page.getByRole('button', { name: 'Skip' }).click();
  await expectHeadingFocused(page, 'Question 5 of 5 Any concrete suggestions for us?'); // free text
  // Back moves focus too
  await page.getByRole('button', { name: /Back/ }).click();
  await expectHeadingFocused(page, 'Question 4 of 5 Please rate each of these');
  await page.getByRole('button', { name: 'Skip' }).click();
  await expectHeadingFocused(page, /^Question 5 of 5/);
  // the counter is not live; a status line speaks only near the limit (500 here)
  const text = page.getByRole('textbox', { name: 'Any concrete suggestions for us?' });
  await expect(page.locator('.counter')).not.toHaveAttribute('aria-live', /.*/);
  await text.fill('a'.repeat(449));
  await expect(page.locator('.limit-status')).toHaveText('');
  await text.fill('a'.repeat(450));
  await expect(page.locator('.limit-status')).toHaveText('Nearly at the limit of 500 characters');
  await text.fill('a'.repeat(501));
  await page.getByRole('button', { name: /Send/ }).click();
  await expect(text).toHaveAttribute('aria-invalid', 'true');
  await text.fill('Fine');
  await page.getByRole('button', { name: /Send/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Thank you!');
  await expectHeadingFocused(page);
});

test('zh-Hans: focus and progress on the promoter path (single choice)', async ({ page, collector }) => {
  await page.goto(`${collector.url}/?touchpoint=checkout-3`);
  await page.getByRole('link', { name: /评价本次购物/ }).click();
  await expectHeadingFocused(page, '第 1 题，共 4 题 您有多大可能把我们推荐给朋友？');
  await radio(page, '9').click();
  await expectHeadingFocused(page, '第 2 题，共 5 题 您最喜欢哪一点？');
  // the inputs are named by the question alone, not the progress
  await expect(page.getByRole('radiogroup', { name: '您最喜欢哪一点？', exact: true })).toBeVisible();
  await radio(page, '结账快').click();
  await page.getByRole('button', { name: /下一题/ }).click();
  await expectHeadingFocused(page, /^第 3 题，共 5 题/);
  await expectNoAxeViolations(page, 'csat zh-Hans');
});

test.describe('with an edited store config', () => {
  let collector;
  test.beforeAll(async () => {
    collector = await startCollector({
      editConfig: (c) => {
        c.survey.title = { 'zh-Hans': '双十一购物评价', 'zh-Hant': '雙十一購物評價', en: 'Singles Day visit' };
        c.survey.questions.find((q) => q.id === 'csi').required = true;
        // a gallery up a few steps: no step-free way there
        c.map.nodes.push({ id: 'door-gallery', floor: '2f', x: 92, y: 70 });
        c.map.edges.push({ from: '1f-c92', to: 'door-gallery', kind: 'stairs', length: 6 });
        c.map.places.push({ id: 'gallery', kind: 'department', floor: '2f', x: 92, y: 72, node: 'door-gallery',
          name: { 'zh-Hans': '艺术长廊', 'zh-Hant': '藝術長廊', en: 'Art gallery' } });
        return c;
      },
    });
  });
  test.afterAll(async () => { await collector.stop(); });

  test('the home tile shows the store\'s survey title', async ({ page }) => {
    await page.goto(`${collector.url}/`);
    await expect(page.getByRole('link', { name: /双十一购物评价/ })).toBeVisible();
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByRole('link', { name: /Singles Day visit/ })).toBeVisible();
  });

  test('"N still to rate" is tied to the unrated rows', async ({ page }) => {
    await page.goto(`${collector.url}/?lang=en&touchpoint=checkout-3#/survey`);
    await radio(page, '8').click();
    await radio(page, 'Satisfied').click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Please rate each of these');
    await page.getByRole('radiogroup', { name: 'Service attitude' }).getByRole('radio', { name: '4', exact: true }).click();
    await page.getByRole('button', { name: /Next/ }).click();
    const issue = page.getByRole('alert');
    await expect(issue).toHaveText('4 still to rate.');
    const rated = page.getByRole('radiogroup', { name: 'Service attitude' });
    await expect(rated).not.toHaveAttribute('aria-invalid', /.*/);
    for (const row of ['Response speed', 'Problem solving', 'Overall experience']) {
      const g = page.getByRole('radiogroup', { name: row });
      await expect(g).toHaveAttribute('aria-invalid', 'true');
      await expect(g).toHaveAccessibleDescription(/4 still to rate/);
    }
    await expectNoAxeViolations(page, 'csi with unrated rows');
  });

  for (const [lang, L] of Object.entries({ 'zh-Hans': { dir: '路线', none: '无障碍', steps: /楼梯/ }, en: { dir: 'Directions', none: /step-free/i, steps: /stairs/i } })) {
    test(`${lang}: a place with no step-free way shows no empty directions and no QR`, async ({ page }) => {
      await page.goto(`${collector.url}/?lang=${lang}&touchpoint=exit-kiosk-1#/wayfinding?to=gallery&profile=step-free`);
      await expect(page.locator('.route .notice')).toContainText(L.none);
      await expect(page.locator('.route-text')).toHaveCount(0);
      await expect(page.locator('.take-along')).toHaveCount(0);
      await expect(page.getByRole('heading', { level: 2 })).toHaveCount(0);
      await page.screenshot({ path: `${SHOTS}/route-none-${lang}.png` });
      // without step-free there is a way (up the steps), with its directions and QR
      await page.locator('.step-free-toggle').click();
      await expect(page.locator('ol.directions')).toContainText(L.steps);
      await expect(page.locator('.take-along')).toHaveCount(1);
    });
  }
});

for (const [lang, L] of Object.entries({
  'zh-Hans': { find: '找路', search: '搜索', q: '面包', result: /面包房/, route: '去 面包房 的路线', newSearch: '重新搜索' },
  en: { find: 'Find your way', search: 'Search', q: 'bakery', result: /Bakery/, route: 'Route to Bakery', newSearch: 'New search' },
})) {
  test(`${lang}: wayfinding moves focus on opening a route and on new search; the count is a live region from the start`, async ({ page, collector }) => {
    await page.goto(`${collector.url}/?lang=${lang}&touchpoint=exit-kiosk-1`);
    await page.getByRole('link', { name: new RegExp(L.find) }).click();
    await expectFullApp(page);
    await expectHeadingFocused(page, L.find);
    const count = page.locator('.results-count');
    await expect(count).toHaveAttribute('role', 'status');
    await expect(count).toHaveText('');
    await page.locator('#wf-search').fill(L.q);
    await expect(count).not.toHaveText('');
    await page.getByRole('button', { name: L.result }).first().click();
    await expectHeadingFocused(page, L.route);
    await page.getByRole('button', { name: L.newSearch }).click();
    await expectHeadingFocused(page, L.find);
  });
}

for (const [lang, L] of Object.entries({
  en: { send: /Send/, kindQ: 'What would you like to tell us?', catQ: 'What is it about?', kind: /^Praise/, cat: 'Service', text: 'Please tell us more', consent: /I agree/ },
  'zh-Hans': { send: /提交/, kindQ: '您想告诉我们什么？', catQ: '是关于哪方面的？', kind: /^表扬/, cat: '服务', text: '请写下具体内容', consent: /我同意/ },
})) {
  test(`${lang}: suggestion box errors clear as each field is fixed; named, invalid-marked groups`, async ({ page, collector }) => {
    await page.goto(`${collector.url}/?lang=${lang}#/feedback`);
    const kinds = page.getByRole('radiogroup', { name: L.kindQ });
    const cats = page.getByRole('radiogroup', { name: L.catQ });
    await expect(kinds).toHaveCount(1);
    await expect(cats).toHaveCount(1);
    const pii = page.locator('.pii-status');
    await expect(pii).toHaveAttribute('role', 'status');
    await expect(page.locator('#fb-count')).not.toHaveAttribute('aria-live', /.*/);
    await page.getByRole('button', { name: L.send }).click();
    const summary = page.locator('#feedback-issues li');
    await expect(summary).toHaveCount(3);
    await expect(kinds).toHaveAttribute('aria-invalid', 'true');
    await expect(cats).toHaveAttribute('aria-invalid', 'true');
    const box = page.getByRole('textbox', { name: L.text });
    await expect(box).toHaveAttribute('aria-invalid', 'true');

    await page.getByRole('radio', { name: L.kind }).check();
    await expect(summary).toHaveCount(2);
    await expect(kinds).not.toHaveAttribute('aria-invalid', /.*/);
    await expect(page.locator('#err-kind')).toHaveCount(0);
    await page.getByRole('radio', { name: L.cat, exact: true }).check();
    await expect(summary).toHaveCount(1);
    await box.fill('x');
    await expect(page.locator('#feedback-issues')).toHaveCount(0);
    await expect(box).toHaveAttribute('aria-invalid', 'false');
    await expect(page.locator('.field-error')).toHaveCount(0);
  });
}

for (const [lang, L] of Object.entries({
  'zh-Hans': { text: '请写下具体内容', move: '移到联系方式', ask: '请先勾选同意', consent: /我同意/, phone: '手机号码', notice: '似乎有电话号码或邮箱' },
  en: { text: 'Please tell us more', move: 'Move to contact details', ask: 'First tick the box to agree', consent: /I agree/, phone: 'Mobile number', notice: 'seems to contain a phone number' },
})) {
  test(`${lang}: "Move to contact details" asks for consent, never ticks it, and moves on the customer's tick`, async ({ page, collector }) => {
    await page.goto(`${collector.url}/?lang=${lang}#/feedback`);
    const box = page.getByRole('textbox', { name: L.text });
    await box.fill('13812345678');
    await expect(page.getByRole('status').filter({ hasText: L.notice })).toBeVisible();
    await page.getByRole('button', { name: L.move }).click();
    const consent = page.getByRole('checkbox', { name: L.consent });
    await expect(consent).not.toBeChecked();
    const ask = page.getByRole('heading', { level: 2, name: L.ask });
    await expect(ask).toBeFocused();
    await expect(consent).toHaveAccessibleDescription(/./);
    await expect(box).toHaveValue('13812345678');
    await expect(page.getByRole('textbox', { name: L.phone })).toHaveCount(0);
    await page.screenshot({ path: `${SHOTS}/feedback-consent-ask-${lang}.png`, fullPage: true });
    await consent.check();
    await expect(page.getByRole('textbox', { name: L.phone })).toHaveValue('13812345678');
    await expect(box).toHaveValue('');
    await expect(ask).toHaveCount(0);
  });
}
