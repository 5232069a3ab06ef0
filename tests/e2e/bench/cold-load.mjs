// What every start-up measurement shares: a cold load (fresh context, CPU slowed 4x, HTTP
// cache off, as in issue #14's method) and the moment the target is in the DOM and painted.
import { chromium } from '@playwright/test';
import { chromiumArgs } from '../playwright.config.mjs';

/** What a customer waits for: the home screen's journey buttons, and (a QR code that opens
 * the questionnaire) the first answer option of the first question. */
export const TARGETS = {
  home: { path: '', selector: 'a.journey' },
  first_question: { path: '?journey=survey', selector: 'main [role="radiogroup"] input, main [role="radiogroup"] [role="radio"]' },
};

export const launch = () => chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });

/** A page in a fresh context with the CPU slowed 4x and the HTTP cache off. */
export async function coldPage(browser) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  return { context, page, cdp };
}

/** Opens `url` and resolves to `{ inDom, painted }` (ms since navigation) for `selector`.
 * The page reports the moment by a console message: nothing of Playwright's own (its
 * injected scripts for waitForFunction or locators, ~60 ms of main thread at 4x) runs in
 * the page until the target is in the DOM, so the measurement does not slow the load.
 * "Painted" is the next animation frame, then a task after it. */
export async function loadUntilShown(page, url, selector) {
  await page.addInitScript((sel) => {
    new MutationObserver((_, obs) => {
      if (!document.querySelector(sel)) return;
      obs.disconnect();
      const inDom = performance.now();
      requestAnimationFrame(() => setTimeout(() => console.debug(`storevoice-bench-shown ${inDom} ${performance.now()}`)));
    }).observe(document, { childList: true, subtree: true });
  }, selector);
  const shown = page.waitForEvent('console', { predicate: (m) => m.text().startsWith('storevoice-bench-shown '), timeout: 30_000 });
  await page.goto(url, { waitUntil: 'commit' });
  const [, inDom, painted] = (await shown).text().split(' ').map(Number);
  return { inDom, painted };
}
