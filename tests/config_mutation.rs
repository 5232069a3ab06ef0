//! Hostile configs: a mutation test over the config parser and validator (issue 9, item 6).
//!
//! Operators edit `config.json` by hand, so [`storevoice::config::parse`] must answer every
//! text with either a valid config or a non-empty list of problems whose paths are valid JSON
//! paths: never a panic, never a hang. This test derives [`CASES`] configs from the sample
//! store (`assets/config.json`) with a seeded PRNG, so every run checks the same configs and a
//! failure names the seed that rebuilds its case. Mutations, often several at once: fields
//! deleted, values retyped, keys renamed (to typos, odd Unicode, `a.b`, `x[0]`, ""), keys
//! duplicated in the JSON text, huge arrays (10k–100k elements), deep nesting (up to 100k
//! levels), 1 MB strings and keys, odd Unicode (lone surrogate escapes, RTL and bidi marks,
//! zero-width joiners, NUL, combining marks, emoji, full-width letters), odd numbers (1e309,
//! -0, huge integers), reference cycles and dangling references (show_if on itself or a later
//! question, walkway self-loops and cycles, places and touchpoints on unknown nodes),
//! duplicate ids, subtrees copied to the wrong place, whole documents of the wrong type, and
//! truncated or garbled text.
//!
//! Each case runs under `catch_unwind` on one of two worker threads with a 1 MiB stack (the
//! stack a wasm32 build gets by default); a case fails when it panics, takes longer than
//! [`CASE_LIMIT`], or returns problems that break the rules in [`check`]. A watchdog fails
//! the test, naming the case, if one runs past [`HANG_LIMIT`] (so a real hang ends the run).
//!
//! Reproduce one case: `SEED=<seed> cargo test --test config_mutation -- --nocapture` runs
//! only that seed and prints its mutations and problems. (The env var only narrows a manual
//! run; the default run always checks all cases.)

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{Map, Value};
use storevoice::config::{parse, Config, Problem, ProblemKind, SAMPLE_CONFIG};

/// Number of mutated configs checked in every run.
const CASES: u64 = 100_000;
/// Each case must finish within this, in wall-clock time on a shared 2-core machine where other
/// builds run too: the slowest case takes about 0.6 s when the machine is quiet and up to 2 s
/// at a load average of 8 (see BENCHMARKS.md).
const CASE_LIMIT: Duration = Duration::from_secs(5);
/// A case still running after this is reported as a hang and ends the test.
const HANG_LIMIT: Duration = Duration::from_secs(30);
const BASE_SEED: u64 = 0x5707_E_501C_E_2026;
const WORKERS: usize = 2;
/// Huge arrays have 10k–100k elements but stay under about this many bytes of text.
const HUGE_ARRAY_BYTES: usize = 2 << 20;

// ---- PRNG -----------------------------------------------------------------------------------

/// splitmix64: tiny, seedable, good enough to pick mutations.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
    fn chance(&mut self, num: u64, den: u64) -> bool {
        self.next() % den < num
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

fn case_seed(i: u64) -> u64 {
    Rng(BASE_SEED ^ i.wrapping_mul(0xA076_1D64_78BD_642F)).next()
}

// ---- paths into a serde_json::Value ---------------------------------------------------------

#[derive(Debug, Clone, PartialEq)]
enum Seg {
    Key(String),
    Index(usize),
}

fn get<'a>(v: &'a Value, path: &[Seg]) -> Option<&'a Value> {
    path.iter().try_fold(v, |cur, seg| match (seg, cur) {
        (Seg::Key(k), Value::Object(m)) => m.get(k),
        (Seg::Index(i), Value::Array(a)) => a.get(*i),
        _ => None,
    })
}

fn get_mut<'a>(v: &'a mut Value, path: &[Seg]) -> Option<&'a mut Value> {
    path.iter().try_fold(v, |cur, seg| match (seg, cur) {
        (Seg::Key(k), Value::Object(m)) => m.get_mut(k),
        (Seg::Index(i), Value::Array(a)) => a.get_mut(*i),
        _ => None,
    })
}

// ---- mutations ------------------------------------------------------------------------------

/// A config being mutated: a JSON value plus raw text spliced in where the value holds a
/// placeholder string (for what a `Value` cannot hold: duplicate keys, lone surrogates,
/// 1e309, 100k levels of nesting).
struct Case {
    value: Value,
    splices: Vec<String>,
    log: Vec<String>,
}

const TAG: char = '\u{E000}';

impl Case {
    fn splice(&mut self, raw: String) -> Value {
        let tag = format!("{TAG}S{}{TAG}", self.splices.len());
        self.splices.push(raw);
        Value::String(tag)
    }

    fn render(&self, pretty: bool) -> String {
        let mut text = if pretty {
            serde_json::to_string_pretty(&self.value).unwrap_or_default()
        } else {
            self.value.to_string()
        };
        // Later splices may contain earlier ones' placeholders: replace the newest first.
        for (i, raw) in self.splices.iter().enumerate().rev() {
            let quoted = format!("\"{TAG}S{i}{TAG}\"");
            if text.contains(&quoted) {
                text = text.replace(&quoted, raw);
            }
        }
        text
    }
}

