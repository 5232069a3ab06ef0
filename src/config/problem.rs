//! What can be wrong with a config, as data. The words for each kind live in the
//! per-language string tables (`i18n`), so the error screen speaks the reader's language.

/// One problem found in `config.json`, at a JSON path such as `touchpoints[2].mode`.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// Where: `store.brand.color`, `touchpoints[0].id`; empty for the whole file.
    ///
    /// Syntax: `""` (the document) or segments one after another: a key made only of ASCII
    /// letters, digits, `_` and `-` is written as is (after a `.` unless it comes first), an
    /// array index as `[2]`, and any other key as a JSON string literal in brackets:
    /// `store["a.b"]`, `store.name["zh\u200dHans"]`. In that literal, `"`, `\`, control
    /// characters and invisible or bidirectional format characters are escaped, so the error
    /// screen shows exactly what is in the file and a key cannot reorder the text around it.
    pub path: String,
    pub kind: ProblemKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ProblemKind {
    /// The file is not valid JSON.
    Syntax { line: usize, column: usize },
    /// A field this version does not know (often a typo).
    UnknownField { field: String },
    /// A required field is absent.
    MissingField { field: String },
    /// A value of the wrong JSON type, e.g. a string where a number belongs.
    WrongType { found: String, expected: String },
    /// A value outside the allowed set, e.g. `"mode": "huge"`.
    UnknownValue { found: String, allowed: Vec<String> },
    /// Any other value the parser refused (message from the parser, untranslated).
    Invalid { detail: String },
    /// `version` is not one this build reads.
    UnsupportedVersion { found: u32, supported: u32 },
    /// The endpoint is plain http on a host other than localhost.
    InsecureEndpoint,
    /// Not a usable absolute URL.
    InvalidUrl,
    /// Not a `#rrggbb` colour.
    InvalidColor,
    /// Ids are used in URLs and records: lowercase letters, digits and `-`.
    InvalidId,
    /// Two entries share an id.
    DuplicateId { id: String },
    /// A reference to an id that does not exist.
    UnknownReference { id: String },
    /// A text with no language filled in.
    EmptyText,
    /// A list that needs at least one entry is empty.
    EmptyList,
    /// A number outside its allowed range.
    OutOfRange { min: f64, max: f64 },
    /// A logo or link that is neither relative nor https.
    UnsafeLink,
    /// A field that questions of this type do not use (e.g. `options` on an NPS question).
    FieldNotUsed { field: String, kind: String },
    /// A field that questions of this type need (e.g. `options` on a choice question).
    FieldRequired { field: String, kind: String },
    /// A condition that refers to its own question or to one that comes later.
    ForwardReference { id: String },
    /// A condition that can never be met (a value outside the scale, a rule that does not fit
    /// the question it refers to).
    ImpossibleCondition,
    /// A condition must have exactly one of `at_most`, `at_least`, `any_of`.
    InvalidCondition,
    /// A walkway connection of kind `walk` joins two floors: use stairs, escalator, lift or ramp.
    FloorChangeWithoutConnector,
    /// A connection between floors needs its `length` in metres.
    LengthNeeded,
    /// No walkway route leads here from where the customer stands.
    Unreachable { from: String },
    /// A bearer token that is empty or contains spaces or control characters.
    InvalidToken,
    /// Not standard base64 (with `=` padding).
    NotBase64,
    /// Decoded bytes of the wrong length (`min == max` when it must be exact).
    ByteLength { min: usize, max: usize },
    // opening hours
    /// Not a time of day `HH:MM` (24-hour clock; `24:00` only as a closing time).
    InvalidTime,
    /// Not a calendar date `YYYY-MM-DD`.
    InvalidDate,
    /// Not a UTC offset `+HH:MM` / `-HH:MM` within ±14:00.
    InvalidUtcOffset,
    /// A span that opens and closes at the same minute (for all day, write 00:00–24:00).
    EmptySpan,
    /// Two exceptions for the same date.
    DuplicateDate { date: String },
}

/// Appends one object key to a path, in the syntax of [`Problem::path`].
pub(crate) fn push_key(path: &mut String, key: &str) {
    let plain = !key.is_empty() && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    if plain {
        if !path.is_empty() {
            path.push('.');
        }
        path.push_str(key);
        return;
    }
    path.push_str("[\"");
    for c in key.chars() {
        match c {
            '"' => path.push_str("\\\""),
            '\\' => path.push_str("\\\\"),
            c if is_invisible(c) => {
                let mut units = [0u16; 2];
                for u in c.encode_utf16(&mut units) {
                    path.push_str(&format!("\\u{u:04x}"));
                }
            }
            c => path.push(c),
        }
    }
    path.push_str("\"]");
}

/// Characters that do not show, or that reorder the text around them: control characters,
/// zero-width and bidirectional marks, soft hyphen, word joiners, BOM, tag characters.
pub(crate) fn is_invisible(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{AD}' | '\u{61C}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{2028}'..='\u{202E}'
                | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206F}' | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}'
                | '\u{E0000}'..='\u{E007F}'
        )
}

impl Problem {
    pub fn new(path: impl Into<String>, kind: ProblemKind) -> Self {
        Problem { path: path.into(), kind }
    }
}
