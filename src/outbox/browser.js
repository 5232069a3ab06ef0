// Thin promise wrappers over IndexedDB for the outbox (src/outbox/idb.rs decides; this only
// talks to the browser). Every write uses a transaction with durability "strict" and
// resolves only when the transaction has completed, i.e. the data is on disk.

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
export async function putPendingWithContact(db, entry, contactJson) {
  try {
    if (!canEncrypt()) throw 'NotSupportedError: WebCrypto is not available (the page is not a secure context)';
    const key = await contactKey(db);
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const sealed = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, new TextEncoder().encode(contactJson));
    const tx = strictTx(db, ['pending', 'contacts']);
    tx.objectStore('pending').put({ ...entry, has_contact: true });
    tx.objectStore('contacts').put({ id: entry.id, iv, sealed });
    await done(tx);
  } catch (e) {
    throw typeof e === 'string' ? e : describe(e);
  }
}

/** Decrypted contact details (JSON text) for these ids, as [id, json] pairs. */
export async function loadContacts(db, ids) {
  try {
    const store = db.transaction(['contacts'], 'readonly').objectStore('contacts');
    const rows = await Promise.all(ids.map((id) => reqPromise(store.get(id))));
    const key = rows.some(Boolean) ? await contactKey(db) : null;
    const out = [];
    for (const row of rows) {
      if (!row) continue;
      const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: row.iv }, key, row.sealed);
      out.push([row.id, new TextDecoder().decode(plain)]);
    }
    return out;
  } catch (e) {
    throw describe(e);
  }
}

function reqPromise(req) {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function describe(e) {
  if (!e) return 'UnknownError';
  return e.name ? `${e.name}: ${e.message}` : String(e);
}

export function openDb(name) {
  return new Promise((resolve, reject) => {
    let req;
    try {
      req = indexedDB.open(name, SCHEMA_VERSION);
    } catch (e) {
      reject(describe(e));
      return;
    }
    req.onupgradeneeded = (ev) => {
      try {
        upgrade(req.result, req.transaction, ev.oldVersion);
      } catch (e) {
        req.transaction.abort();
        reject(describe(e));
      }
    };
    req.onsuccess = () => {
      const db = req.result;
      // Another tab upgrading the schema: step aside instead of blocking it.
      db.onversionchange = () => db.close();
      resolve(db);
    };
    req.onerror = () => reject(describe(req.error));
    req.onblocked = () => {};
  });
}

function strictTx(db, stores) {
  return db.transaction(stores, 'readwrite', { durability: 'strict' });
}

function done(tx) {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(describe(tx.error));
    tx.onabort = () => reject(describe(tx.error ?? new DOMException('aborted', 'AbortError')));
  });
}

export async function putPending(db, entry) {
  try {
    const tx = strictTx(db, ['pending']);
    tx.objectStore('pending').put(entry);
    await done(tx);
  } catch (e) {
    throw typeof e === 'string' ? e : describe(e);
  }
}

/** The oldest `limit` pending entries. */
export async function peekPending(db, limit) {
  try {
    const tx = db.transaction(['pending'], 'readonly');
    const index = tx.objectStore('pending').index('queued_at');
    return await reqPromise(index.getAll(null, limit));
  } catch (e) {
    throw describe(e);
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
    throw typeof e === 'string' ? e : describe(e);
  }
}

/** Moves entries from pending to rejected in one transaction. */
export async function rejectPending(db, entries) {
  try {
    const tx = strictTx(db, ['pending', 'rejected']);
    for (const e of entries) {
      tx.objectStore('rejected').put(e);
      tx.objectStore('pending').delete(e.id);
    }
    await done(tx);
  } catch (e) {
    throw typeof e === 'string' ? e : describe(e);
  }
}

export async function count(db, store) {
  try {
    return await reqPromise(db.transaction([store], 'readonly').objectStore(store).count());
  } catch (e) {
    throw describe(e);
  }
}

export async function getAll(db, store) {
  try {
    return await reqPromise(db.transaction([store], 'readonly').objectStore(store).getAll());
  } catch (e) {
    throw describe(e);
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
 * are not secure contexts), a lease in localStorage renewed every second stands in; if two
 * tabs ever overlap, the endpoint's de-duplication by event id still stores each once.
 */
export function becomeSender(name) {
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
  return new Promise((resolve) => {
    const tryTake = () => {
      const lease = read();
      if (!lease || lease.until < Date.now() || lease.owner === me) {
        try { localStorage.setItem(key, JSON.stringify({ owner: me, until: Date.now() + 3000 })); } catch { /* full */ }
        setTimeout(() => {
          const again = read();
          if (again && again.owner === me) {
            setInterval(() => {
              try { localStorage.setItem(key, JSON.stringify({ owner: me, until: Date.now() + 3000 })); } catch { /* full */ }
            }, 1000);
            addEventListener('pagehide', () => { try { localStorage.removeItem(key); } catch { /* */ } });
            resolve('lease');
          } else {
            setTimeout(tryTake, 1000);
          }
        }, 150);
      } else {
        setTimeout(tryTake, 1000);
      }
    };
    tryTake();
  });
}

/**
 * POSTs a CloudEvents batch. Resolves to { status, body, retryAfter } once the whole body
 * has been read; a connection that fails before that (offline, reset, cut-off body)
 * resolves to { status: 0 } — a 2xx whose body never arrived is not an acknowledgement.
 */
export async function postBatch(url, body, token, keepalive) {
  const headers = { 'Content-Type': 'application/cloudevents-batch+json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  try {
    const resp = await fetch(url, { method: 'POST', headers, body, keepalive, cache: 'no-store', credentials: 'omit' });
    const text = await resp.text();
    return { status: resp.status, body: text, retryAfter: resp.headers.get('Retry-After') };
  } catch (e) {
    return { status: 0, body: describe(e), retryAfter: null };
  }
}
