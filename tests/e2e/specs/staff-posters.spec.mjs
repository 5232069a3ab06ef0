// Staff QR posters: one per touchpoint and journey it offers, each holding the exact link
// that launches it on a phone. Checked the way a printer and a phone see them: print media,
// a real PDF (page count and paper size per page), and each poster's QR code decoded from
// its pixels under print emulation.
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeQr, expectNoAxeViolations, signIn, watchConsole } from './helpers.mjs';

const SAMPLE = JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'assets', 'config.json'), 'utf8'));
const JOURNEYS = ['survey', 'feedback', 'wayfinding'];
/** [touchpoint id, journey] of every poster, in the config's order. */
const EXPECTED = SAMPLE.touchpoints.flatMap((t) => JOURNEYS.filter((j) => !t.journeys || t.journeys.includes(j)).map((j) => [t.id, j]));
const CALLS = {
  survey: ['扫码评价您的购物体验', '掃碼評價您的購物體驗', 'Scan to rate your visit'],
  feedback: ['扫码给我们提意见', '掃碼給我們提意見', 'Scan to leave a suggestion'],
  wayfinding: ['扫码查找店内位置', '掃碼查找店內位置', 'Scan to find your way'],
};

/** Pages of a PDF with their MediaBox size in points (Chromium writes them uncompressed). */
function pdfPages(buf) {
  const text = buf.toString('latin1');
  const pages = [...text.matchAll(/\/Type\s*\/Page\b(?!s)/g)].length;
  const boxes = [...text.matchAll(/\/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]/g)]
    .map((m) => [Number(m[3]) - Number(m[1]), Number(m[4]) - Number(m[2])]);
  return { pages, boxes };
}
const A4 = [595.3, 841.9];
const A5 = [419.5, 595.3];
const near = ([w, h], [ew, eh]) => Math.abs(w - ew) < 3 && Math.abs(h - eh) < 3;
/** The printable width of each paper at 96 px per inch (page width less the CSS margins). */
const PRINT_WIDTH = { a4: Math.floor((210 - 24) * 96 / 25.4), a5: Math.floor((148 - 20) * 96 / 25.4) };

/** Under print media at the paper's printable width, no poster's content is cut off. */
async function expectNothingClipped(page, paper) {
  await page.setViewportSize({ width: PRINT_WIDTH[paper], height: 900 });
  const clipped = await page.locator('.poster').evaluateAll((els) =>
    els.filter((el) => el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1).map((el) => `${el.dataset.link}: ${el.scrollHeight - el.clientHeight} px too tall`));
  expect(clipped, `posters cut off on ${paper}`).toEqual([]);
}

/** A poster's link: the questionnaire on the light page (the app's folder), the other
 *  journeys on the full app, app.html (issue #14's split; `route::page_of`). */
const posterLink = (base, tp, j) => `${base}${j === 'survey' ? '' : 'app.html'}?touchpoint=${tp}&journey=${j}&via=qr`;

async function openPosters(page, baseURL, langButton) {
  await page.addInitScript(() => {
    // A recorder in place of the print dialog (headless has no printer to show).
    window.__printed = 0;
    window.print = () => { window.__printed += 1; };
  });
  await page.goto('/#/staff');
  if (langButton) await page.getByRole('button', { name: langButton, exact: true }).click();
  await signIn(page);
  await page.locator('[data-action="show-posters"]').click();
  await expect(page.locator('.poster')).toHaveCount(EXPECTED.length);
  return `${baseURL}/`;
}

