//! The walkway graph and shortest routes (Dijkstra with a binary heap), with a step-free
//! profile that uses lifts and ramps but never stairs or escalators.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

/// How one gets from one node to the next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema), serde(rename_all = "kebab-case"))]
pub enum WalkKind {
    Walk,
    Stairs,
    Escalator,
    Lift,
    Ramp,
}

impl WalkKind {
    /// Whether a wheelchair, pram or someone who cannot climb can use it.
    pub fn is_step_free(self) -> bool {
        !matches!(self, WalkKind::Stairs | WalkKind::Escalator)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Profile {
    Shortest,
    StepFree,
}

impl Profile {
    pub fn allows(self, kind: WalkKind) -> bool {
        match self {
            Profile::Shortest => true,
            Profile::StepFree => kind.is_step_free(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Edge {
    pub to: usize,
    pub length: f64,
    pub kind: WalkKind,
}

/// An undirected graph over node indices; built once when the config loads.
#[derive(Debug, Clone, Default)]
pub struct Graph {
    adj: Vec<Vec<Edge>>,
}

/// A route: the nodes walked through and the edge kinds between them.
#[derive(Debug, Clone, PartialEq)]
pub struct Path {
    pub nodes: Vec<usize>,
    pub kinds: Vec<WalkKind>,
    pub length: f64,
}

#[derive(PartialEq)]
struct Entry {
    dist: f64,
    node: usize,
}
impl Eq for Entry {}
impl Ord for Entry {
    fn cmp(&self, other: &Self) -> Ordering {
        // Min-heap on distance; ties broken by node for determinism.
        other.dist.total_cmp(&self.dist).then_with(|| other.node.cmp(&self.node))
    }
}
impl PartialOrd for Entry {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Graph {
    pub fn new(nodes: usize) -> Self {
        Graph { adj: vec![Vec::new(); nodes] }
    }

    pub fn len(&self) -> usize {
        self.adj.len()
    }

    pub fn is_empty(&self) -> bool {
        self.adj.is_empty()
    }

    /// Adds a two-way edge. Lengths must be finite and non-negative (checked at config load).
    pub fn connect(&mut self, a: usize, b: usize, length: f64, kind: WalkKind) {
        if a < self.adj.len() && b < self.adj.len() && length.is_finite() && length >= 0.0 {
            self.adj[a].push(Edge { to: b, length, kind });
            self.adj[b].push(Edge { to: a, length, kind });
        }
    }

    pub fn edges(&self, n: usize) -> &[Edge] {
        self.adj.get(n).map_or(&[], Vec::as_slice)
    }

    /// The shortest route from `from` to `to` under `profile`; `None` if there is none.
    pub fn route(&self, from: usize, to: usize, profile: Profile) -> Option<Path> {
        let n = self.adj.len();
        if from >= n || to >= n {
            return None;
        }
        let mut dist = vec![f64::INFINITY; n];
        let mut prev: Vec<Option<(usize, WalkKind)>> = vec![None; n];
        let mut heap = BinaryHeap::new();
        dist[from] = 0.0;
        heap.push(Entry { dist: 0.0, node: from });
        while let Some(Entry { dist: d, node }) = heap.pop() {
            if node == to {
                break;
            }
            if d > dist[node] {
                continue;
            }
            for e in &self.adj[node] {
                if !profile.allows(e.kind) {
                    continue;
                }
                let nd = d + e.length;
                if nd < dist[e.to] {
                    dist[e.to] = nd;
                    prev[e.to] = Some((node, e.kind));
                    heap.push(Entry { dist: nd, node: e.to });
                }
            }
        }
        if !dist[to].is_finite() {
            return None;
        }
        let (mut nodes, mut kinds) = (vec![to], Vec::new());
        let mut cur = to;
        while let Some((p, k)) = prev[cur] {
            nodes.push(p);
            kinds.push(k);
            cur = p;
        }
        nodes.reverse();
        kinds.reverse();
        Some(Path { nodes, kinds, length: dist[to] })
    }

    /// Every node reachable from `from` under `profile` (for config checks).
    pub fn reachable(&self, from: usize, profile: Profile) -> Vec<bool> {
        let mut seen = vec![false; self.adj.len()];
        let mut stack = Vec::new();
        if from < seen.len() {
            seen[from] = true;
            stack.push(from);
        }
        while let Some(n) = stack.pop() {
            for e in &self.adj[n] {
                if profile.allows(e.kind) && !seen[e.to] {
                    seen[e.to] = true;
                    stack.push(e.to);
                }
            }
        }
        seen
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn kind(i: u8) -> WalkKind {
        [WalkKind::Walk, WalkKind::Stairs, WalkKind::Escalator, WalkKind::Lift, WalkKind::Ramp][i as usize % 5]
    }

    /// Floyd–Warshall: the brute-force answer to compare with.
    fn all_pairs(n: usize, edges: &[(usize, usize, f64, WalkKind)], profile: Profile) -> Vec<Vec<f64>> {
        let mut d = vec![vec![f64::INFINITY; n]; n];
        for (i, row) in d.iter_mut().enumerate() {
            row[i] = 0.0;
        }
        for &(a, b, l, k) in edges {
            if profile.allows(k) {
                d[a][b] = d[a][b].min(l);
                d[b][a] = d[b][a].min(l);
            }
        }
        for m in 0..n {
            for i in 0..n {
                for j in 0..n {
                    if d[i][m] + d[m][j] < d[i][j] {
                        d[i][j] = d[i][m] + d[m][j];
                    }
                }
            }
        }
        d
    }

    fn graph_strategy() -> impl Strategy<Value = (usize, Vec<(usize, usize, f64, WalkKind)>)> {
        (2usize..12).prop_flat_map(|n| {
            let edge = (0..n, 0..n, 0.0f64..100.0, 0u8..5).prop_map(|(a, b, l, k)| (a, b, (l * 10.0).round() / 10.0, kind(k)));
            (Just(n), proptest::collection::vec(edge, 0..30))
        })
    }

    #[test]
    fn step_free_takes_the_lift_even_when_the_stairs_are_shorter() {
        let mut g = Graph::new(4);
        g.connect(0, 1, 5.0, WalkKind::Walk);
        g.connect(1, 2, 10.0, WalkKind::Stairs);
        g.connect(1, 3, 8.0, WalkKind::Walk);
        g.connect(3, 2, 12.0, WalkKind::Lift);
        let fast = g.route(0, 2, Profile::Shortest).expect("route");
        assert_eq!(fast.nodes, vec![0, 1, 2]);
        assert_eq!(fast.length, 15.0);
        let flat = g.route(0, 2, Profile::StepFree).expect("route");
        assert_eq!(flat.nodes, vec![0, 1, 3, 2]);
        assert_eq!(flat.kinds, vec![WalkKind::Walk, WalkKind::Walk, WalkKind::Lift]);
        assert_eq!(flat.length, 25.0);
    }

    #[test]
    fn no_route_is_none() {
        let mut g = Graph::new(3);
        g.connect(0, 1, 1.0, WalkKind::Escalator);
        assert!(g.route(0, 1, Profile::StepFree).is_none());
        assert!(g.route(0, 2, Profile::Shortest).is_none());
        assert!(g.route(0, 9, Profile::Shortest).is_none());
        assert_eq!(g.route(1, 1, Profile::Shortest).map(|p| p.nodes), Some(vec![1]));
    }

    proptest! {
        /// Dijkstra's length equals the brute-force shortest distance, for both profiles, and
        /// the path it returns is a real walk of that length.
        #[test]
        fn matches_brute_force((n, edges) in graph_strategy(), from in 0usize..12, to in 0usize..12) {
            let (from, to) = (from % n, to % n);
            let mut g = Graph::new(n);
            for &(a, b, l, k) in &edges {
                g.connect(a, b, l, k);
            }
            for profile in [Profile::Shortest, Profile::StepFree] {
                let best = all_pairs(n, &edges, profile)[from][to];
                match g.route(from, to, profile) {
                    None => prop_assert!(best.is_infinite()),
                    Some(p) => {
                        prop_assert!((p.length - best).abs() < 1e-6, "{} vs {}", p.length, best);
                        prop_assert_eq!(p.nodes.first(), Some(&from));
                        prop_assert_eq!(p.nodes.last(), Some(&to));
                        let mut walked = 0.0;
                        for (w, k) in p.nodes.windows(2).zip(&p.kinds) {
                            let e = g.edges(w[0]).iter().filter(|e| e.to == w[1] && e.kind == *k)
                                .map(|e| e.length).fold(f64::INFINITY, f64::min);
                            prop_assert!(e.is_finite(), "the path uses an edge that exists");
                            walked += e;
                        }
                        prop_assert!((walked - p.length).abs() < 1e-6);
                        if profile == Profile::StepFree {
                            prop_assert!(p.kinds.iter().all(|k| k.is_step_free()), "no stairs or escalators");
                        }
                    }
                }
            }
        }
    }
}
