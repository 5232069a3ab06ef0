//! Semantic checks on a parsed config: everything serde cannot express.
//! Each check pushes a [`Problem`] and goes on, so the whole list reaches the operator at once.

use std::collections::{HashMap, HashSet};

use super::problem::{Problem, ProblemKind as K};
use super::types::*;
use super::SUPPORTED_VERSION;

struct Checker {
    problems: Vec<Problem>,
}

impl Checker {
    fn push(&mut self, path: impl Into<String>, kind: K) {
        self.problems.push(Problem::new(path, kind));
    }

    fn text(&mut self, path: String, t: &Text) {
        if t.is_empty() {
            self.push(path, K::EmptyText);
        }
    }

    fn id(&mut self, path: String, id: &str) {
        if !is_valid_id(id) {
            self.push(path, K::InvalidId);
        }
    }

    /// Checks each id's format and that no two are equal; returns the set of ids.
    fn ids<T>(&mut self, list_path: &str, items: &[T], id_of: impl Fn(&T) -> &str) -> HashSet<String> {
        let mut seen = HashSet::new();
        for (i, item) in items.iter().enumerate() {
            let id = id_of(item);
            let path = format!("{list_path}[{i}].id");
            self.id(path.clone(), id);
            if !seen.insert(id.to_string()) {
                self.push(path, K::DuplicateId { id: id.to_string() });
            }
        }
        seen
    }

    fn non_empty<T>(&mut self, path: &str, items: &[T]) {
        if items.is_empty() {
            self.push(path, K::EmptyList);
        }
    }
}

/// Ids appear in URLs and records: 1–64 of `a-z`, `0-9`, `-`, starting with a letter or digit.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && !id.starts_with('-')
        && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

pub use super::endpoint::check_endpoint_url;

/// `#rgb` or `#rrggbb`.
pub fn is_valid_color(c: &str) -> bool {
    let Some(hex) = c.strip_prefix('#') else { return false };
    (hex.len() == 3 || hex.len() == 6) && hex.bytes().all(|b| b.is_ascii_hexdigit())
}

/// A logo may be a relative path (served with the app) or an https URL; nothing that runs.
pub fn is_safe_link(s: &str) -> bool {
    let lower = s.trim().to_ascii_lowercase();
    if lower.is_empty() {
        return false;
    }
    if lower.starts_with("https://") {
        return true;
    }
    // A scheme is letters followed by ':' before any '/', '?' or '#'.
    let before = lower.split(['/', '?', '#']).next().unwrap_or("");
    !before.contains(':') && !lower.starts_with("//")
}

