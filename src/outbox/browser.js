// The outbox's browser mechanism: IndexedDB, WebCrypto, Web Locks, fetch. src/outbox/idb.rs
// and sender.rs decide (what to write, when, what an error means); this file only talks to
// the browser, with the timings it is given.
//
// Why this part is JavaScript and not Rust through web-sys:
// - IndexedDB is request/transaction callbacks (onsuccess, oncomplete, onabort, and the
//   schema upgrade, which must run synchronously inside onupgradeneeded). Each callback
//   from Rust is a wasm-bindgen Closure plus web-sys bindings, all of it in the wasm; here it
//   is a few lines of JS that cost the wasm nothing.
// - `durability: 'strict'` (IdbTransactionOptions) and Web Locks (`navigator.locks`) are
//   unstable in web-sys 0.3.107 (they need `--cfg=web_sys_unstable_apis`).
// - The contact key is a non-extractable CryptoKey kept in IndexedDB by structured clone;
//   it never crosses into wasm, so no script can read it out, Rust included.
// - `fetch(…, {keepalive: true})` started inside `pagehide` needs no more glue here.
//
// Every storage function rejects with a plain `{name, message}` object (`name` being the
// DOMException name, or 'UnknownError'); src/outbox/error.rs maps it to a typed error once.
// Every write uses a transaction with durability "strict" and resolves only when the
// transaction has completed, i.e. the data is on disk.

export const SCHEMA_VERSION = 3;

// Schema history. v1: "pending" (keyPath id). v2: adds "rejected" (keyPath id) and an index
// on pending.queued_at so the oldest records go first. v3: adds "contacts" (a record's
// contact details, AES-GCM encrypted, keyPath id) and "keys" (the non-extractable key).
function upgrade(db, tx, oldVersion) {
  if (oldVersion < 1) {
    db.createObjectStore('pending', { keyPath: 'id' });
  }
  if (oldVersion < 2) {
    db.createObjectStore('rejected', { keyPath: 'id' });
    tx.objectStore('pending').createIndex('queued_at', 'queued_at');
  }
  if (oldVersion < 3) {
    db.createObjectStore('contacts', { keyPath: 'id' });
    db.createObjectStore('keys');
  }
}

// ---- Contact details: encrypted at rest with a key no script can read out --------------

/** Whether contact details can be kept (WebCrypto needs a secure context: https or localhost). */
export function canEncrypt() {
  return !!(globalThis.crypto && crypto.subtle);
}

async function contactKey(db) {
  const existing = await reqPromise(db.transaction(['keys'], 'readonly').objectStore('keys').get('contact-key'));
  if (existing) return existing;
  const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
  const tx = strictTx(db, ['keys']);
  // add() fails if another tab stored one first: then use that one.
  tx.objectStore('keys').add(key, 'contact-key');
  try {
    await done(tx);
    return key;
  } catch {
    return reqPromise(db.transaction(['keys'], 'readonly').objectStore('keys').get('contact-key'));
  }
}

/** Queues a record whose contact details (JSON text) are stored apart, encrypted. */
export async function putPendingWithContact(db, id, event, queuedAt, contactJson) {
  try {
    const entry = { id, event, queued_at: queuedAt };
    if (!canEncrypt()) throw new DOMException('WebCrypto is not available (the page is not a secure context)', 'NotSupportedError');
    const key = await contactKey(db);
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const sealed = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, new TextEncoder().encode(contactJson));
    const tx = strictTx(db, ['pending', 'contacts']);
    tx.objectStore('pending').put({ ...entry, has_contact: true });
    tx.objectStore('contacts').put({ id: entry.id, iv, sealed });
    await done(tx);
  } catch (e) {
    throw failure(e);
  }
}

/**
 * The contact details of these ids, as [id, json] pairs: `json` is the decrypted JSON text, or
 * null when the record's contact details cannot be read any more (no row, the key is gone,
 * the row is damaged: AES-GCM refuses it). Rows are decrypted one by one, so one unreadable
 * row never holds back the others. Only a failure to read the database itself rejects.
 */
