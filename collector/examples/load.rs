//! A loopback load generator for the collector (`scripts/bench-collector.sh` runs it).
//!
//! Simulates `--devices` devices, each with its own keep-alive HTTP/1.1 connection (a plain
//! client over tokio's `TcpStream`), posting one CloudEvents batch of `--batch` survey
//! responses every `1 / --rate` seconds for `--duration` seconds, as the app does: a batch
//! that fails (network error or non-2xx) is sent again, the same events, until it is
//! acknowledged. With `--resend P` a device also re-posts its last acknowledged batch with
//! probability P per tick (an acknowledgement lost on the way back): the collector must
//! answer those as duplicates and store nothing. With `--exports N`, N readers download the
//! NDJSON export over and over meanwhile.
//!
//! At the end it reads the NDJSON export (admin token) and compares: every acknowledged event
//! stored (0 lost), none stored twice (0 duplicated). Prints one JSON line; exits 1 when an
//! event was lost or duplicated, 2 on bad flags.
//!
//! ```sh
//! cargo run --profile collector -p storevoice-collector --example load -- \
//!   --url http://127.0.0.1:8080 --admin-token-file admin.token --devices 200 --rate 1 --duration 60
//! ```

use std::collections::HashSet;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

const USAGE: &str = "usage: load --url http://HOST:PORT --admin-token-file FILE [--devices 200] [--rate 1] \
[--batch 5] [--duration 60] [--resend 0.02] [--exports 0] [--token TOKEN] [--run ID] [--label TEXT]";

/// How long one request may take before it counts as a network error.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

#[derive(Debug, Clone)]
struct Args {
    /// `HOST:PORT` of the collector.
    addr: String,
    admin_token: String,
    devices: usize,
    /// Batches per second per device.
    rate: f64,
    batch: usize,
    duration: Duration,
    resend: f64,
    exports: usize,
    token: Option<String>,
    run: String,
    label: String,
}

fn parse_args() -> Result<Args, String> {
    let mut a = Args {
        addr: String::new(),
        admin_token: String::new(),
        devices: 200,
        rate: 1.0,
        batch: 5,
        duration: Duration::from_secs(60),
        resend: 0.0,
        exports: 0,
        token: None,
        run: format!("run{}", std::process::id()),
        label: String::new(),
    };
    let mut admin_file: Option<PathBuf> = None;
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let (name, inline) = match flag.split_once('=') {
            Some((n, v)) => (n.to_owned(), Some(v.to_owned())),
            None => (flag.clone(), None),
        };
        if name == "-h" || name == "--help" {
            return Err(USAGE.into());
        }
        let value = match inline {
            Some(v) => v,
            None => it.next().ok_or(format!("{name} needs a value"))?,
        };
        let num = |what: &str| -> Result<f64, String> {
            value
                .parse::<f64>()
                .ok()
                .filter(|v| v.is_finite() && *v >= 0.0)
                .ok_or(format!(
                    "{what} must be a non-negative number, not {value:?}"
                ))
        };
        match name.as_str() {
            "--url" => {
                let rest = value.strip_prefix("http://").ok_or(format!(
                    "--url must start with http:// (loopback only), not {value:?}"
                ))?;
                a.addr = rest.trim_end_matches('/').to_owned();
            }
            "--admin-token-file" => admin_file = Some(PathBuf::from(value)),
            "--devices" => a.devices = num("--devices")? as usize,
            "--rate" => a.rate = num("--rate")?,
            "--batch" => a.batch = num("--batch")? as usize,
            "--duration" => a.duration = Duration::from_secs_f64(num("--duration")?),
            "--resend" => a.resend = num("--resend")?.min(1.0),
            "--exports" => a.exports = num("--exports")? as usize,
            "--token" => a.token = Some(value),
            "--run" => a.run = value,
            "--label" => a.label = value,
            _ => return Err(format!("unknown flag {name}\n{USAGE}")),
        }
    }
    if a.addr.is_empty() {
        return Err(format!("--url is required\n{USAGE}"));
    }
    let file = admin_file.ok_or(format!(
        "--admin-token-file is required (the export is how the count is checked)\n{USAGE}"
    ))?;
    a.admin_token = std::fs::read_to_string(&file)
        .map_err(|e| format!("cannot read --admin-token-file {}: {e}", file.display()))?
        .lines()
        .next()
        .unwrap_or("")
        .trim()
        .to_owned();
    if a.devices == 0 || a.rate <= 0.0 || a.batch == 0 {
        return Err("--devices, --rate and --batch must be above 0".into());
    }
    Ok(a)
}

