//! Where the floor plan's labels go, as plain geometry in the plan's own units: which part
//! of the floor to show, how big the labels are, and a place for each label that is inside
//! the plan and under neither the route nor a marker nor another label. No web types, so it
//! is tested natively; `view` only draws what this decides.
//!
//! Large-text mode shows the part of the floor around the route (its `view_box`) with labels
//! at least as big as the body text: labels are `view_box.w / LARGE_PLAN_EM` units tall and
//! the plan is drawn `LARGE_PLAN_EM` rem wide on a phone (styles/main.css; 16 rem beside the
//! directions on a kiosk, so bigger still there). At that size only a few labels fit: start and
//! destination come first, then the places nearest the route, and whatever does not fit is
//! left out (the numbered directions name every place anyway).

/// The plan's width in large-text mode, in rem (CSS `max-width: 12rem`): on a 320 px phone at
/// 24 px text that is 288 px, which fits beside the screen's margins.
pub const LARGE_PLAN_EM: f64 = 12.0;
/// Label size in standard mode, in plan units (about 8 px on a phone, 18 px on a kiosk).
pub const STANDARD_FONT: f64 = 2.2;
/// Places further than this from the route get no label in large-text mode.
pub const NEAR_ROUTE: f64 = 12.0;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pt {
    pub x: f64,
    pub y: f64,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl Rect {
    pub fn right(&self) -> f64 {
        self.x + self.w
    }
    pub fn bottom(&self) -> f64 {
        self.y + self.h
    }
    pub fn overlaps(&self, o: &Rect) -> bool {
        self.x < o.right() && o.x < self.right() && self.y < o.bottom() && o.y < self.bottom()
    }
    pub fn contains(&self, o: &Rect) -> bool {
        o.x >= self.x && o.y >= self.y && o.right() <= self.right() && o.bottom() <= self.bottom()
    }
    /// The part of both rectangles (empty, zero-sized, when they do not meet).
    pub fn meet(&self, o: &Rect) -> Rect {
        let (x, y) = (self.x.max(o.x), self.y.max(o.y));
        Rect { x, y, w: (self.right().min(o.right()) - x).max(0.0), h: (self.bottom().min(o.bottom()) - y).max(0.0) }
    }
    fn around(p: Pt, r: f64) -> Rect {
        Rect { x: p.x - r, y: p.y - r, w: 2.0 * r, h: 2.0 * r }
    }
    fn grown(&self, m: f64) -> Rect {
        Rect { x: self.x - m, y: self.y - m, w: self.w + 2.0 * m, h: self.h + 2.0 * m }
    }
    /// Whether the segment a–b passes through this rectangle (Liang–Barsky clipping).
    pub fn crossed_by(&self, a: Pt, b: Pt) -> bool {
        let (dx, dy) = (b.x - a.x, b.y - a.y);
        let (mut t0, mut t1) = (0.0f64, 1.0f64);
        for (p, q) in [(-dx, a.x - self.x), (dx, self.right() - a.x), (-dy, a.y - self.y), (dy, self.bottom() - a.y)] {
            if p == 0.0 {
                if q < 0.0 {
                    return false;
                }
            } else {
                let t = q / p;
                if p < 0.0 {
                    t0 = t0.max(t);
                } else {
                    t1 = t1.min(t);
                }
                if t0 > t1 {
                    return false;
                }
            }
        }
        true
    }
}

/// A label's width in em, a little generous so it never runs past its box: CJK (and other
/// wide) characters are one em, Latin capitals 0.72, spaces 0.3, the rest 0.6 (bold).
pub fn text_em(text: &str) -> f64 {
    text.chars()
        .map(|c| match c {
            ' ' => 0.3,
            'A'..='Z' | 'm' | 'w' => 0.72,
            c if (c as u32) >= 0x2E80 => 1.0,
            _ => 0.6,
        })
        .sum()
}

/// Distance from `p` to the segment a–b.
pub fn distance_to_segment(p: Pt, a: Pt, b: Pt) -> f64 {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let len2 = dx * dx + dy * dy;
    let t = if len2 == 0.0 { 0.0 } else { crate::number::clamp(((p.x - a.x) * dx + (p.y - a.y) * dy) / len2, 0.0, 1.0) };
    let (cx, cy) = (a.x + t * dx, a.y + t * dy);
    ((p.x - cx).powi(2) + (p.y - cy).powi(2)).sqrt()
}

/// The part of a `floor_w` × `floor_h` floor to show in large-text mode: the route's points
/// with a margin, at least `min_w` wide and not flatter than 2:1, kept on the floor (plus the
/// plan's 2-unit frame). The whole floor when there is nothing to frame.
pub fn view_box(floor_w: f64, floor_h: f64, points: &[Pt], min_w: f64) -> Rect {
    let full = Rect { x: -2.0, y: -2.0, w: floor_w + 4.0, h: floor_h + 4.0 };
    if points.is_empty() {
        return full;
    }
    let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for p in points {
        x0 = x0.min(p.x);
        y0 = y0.min(p.y);
        x1 = x1.max(p.x);
        y1 = y1.max(p.y);
    }
    let margin = 8.0;
    let w = (x1 - x0 + 2.0 * margin).max(min_w).min(full.w);
    let h = (y1 - y0 + 2.0 * margin).max(w / 2.0).min(full.h);
    // Centred on the points, then slid back onto the floor.
    let x = crate::number::clamp((x0 + x1) / 2.0 - w / 2.0, full.x, full.right() - w);
    let y = crate::number::clamp((y0 + y1) / 2.0 - h / 2.0, full.y, full.bottom() - h);
    Rect { x, y, w, h }
}

/// A label to place: `anchor` is the point it names (a marker's or a place's dot), `clear`
/// how far from it the label starts; `must` labels (start, destination) are placed even when
/// no free spot is left, in the least crowded spot inside the plan.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub anchor: Pt,
    pub text: String,
    pub clear: f64,
    pub must: bool,
}

