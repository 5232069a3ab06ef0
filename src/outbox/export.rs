//! Outbox care, the pure part: what staff export of the records still on the device (NDJSON
//! and CSV), and the small texts the care screen shows (kind, shortened reason, sizes).
//!
//! Plain functions over plain data so they are tested natively; the screen
//! (`app/pages/staff_outbox.rs`) only gathers the rows from IndexedDB and hands the text to
//! the browser as a download. Exporting never deletes anything.
//!
//! Contact details: a record still waiting to be sent keeps them on the device, encrypted
//! apart from the event; the export decrypts them and says so (`contact_note: "included"`).
//! A record the endpoint refused had them deleted when it was moved to `rejected`, so an
//! export cannot have them: `contact_note: "deleted-when-refused"` (when the customer had
//! consented), never a silent blank.

use serde_json::{json, Value};

use super::cloudevent::{with_contact, Contact};
use crate::time::rfc3339_from_millis;

/// The store of the outbox a record is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outbox {
    /// Waiting to be sent.
    Pending,
    /// Refused by the endpoint as bad (4xx per event); kept for staff.
    Rejected,
}

impl Outbox {
    pub fn as_str(self) -> &'static str {
        match self {
            Outbox::Pending => "pending",
            Outbox::Rejected => "rejected",
        }
    }
}

/// What a record is, from its CloudEvent `type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Survey,
    Feedback,
    /// A type this build does not know (a newer or damaged record): still exported.
    Other,
}

impl Kind {
    pub fn of_type(ty: &str) -> Kind {
        if ty.starts_with("storevoice.survey-response.") {
            Kind::Survey
        } else if ty.starts_with("storevoice.feedback.") {
            Kind::Feedback
        } else {
            Kind::Other
        }
    }

    /// The kind of a stored event (JSON text).
    pub fn of_event(event: &str) -> Kind {
        serde_json::from_str::<Value>(event)
            .ok()
            .and_then(|v| v.get("type").and_then(Value::as_str).map(Kind::of_type))
            .unwrap_or(Kind::Other)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Survey => "survey",
            Kind::Feedback => "feedback",
            Kind::Other => "other",
        }
    }
}

/// The contact details the device still has for a record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ContactFound {
    /// The record has none stored (none given, or a refused record: they were deleted).
    Absent,
    /// Decrypted: the contact object as JSON text.
    Readable(String),
    /// The record has some, but they cannot be decrypted any more (key gone, row damaged).
    Unreadable,
    /// The record had some, deleted from the device when the endpoint refused it.
    Deleted,
}

/// What the export says about a record's contact details (`contact_note`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContactNote {
    /// Still on the device, decrypted into the export.
    Included,
    /// The customer left none (no consent, or a survey).
    None,
    /// They were stored but cannot be read any more.
    Unreadable,
    /// The customer consented, but the record was refused by the endpoint and its contact
    /// details were deleted from the device then.
    DeletedWhenRefused,
}

impl ContactNote {
    pub fn as_str(self) -> &'static str {
        match self {
            ContactNote::Included => "included",
            ContactNote::None => "none",
            ContactNote::Unreadable => "unreadable",
            ContactNote::DeletedWhenRefused => "deleted-when-refused",
        }
    }
}

/// The endpoint's answer that moved a record to `rejected`.
#[derive(Debug, Clone, PartialEq)]
pub struct Refusal {
    pub status: u16,
    /// The response body, as received.
    pub response: String,
    /// When it was refused (ms since the epoch).
    pub at: f64,
}

/// One record still on the device, as the export sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub outbox: Outbox,
    pub id: String,
    /// The CloudEvent as stored (JSON text, never with contact details in it).
    pub event: String,
    pub queued_at: f64,
    /// Set for records in `rejected`.
    pub refusal: Option<Refusal>,
    pub contact: ContactFound,
}

impl Item {
    fn parsed(&self) -> Option<Value> {
        serde_json::from_str(&self.event).ok()
    }

    /// The contact object, when the device still has it readable.
    fn contact_object(&self) -> Option<Value> {
        match &self.contact {
            ContactFound::Readable(json) => serde_json::from_str::<Value>(json).ok().filter(Value::is_object),
            _ => None,
        }
    }