for (const L of [
  { name: 'zh-Hans', button: null, show: '显示海报', print: '打印', survey: '评价本次购物', label: '二维码：一楼正门出口的评价本次购物' },
  { name: 'English', button: 'English', show: 'Show posters', print: 'Print', survey: 'Rate your visit', label: 'QR code: Rate your visit at Main exit, 1F' },
]) {
  test(`posters in ${L.name}: exact launch links, print shows only posters, A4 and A5 PDFs`, async ({ page, baseURL }) => {
    test.setTimeout(90_000);
    const w = watchConsole(page);
    await page.setViewportSize({ width: 1024, height: 900 });
    const base = await openPosters(page, baseURL, L.button);
    await expect(page.getByRole('button', { name: L.print })).toBeVisible();

    // Every poster: its link, its three language lines, the store's name.
    const posters = page.locator('.poster');
    for (let i = 0; i < EXPECTED.length; i++) {
      const [tp, j] = EXPECTED[i];
      const p = posters.nth(i);
      const link = posterLink(base, tp, j);
      await expect(p).toHaveAttribute('data-link', link);
      await expect(p.locator('.poster-link')).toHaveText(link);
      const lines = p.locator('.poster-calls li');
      await expect(lines).toHaveText(CALLS[j]);
      for (const [k, tag] of ['zh-Hans', 'zh-Hant', 'en'].entries()) await expect(lines.nth(k)).toHaveAttribute('lang', tag);
    }
    await expect(posters.first().locator('.poster-store')).toContainText(L.name === 'English' ? 'Lanting' : '兰亭百货');
    await expect(posters.first().getByRole('img', { name: L.label })).toBeVisible();
    await expect(posters.first().locator('.poster-head')).toHaveCSS('background-color', 'rgb(179, 38, 30)');
    await expectNoAxeViolations(page, `posters ${L.name}`);
    await page.screenshot({ path: `/tmp/shots-poster/posters-screen-${L.name}.png`, fullPage: false });

    await page.getByRole('button', { name: L.print }).click();
    expect(await page.evaluate(() => window.__printed)).toBe(1);

    // Print: no header, footer, buttons or other staff panels; each QR decodes to its link.
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('.topbar')).toBeHidden();
    await expect(page.locator('.footer')).toBeHidden();
    await expect(page.locator('button:visible')).toHaveCount(0);
    await expect(page.locator('h1')).toBeHidden();
    await expect(page.locator('[data-field="pending"]')).toBeHidden();
    for (let i = 0; i < EXPECTED.length; i++) {
      const [tp, j] = EXPECTED[i];
      const qr = posters.nth(i).locator('.qr');
      await qr.scrollIntoViewIfNeeded();
      expect(await decodeQr(qr), `poster ${tp}/${j}`).toBe(posterLink(base, tp, j));
    }
    await posters.first().screenshot({ path: `/tmp/shots-poster/poster-print-a4-${L.name}.png` });
    await expectNothingClipped(page, 'a4');
    await posters.first().screenshot({ path: `/tmp/shots-poster/poster-print-a4-paper-${L.name}.png` });

    const a4 = pdfPages(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
    expect(a4.pages, 'one A4 page per poster').toBe(EXPECTED.length);
    expect(a4.boxes.length).toBe(EXPECTED.length);
    for (const b of a4.boxes) expect(near(b, A4), `A4 page size ${b}`).toBe(true);

    // A5: choose it on screen, print again.
    await page.emulateMedia({ media: 'screen' });
    await page.getByRole('radio', { name: 'A5', exact: true }).check();
    await expect(page.locator('.poster-sheet')).toHaveAttribute('data-paper', 'a5');
    await page.emulateMedia({ media: 'print' });
    const a5 = pdfPages(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
    expect(a5.pages, 'one A5 page per poster').toBe(EXPECTED.length);
    for (const b of a5.boxes) expect(near(b, A5), `A5 page size ${b}`).toBe(true);
    const last = EXPECTED.length - 1;
    const qr = posters.nth(last).locator('.qr');
    await qr.scrollIntoViewIfNeeded();
    expect(await decodeQr(qr)).toBe(posterLink(base, ...EXPECTED[last]));
    await posters.nth(last).screenshot({ path: `/tmp/shots-poster/poster-print-a5-${L.name}.png` });
    await expectNothingClipped(page, 'a5');
    await posters.nth(last).screenshot({ path: `/tmp/shots-poster/poster-print-a5-paper-${L.name}.png` });
    w.check();
  });
}

test('a poster link really launches its touchpoint and journey on a phone', async ({ page, baseURL }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const [tp, j] = EXPECTED.find(([t, jj]) => t === 'checkout-3' && jj === 'feedback');
  await page.goto(`${baseURL}/?touchpoint=${tp}&journey=${j}&via=qr`);
  await expect(page).toHaveURL(/#\/feedback$/);
  await expect(page.locator('.footer-touchpoint')).toContainText('3 号收银台');
});

test('posters stay behind the PIN', async ({ page }) => {
  await page.goto('/#/staff');
  await expect(page.locator('#staff-pin')).toBeVisible();
  await expect(page.locator('.poster')).toHaveCount(0);
  await expect(page.locator('[data-action="show-posters"]')).toHaveCount(0);
});

test('poster screen in large mode on a kiosk and a phone', async ({ page }) => {
  for (const [w, h, name] of [[1920, 1080, 'kiosk'], [390, 844, 'phone']]) {
    await page.setViewportSize({ width: w, height: h });
    await page.goto('about:blank');
    await page.goto('/?mode=large&lang=en#/staff');
    await signIn(page);
    await page.locator('[data-action="show-posters"]').click();
    await expect(page.locator('.poster')).toHaveCount(EXPECTED.length);
    await page.locator('.posters-panel').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `/tmp/shots-poster/posters-large-${name}.png` });
    const over = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(over, 'horizontal overflow').toBeLessThanOrEqual(0);
  }
});