/// The questionnaire's own rules: fields that fit each question type, options and rows,
/// and conditions that can actually be met by an earlier question.
fn check_question<'a>(k: &mut Checker, i: usize, q: &Question, all: &mut QuestionIndex<'a>) {
    let at = |f: &str| format!("survey.questions[{i}].{f}");
    k.text(at("text"), &q.text);
    let kind = q.kind;
    let unused = |k: &mut Checker, present: bool, field: &str| {
        if present {
            k.push(at(field), K::FieldNotUsed { field: field.into(), kind: kind_name(kind).into() });
        }
    };
    unused(k, q.labels.is_some() && kind != QuestionKind::Nps, "labels");
    unused(k, q.rows.is_some() && kind != QuestionKind::Csi, "rows");
    let is_choice = matches!(kind, QuestionKind::SingleChoice | QuestionKind::MultipleChoice);
    unused(k, q.options.is_some() && !is_choice, "options");
    unused(k, q.other && kind != QuestionKind::MultipleChoice, "other");
    unused(k, q.max_length.is_some() && kind != QuestionKind::FreeText, "max_length");
    let single_tap = matches!(kind, QuestionKind::Nps | QuestionKind::Csat | QuestionKind::SingleChoice);
    unused(k, q.auto_advance.is_some() && !single_tap, "auto_advance");

    if let Some(labels) = &q.labels {
        k.text(at("labels.low"), &labels.low);
        k.text(at("labels.high"), &labels.high);
    }
    if kind == QuestionKind::Csi {
        match &q.rows {
            None => k.push(at("rows"), K::FieldRequired { field: "rows".into(), kind: kind_name(kind).into() }),
            Some(rows) => {
                k.non_empty(&at("rows"), rows);
                k.ids(&at("rows"), rows, |r| &r.id);
                for (j, r) in rows.iter().enumerate() {
                    k.text(at(&format!("rows[{j}].text")), &r.text);
                    if !(r.weight.is_finite() && r.weight > 0.0 && r.weight <= 1000.0) {
                        k.push(at(&format!("rows[{j}].weight")), K::OutOfRange { min: 0.0, max: 1000.0 });
                    }
                }
            }
        }
    }
    if is_choice {
        match &q.options {
            None => k.push(at("options"), K::FieldRequired { field: "options".into(), kind: kind_name(kind).into() }),
            Some(opts) => {
                k.non_empty(&at("options"), opts);
                k.ids(&at("options"), opts, |o| &o.id);
                for (j, o) in opts.iter().enumerate() {
                    k.text(at(&format!("options[{j}].text")), &o.text);
                }
            }
        }
    }
    if let Some(max) = q.max_length {
        if !(1..=5000).contains(&max) {
            k.push(at("max_length"), K::OutOfRange { min: 1.0, max: 5000.0 });
        }
    }
    if let Some(cond) = &q.show_if {
        check_condition(k, &at("show_if"), cond, i, all);
    }
}

/// The questions of a survey by id (the first of each id), built once so that checking every
/// `show_if` stays linear however long the list is.
struct QuestionIndex<'a> {
    all: &'a [Question],
    first: HashMap<&'a str, usize>,
    /// Option ids of choice questions, by question index, filled as conditions ask for them.
    options: HashMap<usize, HashSet<&'a str>>,
}

/// The condition of question `i`: it must refer to a question before `i`.
fn check_condition<'a>(k: &mut Checker, at: &str, cond: &Condition, i: usize, qs: &mut QuestionIndex<'a>) {
    let target_index = qs.first.get(cond.question.as_str()).copied();
    let Some(t) = target_index.filter(|t| *t < i) else {
        // Distinguish "this one or later in the survey" from "does not exist at all".
        let kind = if target_index.is_some() {
            K::ForwardReference { id: cond.question.clone() }
        } else {
            K::UnknownReference { id: cond.question.clone() }
        };
        k.push(format!("{at}.question"), kind);
        return;
    };
    let all: &'a [Question] = qs.all;
    let target = &all[t];
    let rules = [cond.at_most.is_some(), cond.at_least.is_some(), cond.any_of.is_some()];
    if rules.iter().filter(|r| **r).count() != 1 {
        k.push(at, K::InvalidCondition);
        return;
    }
    let range = match target.kind {
        QuestionKind::Nps => Some((0.0, 10.0)),
        QuestionKind::Csat => Some((1.0, 5.0)),
        _ => None,
    };
    for (field, v) in [("at_most", cond.at_most), ("at_least", cond.at_least)] {
        let Some(v) = v else { continue };
        match range {
            None => k.push(format!("{at}.{field}"), K::ImpossibleCondition),
            Some((lo, hi)) => {
                // at_most below the scale or at_least above it can never be met.
                let never = !v.is_finite() || (field == "at_most" && v < lo) || (field == "at_least" && v > hi);
                if never {
                    k.push(format!("{at}.{field}"), K::ImpossibleCondition);
                }
            }
        }
    }
    if let Some(any) = &cond.any_of {
        match (&target.options, target.kind) {
            (Some(opts), QuestionKind::SingleChoice | QuestionKind::MultipleChoice) => {
                if any.is_empty() {
                    k.push(format!("{at}.any_of"), K::EmptyList);
                }
                let known = qs.options.entry(t).or_insert_with(|| opts.iter().map(|o| o.id.as_str()).collect());
                for (j, id) in any.iter().enumerate() {
                    if !known.contains(id.as_str()) {
                        k.push(format!("{at}.any_of[{j}]"), K::UnknownReference { id: id.clone() });
                    }
                }
            }
            _ => k.push(format!("{at}.any_of"), K::ImpossibleCondition),
        }
    }
}

