//! The native `storevoice` command for operators:
//!
//! ```text
//! storevoice check config.json [--lang en|zh-Hans|zh-Hant]
//! storevoice pin-hash            (reads the PIN from standard input)
//! ```
//!
//! `pin-hash` prints the `"staff"` entry for config.json: a PBKDF2-HMAC-SHA256 hash of the PIN
//! with a fresh random salt from the operating system. The PIN is read from standard input (a
//! prompt on a terminal), never from the command line, so it stays out of shell history.
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

const USAGE: &str = "usage: storevoice check CONFIG.json [--lang en|zh-Hans|zh-Hant]\n       storevoice pin-hash   (the PIN on standard input)";

/// Runs the command; returns the exit code.
pub fn run(args: &[String], env_lang: Option<&str>, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let mut lang = env_lang.and_then(|l| Lang::parse(l.split('.').next().unwrap_or(l)));
    let mut file = None;
    let mut it = args.iter();
    let Some(cmd) = it.next() else {
        let _ = writeln!(err, "{USAGE}");
        return 2;
    };
    if cmd == "pin-hash" {
        if let Some(extra) = it.next() {
            let _ = writeln!(err, "pin-hash takes no arguments (got {extra:?}); type the PIN when asked, or pipe it in\n{USAGE}");
            return 2;
        }
        let stdin = std::io::stdin();
        if std::io::IsTerminal::is_terminal(&stdin) {
            let _ = write!(err, "Staff PIN (at least 4 characters): ");
            let _ = err.flush();
        }
        let salt = match os_random_salt() {
            Ok(s) => s,
            Err(e) => {
                let _ = writeln!(err, "cannot read random bytes from /dev/urandom: {e}");
                return 2;
            }
        };
        return pin_hash(&mut stdin.lock(), &salt, crate::staff::DEFAULT_ITERATIONS, out, err);
    }
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

/// 16 bytes from the operating system's random source.
fn os_random_salt() -> std::io::Result<[u8; 16]> {
    use std::io::Read;
    let mut salt = [0u8; 16];
    std::fs::File::open("/dev/urandom")?.read_exact(&mut salt)?;
    Ok(salt)
}

/// Reads one line (the PIN) from `input` and prints the `"staff"` entry for config.json.
pub fn pin_hash(input: &mut dyn std::io::BufRead, salt: &[u8], iterations: u32, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    use crate::staff::{base64, normalize_pin, pbkdf2::pbkdf2_sha256, HASH_BYTES};
    let mut line = String::new();
    if let Err(e) = input.read_line(&mut line) {
        let _ = writeln!(err, "cannot read the PIN: {e}");
        return 2;
    }
    let pin = normalize_pin(&line);
    if pin.chars().count() < 4 {
        let _ = writeln!(err, "a staff PIN needs at least 4 characters");
        return 1;
    }
    let hash = pbkdf2_sha256(pin.as_bytes(), salt, iterations, HASH_BYTES);
    let _ = writeln!(
        out,
        "\"staff\": {{ \"pin\": {{ \"salt\": \"{}\", \"iterations\": {iterations}, \"hash\": \"{}\" }} }}",
        base64::encode(salt),
        base64::encode(&hash)
    );
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pin_hash_prints_an_entry_the_config_accepts_and_that_checks_the_pin() {
        let salt = [7u8; 16];
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let code = pin_hash(&mut &b"2468\n"[..], &salt, 100_000, &mut out, &mut err);
        assert_eq!(code, 0, "{}", String::from_utf8_lossy(&err));
        let text = String::from_utf8(out).expect("utf-8");
        let entry: serde_json::Value = serde_json::from_str(&format!("{{{text}}}")).expect("a JSON member");
        let (pin, cx) = crate::config::decode::decode::<crate::config::PinHash>(&entry["staff"]["pin"]);
        let pin = pin.expect("the config's shape");
        assert!(cx.problems.is_empty(), "{:?}", cx.problems);
        assert_eq!(pin.iterations, 100_000);
        let salt_back = crate::staff::base64::decode(&pin.salt).expect("base64");
        assert_eq!(salt_back, salt);
        let hash = crate::staff::base64::decode(&pin.hash).expect("base64");
        let again = crate::staff::pbkdf2::pbkdf2_sha256(b"2468", &salt_back, 100_000, 32);
        assert!(crate::staff::constant_time_eq(&hash, &again));
        let wrong = crate::staff::pbkdf2::pbkdf2_sha256(b"2469", &salt_back, 100_000, 32);
        assert!(!crate::staff::constant_time_eq(&hash, &wrong));
    }

    #[test]
    fn pin_hash_refuses_a_short_pin() {
        let (mut out, mut err) = (Vec::new(), Vec::new());
        assert_eq!(pin_hash(&mut &b"12\n"[..], &[0; 16], 100_000, &mut out, &mut err), 1);
        assert!(out.is_empty());
    }

    #[test]
    fn os_salts_differ() {
        assert_ne!(os_random_salt().expect("urandom"), os_random_salt().expect("urandom"));
    }
}
