// "Today on this device" (staff mode) and the misuse flags: a known set of answers is given
// on an exit kiosk under the Playwright clock (Shanghai time), then the staff screen's charts
// and their data tables must equal a hand count of those answers — today, and after the clock
// moves a day on, yesterday and the last 7 days. A burst of five equal scores within a minute
// and a questionnaire finished in under 2 s reach the real collector marked `suspect`, its
// summary leaves them out and says how many, and the tally counts them as flagged.
import { test as base, expect } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { startCollector } from './collector.mjs';
import { expectNoAxeViolations, signIn, watchConsole } from './helpers.mjs';

const SHOTS = '/tmp/shots-tally';
mkdirSync(SHOTS, { recursive: true });

const test = base.extend({
  // A collector (and so an app origin with empty storage) of its own for every test.
  // eslint-disable-next-line no-empty-pattern
  collector: async ({}, use) => {
    const c = await startCollector();
    await use(c);
    await c.stop();
  },
});
test.use({ timezoneId: 'Asia/Shanghai' });

const ROWS = ['attitude', 'professionalism', 'speed', 'solving', 'overall'];
const L = {
  'zh-Hans': {
    feedbackKind: /^建议/, cat: '服务', text: '请写下具体内容', send: /提交/,
    dims: { attitude: '服务态度', speed: '响应速度', overall: '整体体验' },
  },
  en: {
    feedbackKind: /^Suggestion/, cat: 'Service', text: 'Please tell us more', send: /Send/,
    dims: { attitude: 'Service attitude', speed: 'Response speed', overall: 'Overall experience' },
  },
};

/** Same-document navigation: the page (and the misuse rule's memory) stays. */
const go = (page, hash) => page.evaluate((h) => { location.hash = h; }, hash);

/** Answers one questionnaire; `tick` ms of clock pass after each step (0: all at once, the
 *  single-tap scales then moved on with Next instead of their auto-advance). */