pub fn kind_name(kind: QuestionKind) -> &'static str {
    match kind {
        QuestionKind::Nps => "nps",
        QuestionKind::Csat => "csat",
        QuestionKind::Csi => "csi",
        QuestionKind::SingleChoice => "single-choice",
        QuestionKind::MultipleChoice => "multiple-choice",
        QuestionKind::FreeText => "free-text",
    }
}

/// The PIN hash: enough iterations, a real salt, a hash of SHA-256's size.
fn check_pin_hash(k: &mut Checker, pin: &PinHash) {
    use crate::staff::{base64, HASH_BYTES, MAX_ITERATIONS, MIN_ITERATIONS, MIN_SALT_BYTES};
    if !(MIN_ITERATIONS..=MAX_ITERATIONS).contains(&pin.iterations) {
        k.push("staff.pin.iterations", K::OutOfRange { min: f64::from(MIN_ITERATIONS), max: f64::from(MAX_ITERATIONS) });
    }
    match base64::decode(&pin.salt) {
        None => k.push("staff.pin.salt", K::NotBase64),
        Some(b) if !(MIN_SALT_BYTES..=1024).contains(&b.len()) => k.push("staff.pin.salt", K::ByteLength { min: MIN_SALT_BYTES, max: 1024 }),
        Some(_) => {}
    }
    match base64::decode(&pin.hash) {
        None => k.push("staff.pin.hash", K::NotBase64),
        Some(b) if b.len() != HASH_BYTES => k.push("staff.pin.hash", K::ByteLength { min: HASH_BYTES, max: HASH_BYTES }),
        Some(_) => {}
    }
}

/// Opening hours: times, dates and the offset as the hours module reads them, no empty span,
/// one exception per date. (Overlapping spans are allowed: open is open.)
fn check_hours(k: &mut Checker, at: &str, h: &Hours) {
    use crate::time::{parse_date, parse_hhmm, parse_offset, MINUTES_PER_DAY};
    if h.utc_offset.as_deref().is_some_and(|o| parse_offset(o).is_none()) {
        k.push(format!("{at}.utc_offset"), K::InvalidUtcOffset);
    }
    let spans = |k: &mut Checker, path: String, list: &[Span]| {
        for (i, s) in list.iter().enumerate() {
            let open = parse_hhmm(&s.open).filter(|m| *m < MINUTES_PER_DAY);
            let close = parse_hhmm(&s.close);
            if open.is_none() {
                k.push(format!("{path}[{i}].open"), K::InvalidTime);
            }
            if close.is_none() {
                k.push(format!("{path}[{i}].close"), K::InvalidTime);
            }
            if open.is_some() && open == close {
                k.push(format!("{path}[{i}]"), K::EmptySpan);
            }
        }
    };
    for (wd, name) in ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].iter().enumerate() {
        spans(k, format!("{at}.week.{name}"), h.weekday(wd));
    }
    let mut seen = HashSet::new();
    for (i, e) in h.exceptions.iter().enumerate() {
        match parse_date(&e.date) {
            None => k.push(format!("{at}.exceptions[{i}].date"), K::InvalidDate),
            Some(d) if !seen.insert(d) => k.push(format!("{at}.exceptions[{i}].date"), K::DuplicateDate { date: e.date.clone() }),
            Some(_) => {}
        }
        spans(k, format!("{at}.exceptions[{i}].spans"), &e.spans);
        if let Some(n) = &e.note {
            k.text(format!("{at}.exceptions[{i}].note"), n);
        }
    }
}