/// One HTTP/1.1 response: status and body (Content-Length or chunked).
struct Response {
    status: u16,
    body: Vec<u8>,
    close: bool,
}

/// A keep-alive connection to the collector.
struct Conn {
    reader: BufReader<TcpStream>,
}

impl Conn {
    async fn open(addr: &str) -> std::io::Result<Conn> {
        let stream = TcpStream::connect(addr).await?;
        stream.set_nodelay(true)?;
        Ok(Conn {
            reader: BufReader::new(stream),
        })
    }

    /// Sends one request and reads its whole answer; `on_body` sees the body as it arrives.
    async fn request(
        &mut self,
        head: &str,
        body: &[u8],
        on_body: &mut (dyn FnMut(&[u8]) + Send),
    ) -> std::io::Result<Response> {
        let stream = self.reader.get_mut();
        stream.write_all(head.as_bytes()).await?;
        stream.write_all(body).await?;
        let mut line = String::new();
        read_line(&mut self.reader, &mut line).await?;
        let status = line
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse::<u16>().ok())
            .ok_or_else(|| bad(format!("not an HTTP status line: {line:?}")))?;
        let (mut length, mut chunked, mut close) = (None, false, false);
        loop {
            read_line(&mut self.reader, &mut line).await?;
            let l = line.trim_end();
            if l.is_empty() {
                break;
            }
            if let Some((k, v)) = l.split_once(':') {
                let (k, v) = (k.trim().to_ascii_lowercase(), v.trim().to_ascii_lowercase());
                match k.as_str() {
                    "content-length" => length = v.parse::<usize>().ok(),
                    "transfer-encoding" => chunked = v.contains("chunked"),
                    "connection" => close = v.contains("close"),
                    _ => {}
                }
            }
        }
        let mut kept = Vec::new();
        let mut sink = |b: &[u8]| {
            if kept.len() < 64 * 1024 {
                kept.extend_from_slice(b);
            }
            on_body(b);
        };
        if chunked {
            loop {
                read_line(&mut self.reader, &mut line).await?;
                let size = usize::from_str_radix(line.trim().split(';').next().unwrap_or(""), 16)
                    .map_err(|_| bad(format!("bad chunk size {line:?}")))?;
                if size == 0 {
                    // Trailers, then the empty line.
                    loop {
                        read_line(&mut self.reader, &mut line).await?;
                        if line.trim_end().is_empty() {
                            break;
                        }
                    }
                    break;
                }
                let mut chunk = vec![0u8; size + 2];
                self.reader.read_exact(&mut chunk).await?;
                sink(&chunk[..size]);
            }
        } else {
            let n = length.ok_or_else(|| bad("an answer without Content-Length".into()))?;
            let mut buf = vec![0u8; n];
            self.reader.read_exact(&mut buf).await?;
            sink(&buf);
        }
        Ok(Response {
            status,
            body: kept,
            close,
        })
    }
}

fn bad(msg: String) -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::InvalidData, msg)
}

async fn read_line(r: &mut BufReader<TcpStream>, line: &mut String) -> std::io::Result<()> {
    line.clear();
    if r.read_line(line).await? == 0 {
        return Err(std::io::Error::new(
            std::io::ErrorKind::UnexpectedEof,
            "the collector closed the connection",
        ));
    }
    Ok(())
}