async function survey(page, { nps, csat, csi = {}, text = '', tick = 700 }) {
  await go(page, '#/survey');
  const next = page.locator('.survey .button.next');
  const skip = page.locator('.survey .button.skip');
  const csatScale = page.locator('.scale.csat');
  const tap = async (radio) => {
    await radio.click();
    if (tick) await page.clock.runFor(tick);
    // Large text never moves on by itself (the customer confirms with Next).
    if (!tick || (await radio.isVisible())) await next.click();
  };
  await tap(page.getByRole('radio', { name: String(nps), exact: true }));
  if (nps <= 6 || nps >= 9) {
    // the optional follow-up question
    await expect(skip).toBeVisible();
    await expect(csatScale).toHaveCount(0);
    await skip.click();
    if (tick) await page.clock.runFor(tick);
  }
  await tap(csatScale.getByRole('radio').nth(csat - 1));
  const groups = page.getByRole('radiogroup');
  await expect(csatScale).toHaveCount(0);
  await expect(groups).toHaveCount(5);
  for (const [row, v] of Object.entries(csi)) {
    await groups.nth(ROWS.indexOf(row)).getByRole('radio', { name: String(v), exact: true }).click();
  }
  await next.click();
  await expect(page.locator('.survey textarea')).toBeVisible();
  if (tick) await page.clock.runFor(tick);
  if (text) await page.locator('.survey textarea').fill(text);
  await next.click();
  await expect(page).toHaveURL(/#\/thank-you$/);
  return page.locator('section.thank-you').getAttribute('data-record-id');
}

async function suggestion(page, lang) {
  const t = L[lang];
  await go(page, '#/feedback');
  await page.getByRole('radio', { name: t.feedbackKind }).check();
  await page.getByRole('radio', { name: t.cat, exact: true }).check();
  await page.getByRole('textbox', { name: t.text }).fill('More seats near the lifts 13812345678');
  await page.getByRole('button', { name: t.send }).click();
  await expect(page).toHaveURL(/#\/thank-you$/);
}

/** The hand count of `surveys` (+ `feedback` suggestion-box entries) the screen must show. */
function handCount(surveys, feedback, hours) {
  const one = (v) => String(Math.round(v * 10) / 10);
  const pro = surveys.filter((s) => s.nps >= 9).length;
  const det = surveys.filter((s) => s.nps <= 6).length;
  const pas = surveys.length - pro - det;
  const n = surveys.length;
  const csat = [1, 2, 3, 4, 5].map((r) => surveys.filter((s) => s.csat === r).length);
  const dims = {};
  for (const s of surveys) for (const [k, v] of Object.entries(s.csi ?? {})) (dims[k] ??= []).push((v - 1) * 25);
  const nps = (pro - det) * 100 / n;
  return {
    responses: n + feedback, surveys: n, feedback, hours,
    nps: { detractors: [det, `${one(det * 100 / n)}%`], passives: [pas, `${one(pas * 100 / n)}%`], promoters: [pro, `${one(pro * 100 / n)}%`], score: (nps > 0 ? '+' : '') + one(nps) },
    shares: [det * 100 / n, pas * 100 / n, pro * 100 / n],
    csat, csatMean: one(csat.reduce((a, c, i) => a + c * (i + 1), 0) / n),
    csatSatisfied: `${one((csat[3] + csat[4]) * 100 / n)}%`,
    dims: ROWS.filter((r) => dims[r]).map((r) => [r, one(dims[r].reduce((a, b) => a + b, 0) / dims[r].length), dims[r].length]),
  };
}

async function tableRows(page, name) {
  return page.locator(`table[data-table="${name}"] tbody tr`).evaluateAll((trs) =>
    trs.map((tr) => [tr.dataset.key, ...[...tr.querySelectorAll('th, td')].map((c) => c.textContent.trim())]));
}

async function bars(page, chart, attr) {
  return page.locator(`[data-chart="${chart}"] svg rect[data-key]`).evaluateAll((rs, attr) =>
    rs.map((r) => [r.dataset.key, Number(r.dataset.value), Number(r.getAttribute(attr))]), attr);
}

const near = (a, b) => Math.abs(a - b) < 0.011;

async function expectTally(page, lang, want, flagged = 0) {
  const panel = page.locator('[data-field="today"]');
  await expect(panel.locator('[data-field="today-responses"]')).toHaveText(String(want.responses));
  await expect(panel.locator('[data-field="today-surveys"]')).toHaveText(String(want.surveys));
  await expect(panel.locator('[data-field="today-feedback"]')).toHaveText(String(want.feedback));
  await expect(panel.locator('[data-field="today-flagged"]')).toHaveText(String(flagged));

  // responses per hour: the table lists the hours with answers; the bars are count / max · 90 high
  const hourRows = Object.entries(want.hours).map(([h, c]) => [h, `${h.padStart(2, '0')}:00–${String(Number(h) + 1).padStart(2, '0')}:00`, String(c)]);
  expect(await tableRows(page, 'hours')).toEqual(hourRows);
  const hb = await bars(page, 'hours', 'height');
  expect(hb).toHaveLength(24);
  const max = Math.max(...Object.values(want.hours));
  for (const [h, v, height] of hb) {
    expect(v, `hour ${h}`).toBe(want.hours[h] ?? 0);
    expect(near(height, v / max * 90), `hour ${h} bar ${height}`).toBe(true);
  }
  const labels = await page.locator('[data-chart="hours"] svg text.bar-label').allTextContents();
  expect(labels.map(Number)).toEqual(Object.values(want.hours));

  // NPS: counts and shares, and the stacked bar's segments as wide as the shares (of 200)
  const nr = await tableRows(page, 'nps');
  expect(nr.map((r) => [r[0], Number(r[2]), r[3]])).toEqual(['detractors', 'passives', 'promoters'].map((k) => [k, ...want.nps[k]]));
  await expect(page.locator('[data-field="nps"]')).toHaveText(want.nps.score);
  const seg = await bars(page, 'nps', 'width');
  expect(seg.map((s) => [s[0], s[1]])).toEqual(['detractors', 'passives', 'promoters'].map((k) => [k, want.nps[k][0]]));
  seg.forEach(([k, , w], i) => expect(near(w, want.shares[i] * 2), `${k} segment ${w}`).toBe(true));
  await expect(page.locator('[data-chart="nps"] svg')).toContainText(`NPS ${want.nps.score}`);

  // CSAT distribution
  expect((await tableRows(page, 'csat')).map((r) => Number(r[2]))).toEqual(want.csat);
  await expect(page.locator('[data-field="csat-mean"]')).toHaveText(want.csatMean);
  await expect(page.locator('[data-field="csat-satisfied"]')).toHaveText(want.csatSatisfied);
  const cb = await bars(page, 'csat', 'height');
  const cmax = Math.max(...want.csat);
  cb.forEach(([k, v, h], i) => {
    expect([k, v]).toEqual([String(i + 1), want.csat[i]]);
    expect(near(h, v / cmax * 80), `csat ${k} bar ${h}`).toBe(true);
  });

  // CSI per dimension, named in the staff's language, bars index · 1.6 wide
  const dr = await tableRows(page, 'csi');
  expect(dr).toEqual(want.dims.map(([k, idx, n]) => [k, L[lang].dims[k], idx, String(n)]));
  const db = await bars(page, 'csi', 'width');
  expect(db.map((b) => b[0])).toEqual(want.dims.map((d) => d[0]));
  db.forEach(([k, v, w], i) => {
    expect(v).toBe(Number(want.dims[i][1]));
    // the value is shown to one decimal, the bar is drawn from the exact index
    expect(Math.abs(w - v * 1.6), `csi ${k} bar ${w}`).toBeLessThanOrEqual(0.05 * 1.6 + 0.01);
  });
  // every chart is drawn for the eye only; its table is the accessible version
  for (const svg of await page.locator('.today-chart svg').all()) await expect(svg).toHaveAttribute('aria-hidden', 'true');
}

async function openStaff(page) {
  await go(page, '#/staff');
  await signIn(page);
  await expect(page.locator('[data-field="today"]')).toBeVisible();
}

async function shots(page, name) {
  const panel = page.locator('[data-field="today"]');
  await page.setViewportSize({ width: 390, height: 844 });
  await panel.screenshot({ path: `${SHOTS}/${name}-phone.png` });
  await page.setViewportSize({ width: 1920, height: 1080 });
  await panel.screenshot({ path: `${SHOTS}/${name}-kiosk.png` });
}

// Four questionnaires and one suggestion-box entry: 09:xx two, 10:xx three (Shanghai time).
const KNOWN = [
  { nps: 10, csat: 5, csi: { attitude: 5, speed: 4 }, text: 'More parking please' },
  { nps: 9, csat: 4, csi: { attitude: 4 } },
  { nps: 7, csat: 3 },
  { nps: 3, csat: 2, csi: { attitude: 2, speed: 1 }, text: 'Open more tills' },
];
const NEXT_DAY = { nps: 8, csat: 4, csi: { overall: 5 } };

for (const [lang, mode] of [['zh-Hans', 'large'], ['en', 'standard']]) {
  test(`[${lang}] the tally equals a hand count of the answers, today, yesterday and 7 days`, async ({ page, collector }) => {
    test.setTimeout(120_000);
    const w = watchConsole(page);
    const t0 = new Date('2026-11-30T09:05:00+08:00').getTime();
    await page.clock.install({ time: t0 });
    await page.goto(`${collector.url}/?lang=${lang}&mode=${mode}`);
    await expect(page.locator('a[href="#/survey"]').first()).toBeVisible();
    await page.clock.pauseAt(t0 + 5_000);

    await survey(page, KNOWN[0]);
    await survey(page, KNOWN[1]);
    await page.clock.fastForward('01:00:00'); // 10:05
    await survey(page, KNOWN[2]);
    await survey(page, KNOWN[3]);
    await suggestion(page, lang);

    await openStaff(page);
    const day1 = handCount(KNOWN, 1, { 9: 2, 10: 3 });
    expect(day1.nps.score).toBe('+25'); // 2 promoters, 1 passive, 1 detractor of 4
    await expectTally(page, lang, day1);
    await expect(page.locator('[data-period="today"]')).toHaveAttribute('aria-pressed', 'true');
    // axe waits on timers of its own: let the clock run meanwhile
    await page.clock.resume();
    await expectNoAxeViolations(page, `today on this device (${lang}, ${mode})`);
    await page.clock.pauseAt(await page.evaluate(() => Date.now() + 1_000));
    await shots(page, `today-${lang}-${mode}`);
    // yesterday has nothing yet
    await page.locator('[data-period="yesterday"]').click();
    await expect(page.locator('[data-period="yesterday"]')).toHaveAttribute('aria-pressed', 'true');
    await expect(page.locator('[data-field="today-responses"]')).toHaveText('0');
    await expect(page.locator('[data-field="today-nothing"]')).toBeVisible();

    // the next day (the staff session ends on the way), one more questionnaire at 10:xx
    await page.clock.fastForward('24:00:00');
    await go(page, '#/');
    await survey(page, NEXT_DAY);
    await openStaff(page);
    await expectTally(page, lang, handCount([NEXT_DAY], 0, { 10: 1 }));
    await page.locator('[data-period="yesterday"]').click();
    await expectTally(page, lang, day1);
    await page.locator('[data-period="week"]').click();
    await expectTally(page, lang, handCount([...KNOWN, NEXT_DAY], 1, { 9: 2, 10: 4 }));
    await shots(page, `week-${lang}-${mode}`);
    // the tally holds counts and scores only: no text, no contact details
    const stored = await page.evaluate(() => localStorage.getItem('storevoice:tally'));
    expect(stored).not.toMatch(/parking|tills|seats|13812345678/);
    expect(stored.length).toBeLessThan(600);
    w.check();
  });
}

test('a burst and a too-fast questionnaire are marked suspect; the collector leaves them out of its summary; the tally shows them as flagged', async ({ page, collector }) => {
  test.setTimeout(120_000);
  const w = watchConsole(page);
  const t0 = new Date('2026-11-30T11:00:00+08:00').getTime();
  await page.clock.install({ time: t0 });
  await page.goto(`${collector.url}/?lang=en`);
  await expect(page.locator('a[href="#/survey"]').first()).toBeVisible();
  await page.clock.pauseAt(t0 + 5_000);

  // five times NPS 0 within a minute, each taking ~3 s: the fifth is a burst
  const ids = [];
  for (let i = 0; i < 5; i++) ids.push(await survey(page, { nps: 0, csat: 1, tick: 700 }));
  // finished in the same instant it started
  const fast = await survey(page, { nps: 8, csat: 4, tick: 0 });
  // and an ordinary one a minute later
  await page.clock.fastForward(60_000);
  const fine = await survey(page, { nps: 10, csat: 5 });

  let events = [];
  for (let i = 0; i < 60; i++) {
    events = await collector.events();
    if (events.length >= 7) break;
    await page.clock.runFor(2_000);
    await new Promise((r) => setTimeout(r, 250));
  }
  const byId = Object.fromEntries(events.map((e) => [e.id, e]));
  expect(Object.keys(byId).sort()).toEqual([...ids, fast, fine].sort());
  expect(ids.slice(0, 4).map((id) => byId[id].suspect)).toEqual([undefined, undefined, undefined, undefined]);
  expect(byId[ids[4]].suspect).toBe('burst');
  expect(byId[fast].suspect).toBe('too-fast');
  expect(Date.parse(byId[fast].data.finished_at) - Date.parse(byId[fast].data.started_at)).toBeLessThan(2_000);
  expect(byId[fine].suspect).toBeUndefined();
  expect(byId[ids[4]].data.scores.nps).toBe(0); // nothing dropped or changed

  const sum = await collector.summary();
  expect(sum.total).toBe(7);
  expect(sum.suspect_excluded).toBe(2);
  expect(sum.suspect_included).toBe(false);
  const tp = sum.per_touchpoint['exit-kiosk-1'];
  expect(tp.responses).toBe(5);
  expect(tp.nps).toBeCloseTo((1 - 4) * 100 / 5, 6); // 4 detractors, 1 promoter
  const all = await (await fetch(`${collector.url}/api/summary?include_suspect=true`, { headers: { Authorization: `Bearer ${collector.adminToken}` } })).json();
  expect([all.suspect_excluded, all.suspect_included, all.per_touchpoint['exit-kiosk-1'].responses]).toEqual([0, true, 7]);

  await openStaff(page);
  await expectTally(page, 'en', handCount([...Array(4).fill({ nps: 0, csat: 1 }), { nps: 10, csat: 5 }], 0, { 11: 5 }), 2);
  w.check();
});