export async function loadContacts(db, ids) {
  let rows;
  let key = null;
  try {
    const store = db.transaction(['contacts'], 'readonly').objectStore('contacts');
    rows = await Promise.all(ids.map((id) => reqPromise(store.get(id))));
    if (rows.some(Boolean)) key = await contactKey(db);
  } catch (e) {
    throw failure(e);
  }
  const out = [];
  for (let i = 0; i < ids.length; i++) {
    const row = rows[i];
    let json = null;
    if (row) {
      try {
        const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: row.iv }, key, row.sealed);
        json = new TextDecoder().decode(plain);
      } catch {
        json = null; // damaged or sealed with a key that is gone: permanently unreadable
      }
    }
    out.push([ids[i], json]);
  }
  return out;
}

function reqPromise(req) {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** Any thrown value as the `{name, message}` every storage function rejects with. */
function failure(e) {
  if (e && typeof e === 'object' && typeof e.name === 'string') {
    return { name: e.name, message: String(e.message ?? '') };
  }
  return { name: 'UnknownError', message: String(e ?? '') };
}

/** Opens (creating or upgrading) the outbox database in `factory`, the page's `indexedDB` if none. */
export function openDb(name, factory) {
  return new Promise((resolve, reject) => {
    let req;
    try {
      req = (factory ?? indexedDB).open(name, SCHEMA_VERSION);
    } catch (e) {
      reject(failure(e));
      return;
    }
    req.onupgradeneeded = (ev) => {
      try {
        upgrade(req.result, req.transaction, ev.oldVersion);
      } catch (e) {
        req.transaction.abort();
        reject(failure(e));
      }
    };
    req.onsuccess = () => {
      const db = req.result;
      // Another tab upgrading the schema: step aside instead of blocking it.
      db.onversionchange = () => db.close();
      resolve(db);
    };
    req.onerror = () => reject(failure(req.error));
    req.onblocked = () => {};
  });
}

function strictTx(db, stores) {
  return db.transaction(stores, 'readwrite', { durability: 'strict' });
}

function done(tx) {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = (ev) => reject(tx.error ?? ev.target?.error);
    tx.onabort = () => reject(tx.error ?? new DOMException('aborted', 'AbortError'));
  });
}

/** Queues a record: `{id, event, queued_at}` in "pending". */
export async function putPending(db, id, event, queuedAt) {
  try {
    const entry = { id, event, queued_at: queuedAt };
    const tx = strictTx(db, ['pending']);
    tx.objectStore('pending').put(entry);
    await done(tx);
  } catch (e) {
    throw failure(e);
  }
}

/** The oldest `limit` pending entries. */
export async function peekPending(db, limit) {
  try {
    const tx = db.transaction(['pending'], 'readonly');
    const index = tx.objectStore('pending').index('queued_at');
    return await reqPromise(index.getAll(null, limit));
  } catch (e) {
    throw failure(e);
  }
}

/** Deletes acknowledged records, and their contact details, in one transaction. */
export async function deletePending(db, ids) {
  try {
    const tx = strictTx(db, ['pending', 'contacts']);
    const store = tx.objectStore('pending');
    const contacts = tx.objectStore('contacts');
    for (const id of ids) {
      store.delete(id);
      contacts.delete(id);
    }
    await done(tx);
  } catch (e) {
    throw failure(e);
  }
}

/**
 * An entry of "rejected": the pending entry with the endpoint's answer. `had_contact` records
 * that the customer left contact details (deleted with the refusal), so a record sent again
 * says they were lost instead of arriving as if none were given.
 */
export function rejectedEntry(id, event, queuedAt, status, response, rejectedAt, hadContact) {
  return { id, event, queued_at: queuedAt, status, response, rejected_at: rejectedAt, had_contact: hadContact };
}