const ODD_STRINGS: &[&str] = &[
    "",
    " ",
    "\u{200F}", // right-to-left mark
    "\u{202E}exit-kiosk-1", // right-to-left override
    "exit\u{200D}kiosk", // zero-width joiner
    "\u{200B}",
    "nul\u{0}byte",
    "\u{0}",
    "e\u{301}\u{301}\u{301}", // combining marks
    "👩\u{200D}👩\u{200D}👧",
    "🏬",
    "ｅｘｉｔ－ｋｉｏｓｋ－１", // full-width
    "\u{FEFF}",
    "\u{10FFFF}",
    "line\u{2028}sep",
    "tab\there",
    "\\",
    "\"",
    "مرحبا",
    "Ⅻ",
    "EXIT-KIOSK-1",
    "#B3261E",
    "javascript:alert(1)",
    "http://example.com",
    "https://",
    "nps",
    "went-wrong",
    "door-main-entrance",
    "1f",
];

/// Raw JSON string literals a `Value` cannot hold (or that exercise escapes).
const RAW_STRINGS: &[&str] = &[
    r#""\ud800""#,
    r#""\udc00""#,
    r#""a\ud83db""#,
    r#""\ud83d\ude00""#,
    r#""\u0000""#,
    r#""\u200f\u202e""#,
    r#""\uDBFF\uDFFF""#,
    r#""\ud800\ud800""#,
    r#""\x41""#,
    r#""\u12""#,
    "\"unterminated",
    "\"raw\u{1}control\"",
];

const RAW_NUMBERS: &[&str] = &[
    "1e309",
    "-1e309",
    "-0",
    "-0.0",
    "1e-400",
    "123456789012345678901234567890",
    "-9223372036854775809",
    "18446744073709551616",
    "4294967296",
    "4294967295",
    "2147483648",
    "-2147483649",
    "1.0",
    "1E2",
    "1.7976931348623157e308",
    "5e-324",
    "01",
    "+1",
    ".5",
    "1.",
    "NaN",
    "Infinity",
    "0x10",
];

const ODD_KEYS: &[&str] = &[
    "",
    ".",
    "a.b",
    "x[0]",
    "[1]",
    "]",
    "\"",
    "\\",
    "with space",
    "\u{200F}id",
    "id\u{200D}",
    "i\u{301}d",
    "ｉｄ",
    "nul\u{0}",
    "🏬",
    "ID",
    "Id",
    "__proto__",
    "colour",
    "zh-hans",
    "zh_Hans",
    "en ",
    "\u{FEFF}version",
];

fn odd_value(rng: &mut Rng, case: &mut Case) -> Value {
    match rng.below(14) {
        0 => Value::Null,
        1 => Value::Bool(rng.chance(1, 2)),
        2 => Value::from(rng.pick(&[0i64, -1, 1, 2, 7, 11, 65, 10_001, i64::MIN, i64::MAX]).to_owned()),
        3 => Value::from(*rng.pick(&[0.5f64, -0.0, 1e300, -3.25, 6.0])),
        4 => Value::String(rng.pick(ODD_STRINGS).to_string()),
        5 => Value::Array(Vec::new()),
        6 => Value::Object(Map::new()),
        7 => {
            let raw = rng.pick(RAW_NUMBERS).to_string();
            case.splice(raw)
        }
        8 => {
            let raw = rng.pick(RAW_STRINGS).to_string();
            case.splice(raw)
        }
        9 => serde_json::json!([null, 1, "x", {}, []]),
        10 => serde_json::json!({ "en": "x" }),
        11 => serde_json::json!({ "id": "x", "text": { "en": "X" } }),
        12 => Value::String("x".repeat(rng.below(100) + 65)),
        _ => serde_json::json!([{ "zh-Hans": "", "zh-Hant": null }]),
    }
}

/// The paths along one random walk from the root down to a leaf whose value is of a given
/// shape (O(depth), so picking a target stays cheap on a 100k-element array).
fn paths_where(case: &Case, rng: &mut Rng, pred: impl Fn(&Value) -> bool) -> Vec<Vec<Seg>> {
    let mut out = Vec::new();
    let mut here = Vec::new();
    let mut cur = &case.value;
    for _ in 0..200 {
        if pred(cur) {
            out.push(here.clone());
        }
        let next = match cur {
            Value::Object(m) if !m.is_empty() => {
                let (k, v) = m.iter().nth(rng.below(m.len())).expect("index below len");
                here.push(Seg::Key(k.clone()));
                v
            }
            Value::Array(a) if !a.is_empty() => {
                let i = rng.below(a.len());
                here.push(Seg::Index(i));
                &a[i]
            }
            _ => break,
        };
        cur = next;
    }
    out
}

/// A random path of `paths`, or the root when there is none.
fn choose(rng: &mut Rng, paths: &[Vec<Seg>]) -> Vec<Seg> {
    paths.get(rng.below(paths.len())).cloned().unwrap_or_default()
}

fn set(case: &mut Case, path: &[Seg], new: Value) {
    if path.is_empty() {
        case.value = new;
    } else if let Some(slot) = get_mut(&mut case.value, path) {
        *slot = new;
    }
}

fn describe(path: &[Seg]) -> String {
    let mut s = String::new();
    for seg in path {
        match seg {
            Seg::Key(k) => s.push_str(&format!(".{:?}", short(k))),
            Seg::Index(i) => s.push_str(&format!("[{i}]")),
        }
    }
    if s.is_empty() {
        s.push_str("<root>");
    }
    s
}

/// The object at `path` written out by hand, with `key` given twice.
fn object_with_duplicate(obj: &Map<String, Value>, key: &str, extra: &Value, extra_first: bool) -> String {
    let mut parts: Vec<String> = Vec::new();
    let kq = Value::String(key.to_string()).to_string();
    if extra_first {
        parts.push(format!("{kq}:{extra}"));
    }
    for (k, v) in obj {
        parts.push(format!("{}:{}", Value::String(k.clone()), v));
    }
    if !extra_first {
        parts.push(format!("{kq}:{extra}"));
    }
    format!("{{{}}}", parts.join(","))
}

