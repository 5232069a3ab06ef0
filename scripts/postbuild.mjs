#!/usr/bin/env node
// After `trunk build`: gives dist/ what Trunk cannot.
//  0. In each page (index.html, app.html): a script at the top of <head> that starts the
//     downloads of config.json and the wasm (and compiles it) before the page is parsed.
//  1. A Content-Security-Policy <meta> in each page: scripts only from this origin plus the
//     hash of Trunk's inline loader, 'wasm-unsafe-eval' for WebAssembly, no inline styles,
//     connect-src for this origin and the configured endpoint (read from dist/config.json).
//     scripts/serve.mjs and the collector send the same policy as a header, with
//     frame-ancestors (which only a header can carry).
//  2. dist/sw.js with the list of app-shell files to precache and a version derived from
//     their contents, so a new build is a new service worker and an unchanged one is not.
//
//   node scripts/postbuild.mjs [DIST]
//
// Safe to run again on a deployed folder, e.g. after replacing dist/config.json with one whose
// endpoint is on another origin: the policy and the worker's list are rewritten.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const dist = process.argv[2] ?? 'dist';
const fail = (msg) => { console.error(`[postbuild] error: ${msg}`); process.exit(1); };

// The pages: index.html, the light build (home and questionnaire), and app.html, the full
// app (scripts/build.sh; a dist/ from an older build has index.html only).
const pages = ['index.html', 'app.html'].filter((p) => existsSync(join(dist, p)));
if (!pages.includes('index.html')) fail(`no index.html in ${dist}`);

// A link to a screen only the full app has (an old poster's `?journey=feedback`, a bookmark
// of `#/wayfinding`) goes to app.html before the light page downloads anything. The light
// app hands over by itself too (src/web/handover.rs), for a journey known only from the config.
const toFullPage = existsSync(join(dist, 'app.html'))
  ? `try{if(/[?&]journey=(feedback|wayfinding)(&|$)/.test(location.search)||/^#\\/(feedback|wayfinding|staff)([/?]|$)/.test(location.hash)){window.__storevoiceAway=true;location.replace("app.html"+location.search+location.hash)}}catch(e){}`
  : '';

// connect-src, the same for every page: this origin and the configured endpoint.
let endpoint = null;
try {
  endpoint = new URL(JSON.parse(readFileSync(join(dist, 'config.json'), 'utf8')).endpoint.url);
} catch (e) {
  console.warn(`[postbuild] no endpoint in dist/config.json (${e.message}): connect-src is 'self' only`);
}
const connect = ["'self'"];
if (endpoint) {
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(endpoint.hostname);
  // A loopback endpoint is a development or test set-up: any loopback port may be used.
  if (loopback) connect.push('http://127.0.0.1:*', 'http://localhost:*'); // CSP has no syntax for [::1]
  else connect.push(endpoint.origin);
}

// Our JS snippets (src/**/*.js, which wasm-bindgen copies to dist/snippets/) and the CSS without their
// comments and indentation: a third of what the first screen downloads of them (issue #14).
// Line-wise, which is safe for these files: no string spans lines, and a line that starts with
// `//` or a `/**` block is a comment. Trunk's integrity hashes for them are renewed to match.
const integrityOf = (buf) => `sha384-${createHash('sha384').update(buf).digest('base64')}`;
const renewed = new Map();
const snippetFiles = (dir) => (existsSync(dir) ? readdirSync(dir).flatMap((n) => {
  const p = join(dir, n);
  return statSync(p).isDirectory() ? snippetFiles(p) : p.endsWith('.js') ? [p] : [];
}) : []);
const compact = (text, lineComments) => {
  let inBlock = false;
  const kept = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (inBlock) { inBlock = !line.includes('*/'); continue; }
    if (line.startsWith('/*')) { inBlock = !line.includes('*/'); continue; }
    if (line === '' || (lineComments && line.startsWith('//'))) continue;
    kept.push(line);
  }
  return kept.join('\n') + '\n';
};
// The stylesheet too (styles/main.css: no string holds a comment or spans lines); a comment
// at the end of a declaration line stays.
// And wasm-bindgen's glue (storevoice-*.js: its only multi-line literals are comments).
const cssFiles = readdirSync(dist).filter((n) => n.endsWith('.css')).map((n) => join(dist, n));
const glue = readdirSync(dist).filter((n) => /^storevoice-[0-9a-f]+\.js$/.test(n)).map((n) => join(dist, n));
for (const path of [...snippetFiles(join(dist, 'snippets')), ...cssFiles, ...glue]) {
  const before = readFileSync(path);
  const after = Buffer.from(compact(before.toString('utf8'), path.endsWith('.js')));
  if (after.equals(before)) continue;
  writeFileSync(path, after);
  renewed.set(integrityOf(before), integrityOf(after));
}

for (const page of pages) {
  const path = join(dist, page);
  let html = readFileSync(path, 'utf8');
  for (const [old, now] of renewed) html = html.split(old).join(now);
  writeFileSync(path, rewritePage(page, html));
}