/**
 * Moves entries (made by `rejectedEntry`) from pending to rejected in one transaction, and
 * deletes their contact details: a refused record is kept for staff without them.
 */
export async function rejectPending(db, entries) {
  try {
    const tx = strictTx(db, ['pending', 'rejected', 'contacts']);
    for (const e of entries) {
      tx.objectStore('rejected').put(e);
      tx.objectStore('pending').delete(e.id);
      tx.objectStore('contacts').delete(e.id);
    }
    await done(tx);
  } catch (e) {
    throw failure(e);
  }
}

export async function count(db, store) {
  try {
    return await reqPromise(db.transaction([store], 'readonly').objectStore(store).count());
  } catch (e) {
    throw failure(e);
  }
}

/** Every key (record id) in `store`. */
export async function keys(db, store) {
  try {
    return await reqPromise(db.transaction([store], 'readonly').objectStore(store).getAllKeys());
  } catch (e) {
    throw failure(e);
  }
}

/** Every pending entry, oldest first (by the queued_at index), for the export. */
export async function allPending(db) {
  try {
    return await reqPromise(db.transaction(['pending'], 'readonly').objectStore('pending').index('queued_at').getAll());
  } catch (e) {
    throw failure(e);
  }
}

/** Every refused entry, most recently refused first, for staff. */
export async function allRejected(db) {
  try {
    const all = await reqPromise(db.transaction(['rejected'], 'readonly').objectStore('rejected').getAll());
    return all.sort((a, b) => (b.rejected_at ?? 0) - (a.rejected_at ?? 0));
  } catch (e) {
    throw failure(e);
  }
}

/**
 * "Send again": moves refused entries (these ids, or every one when `ids` is null) back to
 * "pending" in ONE strict transaction, keeping each record's id (the endpoint's
 * de-duplication still holds) and its first queued_at (it keeps its place in the queue).
 * Their contact details were deleted when they were refused; one that had some is marked
 * `has_contact` with no row left, so it is sent as `contact_unreadable`. Resolves to
 * how many were moved (an id another tab already moved is skipped).
 */
export async function requeueRejected(db, ids) {
  try {
    const tx = strictTx(db, ['rejected', 'pending']);
    const rejected = tx.objectStore('rejected');
    const pending = tx.objectStore('pending');
    let moved = 0;
    const move = (r) => {
      if (!r || typeof r.id !== 'string' || typeof r.event !== 'string') return;
      // `has_contact` without a contacts row: the sender marks it `contact_unreadable`.
      const entry = { id: r.id, event: r.event, queued_at: typeof r.queued_at === 'number' ? r.queued_at : Date.now() };
      if (r.had_contact === true) entry.has_contact = true;
      pending.put(entry);
      rejected.delete(r.id);
      moved++;
    };
    if (ids === null || ids === undefined) {
      const all = rejected.getAll();
      all.onsuccess = () => { for (const r of all.result) move(r); };
    } else {
      for (const id of ids) {
        const one = rejected.get(id);
        one.onsuccess = () => move(one.result);
      }
    }
    await done(tx);
    return moved;
  } catch (e) {
    throw failure(e);
  }
}

/** `navigator.storage.estimate()` as {usage, quota}, or null where it is not available. */
export async function storageEstimate() {
  try {
    if (!navigator.storage || !navigator.storage.estimate) return null;
    const e = await navigator.storage.estimate();
    return { usage: e.usage ?? null, quota: e.quota ?? null };
  } catch {
    return null;
  }
}

/** Whether the browser has granted persistent storage (`navigator.storage.persisted()`). */
export async function storagePersisted() {
  try {
    if (!navigator.storage || !navigator.storage.persisted) return null;
    return await navigator.storage.persisted();
  } catch {
    return null;
  }
}

export function closeDb(db) {
  db.close();
}

/** Asks the browser to keep this origin's storage under pressure; resolves to a boolean. */
export async function persistStorage() {
  try {
    if (!navigator.storage || !navigator.storage.persist) return false;
    if (await navigator.storage.persisted()) return true;
    return await navigator.storage.persist();
  } catch (e) {
    return false;
  }
}

