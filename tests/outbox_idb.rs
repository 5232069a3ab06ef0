//! The durable outbox in real IndexedDB (headless Chromium): put, peek, acknowledge,
//! reject; data surviving a closed and reopened database; the upgrade from schema v1; and
//! the browser's refusals arriving as typed errors.
#![cfg(target_arch = "wasm32")]

use storevoice::outbox::idb::{Counts, Db, Pending, Rejected};
use storevoice::outbox::StorageErrorKind;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen(inline_js = r#"
export function makeV1(name, records) {
  return new Promise((resolve, reject) => {
    const del = indexedDB.deleteDatabase(name);
    del.onsuccess = del.onerror = () => {
      const req = indexedDB.open(name, 1);
      req.onupgradeneeded = () => req.result.createObjectStore('pending', { keyPath: 'id' });
      req.onsuccess = () => {
        const db = req.result;
        const tx = db.transaction(['pending'], 'readwrite');
        for (const r of records) tx.objectStore('pending').put(r);
        tx.oncomplete = () => { db.close(); resolve(); };
        tx.onerror = () => reject(tx.error);
      };
      req.onerror = () => reject(req.error);
    };
  });
}
export function deleteDb(name) {
  return new Promise((resolve) => {
    const del = indexedDB.deleteDatabase(name);
    del.onsuccess = del.onerror = del.onblocked = () => resolve();
  });
}
export async function tinyBucket(name, quota) {
  if (!navigator.storageBuckets) return null;
  try { await navigator.storageBuckets.delete(name); } catch { /* none yet */ }
  const bucket = await navigator.storageBuckets.open(name, { quota, persisted: false });
  return bucket.indexedDB;
}
export function dbVersion(name) {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(name);
    req.onsuccess = () => { const v = req.result.version; const s = [...req.result.objectStoreNames]; req.result.close(); resolve([v, s.join(',')]); };
    req.onerror = () => reject(req.error);
  });
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = makeV1)]
    fn make_v1(name: &str, records: &js_sys::Array) -> js_sys::Promise;
    #[wasm_bindgen(js_name = deleteDb)]
    fn delete_db(name: &str) -> js_sys::Promise;
    #[wasm_bindgen(js_name = tinyBucket, catch)]
    fn tiny_bucket(name: &str, quota: f64) -> Result<js_sys::Promise, JsValue>;
    #[wasm_bindgen(js_name = dbVersion)]
    fn db_version(name: &str) -> js_sys::Promise;
}

fn pending(id: &str, at: f64) -> Pending {
    Pending { id: id.into(), event: format!("{{\"id\":\"{id}\",\"data\":{{}}}}"), queued_at: at, has_contact: false }
}

async fn fresh(name: &str) -> Db {
    let _ = JsFuture::from(delete_db(name)).await;
    Db::open(name).await.expect("open")
}

#[wasm_bindgen_test]
async fn put_peek_acknowledge_reject() {
    let db = fresh("t-basic").await;
    for (i, id) in ["c", "a", "b", "d"].iter().enumerate() {
        db.put(&pending(id, 100.0 + i as f64)).await.expect("put");
    }
    // oldest first, limited
    let two = db.peek(2).await.expect("peek");
    assert_eq!(two.iter().map(|p| p.id.as_str()).collect::<Vec<_>>(), vec!["c", "a"]);
    assert_eq!(two[0], pending("c", 100.0));

    // putting the same id again replaces, never duplicates
    db.put(&pending("a", 101.0)).await.expect("put again");
    assert_eq!(db.count("pending").await.expect("count"), 4);
    assert_eq!(db.counts().await.expect("counts"), Counts { pending: 4, rejected: 0 });

    db.acknowledge(&["c".into(), "a".into()]).await.expect("ack");
    assert_eq!(db.ids("pending").await.expect("ids"), vec!["b", "d"]);

    let r = Rejected { pending: pending("b", 102.0), status: 400, body: "{\"problems\":[]}".into() };
    db.reject(&[r]).await.expect("reject");
    assert_eq!(db.ids("pending").await.expect("ids"), vec!["d"]);
    assert_eq!(db.ids("rejected").await.expect("ids"), vec!["b"]);
    assert_eq!(db.counts().await.expect("counts"), Counts { pending: 1, rejected: 1 });
    db.close();
}

#[wasm_bindgen_test]
async fn records_survive_closing_and_reopening() {
    let db = fresh("t-reopen").await;
    db.put(&pending("keep-1", 1.0)).await.expect("put");
    db.put(&pending("keep-2", 2.0)).await.expect("put");
    db.close();
    let again = Db::open("t-reopen").await.expect("reopen");
    assert_eq!(again.peek(10).await.expect("peek"), vec![pending("keep-1", 1.0), pending("keep-2", 2.0)]);
    again.close();
}

