//! Numbered text directions from a route: they must stand on their own as the accessible
//! alternative to the map. Plain data here; the words are in the per-language tables.

use super::graph::{WalkKind, Path};

/// Where a walkway node is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Spot {
    pub floor_level: i32,
    pub x: f64,
    pub y: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Left,
    Right,
    Ahead,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    /// Walk about this many metres (rounded to 5 m, at least 5).
    Walk { metres: u32 },
    /// Take a lift, escalator, stairs or ramp to the floor with this level.
    ChangeFloor { by: WalkKind, to_level: i32, up: bool },
    /// The destination, on this side of the last stretch walked.
    Arrive { side: Side },
}

fn side_of(a: Spot, b: Spot, c: Spot) -> Side {
    // Plan coordinates grow rightwards and downwards, so a positive cross product of
    // (b − a) × (c − b) is a turn to the right.
    let cross = (b.x - a.x) * (c.y - b.y) - (b.y - a.y) * (c.x - b.x);
    let len = ((b.x - a.x).hypot(b.y - a.y)) * ((c.x - b.x).hypot(c.y - b.y));
    if len == 0.0 || cross.abs() / len < 0.35 {
        Side::Ahead
    } else if cross > 0.0 {
        Side::Right
    } else {
        Side::Left
    }
}

/// Directions for `path`, given where each of its nodes is (`spots[i]` for `path.nodes[i]`).
pub fn directions(path: &Path, spots: &[Spot]) -> Vec<Step> {
    let mut out = Vec::new();
    if spots.len() != path.nodes.len() || spots.is_empty() {
        return out;
    }
    let mut walked = 0.0;
    for (i, kind) in path.kinds.iter().enumerate() {
        let (a, b) = (spots[i], spots[i + 1]);
        if a.floor_level != b.floor_level {
            if walked > 0.0 {
                out.push(Step::Walk { metres: round5(walked) });
                walked = 0.0;
            }
            out.push(Step::ChangeFloor { by: *kind, to_level: b.floor_level, up: b.floor_level > a.floor_level });
        } else {
            walked += (b.x - a.x).hypot(b.y - a.y);
        }
    }
    if walked > 0.0 {
        out.push(Step::Walk { metres: round5(walked) });
    }
    let n = spots.len();
    let side = if n >= 3 && spots[n - 3].floor_level == spots[n - 1].floor_level {
        side_of(spots[n - 3], spots[n - 2], spots[n - 1])
    } else {
        Side::Ahead
    };
    out.push(Step::Arrive { side });
    out
}

fn round5(m: f64) -> u32 {
    (((m / 5.0).round() * 5.0) as u32).max(5)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spot(level: i32, x: f64, y: f64) -> Spot {
        Spot { floor_level: level, x, y }
    }

    #[test]
    fn walk_lift_walk_arrive_on_the_left() {
        // east along a corridor, up the lift, east again, then the door is up (north) = left
        let path = Path {
            nodes: vec![0, 1, 2, 3, 4, 5],
            kinds: vec![WalkKind::Walk, WalkKind::Walk, WalkKind::Lift, WalkKind::Walk, WalkKind::Walk],
            length: 0.0,
        };
        let spots = [spot(0, 0.0, 40.0), spot(0, 20.0, 40.0), spot(0, 20.0, 40.0), spot(1, 20.0, 40.0), spot(1, 50.0, 40.0), spot(1, 50.0, 20.0)];
        let steps = directions(&path, &spots);
        assert_eq!(
            steps,
            vec![
                Step::Walk { metres: 20 },
                Step::ChangeFloor { by: WalkKind::Lift, to_level: 1, up: true },
                Step::Walk { metres: 50 },
                Step::Arrive { side: Side::Left },
            ]
        );
    }

    #[test]
    fn sides() {
        let (a, b) = (spot(0, 0.0, 40.0), spot(0, 10.0, 40.0));
        assert_eq!(side_of(a, b, spot(0, 10.0, 50.0)), Side::Right);
        assert_eq!(side_of(a, b, spot(0, 10.0, 30.0)), Side::Left);
        assert_eq!(side_of(a, b, spot(0, 20.0, 40.5)), Side::Ahead);
    }

    #[test]
    fn a_route_of_one_node_is_just_arriving() {
        let path = Path { nodes: vec![3], kinds: vec![], length: 0.0 };
        assert_eq!(directions(&path, &[spot(0, 1.0, 1.0)]), vec![Step::Arrive { side: Side::Ahead }]);
        assert!(directions(&path, &[]).is_empty());
    }
}
