//! The shape of `config.json`.
//!
//! Every type denies unknown fields, and [`super::parse`] lists each one (with its JSON
//! path) rather than stopping at the first, so every typo shows at once. The JSON Schema in
//! `docs/config.schema.json` is generated from these types (natively, by schemars, which
//! reads the `#[serde(...)]` attributes), with the same rule as `additionalProperties: false`.
//! The wasm reads them with the one-pass decoder of `decode.rs`, which `config_type!`
//! generates from the same field list, so the schema and the reader cannot drift apart.

use crate::config::decode::decode_enum;
use crate::lang::Lang;

/// Declares a config struct: the ONE place its fields are listed. It derives `Debug`,
/// `Clone`, `PartialEq`, natively `schemars::JsonSchema` (with `deny_unknown_fields`), and
/// generates its one-pass decoder ([`super::decode::Decode`]). There is no serde
/// `Deserialize`: on wasm every field attribute is dropped (they only feed the schema).
///
/// Form: outer attributes (doc comments, `#[derive(Default)]`…) then
/// `pub struct Name { $(#[attr])* pub field: Type, … }` (named fields, all `pub`).
/// Field attributes understood:
/// - `#[serde(default)]`: absent (or unreadable, after reporting it) → `Default::default()`;
/// - `#[serde(default = "f")]`: the same with `f()`; `f` is a plain function name in scope;
/// - `#[serde(rename = "x")]`: the key in the file is `x`;
/// - several in one attribute, in any order: `#[serde(rename = "zh-Hans", default)]`;
/// - doc comments and `#[cfg_attr(not(target_arch = "wasm32"), schemars(...))]`: passed on to
///   the schema only.
///
/// Any other `serde(...)` argument is a compile error, so the decoder never silently differs
/// from the schema. A field without a default is required, except `Option<T>`, which is
/// `None` when absent (as with serde). Field types must implement `Decode`: `String`, `bool`,
/// `u32`, `i32`, `f64`, `Option<T>`, `Vec<T>`, other `config_type!` structs, and enums given
/// `decode_enum!`.
macro_rules! config_type {
    (
        $(#[$m:meta])*
        pub struct $name:ident {
            $(
                $(#[$($fa:tt)*])*
                pub $f:ident : $t:ty
            ),* $(,)?
        }
    ) => {
        $(#[$m])*
        #[derive(Debug, Clone, PartialEq)]
        #[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema), serde(deny_unknown_fields))]
        pub struct $name {
            $(
                $(#[cfg_attr(not(target_arch = "wasm32"), $($fa)*)])*
                pub $f: $t,
            )*
        }

        impl $crate::config::decode::Decode for $name {
            // Once per type, not inlined at every field of this type (`Text` has ~20).
            #[inline(never)]
            fn decode(v: &serde_json::Value, cx: &mut $crate::config::decode::Cx) -> Option<Self> {
                const FIELDS: &[&str] = &[$(config_field!(key, cx, m, $f, $t, [], [], $([$($fa)*])*)),*];
                let m = cx.object(v, stringify!($name), FIELDS)?;
                $(let $f = config_field!(dec, cx, m, $f, $t, [], [], $([$($fa)*])*);)*
                // One match, not a `?` per field: one drop on failure, not a cascade of them.
                match ($($f,)*) {
                    ($(Some($f),)*) => Some($name { $($f),* }),
                    _ => None,
                }
            }
        }
    };
}

/// One field of `config_type!`: reads its attributes (`key` mode gives the key in the file,
/// `dec` mode the expression that reads the field).
macro_rules! config_field {
    // serde(...) arguments, one at a time
    (@serde $mode:ident, $cx:ident, $m:ident, $f:ident, $t:ty, $key:tt, $def:tt, [$($rest:tt)*], ) => {
        config_field!($mode, $cx, $m, $f, $t, $key, $def, $($rest)*)
    };
    (@serde $mode:ident, $cx:ident, $m:ident, $f:ident, $t:ty, $key:tt, $def:tt, $rest:tt, rename = $k:literal $(, $($s:tt)*)?) => {
        config_field!(@serde $mode, $cx, $m, $f, $t, [$k], $def, $rest, $($($s)*)?)
    };
    (@serde $mode:ident, $cx:ident, $m:ident, $f:ident, $t:ty, $key:tt, $def:tt, $rest:tt, default = $d:literal $(, $($s:tt)*)?) => {
        config_field!(@serde $mode, $cx, $m, $f, $t, $key, [fn $d], $rest, $($($s)*)?)
    };
    (@serde $mode:ident, $cx:ident, $m:ident, $f:ident, $t:ty, $key:tt, $def:tt, $rest:tt, default $(, $($s:tt)*)?) => {
        config_field!(@serde $mode, $cx, $m, $f, $t, $key, [std], $rest, $($($s)*)?)
    };
    (@serde $mode:ident, $cx:ident, $m:ident, $f:ident, $t:ty, $key:tt, $def:tt, $rest:tt, $($other:tt)*) => {
        compile_error!(concat!(
            "config_type!: unsupported serde attribute on `", stringify!($f), "`: ", stringify!($($other)*),
            " (supported: default, default = \"fn\", rename = \"key\")"
        ))
    };
    // how the field is read, once its attributes are all seen
    (@dec $cx:ident, $m:ident, $t:ty, $key:expr, ) => { $cx.required::<$t>($m, $key) };
    (@dec $cx:ident, $m:ident, $t:ty, $key:expr, std) => { $cx.field::<$t>($m, $key).or_default() };
    (@dec $cx:ident, $m:ident, $t:ty, $key:expr, fn $d:literal) => {
        $cx.field::<$t>($m, $key).or_else(paste::paste!([<$d>]))
    };
    // all attributes seen
    (key, $cx:ident, $m:ident, $f:ident, $t:ty, [$k:literal], $def:tt, ) => { $k };
    (key, $cx:ident, $m:ident, $f:ident, $t:ty, [], $def:tt, ) => { stringify!($f) };
    (dec, $cx:ident, $m:ident, $f:ident, $t:ty, [$k:literal], [$($def:tt)*], ) => {
        config_field!(@dec $cx, $m, $t, $k, $($def)*)
    };
    (dec, $cx:ident, $m:ident, $f:ident, $t:ty, [], [$($def:tt)*], ) => {
        config_field!(@dec $cx, $m, $t, stringify!($f), $($def)*)
    };
    // the next attribute
    ($mode:ident, $cx:ident, $m:ident, $f:ident, $t:ty, $key:tt, $def:tt, [serde($($s:tt)*)] $($rest:tt)*) => {
        config_field!(@serde $mode, $cx, $m, $f, $t, $key, $def, [$($rest)*], $($s)*)
    };
    ($mode:ident, $cx:ident, $m:ident, $f:ident, $t:ty, $key:tt, $def:tt, [$($other:tt)*] $($rest:tt)*) => {
        config_field!($mode, $cx, $m, $f, $t, $key, $def, $($rest)*)
    };
}

config_type! {
    /// A text shown to customers, per language.
    ///
    /// Fallback when the current language is missing: zh-Hant → zh-Hans → en;
    /// zh-Hans → zh-Hant → en; en → zh-Hans → zh-Hant. At least one language must be present.
    #[derive(Default)]
    pub struct Text {
        #[serde(rename = "zh-Hans", default)]
        pub zh_hans: Option<String>,
        #[serde(rename = "zh-Hant", default)]
        pub zh_hant: Option<String>,
        #[serde(default)]
        pub en: Option<String>,
    }
}

impl Text {
    fn slot(&self, lang: Lang) -> Option<&str> {
        let s = match lang {
            Lang::ZhHans => &self.zh_hans,
            Lang::ZhHant => &self.zh_hant,
            Lang::En => &self.en,
        };
        s.as_deref().filter(|s| !s.trim().is_empty())
    }

    /// The text in `lang`, or in the documented fallback order, with the language actually
    /// used (so the UI can mark it with the right `lang` attribute).
    pub fn get_with_lang(&self, lang: Lang) -> (&str, Lang) {
        let order: [Lang; 3] = match lang {
            Lang::ZhHans => [Lang::ZhHans, Lang::ZhHant, Lang::En],
            Lang::ZhHant => [Lang::ZhHant, Lang::ZhHans, Lang::En],
            Lang::En => [Lang::En, Lang::ZhHans, Lang::ZhHant],
        };
        order
            .iter()
            .find_map(|l| self.slot(*l).map(|s| (s, *l)))
            .unwrap_or(("", lang))
    }

    pub fn get(&self, lang: Lang) -> &str {
        self.get_with_lang(lang).0
    }

    pub fn is_empty(&self) -> bool {
        Lang::ALL.iter().all(|l| self.slot(*l).is_none())
    }

    /// Languages this text lacks (shown to staff as a warning, never an error).
    pub fn missing(&self) -> Vec<Lang> {
        Lang::ALL.iter().copied().filter(|l| self.slot(*l).is_none()).collect()
    }
}

/// Standard or large-text presentation.
// serde: records and the device setup store the mode (not the config).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize, serde::Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Mode {
    #[default]
    Standard,
    Large,
}

impl Mode {
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Standard => "standard",
            Mode::Large => "large",
        }
    }
    pub fn parse(s: &str) -> Option<Mode> {
        match s.trim().to_ascii_lowercase().as_str() {
            "standard" | "normal" => Some(Mode::Standard),
            "large" | "large-text" | "big" => Some(Mode::Large),
            _ => None,
        }
    }
}

/// The three customer journeys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema), serde(rename_all = "kebab-case"))]
pub enum Journey {
    Survey,
    Feedback,
    Wayfinding,
}

impl Journey {
    pub const ALL: [Journey; 3] = [Journey::Survey, Journey::Feedback, Journey::Wayfinding];
    pub fn as_str(self) -> &'static str {
        match self {
            Journey::Survey => "survey",
            Journey::Feedback => "feedback",
            Journey::Wayfinding => "wayfinding",
        }
    }
    pub fn parse(s: &str) -> Option<Journey> {
        match s.trim().to_ascii_lowercase().as_str() {
            "survey" | "rate" => Some(Journey::Survey),
            "feedback" | "suggestion" | "suggestions" => Some(Journey::Feedback),
            "wayfinding" | "map" | "directory" => Some(Journey::Wayfinding),
            _ => None,
        }
    }
}

