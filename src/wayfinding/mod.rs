//! "Find your way" (work in progress: the route core is here and tested; the map model in
//! config, search, directions and screens come next — the screen still says it is not
//! available).

pub mod graph;
pub mod search;

use crate::config::WalkKind;
use graph::EdgeKind;

/// The graph's edge kind for a configured walkway kind.
pub fn walk_kind(k: WalkKind) -> EdgeKind {
    match k {
        WalkKind::Walk => EdgeKind::Walk,
        WalkKind::Stairs => EdgeKind::Stairs,
        WalkKind::Escalator => EdgeKind::Escalator,
        WalkKind::Lift => EdgeKind::Lift,
        WalkKind::Ramp => EdgeKind::Ramp,
    }
}
