// Rate your visit: complete questionnaires in each language along the detractor, promoter and
// passive paths, checking the record handed to the outbox against what was answered.
import { expect } from '@playwright/test';
import { test, delivered, outboxIds, startCollector } from './collector.mjs';
import { watchConsole, expectNoAxeViolations, SHOTS } from './helpers.mjs';

const radio = (page, name) => page.getByRole('radio', { name, exact: true });
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

test('English detractor path: required check, follow-up, every question type, record', async ({ page, collector }) => {
  const w = watchConsole(page);
  await page.goto(collector.url + '/?lang=en&touchpoint=checkout-3#/survey');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('How likely are you to recommend us to a friend?');
  await expect(page.getByText('Question 1 of 4')).toBeVisible();

  // required: Next without an answer explains what is missing
  await page.getByRole('button', { name: /Next/ }).click();
  await expect(page.getByRole('alert')).toHaveText('This question needs an answer before you go on.');
  await expect(page.getByRole('button', { name: 'Skip' })).toHaveCount(0);

  // NPS: a radiogroup of 11, named by the question, with its end labels
  const group = page.getByRole('radiogroup', { name: 'How likely are you to recommend us to a friend?' });
  await expect(group.getByRole('radio')).toHaveCount(11);
  await expect(radio(page, '0')).toHaveAccessibleDescription(/Not at all likely/);
  await expect(radio(page, '10')).toHaveAccessibleDescription(/Extremely likely/);
  await expectNoAxeViolations(page, 'nps question');
  await page.screenshot({ path: `${SHOTS}/survey-nps-en.png` });
  await radio(page, '3').click(); // a tap on the scale moves on by itself (auto_advance)

  // detractor follow-up, with "other" needing its text
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('What went wrong?');
  await expect(page.getByText('Question 2 of 5')).toBeVisible();
  // the bar shows it too: a native progressbar, named by the text, at 2 of 5
  const bar = page.getByRole('progressbar', { name: 'Question 2 of 5' });
  await expect(bar).toHaveJSProperty('value', 2);
  await expect(bar).toHaveJSProperty('max', 5);
  await page.getByRole('checkbox', { name: 'Waited too long' }).click();
  await page.getByRole('checkbox', { name: 'Other' }).click();
  await page.getByRole('button', { name: /Next/ }).click();
  await expect(page.getByRole('alert')).toContainText('You ticked "Other"');
  // the message appears above the buttons; the one pressed keeps the focus
  await expect(page.getByRole('button', { name: /Next/ })).toBeFocused();
  await page.getByRole('textbox', { name: 'Please tell us what else' }).fill('Only one till open');
  await expectNoAxeViolations(page, 'multiple choice');
  await page.getByRole('button', { name: /Next/ }).click();

  // CSAT faces with words
  await expect(page.getByRole('heading', { level: 1 })).toHaveText("Overall, how satisfied are you with today's visit?");
  for (const word of ['Very dissatisfied', 'Dissatisfied', 'Neither', 'Satisfied', 'Very satisfied']) {
    await expect(radio(page, word)).toBeVisible();
  }
  await page.screenshot({ path: `${SHOTS}/survey-csat-en.png` });
  await radio(page, 'Dissatisfied').click();

  // CSI rows
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Please rate each of these');
  const rows = ['Service attitude', 'Professionalism and product knowledge', 'Response speed', 'Problem solving', 'Overall experience'];
  const ratings = [2, 3, 2, 4, 2];
  for (const [i, row] of rows.entries()) {
    await page.getByRole('radiogroup', { name: row }).getByRole('radio', { name: String(ratings[i]), exact: true }).click();
  }
  await expectNoAxeViolations(page, 'csi question');
  await page.screenshot({ path: `${SHOTS}/survey-csi-en.png`, fullPage: true });
  await page.getByRole('button', { name: /Next/ }).click();

  // free text, last: the button says Send
  const box = page.getByRole('textbox', { name: 'Any concrete suggestions for us?' });
  await box.fill('Open more tills at lunchtime 🙏 <b>please</b>');
  await expect(page.getByText('44 of 500 characters')).toBeVisible();
  // over the limit: kept on screen, counted, and refused with a reason
  await box.fill('x'.repeat(501));
  await expect(page.getByText('501 of 500 characters')).toBeVisible();
  await page.getByRole('button', { name: /Send/ }).click();
  await expect(page.getByRole('alert')).toHaveText('Please keep it to 500 characters.');
  await box.fill('Open more tills at lunchtime 🙏 <b>please</b>');
  await page.getByRole('button', { name: /Send/ }).click();

  await expect(page).toHaveURL(/#\/thank-you$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Thank you!');
  const { record: r, event } = await delivered(page, collector);
  expect(event).toMatchObject({ specversion: '1.0', id: r.id, type: 'storevoice.survey-response.v1', source: '/stores/lanting-xuhui/touchpoints/checkout-3', time: r.finished_at, datacontenttype: 'application/json' });
  expect(r.kind).toBe('survey-response');
  expect(r.id).toMatch(UUID);
  expect(r).toMatchObject({
    survey_id: 'visit-2026', survey_version: 1, store_id: 'lanting-xuhui', touchpoint: 'checkout-3', language: 'en', mode: 'standard',
    answers: [
      { question: 'nps', type: 'nps', score: 3 },
      { question: 'went-wrong', type: 'multiple-choice', options: ['waiting'], other: 'Only one till open' },
      { question: 'satisfaction', type: 'csat', score: 2 },
      { question: 'csi', type: 'csi', ratings: { attitude: 2, professionalism: 3, speed: 2, solving: 4, overall: 2 } },
      { question: 'suggestion', type: 'free-text', text: 'Open more tills at lunchtime 🙏 <b>please</b>' },
    ],
    scores: { nps: 3, nps_category: 'detractor', csat: 2 },
  });
  // CSI = (0.25·25 + 0.2·50 + 0.15·25 + 0.2·75 + 0.2·25) = 40
  expect(r.scores.csi).toBeCloseTo(40, 5);
  expect(Date.parse(r.finished_at)).toBeGreaterThanOrEqual(Date.parse(r.started_at));
  w.check();
});

test('a tap that changes nothing does not make the next arrow key a tap', async ({ page }) => {
  await page.goto('/?lang=en#/survey');
  const heading = page.getByRole('heading', { level: 1 });
  await expect(heading).toHaveText('How likely are you to recommend us to a friend?');
  await radio(page, '0').focus();
  for (let i = 0; i < 9; i++) await page.keyboard.press('ArrowRight');
  await expect(radio(page, '9')).toBeChecked();
  // A tap on the option already chosen: no change, so nothing moves on.
  await radio(page, '9').click();
  await page.waitForTimeout(700);
  await expect(heading).toHaveText('How likely are you to recommend us to a friend?');
  // The arrow key after it is the keyboard's: 10 is chosen and the question stays.
  await page.keyboard.press('ArrowRight');
  await expect(radio(page, '10')).toBeChecked();
  await page.waitForTimeout(700);
  await expect(heading).toHaveText('How likely are you to recommend us to a friend?');
  // A real tap still moves on after its pause.
  await radio(page, '8').click();
  await expect(heading).not.toHaveText('How likely are you to recommend us to a friend?');
});

test('简体中文 promoter path with keyboard only', async ({ page, collector }) => {
  await page.goto(collector.url + '/#/survey');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('您有多大可能把我们推荐给朋友？');
  // Tab into the radiogroup, then arrow keys choose without leaving the question
  await radio(page, '0').focus();
  for (let i = 0; i < 9; i++) await page.keyboard.press('ArrowRight');
  await expect(radio(page, '9')).toBeChecked();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('您有多大可能把我们推荐给朋友？');
  await page.getByRole('button', { name: /下一题/ }).press('Enter');

  await expect(page.getByRole('heading', { level: 1 })).toHaveText('您最喜欢哪一点？');
  await radio(page, '结账快').focus();
  await page.keyboard.press('Space');
  await page.getByRole('button', { name: /下一题/ }).press('Enter');
  await radio(page, '非常满意').focus();
  await page.keyboard.press('Space');
  await page.getByRole('button', { name: /下一题/ }).press('Enter');
  await page.getByRole('button', { name: '跳过' }).press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('您对我们还有什么具体建议？');
  await page.getByRole('button', { name: /提交/ }).press('Enter');

  await expect(page.getByRole('heading', { level: 1 })).toHaveText('谢谢您！');
  const { record: r } = await delivered(page, collector);
  expect(r).toMatchObject({
    language: 'zh-Hans', touchpoint: 'exit-kiosk-1',
    answers: [
      { question: 'nps', score: 9 },
      { question: 'liked-most', type: 'single-choice', option: 'speed' },
      { question: 'satisfaction', score: 5 },
    ],
    scores: { nps: 9, nps_category: 'promoter', csat: 5 },
  });
  expect(r.answers).toHaveLength(3);
  expect(r.scores.csi).toBeUndefined();
});

test('繁體中文 passive path in large-text mode: a tap waits for Next, so a mis-tap can be changed', async ({ page, collector }) => {
  await page.clock.install();
  await page.goto(collector.url + '/?lang=zh-Hant&mode=large#/survey');
  await expect(page.getByText('第 1 題，共 4 題')).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/survey-nps-zh-Hant-large.png` });
  await radio(page, '3').click();
  // Well past the 350 ms auto-advance pause: still here, the mis-tap can be put right.
  await page.clock.runFor(2000);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('您有多大可能把我們推薦給朋友？');
  await radio(page, '7').click();
  await page.clock.runFor(2000);
  await expect(radio(page, '7')).toBeChecked();
  await page.getByRole('button', { name: /下一題/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('總體來說，您對本次購物滿意嗎？');
  await radio(page, '滿意').click();
  await page.clock.runFor(2000);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('總體來說，您對本次購物滿意嗎？');
  await page.getByRole('button', { name: /下一題/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('請為以下方面打分');
  await page.screenshot({ path: `${SHOTS}/survey-csi-zh-Hant-large.png`, fullPage: true });
  await page.getByRole('button', { name: '跳過' }).click();
  await page.getByRole('textbox').fill('試衣間可以多一些');
  await page.getByRole('button', { name: /提交/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('謝謝您！');
  const { record: r } = await delivered(page, collector);
  expect(r).toMatchObject({
    language: 'zh-Hant', mode: 'large',
    answers: [{ question: 'nps', score: 7 }, { question: 'satisfaction', score: 4 }, { question: 'suggestion', text: '試衣間可以多一些' }],
    scores: { nps: 7, nps_category: 'passive', csat: 4 },
  });
});

test('a config with survey.auto_advance_large lets taps move on in large-text mode too', async ({ page }) => {
  const c = await startCollector({ editConfig: (cfg) => { cfg.survey.auto_advance_large = true; } });
  try {
    await page.goto(c.url + '/?lang=en&mode=large#/survey');
    await radio(page, '9').click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('What did you like most?');
  } finally {
    await c.stop();
  }
});

test('switching language mid-survey keeps every answer', async ({ page, collector }) => {
  await page.goto(collector.url + '/?lang=en#/survey');
  await radio(page, '2').click();
  await page.getByRole('checkbox', { name: 'Prices' }).click();
  await page.getByRole('button', { name: '繁體中文' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('哪裡讓您不滿意？');
  await expect(page.getByRole('checkbox', { name: '價格' })).toBeChecked();
  await page.getByRole('button', { name: /上一題/ }).click();
  await expect(radio(page, '2')).toBeChecked();
  await page.getByRole('button', { name: '简体中文' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hans');
  await page.getByRole('button', { name: /下一题/ }).click();
  await expect(page.getByRole('checkbox', { name: '价格' })).toBeChecked();
});

test('the next customer starts with an empty questionnaire', async ({ page, collector }) => {
  await page.goto(collector.url + '/?lang=en#/survey');
  await radio(page, '10').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('What did you like most?');
  await page.getByRole('link', { name: 'Back to start' }).first().click();
  await page.getByRole('link', { name: /Rate your visit/ }).click();
  await expect(page.getByText('Question 1 of 4')).toBeVisible();
  for (let n = 0; n <= 10; n++) await expect(radio(page, String(n))).not.toBeChecked();
  expect(await outboxIds(page)).toEqual([]);
});
