//! Command-line flags, parsed by hand: the collector has few flags and should build fast.
//! Parsing is pure (no files touched) so every error case is unit-testable.

use std::path::PathBuf;

use crate::faults::FaultSpec;

pub const USAGE: &str = "\
storevoice-collector — reference collector for StoreVoice survey answers (CloudEvents 1.0)

USAGE:
    storevoice-collector [FLAGS]                  run the collector
    storevoice-collector token add --store S --touchpoint T [--db PATH]
                                                  provision a device token (printed once)
    storevoice-collector token list [--db PATH]   list device tokens (never the tokens)
    storevoice-collector token revoke ID [--db PATH]
    storevoice-collector forget (--reference XXXX-XXXX-X | --phone P | --email E) [--db PATH]
                                                  remove a customer's contact details

FLAGS:
    --addr HOST:PORT     address to listen on (default 127.0.0.1:8080; port 0 picks a free one)
    --db PATH            SQLite database file, created if missing (default collector.sqlite;
                         :memory: keeps events in memory only); --database is the same flag
    --dist DIR           also serve the built app from DIR at /
    --config FILE        serve FILE at /config.json instead of DIR/config.json
    --token TOKEN        compatibility mode: one shared ingest token, `Authorization: Bearer
                         TOKEN` on POST /api/events (weaker than device tokens: see README)
    --admin-token-file FILE
                         the admin token that reads the exports (first line of FILE; else
                         the STOREVOICE_ADMIN_TOKEN environment variable; without either
                         the exports are disabled)
    --allow-origin ORIGIN
                         let the app at ORIGIN (e.g. https://kiosk.example) post events
                         cross-origin (CORS); repeatable; default: same origin only
    --max-body BYTES     largest accepted request body (default 1048576)
    --faults SPEC        inject faults into POST /api/events, e.g.
                         503=0.2,429=0.1,reset=0.1,redirect=0.1,delay=0-300
    --seed N             seed of the fault PRNG (default 1)
    -h, --help           print this help

ENDPOINTS:
    POST /api/events  GET /api/events.ndjson  GET /api/events.csv
    GET /api/summary  GET /api/health
";

/// Everything the server needs to start.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    pub addr: String,
    pub db: String,
    pub dist: Option<PathBuf>,
    pub config: Option<PathBuf>,
    pub token: Option<String>,
    pub admin_token_file: Option<PathBuf>,
    pub allow_origins: Vec<String>,
    pub max_body: usize,
    pub faults: Option<FaultSpec>,
    pub seed: u64,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            addr: "127.0.0.1:8080".into(),
            db: "collector.sqlite".into(),
            dist: None,
            config: None,
            token: None,
            admin_token_file: None,
            allow_origins: Vec::new(),
            max_body: 1_048_576,
            faults: None,
            seed: 1,
        }
    }
}

/// What the command line asks for.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    Help,
    Run(Options),
    /// `token …` on the database `db`.
    Token {
        db: String,
        action: TokenAction,
    },
    /// `forget …` on the database `db`.
    Forget {
        db: String,
        key: crate::forget::ForgetKey,
    },
}

fn parse_forget(args: impl Iterator<Item = String>) -> Result<Command, String> {
    use crate::forget::ForgetKey;
    let (flags, words) = flags_and_words(args, &["--db", "--reference", "--phone", "--email"])?;
    if let Some(w) = words.first() {
        return Err(format!("unexpected argument {w:?}"));
    }
    let mut db = Options::default().db;
    let mut keys = Vec::new();
    for (flag, value) in flags {
        match flag.as_str() {
            "--db" => db = value,
            "--reference" => keys.push(ForgetKey::Reference(value)),
            "--phone" => keys.push(ForgetKey::Phone(value)),
            _ => keys.push(ForgetKey::Email(value)),
        }
    }
    match keys.len() {
        1 => Ok(Command::Forget {
            db,
            key: keys.remove(0),
        }),
        0 => Err(
            "forget needs one of --reference XXXX-XXXX-X, --phone NUMBER or --email ADDRESS".into(),
        ),
        _ => Err("forget takes one of --reference, --phone or --email at a time".into()),
    }
}

