//! Why the browser refused a storage operation, as a type.
//!
//! browser.js rejects every storage call with a plain `{name, message}` object, `name` being
//! the `DOMException` name (`QuotaExceededError`, `InvalidStateError`, …) or `UnknownError`.
//! The name is mapped here, once, to a [`StorageErrorKind`]; the rest of the program matches on
//! the kind and never on the text. The message is kept for staff, who see it as it is.

use std::fmt;

/// What went wrong, by the `DOMException` name IndexedDB and WebCrypto report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StorageErrorKind {
    /// The origin's storage quota is used up (or the disk is full).
    QuotaExceeded,
    /// The database connection is closed or being replaced (storage cleared, another tab
    /// upgrading the schema): reopening it may help.
    InvalidState,
    /// The browser lacks what is needed (no IndexedDB, WebCrypto outside a secure context).
    NotSupported,
    /// The transaction was aborted before it completed; nothing of it was written.
    Abort,
    /// A store or key that should be there is not.
    NotFound,
    /// A value or key the database cannot store.
    Data,
    /// An operation failed for a reason the browser does not say (e.g. decryption).
    Operation,
    /// The database on disk is newer than this code's schema.
    Version,
    /// A unique key or index constraint was violated.
    Constraint,
    /// A write was attempted in a read-only transaction.
    ReadOnly,
    /// A request was made on a transaction that had already finished.
    TransactionInactive,
    /// Storage is not allowed here (e.g. some private modes, sandboxed frames).
    Security,
    /// The operation took too long.
    Timeout,
    /// Anything else, including `UnknownError` itself.
    Unknown,
}

impl StorageErrorKind {
    const NAMES: [(StorageErrorKind, &'static str); 14] = [
        (StorageErrorKind::QuotaExceeded, "QuotaExceededError"),
        (StorageErrorKind::InvalidState, "InvalidStateError"),
        (StorageErrorKind::NotSupported, "NotSupportedError"),
        (StorageErrorKind::Abort, "AbortError"),
        (StorageErrorKind::NotFound, "NotFoundError"),
        (StorageErrorKind::Data, "DataError"),
        (StorageErrorKind::Operation, "OperationError"),
        (StorageErrorKind::Version, "VersionError"),
        (StorageErrorKind::Constraint, "ConstraintError"),
        (StorageErrorKind::ReadOnly, "ReadOnlyError"),
        (StorageErrorKind::TransactionInactive, "TransactionInactiveError"),
        (StorageErrorKind::Security, "SecurityError"),
        (StorageErrorKind::Timeout, "TimeoutError"),
        (StorageErrorKind::Unknown, "UnknownError"),
    ];

    /// The kind for a `DOMException` name; names not listed are `Unknown`.
    pub fn from_name(name: &str) -> Self {
        Self::NAMES.iter().find(|(_, n)| *n == name).map_or(StorageErrorKind::Unknown, |(k, _)| *k)
    }

    /// The `DOMException` name of this kind.
    pub fn name(self) -> &'static str {
        Self::NAMES.iter().find(|(k, _)| *k == self).map_or("UnknownError", |(_, n)| n)
    }
}

/// A storage operation the browser refused: the kind to act on, the message to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StorageError {
    pub kind: StorageErrorKind,
    pub message: String,
}

impl StorageError {
    pub fn new(kind: StorageErrorKind, message: impl Into<String>) -> Self {
        StorageError { kind, message: message.into() }
    }

    /// From the `{name, message}` browser.js rejects with. A name this code does not know
    /// becomes `Unknown`, and is kept at the front of the message so staff still see it.
    pub fn from_parts(name: &str, message: &str) -> Self {
        let kind = StorageErrorKind::from_name(name);
        let message = if kind == StorageErrorKind::Unknown && !name.is_empty() && name != "UnknownError" {
            if message.is_empty() {
                name.to_string()
            } else {
                format!("{name}: {message}")
            }
        } else {
            message.to_string()
        };
        StorageError { kind, message }
    }

    /// Whether the database connection is unusable and should be opened again.
    pub fn connection_lost(&self) -> bool {
        self.kind == StorageErrorKind::InvalidState
    }
}

/// `QuotaExceededError: <message>`, as staff see it.
impl fmt::Display for StorageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.message.is_empty() {
            f.write_str(self.kind.name())
        } else {
            write!(f, "{}: {}", self.kind.name(), self.message)
        }
    }
}

impl std::error::Error for StorageError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outbox_error_names_map_to_kinds_and_back() {
        for (kind, name) in StorageErrorKind::NAMES {
            assert_eq!(StorageErrorKind::from_name(name), kind, "{name}");
            assert_eq!(kind.name(), name);
        }
        assert_eq!(StorageErrorKind::from_name("QuotaExceededError"), StorageErrorKind::QuotaExceeded);
        assert_eq!(StorageErrorKind::from_name("InvalidStateError"), StorageErrorKind::InvalidState);
        // exact names only: no substring matching
        assert_eq!(StorageErrorKind::from_name("quotaexceedederror"), StorageErrorKind::Unknown);
        assert_eq!(StorageErrorKind::from_name("NotInvalidStateError"), StorageErrorKind::Unknown);
        assert_eq!(StorageErrorKind::from_name(""), StorageErrorKind::Unknown);
    }

    #[test]
    fn outbox_error_from_parts_keeps_a_readable_message() {
        let e = StorageError::from_parts("QuotaExceededError", "The quota has been exceeded.");
        assert_eq!(e.kind, StorageErrorKind::QuotaExceeded);
        assert_eq!(e.to_string(), "QuotaExceededError: The quota has been exceeded.");
        assert!(!e.connection_lost());

        let e = StorageError::from_parts("InvalidStateError", "The database connection is closing.");
        assert!(e.connection_lost());

        // an unknown name is kept in the text
        let e = StorageError::from_parts("TypeError", "ids.map is not a function");
        assert_eq!(e.kind, StorageErrorKind::Unknown);
        assert_eq!(e.to_string(), "UnknownError: TypeError: ids.map is not a function");
        assert_eq!(StorageError::from_parts("UnknownError", "").to_string(), "UnknownError");
        assert_eq!(StorageError::from_parts("", "odd").to_string(), "UnknownError: odd");
    }
}
