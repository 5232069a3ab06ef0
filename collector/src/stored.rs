//! What the event store keeps and reports, and the checks and tokens around it: shared by
//! both backends (SQLite in `store.rs`, PostgreSQL in `pg.rs`), so that neither backend
//! depends on the other and `store::Store` alone chooses between them.

use std::fmt;

/// A storage failure, reported to the client as a 500.
#[derive(Debug)]
pub struct StoreError(String);

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for StoreError {}

impl StoreError {
    pub fn new(message: String) -> Self {
        StoreError(message)
    }

    pub fn from_task(e: &tokio::task::JoinError) -> Self {
        StoreError(format!("storage task failed: {e}"))
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
    Ok((
        format!("dt-{}", random_hex(4)?),
        format!("svt_{}", random_hex(32)?),
    ))
}

/// Store and touchpoint ids as they appear in `source`: 1–100 visible ASCII, no `/`.
pub fn check_id(what: &str, value: &str) -> Result<(), String> {
    if (1..=100).contains(&value.len()) && value.bytes().all(|b| b.is_ascii_graphic() && b != b'/')
    {
        Ok(())
    } else {
        Err(format!(
            "{what} must be 1 to 100 visible ASCII characters without `/` (the id from config.json), not {value:?}"
        ))
    }
}

/// The storage settings that make an acknowledgement durable, read from the live
/// connections (`GET /api/status`).
#[derive(Debug, Clone, PartialEq)]
pub struct Durability {
    pub backend: &'static str,
    /// `(setting, value)` per live connection, e.g. `("writer synchronous", "full")`.
    pub settings: Vec<(String, String)>,
}