/// The `token` subcommands.
#[derive(Debug, Clone, PartialEq)]
pub enum TokenAction {
    Add { store: String, touchpoint: String },
    List,
    Revoke { id: String },
}

/// `--flag VALUE` / `--flag=VALUE` pairs and bare words of a subcommand.
fn flags_and_words(
    args: impl Iterator<Item = String>,
    allowed: &[&str],
) -> Result<(Vec<(String, String)>, Vec<String>), String> {
    let mut args = args.peekable();
    let (mut flags, mut words): (Vec<(String, String)>, Vec<String>) = (Vec::new(), Vec::new());
    while let Some(arg) = args.next() {
        if !arg.starts_with("--") {
            words.push(arg);
            continue;
        }
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) => (f.to_owned(), Some(v.to_owned())),
            None => (arg.clone(), None),
        };
        let flag = if flag == "--database" {
            "--db".to_owned()
        } else {
            flag
        };
        if !allowed.contains(&flag.as_str()) {
            return Err(format!("unknown flag {flag:?}"));
        }
        if flags.iter().any(|(f, _)| *f == flag) {
            return Err(format!("{flag} is given twice"));
        }
        let value = match inline {
            Some(v) => v,
            None => args.next().ok_or_else(|| format!("{flag} needs a value"))?,
        };
        if value.is_empty() {
            return Err(format!("{flag} needs a non-empty value"));
        }
        flags.push((flag, value));
    }
    Ok((flags, words))
}

fn parse_token(mut args: impl Iterator<Item = String>) -> Result<Command, String> {
    let action = args
        .next()
        .ok_or("token needs an action: add, list or revoke")?;
    let (flags, words) = flags_and_words(args, &["--db", "--store", "--touchpoint"])?;
    let get = |name: &str| {
        flags
            .iter()
            .find(|(f, _)| f == name)
            .map(|(_, v)| v.clone())
    };
    let db = get("--db").unwrap_or_else(|| Options::default().db);
    let only_db = |extra: &[String]| -> Result<(), String> {
        match (flags.iter().find(|(f, _)| f != "--db"), extra.first()) {
            (Some((f, _)), _) => Err(format!("token {action} does not take {f}")),
            (None, Some(w)) => Err(format!("unexpected argument {w:?}")),
            (None, None) => Ok(()),
        }
    };
    let action = match action.as_str() {
        "add" => {
            if let Some(w) = words.first() {
                return Err(format!("unexpected argument {w:?}"));
            }
            let store = get("--store").ok_or("token add needs --store STORE_ID")?;
            let touchpoint =
                get("--touchpoint").ok_or("token add needs --touchpoint TOUCHPOINT_ID")?;
            crate::store::check_id("--store", &store)?;
            crate::store::check_id("--touchpoint", &touchpoint)?;
            TokenAction::Add { store, touchpoint }
        }
        "list" => {
            only_db(&words)?;
            TokenAction::List
        }
        "revoke" => {
            let (id, rest) = words
                .split_first()
                .ok_or("token revoke needs the token's id (see token list)")?;
            only_db(rest)?;
            TokenAction::Revoke { id: id.clone() }
        }
        other => {
            return Err(format!(
                "unknown token action {other:?}: use add, list or revoke"
            ))
        }
    };
    Ok(Command::Token { db, action })
}