/// A placed label: its box, and where its text goes (start-anchored, `baseline` y).
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    pub index: usize,
    pub bounds: Rect,
    pub x: f64,
    pub baseline: f64,
}

/// Places `candidates` in order, each at the first free spot around its anchor: inside
/// `within`, off every `route` segment (drawn `route_width` wide), every `markers` disc
/// `(centre, radius)` and every label placed before it. Candidates with no free spot are
/// left out, except `must` ones (see [`Candidate`]).
pub fn place_labels(
    candidates: &[Candidate],
    font: f64,
    within: Rect,
    route: &[(Pt, Pt)],
    route_width: f64,
    markers: &[(Pt, f64)],
) -> Vec<Placed> {
    let h = font * 1.25;
    let mut placed: Vec<Placed> = Vec::new();
    let blocked_by_route = |r: &Rect| route.iter().any(|(a, b)| r.grown(route_width / 2.0).crossed_by(*a, *b));
    for (index, c) in candidates.iter().enumerate() {
        let w = text_em(&c.text) * font;
        let spots = spots_around(c.anchor, w, h, c.clear, font);
        let inside: Vec<Rect> = spots.into_iter().filter(|r| within.contains(r)).collect();
        let free = |r: &Rect| {
            !blocked_by_route(r)
                && !markers.iter().any(|(p, rad)| Rect::around(*p, *rad).overlaps(r))
                && !placed.iter().any(|l| l.bounds.grown(font * 0.15).overlaps(r))
        };
        let spot = inside.iter().copied().find(|r| free(r)).or_else(|| {
            // A must-label: the inside spot that covers the fewest other things.
            let cost = |r: &Rect| {
                usize::from(blocked_by_route(r)) * 2
                    + markers.iter().filter(|(p, rad)| Rect::around(*p, *rad).overlaps(r)).count()
                    + placed.iter().filter(|l| l.bounds.overlaps(r)).count() * 3
            };
            if c.must { inside.iter().copied().min_by_key(cost) } else { None }
        });
        if let Some(b) = spot {
            placed.push(Placed { index, bounds: b, x: b.x, baseline: b.y + font * 0.95 });
        }
    }
    placed
}

