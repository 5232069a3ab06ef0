//! Contact details a customer may leave (only with consent): validation and normal forms.

use serde::{Deserialize, Serialize};

use super::issue::{Field, Issue};

/// How the customer would like to be answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Channel {
    Phone,
    Email,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Normalised: `13812345678` for a mainland China mobile, `+4420…` for E.164.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<Channel>,
}

fn strip_separators(s: &str) -> String {
    s.chars().filter(|c| !matches!(c, ' ' | '-' | '(' | ')' | '.' | '\u{3000}')).collect()
}

/// A mainland China mobile number: 11 digits starting 13–19, optionally written with +86 /
/// 0086, spaces or dashes. Returns the 11 digits.
pub fn cn_mobile(s: &str) -> Option<String> {
    let d = strip_separators(s.trim());
    let d = d.strip_prefix("+86").or_else(|| d.strip_prefix("0086")).unwrap_or(&d);
    let b = d.as_bytes();
    (b.len() == 11 && b[0] == b'1' && (b'3'..=b'9').contains(&b[1]) && b.iter().all(u8::is_ascii_digit))
        .then(|| d.to_string())
}

/// An international number in E.164: `+`, a country code not starting with 0, at most 15
/// digits in all (at least 8). Spaces and dashes are allowed in what is typed.
pub fn e164(s: &str) -> Option<String> {
    let d = strip_separators(s.trim());
    let digits = d.strip_prefix('+')?;
    let b = digits.as_bytes();
    ((8..=15).contains(&b.len()) && b[0] != b'0' && b.iter().all(u8::is_ascii_digit)).then(|| format!("+{digits}"))
}

/// Phone as typed → normal form: a China mobile (11 digits) or E.164.
pub fn phone(s: &str) -> Option<String> {
    cn_mobile(s).or_else(|| e164(s))
}

/// A plausible email address: one `@`, a local part, a domain with a dot, no spaces.
pub fn email(s: &str) -> Option<String> {
    let s = s.trim();
    let (local, domain) = s.split_once('@')?;
    let ok_local = !local.is_empty()
        && local.len() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local.chars().all(|c| c.is_alphanumeric() || "!#$%&'*+/=?^_`{|}~.-".contains(c));
    let labels: Vec<&str> = domain.split('.').collect();
    let ok_domain = domain.len() <= 253
        && labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty() && l.len() <= 63 && !l.starts_with('-') && !l.ends_with('-')
                && l.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
        && labels.last().is_some_and(|tld| tld.chars().count() >= 2 && !tld.chars().all(|c| c.is_ascii_digit()));
    (ok_local && ok_domain).then(|| s.to_string())
}

/// Checks a contact form; returns the normalised contact or every issue with its field.
pub fn check(
    name: &str,
    phone_text: &str,
    email_text: &str,
    channel: Option<Channel>,
) -> Result<Contact, Vec<(Field, Issue)>> {
    let mut issues = Vec::new();
    let name = name.trim();
    if name.chars().count() > 100 {
        issues.push((Field::Name, Issue::NameTooLong));
    }
    // A blank field is simply not given; a filled one must be valid.
    let mut optional = |text: &str, normalise: fn(&str) -> Option<String>, field: Field, issue: Issue| {
        if text.trim().is_empty() {
            return None;
        }
        let v = normalise(text);
        if v.is_none() {
            issues.push((field, issue));
        }
        v
    };
    let p = optional(phone_text, phone, Field::Phone, Issue::BadPhone);
    let e = optional(email_text, email, Field::Email, Issue::BadEmail);
    if phone_text.trim().is_empty() && email_text.trim().is_empty() {
        issues.push((Field::Phone, Issue::NothingToReachBy));
    }
    match channel {
        Some(Channel::Phone) if phone_text.trim().is_empty() => issues.push((Field::Channel, Issue::ChannelMissing)),
        Some(Channel::Email) if email_text.trim().is_empty() => issues.push((Field::Channel, Issue::ChannelMissing)),
        _ => {}
    }
    if issues.is_empty() {
        Ok(Contact { name: (!name.is_empty()).then(|| name.to_string()), phone: p, email: e, channel })
    } else {
        Err(issues)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn china_mobiles() {
        for ok in ["13812345678", "138 1234 5678", "138-1234-5678", "+86 138 1234 5678", "008613812345678", "19912345678"] {
            assert_eq!(cn_mobile(ok).as_deref(), Some(ok.chars().filter(char::is_ascii_digit).collect::<String>().trim_start_matches("0086").trim_start_matches("86")), "{ok}");
        }
        for bad in ["12812345678", "1381234567", "138123456789", "23812345678", "1381234567a", ""] {
            assert_eq!(cn_mobile(bad), None, "{bad}");
        }
    }

    #[test]
    fn international_numbers() {
        assert_eq!(e164("+44 20 7946 0958").as_deref(), Some("+442079460958"));
        assert_eq!(e164("+1-202-555-0143").as_deref(), Some("+12025550143"));
        assert_eq!(e164("+0123456789"), None);
        assert_eq!(e164("+1234567"), None, "too short");
        assert_eq!(e164("+1234567890123456"), None, "16 digits");
        assert_eq!(e164("442079460958"), None, "needs the +");
        assert_eq!(phone("+86 139 0000 1111").as_deref(), Some("13900001111"));
    }

    #[test]
    fn emails() {
        for ok in ["a@b.co", "li.lei+store@example.com.cn", "张三@例子.中国", "x_y@sub-domain.example.org"] {
            assert!(email(ok).is_some(), "{ok}");
        }
        for bad in ["", "a@b", "@b.com", "a@.com", "a b@c.com", "a@b..com", "a@@b.com", "a.@b.com", "a@b.c", "a@-b.com", "a@b.123"] {
            assert!(email(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn contact_form() {
        let c = check(" 李雷 ", "138 1234 5678", "", Some(Channel::Phone)).expect("valid");
        assert_eq!(c, Contact { name: Some("李雷".into()), phone: Some("13812345678".into()), email: None, channel: Some(Channel::Phone) });
        assert_eq!(check("", "", "", None), Err(vec![(Field::Phone, Issue::NothingToReachBy)]));
        assert_eq!(
            check("", "12345", "nope", Some(Channel::Email)),
            Err(vec![(Field::Phone, Issue::BadPhone), (Field::Email, Issue::BadEmail)])
        );
        assert_eq!(check("", "13812345678", "", Some(Channel::Email)), Err(vec![(Field::Channel, Issue::ChannelMissing)]));
    }

    proptest! {
        #[test]
        fn every_valid_mobile_is_found_however_it_is_spaced(n in 3u8..=9, rest in proptest::collection::vec(0u8..=9, 9), sep in prop_oneof![Just(""), Just(" "), Just("-")]) {
            let digits: String = std::iter::once(1u8).chain(std::iter::once(n)).chain(rest).map(|d| char::from(b'0' + d)).collect();
            let typed = format!("{}{sep}{}{sep}{}", &digits[..3], &digits[3..7], &digits[7..]);
            prop_assert_eq!(cn_mobile(&typed), Some(digits));
        }

        #[test]
        fn validators_never_panic(s in ".{0,80}") {
            let _ = phone(&s);
            let _ = email(&s);
        }
    }
}