pub fn validate(c: &Config) -> Vec<Problem> {
    let mut k = Checker { problems: Vec::new() };

    if c.version != SUPPORTED_VERSION {
        k.push("version", K::UnsupportedVersion { found: c.version, supported: SUPPORTED_VERSION });
    }

    // store
    k.id("store.id".into(), &c.store.id);
    k.text("store.name".into(), &c.store.name);
    if let Some(t) = &c.store.tagline {
        k.text("store.tagline".into(), t);
    }
    if !is_valid_color(&c.store.brand.color) {
        k.push("store.brand.color", K::InvalidColor);
    }
    if let Some(logo) = &c.store.brand.logo {
        if !is_safe_link(logo) {
            k.push("store.brand.logo", K::UnsafeLink);
        }
    }

    if let Some(h) = &c.store.hours {
        check_hours(&mut k, "store.hours", h);
    }

    // endpoint
    if let Err(kind) = check_endpoint_url(&c.endpoint.url) {
        k.push("endpoint.url", kind);
    }

    // staff PIN hash
    if let Some(staff) = &c.staff {
        check_pin_hash(&mut k, &staff.pin);
    }

    // touchpoints
    k.non_empty("touchpoints", &c.touchpoints);
    let tp_ids = k.ids("touchpoints", &c.touchpoints, |t| &t.id);
    for (i, t) in c.touchpoints.iter().enumerate() {
        k.text(format!("touchpoints[{i}].name"), &t.name);
        if let Some(js) = &t.journeys {
            k.non_empty(&format!("touchpoints[{i}].journeys"), js);
        }
        if let Some(tok) = &t.token {
            if tok.trim().is_empty() || tok.chars().any(|ch| ch.is_whitespace() || ch.is_control()) {
                k.push(format!("touchpoints[{i}].token"), K::InvalidToken);
            }
        }
        if let Some(h) = &t.hours {
            check_hours(&mut k, &format!("touchpoints[{i}].hours"), h);
        }
    }
    if let Some(d) = &c.defaults.touchpoint {
        if !tp_ids.contains(d.as_str()) {
            k.push("defaults.touchpoint", K::UnknownReference { id: d.clone() });
        }
    }

    // survey
    k.id("survey.id".into(), &c.survey.id);
    k.text("survey.title".into(), &c.survey.title);
    k.non_empty("survey.questions", &c.survey.questions);
    k.ids("survey.questions", &c.survey.questions, |q| &q.id);
    let mut index = QuestionIndex { all: &c.survey.questions, first: HashMap::new(), options: HashMap::new() };
    for (i, q) in c.survey.questions.iter().enumerate() {
        index.first.entry(q.id.as_str()).or_insert(i);
    }
    for (i, q) in c.survey.questions.iter().enumerate() {
        check_question(&mut k, i, q, &mut index);
    }

    // feedback
    k.non_empty("feedback.categories", &c.feedback.categories);
    k.ids("feedback.categories", &c.feedback.categories, |x| &x.id);
    for (i, cat) in c.feedback.categories.iter().enumerate() {
        k.text(format!("feedback.categories[{i}].name"), &cat.name);
    }
    k.text("feedback.consent".into(), &c.feedback.consent);
    if !(1..=10_000).contains(&c.feedback.max_length) {
        k.push("feedback.max_length", K::OutOfRange { min: 1.0, max: 10_000.0 });
    }

    // map
    k.non_empty("map.floors", &c.map.floors);
    let floor_ids = k.ids("map.floors", &c.map.floors, |f| &f.id);
    for (i, f) in c.map.floors.iter().enumerate() {
        k.text(format!("map.floors[{i}].name"), &f.name);
    }
    k.ids("map.places", &c.map.places, |p| &p.id);
    for (i, p) in c.map.places.iter().enumerate() {
        k.text(format!("map.places[{i}].name"), &p.name);
        if !floor_ids.contains(p.floor.as_str()) {
            k.push(format!("map.places[{i}].floor"), K::UnknownReference { id: p.floor.clone() });
        }
        if !(p.x.is_finite() && p.y.is_finite() && p.x >= 0.0 && p.y >= 0.0 && p.x <= 10_000.0 && p.y <= 10_000.0) {
            k.push(format!("map.places[{i}]"), K::OutOfRange { min: 0.0, max: 10_000.0 });
        }
    }

    check_walkways(&mut k, c);

    k.problems
}

