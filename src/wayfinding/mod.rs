//! "Find your way": the walkway graph and routes with a step-free profile (`graph`), the
//! directory search (`search`), both built once from the config (`directory`), numbered
//! directions as data (`directions`), and the screens (`view`).

pub mod graph;
pub mod search;
pub mod directory;
pub mod directions;
pub mod warnings;
pub mod plan;

#[cfg(all(target_arch = "wasm32", feature = "full"))]
pub mod view;

use crate::config::PlaceKind;

/// The kinds of place offered as one-tap search shortcuts, in screen order.
pub const SHORTCUTS: [PlaceKind; 8] = [
    PlaceKind::Toilets,
    PlaceKind::AccessibleToilet,
    PlaceKind::BabyCare,
    PlaceKind::Lift,
    PlaceKind::ServiceDesk,
    PlaceKind::Lockers,
    PlaceKind::Exit,
    PlaceKind::Food,
];