fn questions(case: &mut Case) -> Option<&mut Vec<Value>> {
    case.value.get_mut("survey")?.get_mut("questions")?.as_array_mut()
}

fn ids_of(v: &Value, list: &[&str]) -> Vec<String> {
    let mut cur = v;
    for k in list {
        match cur.get(*k) {
            Some(next) => cur = next,
            None => return Vec::new(),
        }
    }
    cur.as_array()
        .map(|a| a.iter().filter_map(|x| x.get("id").and_then(Value::as_str).map(str::to_string)).collect())
        .unwrap_or_default()
}

/// Reference cycles and dangling references in the survey and the walkway graph.
fn reference_mutation(rng: &mut Rng, case: &mut Case) -> String {
    let qids = ids_of(&case.value, &["survey", "questions"]);
    let nodes = ids_of(&case.value, &["map", "nodes"]);
    let tps = ids_of(&case.value, &["touchpoints"]);
    let pick_or = |rng: &mut Rng, ids: &[String], dflt: &str| -> String {
        if ids.is_empty() {
            dflt.to_string()
        } else {
            rng.pick(ids).clone()
        }
    };
    match rng.below(10) {
        0 | 1 => {
            // show_if on itself, on a later question, or on one that does not exist
            let n = questions(case).map_or(0, |q| q.len());
            let i = rng.below(n.max(1));
            let target = match rng.below(3) {
                0 => qids.get(i).cloned().unwrap_or_default(),
                1 => pick_or(rng, &qids, "nps"),
                _ => "no-such-question".to_string(),
            };
            let rule = match rng.below(4) {
                0 => serde_json::json!({ "question": target, "at_most": 6 }),
                1 => serde_json::json!({ "question": target, "at_least": 11 }),
                2 => serde_json::json!({ "question": target, "any_of": ["waiting", "nope", ""] }),
                _ => serde_json::json!({ "question": target }),
            };
            if let Some(q) = questions(case).and_then(|q| q.get_mut(i)).and_then(Value::as_object_mut) {
                q.insert("show_if".into(), rule);
            }
            format!("show_if[{i}]->{target}")
        }
        2 => {
            // a cycle of show_if: every question refers to the next one, the last to the first
            let ids = qids.clone();
            if let Some(qs) = questions(case) {
                for (i, q) in qs.iter_mut().enumerate() {
                    if let (Some(o), Some(next)) = (q.as_object_mut(), ids.get((i + 1) % ids.len().max(1))) {
                        o.insert("show_if".into(), serde_json::json!({ "question": next, "at_least": 1 }));
                    }
                }
            }
            "show_if-cycle".into()
        }
        3 => {
            // self-loop edge
            let n = pick_or(rng, &nodes, "door-main-entrance");
            let kind = rng.pick(&["walk", "stairs", "lift"]).to_string();
            push_edge(case, serde_json::json!({ "from": n, "to": n, "kind": kind }));
            format!("edge-self-loop {n}")
        }
        4 => {
            // a cycle through several nodes, some maybe on other floors, some with lengths
            let len = 2 + rng.below(6);
            let ring: Vec<String> = (0..len).map(|_| pick_or(rng, &nodes, "n")).collect();
            for k in 0..len {
                let mut e = serde_json::json!({ "from": ring[k], "to": ring[(k + 1) % len], "kind": "walk" });
                if rng.chance(1, 2) {
                    e["length"] = Value::from(*rng.pick(&[0.0f64, -1.0, 5.0, 1e9]));
                }
                push_edge(case, e);
            }
            "edge-cycle".into()
        }
        5 => {
            // edge to a node that does not exist (or to an empty id)
            let n = pick_or(rng, &nodes, "x");
            let other = rng.pick(&["nowhere", "", "DOOR-MAIN-ENTRANCE", "door-main-entrance "]).to_string();
            push_edge(case, serde_json::json!({ "from": n, "to": other, "kind": "ramp" }));
            format!("edge-dangling {other:?}")
        }
        6 => {
            // a place on an unknown node or floor
            let places = case.value.get_mut("map").and_then(|m| m.get_mut("places")).and_then(Value::as_array_mut);
            if let Some(p) = places.and_then(|a| {
                let i = rng.below(a.len().max(1));
                a.get_mut(i)
            }) {
                if let Some(o) = p.as_object_mut() {
                    if rng.chance(1, 2) {
                        o.insert("node".into(), Value::from("no-such-node"));
                    } else {
                        o.insert("floor".into(), Value::from("9f"));
                    }
                }
            }
            "place-dangling".into()
        }
        7 => {
            // a touchpoint on an unknown node; defaults.touchpoint unknown
            if rng.chance(1, 2) {
                if let Some(t) = case.value.get_mut("touchpoints").and_then(Value::as_array_mut).and_then(|a| {
                    let i = rng.below(a.len().max(1));
                    a.get_mut(i)
                }) {
                    if let Some(o) = t.as_object_mut() {
                        o.insert("node".into(), Value::from("ghost-node"));
                        o.remove("journeys");
                    }
                }
                "touchpoint-node-dangling".into()
            } else {
                let t = if rng.chance(1, 2) { "kiosk-99".to_string() } else { pick_or(rng, &tps, "x").to_uppercase() };
                if let Some(d) = case.value.get_mut("defaults").and_then(Value::as_object_mut) {
                    d.insert("touchpoint".into(), Value::from(t.clone()));
                }
                format!("defaults.touchpoint={t}")
            }
        }
        8 => {
            // duplicate ids: copy one sibling's id onto another
            let lists: &[&[&str]] = &[
                &["touchpoints"],
                &["survey", "questions"],
                &["feedback", "categories"],
                &["map", "floors"],
                &["map", "places"],
                &["map", "nodes"],
            ];
            let list = *rng.pick(lists);
            let ids = ids_of(&case.value, list);
            let mut cur = Some(&mut case.value);
            for k in list {
                cur = cur.and_then(|c| c.get_mut(*k));
            }
            if let (Some(Value::Array(a)), false) = (cur, ids.is_empty()) {
                let i = rng.below(a.len().max(1));
                let id = rng.pick(&ids).clone();
                if let Some(o) = a.get_mut(i).and_then(Value::as_object_mut) {
                    o.insert("id".into(), Value::from(id));
                }
            }
            format!("dup-id {}", list.join("."))
        }
        _ => {
            // questions in reverse order: every show_if now points forward
            if let Some(qs) = questions(case) {
                qs.reverse();
            }
            "questions-reversed".into()
        }
    }
}