config_type! {
    /// The whole `config.json`.
    pub struct Config {
        /// Format version of this file; this build reads version 1.
        #[cfg_attr(not(target_arch = "wasm32"), schemars(range(min = 1, max = 1)))]
        pub version: u32,
        pub store: Store,
        pub endpoint: Endpoint,
        #[serde(default)]
        pub defaults: Defaults,
        pub touchpoints: Vec<Touchpoint>,
        pub survey: Survey,
        pub feedback: Feedback,
        pub map: StoreMap,
        /// Staff mode; without it the staff screen says it is not set up and lets no one in.
        #[serde(default)]
        pub staff: Option<Staff>,
    }
}

config_type! {
    /// Staff mode settings.
    pub struct Staff {
        /// The staff PIN, as a salted hash (print one with `storevoice pin-hash`).
        pub pin: PinHash,
    }
}

config_type! {
    /// A PIN as PBKDF2-HMAC-SHA256 of the PIN's UTF-8 bytes: never the PIN itself.
    pub struct PinHash {
        /// Random salt, standard base64 with padding, at least 16 bytes.
        pub salt: String,
        /// PBKDF2 iterations, at least 100,000.
        #[cfg_attr(not(target_arch = "wasm32"), schemars(range(min = 100000, max = 10000000)))]
        pub iterations: u32,
        /// The 32-byte derived key, standard base64 with padding.
        pub hash: String,
    }
}

