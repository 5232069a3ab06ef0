//! Scores as the retail service standards define them (docs: ../shared/docs/PRODUCT.md):
//! NPS categories and the NPS aggregate, CSAT, and the CSI 0–100 weighted index.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::config::CsiRow;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum NpsCategory {
    /// 9–10
    Promoter,
    /// 7–8
    Passive,
    /// 0–6
    Detractor,
}

pub fn nps_category(score: u8) -> NpsCategory {
    match score {
        9.. => NpsCategory::Promoter,
        7 | 8 => NpsCategory::Passive,
        _ => NpsCategory::Detractor,
    }
}

/// NPS = % promoters − % detractors, in −100..=100; `None` without answers.
pub fn nps<I: IntoIterator<Item = u8>>(scores: I) -> Option<f64> {
    let (mut n, mut pro, mut det) = (0u64, 0u64, 0u64);
    for s in scores {
        n += 1;
        match nps_category(s) {
            NpsCategory::Promoter => pro += 1,
            NpsCategory::Detractor => det += 1,
            NpsCategory::Passive => {}
        }
    }
    (n > 0).then(|| (pro as f64 - det as f64) * 100.0 / n as f64)
}

/// CSAT as the share of satisfied answers (4 or 5 on the 1–5 scale), in 0..=100.
pub fn csat_percent<I: IntoIterator<Item = u8>>(scores: I) -> Option<f64> {
    let (mut n, mut sat) = (0u64, 0u64);
    for s in scores {
        n += 1;
        if s >= 4 {
            sat += 1;
        }
    }
    (n > 0).then(|| sat as f64 * 100.0 / n as f64)
}

/// Maps a 1–5 rating to 0–100.
pub fn to_index(rating: u8) -> f64 {
    (rating.clamp(1, 5) - 1) as f64 * 25.0
}

/// CSI: the weighted mean of the rated dimensions, each mapped to 0–100. Rows left unrated
/// do not count (their weight is left out). `None` when no row was rated.
pub fn csi(rows: &[CsiRow], ratings: &BTreeMap<String, u8>) -> Option<f64> {
    let (mut sum, mut weight) = (0.0, 0.0);
    for row in rows {
        if let Some(r) = ratings.get(&row.id) {
            let w = if row.weight.is_finite() && row.weight > 0.0 { row.weight } else { 0.0 };
            sum += w * to_index(*r);
            weight += w;
        }
    }
    (weight > 0.0).then(|| crate::number::clamp(sum / weight, 0.0, 100.0))
}

/// The scores carried in a response record.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Scores {
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub nps: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub nps_category: Option<NpsCategory>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub csat: Option<u8>,
    /// 0–100, rounded to one decimal.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub csi: Option<f64>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Text;
    use proptest::prelude::*;

    fn rows(weights: &[f64]) -> Vec<CsiRow> {
        weights
            .iter()
            .enumerate()
            .map(|(i, w)| CsiRow { id: format!("r{i}"), text: Text::default(), weight: *w })
            .collect()
    }

    #[test]
    fn categories() {
        assert_eq!(nps_category(0), NpsCategory::Detractor);
        assert_eq!(nps_category(6), NpsCategory::Detractor);
        assert_eq!(nps_category(7), NpsCategory::Passive);
        assert_eq!(nps_category(8), NpsCategory::Passive);
        assert_eq!(nps_category(9), NpsCategory::Promoter);
        assert_eq!(nps_category(10), NpsCategory::Promoter);
    }

    #[test]
    fn nps_examples() {
        assert_eq!(nps([]), None);
        assert_eq!(nps([10, 10, 10]), Some(100.0));
        assert_eq!(nps([0, 3]), Some(-100.0));
        // 5 promoters, 3 passives, 2 detractors: 50% − 20% = 30
        assert_eq!(nps([9, 10, 9, 10, 9, 7, 8, 7, 2, 6]), Some(30.0));
    }

    #[test]
    fn csat_examples() {
        assert_eq!(csat_percent([5, 4, 3, 1]), Some(50.0));
        assert_eq!(csat_percent([]), None);
    }

    #[test]
    fn csi_examples() {
        let r = rows(&[0.25, 0.2, 0.15, 0.2, 0.2]);
        let all = |v: u8| (0..5).map(|i| (format!("r{i}"), v)).collect::<BTreeMap<_, _>>();
        assert_eq!(csi(&r, &all(5)), Some(100.0));
        assert_eq!(csi(&r, &all(1)), Some(0.0));
        assert_eq!(csi(&r, &all(3)), Some(50.0));
        let mut mixed = all(5);
        mixed.insert("r0".into(), 1); // the heaviest row at the bottom: 100 − 25 = 75
        assert!((csi(&r, &mixed).unwrap_or(-1.0) - 75.0).abs() < 1e-9);
        assert_eq!(csi(&r, &BTreeMap::new()), None);
        // unrated rows are left out, not counted as zero
        let one: BTreeMap<_, _> = [("r2".to_string(), 4u8)].into();
        assert_eq!(csi(&r, &one), Some(75.0));
    }

    fn ratings_strategy() -> impl Strategy<Value = (Vec<f64>, Vec<u8>)> {
        (1usize..8).prop_flat_map(|n| {
            (proptest::collection::vec(0.01f64..100.0, n), proptest::collection::vec(1u8..=5, n))
        })
    }

    proptest! {
        #[test]
        fn csi_stays_in_0_to_100((weights, values) in ratings_strategy()) {
            let r = rows(&weights);
            let ratings: BTreeMap<_, _> = values.iter().enumerate().map(|(i, v)| (format!("r{i}"), *v)).collect();
            let c = csi(&r, &ratings).unwrap_or(-1.0);
            prop_assert!((0.0..=100.0).contains(&c), "{}", c);
        }

        #[test]
        fn csi_never_falls_when_one_dimension_rises((weights, values) in ratings_strategy(), pick in any::<prop::sample::Index>()) {
            let r = rows(&weights);
            let i = pick.index(values.len());
            prop_assume!(values[i] < 5);
            let before: BTreeMap<_, _> = values.iter().enumerate().map(|(j, v)| (format!("r{j}"), *v)).collect();
            let mut after = before.clone();
            after.insert(format!("r{i}"), values[i] + 1);
            let (b, a) = (csi(&r, &before).unwrap_or(0.0), csi(&r, &after).unwrap_or(0.0));
            prop_assert!(a >= b - 1e-9, "{} -> {}", b, a);
        }

        #[test]
        fn nps_aggregate_stays_in_range(scores in proptest::collection::vec(0u8..=10, 1..200)) {
            let n = nps(scores.iter().copied()).unwrap_or(f64::NAN);
            prop_assert!((-100.0..=100.0).contains(&n), "{}", n);
        }

        #[test]
        fn one_more_promoter_never_lowers_nps(scores in proptest::collection::vec(0u8..=10, 1..100)) {
            let before = nps(scores.iter().copied()).unwrap_or(0.0);
            let after = nps(scores.iter().copied().chain([10])).unwrap_or(0.0);
            prop_assert!(after >= before - 1e-9);
        }
    }
}
