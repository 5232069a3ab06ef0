#!/usr/bin/env node
// A small static file server for the release build (dist/), with no dependencies.
//
//   node scripts/serve.mjs [--dist DIR] [--port 8080] [--host 127.0.0.1] [--fixtures DIR]
//
// With --fixtures, `/fixture/NAME/…` serves the same app but answers `config.json` with
// FIXTURES/NAME.json (404 if there is none), so tests can start the real build against a
// broken config over real HTTP.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => {
    if (a.startsWith('--')) acc.push([a.slice(2), all[i + 1]]);
    return acc;
  }, []),
);
const root = resolve(args.dist ?? 'dist');
const fixtures = args.fixtures ? resolve(args.fixtures) : null;
const port = Number(args.port ?? process.env.PORT ?? 8080);
const host = args.host ?? '127.0.0.1';

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webmanifest': 'application/manifest+json',
};

/** Resolves a URL path inside `base`, refusing anything that climbs out of it or does not
 * decode (`/%` is a 400, not a crash). */
function inside(base, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const p = normalize(join(base, decoded));
  return p === base || p.startsWith(base + sep) ? p : null;
}

/** The Content-Security-Policy of each page of the build (the `<meta>` that scripts/build.sh
 * writes into index.html and app.html: each page's own inline-script hashes), sent as a
 * header too, with what only a header can say. */
async function policy(file) {
  try {
    const html = await readFile(file, 'utf8');
    const m = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)"/);
    return m ? `${m[1].replace(/&#39;|&apos;/g, "'")}; frame-ancestors 'none'` : null;
  } catch {
    return null;
  }
}
const policies = new Map();
for (const page of ['index.html', 'app.html']) policies.set(join(root, page), await policy(join(root, page)));

async function send(res, file, status = 200) {
  try {
    let f = file;
    if ((await stat(f)).isDirectory()) f = join(f, 'index.html');
    const body = await readFile(f);
    const headers = {
      'Content-Type': types[extname(f)] ?? 'application/octet-stream',
      // Hashed assets may be cached for ever; index.html, config.json, sw.js and the
      // manifest must revalidate.
      'Cache-Control': /-[0-9a-f]{12,}(_bg)?\./.test(f) ? 'public, max-age=31536000, immutable' : 'no-cache',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    };
    const csp = policies.get(f);
    if (csp) headers['Content-Security-Policy'] = csp;
    res.writeHead(status, headers);
    res.end(body);
  } catch {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('not found\n');
  }
}

const server = createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  let path = url.pathname;
  const m = fixtures && path.match(/^\/fixture\/([a-z0-9-]+)(\/.*)?$/);
  if (m) {
    const rest = m[2] ?? '/';
    if (rest === '/config.json') return send(res, join(fixtures, `${m[1]}.json`));
    path = rest;
  }
  const file = inside(root, path);
  if (!file) {
    res.writeHead(400);
    return res.end();
  }
  return send(res, file);
});

server.on('error', (e) => {
  console.error(`serve: cannot listen on ${host}:${port}: ${e.message}`);
  process.exit(1);
});
server.listen(port, host, () => {
  console.log(`StoreVoice is served at http://${host}:${port}/  (files: ${root})`);
});
