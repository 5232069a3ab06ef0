//! SQLite storage. Each event is stored once per `(source, id)`: the UNIQUE constraint and
//! `INSERT … ON CONFLICT DO NOTHING` decide, inside one transaction per request, so a
//! retried or concurrent duplicate can never slip in between a check and an insert.
//! rusqlite is blocking, so every call runs on tokio's blocking pool behind a mutex.

use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rusqlite::{params, Connection, TransactionBehavior};

use crate::cloudevents::ValidEvent;
use crate::time::{format_rfc3339_millis, now_unix_millis};

const SCHEMA: &str = "CREATE TABLE IF NOT EXISTS events (
    seq INTEGER PRIMARY KEY,
    source TEXT NOT NULL,
    id TEXT NOT NULL,
    type TEXT NOT NULL,
    time TEXT,
    received_at TEXT NOT NULL,
    event TEXT NOT NULL,
    UNIQUE(source, id)
);
CREATE TABLE IF NOT EXISTS device_tokens (
    id TEXT PRIMARY KEY,
    hash TEXT NOT NULL UNIQUE,
    store TEXT NOT NULL,
    touchpoint TEXT NOT NULL,
    created_at TEXT NOT NULL,
    revoked_at TEXT
)";

/// A storage failure, reported to the client as a 500.
#[derive(Debug)]
pub struct StoreError(String);

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for StoreError {}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        StoreError(format!("database error: {e}"))
    }
}

/// One stored row.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredEvent {
    pub seq: i64,
    pub source: String,
    pub id: String,
    pub kind: String,
    pub time: Option<String>,
    pub received_at: String,
    pub event: String,
}

/// What one insert did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Inserted {
    pub stored: usize,
    pub duplicates: usize,
}

/// A provisioned device token as listed by `token list` (the token itself is never stored).
#[derive(Debug, Clone, PartialEq)]
pub struct DeviceToken {
    pub id: String,
    pub store: String,
    pub touchpoint: String,
    pub created_at: String,
    pub revoked_at: Option<String>,
}

/// What a device token is bound to: one touchpoint of one store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub token_id: String,
    pub store: String,
    pub touchpoint: String,
}

impl Binding {
    /// The CloudEvents `source` the app gives this touchpoint's events.
    pub fn source(&self) -> String {
        format!("/stores/{}/touchpoints/{}", self.store, self.touchpoint)
    }
}

/// The hex SHA-256 of a token: what the database keeps instead of the token.
pub fn hash_token(token: &str) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// `n` bytes from the operating system's CSPRNG, as hex.
fn random_hex(n: usize) -> Result<String, StoreError> {
    use std::io::Read;
    let mut buf = vec![0u8; n];
    std::fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut buf))
        .map_err(|e| StoreError(format!("cannot read random bytes from /dev/urandom: {e}")))?;
    Ok(buf.iter().map(|b| format!("{b:02x}")).collect())
}

/// A new token and its public id: `svt_` and 64 hex digits (256 random bits), `dt-` and 8.
pub fn new_device_token() -> Result<(String, String), StoreError> {
    Ok((format!("dt-{}", random_hex(4)?), format!("svt_{}", random_hex(32)?)))
}

/// Store and touchpoint ids as they appear in `source`: 1–100 visible ASCII, no `/`.
pub fn check_id(what: &str, value: &str) -> Result<(), String> {
    if (1..=100).contains(&value.len())
        && value.bytes().all(|b| b.is_ascii_graphic() && b != b'/')
    {
        Ok(())
    } else {
        Err(format!(
            "{what} must be 1 to 100 visible ASCII characters without `/` (the id from config.json), not {value:?}"
        ))
    }
}

/// The event store; cheap to clone.
#[derive(Clone)]
pub struct Store {
    conn: Arc<Mutex<Connection>>,
}

