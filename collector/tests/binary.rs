//! The built binary: exit codes, the "listening" line, and shutting down on SIGTERM.

use std::io::{BufRead, BufReader, Read};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_storevoice-collector");

fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(BIN)
        .args(args)
        .env_remove("STOREVOICE_ADMIN_TOKEN")
        .output()
        .expect("binary runs");
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
        "--admin-token-file",
        "--allow-origin",
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
        (&["--allow-origin", "*"][..], "--allow-origin"),
        (
            &[
                "--db",
                ":memory:",
                "--addr",
                "127.0.0.1:0",
                "--admin-token-file",
                "/nonexistent/admin.token",
            ][..],
            "cannot read --admin-token-file",
        ),
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

/// Starts the binary with `args` and `env`, returns its address and the child.
fn spawn(args: &[&str], env: &[(&str, &str)]) -> (String, std::process::Child) {
    let mut cmd = Command::new(BIN);
    cmd.args(args).env_remove("STOREVOICE_ADMIN_TOKEN");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
    let first = lines.next().and_then(Result::ok).unwrap_or_default();
    let addr = first
        .strip_prefix("storevoice-collector listening on http://")
        .unwrap_or_default()
        .to_owned();
    (addr, child)
}

fn status_of(addr: &str, path: &str, auth: Option<&str>) -> u16 {
    let agent = ureq::Agent::config_builder()
        .proxy(None)
        .http_status_as_error(false)
        .build()
        .new_agent();
    let mut req = agent.get(format!("http://{addr}{path}"));
    if let Some(a) = auth {
        req = req.header("Authorization", format!("Bearer {a}"));
    }
    req.call().map(|r| r.status().as_u16()).unwrap_or(0)
}

#[test]
fn admin_token_from_the_environment_and_exports_off_without_one() {
    let base = ["--addr", "127.0.0.1:0", "--db", ":memory:"];
    let (addr, mut child) = spawn(&base, &[]);
    let without = status_of(&addr, "/api/summary", Some("anything-at-all-0000"));
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(
        without, 403,
        "no admin token configured: exports are disabled"
    );

    let token = "env-admin-token-0123456789";
    let (addr, mut child) = spawn(&base, &[("STOREVOICE_ADMIN_TOKEN", token)]);
    let statuses = (
        status_of(&addr, "/api/summary", None),
        status_of(&addr, "/api/summary", Some(token)),
    );
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(statuses, (401, 200));

    let (code, _, err) = Command::new(BIN)
        .args(base)
        .env("STOREVOICE_ADMIN_TOKEN", "short")
        .output()
        .map(|o| {
            (
                o.status.code().unwrap_or(-1),
                (),
                String::from_utf8_lossy(&o.stderr).into_owned(),
            )
        })
        .expect("runs");
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("at least 16"), "{err}");
}

#[test]
fn refuses_to_serve_its_own_data_or_to_take_answers_from_anyone_on_the_network() {
    let dist = std::env::temp_dir().join(format!("svc-dist-{}", std::process::id()));
    std::fs::create_dir_all(&dist).expect("dist");
    let inside = |name: &str| dist.join(name).to_string_lossy().into_owned();
    let dist_arg = dist.to_string_lossy().into_owned();
    std::fs::write(dist.join("admin.token"), "an-admin-token-0123456789\n").expect("token file");
    let admin_in_dist = inside("admin.token");
    let db_in_dist = inside("events.sqlite");
    for (args, needle) in [
        (
            vec!["--addr", "127.0.0.1:0", "--dist", &dist_arg, "--db", &db_in_dist],
            "the database",
        ),
        (
            vec!["--addr", "127.0.0.1:0", "--dist", &dist_arg, "--db", ":memory:", "--admin-token-file", &admin_in_dist],
            "the admin token file",
        ),
        (vec!["--addr", "0.0.0.0:0", "--db", ":memory:"], "reachable from other machines"),
    ] {
        let (code, out, err) = run(&args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.contains(needle), "{args:?}: {err}");
        assert!(out.is_empty(), "{args:?}: did not start");
    }
    assert!(!dist.join("events.sqlite").exists(), "no database was created in dist");
    // With a credential for ingest, the network address is fine.
    let (addr, mut child) = spawn(&["--addr", "0.0.0.0:0", "--db", ":memory:", "--token", "shared-token-0123456789"], &[]);
    let _ = child.kill();
    assert!(addr.starts_with("0.0.0.0:"), "started: {addr:?}");
    let _ = child.wait();
    let _ = std::fs::remove_dir_all(&dist);
}
