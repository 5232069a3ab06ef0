//! The HTTP surface: the CloudEvents endpoint, the exports, CORS for browsers posting from
//! another origin, and (optionally) the built app itself with cache headers that let
//! content-hashed files be cached forever while `index.html` and `config.json` never are.

use std::io;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{RawQuery, State};
use axum::http::header::{
    AUTHORIZATION, CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_LENGTH, CONTENT_SECURITY_POLICY,
    CONTENT_TYPE, LOCATION, REFERRER_POLICY, RETRY_AFTER, WWW_AUTHENTICATE, X_CONTENT_TYPE_OPTIONS,
};
use axum::http::{HeaderMap, HeaderValue, Method, Request, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, post};
use axum::{Json, Router};
use futures_util::StreamExt;
use http_body_util::{BodyExt, LengthLimitError, Limited};
use serde_json::json;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::services::ServeDir;

use crate::cloudevents::{
    mode_for_content_type, parse_request, problems_body, Problem, Problems, Rejection,
};
use crate::export;
use crate::faults::{Decision, Faults, RetryAfter, REDIRECT_TO};
use crate::store::{hash_token, Binding, Store, StoreError, StoredEvent, PAGE_ROWS};
use crate::time::{format_imf_fixdate, now_unix_millis};

/// What the handlers share.
#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    /// The shared ingest token of the compatibility mode (`--token`).
    pub token: Option<Arc<str>>,
    /// The token that reads the exports; `None` disables them.
    pub admin_token: Option<Arc<str>>,
    /// Origins whose pages may post events cross-origin.
    pub allow_origins: Arc<[String]>,
    pub max_body: usize,
    pub faults: Option<Arc<Faults>>,
    pub config: Option<PathBuf>,
    /// Set once a device token is known to exist (it never becomes unset).
    pub tokens_provisioned: Arc<std::sync::atomic::AtomicBool>,
}

/// Who is posting, as far as the collector can tell.
#[derive(Debug, Clone, PartialEq)]
pub enum Ingest {
    /// No ingest token is configured at all: anyone who can reach the collector may post.
    Open,
    /// The shared `--token` (compatibility mode): any source.
    Shared,
    /// A device token: only its own store and touchpoint.
    Device(Binding),
}

/// All routes: `/api/…`, then `/config.json` and the static app. Only `POST /api/events`
/// answers CORS, and only for the configured app origins; the exports never do, so no page
/// on another origin can read them even with a stolen token in hand.
pub fn router(state: AppState, dist: Option<PathBuf>) -> Router {
    let mut ingest = post(post_events);
    if !state.allow_origins.is_empty() {
        let origins: Vec<HeaderValue> = state
            .allow_origins
            .iter()
            .filter_map(|o| HeaderValue::from_str(o).ok())
            .collect();
        let cors = CorsLayer::new()
            .allow_origin(AllowOrigin::list(origins))
            .allow_methods([Method::POST, Method::OPTIONS])
            .allow_headers([CONTENT_TYPE, AUTHORIZATION])
            // Browsers hide other response headers from scripts; the retry logic needs these.
            .expose_headers([RETRY_AFTER, WWW_AUTHENTICATE])
            .max_age(Duration::from_secs(600));
        ingest = ingest.layer(cors);
    }
    let api = Router::new()
        .route("/api/events", ingest)
        .route("/api/events.ndjson", get(get_ndjson))
        .route("/api/events.csv", get(get_csv))
        .route("/api/summary", get(get_summary))
        .route("/api/status", get(get_status))
        .route("/api/health", get(|| async { "ok" }))
        .route(
            "/api/{*rest}",
            any(|| async { error(StatusCode::NOT_FOUND, "no such API endpoint") }),
        )
        .with_state(state.clone());
    let mut site: Router<AppState> = Router::new();
    if state.config.is_some() {
        site = site.route("/config.json", get(get_config));
    }
    let mut site = site.with_state(state);
    if let Some(dist) = dist {
        site = site.fallback_service(ServeDir::new(dist));
    }
    api.merge(
        site.layer(middleware::from_fn(html_policy))
            .layer(middleware::from_fn(cache_headers)),
    )
}