fn push_edge(case: &mut Case, e: Value) {
    if let Some(a) = case.value.get_mut("map").and_then(|m| m.get_mut("edges")).and_then(Value::as_array_mut) {
        a.push(e);
    }
}

fn long_string(rng: &mut Rng) -> String {
    let unit = *rng.pick(&["a", "名", "👩\u{200D}👩\u{200D}👧", "e\u{301}", "\u{200F}"]);
    let n = (1 << 20) / unit.len();
    unit.repeat(n)
}

fn deep_nesting(rng: &mut Rng) -> String {
    let n = *rng.pick(&[100usize, 127, 128, 129, 1_000, 10_000, 100_000]);
    let closed = rng.chance(3, 4);
    match rng.below(3) {
        0 => format!("{}{}", "[".repeat(n), if closed { "]".repeat(n) } else { String::new() }),
        1 => format!("{}0{}", "{\"a\":".repeat(n), if closed { "}".repeat(n) } else { String::new() }),
        _ => format!("{}{}", "[{\"x\":".repeat(n), if closed { "}]".repeat(n) } else { String::new() }),
    }
}

/// One value-level mutation; returns what it did.
fn mutate(rng: &mut Rng, case: &mut Case) -> String {
    let roll = rng.below(100_000);
    match roll {
        // delete a field or an array element
        0..=17_999 => {
            let paths = paths_where(case, rng, |_| true);
            let path = choose(rng, &paths);
            let Some((last, parent)) = path.split_last() else { return "delete-none".into() };
            match (last, get_mut(&mut case.value, parent)) {
                (Seg::Key(k), Some(Value::Object(m))) => {
                    m.remove(k);
                }
                (Seg::Index(i), Some(Value::Array(a))) if *i < a.len() => {
                    a.remove(*i);
                }
                _ => {}
            }
            format!("delete {}", describe(&path))
        }
        // change a value's type (or value)
        18_000..=37_999 => {
            let paths = paths_where(case, rng, |_| true);
            let path = choose(rng, &paths);
            let new = odd_value(rng, case);
            set(case, &path, new);
            format!("retype {}", describe(&path))
        }
        // rename a key (typo, case, odd Unicode, path syntax characters)
        38_000..=46_999 => {
            let paths = paths_where(case, rng, Value::is_object);
            let path = choose(rng, &paths);
            let parent_name = match path.last() {
                Some(Seg::Key(k)) => Some(k.clone()),
                _ => None,
            };
            let new_key = if rng.chance(1, 3) {
                None
            } else if rng.chance(1, 4) && parent_name.is_some() {
                // a field named like the object it is in: `"brand": {"brand": …}`
                parent_name
            } else {
                Some(rng.pick(ODD_KEYS).to_string())
            };
            if let Some(Value::Object(m)) = get_mut(&mut case.value, &path) {
                let keys: Vec<String> = m.keys().cloned().collect();
                if keys.is_empty() {
                    return "rename-none".into();
                }
                let old = rng.pick(&keys).clone();
                let new_key = new_key.unwrap_or_else(|| format!("{old}{}", rng.pick(&["s", "_", "\u{200D}", "\u{301}", " "])));
                if let Some(v) = m.remove(&old) {
                    m.insert(new_key.clone(), v);
                }
                return format!("rename {}.{old:?} -> {new_key:?}", describe(&path));
            }
            "rename-none".into()
        }
        // duplicate a key in the text
        47_000..=55_999 => {
            let paths = paths_where(case, rng, |v| v.as_object().is_some_and(|m| !m.is_empty()));
            if paths.is_empty() {
                return "dup-key-none".into();
            }
            let path = choose(rng, &paths);
            let Some(Value::Object(m)) = get(&case.value, &path).cloned() else { return "dup-key-none".into() };
            let keys: Vec<&String> = m.keys().collect();
            let key = (*rng.pick(&keys)).clone();
            let extra = if rng.chance(1, 2) { m[&key].clone() } else { odd_value(rng, case) };
            let raw = object_with_duplicate(&m, &key, &extra, rng.chance(1, 2));
            let tag = case.splice(raw);
            set(case, &path, tag);
            format!("dup-key {}.{key:?}", describe(&path))
        }
        // odd numbers
        56_000..=61_999 => {
            let paths = paths_where(case, rng, |v| v.is_number() || v.is_string());
            let path = choose(rng, &paths);
            let raw = rng.pick(RAW_NUMBERS).to_string();
            let tag = case.splice(raw.clone());
            set(case, &path, tag);
            format!("number {} = {raw}", describe(&path))
        }
        // odd Unicode in a string (lone surrogates through raw escapes)
        62_000..=70_999 => {
            let paths = paths_where(case, rng, Value::is_string);
            let path = choose(rng, &paths);
            let old = get(&case.value, &path).and_then(Value::as_str).unwrap_or("").to_string();
            let new = if rng.chance(1, 3) {
                let raw = rng.pick(RAW_STRINGS).to_string();
                case.splice(raw)
            } else {
                let odd = rng.pick(ODD_STRINGS);
                Value::String(match rng.below(3) {
                    0 => odd.to_string(),
                    1 => format!("{old}{odd}"),
                    _ => format!("{odd}{old}"),
                })
            };
            set(case, &path, new);
            format!("unicode {}", describe(&path))
        }
        // reference cycles, dangling references, duplicate ids
        71_000..=83_999 => reference_mutation(rng, case),
        // copy a subtree somewhere else
        84_000..=89_999 => {
            let paths = paths_where(case, rng, |_| true);
            let from = choose(rng, &paths);
            let to = choose(rng, &paths);
            if let Some(v) = get(&case.value, &from).cloned() {
                set(case, &to, v);
            }
            format!("copy {} -> {}", describe(&from), describe(&to))
        }
        // nesting that stays valid JSON (within the parser's depth limit)
        90_000..=93_999 => {
            let paths = paths_where(case, rng, |_| true);
            let path = choose(rng, &paths);
            let depth = 1 + rng.below(120);
            if let Some(slot) = get_mut(&mut case.value, &path) {
                let mut v = slot.take();
                for _ in 0..depth {
                    v = if rng.chance(1, 2) { Value::Array(vec![v]) } else { serde_json::json!({ "en": v }) };
                }
                *slot = v;
            }
            format!("wrap {} x{depth}", describe(&path))
        }
        // deep nesting in the text, past any sane limit
        94_000..=97_799 => {
            let paths = paths_where(case, rng, |_| true);
            let path = choose(rng, &paths);
            let raw = deep_nesting(rng);
            let n = raw.len();
            let tag = case.splice(raw);
            set(case, &path, tag);
            format!("deep {} ({n} bytes)", describe(&path))
        }
        // huge arrays
        97_800..=97_859 => {
            let n = *rng.pick(&[10_000usize, 20_000, 50_000, 100_000]);
            let arrays = paths_where(case, rng, |v| v.as_array().is_some_and(|a| !a.is_empty()));
            let path = if arrays.is_empty() || rng.chance(1, 5) {
                let any = paths_where(case, rng, |_| true);
                choose(rng, &any)
            } else {
                choose(rng, &arrays)
            };
            let mut elem = match get(&case.value, &path) {
                Some(Value::Array(a)) if !a.is_empty() => a[rng.below(a.len())].clone(),
                Some(other) => other.clone(),
                None => Value::Null,
            };
            // Many elements, not many megabytes: keep the text under about 2 MB (a bigger
            // element is cut down to its id, or to a short string).
            let text = elem.to_string();
            // (a placeholder stands for spliced text of unknown size: cut it down too)
            if text.len() * n > HUGE_ARRAY_BYTES || text.contains(TAG) {
                elem = match elem.get("id") {
                    Some(id) if id.to_string().len() * 2 * n <= HUGE_ARRAY_BYTES => serde_json::json!({ "id": id }),
                    _ => Value::from("x"),
                };
            }
            let distinct = rng.chance(1, 2) && elem.get("id").is_some();
            let arr: Vec<Value> = (0..n)
                .map(|k| {
                    let mut e = elem.clone();
                    if distinct {
                        e["id"] = Value::from(format!("id-{k}"));
                    }
                    e
                })
                .collect();
            set(case, &path, Value::Array(arr));
            format!("huge-array {} x{n}{}", describe(&path), if distinct { " distinct ids" } else { "" })
        }
        // 1 MB strings, as a value or as a key
        97_860..=97_919 => {
            let s = long_string(rng);
            if rng.chance(1, 3) {
                let paths = paths_where(case, rng, Value::is_object);
                let path = choose(rng, &paths);
                if let Some(Value::Object(m)) = get_mut(&mut case.value, &path) {
                    m.insert(s, Value::Bool(true));
                }
                format!("long-key {}", describe(&path))
            } else {
                let paths = paths_where(case, rng, |_| true);
                let path = choose(rng, &paths);
                set(case, &path, Value::String(s));
                format!("long-string {}", describe(&path))
            }
        }
        // the whole document of the wrong shape
        _ => {
            let new = odd_value(rng, case);
            case.value = new;
            "whole-document".into()
        }
    }
}

