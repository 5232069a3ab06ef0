//! "Find your way" (work in progress: the route core is here and tested; the map model in
//! config, search, directions and screens come next — the screen still says it is not
//! available).

pub mod graph;
pub mod search;
