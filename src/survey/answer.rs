//! One customer's answer to one question, as stored in the response record.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum Answer {
    /// 0–10.
    Nps { score: u8 },
    /// 1–5.
    Csat { score: u8 },
    /// Row id → 1–5.
    Csi { ratings: BTreeMap<String, u8> },
    SingleChoice { option: String },
    /// Chosen option ids in the order of the question's options; `other` holds the text of
    /// the "other" choice when it was ticked.
    MultipleChoice {
        options: Vec<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        other: Option<String>,
    },
    FreeText { text: String },
}

impl Answer {
    /// The number a condition (`at_most` / `at_least`) compares against.
    pub fn score(&self) -> Option<f64> {
        match self {
            Answer::Nps { score } | Answer::Csat { score } => Some(*score as f64),
            _ => None,
        }
    }

    /// Option ids chosen, for `any_of` conditions.
    pub fn chosen(&self) -> Vec<&str> {
        match self {
            Answer::SingleChoice { option } => vec![option.as_str()],
            Answer::MultipleChoice { options, .. } => options.iter().map(String::as_str).collect(),
            _ => Vec::new(),
        }
    }
}