fn char_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Text-level damage: truncation, garbage, a lost quote or bracket.
fn garble(rng: &mut Rng, text: String) -> (String, String) {
    if text.is_empty() {
        return (text, "garble-empty".into());
    }
    let at = char_boundary(&text, rng.below(text.len() + 1));
    match rng.below(7) {
        0 => (text[..at].to_string(), format!("truncate@{at}")),
        1 => {
            let end = char_boundary(&text, at + 1 + rng.below(64));
            (format!("{}{}", &text[..at], &text[end..]), format!("cut {at}..{end}"))
        }
        2 => {
            let junk = *rng.pick(&["{", "}", "[", "]", "\"", ",", ":", "\\", "\u{0}", "\u{FEFF}", "//", "/*", "'", "\u{200F}", "null", "\n"]);
            (format!("{}{junk}{}", &text[..at], &text[at..]), format!("insert {junk:?}@{at}"))
        }
        3 => {
            // drop one structural character
            let structural: Vec<usize> = text.match_indices(['{', '}', '[', ']', '"', ',', ':']).map(|(i, _)| i).collect();
            let Some(&i) = structural.get(rng.below(structural.len())) else { return (text, "garble-none".into()) };
            (format!("{}{}", &text[..i], &text[i + 1..]), format!("drop-structural@{i}"))
        }
        4 => (format!("\u{FEFF}{text}"), "bom".into()),
        5 => (format!("{text}{}", rng.pick(&["x", ",", "}", " {}", "\n\n// end"])), "trailing".into()),
        _ => (text.replacen(':', "=", 1 + rng.below(3)), "colon->equals".into()),
    }
}

