// Read aloud (issue #13): the control on survey questions, suggestion-box steps, route
// directions and the thank-you screen, speaking through the Web Speech API. Headless Chromium
// has no voices, so `speechSynthesis` is replaced (before the app starts) by a recorder with
// fake voices that records every speak and cancel call: text, lang, voice, rate.
import { mkdirSync } from 'node:fs';
import { expect } from '@playwright/test';
import { test } from './collector.mjs';
import { expectNoAxeViolations, referenceNumber, signIn, watchConsole } from './helpers.mjs';

const SHOTS = '/tmp/shots-speech';
mkdirSync(SHOTS, { recursive: true });

const ALL_VOICES = [['zh-CN', 'Fake Mandarin (China)'], ['zh-TW', 'Fake Mandarin (Taiwan)'], ['en-US', 'Fake English (US)', true]];
const EN_ONLY = [['en-US', 'Fake English (US)', true], ['en-GB', 'Fake English (UK)']];

/** Replaces speechSynthesis with a recorder; voices come after the page starts, as in Chrome. */
async function installRecorder(page, voices = ALL_VOICES) {
  await page.addInitScript((spec) => {
    const calls = [];
    const queue = [];
    const make = (s) => s.map(([lang, name, def]) => ({ lang, name, voiceURI: `fake:${name}`, default: !!def, localService: true }));
    let voices = [];
    class FakeUtterance extends EventTarget {
      constructor(text) { super(); this.text = text; this.lang = ''; this.voice = null; this.rate = 1; this.pitch = 1; this.volume = 1; }
    }
    class FakeSynth extends EventTarget {
      get speaking() { return queue.length > 0; }
      get pending() { return queue.length > 1; }
      get paused() { return false; }
      getVoices() { return voices.slice(); }
      speak(u) { calls.push({ op: 'speak', text: u.text, lang: u.lang, voice: u.voice ? u.voice.name : null, rate: u.rate }); queue.push(u); }
      cancel() { calls.push({ op: 'cancel' }); for (const u of queue.splice(0)) u.dispatchEvent(new Event('error')); }
      pause() {}
      resume() {}
    }
    const synth = new FakeSynth();
    Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
    Object.defineProperty(window, 'SpeechSynthesisUtterance', { value: FakeUtterance, configurable: true, writable: true });
    const load = (s) => { voices = make(s); synth.dispatchEvent(new Event('voiceschanged')); };
    // Voices arrive a moment after start, through `voiceschanged` (microtask: not on the clock).
    if (spec) Promise.resolve().then(() => load(spec));
    window.__speech = {
      calls,
      /** Every utterance queued so far ends, as if it had been read. */
      finish() { for (const u of queue.splice(0)) u.dispatchEvent(new Event('end')); },
      load,
    };
  }, voices);
}

const calls = (page) => page.evaluate(() => window.__speech.calls.slice());
const clearCalls = (page) => page.evaluate(() => { window.__speech.calls.length = 0; });
const spoken = async (page) => (await calls(page)).filter((c) => c.op === 'speak');
/** True when a cancel came after the last speak (what was being read was stopped). */
const stoppedAfterSpeaking = async (page) => {
  const c = await calls(page);
  const lastSpeak = c.map((x) => x.op).lastIndexOf('speak');
  return lastSpeak >= 0 && c.slice(lastSpeak + 1).some((x) => x.op === 'cancel');
};

const readButton = (page, name) => page.getByRole('button', { name: new RegExp(`^${name}`) });

