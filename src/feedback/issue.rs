//! What the suggestion-box form can complain about, and where.

/// A field of the form that a problem can be attached to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Kind,
    Category,
    Text,
    VisitDate,
    Name,
    Phone,
    Email,
    Channel,
}

impl Field {
    /// Stable name, used for element ids (`err-visit-date`).
    pub fn key(self) -> &'static str {
        match self {
            Field::Kind => "kind",
            Field::Category => "category",
            Field::Text => "text",
            Field::VisitDate => "visit-date",
            Field::Name => "name",
            Field::Phone => "phone",
            Field::Email => "email",
            Field::Channel => "channel",
        }
    }
}

/// Everything the form can complain about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Issue {
    NoKind,
    NoCategory,
    EmptyText,
    /// Longer than the limit, in characters.
    TooLong(u32),
    BadDate,
    BadPhone,
    BadEmail,
    /// Consent given but no way to reach the customer.
    NothingToReachBy,
    /// The preferred channel has no matching detail (e.g. email chosen, no email given).
    ChannelMissing,
    NameTooLong,
}