/// Builds case `seed`: the text to parse, what was done to make it, and the document the text
/// holds when that is known without parsing it again (no splices, no damage to the text).
fn build(seed: u64, sample: &Value) -> (String, Vec<String>, Option<Value>) {
    let mut rng = Rng(seed);
    let mut case = Case { value: sample.clone(), splices: Vec::new(), log: Vec::new() };
    let n = match rng.below(100) {
        0..=49 => 1,
        50..=84 => 2 + rng.below(2),
        _ => 4 + rng.below(5),
    };
    let raw_sample = rng.chance(1, 20);
    if !raw_sample {
        for _ in 0..n {
            let what = mutate(&mut rng, &mut case);
            case.log.push(what);
        }
    }
    let mut text = if raw_sample { SAMPLE_CONFIG.to_string() } else { case.render(rng.chance(1, 8)) };
    let mut known = !raw_sample && case.splices.is_empty();
    if raw_sample || rng.chance(3, 25) {
        let (t, what) = garble(&mut rng, text);
        text = t;
        case.log.push(what);
        known = false;
    }
    (text, case.log, known.then_some(case.value))
}

// ---- the check ------------------------------------------------------------------------------

/// Characters a path must never show raw: they are invisible or reorder the text around them.
fn is_invisible(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{AD}' | '\u{61C}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{2028}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206F}' | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}'
            | '\u{E0000}'..='\u{E007F}')
}

/// Parses a problem path into segments, or says why it is not a valid JSON path.
///
/// **Valid JSON path** (the syntax of [`Problem::path`]):
///
/// ```text
/// path    = "" | first rest*
/// first   = name | index | quoted
/// rest    = "." name | index | quoted
/// name    = 1*( ASCII letter | digit | "_" | "-" )         e.g. store, zh-Hans, max_length
/// index   = "[" ( "0" | nonzero-digit digit* ) "]"        e.g. touchpoints[2]
/// quoted  = "[" JSON-string-literal "]"                  e.g. store["a.b"], name["\u200f"]
/// ```
///
/// The empty path is the document root (syntax errors, a document that is not an object). A
/// key that is not a `name` is written `quoted`: a JSON string literal that decodes to the
/// key, in which control characters and invisible or bidirectional format characters
/// (`U+200B–U+200F`, `U+202A–U+202E`, `U+2066–U+2069`, `U+FEFF`…) are escaped, so the path on the
/// error screen shows what is really in the file.
///
/// Beyond the syntax, when the text is valid JSON, every segment but the last must resolve in
/// the parsed document (see [`check`]), and the last must fit its parent (a key in an object,
/// an index in an array) but may name a missing field or index.
fn parse_path(path: &str) -> Result<Vec<Seg>, String> {
    let mut segs = Vec::new();
    let b = path.as_bytes();
    let mut i = 0;
    let name = |i: &mut usize| -> Option<String> {
        let start = *i;
        while *i < b.len() && (b[*i].is_ascii_alphanumeric() || b[*i] == b'_' || b[*i] == b'-') {
            *i += 1;
        }
        (*i > start).then(|| path[start..*i].to_string())
    };
    while i < b.len() {
        if b[i] == b'[' {
            if b.get(i + 1) == Some(&b'"') {
                // a JSON string literal up to its closing quote, then ']'
                let start = i + 1;
                let mut j = start + 1;
                loop {
                    match b.get(j) {
                        None => return Err(format!("unterminated quoted key at {start}")),
                        Some(b'\\') => j += 2,
                        Some(b'"') => break,
                        Some(_) => j += 1,
                    }
                }
                let lit = &path[start..=j];
                if let Some(c) = lit.chars().find(|c| is_invisible(*c)) {
                    return Err(format!("raw invisible character U+{:04X} in quoted key", c as u32));
                }
                let key: String = serde_json::from_str(lit).map_err(|e| format!("quoted key {lit:?} is not a JSON string: {e}"))?;
                if b.get(j + 1) != Some(&b']') {
                    return Err(format!("quoted key not followed by ] at {}", j + 1));
                }
                segs.push(Seg::Key(key));
                i = j + 2;
            } else {
                let start = i + 1;
                let mut j = start;
                while j < b.len() && b[j].is_ascii_digit() {
                    j += 1;
                }
                if j == start || b.get(j) != Some(&b']') || (b[start] == b'0' && j > start + 1) {
                    return Err(format!("bad index at {i}"));
                }
                let n: usize = path[start..j].parse().map_err(|_| format!("index too large at {i}"))?;
                segs.push(Seg::Index(n));
                i = j + 1;
            }
        } else if segs.is_empty() || b[i] == b'.' {
            if !segs.is_empty() {
                i += 1;
            }
            match name(&mut i) {
                Some(k) => segs.push(Seg::Key(k)),
                None => return Err(format!("expected a field name at {i}")),
            }
        } else {
            return Err(format!("unexpected {:?} at {i}", path[i..].chars().next().unwrap_or(' ')));
        }
    }
    Ok(segs)
}

