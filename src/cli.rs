//! The native `storevoice` command for operators:
//!
//! ```text
//! storevoice check config.json [--lang en|zh-Hans|zh-Hant]
//! ```
//!
//! Runs the app's own parser and validator on a config file before it is deployed: every
//! problem with its JSON path and reason, then warnings (valid, but worth a look), in the
//! operator's language (`--lang`, else `$LANG`, else Simplified Chinese). Exit code 0 when
//! the file can be used, 1 when it has problems, 2 when the command itself is wrong or the
//! file cannot be read — so CI can run it too.

use std::io::Write;

use crate::config;
use crate::lang::Lang;
use crate::wayfinding::warnings::warnings;

const USAGE: &str = "usage: storevoice check CONFIG.json [--lang en|zh-Hans|zh-Hant]";

/// Runs the command; returns the exit code.
pub fn run(args: &[String], env_lang: Option<&str>, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let mut lang = env_lang.and_then(|l| Lang::parse(l.split('.').next().unwrap_or(l)));
    let mut file = None;
    let mut it = args.iter();
    let Some(cmd) = it.next() else {
        let _ = writeln!(err, "{USAGE}");
        return 2;
    };
    if cmd != "check" {
        let _ = writeln!(err, "unknown command {cmd:?}\n{USAGE}");
        return 2;
    }
    while let Some(a) = it.next() {
        match a.as_str() {
            "--lang" => match it.next().and_then(|l| Lang::parse(l)) {
                Some(l) => lang = Some(l),
                None => {
                    let _ = writeln!(err, "--lang takes en, zh-Hans or zh-Hant\n{USAGE}");
                    return 2;
                }
            },
            f if file.is_none() && !f.starts_with("--") => file = Some(f.to_string()),
            other => {
                let _ = writeln!(err, "unexpected argument {other:?}\n{USAGE}");
                return 2;
            }
        }
    }
    let Some(file) = file else {
        let _ = writeln!(err, "{USAGE}");
        return 2;
    };
    let s = lang.unwrap_or_default().strings();
    let text = match std::fs::read_to_string(&file) {
        Ok(t) => t,
        Err(e) => {
            let _ = writeln!(err, "{file}: {}", (s.config_load_failed)(&e.to_string()));
            return 2;
        }
    };
    match config::parse(&text) {
        Err(problems) => {
            let _ = writeln!(out, "{file}: {}", s.config_error_intro);
            for p in &problems {
                let path = if p.path.is_empty() { "(file)" } else { p.path.as_str() };
                let _ = writeln!(out, "  {path}: {}", (s.problem)(&p.kind));
            }
            1
        }
        Ok(c) => {
            let _ = writeln!(out, "{file}: {}", s.config_ok);
            let w = warnings(&c);
            if !w.is_empty() {
                let _ = writeln!(out, "{}", s.config_warnings_intro);
                for x in &w {
                    let _ = writeln!(out, "  {}: {}", x.path, (s.config_warning)(&x.kind));
                }
            }
            0
        }
    }
}