/// An error response with the usual `{"problems":[{"reason":…}]}` body.
fn error(status: StatusCode, reason: impl Into<String>) -> Response {
    (status, Json(problems_body(&[Problem::request(reason)]))).into_response()
}

/// Whether a file name carries a content hash (`name-0123456789abcdef.js`,
/// `name-0123456789abcdef_bg.wasm`): a dash, 12 or more lowercase hex digits, then `.` or `_`.
pub fn is_content_hashed(name: &str) -> bool {
    let b = name.as_bytes();
    b.iter()
        .enumerate()
        .filter(|(_, c)| **c == b'-')
        .any(|(dash, _)| {
            let hex = b[dash + 1..]
                .iter()
                .take_while(|c| c.is_ascii_digit() || (b'a'..=b'f').contains(c))
                .count();
            hex >= 12 && matches!(b.get(dash + 1 + hex), Some(b'.' | b'_'))
        })
}

async fn cache_headers(req: Request<Body>, next: Next) -> Response {
    let name = req.uri().path().rsplit('/').next().unwrap_or("").to_owned();
    let mut resp = next.run(req).await;
    if resp.status().is_success() || resp.status() == StatusCode::NOT_MODIFIED {
        let value = if is_content_hashed(&name) {
            "public, max-age=31536000, immutable"
        } else {
            "no-cache"
        };
        resp.headers_mut()
            .insert(CACHE_CONTROL, HeaderValue::from_static(value));
    }
    // As scripts/serve.mjs: no type sniffing, no Referer to the endpoint or anywhere else.
    resp.headers_mut()
        .insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    resp.headers_mut()
        .insert(REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    resp
}

/// HTML pages larger than this are sent without reading their policy (index.html is a few KB).
const MAX_HTML_BYTES: usize = 1 << 20;

/// Sends the page's own Content-Security-Policy (the `<meta http-equiv>` the build writes into
/// `index.html`) as a header too, plus `frame-ancestors 'none'`, which only a header can carry
/// (no page may frame the app). Read from the page being sent, so a redeployed `dist/` is
/// served with its own policy. A HEAD answer has no page to read and gets no policy.
async fn html_policy(req: Request<Body>, next: Next) -> Response {
    let resp = next.run(req).await;
    let html = resp
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.trim_start().to_ascii_lowercase().starts_with("text/html"));
    if !html || !resp.status().is_success() {
        return resp;
    }
    let (mut parts, body) = resp.into_parts();
    let bytes = match Limited::new(body, MAX_HTML_BYTES).collect().await {
        Ok(c) => c.to_bytes(),
        Err(e) => {
            eprintln!("storevoice-collector: cannot read the page to send its policy: {e}");
            return error(
                StatusCode::INTERNAL_SERVER_ERROR,
                "the page could not be read",
            );
        }
    };
    if !bytes.is_empty() {
        let meta = std::str::from_utf8(&bytes).ok().and_then(meta_csp);
        match HeaderValue::from_str(&header_policy(meta.as_deref())) {
            Ok(v) => {
                parts.headers.insert(CONTENT_SECURITY_POLICY, v);
            }
            Err(_) => eprintln!(
                "storevoice-collector: the page's Content-Security-Policy is not a valid header value"
            ),
        }
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// The header form of a page's policy: its directives (without any `frame-ancestors`, which a
/// `<meta>` cannot carry anyway) and `frame-ancestors 'none'`.
pub fn header_policy(meta: Option<&str>) -> String {
    let mut directives: Vec<&str> = meta
        .unwrap_or("")
        .split(';')
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .filter(|d| {
            let name = d.split_ascii_whitespace().next().unwrap_or("");
            !name.eq_ignore_ascii_case("frame-ancestors")
        })
        .collect();
    directives.push("frame-ancestors 'none'");
    directives.join("; ")
}

/// The `content` of the first `<meta http-equiv="Content-Security-Policy">` in `html`
/// (attribute names and the http-equiv value without case; values quoted with `"` or `'` or
/// unquoted; character references decoded).
pub fn meta_csp(html: &str) -> Option<String> {
    let lower = html.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = lower[from..].find("<meta") {
        let start = from + i + "<meta".len();
        let (attrs, end) = tag_attributes(&html[start..]);
        from = start + end;
        let is_csp = attrs.iter().any(|(k, v)| {
            k == "http-equiv" && v.trim().eq_ignore_ascii_case("content-security-policy")
        });
        if is_csp {
            return attrs
                .into_iter()
                .find(|(k, _)| k == "content")
                .map(|(_, v)| v);
        }
    }
    None
}

/// The attributes of a start tag from just after its name, and where the tag ends.
fn tag_attributes(s: &str) -> (Vec<(String, String)>, usize) {
    let b = s.as_bytes();
    let mut attrs = Vec::new();
    let mut i = 0;
    loop {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        if i >= b.len() || b[i] == b'>' {
            return (attrs, (i + 1).min(b.len()));
        }
        let name_start = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && !matches!(b[i], b'=' | b'>' | b'/') {
            i += 1;
        }
        let name = s[name_start..i].to_ascii_lowercase();
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = String::new();
        if i < b.len() && b[i] == b'=' {
            i += 1;
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
                let quote = b[i];
                let v_start = i + 1;
                i = v_start;
                while i < b.len() && b[i] != quote {
                    i += 1;
                }
                value = decode_references(&s[v_start..i]);
                i = (i + 1).min(b.len());
            } else {
                let v_start = i;
                while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                    i += 1;
                }
                value = decode_references(&s[v_start..i]);
            }
        }
        attrs.push((name, value));
    }
}