#[wasm_bindgen_test]
async fn upgrades_a_version_1_database_keeping_its_records() {
    let name = "t-upgrade";
    let old = js_sys::Array::new();
    for (id, at) in [("old-1", 5.0), ("old-2", 3.0)] {
        let o = js_sys::Object::new();
        js_sys::Reflect::set(&o, &"id".into(), &id.into()).expect("set");
        js_sys::Reflect::set(&o, &"event".into(), &format!("{{\"id\":\"{id}\",\"data\":{{}}}}").into()).expect("set");
        js_sys::Reflect::set(&o, &"queued_at".into(), &at.into()).expect("set");
        old.push(&o);
    }
    JsFuture::from(make_v1(name, &old)).await.expect("v1 database");
    let v = js_sys::Array::from(&JsFuture::from(db_version(name)).await.expect("version"));
    assert_eq!(v.get(0).as_f64(), Some(1.0));
    assert_eq!(v.get(1).as_string().as_deref(), Some("pending"));

    let db = Db::open(name).await.expect("open upgrades");
    // records kept, and the new queued_at index orders them
    assert_eq!(db.peek(10).await.expect("peek"), vec![pending("old-2", 3.0), pending("old-1", 5.0)]);
    // the rejected store exists now
    assert_eq!(db.count("rejected").await.expect("count"), 0);
    db.close();
    let v = JsFuture::from(db_version(name)).await.expect("version");
    let arr = js_sys::Array::from(&v);
    assert_eq!(arr.get(0).as_f64(), Some(3.0));
    assert_eq!(arr.get(1).as_string().as_deref(), Some("contacts,keys,pending,rejected"));
}

#[wasm_bindgen_test]
async fn contact_details_are_stored_apart_encrypted_and_deleted_with_the_record() {
    let db = fresh("t-contacts").await;
    let mut p = pending("with-contact", 1.0);
    p.has_contact = true;
    db.put_with_contact(&p, r#"{"phone":"13812345678"}"#).await.expect("put");
    db.put(&pending("plain", 2.0)).await.expect("put");
    let peeked = db.peek(10).await.expect("peek");
    assert!(peeked[0].has_contact && !peeked[1].has_contact);
    assert!(!peeked[0].event.contains("13812345678"));
    let contacts = db.contacts(&["with-contact".into(), "plain".into()]).await.expect("decrypt");
    assert_eq!(contacts, vec![("with-contact".to_string(), r#"{"phone":"13812345678"}"#.to_string())]);
    let joined = peeked[0].event_with_contact(Some(&contacts[0].1));
    assert!(joined.contains(r#""contact":{"phone":"13812345678"}"#), "{joined}");
    db.acknowledge(&["with-contact".into()]).await.expect("ack");
    assert_eq!(db.count("contacts").await.expect("count"), 0);
    db.close();
}

#[wasm_bindgen_test]
async fn a_closed_connection_is_an_invalid_state_error_by_kind() {
    let db = fresh("t-closed").await;
    db.put(&pending("before", 1.0)).await.expect("put");
    db.close();
    // The browser throws a real DOMException; it arrives as {name, message} and is mapped once.
    let e = db.put(&pending("after", 2.0)).await.expect_err("a closed connection cannot write");
    assert_eq!(e.kind, StorageErrorKind::InvalidState, "{e}");
    assert!(e.connection_lost());
    assert!(e.to_string().starts_with("InvalidStateError: "), "{e}");
    assert!(!e.message.is_empty(), "the browser's message is kept for staff");
    let e = db.peek(1).await.expect_err("nor read");
    assert_eq!(e.kind, StorageErrorKind::InvalidState, "{e}");
    // and nothing was lost: a new connection still has the first record
    let again = Db::open("t-closed").await.expect("reopen");
    assert_eq!(again.ids("pending").await.expect("ids"), vec!["before"]);
    again.close();
}

#[wasm_bindgen_test]
async fn a_missing_store_is_a_not_found_error_by_kind() {
    let db = fresh("t-missing").await;
    let e = db.count("no-such-store").await.expect_err("no such store");
    assert_eq!(e.kind, StorageErrorKind::NotFound, "{e}");
    assert!(!e.connection_lost());
    db.close();
}

/// Storage really full: a storage bucket (Chromium's Storage Buckets API) with a small quota
/// makes IndexedDB refuse the write with a real `QuotaExceededError`, which must arrive as
/// the typed kind (the e2e suite does the same for the whole origin through CDP).
#[wasm_bindgen_test]
async fn full_storage_is_a_quota_exceeded_error_by_kind() {
    let promise = tiny_bucket("t-full", 64.0 * 1024.0).expect("storageBuckets.open");
    let factory = JsFuture::from(promise).await.expect("a storage bucket");
    assert!(!factory.is_null(), "this Chromium has no Storage Buckets API");
    let db = Db::open_in(&factory, "t-full").await.expect("open in the bucket");
    let mut big = pending("too-big", 1.0);
    big.event = "x".repeat(1 << 20);
    let e = db.put(&big).await.expect_err("1 MB does not fit in 64 KB");
    assert_eq!(e.kind, StorageErrorKind::QuotaExceeded, "{e}");
    assert!(e.to_string().starts_with("QuotaExceededError"), "{e}");
    assert!(!e.connection_lost());
    // a small record still fits, and the refused one left nothing behind
    db.put(&pending("small", 2.0)).await.expect("put small");
    assert_eq!(db.ids("pending").await.expect("ids"), vec!["small"]);
    db.close();
}
