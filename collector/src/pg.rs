//! The PostgreSQL backend (`--database postgres://…`): the same table, the same
//! `UNIQUE (source, id)` and `INSERT … ON CONFLICT DO NOTHING`, so any number of stateless
//! collectors can share one database. A few connections are used round-robin; tokio-postgres
//! pipelines the requests of one connection, and PostgreSQL's MVCC lets exports read while
//! batches are written.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use tokio_postgres::{Client, NoTls};

use crate::cloudevents::ValidEvent;
use crate::forget::{forget_in_event, ForgetKey};
use crate::stored::{
    hash_token, new_device_token, Binding, DeviceToken, Durability, Inserted, StoreError,
    StoredEvent,
};
use crate::time::{format_rfc3339_millis, now_unix_millis};

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS events (
    seq BIGSERIAL PRIMARY KEY,
    source TEXT NOT NULL,
    id TEXT NOT NULL,
    type TEXT NOT NULL,
    time TEXT,
    received_at TEXT NOT NULL,
    event TEXT NOT NULL,
    UNIQUE (source, id)
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
    entries BIGINT NOT NULL
);";

/// How many connections one collector keeps.
const CONNECTIONS: usize = 4;

/// How often one request's insert is tried when PostgreSQL aborts it as a deadlock or a
/// serialization failure (it is all or nothing, so trying again is safe).
const INSERT_ATTEMPTS: usize = 3;

/// Deadlock detected (40P01) or serialization failure (40001): the statement was rolled
/// back and may simply be run again.
fn is_transient(e: &tokio_postgres::Error) -> bool {
    use tokio_postgres::error::SqlState;
    e.code().is_some_and(|c| {
        *c == SqlState::T_R_DEADLOCK_DETECTED || *c == SqlState::T_R_SERIALIZATION_FAILURE
    })
}

impl From<tokio_postgres::Error> for StoreError {
    fn from(e: tokio_postgres::Error) -> Self {
        match e.as_db_error() {
            Some(db) => StoreError::new(format!(
                "PostgreSQL error: {} ({})",
                db.message(),
                db.code().code()
            )),
            None => StoreError::new(format!("PostgreSQL error: {e}")),
        }
    }
}

/// Whether `db` names a PostgreSQL database rather than an SQLite file.
pub fn is_postgres_url(db: &str) -> bool {
    db.starts_with("postgres://") || db.starts_with("postgresql://")
}

/// `db` for messages: a PostgreSQL URL without its password.
pub fn redacted(db: &str) -> String {
    if !is_postgres_url(db) {
        return db.to_owned();
    }
    match (db.find("://"), db.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let user = &db[s + 3..at];
            let user = user.split(':').next().unwrap_or("");
            format!("{}{user}:***{}", &db[..s + 3], &db[at..])
        }
        _ => db.to_owned(),
    }
}

#[derive(Clone)]
pub struct Postgres {
    clients: Arc<Vec<Client>>,
    next: Arc<AtomicUsize>,
    url: Arc<str>,
}

fn now() -> String {
    format_rfc3339_millis(now_unix_millis())
}

async fn connect(url: &str) -> Result<Client, StoreError> {
    let (client, connection) = tokio_postgres::connect(url, NoTls).await?;
    tokio::spawn(async move {
        if let Err(e) = connection.await {
            eprintln!("storevoice-collector: PostgreSQL connection lost: {e}");
        }
    });
    // Acknowledged = stored: the commit waits for the WAL flush (the default; made explicit
    // so a server-wide `synchronous_commit = off` cannot silently weaken it).
    client.batch_execute("SET synchronous_commit = on").await?;
    Ok(client)
}

