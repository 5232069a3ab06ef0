//! Routing benchmark in the browser (headless Chromium): Dijkstra on a generated 10,000-node
//! walkway graph (a 100 × 100 grid with random lengths and 5 % stairs), 200 routes between
//! random nodes, timed with `performance.now()`. Prints one `ROUTE_BENCH {json}` line that
//! scripts/bench.sh reads and checks against its budget (median ≤ 5 ms).
#![cfg(target_arch = "wasm32")]

use storevoice::wayfinding::graph::{WalkKind, Graph, Profile};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn now() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

/// xorshift64*, so every run routes the same pairs.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

#[wasm_bindgen_test]
fn route_on_a_10k_node_map() {
    const SIDE: usize = 100;
    let mut rng = Rng(0x5EED_1234_ABCD_0001);
    let mut g = Graph::new(SIDE * SIDE);
    for y in 0..SIDE {
        for x in 0..SIDE {
            let n = y * SIDE + x;
            for (nx, ny) in [(x + 1, y), (x, y + 1)] {
                if nx < SIDE && ny < SIDE {
                    let kind = if rng.unit() < 0.05 { WalkKind::Stairs } else { WalkKind::Walk };
                    g.connect(n, ny * SIDE + nx, 1.0 + rng.unit() * 4.0, kind);
                }
            }
        }
    }
    let mut times = Vec::new();
    let mut found = 0;
    for i in 0..200 {
        let (a, b) = ((rng.next() % (SIDE * SIDE) as u64) as usize, (rng.next() % (SIDE * SIDE) as u64) as usize);
        let profile = if i % 2 == 0 { Profile::Shortest } else { Profile::StepFree };
        let t = now();
        let r = g.route(a, b, profile);
        times.push(now() - t);
        found += usize::from(r.is_some());
    }
    times.sort_by(f64::total_cmp);
    let median = times[times.len() / 2];
    let p95 = times[times.len() * 95 / 100];
    web_sys::console::log_1(&format!("ROUTE_BENCH {{\"nodes\":{},\"routes\":200,\"found\":{found},\"median_ms\":{median:.3},\"p95_ms\":{p95:.3}}}", SIDE * SIDE).into());
    assert!(found > 150, "the grid is connected, so nearly every route exists ({found})");
}
