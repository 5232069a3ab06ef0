//! Starts the real server in-process on 127.0.0.1:0 and talks to it over real HTTP.
#![allow(dead_code)]

use std::path::PathBuf;
use std::time::Duration;

use serde_json::{json, Value};
use storevoice_collector::cli::{self, Command};
use storevoice_collector::{serve, Server};

pub const BATCH: &str = "application/cloudevents-batch+json";
pub const SINGLE: &str = "application/cloudevents+json";

pub struct TestServer {
    pub base: String,
    pub agent: ureq::Agent,
    /// The admin token the server was started with (`--admin-token-file`).
    pub admin: String,
    _admin_dir: Option<TempDir>,
    server: Option<Server>,
    rt: tokio::runtime::Runtime,
}

/// A reply as the client saw it, or the transport error when there was none.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: ureq::http::HeaderMap,
    pub body: String,
}

impl Reply {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
    pub fn header(&self, name: &str) -> Option<String> {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    }
}

pub fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .proxy(None)
        .timeout_global(Some(Duration::from_secs(20)))
        .build()
        .new_agent()
}

thread_local! {
    /// The PostgreSQL URL (with its own schema) of the test running on this thread.
    static PG_DB: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// `STOREVOICE_TEST_PG`: when set, every test also runs against PostgreSQL.
pub fn pg_url() -> Option<String> {
    std::env::var("STOREVOICE_TEST_PG")
        .ok()
        .filter(|s| !s.is_empty())
}

/// Whether this test runs against PostgreSQL.
pub fn on_postgres() -> bool {
    PG_DB.with(|d| d.borrow().is_some())
}

/// The database a test gets: its PostgreSQL schema when on PostgreSQL, else `sqlite`.
pub fn db_arg(sqlite: &str) -> String {
    PG_DB
        .with(|d| d.borrow().clone())
        .unwrap_or_else(|| sqlite.to_owned())
}

fn pg_admin(url: &str, sql: &str) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    rt.block_on(async {
        let (client, conn) = tokio_postgres::connect(url, tokio_postgres::NoTls)
            .await
            .expect("STOREVOICE_TEST_PG reachable");
        tokio::spawn(conn);
        client.batch_execute(sql).await.expect("schema statement");
    });
}

/// Runs `f` with a fresh PostgreSQL schema as the test's database, dropped afterwards.
pub fn in_pg_schema(name: &str, f: impl FnOnce()) {
    let Some(base) = pg_url() else {
        eprintln!("STOREVOICE_TEST_PG is not set: the PostgreSQL run of {name} is skipped");
        return;
    };
    let schema = format!("t_{}_{}", std::process::id(), name.to_ascii_lowercase());
    pg_admin(
        &base,
        &format!("DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema}"),
    );
    let sep = if base.contains('?') { '&' } else { '?' };
    let url = format!("{base}{sep}options=-csearch_path%3D{schema}");
    PG_DB.with(|d| *d.borrow_mut() = Some(url));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    PG_DB.with(|d| *d.borrow_mut() = None);
    pg_admin(&base, &format!("DROP SCHEMA IF EXISTS {schema} CASCADE"));
    if let Err(panic) = result {
        std::panic::resume_unwind(panic);
    }
}

/// A test that runs on SQLite, and on PostgreSQL too when `STOREVOICE_TEST_PG` is set:
/// `name::sqlite` and `name::postgres`.
#[macro_export]
macro_rules! both {
    (fn $name:ident() $body:block) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;
            #[test]
            fn sqlite() $body
            #[test]
            fn postgres() {
                $crate::common::in_pg_schema(stringify!($name), || $body)
            }
        }
    };
}

static SERVERS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// Starts a server with `--addr 127.0.0.1:0 --db :memory:` and an admin token file unless
/// `args` give them.
pub fn start(args: &[&str]) -> TestServer {
    let mut all: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    // On PostgreSQL, every database of the test (the default in-memory one or a file) is
    // the test's schema.
    if on_postgres() {
        let mut i = 0;
        while i < all.len() {
            if all[i] == "--db" && i + 1 < all.len() {
                all[i + 1] = db_arg("");
            } else if all[i].starts_with("--db=") {
                all[i] = format!("--db={}", db_arg(""));
            }
            i += 1;
        }
        if !all.iter().any(|a| a.starts_with("--db")) {
            all.extend(["--db".into(), db_arg("")]);
        }
    }
    let n = SERVERS.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    let admin = format!("admin-{n}-{:x}-0123456789abcdef", std::process::id());
    let mut admin_dir = None;
    if !args.iter().any(|a| a.starts_with("--admin-token-file")) {
        let dir = temp_dir(&format!("admin-{n}"));
        let file = dir.join("admin.token");
        std::fs::write(&file, format!("{admin}\n")).expect("admin token file");
        all.extend([
            "--admin-token-file".into(),
            file.to_string_lossy().into_owned(),
        ]);
        admin_dir = Some(dir);
    }
    if !args.iter().any(|a| a.starts_with("--addr")) {
        all.extend(["--addr".into(), "127.0.0.1:0".into()]);
    }
    if !all.iter().any(|a| a.starts_with("--db")) {
        all.extend(["--db".into(), ":memory:".into()]);
    }
    let Ok(Command::Run(opts)) = cli::parse(all.clone()) else {
        panic!("bad test args {all:?}")
    };
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let server = rt.block_on(serve(opts)).expect("server starts");
    TestServer {
        base: format!("http://{}", server.addr()),
        agent: agent(),
        admin,
        _admin_dir: admin_dir,
        server: Some(server),
        rt,
    }
}