impl Postgres {
    pub async fn open(url: &str) -> Result<Postgres, StoreError> {
        let mut clients = Vec::with_capacity(CONNECTIONS);
        for _ in 0..CONNECTIONS {
            clients.push(connect(url).await?);
        }
        // Two collectors starting together must not race on CREATE TABLE.
        let c = &clients[0];
        c.batch_execute("SELECT pg_advisory_lock(727272)").await?;
        let schema = c.batch_execute(SCHEMA).await;
        c.batch_execute("SELECT pg_advisory_unlock(727272)").await?;
        schema?;
        Ok(Postgres {
            clients: Arc::new(clients),
            next: Arc::new(AtomicUsize::new(0)),
            url: Arc::from(url),
        })
    }

    fn client(&self) -> &Client {
        let i = self.next.fetch_add(1, Ordering::Relaxed) % self.clients.len();
        &self.clients[i]
    }

    /// One statement, so one atomic transaction: every event of the request or none.
    ///
    /// Concurrent requests may carry the same events (a retry racing its original, two
    /// collectors behind a load balancer). `INSERT … ON CONFLICT` makes the second wait for
    /// the first at the first shared key; if each inserted in its own order they could each
    /// hold a key the other waits for, and PostgreSQL would abort one with "deadlock
    /// detected" (40P01; a 500 to the device). So the rows go in sorted by `(source, id)`
    /// (every transaction takes its keys in the same order: no cycle), while `seq` is drawn
    /// in the request's order first, so the exports keep receipt order. Should PostgreSQL
    /// still abort the statement as a deadlock or serialization failure, it is retried.
    pub async fn insert(&self, events: Vec<ValidEvent>) -> Result<Inserted, StoreError> {
        let received_at = now();
        let mut cols: [Vec<Option<String>>; 5] = Default::default();
        for e in &events {
            cols[0].push(Some(e.source.clone()));
            cols[1].push(Some(e.id.clone()));
            cols[2].push(Some(e.kind.clone()));
            cols[3].push(e.time.clone());
            cols[4].push(Some(e.json.clone()));
        }
        let mut attempt = 0;
        let stored = loop {
            attempt += 1;
            let result = self
                .client()
                .execute(
                    "INSERT INTO events (seq, source, id, type, time, received_at, event)
                     SELECT r.seq, r.source, r.id, r.type, r.time, $6, r.event
                     FROM (SELECT nextval(pg_get_serial_sequence('events', 'seq')) AS seq, u.*
                           FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
                                WITH ORDINALITY AS u(source, id, type, time, event, n)
                           ORDER BY u.n) AS r
                     ORDER BY r.source, r.id
                     ON CONFLICT (source, id) DO NOTHING",
                    &[
                        &cols[0],
                        &cols[1],
                        &cols[2],
                        &cols[3],
                        &cols[4],
                        &received_at,
                    ],
                )
                .await;
            match result {
                Ok(n) => break n as usize,
                Err(e) if attempt < INSERT_ATTEMPTS && is_transient(&e) => {
                    eprintln!("storevoice-collector: insert retried (attempt {attempt}): {e}");
                }
                Err(e) => return Err(e.into()),
            }
        };
        Ok(Inserted {
            stored,
            duplicates: events.len() - stored,
        })
    }

    pub async fn last_seq(&self) -> Result<i64, StoreError> {
        let row = self
            .client()
            .query_one("SELECT COALESCE(MAX(seq), 0)::BIGINT FROM events", &[])
            .await?;
        Ok(row.try_get(0)?)
    }

    pub async fn page(
        &self,
        after: i64,
        upto: i64,
        limit: usize,
    ) -> Result<Vec<StoredEvent>, StoreError> {
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let rows = self
            .client()
            .query(
                "SELECT seq, source, id, type, time, received_at, event FROM events
                 WHERE seq > $1 AND seq <= $2 ORDER BY seq LIMIT $3",
                &[&after, &upto, &limit],
            )
            .await?;
        rows.iter()
            .map(|r| {
                Ok(StoredEvent {
                    seq: r.try_get(0)?,
                    source: r.try_get(1)?,
                    id: r.try_get(2)?,
                    kind: r.try_get(3)?,
                    time: r.try_get(4)?,
                    received_at: r.try_get(5)?,
                    event: r.try_get(6)?,
                })
            })
            .collect()
    }

