//! The durable outbox in real IndexedDB (headless Chromium): put, peek, acknowledge,
//! reject; data surviving a closed and reopened database; and the upgrade from schema v1.
#![cfg(target_arch = "wasm32")]

use storevoice::outbox::idb::{Db, Pending, Rejected};
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

    db.acknowledge(&["c".into(), "a".into()]).await.expect("ack");
    assert_eq!(db.ids("pending").await.expect("ids"), vec!["b", "d"]);

    let r = Rejected { pending: pending("b", 102.0), status: 400, body: "{\"problems\":[]}".into() };
    db.reject(&[r]).await.expect("reject");
    assert_eq!(db.ids("pending").await.expect("ids"), vec!["d"]);
    assert_eq!(db.ids("rejected").await.expect("ids"), vec!["b"]);
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