config_type! {
    pub struct Store {
        /// Short id, sent with every record (`[a-z0-9-]`).
        #[cfg_attr(not(target_arch = "wasm32"), schemars(pattern(r"^[a-z0-9][a-z0-9-]{0,63}$")))]
        pub id: String,
        pub name: Text,
        #[serde(default)]
        pub tagline: Option<Text>,
        pub brand: Brand,
        /// Opening hours. Without them the store counts as always open.
        #[serde(default)]
        pub hours: Option<Hours>,
    }
}

config_type! {
    /// Opening hours: a regular week plus dated exceptions (holidays closed, special hours).
    ///
    /// A span whose `close` is not after its `open` runs past midnight: `{"open": "18:00",
    /// "close": "02:00"}` is open until 02:00 the next morning. That span belongs to the day
    /// it opens on, so an exception for the next day does not cut it short. `close` may be
    /// `"24:00"` (midnight at the end of the day).
    pub struct Hours {
        /// The store's offset from UTC, `+08:00` (fixed: no daylight saving); the device's own
        /// time zone when absent. A touchpoint's hours without an offset use the store's.
        #[serde(default)]
        #[cfg_attr(not(target_arch = "wasm32"), schemars(pattern(r"^[+-][0-9]{2}:[0-9]{2}$")))]
        pub utc_offset: Option<String>,
        /// Regular hours by weekday; a weekday left out is closed all day.
        pub week: Week,
        /// Dates with other hours: an empty `spans` means closed that day.
        #[serde(default)]
        pub exceptions: Vec<HoursException>,
    }
}