/// The walkway graph: references, floor changes, lengths, and that every place can be
/// reached from every touchpoint that offers wayfinding. (A place reachable only by stairs is
/// allowed: the step-free route then says there is none.)
fn check_walkways(k: &mut Checker, c: &Config) {
    use crate::wayfinding::graph::{Graph, Profile};
    let m = &c.map;
    if m.nodes.is_empty() {
        return;
    }
    let floors: std::collections::HashMap<&str, ()> = m.floors.iter().map(|f| (f.id.as_str(), ())).collect();
    let node_ids = k.ids("map.nodes", &m.nodes, |n| &n.id);
    for (i, n) in m.nodes.iter().enumerate() {
        if !floors.contains_key(n.floor.as_str()) {
            k.push(format!("map.nodes[{i}].floor"), K::UnknownReference { id: n.floor.clone() });
        }
    }
    let index: std::collections::HashMap<&str, usize> = m.nodes.iter().enumerate().map(|(i, n)| (n.id.as_str(), i)).collect();
    let mut graph = Graph::new(m.nodes.len());
    for (i, e) in m.edges.iter().enumerate() {
        let mut ok = true;
        for (field, id) in [("from", &e.from), ("to", &e.to)] {
            if !node_ids.contains(id.as_str()) {
                k.push(format!("map.edges[{i}].{field}"), K::UnknownReference { id: id.clone() });
                ok = false;
            }
        }
        if let Some(l) = e.length {
            if !(l.is_finite() && l > 0.0 && l <= 10_000.0) {
                k.push(format!("map.edges[{i}].length"), K::OutOfRange { min: 0.0, max: 10_000.0 });
                ok = false;
            }
        }
        if !ok {
            continue;
        }
        let (a, b) = (&m.nodes[index[e.from.as_str()]], &m.nodes[index[e.to.as_str()]]);
        if a.floor != b.floor && e.kind == WalkKind::Walk {
            k.push(format!("map.edges[{i}].kind"), K::FloorChangeWithoutConnector);
        }
        let Some(length) = e.length_between(a, b) else {
            k.push(format!("map.edges[{i}].length"), K::LengthNeeded);
            continue;
        };
        graph.connect(index[e.from.as_str()], index[e.to.as_str()], length, e.kind);
    }
    let place_nodes: Vec<(usize, &Place)> = m.places.iter().enumerate().collect();
    for (i, p) in &place_nodes {
        match &p.node {
            Some(n) if !node_ids.contains(n.as_str()) => {
                k.push(format!("map.places[{i}].node"), K::UnknownReference { id: n.clone() });
            }
            None => k.push(format!("map.places[{i}].node"), K::FieldRequired { field: "node".into(), kind: "place".into() }),
            _ => {}
        }
    }
    for (t, tp) in c.touchpoints.iter().enumerate() {
        if !tp.offers(Journey::Wayfinding) {
            continue;
        }
        let Some(start) = tp.node.as_deref() else {
            k.push(format!("touchpoints[{t}].node"), K::FieldRequired { field: "node".into(), kind: "touchpoint".into() });
            continue;
        };
        let Some(&s) = index.get(start) else {
            k.push(format!("touchpoints[{t}].node"), K::UnknownReference { id: start.to_string() });
            continue;
        };
        let reach = graph.reachable(s, Profile::Shortest);
        for (i, p) in &place_nodes {
            if let Some(&pn) = p.node.as_deref().and_then(|n| index.get(n)) {
                if !reach[pn] {
                    k.push(format!("map.places[{i}]"), K::Unreachable { from: tp.id.clone() });
                }
            }
        }
    }
}
