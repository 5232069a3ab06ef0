// The page's side of the service worker (assets/sw.js): registering it, and letting a new
// version take over only when the app says so — between customers on a shared device.
// JS because it is a handful of promise callbacks on navigator.serviceWorker; what to do
// and when is decided in Rust (src/web/app_update.rs, src/app/hooks/mod.rs).

let registration = null;

/** Registers the worker; resolves true when registered. Not available on plain-http pages. */
export async function register(url) {
  try {
    if (!('serviceWorker' in navigator) || !window.isSecureContext) return false;
    registration = await navigator.serviceWorker.register(url, { scope: './', updateViaCache: 'none' });
    return true;
  } catch (e) {
    return false;
  }
}

/** Asks the server for a newer worker in the background (it installs, then waits). */
export function checkForUpdate() {
  if (registration) registration.update().catch(() => {});
}

/** Lets a waiting new version take over, then reloads into it; false when there is none. */
export function applyUpdate() {
  const waiting = registration && registration.waiting;
  if (!waiting || !navigator.serviceWorker.controller) return false;
  // Reload once the new version controls this page; its own 'activated' state is a second
  // signal, for a browser that is slow to report the controller change.
  let reloading = false;
  const reload = () => {
    if (reloading) return;
    reloading = true;
    location.reload();
  };
  navigator.serviceWorker.addEventListener('controllerchange', reload, { once: true });
  waiting.addEventListener('statechange', () => { if (waiting.state === 'activated') reload(); });
  waiting.postMessage('storevoice:activate-update');
  return true;
}

/** Points the manifest at this launch's parameters, so an installed app opens the same way. */
export function setManifestLaunch(query) {
  const link = document.querySelector('link[rel="manifest"]');
  if (link) link.href = `manifest.webmanifest?launch=${encodeURIComponent(query)}`;
}