    pub fn contact_note(&self) -> ContactNote {
        match (&self.contact, self.outbox) {
            (ContactFound::Readable(_), _) if self.contact_object().is_some() => ContactNote::Included,
            (ContactFound::Readable(_) | ContactFound::Unreadable, _) => ContactNote::Unreadable,
            (ContactFound::Deleted, _) => ContactNote::DeletedWhenRefused,
            // refused before the device noted that contact details were deleted: the consent says
            (ContactFound::Absent, Outbox::Rejected) => {
                let consented = self.parsed().is_some_and(|v| v["data"]["consent"] == Value::Bool(true));
                if consented {
                    ContactNote::DeletedWhenRefused
                } else {
                    ContactNote::None
                }
            }
            (ContactFound::Absent, Outbox::Pending) => ContactNote::None,
        }
    }

    pub fn kind(&self) -> Kind {
        Kind::of_event(&self.event)
    }
}

/// One NDJSON line (without the newline): the record's place on the device, and the event
/// as it would be sent (contact details joined in only when still on the device).
pub fn ndjson_line(item: &Item) -> String {
    let event_text = match &item.contact {
        ContactFound::Readable(json) if item.contact_object().is_some() => with_contact(&item.event, Contact::Readable(json)),
        _ => item.event.clone(),
    };
    // A stored event that is not JSON (damaged) is kept as text rather than dropped.
    let event = serde_json::from_str::<Value>(&event_text).unwrap_or(Value::String(event_text));
    let r = item.refusal.as_ref();
    json!({
        "outbox": item.outbox.as_str(),
        "id": item.id,
        "kind": item.kind().as_str(),
        "queued_at": rfc3339_from_millis(item.queued_at),
        "rejected_at": r.map(|r| rfc3339_from_millis(r.at)),
        "http_status": r.map(|r| r.status),
        "endpoint_reason": r.map(|r| r.response.clone()),
        "contact_note": item.contact_note().as_str(),
        "event": event,
    })
    .to_string()
}

/// The whole NDJSON file: one line per record, each ending in `\n`.
pub fn ndjson(items: &[Item]) -> String {
    let mut out = String::new();
    for item in items {
        out.push_str(&ndjson_line(item));
        out.push('\n');
    }
    out
}

/// The CSV columns, in order. Machine names (like the event's fields), the same in every
/// language, so a spreadsheet or script reads any store's export alike.
pub const CSV_COLUMNS: [&str; 22] = [
    "outbox",
    "id",
    "kind",
    "type",
    "time",
    "touchpoint",
    "language",
    "queued_at",
    "rejected_at",
    "http_status",
    "endpoint_reason",
    "contact_note",
    "contact_name",
    "contact_phone",
    "contact_email",
    "nps",
    "csat",
    "csi",
    "feedback_kind",
    "category",
    "text",
    "data",
];

fn text_of(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The cells of one CSV row (before quoting), in [`CSV_COLUMNS`] order.
pub fn csv_cells(item: &Item) -> Vec<String> {
    let ev = item.parsed().unwrap_or(Value::Null);
    let data = &ev["data"];
    let contact = item.contact_object().unwrap_or(Value::Null);
    let r = item.refusal.as_ref();
    // `data` as stored (it never holds contact details; those have their own columns).
    let data_text = if ev.is_null() { item.event.clone() } else { text_of(data) };
    vec![
        item.outbox.as_str().to_string(),
        item.id.clone(),
        item.kind().as_str().to_string(),
        text_of(&ev["type"]),
        text_of(&ev["time"]),
        text_of(&data["touchpoint"]),
        text_of(&data["language"]),
        rfc3339_from_millis(item.queued_at),
        r.map(|r| rfc3339_from_millis(r.at)).unwrap_or_default(),
        r.map(|r| r.status.to_string()).unwrap_or_default(),
        r.map(|r| r.response.clone()).unwrap_or_default(),
        item.contact_note().as_str().to_string(),
        text_of(&contact["name"]),
        text_of(&contact["phone"]),
        text_of(&contact["email"]),
        text_of(&data["scores"]["nps"]),
        text_of(&data["scores"]["csat"]),
        text_of(&data["scores"]["csi"]),
        text_of(&data["feedback_kind"]),
        text_of(&data["category"]),
        text_of(&data["text"]),
        data_text,
    ]
}

/// A cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, or a leading tab or
/// carriage return, which some spreadsheets skip before looking) gets a leading `'`, so it
/// is shown as text. A customer's feedback text is untrusted input.
pub fn defuse(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_string(),
    }
}