fn reply(result: Result<ureq::http::Response<ureq::Body>, ureq::Error>) -> Result<Reply, String> {
    let resp = result.map_err(|e| e.to_string())?;
    let status = resp.status().as_u16();
    let headers = resp.headers().clone();
    let body = resp
        .into_body()
        .read_to_string()
        .map_err(|e| format!("status {status}, body error: {e}"))?;
    Ok(Reply {
        status,
        headers,
        body,
    })
}

impl TestServer {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// POST with a content type and optional extra headers; `Err` on a transport error.
    pub fn try_post(
        &self,
        path: &str,
        content_type: &str,
        body: &str,
        headers: &[(&str, &str)],
    ) -> Result<Reply, String> {
        let mut req = self.agent.post(self.url(path));
        if !content_type.is_empty() {
            req = req.header("Content-Type", content_type);
        }
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        reply(req.send(body))
    }

    pub fn post(&self, content_type: &str, body: &str) -> Reply {
        self.try_post("/api/events", content_type, body, &[])
            .expect("POST answered")
    }

    pub fn post_batch(&self, events: &[Value]) -> Reply {
        self.post(BATCH, &Value::from(events.to_vec()).to_string())
    }

    /// GET with the admin token.
    pub fn get(&self, path: &str) -> Reply {
        let auth = format!("Bearer {}", self.admin);
        self.get_with(path, &[("Authorization", &auth)])
    }

    /// GET with exactly these headers (no admin token unless given).
    pub fn get_with(&self, path: &str, headers: &[(&str, &str)]) -> Reply {
        let mut req = self.agent.get(self.url(path));
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        reply(req.call()).expect("GET answered")
    }

    /// The stored events, from the NDJSON export.
    pub fn stored(&self) -> Vec<Value> {
        let r = self.get("/api/events.ndjson");
        assert_eq!(r.status, 200);
        r.body
            .lines()
            .map(|l| serde_json::from_str(l).expect("NDJSON line"))
            .collect()
    }

    pub fn stored_ids(&self) -> Vec<String> {
        self.stored()
            .iter()
            .map(|e| e["id"].as_str().unwrap_or("?").to_owned())
            .collect()
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        if let Some(server) = self.server.take() {
            let _ = self.rt.block_on(async {
                tokio::time::timeout(Duration::from_secs(5), server.shutdown()).await
            });
        }
    }
}

/// A minimal valid event.
pub fn event(id: &str) -> Value {
    json!({"specversion":"1.0","id":id,"source":"/stores/test/touchpoints/t1","type":"test.v1","data":{"n":1}})
}

/// A survey response as the app sends it.
pub fn survey(
    id: &str,
    touchpoint: &str,
    finished_at: Option<&str>,
    nps: u8,
    csat: u8,
    csi: f64,
) -> Value {
    let mut data = json!({
        "kind":"survey-response","id":id,"survey_id":"visit-2026","survey_version":1,"store_id":"lanting-xuhui",
        "touchpoint":touchpoint,"language":"en","mode":"standard","started_at":"2026-11-30T05:17:40.000Z",
        "answers":[{"question":"nps","type":"nps","score":nps}],
        "scores":{"nps":nps,"csat":csat,"csi":csi}
    });
    if let Some(f) = finished_at {
        data["finished_at"] = json!(f);
    }
    json!({"specversion":"1.0","id":id,"source":format!("/stores/lanting-xuhui/touchpoints/{touchpoint}"),
           "type":"storevoice.survey-response.v1","time":"2026-11-29T10:00:00.000Z",
           "datacontenttype":"application/json","data":data})
}

/// A fresh empty directory under the system temp dir, removed when dropped.
pub struct TempDir(PathBuf);

impl std::ops::Deref for TempDir {
    type Target = std::path::Path;
    fn deref(&self) -> &std::path::Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

static DIRS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// A fresh directory of its own (the SQLite and PostgreSQL runs of a test run at once).
pub fn temp_dir(name: &str) -> TempDir {
    let n = DIRS.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    let dir = std::env::temp_dir().join(format!("svc-test-{}-{n}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    TempDir(dir)
}

pub const BIN: &str = env!("CARGO_BIN_EXE_storevoice-collector");

/// Runs the collector binary (an operator command): exit code, stdout, stderr.
pub fn cli(args: &[&str]) -> (i32, String, String) {
    let out = std::process::Command::new(BIN)
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

/// The raw bytes of an SQLite database and its WAL, as they are on disk.
pub fn raw_db_bytes(db: &std::path::Path) -> Vec<u8> {
    let mut bytes = std::fs::read(db).unwrap_or_default();
    let mut wal = db.as_os_str().to_owned();
    wal.push("-wal");
    bytes.extend(std::fs::read(std::path::PathBuf::from(wal)).unwrap_or_default());
    bytes
}

pub fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}
