//! "Find your way" (work in progress). Done and tested natively: the walkway graph and
//! routes with a step-free profile (`graph`), the directory search (`search`), both built
//! from the config (`directory`), and numbered directions as data (`directions`); the map
//! model is validated at config load. Still to come: the words for the directions, the SVG
//! floor plan, the QR route link and the screens — until then the screen says plainly that
//! it is not available.

pub mod graph;
pub mod search;
pub mod directory;
pub mod directions;

#[cfg(target_arch = "wasm32")]
pub mod view;

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
