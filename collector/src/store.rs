//! Storage. Each event is stored once per `(source, id)`: the UNIQUE constraint and
//! `INSERT … ON CONFLICT DO NOTHING` decide, inside one transaction per request, so a
//! retried or concurrent duplicate can never slip in between a check and an insert.
//!
//! [`Store`] is the one interface the server and the operator commands use; behind it,
//! SQLite (one writer connection behind a mutex, plus a pool of read connections that WAL
//! lets read while the writer writes; rusqlite is blocking, so every call runs on tokio's
//! blocking pool).

use std::sync::{Arc, Mutex};
use std::time::Duration;

use rusqlite::{params, Connection, TransactionBehavior};

use crate::cloudevents::ValidEvent;
use crate::forget::{forget_in_event, ForgetKey};
use crate::pg::{is_postgres_url, Postgres};
pub use crate::stored::{
    check_id, hash_token, new_device_token, Binding, DeviceToken, Durability, Inserted, StoreError,
    StoredEvent,
};
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
);
CREATE TABLE IF NOT EXISTS erasures (
    at TEXT NOT NULL,
    key_kind TEXT NOT NULL,
    entries INTEGER NOT NULL
)";

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        StoreError::new(format!("database error: {e}"))
    }
}

/// Rows per page of an export: each page is one short read, so nothing holds a lock or
/// the whole table in memory.
pub const PAGE_ROWS: usize = 1000;

/// The event store; cheap to clone.
#[derive(Clone)]
pub enum Store {
    Sqlite(Sqlite),
    Postgres(Postgres),
}

impl Store {
    /// Opens (creating the tables if needed) an SQLite database: a file path, or
    /// `:memory:` for a throwaway one. See [`Store::open_async`] for PostgreSQL too.
    pub fn open(db: &str) -> Result<Store, StoreError> {
        if is_postgres_url(db) {
            return Err(StoreError::new(
                "a postgres:// database is opened with open_async".into(),
            ));
        }
        Ok(Store::Sqlite(Sqlite::open(db)?))
    }

    /// Opens (creating the tables if needed) the database: `postgres://…` /
    /// `postgresql://…` for PostgreSQL, else an SQLite file path or `:memory:`.
    pub async fn open_async(db: &str) -> Result<Store, StoreError> {
        if is_postgres_url(db) {
            return Ok(Store::Postgres(Postgres::open(db).await?));
        }
        let db = db.to_owned();
        tokio::task::spawn_blocking(move || Store::open(&db))
            .await
            .map_err(|e| StoreError::new(format!("opening the database failed: {e}")))?
    }

    /// Stores the events in one durable transaction; duplicates are counted, not stored.
    pub async fn insert(&self, events: Vec<ValidEvent>) -> Result<Inserted, StoreError> {
        match self {
            Store::Sqlite(s) => s.insert(events).await,
            Store::Postgres(p) => p.insert(events).await,
        }
    }

    /// The `seq` of the newest event (0 when empty): an export reads up to it.
    pub async fn last_seq(&self) -> Result<i64, StoreError> {
        match self {
            Store::Sqlite(s) => s.last_seq().await,
            Store::Postgres(p) => p.last_seq().await,
        }
    }

    /// Up to `limit` events with `after < seq <= upto`, in receipt order.
    pub async fn page(
        &self,
        after: i64,
        upto: i64,
        limit: usize,
    ) -> Result<Vec<StoredEvent>, StoreError> {
        match self {
            Store::Sqlite(s) => s.page(after, upto, limit).await,
            Store::Postgres(p) => p.page(after, upto, limit).await,
        }
    }

    /// Every stored event in receipt order (page by page).
    pub async fn all(&self) -> Result<Vec<StoredEvent>, StoreError> {
        let upto = self.last_seq().await?;
        let (mut all, mut after) = (Vec::new(), 0);
        loop {
            let page = self.page(after, upto, PAGE_ROWS).await?;
            match page.last() {
                Some(last) => after = last.seq,
                None => return Ok(all),
            }
            all.extend(page);
        }
    }

    /// The durability settings as the live connections report them.
    pub async fn durability(&self) -> Result<Durability, StoreError> {
        match self {
            Store::Sqlite(s) => s.durability().await,
            Store::Postgres(p) => p.durability().await,
        }
    }

    /// Removes the contact details of the entries `key` points to (see [`crate::forget`]),
    /// records the erasure (time, kind of key, count; never the key) and rewrites the
    /// database so the old bytes are gone from its files.
    pub async fn forget(&self, key: ForgetKey) -> Result<usize, StoreError> {
        match self {
            Store::Sqlite(s) => s.forget(key).await,
            Store::Postgres(p) => p.forget(key).await,
        }
    }