impl Store {
    /// Opens (creating if needed) the database at `path`; `:memory:` for a throwaway one.
    pub fn open(path: &str) -> Result<Store, StoreError> {
        let conn = Connection::open(path)?;
        conn.busy_timeout(Duration::from_secs(10))?;
        // WAL lets exports read while a batch is written; `:memory:` answers "memory".
        let _mode: String = conn.query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))?;
        conn.execute_batch("PRAGMA synchronous=NORMAL;")?;
        conn.execute_batch(SCHEMA)?;
        Ok(Store {
            conn: Arc::new(Mutex::new(conn)),
        })
    }

    /// [`Store::open`] on the blocking pool.
    pub async fn open_async(path: &str) -> Result<Store, StoreError> {
        let path = path.to_owned();
        tokio::task::spawn_blocking(move || Store::open(&path))
            .await
            .map_err(|e| StoreError(format!("opening the database failed: {e}")))?
    }

    async fn with_conn<T, F>(&self, f: F) -> Result<T, StoreError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Connection) -> Result<T, StoreError> + Send + 'static,
    {
        let conn = Arc::clone(&self.conn);
        tokio::task::spawn_blocking(move || {
            let mut guard = conn.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            f(&mut guard)
        })
        .await
        .map_err(|e| StoreError(format!("storage task failed: {e}")))?
    }

    /// Stores the events in one transaction; duplicates are counted, not stored.
    pub async fn insert(&self, events: Vec<ValidEvent>) -> Result<Inserted, StoreError> {
        self.with_conn(move |conn| insert_all(conn, &events)).await
    }

    /// Every stored event in receipt order.
    pub async fn all(&self) -> Result<Vec<StoredEvent>, StoreError> {
        self.with_conn(all_events).await
    }

    /// Provisions a device token for one touchpoint; returns its id and the token (shown
    /// once: only its hash is kept).
    pub async fn token_add(
        &self,
        store: &str,
        touchpoint: &str,
    ) -> Result<(String, String), StoreError> {
        let (store, touchpoint) = (store.to_owned(), touchpoint.to_owned());
        self.with_conn(move |conn| {
            let (id, token) = new_device_token()?;
            conn.execute(
                "INSERT INTO device_tokens (id, hash, store, touchpoint, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![id, hash_token(&token), store, touchpoint, now()],
            )?;
            Ok((id, token))
        })
        .await
    }

    /// Every token ever provisioned, revoked ones included, oldest first.
    pub async fn token_list(&self) -> Result<Vec<DeviceToken>, StoreError> {
        self.with_conn(|conn| {
            let mut stmt = conn.prepare(
                "SELECT id, store, touchpoint, created_at, revoked_at FROM device_tokens
                 ORDER BY created_at, id",
            )?;
            let rows = stmt.query_map([], |r| {
                Ok(DeviceToken {
                    id: r.get(0)?,
                    store: r.get(1)?,
                    touchpoint: r.get(2)?,
                    created_at: r.get(3)?,
                    revoked_at: r.get(4)?,
                })
            })?;
            Ok(rows.collect::<Result<Vec<_>, _>>()?)
        })
        .await
    }

    /// Revokes a token by id; `false` when no active token has that id.
    pub async fn token_revoke(&self, id: &str) -> Result<bool, StoreError> {
        let id = id.to_owned();
        self.with_conn(move |conn| {
            Ok(conn.execute(
                "UPDATE device_tokens SET revoked_at = ?1 WHERE id = ?2 AND revoked_at IS NULL",
                params![now(), id],
            )? > 0)
        })
        .await
    }

    /// The binding of an active token, by the token's hash.
    pub async fn token_binding(&self, hash: &str) -> Result<Option<Binding>, StoreError> {
        let hash = hash.to_owned();
        self.with_conn(move |conn| {
            let mut stmt = conn.prepare_cached(
                "SELECT id, store, touchpoint FROM device_tokens
                 WHERE hash = ?1 AND revoked_at IS NULL",
            )?;
            let mut rows = stmt.query(params![hash])?;
            match rows.next()? {
                Some(r) => Ok(Some(Binding {
                    token_id: r.get(0)?,
                    store: r.get(1)?,
                    touchpoint: r.get(2)?,
                })),
                None => Ok(None),
            }
        })
        .await
    }

    /// Whether any device token was ever provisioned (revoked ones count: revoking the last
    /// token must not open ingest to everyone again).
    pub async fn tokens_provisioned(&self) -> Result<bool, StoreError> {
        self.with_conn(|conn| {
            Ok(conn.query_row("SELECT EXISTS (SELECT 1 FROM device_tokens)", [], |r| {
                r.get::<_, bool>(0)
            })?)
        })
        .await
    }
}

fn now() -> String {
    format_rfc3339_millis(now_unix_millis())
}

