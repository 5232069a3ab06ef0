//! Semantic checks on a parsed config: everything serde cannot express.
//! Each check pushes a [`Problem`] and goes on, so the whole list reaches the operator at once.

use std::collections::HashSet;

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

/// `https://host…`, or plain http only for this machine (localhost, 127.0.0.1, [::1]).
pub fn check_endpoint_url(url: &str) -> Result<(), K> {
    let lower = url.trim().to_ascii_lowercase();
    let (rest, secure) = if let Some(r) = lower.strip_prefix("https://") {
        (r, true)
    } else if let Some(r) = lower.strip_prefix("http://") {
        (r, false)
    } else {
        return Err(K::InvalidUrl);
    };
    if url.chars().any(char::is_whitespace) {
        return Err(K::InvalidUrl);
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = if authority.starts_with('[') {
        match authority.find(']') {
            Some(end) => &authority[..=end],
            None => return Err(K::InvalidUrl),
        }
    } else {
        authority.rsplit_once(':').map_or(authority, |(h, _)| h)
    };
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    if host.is_empty() {
        return Err(K::InvalidUrl);
    }
    if !secure && !matches!(host, "localhost" | "127.0.0.1" | "[::1]") {
        return Err(K::InsecureEndpoint);
    }
    Ok(())
}

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

    // endpoint
    if let Err(kind) = check_endpoint_url(&c.endpoint.url) {
        k.push("endpoint.url", kind);
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
    for (i, q) in c.survey.questions.iter().enumerate() {
        k.text(format!("survey.questions[{i}].text"), &q.text);
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

    k.problems
}