    /// Provisions a device token for one touchpoint; returns its id and the token (shown
    /// once: only its hash is kept).
    pub async fn token_add(
        &self,
        store: &str,
        touchpoint: &str,
    ) -> Result<(String, String), StoreError> {
        match self {
            Store::Sqlite(s) => s.token_add(store, touchpoint).await,
            Store::Postgres(p) => p.token_add(store, touchpoint).await,
        }
    }

    /// Every token ever provisioned, revoked ones included, oldest first.
    pub async fn token_list(&self) -> Result<Vec<DeviceToken>, StoreError> {
        match self {
            Store::Sqlite(s) => s.token_list().await,
            Store::Postgres(p) => p.token_list().await,
        }
    }

    /// Revokes a token by id; `false` when no active token has that id.
    pub async fn token_revoke(&self, id: &str) -> Result<bool, StoreError> {
        match self {
            Store::Sqlite(s) => s.token_revoke(id).await,
            Store::Postgres(p) => p.token_revoke(id).await,
        }
    }

    /// The binding of an active token, by the token's hash.
    pub async fn token_binding(&self, hash: &str) -> Result<Option<Binding>, StoreError> {
        match self {
            Store::Sqlite(s) => s.token_binding(hash).await,
            Store::Postgres(p) => p.token_binding(hash).await,
        }
    }

    /// Whether any device token was ever provisioned (revoked ones count: revoking the last
    /// token must not open ingest to everyone again).
    pub async fn tokens_provisioned(&self) -> Result<bool, StoreError> {
        match self {
            Store::Sqlite(s) => s.tokens_provisioned().await,
            Store::Postgres(p) => p.tokens_provisioned().await,
        }
    }
}

/// The SQLite backend: one writer connection, and read connections beside it (WAL).
#[derive(Clone)]
pub struct Sqlite {
    conn: Arc<Mutex<Connection>>,
    /// Idle read connections; `None` for `:memory:`, where a second connection would see
    /// another, empty database (reads then share the writer, one page at a time).
    readers: Option<Arc<Mutex<Vec<Connection>>>>,
    path: String,
}