/// The insert itself, on a plain connection (tests use it across connections).
pub fn insert_all(conn: &mut Connection, events: &[ValidEvent]) -> Result<Inserted, StoreError> {
    let received_at = format_rfc3339_millis(now_unix_millis());
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let mut stored = 0;
    {
        let mut stmt = tx.prepare_cached(
            "INSERT INTO events (source, id, type, time, received_at, event)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT(source, id) DO NOTHING",
        )?;
        for e in events {
            stored += stmt.execute(params![e.source, e.id, e.kind, e.time, received_at, e.json])?;
        }
    }
    tx.commit()?;
    Ok(Inserted {
        stored,
        duplicates: events.len() - stored,
    })
}

fn all_events(conn: &mut Connection) -> Result<Vec<StoredEvent>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT seq, source, id, type, time, received_at, event FROM events ORDER BY seq",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(StoredEvent {
            seq: r.get(0)?,
            source: r.get(1)?,
            id: r.get(2)?,
            kind: r.get(3)?,
            time: r.get(4)?,
            received_at: r.get(5)?,
            event: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<Result<Vec<_>, _>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(source: &str, id: &str) -> ValidEvent {
        ValidEvent {
            source: source.into(),
            id: id.into(),
            kind: "t".into(),
            time: None,
            json: format!(r#"{{"id":"{id}","source":"{source}"}}"#),
        }
    }

    fn temp_db(name: &str) -> String {
        let dir = std::env::temp_dir().join(format!("svc-store-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let _ = std::fs::create_dir_all(&dir);
        dir.join("db.sqlite").to_string_lossy().into_owned()
    }

    #[test]
    fn the_unique_constraint_itself_refuses_duplicates() -> Result<(), StoreError> {
        let conn = Connection::open_in_memory()?;
        conn.execute_batch(SCHEMA)?;
        let insert = "INSERT INTO events (source, id, type, received_at, event) VALUES ('s','a','t','r','{}')";
        conn.execute(insert, [])?;
        assert!(
            conn.execute(insert, []).is_err(),
            "a plain INSERT of a duplicate must fail"
        );
        Ok(())
    }

    #[test]
    fn duplicates_within_and_across_batches() -> Result<(), StoreError> {
        let mut conn = Connection::open_in_memory()?;
        conn.execute_batch(SCHEMA)?;
        let r = insert_all(
            &mut conn,
            &[ev("s", "a"), ev("s", "b"), ev("s", "a"), ev("t", "a")],
        )?;
        assert_eq!(
            r,
            Inserted {
                stored: 3,
                duplicates: 1
            }
        );
        let r = insert_all(&mut conn, &[ev("s", "b"), ev("s", "c")])?;
        assert_eq!(
            r,
            Inserted {
                stored: 1,
                duplicates: 1
            }
        );
        let ids: Vec<_> = all_events(&mut conn)?
            .into_iter()
            .map(|e| (e.source, e.id))
            .collect();
        assert_eq!(
            ids,
            [("s", "a"), ("s", "b"), ("t", "a"), ("s", "c")]
                .map(|(s, i)| (s.to_owned(), i.to_owned()))
        );
        Ok(())
    }

    /// Separate connections (as separate collector processes would have) share no mutex,
    /// so only the constraint can keep each (source, id) single.
    #[test]
    fn separate_connections_store_each_event_once() -> Result<(), StoreError> {
        let path = temp_db("conns");
        Store::open(&path)?;
        let threads: Vec<_> = (0..6)
            .map(|t| {
                let path = path.clone();
                std::thread::spawn(move || -> Result<usize, StoreError> {
                    let mut conn = Connection::open(&path)?;
                    conn.busy_timeout(Duration::from_secs(20))?;
                    let mut stored = 0;
                    for round in 0..10 {
                        let batch: Vec<_> = (0..20)
                            .map(|i| ev("s", &format!("{}", (i + t + round) % 40)))
                            .collect();
                        stored += insert_all(&mut conn, &batch)?.stored;
                    }
                    Ok(stored)
                })
            })
            .collect();
        let mut total = 0;
        for t in threads {
            total += t
                .join()
                .map_err(|_| StoreError("thread panicked".into()))??;
        }
        let mut conn = Connection::open(&path)?;
        let rows = all_events(&mut conn)?;
        assert_eq!(total, rows.len());
        let mut ids: Vec<_> = rows.iter().map(|r| r.id.clone()).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), rows.len());
        drop(conn);
        if let Some(dir) = std::path::Path::new(&path).parent() {
            let _ = std::fs::remove_dir_all(dir);
        }
        Ok(())
    }
}
