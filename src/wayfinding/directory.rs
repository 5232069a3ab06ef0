//! The store directory built from the config once, at load: the search index over every
//! place and the walkway graph, with routes from a touchpoint's "you are here" node.

use std::collections::HashMap;

use super::directions::Spot;
use super::graph::{Graph, Path, Profile};
use super::search::{Hit, Index, SearchDoc};
use crate::config::{Config, Place};

pub struct Directory {
    index: Index,
    graph: Graph,
    node_index: HashMap<String, usize>,
    /// Per node: floor id and position.
    nodes: Vec<(String, Spot)>,
}

impl Directory {
    /// Builds the index and graph of a validated config.
    pub fn build(c: &Config) -> Self {
        let docs: Vec<SearchDoc> = c
            .map
            .places
            .iter()
            .map(|p| SearchDoc {
                names: [&p.name.zh_hans, &p.name.zh_hant, &p.name.en].into_iter().flatten().cloned().collect(),
                keywords: p
                    .keywords
                    .iter()
                    .flat_map(|k| [&k.zh_hans, &k.zh_hant, &k.en])
                    .flatten()
                    .cloned()
                    .collect(),
            })
            .collect();
        let node_index: HashMap<String, usize> =
            c.map.nodes.iter().enumerate().map(|(i, n)| (n.id.clone(), i)).collect();
        let mut graph = Graph::new(c.map.nodes.len());
        for e in &c.map.edges {
            let (Some(&a), Some(&b)) = (node_index.get(&e.from), node_index.get(&e.to)) else { continue };
            if let Some(length) = e.length_between(&c.map.nodes[a], &c.map.nodes[b]) {
                graph.connect(a, b, length, e.kind);
            }
        }
        let level = |floor: &str| c.map.floors.iter().find(|f| f.id == floor).map_or(0, |f| f.level);
        let nodes = c
            .map
            .nodes
            .iter()
            .map(|n| (n.floor.clone(), Spot { floor_level: level(&n.floor), x: n.x, y: n.y }))
            .collect();
        Directory { index: Index::build(&docs), graph, node_index, nodes }
    }

    /// Which nodes can be reached from node `from` in `profile` (by node index); `None` for
    /// an unknown node.
    pub fn reachable(&self, from: &str, profile: Profile) -> Option<Vec<bool>> {
        self.node_index.get(from).map(|&n| self.graph.reachable(n, profile))
    }

    /// Floor id and position of node `i`.
    pub fn node(&self, i: usize) -> Option<&(String, Spot)> {
        self.nodes.get(i)
    }

    /// Positions along a path, for directions.
    pub fn spots(&self, path: &Path) -> Vec<Spot> {
        path.nodes.iter().filter_map(|i| self.nodes.get(*i).map(|n| n.1)).collect()
    }

    pub fn node_index(&self, id: &str) -> Option<usize> {
        self.node_index.get(id).copied()
    }

    /// Places matching `query`, best first (indices into `config.map.places`).
    pub fn search(&self, query: &str) -> Vec<Hit> {
        self.index.search(query)
    }

    /// The route from a walkway node to a place, under `profile`.
    pub fn route(&self, from_node: &str, to: &Place, profile: Profile) -> Option<Path> {
        let from = *self.node_index.get(from_node)?;
        let to = *self.node_index.get(to.node.as_deref()?)?;
        self.graph.route(from, to, profile)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{parse, SAMPLE_CONFIG};
    use crate::wayfinding::graph::WalkKind;

    fn sample() -> (Config, Directory) {
        let c = parse(SAMPLE_CONFIG).expect("sample");
        let d = Directory::build(&c);
        (c, d)
    }

    fn found(c: &Config, d: &Directory, q: &str) -> Vec<String> {
        d.search(q).into_iter().map(|h| c.map.places[h.doc].id.clone()).collect()
    }

    #[test]
    fn the_sample_store_is_searchable_in_every_way() {
        let (c, d) = sample();
        for q in ["toilet", "洗手间", "洗手間", "xsj", "xishoujian", "WC", "厕所"] {
            let ids = found(&c, &d, q);
            assert!(ids.contains(&"toilets-1f".to_string()) && ids.contains(&"toilets-2f".to_string()), "{q}: {ids:?}");
        }
        assert_eq!(found(&c, &d, "bakry"), vec!["bakery"]);
        assert_eq!(found(&c, &d, "mys"), vec!["baby-care"], "母婴室 by initials");
    }

    #[test]
    fn across_floors_by_escalator_or_by_lift() {
        let (c, d) = sample();
        let cafe = c.map.places.iter().find(|p| p.id == "cafe").expect("cafe");
        let fast = d.route("door-main-entrance", cafe, Profile::Shortest).expect("route");
        let flat = d.route("door-main-entrance", cafe, Profile::StepFree).expect("route");
        assert!(fast.kinds.contains(&WalkKind::Escalator) || fast.kinds.contains(&WalkKind::Stairs) || fast.kinds.contains(&WalkKind::Lift));
        assert!(flat.kinds.contains(&WalkKind::Lift));
        assert!(flat.kinds.iter().all(|k| k.is_step_free()));
        assert!(flat.length >= fast.length);
    }
}