/// One field as RFC 4180 writes it: defused, then quoted (inner quotes doubled) when it
/// holds a comma, a quote, CR or LF.
pub fn csv_field(cell: &str) -> String {
    let cell = defuse(cell);
    if cell.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell
    }
}

/// One CSV record with its CRLF.
pub fn csv_row<S: AsRef<str>>(cells: &[S]) -> String {
    let mut line = cells.iter().map(|c| csv_field(c.as_ref())).collect::<Vec<_>>().join(",");
    line.push_str("\r\n");
    line
}

/// The UTF-8 byte order mark: without it Excel reads a CSV as the system's legacy code page
/// and shows Chinese as mojibake.
pub const BOM: char = '\u{feff}';

/// The whole CSV file: BOM, header, one row per record, CRLF line ends (RFC 4180).
pub fn csv(items: &[Item]) -> String {
    let mut out = String::new();
    out.push(BOM);
    out.push_str(&csv_row(&CSV_COLUMNS));
    for item in items {
        out.push_str(&csv_row(&csv_cells(item)));
    }
    out
}

/// `storevoice-<store>-<YYYY-MM-DD>.<ext>`; the store id keeps only characters every file
/// system takes.
pub fn filename(store_id: &str, (y, m, d): (i64, u32, u32), ext: &str) -> String {
    let store: String =
        store_id.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '_' }).collect();
    let store = if store.is_empty() { "store".to_string() } else { store };
    format!("storevoice-{store}-{y:04}-{m:02}-{d:02}.{ext}")
}