    pub async fn durability(&self) -> Result<Durability, StoreError> {
        let mut settings = Vec::new();
        for (i, c) in self.clients.iter().enumerate() {
            for name in ["synchronous_commit", "fsync"] {
                let row = c.query_one(&format!("SHOW {name}"), &[]).await?;
                settings.push((
                    format!("connection {i} {name}"),
                    row.try_get::<_, String>(0)?,
                ));
            }
        }
        Ok(Durability {
            backend: "postgres",
            settings,
        })
    }

    pub async fn forget(&self, key: ForgetKey) -> Result<usize, StoreError> {
        let mut client = connect(&self.url).await?;
        let tx = client.transaction().await?;
        let rows = tx
            .query("SELECT seq, event FROM events ORDER BY seq FOR UPDATE", &[])
            .await?;
        let mut changed = 0usize;
        for r in &rows {
            let seq: i64 = r.try_get(0)?;
            let event: String = r.try_get(1)?;
            if let Some(new) = forget_in_event(&event, &key) {
                tx.execute("UPDATE events SET event = $1 WHERE seq = $2", &[&new, &seq])
                    .await?;
                changed += 1;
            }
        }
        tx.execute(
            "INSERT INTO erasures (at, key_kind, entries) VALUES ($1, $2, $3)",
            &[&now(), &key.kind(), &(changed as i64)],
        )
        .await?;
        tx.commit().await?;
        // Dead row versions hold the old text until vacuumed.
        client.batch_execute("VACUUM events").await?;
        Ok(changed)
    }

    pub async fn token_add(
        &self,
        store: &str,
        touchpoint: &str,
    ) -> Result<(String, String), StoreError> {
        let (id, token) = new_device_token()?;
        self.client()
            .execute(
                "INSERT INTO device_tokens (id, hash, store, touchpoint, created_at)
                 VALUES ($1, $2, $3, $4, $5)",
                &[&id, &hash_token(&token), &store, &touchpoint, &now()],
            )
            .await?;
        Ok((id, token))
    }

    pub async fn token_list(&self) -> Result<Vec<DeviceToken>, StoreError> {
        let rows = self
            .client()
            .query(
                "SELECT id, store, touchpoint, created_at, revoked_at FROM device_tokens
                 ORDER BY created_at, id",
                &[],
            )
            .await?;
        rows.iter()
            .map(|r| {
                Ok(DeviceToken {
                    id: r.try_get(0)?,
                    store: r.try_get(1)?,
                    touchpoint: r.try_get(2)?,
                    created_at: r.try_get(3)?,
                    revoked_at: r.try_get(4)?,
                })
            })
            .collect()
    }

    pub async fn token_revoke(&self, id: &str) -> Result<bool, StoreError> {
        Ok(self
            .client()
            .execute(
                "UPDATE device_tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL",
                &[&now(), &id],
            )
            .await?
            > 0)
    }

    pub async fn token_binding(&self, hash: &str) -> Result<Option<Binding>, StoreError> {
        let row = self
            .client()
            .query_opt(
                "SELECT id, store, touchpoint FROM device_tokens WHERE hash = $1 AND revoked_at IS NULL",
                &[&hash],
            )
            .await?;
        row.map(|r| {
            Ok(Binding {
                token_id: r.try_get(0)?,
                store: r.try_get(1)?,
                touchpoint: r.try_get(2)?,
            })
        })
        .transpose()
    }

    pub async fn tokens_provisioned(&self) -> Result<bool, StoreError> {
        let row = self
            .client()
            .query_one("SELECT EXISTS (SELECT 1 FROM device_tokens)", &[])
            .await?;
        Ok(row.try_get(0)?)
    }
}
