//! StoreVoice reference collector: receives the app's CloudEvents over HTTP and stores each
//! one exactly once in SQLite, so integrators have a working endpoint to start from and the
//! app's end-to-end tests have a real server (with injectable faults) to send to.
//!
//! `main.rs` is a thin wrapper over [`serve`]; tests start the same server in-process.

pub mod cli;
pub mod cloudevents;
pub mod export;
pub mod faults;
pub mod forget;
pub mod http;
pub mod pg;
pub mod store;
pub mod stored;
pub mod time;

use std::fmt;
use std::io;
use std::net::SocketAddr;
use std::sync::Arc;

use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

pub use cli::Options;

/// Why the server did not start.
#[derive(Debug)]
pub struct StartError {
    pub message: String,
    /// The command line itself was wrong (exit code 2), not the environment (exit code 1).
    pub usage: bool,
}

impl fmt::Display for StartError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for StartError {}

/// A running server.
pub struct Server {
    addr: SocketAddr,
    shutdown: Option<oneshot::Sender<()>>,
    task: JoinHandle<io::Result<()>>,
}

impl Server {
    /// The address actually bound (useful with port 0).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Waits until the server stops by itself (it normally does not).
    pub async fn stopped(&mut self) -> io::Result<()> {
        (&mut self.task).await.map_err(io::Error::other)?
    }

    /// Stops accepting connections and waits for open requests to finish.
    pub async fn shutdown(mut self) -> io::Result<()> {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        self.task.await.map_err(io::Error::other)?
    }
}

/// The environment variable that may hold the admin token (when no file is given).
pub const ADMIN_TOKEN_ENV: &str = "STOREVOICE_ADMIN_TOKEN";

/// Admin tokens shorter than this are refused: the token guards every customer's answers.
pub const MIN_ADMIN_TOKEN_LEN: usize = 16;

/// The admin token from `--admin-token-file` (its first line) or `STOREVOICE_ADMIN_TOKEN`.
fn admin_token(opts: &Options) -> Result<Option<String>, StartError> {
    let (token, from) = match &opts.admin_token_file {
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|e| StartError {
                message: format!("cannot read --admin-token-file {}: {e}", path.display()),
                usage: true,
            })?;
            let first = text.lines().next().unwrap_or("").trim().to_owned();
            (first, format!("--admin-token-file {}", path.display()))
        }
        None => match std::env::var(ADMIN_TOKEN_ENV) {
            Ok(v) => (v.trim().to_owned(), ADMIN_TOKEN_ENV.to_owned()),
            Err(_) => return Ok(None),
        },
    };
    if token.len() < MIN_ADMIN_TOKEN_LEN || !token.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(StartError {
            message: format!(
                "the admin token from {from} must be at least {MIN_ADMIN_TOKEN_LEN} visible ASCII \
                 characters without spaces (for example: openssl rand -hex 32)"
            ),
            usage: true,
        });
    }
    if opts.token.as_deref() == Some(token.as_str()) {
        return Err(StartError {
            message: "the admin token must differ from the --token ingest token".into(),
            usage: true,
        });
    }
    Ok(Some(token))
}

/// Opens the database, binds the address and starts serving on the current tokio runtime.
pub async fn serve(opts: Options) -> Result<Server, StartError> {
    let usage = |message: String| StartError {
        message,
        usage: true,
    };
    if let Some(dist) = &opts.dist {
        if !dist.is_dir() {
            return Err(usage(format!(
                "--dist {} is not a directory",
                dist.display()
            )));
        }
    }
    if let Some(config) = &opts.config {
        if !config.is_file() {
            return Err(usage(format!(
                "--config {} is not a readable file",
                config.display()
            )));
        }
    }
    let admin_token = admin_token(&opts)?;
    refuse_files_in_dist(&opts)?;
    let db = opts.db.clone();
    let store = store::Store::open_async(&db)
        .await
        .map_err(|e| StartError {
            message: format!("cannot open database {}: {e}", pg::redacted(&opts.db)),
            usage: false,
        })?;
    let listener = TcpListener::bind(&opts.addr)
        .await
        .map_err(|e| StartError {
            message: format!("cannot listen on {}: {e}", opts.addr),
            usage: false,
        })?;
    let addr = listener.local_addr().map_err(|e| StartError {
        message: format!("cannot read the bound address: {e}"),
        usage: false,
    })?;
    // Ingest without any credential is for loopback only (a developer's machine, a proxy on
    // the same host): reachable from the network, anyone could post answers.
    if !addr.ip().is_loopback() && opts.token.is_none() {
        let provisioned = store.tokens_provisioned().await.map_err(|e| StartError {
            message: format!("cannot read the device tokens: {e}"),
            usage: false,
        })?;
        if !provisioned {
            return Err(usage(format!(
                "--addr {addr} is reachable from other machines, and no device token exists and no \
                 --token is given, so anyone could post answers: add device tokens first \
                 (`storevoice-collector token add --store … --touchpoint … --db {}`), or listen on \
                 127.0.0.1 behind a proxy",
                pg::redacted(&opts.db)
            )));
        }
    }
    let state = http::AppState {
        store,
        token: opts.token.as_deref().map(Arc::from),
        admin_token: admin_token.as_deref().map(Arc::from),
        allow_origins: opts.allow_origins.clone().into(),
        max_body: opts.max_body,
        faults: opts
            .faults
            .clone()
            .map(|spec| Arc::new(faults::Faults::new(spec, opts.seed))),
        config: opts.config.clone(),
        tokens_provisioned: Arc::default(),
    };
    let app = http::router(state, opts.dist.clone());
    let (tx, rx) = oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        axum::serve(listener, app)
            .with_graceful_shutdown(async {
                let _ = rx.await;
            })
            .await
    });
    Ok(Server {
        addr,
        shutdown: Some(tx),
        task,
    })
}

/// The database and the admin token file must not be inside `--dist`: the app's files are
/// served to anyone, so the answers (or the token that reads them) would be too.
fn refuse_files_in_dist(opts: &Options) -> Result<(), StartError> {
    let Some(dist) = opts.dist.as_ref().and_then(|d| d.canonicalize().ok()) else {
        return Ok(());
    };
    let db_file = (!pg::is_postgres_url(&opts.db) && opts.db != ":memory:").then(|| std::path::PathBuf::from(&opts.db));
    for (what, path) in [("the database", db_file), ("the admin token file", opts.admin_token_file.clone())] {
        let Some(path) = path else { continue };
        // The file may not exist yet (a new database): its directory decides.
        let dir = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => std::path::PathBuf::from("."),
        };
        if dir.canonicalize().is_ok_and(|d| d.starts_with(&dist)) {
            return Err(StartError {
                message: format!(
                    "{what} {} is inside --dist {}, whose files are served to anyone: keep it elsewhere",
                    path.display(),
                    dist.display()
                ),
                usage: true,
            });
        }
    }
    Ok(())
}
