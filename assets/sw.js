// StoreVoice service worker: keeps the app shell (index.html and app.html, the hashed JS, wasm and CSS,
// the wasm-bindgen snippets, the logo and the manifest) in a versioned cache, so a kiosk
// that restarts while the store's network is down still starts.
//
// What it does not do, on purpose:
// - It never sends answers: the page's single sender is the only sender (src/outbox/).
// - It does not touch config.json: the page fetches it from the network and keeps the last
//   config that passed validation itself (src/web/config_source.rs), because only the app
//   can tell a good config from a bad one.
// - It never takes over by itself: a new version waits until the page says so, which it
//   does only between customers (src/web/app_update.js).
//
// scripts/postbuild.mjs writes the real VERSION and SHELL into dist/sw.js.
const VERSION = 'dev';
const SHELL = [];
const CACHE = `storevoice-shell-${VERSION}`;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(SHELL.map((p) => new Request(p, { cache: 'reload' })))));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('storevoice-shell-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('message', (event) => {
  if (event.data === 'storevoice:activate-update') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  const scope = new URL(self.registration.scope);
  if (!url.pathname.startsWith(scope.pathname)) return;
  const rel = url.pathname.slice(scope.pathname.length);
  if (req.mode === 'navigate' || rel === '' || rel === 'index.html' || rel === 'app.html') {
    // The page itself, whatever its launch parameters: this version's page, so the page
    // and its hashed files always match; the network only when it is not cached yet.
    // app.html is the full app (the light index.html hands over to it: src/web/handover.rs).
    // By the last segment, so a page under a mistyped sub-path never redirects to itself.
    const page = rel.split('/').pop() === 'app.html' && SHELL.includes('app.html') ? 'app.html' : 'index.html';
    event.respondWith(caches.open(CACHE).then((c) => c.match(page)).then((hit) => hit ?? fetch(req)));
    return;
  }
  if (rel === 'manifest.webmanifest') {
    event.respondWith(manifest(url));
    return;
  }
  if (!SHELL.includes(rel)) return;
  // Hashed files never change under their name: the cache answers first.
  event.respondWith(caches.open(CACHE).then((c) => c.match(rel)).then((hit) => hit ?? fetch(req)));
});

/** The manifest with a start URL that keeps this device's launch parameters (the page asks
 * for `manifest.webmanifest?launch=<its query>`), so a tablet installed as an app opens as
 * the same touchpoint, language and mode. Only the known parameters pass. */
async function manifest(url) {
  const cached = await caches.open(CACHE).then((c) => c.match('manifest.webmanifest'));
  const m = await (cached ?? (await fetch('manifest.webmanifest'))).json();
  const launch = new URLSearchParams(url.searchParams.get('launch') ?? '');
  const keep = new URLSearchParams();
  for (const k of ['touchpoint', 'lang', 'mode', 'journey']) {
    const v = launch.get(k);
    if (v && /^[A-Za-z0-9_-]{1,64}$/.test(v)) keep.set(k, v);
  }
  const q = keep.toString();
  m.start_url = q ? `./?${q}` : './';
  return new Response(JSON.stringify(m), { headers: { 'Content-Type': 'application/manifest+json' } });
}