/// Parses the arguments after the program name. Flags take `--flag VALUE` or `--flag=VALUE`.
pub fn parse<I, S>(args: I) -> Result<Command, String>
where
    I: IntoIterator<Item = S>,
    S: Into<String>,
{
    let mut opts = Options::default();
    let mut args = args.into_iter().map(Into::into).peekable();
    if args.peek().map(String::as_str) == Some("token") {
        args.next();
        return parse_token(args);
    }
    if args.peek().map(String::as_str) == Some("forget") {
        args.next();
        return parse_forget(args);
    }
    let mut seen: Vec<String> = Vec::new();
    while let Some(arg) = args.next() {
        if arg == "-h" || arg == "--help" {
            return Ok(Command::Help);
        }
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_owned(), Some(v.to_owned())),
            _ => (arg.clone(), None),
        };
        let flag = if flag == "--database" {
            "--db".to_owned()
        } else {
            flag
        };
        if !matches!(
            flag.as_str(),
            "--addr"
                | "--db"
                | "--dist"
                | "--config"
                | "--token"
                | "--admin-token-file"
                | "--allow-origin"
                | "--max-body"
                | "--faults"
                | "--seed"
        ) {
            return Err(if flag.starts_with('-') {
                format!("unknown flag {flag:?}")
            } else {
                format!("unexpected argument {arg:?}")
            });
        }
        if seen.contains(&flag) && flag != "--allow-origin" {
            return Err(format!("{flag} is given twice"));
        }
        seen.push(flag.clone());
        let value = match inline {
            Some(v) => v,
            None => args.next().ok_or_else(|| format!("{flag} needs a value"))?,
        };
        if value.is_empty() {
            return Err(format!("{flag} needs a non-empty value"));
        }
        match flag.as_str() {
            "--addr" => opts.addr = check_addr(&value)?,
            "--db" => opts.db = value,
            "--dist" => opts.dist = Some(PathBuf::from(value)),
            "--config" => opts.config = Some(PathBuf::from(value)),
            "--token" => opts.token = Some(check_token(&value)?),
            "--admin-token-file" => opts.admin_token_file = Some(PathBuf::from(value)),
            "--allow-origin" => opts.allow_origins.push(check_origin(&value)?),
            "--max-body" => {
                opts.max_body = match value.parse::<usize>() {
                    Ok(n) if n > 0 => n,
                    _ => {
                        return Err(format!(
                            "--max-body needs a positive number of bytes, not {value:?}"
                        ))
                    }
                }
            }
            "--faults" => {
                opts.faults = Some(FaultSpec::parse(&value).map_err(|e| format!("--faults: {e}"))?)
            }
            "--seed" => {
                opts.seed = value.parse().map_err(|_| {
                    format!(
                        "--seed needs a whole number from 0 to {}, not {value:?}",
                        u64::MAX
                    )
                })?
            }
            _ => return Err(format!("unknown flag {flag:?}")),
        }
    }
    Ok(Command::Run(opts))
}

/// `HOST:PORT` with a numeric port (`[::1]:8080` for IPv6); the host is resolved at bind time.
fn check_addr(value: &str) -> Result<String, String> {
    match value.rsplit_once(':') {
        Some((host, port)) if !host.is_empty() && port.parse::<u16>().is_ok() => {
            Ok(value.to_owned())
        }
        _ => Err(format!(
            "--addr needs HOST:PORT such as 127.0.0.1:8080, not {value:?}"
        )),
    }
}

/// Tokens travel in a header, so they must be visible ASCII without spaces.
fn check_token(value: &str) -> Result<String, String> {
    if value.bytes().all(|b| b.is_ascii_graphic()) {
        Ok(value.to_owned())
    } else {
        Err("--token may only contain visible ASCII characters without spaces".into())
    }
}

