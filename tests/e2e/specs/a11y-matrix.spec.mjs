// Keep it proven (issue #13): every screen state × 3 languages × 2 modes × phone and kiosk
// sizes, checked with axe-core (WCAG 2.2 A/AA; AAA contrast too in large-text mode), for
// sideways scrolling at 320 px wide, for target sizes (44×44 px standard, 64×64 px large), and
// in large text for floor-plan labels at least as big as the body text, none cut at its edge.
//
// One page per (language, mode, size) walks the states in sequence, so the matrix stays fast.
// Exceptions, documented: an inline link inside running text (WCAG 2.5.8's "inline"
// exception) is not measured; the skip link is measured (it is a target once focused).
import { test, expect } from '@playwright/test';
import { axeViolations, SHOTS } from './helpers.mjs';

const LANGS = ['zh-Hans', 'zh-Hant', 'en'];
const MODES = ['standard', 'large'];
const SIZES = { phone: { width: 390, height: 844 }, kiosk: { width: 1920, height: 1080 } };
const NARROW = 320;
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
// Screens to look at by eye: large text on a phone, in Chinese and English.
const SHOOT = (lang, mode, size) => mode === 'large' && size === 'phone' && (lang === 'zh-Hans' || lang === 'en');

/** Controls smaller than `min` px either way, described for the report. */
function smallTargets(min) {
  const inRunningText = (a) => {
    const block = a.closest('p, li, dd');
    return block !== null && block.textContent.trim().length > a.textContent.trim().length + 10;
  };
  const out = [];
  for (const el of document.querySelectorAll('button, a[href], input:not([type=hidden]), [role=radio], label[for]')) {
    if (el.matches('label[for]')) {
      const t = document.getElementById(el.htmlFor);
      if (!t || t.type !== 'checkbox') continue;
    }
    if (el.closest('.visually-hidden')) continue;
    const cs = getComputedStyle(el);
    if (cs.display === 'none' || cs.visibility === 'hidden') continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if (el.tagName === 'A' && inRunningText(el)) continue;
    if (r.width < min - 0.5 || r.height < min - 0.5) {
      const name = (el.getAttribute('aria-label') || el.textContent || el.id || el.className).trim().slice(0, 30);
      out.push(`${el.tagName.toLowerCase()}.${String(el.className).split(' ')[0]} "${name}" ${r.width.toFixed(1)}×${r.height.toFixed(1)}`);
    }
  }
  return out;
}

/** Sideways scrolling, elements beyond the viewport, and floor-plan labels cut at its edge. */
function overflow() {
  const se = document.scrollingElement;
  const out = [];
  if (se.scrollWidth > se.clientWidth) out.push(`page scrolls sideways by ${se.scrollWidth - se.clientWidth} px`);
  const w = document.documentElement.clientWidth;
  for (const el of document.body.querySelectorAll('*')) {
    // Inside an <svg> is clipped to it (its labels are checked below).
    if (el.closest('.visually-hidden') || el.closest('svg')) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    if (r.right > w + 0.5 || r.left < -0.5) {
      out.push(`${el.tagName.toLowerCase()}.${String(el.className.baseVal ?? el.className).split(' ')[0]} "${(el.textContent || '').trim().slice(0, 20)}" ${r.left.toFixed(0)}–${r.right.toFixed(0)}`);
    }
  }
  for (const svg of document.querySelectorAll('svg.floor-plan')) {
    const box = svg.getBoundingClientRect();
    for (const t of svg.querySelectorAll('text')) {
      const r = t.getBoundingClientRect();
      if (r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5) {
        out.push(`plan label "${t.textContent}" cut at the plan's edge`);
      }
    }
  }
  return out.slice(0, 8);
}

/** Large text: floor-plan labels drawn smaller than the body text. */
function smallPlanLabels() {
  const body = parseFloat(getComputedStyle(document.body).fontSize);
  const out = [];
  for (const svg of document.querySelectorAll('svg.floor-plan')) {
    // The viewBox fills the content box (inside the border).
    const scale = svg.clientWidth / svg.viewBox.baseVal.width;
    for (const t of svg.querySelectorAll('text')) {
      const px = parseFloat(t.getAttribute('font-size')) * scale;
      if (!(px >= body - 0.1)) out.push(`plan label "${t.textContent}" is ${px.toFixed(1)} px, body text ${body} px`);
    }
  }
  return out;
}

