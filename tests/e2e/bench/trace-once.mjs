// Development aid (not a benchmark with budgets): one cold load at 4x CPU with a Chromium
// trace, printing resource timings, main-thread events longer than MIN ms (TID to pick a
// thread) and the main thread's busy time by event until the screen is in the DOM. The trace
// itself is kept in /tmp/prof/trace.json (open it in chrome://tracing or Perfetto).
//   node tests/e2e/bench/trace-once.mjs 'http://127.0.0.1:4599/?journey=survey'
// CATS=comma,separated,categories changes what is traced.
import { mkdirSync, writeFileSync } from 'node:fs';
import { TARGETS, coldPage, launch, loadUntilShown } from './cold-load.mjs';
const url = process.argv[2];
const browser = await launch();
const { page } = await coldPage(browser);
await browser.startTracing(page, { categories: (process.env.CATS ?? 'devtools.timeline,blink.user_timing,loading,v8.wasm,disabled-by-default-devtools.timeline').split(',') });
const { inDom: shown } = await loadUntilShown(page, url, Object.values(TARGETS).map((t) => t.selector).join(', '));
const res = await page.evaluate(() => performance.getEntriesByType('resource').map((r) => [r.name.split('/').pop().slice(0, 40), Math.round(r.startTime), Math.round(r.responseEnd)]));
const nav = await page.evaluate(() => { const n = performance.getEntriesByType('navigation')[0]; return { respEnd: Math.round(n.responseEnd), dcl: Math.round(n.domContentLoadedEventEnd) }; });
const buf = await browser.stopTracing();
mkdirSync('/tmp/prof', { recursive: true });
writeFileSync('/tmp/prof/trace.json', buf);
console.log('shown', Math.round(shown), nav);
for (const r of res) console.log(r.join('\t'));
const t = JSON.parse(buf.toString());
const evs = t.traceEvents ?? t;
const navStart = evs.find((e) => e.name === 'navigationStart' || e.name === 'NavigationStart');
const t0 = navStart ? navStart.ts : Math.min(...evs.filter((e) => e.ts).map((e) => e.ts));
const main = evs.filter((e) => e.ph === 'X' && e.dur > (Number(process.env.MIN ?? 8)) * 1000 && (!process.env.TID || String(e.tid) === process.env.TID));
main.sort((a, b) => a.ts - b.ts);
for (const e of main) console.log(((e.ts - t0) / 1000).toFixed(0).padStart(6), (e.dur / 1000).toFixed(1).padStart(7), e.tid, e.name, JSON.stringify(e.args?.data?.url ?? e.args?.data?.functionName ?? '').slice(0, 60));
await browser.close();
// Main-thread budget up to `shown`: busy time by the first named event inside each task.
{
  const mainTid = evs.find((e) => e.name === 'ParseHTML')?.tid;
  const shownTs = t0 + shown * 1000; // approx: trace t0 ~ navigation start
  const mine = evs.filter((e) => e.tid === mainTid && e.ph === 'X' && e.ts >= t0 && e.ts < shownTs).sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const tasks = mine.filter((e) => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask');
  let busy = 0; const by = new Map();
  for (const task of tasks) {
    busy += task.dur;
    const inner = mine.filter((e) => e !== task && e.ts >= task.ts && e.ts + e.dur <= task.ts + task.dur);
    // top-level children only
    const top = []; let end = 0;
    for (const e of inner) { if (e.ts >= end) { top.push(e); end = e.ts + e.dur; } }
    let covered = 0;
    for (const e of top) { by.set(e.name, (by.get(e.name) ?? 0) + e.dur); covered += e.dur; }
    by.set('(task other)', (by.get('(task other)') ?? 0) + task.dur - covered);
  }
  console.log(`main thread busy ${(busy / 1000).toFixed(0)} ms of ${shown.toFixed(0)} ms`);
  for (const [k, v] of [...by].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log((v / 1000).toFixed(1).padStart(7), k);
}
// V8 compiles wasm functions lazily, on the main thread, at their first call: how much of
// each start-up phase (the app's User Timing marks) went to that.
{
  const lazy = evs.filter((e) => e.name === 'wasm.CompileLazy');
  const mark = (n) => evs.find((e) => e.name === n)?.ts;
  const edges = [['navigation', t0], ['storevoice:main', mark('storevoice:main')], ['storevoice:config-text', mark('storevoice:config-text')],
    ['storevoice:config-ready', mark('storevoice:config-ready')], ['shown', t0 + shown * 1000]].filter(([, ts]) => ts !== undefined);
  const sum = (a, b) => lazy.filter((e) => e.ts >= a && e.ts < b).reduce((s, e) => [s[0] + 1, s[1] + e.dur / 1000], [0, 0]);
  const [n, ms] = sum(t0, t0 + shown * 1000);
  console.log(`wasm lazy compilation on the main thread before the screen: ${n} functions, ${ms.toFixed(1)} ms`);
  for (let i = 1; i < edges.length; i++) {
    const [c, m] = sum(edges[i - 1][1], edges[i][1]);
    console.log(`  ${edges[i - 1][0]} → ${edges[i][0]}: ${((edges[i][1] - edges[i - 1][1]) / 1000).toFixed(0)} ms, of which lazy compilation ${m.toFixed(1)} ms (${c} functions)`);
  }
}
