//! Config parse speed, natively (issue 14): the app parses and validates `config.json` on
//! every start, on kiosks at about a quarter of a desktop's speed. Times
//! [`storevoice::config::parse`] on the sample store (valid) and on a copy with several
//! problems (the error path), and prints one `CONFIG_BENCH {json}` line of medians in
//! microseconds. Meaningful with `--release`:
//! `cargo test --release --test config_bench -- --nocapture`.
#![cfg(not(target_arch = "wasm32"))]

use std::time::Instant;

use storevoice::config::{parse, SAMPLE_CONFIG};

/// Median time of one call of `f`, in microseconds, over `rounds` rounds of `per` calls.
fn median_us(rounds: usize, per: usize, mut f: impl FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..rounds)
        .map(|_| {
            let t = Instant::now();
            for _ in 0..per {
                f();
            }
            t.elapsed().as_secs_f64() * 1e6 / per as f64
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

#[test]
fn parse_speed_of_the_sample_store() {
    let broken = SAMPLE_CONFIG
        .replacen("#b3261e", "red", 1)
        .replacen("\"large\"", "\"huge\"", 1)
        .replacen("http://127.0.0.1:8080", "http://collector.example.com", 1);
    assert!(parse(SAMPLE_CONFIG).is_ok());
    let problems = parse(&broken).err().map_or(0, |p| p.len());
    assert!(problems >= 3, "the broken copy has at least three problems, got {problems}");
    let json_only = median_us(21, 50, || {
        let v: Result<serde_json::Value, _> = serde_json::from_str(SAMPLE_CONFIG);
        assert!(v.is_ok());
    });
    let valid = median_us(21, 50, || assert!(parse(SAMPLE_CONFIG).is_ok()));
    let invalid = median_us(21, 50, || assert!(parse(&broken).is_err()));
    println!(
        "CONFIG_BENCH {{\"sample_bytes\":{},\"json_value_us\":{json_only:.1},\"parse_valid_us\":{valid:.1},\"parse_broken_us\":{invalid:.1},\"broken_problems\":{problems}}}",
        SAMPLE_CONFIG.len()
    );
    // A generous ceiling (unoptimised builds are ~10x slower than release): a start-up
    // parse must stay far below a frame budget's worth of milliseconds.
    assert!(valid < 20_000.0, "parsing the sample store took {valid} µs");
}