for (const lang of LANGS) {
  for (const mode of MODES) {
    for (const [size, viewport] of Object.entries(SIZES)) {
      test(`${lang} ${mode} ${size}: every screen state`, async ({ page }) => {
        test.setTimeout(120_000);
        await page.setViewportSize(viewport);
        // The Playwright clock: "a second later" is made, not waited for.
        await page.clock.install();
        // The sample config posts to 127.0.0.1:8080; nothing here is about delivery.
        await page.route('http://127.0.0.1:8080/**', (r) => r.abort());
        const large = mode === 'large';
        const min = large ? 64 : 44;
        const problems = [];
        const heading = page.locator('h1');

        async function check(state) {
          await page.evaluate(() => document.fonts.ready);
          const v = await axeViolations(page, TAGS, large ? ['color-contrast-enhanced'] : []);
          for (const x of v) problems.push(`${state}: axe ${x.id} ${x.help}: ${x.nodes.join(' | ')}`);
          for (const x of await page.evaluate(smallTargets, min)) problems.push(`${state}: small target ${x}`);
          if (large) for (const x of await page.evaluate(smallPlanLabels)) problems.push(`${state}: ${x}`);
          if (SHOOT(lang, mode, size)) await page.screenshot({ path: `${SHOTS}/matrix-${lang}-${mode}-390-${state}.png`, fullPage: true });
          if (size === 'phone') {
            await page.setViewportSize({ width: NARROW, height: viewport.height });
            for (const x of await page.evaluate(overflow)) problems.push(`${state} at ${NARROW} px: ${x}`);
            for (const x of await page.evaluate(smallTargets, min)) problems.push(`${state} at ${NARROW} px: small target ${x}`);
            if (large) for (const x of await page.evaluate(smallPlanLabels)) problems.push(`${state} at ${NARROW} px: ${x}`);
            if (SHOOT(lang, mode, size)) await page.screenshot({ path: `${SHOTS}/matrix-${lang}-${mode}-320-${state}.png`, fullPage: true });
            await page.setViewportSize(viewport);
          } else {
            for (const x of await page.evaluate(overflow)) problems.push(`${state}: ${x}`);
          }
        }
        const go = (hash) => page.evaluate((h) => { location.hash = h; }, hash);
        const next = () => page.locator('.action-bar .next').click();

        await page.goto(`/?lang=${lang}&mode=${mode}&touchpoint=exit-kiosk-1`);
        await expect(page.locator('.journeys')).toBeVisible();
        await expect(page.locator('html')).toHaveAttribute('data-mode', mode);
        await check('home');

        // Rate your visit: every question type, the "required" and "other" errors.
        await go('#/survey');
        await expect(page.locator('.nps')).toBeVisible();
        await check('survey-nps');
        await next();
        await expect(page.locator('.issue')).toBeVisible();
        await check('survey-required-error');
        const first = await heading.textContent();
        await page.getByRole('radio', { name: '3', exact: true }).click();
        if (large) {
          // Large text: the pick waits for Next (a mis-tap can be undone).
          await page.clock.runFor(1000);
          await expect(heading).toHaveText(first);
          await expect(page.getByRole('radio', { name: '3', exact: true })).toBeChecked();
          await check('survey-nps-picked');
          await next();
        }
        await expect(page.locator('input[type=checkbox]').first()).toBeVisible();
        await check('survey-multiple-choice');
        await page.locator('.options input[type=checkbox]').first().check();
        await page.locator('.options input[type=checkbox]').last().check();
        await next();
        await expect(page.locator('.issue')).toBeVisible();
        await check('survey-other-error');
        await page.locator('.options input[type=text], .options textarea').first().fill('x');
        await next();
        await expect(page.locator('.csat')).toBeVisible();
        await check('survey-csat');
        await page.locator('.csat input').nth(1).click();
        if (large) await next();
        await expect(page.locator('.csi')).toBeVisible();
        for (const g of await page.locator('.csi [role=radiogroup]').all()) await g.getByRole('radio').nth(2).click();
        await check('survey-csi');
        await next();
        await expect(page.locator('textarea')).toBeVisible();
        await check('survey-free-text');
        await next();
        await expect(page.locator('.thank-you')).toBeVisible();
        await check('survey-thank-you');

        // Suggestion box: empty send (errors), consent open, then sent with its reference.
        await go('#/feedback');
        await expect(page.locator('.feedback-form')).toBeVisible();
        await check('feedback');
        await page.locator('.feedback .next').click();
        await expect(page.locator('#feedback-issues')).toBeVisible();
        await check('feedback-errors');
        await page.locator('#fb-consent').check();
        await expect(page.locator('.contact-fields')).toBeVisible();
        await check('feedback-consent');
        await page.locator('#fb-consent').uncheck();
        await page.locator('.kinds input').first().check();
        await page.locator('input[name=fb-category]').first().check();
        await page.locator('#fb-text').fill('More benches near the lifts');
        await page.locator('.feedback .next').click();
        await expect(page.locator('.reference')).toBeVisible();
        await check('feedback-thank-you');

        // Find your way: search, results, a route across floors, the step-free one.
        await go('#/wayfinding');
        await expect(page.locator('#wf-search')).toBeVisible();
        await check('wayfinding-search');
        await page.locator('#wf-search').fill('cafe');
        await expect(page.locator('.result').first()).toBeVisible();
        await check('wayfinding-results');
        await page.locator('.result').first().click();
        await expect(page.locator('.floor-plan')).toBeVisible();
        await check(large ? 'wayfinding-route-step-free' : 'wayfinding-route');
        await page.locator('.step-free-toggle').click();
        await expect(page.locator('.step-free-toggle')).toHaveAttribute('aria-pressed', large ? 'false' : 'true');
        await check(large ? 'wayfinding-route' : 'wayfinding-route-step-free');
        await page.locator('.floor-tab:not([aria-pressed=true])').first().click();
        await check('wayfinding-route-other-floor');

        await go('#/staff');
        await expect(page.locator('#staff-pin')).toBeVisible();
        await check('staff-entry');
        await go('#/no-such-screen');
        await expect(page.locator('.not-found')).toBeVisible();
        await check('not-found');

        // A device that never had a good config (the sample's was kept above).
        await page.evaluate(() => localStorage.clear());
        await page.goto(`/fixture/several-problems/?lang=${lang}&mode=${mode}`);
        await expect(page.locator('.config-error')).toBeVisible();
        await expect(page.locator('html')).toHaveAttribute('data-mode', mode);
        await expect(page.locator('html')).toHaveAttribute('lang', lang);
        await check('config-error');

        expect(problems, `${lang} ${mode} ${size}`).toEqual([]);
      });
    }
  }
}
