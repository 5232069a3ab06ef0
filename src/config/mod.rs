//! Loading `config.json`: parse, collect unknown fields, validate as a whole.
//!
//! Plain Rust, no browser APIs: tested natively. Every type denies unknown fields; each
//! problem serde reports is recorded with its JSON path, the offending value is taken out,
//! and parsing goes on, so unknown fields, bad values and every semantic problem are listed
//! together.

mod endpoint;
mod keep;
mod problem;
mod strict;
mod types;
mod validate;

pub use endpoint::{endpoint_origin, Origin};
pub use keep::{choose, Chosen, FetchError, Unusable};
pub use problem::{Problem, ProblemKind};
pub use types::*;

/// The config format this build reads.
pub const SUPPORTED_VERSION: u32 = 1;

/// The sample store shipped with the app (also served as `config.json` by the default build).
pub const SAMPLE_CONFIG: &str = include_str!("../../assets/config.json");

/// Parses and validates a config. `Ok` only when there is nothing wrong at all.
///
/// To list as many problems as possible in one go, a value serde refuses is reported and
/// then taken out of the document, and parsing is tried again (at most 64 times): a bad
/// optional field no longer hides the problems after it. A missing or unreadable required
/// field ends the search, since nothing further can be checked without it.
pub fn parse(json: &str) -> Result<Config, Vec<Problem>> {
    let mut value: serde_json::Value = match serde_json::from_str(json) {
        Ok(v) => v,
        Err(e) => return Err(vec![Problem::new("", syntax(&e))]),
    };
    let mut problems: Vec<Problem> = Vec::new();
    let mut unknown: Vec<Problem> = Vec::new();
    // Values taken out so far (paths in the file): serde then reports a required one missing.
    let mut removed: Vec<String> = Vec::new();
    // Array elements taken out so far, in order: later paths are mapped back to the file's
    // own indices, so a problem after a removed element still names the right one.
    let mut removals: Vec<Vec<Seg>> = Vec::new();
    let mut config = None;
    for _ in 0..64 {
        let attempt: Result<Config, _> = serde_path_to_error::deserialize(strict::Strict(&value));
        match attempt {
            Ok(c) => {
                config = Some(c);
                break;
            }
            Err(e) => {
                let mut segs = segments(e.path());
                let problem = classify(&segs, e.inner());
                if let ProblemKind::UnknownField { field } = &problem.kind {
                    // Every type denies unknown fields; list each one, take it out, go on.
                    if segs.last() != Some(&Seg::Key(field.clone())) {
                        segs.push(Seg::Key(field.clone()));
                    }
                    let p = Problem::new(path_string(&in_file(&segs, &removals)), problem.kind.clone());
                    if unknown.contains(&p) || !remove_at(&mut value, &segs) {
                        unknown.push(p);
                        break;
                    }
                    unknown.push(p);
                    continue;
                }
                // Taking out a required value makes serde report it missing: already told.
                let is_missing = matches!(problem.kind, ProblemKind::MissingField { .. });
                let at = remap(&problem.path, &removals);
                let is_echo = is_missing && removed.contains(&at);
                if !is_echo {
                    problems.push(Problem::new(at.clone(), problem.kind.clone()));
                }
                if is_missing || !remove_at(&mut value, &segs) {
                    break;
                }
                if matches!(segs.last(), Some(Seg::Index(_))) {
                    removals.push(segs);
                }
                removed.push(at);
            }
        }
    }
    let mut all = unknown;
    all.extend(problems);
    if let Some(c) = &config {
        // A list is not empty in the file when its only elements were taken out for being bad.
        let emptied: Vec<String> = removals
            .iter()
            .enumerate()
            .filter_map(|(k, r)| r.split_last().map(|(_, parent)| path_string(&in_file(parent, &removals[..k]))))
            .collect();
        all.extend(
            validate::validate(c)
                .into_iter()
                .map(|p| Problem::new(remap(&p.path, &removals), p.kind))
                .filter(|p| !(p.kind == ProblemKind::EmptyList && emptied.contains(&p.path))),
        );
    }
    match config {
        Some(c) if all.is_empty() => Ok(c),
        _ => Err(all),
    }
}

/// One step of a JSON path.
#[derive(Debug, Clone, PartialEq)]
enum Seg {
    Key(String),
    Index(usize),
}

fn segments(p: &serde_path_to_error::Path) -> Vec<Seg> {
    use serde_path_to_error::Segment;
    p.iter()
        .filter_map(|seg| match seg {
            Segment::Seq { index } => Some(Seg::Index(*index)),
            Segment::Map { key } | Segment::Enum { variant: key } => Some(Seg::Key(key.clone())),
            Segment::Unknown => None,
        })
        .collect()
}

/// Writes a path in the syntax of [`Problem::path`].
fn path_string(segs: &[Seg]) -> String {
    let mut out = String::new();
    for seg in segs {
        match seg {
            Seg::Index(i) => out.push_str(&format!("[{i}]")),
            Seg::Key(k) => problem::push_key(&mut out, k),
        }
    }
    out
}