test('a survey question is read in Simplified Chinese and in English, with the matching voice', async ({ page, collector }) => {
  const w = watchConsole(page);
  await installRecorder(page);
  await page.goto(`${collector.url}/?touchpoint=checkout-3#/survey`);
  const zh = readButton(page, '朗读');
  await expect(zh).toHaveAttribute('aria-pressed', 'false');
  await zh.click();
  await expect(zh).toHaveAttribute('aria-pressed', 'true');
  await expect(zh).toContainText('停止');
  expect(await spoken(page)).toEqual([
    { op: 'speak', text: '您有多大可能把我们推荐给朋友？', lang: 'zh-CN', voice: 'Fake Mandarin (China)', rate: 1 },
    { op: 'speak', text: '0 到 10 分，0 分表示完全不可能，10 分表示非常可能', lang: 'zh-CN', voice: 'Fake Mandarin (China)', rate: 1 },
  ]);
  // Reading to the end releases the button.
  await page.evaluate(() => window.__speech.finish());
  await expect(zh).toHaveAttribute('aria-pressed', 'false');

  // Pressing it again while it reads stops it.
  await zh.click();
  await expect(zh).toHaveAttribute('aria-pressed', 'true');
  await zh.click();
  await expect(zh).toHaveAttribute('aria-pressed', 'false');
  await expect.poll(() => stoppedAfterSpeaking(page)).toBe(true);

  // A language change while reading stops it; then English is read with the English voice.
  await zh.click();
  await clearCalls(page);
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('How likely are you to recommend us to a friend?');
  expect((await calls(page)).some((c) => c.op === 'cancel'), 'cancel on language change').toBe(true);
  const en = readButton(page, 'Read aloud');
  await expect(en).toHaveAttribute('aria-pressed', 'false');
  await clearCalls(page);
  await en.click();
  await expect(en).toContainText('Stop');
  expect((await spoken(page)).map(({ text, lang, voice, rate }) => ({ text, lang, voice, rate }))).toEqual([
    { text: 'How likely are you to recommend us to a friend?', lang: 'en-US', voice: 'Fake English (US)', rate: 1 },
    { text: '0 to 10, 0, Not at all likely, 10, Extremely likely', lang: 'en-US', voice: 'Fake English (US)', rate: 1 },
  ]);
  // Traditional Chinese gets the Taiwan voice.
  await page.getByRole('button', { name: '繁體中文' }).click();
  await clearCalls(page);
  await readButton(page, '朗讀').click();
  const hant = await spoken(page);
  expect(hant[0]).toMatchObject({ text: '您有多大可能把我們推薦給朋友？', lang: 'zh-TW', voice: 'Fake Mandarin (Taiwan)' });
  // The next question: reading of the old one stops with it.
  await page.getByRole('radio', { name: '9', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('您最喜歡哪一點？');
  await expect.poll(() => stoppedAfterSpeaking(page)).toBe(true);
  w.check();
});

test('large-text mode reads slower', async ({ page, collector }) => {
  await installRecorder(page);
  await page.goto(`${collector.url}/?lang=en&mode=large&touchpoint=service-desk#/survey`);
  await readButton(page, 'Read aloud').click();
  const s = await spoken(page);
  expect(s.length).toBe(2);
  for (const c of s) expect(c.rate).toBe(0.8);
});

test('each suggestion-box step has its own control; one reads at a time', async ({ page, collector }) => {
  await installRecorder(page);
  await page.goto(`${collector.url}/?lang=en&touchpoint=qr-fitting-rooms#/feedback`);
  const buttons = page.getByRole('button', { name: /^Read aloud/ });
  await expect(buttons).toHaveCount(4);
  await buttons.nth(0).click();
  expect((await spoken(page)).map((c) => c.text)).toEqual([
    'What would you like to tell us?',
    'Complaint: Something went wrong, Praise: Someone did well, Suggestion: How we could do better, Question: Something you want to know',
  ]);
  await expect(buttons.nth(0)).toHaveAttribute('aria-pressed', 'true');
  await clearCalls(page);
  await buttons.nth(1).click();
  await expect(buttons.nth(1)).toHaveAttribute('aria-pressed', 'true');
  await expect(buttons.nth(0)).toHaveAttribute('aria-pressed', 'false');
  const c = await calls(page);
  expect(c[0].op, 'the first reading is stopped before the next').toBe('cancel');
  expect(c.filter((x) => x.op === 'speak').map((x) => x.text)).toEqual([
    'What is it about?',
    'Service, Products, Process and policy, Environment and facilities, Other',
  ]);
  await clearCalls(page);
  await buttons.nth(3).click();
  const consent = (await spoken(page)).map((x) => x.text);
  expect(consent[0]).toBe('Would you like us to contact you? (optional)');
  expect(consent[1]).toMatch(/^I agree that Lanting may use these contact details/);
});

test('route directions are read as listed', async ({ page, collector }) => {
  await installRecorder(page);
  await page.goto(`${collector.url}/?lang=en&touchpoint=exit-kiosk-1#/wayfinding`);
  await page.getByRole('searchbox').fill('cafe');
  await page.getByRole('button', { name: /Café/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Route to Café');
  await readButton(page, 'Read aloud').click();
  const texts = (await spoken(page)).map((c) => c.text);
  const shown = await page.locator('ol.directions li').allTextContents();
  expect(texts[0]).toBe('Route to Café');
  expect(texts[1]).toBe(shown[0].split(' · ').join(', '));
  expect(texts.slice(2)).toEqual(shown.slice(1));
  expect(texts.at(-1)).toMatch(/Café is (on your left|on your right|straight ahead)/);
  // Leaving for the start screen stops the reading.
  await page.getByRole('link', { name: 'Back to start' }).click();
  await expect(page).toHaveURL(/#\/$/);
  await expect.poll(() => stoppedAfterSpeaking(page)).toBe(true);
});

test('the thank-you screen reads the reference character by character', async ({ page, collector }) => {
  await installRecorder(page);
  await page.goto(`${collector.url}/?lang=en&touchpoint=qr-fitting-rooms#/feedback`);
  await page.getByRole('radio', { name: /^Praise/ }).check();
  await page.getByRole('radio', { name: 'Service', exact: true }).check();
  await page.getByRole('textbox', { name: 'Please tell us more' }).fill('Friendly help at the fitting rooms.');
  await page.getByRole('button', { name: /Send/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Thank you!');
  const ref = (await referenceNumber(page, 'Your reference number').textContent()).trim();
  await readButton(page, 'Read aloud').click();
  const texts = (await spoken(page)).map((c) => c.text);
  const spelled = ref.split('-').map((g) => g.split('').join(' ')).join(', ');
  expect(spelled).toMatch(/^(\S ){3}\S, (\S ){3}\S, \S$/);
  expect(texts).toEqual([
    'Thank you!',
    'We have your feedback.',
    'Your reference number',
    spelled,
    'Quote this number to staff to follow up.',
    'If you left contact details we will reply within 24 hours; complaints are resolved within 48–72 hours.',
  ]);
  // In Chinese the groups are apart with a Chinese comma; the characters stay spaced.
  await page.getByRole('button', { name: '简体中文' }).click();
  await clearCalls(page);
  await readButton(page, '朗读').click();
  const zh = (await spoken(page)).map((c) => c.text);
  expect(zh).toContain(ref.split('-').map((g) => g.split('').join(' ')).join('，'));
  expect((await spoken(page))[0].lang).toBe('zh-CN');
});

test('the kiosk reset for the next customer stops the reading', async ({ page, collector }) => {
  await installRecorder(page);
  await page.clock.install();
  await page.goto(`${collector.url}/?touchpoint=exit-kiosk-1&lang=en#/survey`);
  await readButton(page, 'Read aloud').click();
  expect((await spoken(page)).length).toBe(2);
  await page.clock.fastForward(61_000);
  await expect(page).toHaveURL(/#\/$/);
  await expect.poll(() => stoppedAfterSpeaking(page)).toBe(true);
});

test('without a voice for the language the control is hidden; voices may arrive later', async ({ page, collector }) => {
  await installRecorder(page, EN_ONLY);
  await page.goto(`${collector.url}/?touchpoint=checkout-3#/survey`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('您有多大可能把我们推荐给朋友？');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(readButton(page, 'Read aloud')).toBeVisible();
  await page.getByRole('button', { name: '简体中文' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('您有多大可能把我们推荐给朋友？');
  await expect(page.locator('.read-aloud')).toHaveCount(0);
  // The device's voices change (a voice pack installed): the control appears.
  await page.evaluate(() => window.__speech.load([['zh-CN', 'Late Mandarin']]));
  await expect(readButton(page, '朗读')).toBeVisible();
});

test('with no speech at all there is no control', async ({ page, collector }) => {
  await installRecorder(page, null);
  await page.goto(`${collector.url}/?lang=en&touchpoint=checkout-3#/survey`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('How likely are you to recommend us to a friend?');
  await expect(page.locator('.read-aloud')).toHaveCount(0);
});

test('the staff screen lists which languages have voices', async ({ page, collector }) => {
  await installRecorder(page, EN_ONLY);
  await page.goto(`${collector.url}/?lang=en#/staff`);
  await signIn(page);
  const panel = page.locator('[data-field="speech"]');
  await expect(panel.getByRole('heading', { level: 2 })).toHaveText('Read aloud');
  await expect(panel.locator('[data-field="speech-en"]')).toHaveText('Fake English (US) (en-US)');
  await expect(panel.locator('[data-field="speech-zh-Hans"]')).toHaveText('no voice');
  await expect(panel.locator('[data-field="speech-zh-Hant"]')).toHaveText('no voice');
});

for (const lang of ['zh-Hans', 'en']) {
  test(`no accessibility violations with the control, ${lang}`, async ({ page, collector }) => {
    await installRecorder(page);
    await page.goto(`${collector.url}/?lang=${lang}&touchpoint=checkout-3#/survey`);
    const b = page.locator('.read-aloud');
    await expect(b).toBeVisible();
    await expectNoAxeViolations(page, `survey question with read aloud (${lang})`);
    await b.click();
    await expect(b).toHaveAttribute('aria-pressed', 'true');
    await expectNoAxeViolations(page, `survey question while reading (${lang})`);
    // Keyboard: Tab reaches it, Enter stops it.
    await b.focus();
    await page.keyboard.press('Enter');
    await expect(b).toHaveAttribute('aria-pressed', 'false');
    await page.goto(`${collector.url}/?lang=${lang}&touchpoint=qr-fitting-rooms#/feedback`);
    await expect(page.locator('.read-aloud')).toHaveCount(4);
    await expectNoAxeViolations(page, `suggestion box with read aloud (${lang})`);
  });
}

test('screenshots: phone and kiosk, large mode, both languages', async ({ page, collector }) => {
  await installRecorder(page);
  for (const [w, h, name] of [[390, 844, 'phone'], [1920, 1080, 'kiosk']]) {
    await page.setViewportSize({ width: w, height: h });
    for (const lang of ['zh-Hans', 'en']) {
      for (const mode of ['standard', 'large']) {
        await page.goto(`${collector.url}/?lang=${lang}&mode=${mode}&touchpoint=service-desk#/survey`);
        const b = page.locator('.read-aloud');
        await b.click();
        await expect(b).toHaveAttribute('aria-pressed', 'true');
        await page.screenshot({ path: `${SHOTS}/survey-${name}-${lang}-${mode}.png` });
        await page.goto(`${collector.url}/?lang=${lang}&mode=${mode}&touchpoint=service-desk#/feedback`);
        // The suggestion box is on app.html: wait for the hand-over to land before the shot.
        await expect(page.locator('.read-aloud')).toHaveCount(4);
        await page.screenshot({ path: `${SHOTS}/feedback-${name}-${lang}-${mode}.png` });
      }
    }
  }
});

test('screenshots: route directions and thank-you with the control', async ({ page, collector }) => {
  await installRecorder(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${collector.url}/?lang=zh-Hans&mode=large&touchpoint=service-desk#/wayfinding?to=cafe`);
  await readButton(page, '朗读').click();
  await readButton(page, '朗读').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/route-phone-zh-Hans-large.png` });
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto(`${collector.url}/?lang=en&touchpoint=qr-fitting-rooms#/feedback`);
  await page.getByRole('radio', { name: /^Question/ }).check();
  await page.getByRole('radio', { name: 'Other', exact: true }).check();
  await page.getByRole('textbox', { name: 'Please tell us more' }).fill('Where are the lockers?');
  await page.getByRole('button', { name: /Send/ }).click();
  // The form's own read-aloud buttons stay until the answer is stored and "thank you" shows.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Thank you!');
  await readButton(page, 'Read aloud').click();
  await page.screenshot({ path: `${SHOTS}/thanks-kiosk-en.png` });
});
