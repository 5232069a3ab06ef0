//! The built binary: exit codes, the "listening" line, and shutting down on SIGTERM.

use std::io::{BufRead, BufReader, Read};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_storevoice-collector");

fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(BIN).args(args).output().expect("binary runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn help_exits_zero() {
    let (code, out, _) = run(&["--help"]);
    assert_eq!(code, 0);
    for flag in [
        "--addr",
        "--db",
        "--dist",
        "--config",
        "--token",
        "--max-body",
        "--faults",
        "--seed",
    ] {
        assert!(out.contains(flag), "usage lacks {flag}");
    }
}

#[test]
fn bad_flags_exit_two_with_a_message() {
    for (args, needle) in [
        (&["--nope"][..], "unknown flag"),
        (&["--addr"][..], "needs a value"),
        (&["--addr", "8080"][..], "HOST:PORT"),
        (&["--max-body", "big"][..], "--max-body"),
        (&["--faults", "418=0.5"][..], "unknown fault"),
        (&["--faults", "503=1.5"][..], "from 0 to 1"),
        (&["--seed", "x"][..], "--seed"),
        (
            &[
                "--db",
                ":memory:",
                "--addr",
                "127.0.0.1:0",
                "--dist",
                "/nonexistent/dist",
            ][..],
            "not a directory",
        ),
    ] {
        let (code, out, err) = run(args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.contains(needle), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert!(out.is_empty());
    }
}

#[test]
fn address_in_use_exits_one() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = taken.local_addr().expect("addr").to_string();
    let (code, _, err) = run(&["--addr", &addr, "--db", ":memory:"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("cannot listen"), "{err}");
}

#[test]
fn prints_where_it_listens_and_stops_on_sigterm() {
    let dist = std::env::temp_dir().join(format!("svc-bin-{}", std::process::id()));
    std::fs::create_dir_all(&dist).expect("dist");
    std::fs::write(dist.join("index.html"), "hi").expect("index");
    let mut child = Command::new(BIN)
        .args(["--addr", "127.0.0.1:0", "--db", ":memory:", "--dist"])
        .arg(&dist)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
    let first = lines.next().and_then(Result::ok).unwrap_or_default();
    let second = lines.next().and_then(Result::ok).unwrap_or_default();
    let addr = first
        .strip_prefix("storevoice-collector listening on http://")
        .unwrap_or_default()
        .to_owned();
    let ok = addr
        .parse::<std::net::SocketAddr>()
        .is_ok_and(|a| a.port() != 0);
    let health = ok.then(|| {
        let agent = ureq::Agent::config_builder()
            .proxy(None)
            .build()
            .new_agent();
        agent
            .get(format!("http://{addr}/api/health"))
            .call()
            .ok()
            .and_then(|r| r.into_body().read_to_string().ok())
    });
    let _ = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status();
    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Some(status),
            _ if Instant::now() > deadline => {
                let _ = child.kill();
                break None;
            }
            _ => std::thread::sleep(Duration::from_millis(20)),
        }
    };
    let mut err = String::new();
    let _ = child.stderr.take().map(|mut e| e.read_to_string(&mut err));
    let _ = std::fs::remove_dir_all(&dist);
    assert!(ok, "first line was {first:?}");
    assert_eq!(second, format!("StoreVoice is served at http://{addr}/"));
    assert_eq!(health.flatten().as_deref(), Some("ok"));
    assert!(
        status.is_some_and(|s| s.success()),
        "SIGTERM should stop it cleanly: {status:?} {err}"
    );
}
