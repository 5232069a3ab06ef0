// A/B start-up comparison for development: alternates two served builds run by run, so both
// see the same machine load. Not part of the budgets (scripts/bench.sh uses startup.mjs).
//   node tests/e2e/bench/ab.mjs http://127.0.0.1:4599/ http://127.0.0.1:4597/ 15
import { TARGETS, coldPage, launch, loadUntilShown } from './cold-load.mjs';
const [a, b, n = '15'] = process.argv.slice(2);
const browser = await launch();
async function once(base, { path, selector }) {
  const { context, page } = await coldPage(browser);
  const { inDom } = await loadUntilShown(page, new URL(path, base).href, selector);
  await context.close();
  return inDom;
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