/// A small deterministic PRNG (SplitMix64), one per device.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// A survey response as the app sends it (about 600 bytes).
fn survey_event(run: &str, device: usize, n: u64, rng: &mut Rng) -> (String, Value) {
    let id = format!("{run}-d{device}-{n}");
    let nps = rng.next() % 11;
    let csat = 1 + rng.next() % 5;
    let touchpoint = format!("bench-{device}");
    let event = json!({
        "specversion": "1.0",
        "id": id,
        "source": format!("/stores/bench/touchpoints/{touchpoint}"),
        "type": "storevoice.survey-response.v1",
        "time": "2026-11-30T05:18:21.123Z",
        "datacontenttype": "application/json",
        "data": {
            "kind": "survey-response", "id": id, "survey_id": "visit-2026", "survey_version": 1,
            "store_id": "bench", "touchpoint": touchpoint, "language": "zh-Hans", "mode": "standard",
            "started_at": "2026-11-30T05:17:40.000Z", "finished_at": "2026-11-30T05:18:21.123Z",
            "answers": [
                {"question": "nps", "type": "nps", "score": nps},
                {"question": "csat", "type": "csat", "score": csat},
                {"question": "comment", "type": "text", "text": "收银台排队有点长，但店员很热情。"}
            ],
            "scores": {"nps": nps, "csat": csat, "csi": 50.0 + (nps as f64) * 4.5}
        }
    });
    (id, event)
}

#[derive(Default)]
struct DeviceReport {
    acked: Vec<String>,
    latencies_us: Vec<u32>,
    requests: u64,
    transport_errors: u64,
    status_errors: u64,
    resends: u64,
    resend_duplicates_wrong: u64,
    late_ticks: u64,
}

fn post_head(a: &Args, len: usize) -> String {
    let auth = a
        .token
        .as_deref()
        .map(|t| format!("Authorization: Bearer {t}\r\n"))
        .unwrap_or_default();
    format!(
        "POST /api/events HTTP/1.1\r\nHost: {}\r\nContent-Type: application/cloudevents-batch+json\r\n{auth}Content-Length: {len}\r\n\r\n",
        a.addr
    )
}