config_type! {
    /// Opening spans of each weekday (an empty or missing list: closed).
    pub struct Week {
        #[serde(default)]
        pub mon: Vec<Span>,
        #[serde(default)]
        pub tue: Vec<Span>,
        #[serde(default)]
        pub wed: Vec<Span>,
        #[serde(default)]
        pub thu: Vec<Span>,
        #[serde(default)]
        pub fri: Vec<Span>,
        #[serde(default)]
        pub sat: Vec<Span>,
        #[serde(default)]
        pub sun: Vec<Span>,
    }
}

config_type! {
    /// One opening span, local time `HH:MM` (24-hour clock).
    pub struct Span {
        #[cfg_attr(not(target_arch = "wasm32"), schemars(pattern(r"^([01][0-9]|2[0-3]):[0-5][0-9]$")))]
        pub open: String,
        /// Not after `open`: closes the next day.
        #[cfg_attr(not(target_arch = "wasm32"), schemars(pattern(r"^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$")))]
        pub close: String,
    }
}

config_type! {
    /// Other hours on one date (`YYYY-MM-DD`, the store's local date).
    pub struct HoursException {
        #[cfg_attr(not(target_arch = "wasm32"), schemars(pattern(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")))]
        pub date: String,
        /// Opening spans that day; empty or absent: closed all day.
        #[serde(default)]
        pub spans: Vec<Span>,
        /// Shown with the hours, e.g. "Spring Festival".
        #[serde(default)]
        pub note: Option<Text>,
    }
}

config_type! {
    pub struct Brand {
        /// Brand colour as `#rrggbb`; used for buttons and accents.
        #[cfg_attr(not(target_arch = "wasm32"), schemars(pattern(r"^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")))]
        pub color: String,
        /// Logo image, relative to the app's base URL (or an https URL).
        #[serde(default)]
        pub logo: Option<String>,
    }
}

config_type! {
    /// Where finished answers are posted.
    pub struct Endpoint {
        /// Must be https, except for localhost / 127.0.0.1 / [::1].
        #[cfg_attr(not(target_arch = "wasm32"), schemars(pattern(r"^(?i:https://[^/?#\s]+|http://(localhost|127\.0\.0\.1|\[::1\])([:/?#]|$))")))]
        pub url: String,
        /// `batch` (default): CloudEvents batches of up to 100 events per POST
        /// (`application/cloudevents-batch+json`). `single`: one structured-mode event per POST
        /// (`application/cloudevents+json`), for sinks that take no batches, such as a Knative
        /// Eventing broker.
        #[serde(default)]
        pub format: EndpointFormat,
    }
}

/// How events are posted to the endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema), serde(rename_all = "kebab-case"))]
pub enum EndpointFormat {
    #[default]
    Batch,
    Single,
}

config_type! {
    pub struct Defaults {
        #[serde(default)]
        pub language: Lang,
        #[serde(default)]
        pub mode: Mode,
        /// The touchpoint used when the URL names none; the first one if absent.
        #[serde(default)]
        pub touchpoint: Option<String>,
    }
}

impl Default for Defaults {
    fn default() -> Self {
        Defaults { language: Lang::ZhHans, mode: Mode::Standard, touchpoint: None }
    }
}

/// What kind of place a touchpoint is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema), serde(rename_all = "kebab-case"))]
pub enum TouchpointKind {
    /// A shared tablet at the exit: reset between customers.
    ExitKiosk,
    /// A printed QR code that customers open on their own phones.
    Qr,
    /// A tablet at the service desk, usually with staff beside the customer.
    ServiceDesk,
}

config_type! {
    /// Where a customer is when they use StoreVoice.
    pub struct Touchpoint {
        #[cfg_attr(not(target_arch = "wasm32"), schemars(pattern(r"^[a-z0-9][a-z0-9-]{0,63}$")))]
        pub id: String,
        pub kind: TouchpointKind,
        pub name: Text,
        /// Presentation this touchpoint starts in.
        #[serde(default)]
        pub mode: Option<Mode>,
        /// Journeys offered here; all three when absent.
        #[serde(default)]
        pub journeys: Option<Vec<Journey>>,
        /// Optional bearer token this device sends to the endpoint.
        #[serde(default)]
        pub token: Option<String>,
        /// "You are here": the walkway node where this touchpoint stands.
        #[serde(default)]
        pub node: Option<String>,
        /// This touchpoint's own opening hours, in place of the store's.
        #[serde(default)]
        pub hours: Option<Hours>,
    }
}

