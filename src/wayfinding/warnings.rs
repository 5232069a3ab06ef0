//! Things in a valid config that a store should know before deploying it, but that are not
//! errors: a place that some touchpoint can reach only by stairs or escalator, and a token
//! written into the public config.

use super::directory::Directory;
use super::graph::Profile;
use crate::config::{Config, Journey};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WarningKind {
    /// No step-free route from these touchpoints (ids): customers who cannot use stairs or
    /// escalators are told there is none.
    NoStepFreeRoute { from: Vec<String> },
    /// A touchpoint's `token` in config.json, which every browser downloads: anyone can read
    /// it and post answers as that touchpoint. Device tokens belong in each device's setup.
    PublicToken,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// JSON path of the place, as in config problems (`map.places[3]`).
    pub path: String,
    pub kind: WarningKind,
}

/// Every warning for a config that passed validation.
pub fn warnings(c: &Config) -> Vec<Warning> {
    let mut found: Vec<Warning> = c
        .touchpoints
        .iter()
        .enumerate()
        .filter(|(_, t)| t.token.is_some())
        .map(|(i, _)| Warning { path: format!("touchpoints[{i}].token"), kind: WarningKind::PublicToken })
        .collect();
    found.extend(no_step_free_route(c));
    found
}

fn no_step_free_route(c: &Config) -> Vec<Warning> {
    let directory = Directory::build(c);
    let reach: Vec<(&str, Vec<bool>)> = c
        .touchpoints
        .iter()
        .filter(|t| t.offers(Journey::Wayfinding))
        .filter_map(|t| Some((t.id.as_str(), directory.reachable(t.node.as_deref()?, Profile::StepFree)?)))
        .collect();
    c.map
        .places
        .iter()
        .enumerate()
        .filter_map(|(i, p)| {
            let node = directory.node_index(p.node.as_deref()?)?;
            let from: Vec<String> =
                reach.iter().filter(|(_, r)| !r.get(node).copied().unwrap_or(false)).map(|(t, _)| t.to_string()).collect();
            (!from.is_empty()).then(|| Warning { path: format!("map.places[{i}]"), kind: WarningKind::NoStepFreeRoute { from } })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{parse, SAMPLE_CONFIG};

    #[test]
    fn a_token_in_the_public_config_is_pointed_out() {
        assert!(warnings(&parse(SAMPLE_CONFIG).expect("sample")).iter().all(|w| w.kind != WarningKind::PublicToken));
        let mut v: serde_json::Value = serde_json::from_str(SAMPLE_CONFIG).expect("sample is JSON");
        v["touchpoints"][1]["token"] = "svt_0123456789abcdef".into();
        let w = warnings(&parse(&v.to_string()).expect("a token is valid"));
        assert_eq!(
            w.iter().filter(|w| w.kind == WarningKind::PublicToken).map(|w| w.path.as_str()).collect::<Vec<_>>(),
            ["touchpoints[1].token"]
        );
    }

    #[test]
    fn a_place_behind_stairs_is_reported_with_the_touchpoints_concerned() {
        let mut v: serde_json::Value = serde_json::from_str(SAMPLE_CONFIG).expect("sample is JSON");
        // Every lift and ramp becomes stairs: nothing on another floor is step-free any more.
        if let Some(edges) = v["map"]["edges"].as_array_mut() {
            for e in edges {
                if e["kind"] == "lift" || e["kind"] == "ramp" {
                    e["kind"] = "stairs".into();
                }
            }
        }
        let c = parse(&v.to_string()).expect("still valid: stairs-only places are allowed");
        let w = warnings(&c);
        assert!(!w.is_empty());
        let concerns = |tp: &str| w.iter().any(|x| matches!(&x.kind, WarningKind::NoStepFreeRoute { from } if from.iter().any(|t| t == tp)));
        assert!(concerns("exit-kiosk-1") && concerns("exit-kiosk-2") && concerns("service-desk"), "{w:?}");
        assert!(w.iter().all(|x| x.path.starts_with("map.places[")));
    }

    #[test]
    fn the_sample_store_is_step_free_everywhere() {
        let c = parse(SAMPLE_CONFIG).expect("valid");
        assert_eq!(warnings(&c), vec![]);
    }
}