/** Steps 0 and 1 for one page. */
function rewritePage(page, html) {
  // --- 0. Compile the wasm while the page is still being parsed -------------------------------
  // Trunk's loader is a module script, which runs only after the whole page is parsed, styled
  // and first painted (~100 ms of main thread at 4x slow-down); only then does the wasm start
  // to compile. A classic script at the top of <head> starts WebAssembly.compileStreaming on the
  // download at once (in place of Trunk's preload link), and the loader instantiates the compiled module. If early
  // compilation is impossible or fails, the loader fetches and compiles as Trunk would.
  const wasmPreload = html.match(/<link rel="preload" href="(\.\/[^"]+_bg\.wasm)" crossorigin="anonymous" integrity="([^"]+)"[^>]*>/);
  const loader = html.match(/const wasm = await init\(\{ module_or_path: '([^']+_bg\.wasm)' \}\);/);
  if (html.includes('window.__storevoiceWasm')) {
    // already rewritten (postbuild run again on a deployed folder)
  } else if (wasmPreload && loader && wasmPreload[1] === loader[1]) {
    const [, wasmUrl, integrity] = wasmPreload;
    // config.json too: its text is read here, so the app takes it in one step
    // (src/web/config_source.rs; the app fetches it itself when this is missing).
    const early = `<script>` + (page === 'index.html' ? toFullPage : '') +
      `if(!window.__storevoiceAway){` +
      `try{window.__storevoiceConfig=fetch("config.json").then(function(r){return r.text().then(function(t){return{status:r.status,ok:r.ok,text:t}})})["catch"](function(e){return{error:String(e)}})}catch(e){}` +
      `try{if(typeof WebAssembly.compileStreaming==="function"){window.__storevoiceWasm=WebAssembly.compileStreaming(fetch(${JSON.stringify(wasmUrl)},{integrity:${JSON.stringify(integrity)}}));window.__storevoiceWasm["catch"](function(){})}}catch(e){}` +
      `}</script>`;
    html = html.replace(/(<meta charset="utf-8"\s*\/?>)/, `$1\n    ${early}`);
    // The early fetches are the downloads; preloads of the same files would be second ones.
    html = html.replace(wasmPreload[0], '');
    html = html.replace(/\n\s*<!--(?:(?!-->)[\s\S])*-->\s*\n(\s*)<link rel="preload" href="config.json" as="fetch" crossorigin \/>/, '\n$1<!-- config.json: fetched by the script at the top of <head> -->');
    if (html.includes('<link rel="preload" href="config.json"')) fail(`could not replace the config.json preload of ${page}`);
    html = html.replace(loader[0],
      // An old link the early script sent to app.html: this page starts nothing meanwhile.
      `if (window.__storevoiceAway) await new Promise(() => {});\n` +
      `const early = window.__storevoiceWasm ? await window.__storevoiceWasm.catch(() => null) : null;\n` +
      // The fallback keeps the integrity check; wasm-bindgen takes a Response promise as well
      // (and compiles from its bytes when the server's MIME type rules out streaming).
      `const wasm = await init({ module_or_path: early ?? fetch('${loader[1]}', { integrity: '${integrity}' }) });`);
  } else {
    fail(`Trunk's wasm preload or loader line in ${page} has changed: update step 0 of scripts/postbuild.mjs`);
  }

  // Trunk preloads every snippet of the crate; a page preloads only those its glue imports
  // (the light page has no staff-mode snippet).
  const glue = html.match(/<link rel="modulepreload" href="\.\/([^"]+\.js)"/);
  if (glue && !glue[1].startsWith('snippets/')) {
    const code = readFileSync(join(dist, glue[1]), 'utf8');
    html = html.replace(/\n?\s*<link rel="modulepreload" href="\.\/(snippets\/[^"]+)"[^>]*>/g, (m, snippet) => (code.includes(snippet) ? m : ''));
  }

  // --- 1. Content-Security-Policy ------------------------------------------------------------
  html = html.replace(/\n\s*<meta http-equiv="Content-Security-Policy" content="[^"]*" \/>/, '');
  const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
  const hashes = inline.map((s) => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`);

  const csp = [
    "default-src 'self'",
    `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(' ')}`.trim(),
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src ${connect.join(' ')}`,
    "manifest-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  html = html.replace(/(<meta charset="utf-8"\s*\/?>)/, `$1\n    <meta http-equiv="Content-Security-Policy" content="${csp}" />`);
  if (!html.includes('Content-Security-Policy')) fail('could not place the CSP meta after <meta charset>');
  return html;
}

// --- 2. The service worker's precache list and version -------------------------------------
const files = [];
(function walk(dir) {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else files.push(relative(dist, p).split(sep).join('/'));
  }
})(dist);
// config.json is fetched fresh at every start (the page keeps the last good one); sw.js is
// the worker itself.
const shell = files.filter((f) => f !== 'sw.js' && f !== 'config.json');
const h = createHash('sha256');
for (const f of shell) h.update(f).update('\0').update(readFileSync(join(dist, f)));
const version = h.digest('hex').slice(0, 16);
const swPath = join(dist, 'sw.js');
let sw = readFileSync(swPath, 'utf8');
sw = sw.replace(/const VERSION = '[^']*';/, `const VERSION = '${version}';`).replace(/const SHELL = \[[^\]]*\];/, `const SHELL = ${JSON.stringify(shell)};`);
if (!sw.includes(`const VERSION = '${version}';`)) fail('dist/sw.js has no VERSION/SHELL lines to fill in');
writeFileSync(swPath, sw);
console.log(`[postbuild] ${pages.join(', ')}: early downloads and CSP; service worker ${version} precaches ${shell.length} files`);