/// The endpoint's answer for the screen: whitespace and control characters collapsed to
/// single spaces, at most `max` characters (then `…`). Shown as text, never as HTML.
pub fn shorten(body: &str, max: usize) -> String {
    let mut out = String::new();
    let mut space = false;
    for c in body.trim().chars() {
        if c.is_whitespace() || c.is_control() {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push(c);
    }
    if out.chars().count() > max {
        let mut cut: String = out.chars().take(max.saturating_sub(1)).collect();
        cut = cut.trim_end().to_string();
        cut.push('…');
        cut
    } else {
        out
    }
}

/// The endpoint's reason in its own words: when the body is JSON, the texts under the keys
/// endpoints use for reasons (`reason`, `message`, `detail`, `error`, `title`, at any depth,
/// at most three, without repeats) joined with "; "; otherwise the body as it is. The screen
/// then [`shorten`]s it; the export keeps the whole body.
pub fn reason_text(body: &str) -> String {
    fn walk(v: &Value, out: &mut Vec<String>) {
        if out.len() >= 3 {
            return;
        }
        match v {
            Value::Object(map) => {
                for key in ["reason", "message", "detail", "error", "title"] {
                    if let Some(Value::String(t)) = map.get(key) {
                        if !t.trim().is_empty() && !out.contains(t) && out.len() < 3 {
                            out.push(t.clone());
                        }
                    }
                }
                for child in map.values().filter(|c| c.is_object() || c.is_array()) {
                    walk(child, out);
                }
            }
            Value::Array(items) => items.iter().for_each(|i| walk(i, out)),
            _ => {}
        }
    }
    let mut found = Vec::new();
    if let Ok(v) = serde_json::from_str::<Value>(body) {
        walk(&v, &mut found);
    }
    if found.is_empty() {
        body.to_string()
    } else {
        found.join("; ")
    }
}

/// A byte count for people: `512 B`, `1.5 KB`, `23 MB`, `1.2 GB` (powers of 1024).
pub fn human_bytes(n: f64) -> String {
    if !n.is_finite() || n < 0.0 {
        return "?".into();
    }
    let units = ["B", "KB", "MB", "GB", "TB"];
    let mut v = n;
    let mut u = 0;
    while v >= 1024.0 && u + 1 < units.len() {
        v /= 1024.0;
        u += 1;
    }
    // Integer formatting only: the standard library's float formatting would cost the wasm
    // ~11 KB (see `crate::number`).
    let tenths = (v * 10.0).round() as u64;
    if u == 0 || tenths >= 100 {
        format!("{} {}", (tenths + 5) / 10, units[u])
    } else {
        format!("{}.{} {}", tenths / 10, tenths % 10, units[u])
    }
}

/// Local date and time for the screen: `2026-11-30 14:05`.
pub fn when(y: i64, mo: u32, d: u32, h: u32, mi: u32) -> String {
    format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A small RFC 4180 reader, for the round trip: fields separated by commas, records by
    /// CRLF, quoted fields may hold anything (`""` is a quote).
    fn parse_csv(text: &str) -> Option<Vec<Vec<String>>> {
        let mut rows = Vec::new();
        let mut row = Vec::new();
        let mut field = String::new();
        let mut chars = text.chars().peekable();
        let mut quoted = false;
        let mut at_start = true;
        while let Some(c) = chars.next() {
            if quoted {
                match c {
                    '"' if chars.peek() == Some(&'"') => {
                        chars.next();
                        field.push('"');
                    }
                    '"' => {
                        quoted = false;
                        // after a closing quote only a separator may follow
                        match chars.peek() {
                            None | Some(',') | Some('\r') => {}
                            _ => return None,
                        }
                    }
                    c => field.push(c),
                }
                continue;
            }
            match c {
                '"' if at_start => {
                    quoted = true;
                    at_start = false;
                }
                '"' => return None, // a bare quote inside an unquoted field
                ',' => {
                    row.push(std::mem::take(&mut field));
                    at_start = true;
                }
                '\r' => {
                    if chars.next() != Some('\n') {
                        return None;
                    }
                    row.push(std::mem::take(&mut field));
                    rows.push(std::mem::take(&mut row));
                    at_start = true;
                }
                '\n' => return None, // a bare LF outside quotes
                c => {
                    field.push(c);
                    at_start = false;
                }
            }
        }
        if quoted {
            return None;
        }
        if !field.is_empty() || !row.is_empty() {
            row.push(field);
            rows.push(row);
        }
        Some(rows)
    }

    fn survey_event(id: &str) -> String {
        json!({
            "specversion": "1.0", "id": id, "source": "/stores/lanting-xuhui/touchpoints/exit-kiosk-1",
            "type": "storevoice.survey-response.v1", "time": "2026-11-30T05:18:21.123Z",
            "datacontenttype": "application/json",
            "data": {"kind": "survey-response", "id": id, "touchpoint": "exit-kiosk-1", "language": "zh-Hans",
                     "scores": {"nps": 9, "csat": 4}, "answers": []}
        })
        .to_string()
    }

    fn feedback_event(id: &str, consent: bool, text: &str) -> String {
        json!({
            "specversion": "1.0", "id": id, "source": "/stores/lanting-xuhui/touchpoints/service-desk",
            "type": "storevoice.feedback.v1", "time": "2026-11-30T06:00:00.000Z",
            "datacontenttype": "application/json",
            "data": {"kind": "feedback", "id": id, "touchpoint": "service-desk", "language": "zh-Hans",
                     "feedback_kind": "complaint", "category": "service", "text": text, "consent": consent}
        })
        .to_string()
    }

    fn pending(id: &str, event: String, contact: ContactFound) -> Item {
        Item { outbox: Outbox::Pending, id: id.into(), event, queued_at: 1_796_015_901_123.0, refusal: None, contact }
    }

    fn rejected(id: &str, event: String) -> Item {
        Item {
            outbox: Outbox::Rejected,
            id: id.into(),
            event,
            queued_at: 1_796_015_901_123.0,
            refusal: Some(Refusal { status: 400, response: "{\"problems\":[{\"reason\":\"refused\"}]}".into(), at: 1_796_015_960_000.0 }),
            contact: ContactFound::Absent,
        }
    }

    const PHONE: &str = r#"{"name":"王小明","phone":"13812345678","channel":"phone"}"#;

    #[test]
    fn kinds_come_from_the_event_type() {
        assert_eq!(Kind::of_event(&survey_event("a")), Kind::Survey);
        assert_eq!(Kind::of_event(&feedback_event("b", false, "x")), Kind::Feedback);
        assert_eq!(Kind::of_event(r#"{"type":"other.thing"}"#), Kind::Other);
        assert_eq!(Kind::of_event("not json"), Kind::Other);
    }

    #[test]
    fn contact_details_only_while_still_on_the_device() {
        let with = pending("p1", feedback_event("p1", true, "排队太久"), ContactFound::Readable(PHONE.into()));
        let line: Value = serde_json::from_str(&ndjson_line(&with)).unwrap_or(Value::Null);
        assert_eq!(line["contact_note"], "included");
        assert_eq!(line["event"]["data"]["contact"]["phone"], "13812345678");
        assert_eq!(line["outbox"], "pending");
        assert_eq!(line["kind"], "feedback");
        assert_eq!(line["http_status"], Value::Null);
        assert_eq!(line["queued_at"], "2026-11-30T05:18:21.123Z");
        let cells = csv_cells(&with);
        let col = |name: &str| CSV_COLUMNS.iter().position(|c| *c == name).unwrap_or(usize::MAX);
        assert_eq!(cells[col("contact_phone")], "13812345678");
        assert_eq!(cells[col("contact_name")], "王小明");
        assert_eq!(cells[col("contact_note")], "included");
        assert!(!cells[col("data")].contains("13812345678"), "contact details have their own columns");

        // refused with consent: the details were deleted when it was refused, and it says so
        let gone = rejected("r1", feedback_event("r1", true, "x"));
        let line: Value = serde_json::from_str(&ndjson_line(&gone)).unwrap_or(Value::Null);
        assert_eq!(line["contact_note"], "deleted-when-refused");
        assert!(line["event"]["data"].get("contact").is_none());
        assert_eq!(line["http_status"], 400);
        assert_eq!(line["rejected_at"], "2026-11-30T05:19:20.000Z");
        assert!(line["endpoint_reason"].as_str().is_some_and(|r| r.contains("refused")));
        let cells = csv_cells(&gone);
        assert_eq!(cells[col("contact_phone")], "");
        assert_eq!(cells[col("http_status")], "400");

        // no consent, a survey, or details that cannot be read any more
        assert_eq!(rejected("r2", feedback_event("r2", false, "x")).contact_note(), ContactNote::None);
        let mut noted = rejected("r3", feedback_event("r3", false, "x"));
        noted.contact = ContactFound::Deleted;
        assert_eq!(noted.contact_note(), ContactNote::DeletedWhenRefused);
        assert_eq!(csv_cells(&noted)[13], "");
        assert_eq!(pending("s", survey_event("s"), ContactFound::Absent).contact_note(), ContactNote::None);
        let lost = pending("u", feedback_event("u", true, "x"), ContactFound::Unreadable);
        assert_eq!(lost.contact_note(), ContactNote::Unreadable);
        let line: Value = serde_json::from_str(&ndjson_line(&lost)).unwrap_or(Value::Null);
        assert!(line["event"]["data"].get("contact").is_none());
        let garbled = pending("g", feedback_event("g", true, "x"), ContactFound::Readable("[1]".into()));
        assert_eq!(garbled.contact_note(), ContactNote::Unreadable);
    }

    #[test]
    fn ndjson_is_one_json_object_per_line() {
        let items = vec![
            pending("a", survey_event("a"), ContactFound::Absent),
            pending("b", feedback_event("b", false, "第一行\n第二行 \"引号\""), ContactFound::Absent),
            rejected("c", survey_event("c")),
        ];
        let text = ndjson(&items);
        assert!(text.ends_with('\n'));
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 3);
        let ids: Vec<String> =
            lines.iter().filter_map(|l| serde_json::from_str::<Value>(l).ok()).map(|v| text_of(&v["id"])).collect();
        assert_eq!(ids, ["a", "b", "c"]);
        let b: Value = serde_json::from_str(lines[1]).unwrap_or(Value::Null);
        assert_eq!(b["event"]["data"]["text"], "第一行\n第二行 \"引号\"");
        // a damaged stored event is kept as text
        let damaged = pending("d", "{not json".into(), ContactFound::Absent);
        let v: Value = serde_json::from_str(&ndjson_line(&damaged)).unwrap_or(Value::Null);
        assert_eq!(v["event"], "{not json");
        assert_eq!(v["kind"], "other");
    }

    #[test]
    fn csv_file_has_bom_header_crlf_and_chinese() {
        let items = vec![pending("p1", feedback_event("p1", true, "收银台, \"太慢\""), ContactFound::Readable(PHONE.into()))];
        let text = csv(&items);
        assert!(text.starts_with('\u{feff}'));
        assert!(text.as_bytes().starts_with(&[0xEF, 0xBB, 0xBF]));
        let rows = parse_csv(&text[BOM.len_utf8()..]).unwrap_or_default();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0], CSV_COLUMNS.iter().map(|c| c.to_string()).collect::<Vec<_>>());
        assert_eq!(rows[1][1], "p1");
        assert_eq!(rows[1][20], "收银台, \"太慢\"");
        assert!(text.contains("\"收银台, \"\"太慢\"\"\""));
        assert!(text.ends_with("\r\n"));
        // a survey's scores get their columns
        let s = csv_cells(&pending("s", survey_event("s"), ContactFound::Absent));
        assert_eq!((s[15].as_str(), s[16].as_str(), s[2].as_str()), ("9", "4", "survey"));
    }

    #[test]
    fn formulas_are_defused() {
        for bad in ["=HYPERLINK(\"http://x\")", "+1", "-2+3", "@SUM(A1)", "\tx", "\r=1"] {
            assert!(defuse(bad).starts_with('\''), "{bad:?}");
            assert_eq!(defuse(bad), format!("'{bad}"));
        }
        for ok in ["1+1", "hello", "", "'quoted", "王"] {
            assert_eq!(defuse(ok), ok);
        }
        assert_eq!(csv_field("=1,2"), "\"'=1,2\"");
        let item = pending("f", feedback_event("f", false, "=cmd|' /C calc'!A0"), ContactFound::Absent);
        assert!(csv(&[item]).contains(",'=cmd|' /C calc'!A0,"));
    }

    #[test]
    fn filenames_carry_store_and_date() {
        assert_eq!(filename("lanting-xuhui", (2026, 11, 30), "csv"), "storevoice-lanting-xuhui-2026-11-30.csv");
        assert_eq!(filename("a/b c", (2026, 1, 2), "ndjson"), "storevoice-a_b_c-2026-01-02.ndjson");
        assert_eq!(filename("", (2026, 1, 2), "csv"), "storevoice-store-2026-01-02.csv");
    }

    #[test]
    fn reasons_are_shortened_for_the_screen() {
        assert_eq!(shorten("  a\n\n b\tc  ", 50), "a b c");
        assert_eq!(shorten("<b>bold</b>", 50), "<b>bold</b>");
        let long = "x".repeat(300);
        let s = shorten(&long, 120);
        assert_eq!(s.chars().count(), 120);
        assert!(s.ends_with('…'));
        assert_eq!(shorten("拒收原因很长很长", 5), "拒收原因…");
        assert_eq!(shorten("", 10), "");
    }

    #[test]
    fn reasons_are_read_out_of_json_answers() {
        let collector = r#"{"problem_count":1,"problems":[{"attribute":"id","index":0,"reason":"injected fault: this event is refused"}]}"#;
        assert_eq!(reason_text(collector), "injected fault: this event is refused");
        assert_eq!(reason_text(r#"{"type":"about:blank","title":"Bad Request","detail":"time is not RFC 3339"}"#), "time is not RFC 3339; Bad Request");
        assert_eq!(reason_text(r#"{"errors":[{"message":"a"},{"message":"a"},{"message":"b"}]}"#), "a; b");
        // not JSON, or JSON without a reason: the body itself
        assert_eq!(reason_text("Bad Request"), "Bad Request");
        assert_eq!(reason_text(r#"{"stored":0}"#), r#"{"stored":0}"#);
        assert_eq!(reason_text(""), "");
    }

    #[test]
    fn sizes_and_times_read_plainly() {
        assert_eq!(human_bytes(0.0), "0 B");
        assert_eq!(human_bytes(512.0), "512 B");
        assert_eq!(human_bytes(1536.0), "1.5 KB");
        assert_eq!(human_bytes(23.0 * 1024.0 * 1024.0), "23 MB");
        assert_eq!(human_bytes(f64::NAN), "?");
        assert_eq!(human_bytes(1023.0), "1023 B");
        assert_eq!(human_bytes(1024.0 * 9.96), "10 KB");
        assert_eq!(human_bytes(10.0 * 1024.0 * 1024.0 * 1024.0), "10 GB");
        assert_eq!(when(2026, 11, 30, 9, 5), "2026-11-30 09:05");
    }

    proptest! {
        /// Any cells (quotes, commas, CR/LF, Chinese, formulas) survive writing and reading
        /// back, changed only by the defusing `'`.
        #[test]
        fn csv_round_trips(rows in prop::collection::vec(prop::collection::vec(".{0,12}|[=+@\\-\",\\r\\n 王]{0,6}", 1..6), 1..6)) {
            let mut text = String::new();
            for r in &rows {
                text.push_str(&csv_row(r));
            }
            let back = parse_csv(&text);
            let want: Vec<Vec<String>> = rows.iter().map(|r| r.iter().map(|c| defuse(c)).collect()).collect();
            prop_assert_eq!(back, Some(want));
        }

        #[test]
        fn shorten_never_exceeds(s in ".{0,300}", max in 1usize..200) {
            prop_assert!(shorten(&s, max).chars().count() <= max);
        }
    }
}
