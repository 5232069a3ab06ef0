// Development aid (not a benchmark with budgets): CPU profiles of N cold loads at 4x CPU,
// self and inclusive time by function, averaged; FOCUS=<regex> DEPTH=n prints what the
// matching functions call. Wasm function names need a build that keeps them: copy dist/ and
// replace its wasm with `wasm-opt -Oz -g <index.html's --enable-… flags>
// target/wasm-bindgen/release/storevoice_bg.wasm`, drop the integrity attributes from the
// copy's index.html, and serve the copy with scripts/serve.mjs.
//   node tests/e2e/bench/profile-once.mjs 'http://127.0.0.1:4598/?journey=survey' 3
import { TARGETS, coldPage, launch, loadUntilShown } from './cold-load.mjs';
const url = process.argv[2];
const browser = await launch();
const agg = new Map(); const tot = new Map();
let shownSum = 0; const profiles = []; const N = Number(process.argv[3] ?? 3);
for (let run = 0; run < N; run++) {
const { context, page, cdp } = await coldPage(browser);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
await page.goto('about:blank');
await cdp.send('Profiler.start');
shownSum += (await loadUntilShown(page, url, Object.values(TARGETS).map((t) => t.selector).join(', '))).inDom;
const { profile } = await cdp.send('Profiler.stop');
profiles.push(profile);
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const dt = profile.timeDeltas; const counts = new Map();
profile.samples.forEach((id, i) => counts.set(id, (counts.get(id) ?? 0) + (dt[i + 1] ?? 0)));
for (const [id, us] of counts) {
  const n = byId.get(id); const name = n.callFrame.functionName || `(${n.callFrame.url.split('/').pop()})`;
  agg.set(name, (agg.get(name) ?? 0) + us);
  // inclusive: walk up
  const seen = new Set(); let cur = id;
  while (cur !== undefined) { const m = byId.get(cur); const nm = m.callFrame.functionName || '(anon)'; if (!seen.has(nm)) { seen.add(nm); tot.set(nm, (tot.get(nm) ?? 0) + us); } cur = parent.get(cur); }
}
await context.close();
}
console.log('shown avg', Math.round(shownSum / N));
console.log('--- self ms (avg)');
for (const [k, v] of [...agg].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log((v / 1000 / N).toFixed(1).padStart(7), k.slice(0, 110));
console.log('--- inclusive ms (avg)');
for (const [k, v] of [...tot].sort((a, b) => b[1] - a[1]).slice(0, 60)) console.log((v / 1000 / N).toFixed(1).padStart(7), k.slice(0, 110));
await browser.close();

// Children (inclusive) of functions matching FOCUS, aggregated over runs.
if (process.env.FOCUS) {
  const re = new RegExp(process.env.FOCUS); const kids = new Map();
  for (const profile of profiles) {
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const incl = new Map();
    const dt = profile.timeDeltas; const self = new Map();
    profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (dt[i + 1] ?? 0)));
    const total = (id) => { if (incl.has(id)) return incl.get(id); const n = byId.get(id); let t = self.get(id) ?? 0; for (const c of n.children ?? []) t += total(c); incl.set(id, t); return t; };
    const walk = (id, depth, inFocus) => { const n = byId.get(id); const nm = n.callFrame.functionName; 
      if (inFocus && depth <= Number(process.env.DEPTH ?? 2)) { const k = '  '.repeat(depth - 1) + nm.slice(0, 120); kids.set(k, (kids.get(k) ?? 0) + total(id)); }
      const f = inFocus || re.test(nm);
      for (const c of n.children ?? []) walk(c, f ? (inFocus ? depth + 1 : 1) : 0, f); };
    walk(profile.nodes[0].id, 0, false);
  }
  console.log('--- under', process.env.FOCUS);
  for (const [k, v] of [...kids].filter(([, v]) => v / 1000 / N > 1).sort((a, b) => b[1] - a[1])) console.log((v / 1000 / N).toFixed(1).padStart(7), k);
}