// ---- Sending: one tab at a time --------------------------------------------------------

/**
 * Resolves once this tab is the outbox's only sender. With the Web Locks API the lock is
 * held until the tab closes (a killed tab releases it too). Without it (plain-http pages
 * are not secure contexts), a lease in localStorage stands in, with the timings given by
 * src/outbox/sender.rs: a lease lasts `leaseMs` and is renewed every `renewMs`; a tab that
 * wrote the lease waits `settleMs` and takes it only if it is still its own; a tab that did
 * not get it looks again every `retryMs`. If two tabs ever overlap, the endpoint's
 * de-duplication by event id still stores each once.
 */
export function becomeSender(name, leaseMs, renewMs, settleMs, retryMs) {
  if (navigator.locks && navigator.locks.request) {
    return new Promise((resolve) => {
      navigator.locks.request(name, () => {
        resolve('lock');
        return new Promise(() => {}); // hold for the life of the page
      });
    });
  }
  const me = `${Date.now()}-${Math.random()}`;
  const key = `${name}:lease`;
  const read = () => {
    try { return JSON.parse(localStorage.getItem(key) ?? 'null'); } catch { return null; }
  };
  const write = () => {
    try { localStorage.setItem(key, JSON.stringify({ owner: me, until: Date.now() + leaseMs })); } catch { /* full */ }
  };
  return new Promise((resolve) => {
    const tryTake = () => {
      const lease = read();
      if (!lease || lease.until < Date.now() || lease.owner === me) {
        write();
        setTimeout(() => {
          const again = read();
          if (again && again.owner === me) {
            setInterval(write, renewMs);
            addEventListener('pagehide', () => { try { localStorage.removeItem(key); } catch { /* */ } });
            resolve('lease');
          } else {
            setTimeout(tryTake, retryMs);
          }
        }, settleMs);
      } else {
        setTimeout(tryTake, retryMs);
      }
    };
    tryTake();
  });
}

/**
 * POSTs CloudEvents (a batch, or one structured-mode event: `contentType` says which). Resolves to { status, body, retryAfter, redirected } once the
 * whole body has been read; a connection that fails before that (offline, reset, cut-off
 * body) resolves to { status: 0 } — a 2xx whose body never arrived is not an acknowledgement.
 * Redirects are not followed (`redirect: 'manual'`): a proxy's or sign-in page's 302 would
 * otherwise end in that page's 200 with nothing stored. A redirect resolves to
 * { redirected: true } (status 0 for the opaque redirect fetch reports), never to a 2xx.
 */
export async function postEvents(url, body, contentType, token, keepalive, timeoutMs) {
  const headers = { 'Content-Type': contentType };
  if (token) headers.Authorization = `Bearer ${token}`;
  // No answer (headers and body) within timeoutMs: abandoned, and reported as no answer.
  // A page timer, not AbortSignal.timeout, so the tests' clock can move it.
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(new DOMException(`no answer within ${timeoutMs / 1000} s`, 'TimeoutError')), timeoutMs);
  try {
    const resp = await fetch(url, { method: 'POST', headers, body, keepalive, cache: 'no-store', credentials: 'omit', redirect: 'manual', signal: abort.signal });
    if (resp.type === 'opaqueredirect' || resp.redirected || (resp.status >= 300 && resp.status < 400)) {
      return { status: resp.status, body: `redirected (HTTP ${resp.status || '3xx'}); redirects are not followed`, retryAfter: null, redirected: true };
    }
    const text = await resp.text();
    return { status: resp.status, body: text, retryAfter: resp.headers.get('Retry-After'), redirected: false };
  } catch (e) {
    const f = failure(e);
    return { status: 0, body: `${f.name}: ${f.message}`, retryAfter: null, redirected: false };
  } finally {
    clearTimeout(timer);
  }
}
