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
