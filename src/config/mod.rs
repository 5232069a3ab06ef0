//! Loading `config.json`: parse, collect unknown fields, validate as a whole.
//!
//! Plain Rust, no browser APIs: tested natively. Every type denies unknown fields; each
//! problem serde reports is recorded with its JSON path, the offending value is taken out,
//! and parsing goes on, so unknown fields, bad values and every semantic problem are listed
//! together.

mod endpoint;
mod keep;
mod problem;
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
    let mut removed: Option<Vec<Seg>> = None;
    let mut config = None;
    for _ in 0..64 {
        let attempt: Result<Config, _> = serde_path_to_error::deserialize(&value);
        match attempt {
            Ok(c) => {
                config = Some(c);
                break;
            }
            Err(e) => {
                let mut segs = segments(e.path());
                let problem = classify(path_string(&segs), e.inner());
                if let ProblemKind::UnknownField { field } = &problem.kind {
                    // Every type denies unknown fields; list each one, take it out, go on.
                    if segs.last() != Some(&Seg::Key(field.clone())) {
                        segs.push(Seg::Key(field.clone()));
                    }
                    let p = Problem::new(path_string(&segs), problem.kind.clone());
                    if unknown.contains(&p) || !remove_at(&mut value, &segs) {
                        unknown.push(p);
                        break;
                    }
                    unknown.push(p);
                    continue;
                }
                // Taking out a required value makes serde report it missing: already told.
                let is_echo = matches!(problem.kind, ProblemKind::MissingField { .. })
                    && removed.as_ref().is_some_and(|r| problem.path == path_string(r));
                if !is_echo {
                    problems.push(problem.clone());
                }
                if matches!(problem.kind, ProblemKind::MissingField { .. }) || !remove_at(&mut value, &segs) {
                    break;
                }
                removed = Some(segs);
            }
        }
    }
    let mut all = unknown;
    all.extend(problems);
    if let Some(c) = &config {
        all.extend(validate::validate(c));
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

fn path_string(segs: &[Seg]) -> String {
    let mut out = String::new();
    for seg in segs {
        match seg {
            Seg::Index(i) => out.push_str(&format!("[{i}]")),
            Seg::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
        }
    }
    out
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
fn classify(path: String, e: &serde_json::Error) -> Problem {
    use serde_json::error::Category;
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
        return Problem::new(join(&path, &field), ProblemKind::MissingField { field });
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

fn join(parent: &str, field: &str) -> String {
    if parent.is_empty() {
        field.to_string()
    } else if field.is_empty() {
        parent.to_string()
    } else {
        format!("{parent}.{field}")
    }
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