/// The rules every answer must keep. `Ok` needs nothing more. `Err(problems)`:
/// - the list is not empty;
/// - every path is a valid JSON path (see [`parse_path`]);
/// - when the text is not valid JSON, every problem is a syntax problem at the root;
/// - when it is, no problem is a syntax problem, every segment of a path but the last resolves
///   in the parsed document, and the last fits its parent (a key of an object, an index of an
///   array); and a problem about a value (wrong type, unknown value, unknown field, bad id,
///   dangling reference…) points at a value that is there, and for the kinds that name it
///   (unknown field, unknown value, duplicate id, unknown or forward reference) at that very
///   field or value.
fn check(text: &str, known: Option<Value>, result: &Result<Config, Vec<Problem>>) -> Result<(), String> {
    let problems = match result {
        Ok(_) => return Ok(()),
        Err(p) => p,
    };
    if problems.is_empty() {
        return Err("Err with no problems".into());
    }
    // `known` is the document `text` was written from (the same as parsing `text` again),
    // unless it is nested past serde_json's depth limit: a syntax problem is checked on the text.
    let any_syntax = problems.iter().any(|p| matches!(p.kind, ProblemKind::Syntax { .. }));
    let doc: Option<Value> = match known {
        Some(v) if !any_syntax => Some(v),
        _ => serde_json::from_str(text).ok(),
    };
    for p in problems {
        let fail = |why: String| Err(format!("{why}\n    problem: {}", short(&format!("{p:?}"))));
        let segs = match parse_path(&p.path) {
            Ok(s) => s,
            Err(why) => return fail(format!("path {:?} is not a valid JSON path: {why}", short(&p.path))),
        };
        let is_syntax = matches!(p.kind, ProblemKind::Syntax { .. });
        let Some(doc) = &doc else {
            if !is_syntax || !p.path.is_empty() {
                return fail("text is not JSON, yet the problem is not a syntax problem at the root".into());
            }
            continue;
        };
        if is_syntax {
            return fail("syntax problem for a text that is valid JSON".into());
        }
        let Some((last, parent_path)) = segs.split_last() else { continue };
        let Some(parent) = get(doc, parent_path) else {
            return fail(format!("path {:?} does not resolve", short(&p.path)));
        };
        let target = match (last, parent) {
            (Seg::Key(k), Value::Object(m)) => m.get(k),
            (Seg::Index(i), Value::Array(a)) => a.get(*i),
            _ => return fail(format!("last segment of {:?} does not fit its parent", short(&p.path))),
        };
        use ProblemKind as K;
        let must_exist = !matches!(
            p.kind,
            K::MissingField { .. } | K::FieldRequired { .. } | K::LengthNeeded | K::EmptyList | K::EmptyText
        );
        if let K::MissingField { field } = &p.kind {
            // A field the file does have is not missing.
            if *last != Seg::Key(field.clone()) || target.is_some() {
                return fail(format!("missing field {field:?} reported at {:?}, which is in the file", short(&p.path)));
            }
            continue;
        }
        let Some(target) = target else {
            if must_exist {
                return fail(format!("path {:?} names nothing, but the problem is about a value there", short(&p.path)));
            }
            continue;
        };
        let names = |want: &str| -> bool { target.as_str() == Some(want) };
        let ok = match &p.kind {
            K::UnknownField { field } => *last == Seg::Key(field.clone()),
            K::FieldRequired { field, .. } => *last == Seg::Key(field.clone()),
            // serde reads `{"walk": …}` as the variant `walk` with data, so an object's key
            // can be the value found
            K::UnknownValue { found, .. } => names(found) || target.as_object().is_some_and(|m| m.contains_key(found)),
            K::DuplicateId { id } | K::UnknownReference { id } | K::ForwardReference { id } => names(id),
            K::InvalidId => target.is_string(),
            K::EmptyList => target.as_array().is_some_and(Vec::is_empty),
            _ => true,
        };
        if !ok {
            return fail(format!("path {:?} points at {}, not at what the problem names", short(&p.path), short(&target.to_string())));
        }
    }
    Ok(())
}

fn short(s: &str) -> String {
    if s.chars().count() > 300 {
        format!("{}… ({} bytes)", s.chars().take(300).collect::<String>(), s.len())
    } else {
        s.to_string()
    }
}

// ---- the run --------------------------------------------------------------------------------

/// Time spent building cases and in `parse`, summed over both workers.
static GEN_NS: AtomicU64 = AtomicU64::new(0);
static PARSE_NS: AtomicU64 = AtomicU64::new(0);

struct Tally {
    ok: u64,
    err: u64,
    max: Duration,
    max_seed: u64,
    slowest: Vec<(Duration, u64)>,
    failures: Vec<String>,
}

/// Runs one case; returns (ok?, time, failure).
fn run_case(seed: u64, sample: &Value) -> (bool, Duration, Option<String>) {
    let g0 = Instant::now();
    let (text, log, known) = build(seed, sample);
    GEN_NS.fetch_add(g0.elapsed().as_nanos() as u64, Ordering::Relaxed);
    let t0 = Instant::now();
    let result = catch_unwind(AssertUnwindSafe(|| parse(&text)));
    let took = t0.elapsed();
    PARSE_NS.fetch_add(took.as_nanos() as u64, Ordering::Relaxed);
    let describe = || format!("seed {seed:#x} [{}] ({} bytes)", log.join("; "), text.len());
    let failure = match &result {
        Err(panic) => {
            let msg = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            Some(format!("{}: PANIC {msg}", describe()))
        }
        Ok(r) => match check(&text, known, r) {
            Err(why) => Some(format!("{}: {why}", describe())),
            Ok(()) if took > CASE_LIMIT => Some(format!("{}: took {took:?} (limit {CASE_LIMIT:?})", describe())),
            Ok(()) => None,
        },
    };
    (matches!(result, Ok(Ok(_))), took, failure)
}