/// Label boxes around `a`, nearest first: right, left, above, below and the four corners, at
/// growing distances.
fn spots_around(a: Pt, w: f64, h: f64, clear: f64, font: f64) -> Vec<Rect> {
    let mut out = Vec::new();
    for ring in 0..4 {
        let d = clear + ring as f64 * font;
        out.extend([
            Rect { x: a.x + d, y: a.y - h / 2.0, w, h },
            Rect { x: a.x - d - w, y: a.y - h / 2.0, w, h },
            Rect { x: a.x - w / 2.0, y: a.y - d - h, w, h },
            Rect { x: a.x - w / 2.0, y: a.y + d, w, h },
            Rect { x: a.x + d * 0.7, y: a.y - d * 0.7 - h, w, h },
            Rect { x: a.x - d * 0.7 - w, y: a.y - d * 0.7 - h, w, h },
            Rect { x: a.x + d * 0.7, y: a.y + d * 0.7, w, h },
            Rect { x: a.x - d * 0.7 - w, y: a.y + d * 0.7, w, h },
        ]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pt(x: f64, y: f64) -> Pt {
        Pt { x, y }
    }
    fn cand(x: f64, y: f64, text: &str, must: bool) -> Candidate {
        Candidate { anchor: pt(x, y), text: text.into(), clear: 3.0, must }
    }

    #[test]
    fn text_widths_count_cjk_wider_than_latin() {
        assert_eq!(text_em("面包房"), 3.0);
        assert!(text_em("Café") > 2.0 && text_em("Café") < 3.0);
        assert!(text_em("Accessible toilet") > text_em("面包房") * 2.0);
    }

    #[test]
    fn segments_crossing_a_box_are_seen() {
        let r = Rect { x: 10.0, y: 10.0, w: 10.0, h: 4.0 };
        assert!(r.crossed_by(pt(0.0, 12.0), pt(30.0, 12.0)), "straight through");
        assert!(r.crossed_by(pt(15.0, 0.0), pt(15.0, 11.0)), "ends inside");
        assert!(!r.crossed_by(pt(0.0, 0.0), pt(30.0, 5.0)), "passes above");
        assert!(!r.crossed_by(pt(0.0, 20.0), pt(5.0, 30.0)), "far away");
    }

    #[test]
    fn the_view_box_frames_the_route_on_the_floor() {
        let vb = view_box(100.0, 64.0, &[pt(30.0, 58.0), pt(50.0, 40.0)], 40.0);
        assert!(vb.w >= 40.0 && vb.w >= 20.0 + 16.0);
        assert!(vb.x <= 30.0 - 8.0 && vb.right() >= 50.0 + 8.0);
        assert!(vb.bottom() <= 66.0, "slid back onto the floor: {vb:?}");
        assert!(vb.y <= 40.0 - 8.0 && vb.h >= vb.w / 2.0);
        // A corner route stays inside the floor's frame.
        let corner = view_box(100.0, 64.0, &[pt(98.0, 1.0)], 40.0);
        assert!(corner.x >= -2.0 && corner.right() <= 102.0 && corner.y >= -2.0 && corner.bottom() <= 66.0, "{corner:?}");
        // Nothing to frame: the whole floor.
        assert_eq!(view_box(100.0, 64.0, &[], 40.0), Rect { x: -2.0, y: -2.0, w: 104.0, h: 68.0 });
    }

    #[test]
    fn labels_stay_inside_and_off_the_route_markers_and_each_other() {
        let within = Rect { x: -2.0, y: -2.0, w: 104.0, h: 68.0 };
        // A route along y = 20 from x = 10 to 90, with markers at both ends.
        let route = [(pt(10.0, 20.0), pt(50.0, 20.0)), (pt(50.0, 20.0), pt(90.0, 20.0))];
        let markers = [(pt(10.0, 20.0), 2.4), (pt(90.0, 20.0), 2.4)];
        let cands = vec![
            cand(10.0, 20.0, "You are here", true),
            cand(90.0, 20.0, "Café", true),
            // Sits on the route, and right at the plan's edge.
            cand(50.0, 20.0, "Escalator", false),
            cand(100.0, 63.0, "Accessible toilet", false),
            // Same spot as the escalator: one of them has to give way.
            cand(50.0, 21.0, "Lift A", false),
        ];
        let font = 3.0;
        let placed = place_labels(&cands, font, within, &route, 1.4, &markers);
        assert!(placed.iter().any(|p| p.index == 0) && placed.iter().any(|p| p.index == 1), "start and destination always");
        for p in &placed {
            assert!(within.contains(&p.bounds), "{} is cut at the edge", cands[p.index].text);
            assert!(!route.iter().any(|(a, b)| p.bounds.grown(0.7).crossed_by(*a, *b)), "{} is under the route", cands[p.index].text);
            assert!(!markers.iter().any(|(c, r)| Rect::around(*c, *r).overlaps(&p.bounds)), "{} is under a marker", cands[p.index].text);
            for q in &placed {
                assert!(p.index == q.index || !p.bounds.overlaps(&q.bounds), "{} and {} overlap", cands[p.index].text, cands[q.index].text);
            }
            assert!((p.bounds.w - text_em(&cands[p.index].text) * font).abs() < 1e-9);
        }
    }

    #[test]
    fn a_crowded_plan_drops_optional_labels_but_keeps_the_must_ones() {
        let within = Rect { x: 0.0, y: 0.0, w: 40.0, h: 20.0 };
        let mut cands = vec![cand(5.0, 10.0, "You are here", true), cand(35.0, 10.0, "Destination", true)];
        for i in 0..10 {
            cands.push(cand(20.0, 10.0 + i as f64 * 0.1, "Somewhere", false));
        }
        let placed = place_labels(&cands, 3.3, within, &[], 1.4, &[]);
        assert!(placed.iter().any(|p| p.index == 0) && placed.iter().any(|p| p.index == 1));
        assert!(placed.len() < cands.len(), "not everything fits at this size");
        for p in &placed {
            assert!(within.contains(&p.bounds));
        }
    }

    #[test]
    fn rectangles_meet_in_their_common_part() {
        let a = Rect { x: -2.0, y: -2.0, w: 40.0, h: 20.0 };
        let floor = Rect { x: 0.0, y: 0.0, w: 100.0, h: 64.0 };
        assert_eq!(a.meet(&floor), Rect { x: 0.0, y: 0.0, w: 38.0, h: 18.0 });
        assert_eq!(floor.meet(&Rect { x: 200.0, y: 0.0, w: 5.0, h: 5.0 }).w, 0.0);
    }

    #[test]
    fn near_the_route_means_near_any_segment() {
        assert_eq!(distance_to_segment(pt(5.0, 3.0), pt(0.0, 0.0), pt(10.0, 0.0)), 3.0);
        assert_eq!(distance_to_segment(pt(13.0, 4.0), pt(0.0, 0.0), pt(10.0, 0.0)), 5.0);
    }
}