config_type! {
    /// The "rate your visit" questionnaire.
    pub struct Survey {
        pub id: String,
        pub version: u32,
        pub title: Text,
        pub questions: Vec<Question>,
        /// In large-text mode a tap on a single-tap scale does not move on by itself: the
        /// customer checks the choice and taps Next (a mis-tap is easy to see and undo). Set
        /// `true` to let questions with `auto_advance` move on in large-text mode too.
        #[serde(default)]
        pub auto_advance_large: bool,
    }
}

// Natively also serde `Deserialize`: tests/docs_examples.rs reads the `type` of documented
// answers with it.
/// The kinds of question the questionnaire can ask.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(
    not(target_arch = "wasm32"),
    derive(schemars::JsonSchema, serde::Deserialize),
    serde(rename_all = "kebab-case")
)]
pub enum QuestionKind {
    /// 0–10 "how likely are you to recommend us".
    Nps,
    /// 1–5 satisfaction, faces plus words.
    Csat,
    /// Several 1–5 rows (service attitude, professionalism…), combined into a 0–100 index.
    Csi,
    SingleChoice,
    MultipleChoice,
    FreeText,
}

config_type! {
    pub struct Question {
        pub id: String,
        #[serde(rename = "type")]
        pub kind: QuestionKind,
        pub text: Text,
        #[serde(default)]
        pub required: bool,
        /// NPS end labels.
        #[serde(default)]
        pub labels: Option<ScaleLabels>,
        /// CSI dimensions.
        #[serde(default)]
        pub rows: Option<Vec<CsiRow>>,
        /// Choice options.
        #[serde(default)]
        pub options: Option<Vec<ChoiceOption>>,
        /// Multiple choice: offer an "other" option with a text field.
        #[serde(default)]
        pub other: bool,
        /// Free text: maximum length in characters.
        #[serde(default)]
        pub max_length: Option<u32>,
        /// Show this question only when an earlier answer meets this rule.
        #[serde(default)]
        pub show_if: Option<Condition>,
        /// Single-tap scales move on by themselves.
        #[serde(default)]
        pub auto_advance: Option<bool>,
    }
}

config_type! {
    pub struct ScaleLabels {
        pub low: Text,
        pub high: Text,
    }
}

config_type! {
    pub struct CsiRow {
        pub id: String,
        pub text: Text,
        /// Relative weight in the index; rows default to 1.
        #[serde(default = "one")]
        pub weight: f64,
    }
}

fn one() -> f64 {
    1.0
}

config_type! {
    pub struct ChoiceOption {
        pub id: String,
        pub text: Text,
    }
}

config_type! {
    /// `question` must be an earlier question; exactly one comparison is given.
    pub struct Condition {
        pub question: String,
        #[serde(default)]
        pub at_most: Option<f64>,
        #[serde(default)]
        pub at_least: Option<f64>,
        /// For choice questions: shown when any of these options was chosen.
        #[serde(default)]
        pub any_of: Option<Vec<String>>,
    }
}

config_type! {
    /// The suggestion box.
    pub struct Feedback {
        pub categories: Vec<Category>,
        /// Consent text shown beside the (unticked) consent box: purpose, how long contact
        /// details are kept, how to ask for deletion.
        pub consent: Text,
        /// Maximum length of the free text, in characters.
        #[serde(default = "default_feedback_max")]
        pub max_length: u32,
        /// Promised reply time shown on the thank-you screen.
        #[serde(default)]
        pub reply_promise: Option<Text>,
        /// Optional fields offered with the text.
        #[serde(default)]
        pub fields: Vec<FeedbackField>,
    }
}

/// Optional details a store may ask for in the suggestion box.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema), serde(rename_all = "kebab-case"))]
pub enum FeedbackField {
    Department,
    StaffMember,
    VisitDate,
}

fn default_feedback_max() -> u32 {
    1000
}

config_type! {
    pub struct Category {
        pub id: String,
        pub name: Text,
    }
}