/// Settings every connection gets: wait for locks rather than fail, and make a commit
/// durable before it returns (in WAL mode `NORMAL` could lose the last commits on power
/// loss, after the device was told they were stored and deleted them).
fn configure(conn: &Connection) -> Result<(), StoreError> {
    conn.busy_timeout(Duration::from_secs(10))?;
    // Deleted and overwritten content is zeroed, not left in free pages (deletion requests).
    conn.execute_batch("PRAGMA synchronous=FULL; PRAGMA secure_delete=ON;")?;
    Ok(())
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl Sqlite {
    /// Opens (creating if needed) the database at `path`; `:memory:` for a throwaway one.
    pub fn open(path: &str) -> Result<Sqlite, StoreError> {
        let conn = Connection::open(path)?;
        configure(&conn)?;
        // WAL lets exports read while a batch is written; `:memory:` answers "memory".
        let _mode: String = conn.query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))?;
        conn.execute_batch(SCHEMA)?;
        let memory = path == ":memory:" || path.is_empty() || path.contains("mode=memory");
        Ok(Sqlite {
            conn: Arc::new(Mutex::new(conn)),
            readers: (!memory).then(|| Arc::new(Mutex::new(Vec::new()))),
            path: path.to_owned(),
        })
    }

    async fn with_conn<T, F>(&self, f: F) -> Result<T, StoreError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Connection) -> Result<T, StoreError> + Send + 'static,
    {
        let conn = Arc::clone(&self.conn);
        tokio::task::spawn_blocking(move || f(&mut lock(&conn)))
            .await
            .map_err(|e| StoreError::new(format!("storage task failed: {e}")))?
    }

    /// Runs `f` on a read connection, never the writer's (unless in memory): a long export
    /// then cannot hold up a POST.
    async fn with_reader<T, F>(&self, f: F) -> Result<T, StoreError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Connection) -> Result<T, StoreError> + Send + 'static,
    {
        let Some(pool) = self.readers.clone() else {
            return self.with_conn(f).await;
        };
        let path = self.path.clone();
        tokio::task::spawn_blocking(move || {
            let idle = lock(&pool).pop();
            let mut conn = match idle {
                Some(conn) => conn,
                None => {
                    let conn = Connection::open(&path)?;
                    configure(&conn)?;
                    conn.execute_batch("PRAGMA query_only=ON;")?;
                    conn
                }
            };
            let result = f(&mut conn);
            let mut idle = lock(&pool);
            if idle.len() < 8 {
                idle.push(conn);
            }
            result
        })
        .await
        .map_err(|e| StoreError::new(format!("storage task failed: {e}")))?
    }

    async fn insert(&self, events: Vec<ValidEvent>) -> Result<Inserted, StoreError> {
        self.with_conn(move |conn| insert_all(conn, &events)).await
    }

    async fn last_seq(&self) -> Result<i64, StoreError> {
        self.with_reader(|conn| {
            Ok(conn.query_row("SELECT COALESCE(MAX(seq), 0) FROM events", [], |r| r.get(0))?)
        })
        .await
    }

    async fn page(
        &self,
        after: i64,
        upto: i64,
        limit: usize,
    ) -> Result<Vec<StoredEvent>, StoreError> {
        self.with_reader(move |conn| page_of(conn, after, upto, limit))
            .await
    }

    async fn durability(&self) -> Result<Durability, StoreError> {
        let read =
            |conn: &mut Connection, who: &str| -> Result<Vec<(String, String)>, StoreError> {
                let sync: i64 = conn.query_row("PRAGMA synchronous", [], |r| r.get(0))?;
                let journal: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0))?;
                let sync = match sync {
                    0 => "off",
                    1 => "normal",
                    2 => "full",
                    3 => "extra",
                    _ => "unknown",
                };
                Ok(vec![
                    (format!("{who} synchronous"), sync.to_owned()),
                    (format!("{who} journal_mode"), journal.to_lowercase()),
                ])
            };
        let mut settings = self.with_conn(move |c| read(c, "writer")).await?;
        if self.readers.is_some() {
            settings.extend(self.with_reader(move |c| read(c, "reader")).await?);
        }
        Ok(Durability {
            backend: "sqlite",
            settings,
        })
    }

    async fn forget(&self, key: ForgetKey) -> Result<usize, StoreError> {
        let memory = self.readers.is_none();
        self.with_conn(move |conn| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let mut changed = Vec::new();
            {
                let mut stmt = tx.prepare("SELECT seq, event FROM events ORDER BY seq")?;
                let rows =
                    stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
                for row in rows {
                    let (seq, event) = row?;
                    if let Some(new) = forget_in_event(&event, &key) {
                        changed.push((seq, new));
                    }
                }
            }
            for (seq, new) in &changed {
                tx.execute(
                    "UPDATE events SET event = ?1 WHERE seq = ?2",
                    params![new, seq],
                )?;
            }
            tx.execute(
                "INSERT INTO erasures (at, key_kind, entries) VALUES (?1, ?2, ?3)",
                params![now(), key.kind(), changed.len() as i64],
            )?;
            tx.commit()?;
            if !memory {
                // secure_delete zeroed the old cells; the checkpoint moves the new pages into
                // the file and empties the WAL (which held the old ones), VACUUM rewrites the
                // file without free pages, and the last checkpoint empties the WAL again.
                checkpoint(conn)?;
                conn.execute_batch("VACUUM")?;
                checkpoint(conn)?;
            }
            Ok(changed.len())
        })
        .await
    }

    async fn token_add(
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

    async fn token_list(&self) -> Result<Vec<DeviceToken>, StoreError> {
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

    async fn token_revoke(&self, id: &str) -> Result<bool, StoreError> {
        let id = id.to_owned();
        self.with_conn(move |conn| {
            Ok(conn.execute(
                "UPDATE device_tokens SET revoked_at = ?1 WHERE id = ?2 AND revoked_at IS NULL",
                params![now(), id],
            )? > 0)
        })
        .await
    }

    async fn token_binding(&self, hash: &str) -> Result<Option<Binding>, StoreError> {
        let hash = hash.to_owned();
        self.with_reader(move |conn| {
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

    async fn tokens_provisioned(&self) -> Result<bool, StoreError> {
        self.with_reader(|conn| {
            Ok(
                conn.query_row("SELECT EXISTS (SELECT 1 FROM device_tokens)", [], |r| {
                    r.get::<_, bool>(0)
                })?,
            )
        })
        .await
    }
}

/// `PRAGMA wal_checkpoint(TRUNCATE)`, failing if a reader kept it from finishing.
fn checkpoint(conn: &Connection) -> Result<(), StoreError> {
    let busy: i64 = conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get(0))?;
    if busy != 0 {
        return Err(StoreError::new(
            "the WAL could not be emptied because a reader kept it busy; run forget again".into(),
        ));
    }
    Ok(())
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

fn page_of(
    conn: &mut Connection,
    after: i64,
    upto: i64,
    limit: usize,
) -> Result<Vec<StoredEvent>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT seq, source, id, type, time, received_at, event FROM events
         WHERE seq > ?1 AND seq <= ?2 ORDER BY seq LIMIT ?3",
    )?;
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    let rows = stmt.query_map(params![after, upto, limit], |r| {
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
fn all_events(conn: &mut Connection) -> Result<Vec<StoredEvent>, StoreError> {
    page_of(conn, 0, i64::MAX, usize::MAX)
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
                .map_err(|_| StoreError::new("thread panicked".into()))??;
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
