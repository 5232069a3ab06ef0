//! One suggestion-box entry as it travels to the endpoint.

use serde::{Deserialize, Serialize};

use super::contact::Contact;
use super::issue::Issue;
use super::reference;
use crate::config::Mode;
use crate::lang::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FeedbackKind {
    /// 投诉
    Complaint,
    /// 表扬
    Praise,
    /// 建议
    Suggestion,
    /// 咨询
    Question,
}

impl FeedbackKind {
    pub const ALL: [FeedbackKind; 4] =
        [FeedbackKind::Complaint, FeedbackKind::Praise, FeedbackKind::Suggestion, FeedbackKind::Question];
    pub fn as_str(self) -> &'static str {
        match self {
            FeedbackKind::Complaint => "complaint",
            FeedbackKind::Praise => "praise",
            FeedbackKind::Suggestion => "suggestion",
            FeedbackKind::Question => "question",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FeedbackEntry {
    pub id: String,
    /// Derived from `id` (see `reference::from_record_id`); shown to the customer.
    pub reference: String,
    #[serde(rename = "feedback_kind")]
    pub kind: FeedbackKind,
    pub category: String,
    /// Exactly as typed.
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub department: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub staff_member: Option<String>,
    /// `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub visit_date: Option<String>,
    pub store_id: String,
    pub touchpoint: String,
    pub language: Lang,
    pub mode: Mode,
    pub finished_at: String,
    /// True only when the customer ticked the consent box.
    pub consent: bool,
    /// Present only with consent. On the device it is stored apart, encrypted, and joined to
    /// the event only when sending.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<Contact>,
}

/// Checks the parts every entry needs. `max` is the configured limit in characters.
pub fn check_text(text: &str, max: u32) -> Result<(), Issue> {
    if text.trim().is_empty() {
        Err(Issue::EmptyText)
    } else if text.chars().count() > max as usize {
        Err(Issue::TooLong(max))
    } else {
        Ok(())
    }
}

/// `YYYY-MM-DD` with a real month and day.
pub fn is_date(s: &str) -> bool {
    let p: Vec<&str> = s.split('-').collect();
    if p.len() != 3 || p[0].len() != 4 || p[1].len() != 2 || p[2].len() != 2 {
        return false;
    }
    let (Ok(y), Ok(m), Ok(d)) = (p[0].parse::<u32>(), p[1].parse::<u32>(), p[2].parse::<u32>()) else { return false };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1900..=2999).contains(&y) && (1..=days).contains(&d)
}

impl FeedbackEntry {
    /// The reference number for a record id.
    pub fn reference_for(id: &str) -> String {
        reference::from_record_id(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_rules() {
        assert_eq!(check_text("  \n ", 1000), Err(Issue::EmptyText));
        assert_eq!(check_text("好".repeat(1000).as_str(), 1000), Ok(()));
        assert_eq!(check_text("好".repeat(1001).as_str(), 1000), Err(Issue::TooLong(1000)));
        let big = "x".repeat(100 * 1024);
        assert_eq!(check_text(&big, 1000), Err(Issue::TooLong(1000)));
    }

    #[test]
    fn dates() {
        assert!(is_date("2026-11-30"));
        assert!(is_date("2024-02-29"));
        assert!(!is_date("2026-02-29"));
        assert!(!is_date("2026-13-01"));
        assert!(!is_date("30/11/2026"));
    }

    #[test]
    fn json_shape_without_consent_has_no_contact() {
        let e = FeedbackEntry {
            id: "6f1c1b7e-8d3c-4a53-9a51-2f0d1c2b3a4e".into(),
            reference: FeedbackEntry::reference_for("6f1c1b7e-8d3c-4a53-9a51-2f0d1c2b3a4e"),
            kind: FeedbackKind::Complaint,
            category: "service".into(),
            text: "<b>排队</b> 太久 🙏".into(),
            department: None,
            staff_member: None,
            visit_date: None,
            store_id: "s".into(),
            touchpoint: "t".into(),
            language: Lang::ZhHans,
            mode: Mode::Standard,
            finished_at: "2026-11-30T05:00:00.000Z".into(),
            consent: false,
            contact: None,
        };
        let v = serde_json::to_value(&e).unwrap_or_default();
        assert_eq!(v["feedback_kind"], "complaint");
        assert_eq!(v["text"], "<b>排队</b> 太久 🙏");
        assert!(v.get("contact").is_none());
    }
}