config_type! {
    /// The store's floors and places, for "find your way".
    pub struct StoreMap {
        pub floors: Vec<Floor>,
        pub places: Vec<Place>,
        /// Walkway graph: points on the floors where people walk.
        #[serde(default)]
        pub nodes: Vec<WalkNode>,
        /// Walkway graph: two-way connections between nodes.
        #[serde(default)]
        pub edges: Vec<WalkEdge>,
    }
}

config_type! {
    /// A point of the walkway graph.
    pub struct WalkNode {
        pub id: String,
        pub floor: String,
        pub x: f64,
        pub y: f64,
    }
}

/// How one gets from one node to the next (the walkway graph's own edge kind).
pub use crate::wayfinding::graph::WalkKind;

config_type! {
    /// A two-way connection. `length` in metres defaults to the straight distance on one
    /// floor; a connection between floors (stairs, escalator, lift, ramp) needs it.
    pub struct WalkEdge {
        pub from: String,
        pub to: String,
        pub kind: WalkKind,
        #[serde(default)]
        pub length: Option<f64>,
    }
}

config_type! {
    pub struct Floor {
        pub id: String,
        pub name: Text,
        /// 0 for the ground floor, negative below ground.
        pub level: i32,
        /// Size of the floor plan in metres (the drawing's outline).
        #[serde(default = "plan_width")]
        pub width: f64,
        #[serde(default = "plan_height")]
        pub height: f64,
    }
}

fn plan_width() -> f64 {
    100.0
}
fn plan_height() -> f64 {
    64.0
}

/// What a place on the map is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema), serde(rename_all = "kebab-case"))]
pub enum PlaceKind {
    Department,
    Brand,
    Service,
    Toilets,
    AccessibleToilet,
    BabyCare,
    ServiceDesk,
    Lockers,
    Lift,
    Escalator,
    Stairs,
    Exit,
    Atm,
    RestArea,
    Food,
}

config_type! {
    pub struct Place {
        pub id: String,
        pub kind: PlaceKind,
        pub name: Text,
        pub floor: String,
        /// Position on the floor plan, in metres from the plan's top-left corner.
        pub x: f64,
        pub y: f64,
        #[serde(default)]
        pub keywords: Option<Text>,
        #[serde(default)]
        pub hours: Option<String>,
        /// The walkway node at its entrance; routes lead there.
        #[serde(default)]
        pub node: Option<String>,
    }
}

impl WalkEdge {
    /// Length of this connection between `a` and `b` in metres: as configured, else the
    /// straight distance on one floor; `None` between floors without a configured length
    /// (a config error).
    pub fn length_between(&self, a: &WalkNode, b: &WalkNode) -> Option<f64> {
        match self.length {
            Some(l) => Some(l),
            None if a.floor == b.floor => Some((a.x - b.x).hypot(a.y - b.y)),
            None => None,
        }
    }
}

// How the enums of names are read (the names serde's `rename_all = "kebab-case"` gives them
// in the schema; `tests.rs` reads every name the schema lists).
decode_enum!(Lang { ZhHans = "zh-Hans", ZhHant = "zh-Hant", En = "en" });
decode_enum!(Mode { Standard = "standard", Large = "large" });
decode_enum!(Journey { Survey = "survey", Feedback = "feedback", Wayfinding = "wayfinding" });
decode_enum!(EndpointFormat { Batch = "batch", Single = "single" });
decode_enum!(TouchpointKind { ExitKiosk = "exit-kiosk", Qr = "qr", ServiceDesk = "service-desk" });
decode_enum!(QuestionKind {
    Nps = "nps",
    Csat = "csat",
    Csi = "csi",
    SingleChoice = "single-choice",
    MultipleChoice = "multiple-choice",
    FreeText = "free-text",
});
decode_enum!(FeedbackField { Department = "department", StaffMember = "staff-member", VisitDate = "visit-date" });
decode_enum!(WalkKind { Walk = "walk", Stairs = "stairs", Escalator = "escalator", Lift = "lift", Ramp = "ramp" });
decode_enum!(PlaceKind {
    Department = "department",
    Brand = "brand",
    Service = "service",
    Toilets = "toilets",
    AccessibleToilet = "accessible-toilet",
    BabyCare = "baby-care",
    ServiceDesk = "service-desk",
    Lockers = "lockers",
    Lift = "lift",
    Escalator = "escalator",
    Stairs = "stairs",
    Exit = "exit",
    Atm = "atm",
    RestArea = "rest-area",
    Food = "food",
});