#[test]
fn hostile_configs_end_in_a_config_or_problems_with_valid_paths() {
    let sample: Value = serde_json::from_str(SAMPLE_CONFIG).expect("the sample is JSON");
    // Keep panics of the parser quiet: they are collected and reported with their seeds.
    std::panic::set_hook(Box::new(|_| {}));

    if let Ok(one) = std::env::var("SEED") {
        let seed = u64::from_str_radix(one.trim_start_matches("0x"), 16).expect("SEED is hex");
        let (text, log, _) = build(seed, &sample);
        eprintln!("seed {seed:#x}: {}\n{} bytes: {}", log.join("; "), text.len(), short(&text));
        let t0 = Instant::now();
        let r = parse(&text);
        eprintln!("took {:?}: {}", t0.elapsed(), short(&format!("{r:#?}")));
        let (_, _, failure) = run_case(seed, &sample);
        let _ = std::panic::take_hook();
        assert!(failure.is_none(), "{}", failure.unwrap_or_default());
        return;
    }

    let next = Arc::new(AtomicU64::new(0));
    let tally = Arc::new(Mutex::new(Tally { ok: 0, err: 0, max: Duration::ZERO, max_seed: 0, slowest: Vec::new(), failures: Vec::new() }));
    let sample = Arc::new(sample);
    // Per worker: the case it is on (u64::MAX when idle) and since when (ms since `start`).
    let start = Instant::now();
    let current: Arc<Vec<(AtomicU64, AtomicU64)>> =
        Arc::new((0..WORKERS).map(|_| (AtomicU64::new(u64::MAX), AtomicU64::new(0))).collect());
    let done = Arc::new(AtomicUsize::new(0));
    let stop = Arc::new(AtomicBool::new(false));
    for w in 0..WORKERS {
        let (next, tally, sample, current, done, stop) =
            (next.clone(), tally.clone(), sample.clone(), current.clone(), done.clone(), stop.clone());
        std::thread::Builder::new()
            .name(format!("mutation-{w}"))
            .stack_size(1 << 20)
            .spawn(move || {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= CASES || stop.load(Ordering::Relaxed) {
                        break;
                    }
                    let seed = case_seed(i);
                    current[w].1.store(start.elapsed().as_millis() as u64, Ordering::Relaxed);
                    current[w].0.store(seed, Ordering::Relaxed);
                    let (ok, took, failure) = run_case(seed, &sample);
                    current[w].0.store(u64::MAX, Ordering::Relaxed);
                    let mut t = tally.lock().unwrap_or_else(|e| e.into_inner());
                    if ok {
                        t.ok += 1;
                    } else {
                        t.err += 1;
                    }
                    if took > t.max {
                        t.max = took;
                        t.max_seed = seed;
                    }
                    t.slowest.push((took, seed));
                    t.slowest.sort_by(|a, b| b.cmp(a));
                    t.slowest.truncate(5);
                    if let Some(f) = failure {
                        t.failures.push(f);
                    }
                    let n = t.ok + t.err;
                    if n % 20_000 == 0 {
                        eprintln!("config_mutation: {n} cases, {:.1} s", start.elapsed().as_secs_f64());
                    }
                }
                done.fetch_add(1, Ordering::Relaxed);
            })
            .expect("spawn a worker");
    }
    // Watchdog: a case that runs past HANG_LIMIT ends the test (the process exits with it).
    while done.load(Ordering::Relaxed) < WORKERS {
        std::thread::sleep(Duration::from_millis(100));
        let now = start.elapsed().as_millis() as u64;
        for (seed, since) in current.iter() {
            let seed = seed.load(Ordering::Relaxed);
            if seed != u64::MAX && now.saturating_sub(since.load(Ordering::Relaxed)) > HANG_LIMIT.as_millis() as u64 {
                stop.store(true, Ordering::Relaxed);
                let _ = std::panic::take_hook();
                panic!("HANG: case seed {seed:#x} still running after {HANG_LIMIT:?} (rerun with SEED={seed:x})");
            }
        }
    }
    let _ = std::panic::take_hook();
    let total = start.elapsed();
    let t = tally.lock().unwrap_or_else(|e| e.into_inner());
    eprintln!(
        "CONFIG_MUTATION cases={} ok={} err={} max_case_ms={:.1} (seed {:#x}) total_s={:.1} parse_cpu_s={:.1} build_cpu_s={:.1} failures={}",
        t.ok + t.err,
        t.ok,
        t.err,
        t.max.as_secs_f64() * 1000.0,
        t.max_seed,
        total.as_secs_f64(),
        PARSE_NS.load(Ordering::Relaxed) as f64 / 1e9,
        GEN_NS.load(Ordering::Relaxed) as f64 / 1e9,
        t.failures.len()
    );
    for (took, seed) in &t.slowest {
        let (text, log, _) = build(*seed, &sample);
        eprintln!("  slow: {took:?} seed {seed:#x} ({} bytes) [{}]", text.len(), short(&log.join("; ")));
    }
    assert_eq!(t.ok + t.err, CASES);
    assert!(
        t.failures.is_empty(),
        "{} of {CASES} cases failed (rerun one with SEED=<hex seed>); first ones:\n{}",
        t.failures.len(),
        t.failures.iter().take(20).map(|f| f.chars().take(1500).collect::<String>()).collect::<Vec<_>>().join("\n")
    );
}