/// HTML character references in an attribute value: the named ones a policy may need and
/// numeric ones; anything else stays as written.
fn decode_references(v: &str) -> String {
    let mut out = String::with_capacity(v.len());
    let mut rest = v;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let decoded = rest.find(';').filter(|&semi| semi <= 10).and_then(|semi| {
            let name = &rest[1..semi];
            let c = match name {
                "amp" => Some('&'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "lt" => Some('<'),
                "gt" => Some('>'),
                _ => {
                    let num = name.strip_prefix('#')?;
                    let code = match num.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => num.parse::<u32>().ok()?,
                    };
                    char::from_u32(code)
                }
            }?;
            Some((c, semi + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

async fn get_config(State(st): State<AppState>) -> Response {
    let Some(path) = st.config else {
        return error(StatusCode::NOT_FOUND, "no config file");
    };
    match tokio::fs::read(&path).await {
        Ok(bytes) => ([(CONTENT_TYPE, "application/json")], bytes).into_response(),
        Err(e) => {
            eprintln!("storevoice-collector: cannot read {}: {e}", path.display());
            error(StatusCode::NOT_FOUND, "the config file cannot be read")
        }
    }
}

/// Compares two secrets in time that depends only on their lengths, never on where they
/// first differ (an early exit would let a client find a token byte by byte).
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    let mut diff = u8::from(a.len() != b.len());
    for i in 0..a.len().max(b.len()) {
        let x = a.get(i).copied().unwrap_or(0);
        let y = b.get(i).copied().unwrap_or(0);
        diff |= std::hint::black_box(x ^ y);
    }
    diff == 0
}

/// The token of an `Authorization: Bearer TOKEN` header, if there is one.
pub fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(AUTHORIZATION)?.to_str().ok()?;
    let (scheme, given) = value.trim().split_once(' ')?;
    let given = given.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !given.is_empty()).then_some(given)
}

/// `Authorization: Bearer TOKEN` with exactly `token`, compared in constant time.
fn authorized(headers: &HeaderMap, token: &str) -> bool {
    bearer(headers).is_some_and(|given| constant_time_eq(given.as_bytes(), token.as_bytes()))
}

/// 401 with `WWW-Authenticate: Bearer` and a reason.
fn unauthorized(reason: &str) -> Response {
    let mut resp = error(StatusCode::UNAUTHORIZED, reason);
    resp.headers_mut()
        .insert(WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
    resp
}

/// The exports hold customers' contact details: only the admin token reads them.
fn require_admin(st: &AppState, headers: &HeaderMap) -> Result<(), Response> {
    let Some(admin) = &st.admin_token else {
        return Err(error(
            StatusCode::FORBIDDEN,
            "reading the events is disabled: start the collector with --admin-token-file FILE \
             or the STOREVOICE_ADMIN_TOKEN environment variable",
        ));
    };
    if authorized(headers, admin) {
        Ok(())
    } else if bearer(headers).is_some() {
        Err(unauthorized("the admin token is wrong"))
    } else {
        Err(unauthorized(
            "reading the events needs the admin token: send `Authorization: Bearer <admin token>`",
        ))
    }
}

/// Personal data must not stay in shared caches or the browser's disk cache.
fn private(mut resp: Response) -> Response {
    resp.headers_mut()
        .insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    resp
}

async fn post_events(State(st): State<AppState>, headers: HeaderMap, body: Body) -> Response {
    let decision = match &st.faults {
        Some(faults) => {
            let (delay, decision) = faults.draw();
            eprintln!(
                "fault: POST /api/events delay {} ms, {decision:?}",
                delay.as_millis()
            );
            if !delay.is_zero() {
                tokio::time::sleep(delay).await;
            }
            decision
        }
        None => Decision::Normal,
    };
    if let Some(refused) = refusal(decision) {
        // Read the request to its end before refusing it: hyper closes a connection whose
        // request body was left unread, and a client that pooled it would see its next
        // request fail without ever reaching the collector (a network error that no fault
        // decided, which made the same seed give different outcomes).
        let _ = Limited::new(body, st.max_body).collect().await;
        return refused;
    }
    let resp = accept(&st, &headers, body).await;
    if decision == Decision::Reset {
        break_connection(resp).await
    } else {
        resp
    }
}

/// The answer of an injected 503 or 429; `None` when the request goes on.
fn refusal(decision: Decision) -> Option<Response> {
    Some(match decision {
        Decision::Unavailable => error(
            StatusCode::SERVICE_UNAVAILABLE,
            "injected fault: the collector is unavailable, try again",
        ),
        Decision::TooManyRequests(form) => {
            let mut resp = error(
                StatusCode::TOO_MANY_REQUESTS,
                "injected fault: too many requests, retry later",
            );
            let value = match form {
                RetryAfter::Seconds => "1".to_owned(),
                RetryAfter::HttpDate => format_imf_fixdate(now_unix_millis().div_euclid(1000) + 1),
            };
            if let Ok(v) = HeaderValue::from_str(&value) {
                resp.headers_mut().insert(RETRY_AFTER, v);
            }
            resp
        }
        Decision::Redirect => {
            // As a proxy or sign-in page would: nothing is stored, the page answers 200.
            (StatusCode::FOUND, [(LOCATION, REDIRECT_TO)]).into_response()
        }
        Decision::Normal | Decision::Reset => return None,
    })
}

/// Whether the store holds device tokens; cached once true.
async fn tokens_provisioned(st: &AppState) -> Result<bool, Response> {
    use std::sync::atomic::Ordering;
    if st.tokens_provisioned.load(Ordering::Relaxed) {
        return Ok(true);
    }
    match st.store.tokens_provisioned().await {
        Ok(yes) => {
            if yes {
                st.tokens_provisioned.store(true, Ordering::Relaxed);
            }
            Ok(yes)
        }
        Err(e) => {
            eprintln!("storevoice-collector: {e}");
            Err(error(
                StatusCode::INTERNAL_SERVER_ERROR,
                "the device tokens could not be read",
            ))
        }
    }
}

/// Decides who is posting: a known device token, the shared `--token`, or nobody when
/// ingest is open (no `--token` and no device token provisioned).
pub async fn ingest_auth(st: &AppState, headers: &HeaderMap) -> Result<Ingest, Response> {
    if let Some(given) = bearer(headers) {
        if st
            .token
            .as_deref()
            .is_some_and(|t| constant_time_eq(given.as_bytes(), t.as_bytes()))
        {
            return Ok(Ingest::Shared);
        }
        // Looked up by hash: the hash of a wrong guess tells a timing attacker nothing.
        match st.store.token_binding(&hash_token(given)).await {
            Ok(Some(binding)) => return Ok(Ingest::Device(binding)),
            Ok(None) => {}
            Err(e) => {
                eprintln!("storevoice-collector: {e}");
                return Err(error(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "the device tokens could not be read",
                ));
            }
        }
    }
    if st.token.is_none() && !tokens_provisioned(st).await? {
        return Ok(Ingest::Open);
    }
    Err(unauthorized(if bearer(headers).is_some() {
        "the device token is not valid (unknown or revoked)"
    } else {
        "a device token is required: send `Authorization: Bearer <device token>`"
    }))
}

/// The events a device token may not post: each with a problem at `source`.
pub fn outside_binding(binding: &Binding, events: &[crate::cloudevents::ValidEvent]) -> Problems {
    let source = binding.source();
    let mut problems = Problems::default();
    for (index, e) in events.iter().enumerate() {
        let data = serde_json::from_str::<serde_json::Value>(&e.json)
            .ok()
            .and_then(|v| v.get("data").cloned());
        let field = |name: &str| {
            data.as_ref()
                .and_then(|d| d.get(name))
                .and_then(|v| v.as_str().map(str::to_owned))
        };
        let reason = if e.source != source {
            Some(format!(
                "this device's token is for the source {source}, not {:?}",
                e.source
            ))
        } else if field("store_id").is_some_and(|s| s != binding.store) {
            Some(format!(
                "data.store_id must be {:?} for this device's token",
                binding.store
            ))
        } else if field("touchpoint").is_some_and(|t| t != binding.touchpoint) {
            Some(format!(
                "data.touchpoint must be {:?} for this device's token",
                binding.touchpoint
            ))
        } else {
            None
        };
        if let Some(reason) = reason {
            problems.push(Problem {
                index: Some(index),
                attribute: Some("source".into()),
                reason,
            });
        }
    }
    problems
}

/// Reads and drops a request body that is refused before it is read (bounded by the body
/// limit): an unread body makes the server close the connection after answering, and a client
/// that reuses it (keep-alive) then fails its next request with "peer disconnected" instead of
/// getting its answer.
async fn drain(body: Body, limit: usize) {
    let _ = Limited::new(body, limit).collect().await;
}

/// Checks, validates and stores one request's events.
async fn accept(st: &AppState, headers: &HeaderMap, body: Body) -> Response {
    let who = match ingest_auth(st, headers).await {
        Ok(who) => who,
        Err(resp) => {
            drain(body, st.max_body).await;
            return resp;
        }
    };
    let mode = headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(mode_for_content_type);
    let Some(mode) = mode else {
        drain(body, st.max_body).await;
        return error(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "Content-Type must be application/cloudevents-batch+json or application/cloudevents+json",
        );
    };
    let too_large = || {
        error(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("the request body is larger than {} bytes", st.max_body),
        )
    };
    let declared = headers
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > st.max_body as u64) {
        return too_large();
    }
    let bytes = match Limited::new(body, st.max_body).collect().await {
        Ok(collected) => collected.to_bytes(),
        Err(e) if e.downcast_ref::<LengthLimitError>().is_some() => return too_large(),
        Err(e) => {
            return error(
                StatusCode::BAD_REQUEST,
                format!("could not read the request body: {e}"),
            )
        }
    };
    let events = match parse_request(mode, &bytes) {
        Ok(events) => events,
        Err(Rejection::Malformed(reason)) => return error(StatusCode::BAD_REQUEST, reason),
        Err(Rejection::Invalid(problems)) => {
            return (StatusCode::BAD_REQUEST, Json(problems.body())).into_response()
        }
    };
    if let Ingest::Device(binding) = &who {
        // 422, not 403: the token is good, these events are not its to post. A device treats
        // 401/403 as "my token is refused" and keeps the whole queue waiting for a new token,
        // so one old event of another touchpoint (a device moved to a new place) would block
        // every answer after it; 422 names the events, which the device sets aside (its
        // `rejected` store, for staff) while the rest are delivered.
        let refused = outside_binding(binding, &events);
        if !refused.is_empty() {
            return (StatusCode::UNPROCESSABLE_ENTITY, Json(refused.body())).into_response();
        }
    }
    if let Some(faults) = &st.faults {
        let refused: Problems = events
            .iter()
            .enumerate()
            .filter(|(_, e)| faults.refuses(&e.id))
            .map(|(i, _)| Problem {
                index: Some(i),
                attribute: Some("id".into()),
                reason: "injected fault: this event is refused".into(),
            })
            .collect();
        if !refused.is_empty() {
            eprintln!(
                "fault: refused {} of {} events",
                refused.total,
                events.len()
            );
            return (StatusCode::BAD_REQUEST, Json(refused.body())).into_response();
        }
    }
    if events.is_empty() {
        return Json(json!({"stored": 0, "duplicates": 0})).into_response();
    }
    match st.store.insert(events).await {
        Ok(r) => Json(json!({"stored": r.stored, "duplicates": r.duplicates})).into_response(),
        Err(e) => {
            eprintln!("storevoice-collector: {e}");
            error(
                StatusCode::INTERNAL_SERVER_ERROR,
                "the events could not be stored",
            )
        }
    }
}

/// Keeps the status and headers but fails the body halfway, so hyper aborts the
/// connection and the client sees a network error after the events were committed.
async fn break_connection(resp: Response) -> Response {
    let (mut parts, body) = resp.into_parts();
    let bytes = body
        .collect()
        .await
        .map(|c| c.to_bytes())
        .unwrap_or_default();
    parts.headers.remove(CONTENT_LENGTH);
    let head = bytes.slice(..bytes.len() / 2);
    let stream = futures_util::stream::iter([Ok::<Bytes, io::Error>(head)]).chain(
        futures_util::stream::once(async {
            // Let the head and first chunk reach the client before the connection dies.
            tokio::time::sleep(Duration::from_millis(20)).await;
            Err(io::Error::new(
                io::ErrorKind::ConnectionReset,
                "injected fault: connection reset",
            ))
        }),
    );
    Response::from_parts(parts, Body::from_stream(stream))
}

fn read_failed(e: StoreError) -> Response {
    eprintln!("storevoice-collector: {e}");
    error(
        StatusCode::INTERNAL_SERVER_ERROR,
        "the events could not be read",
    )
}

/// The events committed when the export started, read page by page (by `seq`, from a read
/// connection): an export holds no lock between pages and never the whole table in memory,
/// so four exports of 200,000 events do not hold up a POST.
fn pages(
    store: Store,
    upto: i64,
) -> impl futures_util::Stream<Item = Result<Vec<StoredEvent>, StoreError>> + Send {
    futures_util::stream::try_unfold((store, 0i64), move |(store, after)| async move {
        let page = store.page(after, upto, PAGE_ROWS).await?;
        Ok(page
            .last()
            .map(|last| last.seq)
            .map(|last| (page, (store, last))))
    })
}

/// A streamed export body: `head`, then `render` of each page.
fn streamed(
    store: Store,
    upto: i64,
    head: &'static str,
    render: fn(&[StoredEvent]) -> String,
) -> Body {
    let head =
        futures_util::stream::iter([Ok::<Bytes, io::Error>(Bytes::from_static(head.as_bytes()))]);
    let rest = pages(store, upto).then(move |page| async move {
        // Rendering a page (the CSV parses each event) is CPU work: off the async workers,
        // so the runtime stays free to answer POSTs.
        let page = match page {
            Ok(page) => tokio::task::spawn_blocking(move || render(&page))
                .await
                .map_err(|e| StoreError::from_task(&e)),
            Err(e) => Err(e),
        };
        match page {
            Ok(text) => Ok(Bytes::from(text)),
            Err(e) => {
                eprintln!("storevoice-collector: export stopped: {e}");
                // Failing the body makes hyper cut the connection: the client sees an incomplete
                // transfer, never a short export that looks complete.
                Err(io::Error::other(e.to_string()))
            }
        }
    });
    Body::from_stream(head.chain(rest))
}

async fn get_ndjson(State(st): State<AppState>, headers: HeaderMap) -> Response {
    if let Err(resp) = require_admin(&st, &headers) {
        return resp;
    }
    private(match st.store.last_seq().await {
        Ok(upto) => (
            [(CONTENT_TYPE, "application/x-ndjson")],
            streamed(st.store.clone(), upto, "", export::ndjson),
        )
            .into_response(),
        Err(e) => read_failed(e),
    })
}

async fn get_csv(State(st): State<AppState>, headers: HeaderMap) -> Response {
    if let Err(resp) = require_admin(&st, &headers) {
        return resp;
    }
    private(match st.store.last_seq().await {
        Ok(upto) => (
            [
                (CONTENT_TYPE, "text/csv; charset=utf-8; header=present"),
                (
                    CONTENT_DISPOSITION,
                    "attachment; filename=\"storevoice-events.csv\"",
                ),
            ],
            streamed(st.store.clone(), upto, CSV_HEAD, export::csv_rows),
        )
            .into_response(),
        Err(e) => read_failed(e),
    })
}

/// What an operator monitors: the backend, the durability settings of the live
/// connections, and the newest `seq`. Admin only.
async fn get_status(State(st): State<AppState>, headers: HeaderMap) -> Response {
    if let Err(resp) = require_admin(&st, &headers) {
        return resp;
    }
    let status = async {
        let d = st.store.durability().await?;
        let last_seq = st.store.last_seq().await?;
        let settings: serde_json::Map<String, serde_json::Value> = d
            .settings
            .into_iter()
            .map(|(k, v)| (k, serde_json::Value::String(v)))
            .collect();
        Ok::<_, StoreError>(
            json!({"backend": d.backend, "durability": settings, "last_seq": last_seq}),
        )
    };
    private(match status.await {
        Ok(json) => Json(json).into_response(),
        Err(e) => read_failed(e),
    })
}

const CSV_HEAD: &str = concat!(
    "received_at,source,id,type,time,touchpoint,kind,nps,csat,csi,data",
    "\r\n"
);

/// Whether the query string asks for flagged events in the summary's scores:
/// `include_suspect=true` (or `1`); anything else keeps the default of leaving them out.
fn include_suspect(query: Option<&str>) -> bool {
    query.is_some_and(|q| {
        q.split('&')
            .any(|kv| kv == "include_suspect=true" || kv == "include_suspect=1")
    })
}

async fn get_summary(
    State(st): State<AppState>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> Response {
    if let Err(resp) = require_admin(&st, &headers) {
        return resp;
    }
    let include = include_suspect(query.as_deref());
    let summary = async {
        let upto = st.store.last_seq().await?;
        let mut summary = export::Summary::new(include);
        let mut pages = std::pin::pin!(pages(st.store.clone(), upto));
        while let Some(page) = pages.next().await {
            let page = page?;
            summary = tokio::task::spawn_blocking(move || {
                for e in &page {
                    summary.add(e);
                }
                summary
            })
            .await
            .map_err(|e| StoreError::from_task(&e))?;
        }
        Ok::<_, StoreError>(summary.to_json())
    };
    private(match summary.await {
        Ok(json) => Json(json).into_response(),
        Err(e) => read_failed(e),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_query_flag() {
        assert!(!include_suspect(None));
        assert!(!include_suspect(Some("")));
        assert!(!include_suspect(Some("include_suspect=false")));
        assert!(!include_suspect(Some("xinclude_suspect=true")));
        assert!(include_suspect(Some("include_suspect=true")));
        assert!(include_suspect(Some("a=b&include_suspect=1")));
    }

    #[test]
    fn csv_head_is_the_export_header() {
        assert_eq!(CSV_HEAD, format!("{}\r\n", export::CSV_HEADER));
    }

    #[test]
    fn content_hashes() {
        assert!(is_content_hashed("storevoice-123a49f5cb98fa82.js"));
        assert!(is_content_hashed("storevoice-123a49f5cb98fa82_bg.wasm"));
        assert!(is_content_hashed("main-8a22411fcad2be20.css"));
        assert!(is_content_hashed("my-app-0123456789ab.js"));
        assert!(!is_content_hashed("index.html"));
        assert!(!is_content_hashed("config.json"));
        assert!(!is_content_hashed("logo.svg"));
        assert!(!is_content_hashed("name-0123456789a.js"));
        assert!(!is_content_hashed("name-0123456789ABCDEF.js"));
        assert!(!is_content_hashed("name-0123456789abcdefg.js"));
        assert!(!is_content_hashed("name-0123456789abcdef"));
    }

    #[test]
    fn the_policy_of_a_page() {
        let built = "<!doctype html><html><head><meta charset=\"utf-8\" />\n    \
            <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; \
            script-src 'self' 'wasm-unsafe-eval' 'sha256-AbC+/9=='\" />";
        assert_eq!(
            meta_csp(built).as_deref(),
            Some("default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-AbC+/9=='")
        );
        // Other spellings HTML allows: case, single quotes with references, no quotes.
        assert_eq!(
            meta_csp(
                "<META CONTENT='img-src &#39;self&#39; data:' HTTP-EQUIV=content-security-policy>"
            )
            .as_deref(),
            Some("img-src 'self' data:")
        );
        assert_eq!(
            meta_csp("<meta name=x content=y><meta http-equiv=Content-Security-Policy content=default-src>")
                .as_deref(),
            Some("default-src")
        );
        assert_eq!(
            meta_csp("<title>no policy</title><meta charset=utf-8>"),
            None
        );
        assert_eq!(
            meta_csp("<meta http-equiv=\"refresh\" content=\"5\">"),
            None
        );
        assert_eq!(
            decode_references("a&amp;b&quot;&#x27;&bogus;&"),
            "a&b\"'&bogus;&"
        );

        assert_eq!(
            header_policy(Some("default-src 'self'; object-src 'none';")),
            "default-src 'self'; object-src 'none'; frame-ancestors 'none'"
        );
        assert_eq!(
            header_policy(Some("default-src 'self'; frame-ancestors *")),
            "default-src 'self'; frame-ancestors 'none'",
            "a frame-ancestors in the meta (ignored there) does not loosen the header"
        );
        assert_eq!(header_policy(None), "frame-ancestors 'none'");
    }

    #[test]
    fn bearer_tokens() {
        let with = |v: &str| {
            let mut h = HeaderMap::new();
            if let Ok(v) = HeaderValue::from_str(v) {
                h.insert(AUTHORIZATION, v);
            }
            authorized(&h, "s3cret")
        };
        assert!(with("Bearer s3cret"));
        assert!(with("bearer s3cret"));
        assert!(!with("Bearer s3cre"));
        assert!(!with("Bearer s3cret2"));
        assert!(!with("Basic s3cret"));
        assert!(!with("s3cret"));
        assert!(!authorized(&HeaderMap::new(), "s3cret"));
    }

    #[test]
    fn constant_time_comparison() {
        assert!(constant_time_eq(b"", b""));
        assert!(constant_time_eq(b"abc", b"abc"));
        assert!(!constant_time_eq(b"abc", b"abd"));
        assert!(!constant_time_eq(b"abc", b"ab"));
        assert!(!constant_time_eq(b"ab", b"abc"));
        assert!(!constant_time_eq(b"", b"a"));
    }
}