/// An origin as browsers send it: `scheme://host[:port]`, no path, no trailing slash.
fn check_origin(value: &str) -> Result<String, String> {
    let bad = || {
        format!(
            "--allow-origin needs an origin such as https://kiosk.example or http://127.0.0.1:8080 \
             (scheme, host and optional port; no path), not {value:?}"
        )
    };
    let (scheme, rest) = value.split_once("://").ok_or_else(bad)?;
    if !matches!(scheme, "http" | "https")
        || rest.is_empty()
        || rest.contains(['/', '?', '#', '*', ' '])
        || !value.is_ascii()
    {
        return Err(bad());
    }
    Ok(value.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(args: &[&str]) -> Result<Options, String> {
        match parse(args.iter().copied())? {
            Command::Run(o) => Ok(o),
            other => Err(format!("{other:?}")),
        }
    }

    #[test]
    fn defaults() {
        assert_eq!(run(&[]), Ok(Options::default()));
    }

    #[test]
    fn all_flags() {
        let o = run(&[
            "--addr",
            "0.0.0.0:0",
            "--db=:memory:",
            "--dist",
            "dist",
            "--config",
            "c.json",
            "--token",
            "s3cret",
            "--admin-token-file",
            "admin.token",
            "--allow-origin",
            "https://kiosk.example",
            "--allow-origin=http://127.0.0.1:8080",
            "--max-body",
            "10",
            "--faults",
            "503=0.5",
            "--seed",
            "42",
        ]);
        assert_eq!(
            o,
            Ok(Options {
                addr: "0.0.0.0:0".into(),
                db: ":memory:".into(),
                dist: Some("dist".into()),
                config: Some("c.json".into()),
                token: Some("s3cret".into()),
                admin_token_file: Some("admin.token".into()),
                allow_origins: vec![
                    "https://kiosk.example".into(),
                    "http://127.0.0.1:8080".into()
                ],
                max_body: 10,
                faults: Some(FaultSpec {
                    p503: 0.5,
                    ..FaultSpec::default()
                }),
                seed: 42,
            })
        );
    }

    #[test]
    fn token_commands() {
        let p = |a: &[&str]| parse(a.iter().copied());
        assert_eq!(
            p(&[
                "token",
                "add",
                "--store",
                "s1",
                "--touchpoint=t1",
                "--database",
                "x.sqlite"
            ]),
            Ok(Command::Token {
                db: "x.sqlite".into(),
                action: TokenAction::Add {
                    store: "s1".into(),
                    touchpoint: "t1".into()
                }
            })
        );
        assert_eq!(
            p(&["token", "list"]),
            Ok(Command::Token {
                db: "collector.sqlite".into(),
                action: TokenAction::List
            })
        );
        assert_eq!(
            p(&["token", "revoke", "dt-1", "--db", "y"]),
            Ok(Command::Token {
                db: "y".into(),
                action: TokenAction::Revoke { id: "dt-1".into() }
            })
        );
        for (args, needle) in [
            (&["token"][..], "needs an action"),
            (&["token", "mint"][..], "unknown token action"),
            (&["token", "add", "--store", "s"][..], "--touchpoint"),
            (
                &["token", "add", "--store", "a/b", "--touchpoint", "t"][..],
                "without `/`",
            ),
            (
                &["token", "list", "--store", "s"][..],
                "does not take --store",
            ),
            (&["token", "revoke"][..], "needs the token's id"),
            (&["token", "add", "--port", "1"][..], "unknown flag"),
        ] {
            match p(args) {
                Err(e) => assert!(e.contains(needle), "{args:?}: {e}"),
                Ok(c) => panic!("{args:?} accepted: {c:?}"),
            }
        }
    }

    #[test]
    fn help() {
        assert_eq!(parse(["--addr", "1.2.3.4:5", "--help"]), Ok(Command::Help));
        assert_eq!(parse(["-h"]), Ok(Command::Help));
    }

    #[test]
    fn errors() {
        for (args, needle) in [
            (&["--port", "80"][..], "unknown flag \"--port\""),
            (&["serve"][..], "unexpected argument"),
            (&["--addr"][..], "--addr needs a value"),
            (&["--addr", "8080"][..], "HOST:PORT"),
            (&["--addr", "localhost:99999"][..], "HOST:PORT"),
            (&["--db", ""][..], "non-empty"),
            (&["--max-body", "0"][..], "positive"),
            (&["--max-body", "1k"][..], "positive"),
            (&["--seed", "-1"][..], "--seed"),
            (&["--faults", "teapot=1"][..], "unknown fault"),
            (&["--faults", "503=2"][..], "from 0 to 1"),
            (&["--token", "a b"][..], "--token"),
            (&["--db", "a", "--db", "b"][..], "twice"),
            (&["--allow-origin", "*"][..], "--allow-origin"),
            (&["--allow-origin", "https://a.example/"][..], "no path"),
            (&["--allow-origin", "kiosk.example"][..], "--allow-origin"),
        ] {
            match run(args) {
                Err(e) => assert!(e.contains(needle), "{args:?}: {e}"),
                Ok(o) => panic!("{args:?} accepted: {o:?}"),
            }
        }
    }
}
