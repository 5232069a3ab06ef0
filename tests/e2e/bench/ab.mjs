// A/B start-up comparison for development: alternates two served builds run by run, so both
// see the same machine load. Not part of the budgets (scripts/bench.sh uses startup.mjs).
//   node tests/e2e/bench/ab.mjs http://127.0.0.1:4599/ http://127.0.0.1:4597/ 15
import { chromium } from '@playwright/test';
import { chromiumArgs } from '../playwright.config.mjs';
const [a, b, n = '15'] = process.argv.slice(2);
const TARGETS = {
  home: { path: '', selector: 'a.journey' },
  first_question: { path: '?journey=survey', selector: 'main [role="radiogroup"] input, main [role="radiogroup"] [role="radio"]' },
};
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
async function once(base, { path, selector }) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await page.addInitScript((sel) => {
    new MutationObserver((_, obs) => { if (document.querySelector(sel)) { console.debug(`shown ${performance.now()}`); obs.disconnect(); } })
      .observe(document, { childList: true, subtree: true });
  }, selector);
  const shown = page.waitForEvent('console', { predicate: (m) => m.text().startsWith('shown '), timeout: 30_000 });
  await page.goto(new URL(path, base).href, { waitUntil: 'commit' });
  const t = Number((await shown).text().split(' ')[1]);
  await context.close();
  return t;
}
const res = { A: { home: [], first_question: [] }, B: { home: [], first_question: [] } };
for (let i = 0; i < Number(n); i++) {
  for (const [k, t] of Object.entries(TARGETS)) {
    const order = i % 2 ? [['B', b], ['A', a]] : [['A', a], ['B', b]];
    for (const [name, base] of order) res[name][k].push(await once(base, t));
  }
}
await browser.close();
const med = (xs) => { const s = [...xs].sort((x, y) => x - y); return Math.round(s[Math.floor(s.length / 2)]); };
for (const k of Object.keys(TARGETS)) console.log(`${k}: A ${med(res.A[k])} ms, B ${med(res.B[k])} ms (median of ${n})`);