/// Posts `body` until it is acknowledged (or `attempts` run out): the answer's JSON.
async fn deliver(
    a: &Args,
    conn: &mut Option<Conn>,
    body: &[u8],
    attempts: usize,
    r: &mut DeviceReport,
) -> Option<Value> {
    let head = post_head(a, body.len());
    for attempt in 0..attempts {
        if attempt > 0 {
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        if conn.is_none() {
            match tokio::time::timeout(REQUEST_TIMEOUT, Conn::open(&a.addr)).await {
                Ok(Ok(c)) => *conn = Some(c),
                _ => {
                    r.transport_errors += 1;
                    continue;
                }
            }
        }
        let Some(c) = conn.as_mut() else { continue };
        let t = Instant::now();
        r.requests += 1;
        let answer =
            tokio::time::timeout(REQUEST_TIMEOUT, c.request(&head, body, &mut |_| {})).await;
        let took = t.elapsed();
        match answer {
            Ok(Ok(resp)) => {
                if resp.close {
                    *conn = None;
                }
                if resp.status == 200 {
                    r.latencies_us
                        .push(u32::try_from(took.as_micros()).unwrap_or(u32::MAX));
                    return Some(serde_json::from_slice(&resp.body).unwrap_or(Value::Null));
                }
                r.status_errors += 1;
                if r.status_errors <= 3 {
                    eprintln!(
                        "load: status {}: {}",
                        resp.status,
                        String::from_utf8_lossy(&resp.body)
                    );
                }
            }
            Ok(Err(e)) => {
                *conn = None;
                r.transport_errors += 1;
                if r.transport_errors <= 3 {
                    eprintln!("load: {e}");
                }
            }
            Err(_) => {
                *conn = None;
                r.transport_errors += 1;
            }
        }
    }
    None
}

async fn device(a: Arc<Args>, i: usize, start: Instant) -> DeviceReport {
    let mut r = DeviceReport::default();
    let mut rng = Rng(0x5EED ^ (i as u64).wrapping_mul(0x9E37_79B9));
    let period = Duration::from_secs_f64(1.0 / a.rate);
    // Devices spread over one period, so the load is even rather than in lockstep.
    let offset = period.mul_f64(i as f64 / a.devices as f64);
    let mut tick = tokio::time::interval_at((start + offset).into(), period);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let end = start + a.duration;
    let mut conn: Option<Conn> = None;
    let mut n = 0u64;
    let mut last: Option<Vec<u8>> = None;
    loop {
        let due = tick.tick().await;
        if Instant::now() >= end {
            break;
        }
        if due.elapsed() > period {
            r.late_ticks += 1;
        }
        if let Some(prev) = last.as_ref().filter(|_| rng.unit() < a.resend) {
            // The acknowledgement "got lost": the same batch again, all duplicates.
            r.resends += 1;
            let prev = prev.clone();
            if let Some(v) = deliver(&a, &mut conn, &prev, 5, &mut r).await {
                if v["stored"] != json!(0) || v["duplicates"] != json!(a.batch) {
                    r.resend_duplicates_wrong += 1;
                }
            }
            continue;
        }
        let (ids, events): (Vec<String>, Vec<Value>) = (0..a.batch)
            .map(|_| {
                n += 1;
                survey_event(&a.run, i, n, &mut rng)
            })
            .unzip();
        let body = Value::from(events).to_string().into_bytes();
        // The app keeps a batch until it is acknowledged; here: a few tries, also after the end.
        if deliver(&a, &mut conn, &body, 10, &mut r).await.is_some() {
            r.acked.extend(ids);
            last = Some(body);
        }
    }
    r
}

/// Reads one export over and over until `end`; returns how many completed and their bytes.
async fn exporter(a: Arc<Args>, end: Instant, bytes: Arc<AtomicU64>) -> (u64, u64) {
    let head = format!(
        "GET /api/events.ndjson HTTP/1.1\r\nHost: {}\r\nAuthorization: Bearer {}\r\n\r\n",
        a.addr, a.admin_token
    );
    let (mut done, mut failed) = (0, 0);
    while Instant::now() < end {
        let result = async {
            let mut c = Conn::open(&a.addr).await?;
            c.request(&head, b"", &mut |b| {
                bytes.fetch_add(b.len() as u64, Ordering::Relaxed);
            })
            .await
        }
        .await;
        match result {
            Ok(resp) if resp.status == 200 => done += 1,
            _ => {
                failed += 1;
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
        }
    }
    (done, failed)
}

/// The ids of this run in the NDJSON export: (lines, distinct ids).
async fn stored_ids(a: &Args) -> Result<(usize, HashSet<String>), String> {
    let head = format!(
        "GET /api/events.ndjson HTTP/1.1\r\nHost: {}\r\nAuthorization: Bearer {}\r\nConnection: close\r\n\r\n",
        a.addr, a.admin_token
    );
    let mut c = Conn::open(&a.addr)
        .await
        .map_err(|e| format!("cannot reach the collector: {e}"))?;
    let mut all = Vec::new();
    let resp = c
        .request(&head, b"", &mut |b| all.extend_from_slice(b))
        .await
        .map_err(|e| format!("the export failed: {e}"))?;
    if resp.status != 200 {
        return Err(format!(
            "the export answered {}: {}",
            resp.status,
            String::from_utf8_lossy(&resp.body)
        ));
    }
    let prefix = format!("{}-", a.run);
    let (mut lines, mut ids) = (0, HashSet::new());
    for line in all.split(|b| *b == b'\n').filter(|l| !l.is_empty()) {
        let v: Value =
            serde_json::from_slice(line).map_err(|e| format!("an export line is not JSON: {e}"))?;
        if let Some(id) = v["id"].as_str().filter(|id| id.starts_with(&prefix)) {
            lines += 1;
            ids.insert(id.to_owned());
        }
    }
    Ok((lines, ids))
}

fn percentile(sorted: &[u32], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    f64::from(sorted[i.min(sorted.len() - 1)]) / 1000.0
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

#[tokio::main]
async fn main() -> ExitCode {
    let a = match parse_args() {
        Ok(a) => Arc::new(a),
        Err(e) => {
            eprintln!("load: {e}");
            return ExitCode::from(2);
        }
    };
    let start = Instant::now() + Duration::from_millis(200);
    let end = start + a.duration;
    let export_bytes = Arc::new(AtomicU64::new(0));
    let exporters: Vec<_> = (0..a.exports)
        .map(|_| tokio::spawn(exporter(Arc::clone(&a), end, Arc::clone(&export_bytes))))
        .collect();
    let devices: Vec<_> = (0..a.devices)
        .map(|i| tokio::spawn(device(Arc::clone(&a), i, start)))
        .collect();
    let mut total = DeviceReport::default();
    for d in devices {
        let Ok(r) = d.await else {
            eprintln!("load: a device task failed");
            return ExitCode::from(1);
        };
        total.acked.extend(r.acked);
        total.latencies_us.extend(r.latencies_us);
        total.requests += r.requests;
        total.transport_errors += r.transport_errors;
        total.status_errors += r.status_errors;
        total.resends += r.resends;
        total.resend_duplicates_wrong += r.resend_duplicates_wrong;
        total.late_ticks += r.late_ticks;
    }
    let elapsed = start.elapsed();
    let (mut exports_done, mut exports_failed) = (0, 0);
    for e in exporters {
        if let Ok((d, f)) = e.await {
            exports_done += d;
            exports_failed += f;
        }
    }
    let (lines, stored) = match stored_ids(&a).await {
        Ok(s) => s,
        Err(e) => {
            eprintln!("load: {e}");
            return ExitCode::from(1);
        }
    };
    let acked: HashSet<&String> = total.acked.iter().collect();
    let lost = acked
        .iter()
        .filter(|id| !stored.contains(id.as_str()))
        .count();
    let duplicated = lines - stored.len();
    let mut lat = total.latencies_us;
    lat.sort_unstable();
    let events = total.acked.len();
    let summary = json!({
        "label": a.label,
        "devices": a.devices,
        "rate_per_device": a.rate,
        "batch": a.batch,
        "duration_s": round2(a.duration.as_secs_f64()),
        // Until the last device's last batch was answered.
        "wall_s": round2(elapsed.as_secs_f64()),
        "requests": total.requests,
        "resends": total.resends,
        "events_sent": events,
        // Every batch is sent within the --duration window.
        "events_per_s": round2(events as f64 / a.duration.as_secs_f64()),
        "latency_ms": {
            "p50": round2(percentile(&lat, 0.50)),
            "p99": round2(percentile(&lat, 0.99)),
            "max": round2(percentile(&lat, 1.0)),
        },
        "errors": {"network": total.transport_errors, "status": total.status_errors},
        "late_ticks": total.late_ticks,
        "stored": stored.len(),
        "lost": lost,
        "duplicated": duplicated,
        "stored_unacknowledged": stored.len() + lost - acked.len(),
        "resends_not_all_duplicates": total.resend_duplicates_wrong,
        "exports": {"readers": a.exports, "completed": exports_done, "failed": exports_failed,
                    "mb": round2(export_bytes.load(Ordering::Relaxed) as f64 / 1e6)},
    });
    println!("{summary}");
    if lost > 0 || duplicated > 0 || total.resend_duplicates_wrong > 0 || events == 0 {
        eprintln!("load: {lost} lost, {duplicated} duplicated, {} resends not answered as duplicates, {events} sent",
            total.resend_duplicates_wrong);
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}
