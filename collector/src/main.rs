//! `storevoice-collector`: parses the flags, starts the server, prints where it listens,
//! and runs until Ctrl-C or SIGTERM.

use std::io::Write;
use std::process::ExitCode;

use storevoice_collector::cli::{self, Command, TokenAction, USAGE};
use storevoice_collector::store::Store;
use storevoice_collector::{serve, Options};

fn main() -> ExitCode {
    let opts = match cli::parse(std::env::args().skip(1)) {
        Ok(Command::Help) => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Ok(Command::Run(opts)) => opts,
        Ok(Command::Token { db, action }) => return with_runtime(token(db, action)),
        Ok(Command::Forget { db, key }) => return with_runtime(forget(db, key)),
        Err(e) => {
            eprintln!("storevoice-collector: {e}\nTry `storevoice-collector --help`.");
            return ExitCode::from(2);
        }
    };
    with_runtime(run(opts))
}

fn with_runtime(task: impl std::future::Future<Output = ExitCode>) -> ExitCode {
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("storevoice-collector: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(task)
}

/// The database of an operator command, or the reason it cannot be opened (on stderr).
async fn open_store(db: &str) -> Option<Store> {
    match Store::open_async(db).await {
        Ok(store) => Some(store),
        Err(e) => {
            eprintln!("storevoice-collector: cannot open database {}: {e}", storevoice_collector::pg::redacted(db));
            None
        }
    }
}

/// `forget`: removes a customer's contact details; logs what it did, never the data.
async fn forget(db: String, key: storevoice_collector::forget::ForgetKey) -> ExitCode {
    let Some(store) = open_store(&db).await else { return ExitCode::FAILURE };
    let kind = key.kind();
    match store.forget(key).await {
        Ok(n) => {
            eprintln!(
                "forget: removed the contact details of {n} {} found by {kind}; \
                 the erasure is recorded in the erasures table (without the data)",
                if n == 1 { "entry" } else { "entries" }
            );
            if n == 0 {
                eprintln!("forget: nothing matched; check the {kind} the customer gave");
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("storevoice-collector: forget failed: {e}");
            ExitCode::FAILURE
        }
    }
}

/// `token add | list | revoke`: operator commands on the database, no server.
async fn token(db: String, action: TokenAction) -> ExitCode {
    let Some(store) = open_store(&db).await else { return ExitCode::FAILURE };
    let result = match action {
        TokenAction::Add {
            store: s,
            touchpoint,
        } => store.token_add(&s, &touchpoint).await.map(|(id, token)| {
            eprintln!(
                "device token {id} for /stores/{s}/touchpoints/{touchpoint}; it is shown \
                     only now (the collector keeps its SHA-256): put it on that device"
            );
            println!("{token}");
            ExitCode::SUCCESS
        }),
        TokenAction::List => store.token_list().await.map(|tokens| {
            println!("id\tstore\ttouchpoint\tcreated_at\tstatus");
            for t in tokens {
                let status = match &t.revoked_at {
                    Some(at) => format!("revoked {at}"),
                    None => "active".to_owned(),
                };
                println!(
                    "{}\t{}\t{}\t{}\t{status}",
                    t.id, t.store, t.touchpoint, t.created_at
                );
            }
            ExitCode::SUCCESS
        }),
        TokenAction::Revoke { id } => store.token_revoke(&id).await.map(|done| {
            if done {
                eprintln!("revoked device token {id}; the device can no longer post");
                ExitCode::SUCCESS
            } else {
                eprintln!("storevoice-collector: no active device token {id:?} (see token list)");
                ExitCode::FAILURE
            }
        }),
    };
    result.unwrap_or_else(|e| {
        eprintln!("storevoice-collector: {e}");
        ExitCode::FAILURE
    })
}

async fn run(opts: Options) -> ExitCode {
    let with_app = opts.dist.is_some();
    let mut server = match serve(opts).await {
        Ok(server) => server,
        Err(e) => {
            eprintln!("storevoice-collector: {e}");
            return ExitCode::from(if e.usage { 2 } else { 1 });
        }
    };
    let addr = server.addr();
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "storevoice-collector listening on http://{addr}");
    if with_app {
        let _ = writeln!(out, "StoreVoice is served at http://{addr}/");
    }
    let _ = out.flush();
    drop(out);
    tokio::select! {
        result = server.stopped() => match result {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("storevoice-collector: server stopped: {e}");
                ExitCode::FAILURE
            }
        },
        () = stop_signal() => match server.shutdown().await {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("storevoice-collector: {e}");
                ExitCode::FAILURE
            }
        },
    }
}

/// Ctrl-C, or SIGTERM on Unix (what process supervisors and test scripts send).
async fn stop_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}