/// Reads back a path written by [`path_string`]; `None` if it is not in that syntax.
fn parse_path(path: &str) -> Option<Vec<Seg>> {
    let mut segs = Vec::new();
    let mut rest = path;
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix("[\"") {
            // A quoted key: a JSON string literal, then `]`.
            let mut end = None;
            let mut escaped = false;
            for (i, c) in r.char_indices() {
                match c {
                    _ if escaped => escaped = false,
                    '\\' => escaped = true,
                    '"' => {
                        end = Some(i);
                        break;
                    }
                    _ => {}
                }
            }
            let end = end?;
            let key: String = serde_json::from_str(&rest[1..end + 3]).ok()?;
            segs.push(Seg::Key(key));
            rest = r[end + 1..].strip_prefix(']')?;
        } else if let Some(r) = rest.strip_prefix('[') {
            let (digits, r) = r.split_once(']')?;
            segs.push(Seg::Index(digits.parse().ok()?));
            rest = r;
        } else {
            let r = if segs.is_empty() { rest } else { rest.strip_prefix('.')? };
            let end = r.find(['.', '[']).unwrap_or(r.len());
            if end == 0 {
                return None;
            }
            segs.push(Seg::Key(r[..end].to_string()));
            rest = &r[end..];
        }
    }
    Some(segs)
}

/// Maps a path in the document as it is after `removals` (array elements taken out, in order)
/// back to the indices of the file as written.
fn in_file(segs: &[Seg], removals: &[Vec<Seg>]) -> Vec<Seg> {
    let mut out = segs.to_vec();
    for r in removals.iter().rev() {
        let Some((Seg::Index(gone), parent)) = r.split_last() else { continue };
        if out.len() > parent.len() && out[..parent.len()] == *parent {
            if let Seg::Index(i) = &mut out[parent.len()] {
                if *i >= *gone {
                    *i += 1;
                }
            }
        }
    }
    out
}

/// [`in_file`] for a path already written out.
fn remap(path: &str, removals: &[Vec<Seg>]) -> String {
    if removals.is_empty() {
        return path.to_string();
    }
    match parse_path(path) {
        Some(segs) => path_string(&in_file(&segs, removals)),
        None => path.to_string(),
    }
}

/// Removes the value at `segs`; false when there is nothing there to remove.
fn remove_at(value: &mut serde_json::Value, segs: &[Seg]) -> bool {
    let Some((last, parents)) = segs.split_last() else { return false };
    let mut cur = value;
    for seg in parents {
        let next = match (seg, cur) {
            (Seg::Key(k), serde_json::Value::Object(m)) => m.get_mut(k),
            (Seg::Index(i), serde_json::Value::Array(a)) => a.get_mut(*i),
            _ => None,
        };
        match next {
            Some(v) => cur = v,
            None => return false,
        }
    }
    match (last, cur) {
        (Seg::Key(k), serde_json::Value::Object(m)) => m.remove(k).is_some(),
        (Seg::Index(i), serde_json::Value::Array(a)) if *i < a.len() => {
            a.remove(*i);
            true
        }
        _ => false,
    }
}

fn syntax(e: &serde_json::Error) -> ProblemKind {
    ProblemKind::Syntax { line: e.line(), column: e.column() }
}

/// Turns a serde error into a problem kind. serde reports these as English sentences with a
/// stable shape (`missing field `x``, `invalid type: …, expected …`, `unknown variant …`).
fn classify(segs: &[Seg], e: &serde_json::Error) -> Problem {
    use serde_json::error::Category;
    let path = path_string(segs);
    if matches!(e.classify(), Category::Syntax | Category::Eof | Category::Io) {
        return Problem::new("", syntax(e));
    }
    let msg = e.to_string();
    // serde_json appends " at line L column C".
    let msg = match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg,
    };
    let ticked = |s: &str| -> Vec<String> {
        s.split('`').skip(1).step_by(2).map(str::to_string).collect()
    };
    let kind = if let Some(rest) = msg.strip_prefix("missing field ") {
        let field = ticked(rest).into_iter().next().unwrap_or_default();
        let mut at = segs.to_vec();
        at.push(Seg::Key(field.clone()));
        return Problem::new(path_string(&at), ProblemKind::MissingField { field });
    } else if let Some(rest) = msg.strip_prefix("invalid type: ") {
        match rest.split_once(", expected ") {
            Some((found, expected)) => {
                ProblemKind::WrongType { found: found.to_string(), expected: expected.to_string() }
            }
            None => ProblemKind::Invalid { detail: msg.clone() },
        }
    } else if let Some(rest) = msg.strip_prefix("unknown field ") {
        let field = ticked(rest).into_iter().next().unwrap_or_default();
        ProblemKind::UnknownField { field }
    } else if let Some(rest) = msg.strip_prefix("unknown variant ") {
        let mut names = ticked(rest);
        if names.is_empty() {
            ProblemKind::Invalid { detail: msg.clone() }
        } else {
            let found = names.remove(0);
            ProblemKind::UnknownValue { found, allowed: names }
        }
    } else {
        ProblemKind::Invalid { detail: msg.clone() }
    };
    Problem::new(path, kind)
}



/// The JSON Schema of the config, as published in `docs/config.schema.json`.
#[cfg(not(target_arch = "wasm32"))]
pub fn json_schema() -> String {
    let mut schema = schemars::schema_for!(Config);
    schema.insert("title".into(), "StoreVoice config.json".into());
    serde_json::to_string_pretty(&schema).unwrap_or_default()
}

impl Config {
    /// The touchpoint used when the URL names none.
    pub fn default_touchpoint(&self) -> &Touchpoint {
        self.defaults
            .touchpoint
            .as_deref()
            .and_then(|id| self.touchpoint(id))
            .or_else(|| self.touchpoints.first())
            .expect("validated config has at least one touchpoint")
    }

    pub fn touchpoint(&self, id: &str) -> Option<&Touchpoint> {
        self.touchpoints.iter().find(|t| t.id == id)
    }
}

impl Touchpoint {
    pub fn offers(&self, j: Journey) -> bool {
        self.journeys.as_ref().is_none_or(|js| js.contains(&j))
    }
}

#[cfg(test)]
mod tests;
