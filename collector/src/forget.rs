//! Deletion on request (PIPL): finds the entries a customer's reference code, phone number
//! or e-mail address points to, and removes their contact details from the stored event.

use serde_json::Value;

/// What the customer quoted to find their entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ForgetKey {
    /// The `XXXX-XXXX-X` code the suggestion box showed (`data.reference`).
    Reference(String),
    /// `data.contact.phone`.
    Phone(String),
    /// `data.contact.email`.
    Email(String),
}

impl ForgetKey {
    /// The kind of key, for the log (never the value).
    pub fn kind(&self) -> &'static str {
        match self {
            ForgetKey::Reference(_) => "reference",
            ForgetKey::Phone(_) => "phone",
            ForgetKey::Email(_) => "email",
        }
    }
}

/// Reference codes compare without dashes, spaces or letter case.
fn norm_reference(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// Phones compare by their digits and a leading `+` (spaces, dashes and brackets dropped).
fn norm_phone(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_ascii_digit() || *c == '+')
        .collect()
}

fn norm_email(s: &str) -> String {
    s.trim().to_lowercase()
}

/// Whether `event` (a stored event's JSON) is the entry `key` points to.
fn matches(event: &Value, key: &ForgetKey) -> bool {
    let data = event.get("data");
    let get = |path: &[&str]| -> Option<&str> {
        let mut v = data?;
        for p in path {
            v = v.get(p)?;
        }
        v.as_str()
    };
    match key {
        ForgetKey::Reference(r) => get(&["reference"])
            .is_some_and(|x| !r.is_empty() && norm_reference(x) == norm_reference(r)),
        ForgetKey::Phone(p) => get(&["contact", "phone"])
            .is_some_and(|x| !norm_phone(p).is_empty() && norm_phone(x) == norm_phone(p)),
        ForgetKey::Email(e) => get(&["contact", "email"])
            .is_some_and(|x| !norm_email(e).is_empty() && norm_email(x) == norm_email(e)),
    }
}

/// Replaces `needle` in every string of `v` (a customer may have typed their number into
/// the free text too).
fn scrub(v: &mut Value, needles: &[String]) {
    match v {
        Value::String(s) => {
            for n in needles {
                if n.len() >= 5 && s.contains(n.as_str()) {
                    *s = s.replace(n.as_str(), "[removed]");
                }
            }
        }
        Value::Array(a) => a.iter_mut().for_each(|x| scrub(x, needles)),
        Value::Object(o) => o.values_mut().for_each(|x| scrub(x, needles)),
        _ => {}
    }
}

/// The event with its contact details removed, when `key` points to it: `data.contact` is
/// deleted, its phone and e-mail are replaced by `[removed]` wherever else they occur in
/// the data, and `data.contact_removed` is set to `true`. `None` when it is another entry.
pub fn forget_in_event(event_json: &str, key: &ForgetKey) -> Option<String> {
    let mut event: Value = serde_json::from_str(event_json).ok()?;
    if !matches(&event, key) {
        return None;
    }
    let data = event.get_mut("data")?.as_object_mut()?;
    let mut needles = Vec::new();
    if let Some(contact) = data.remove("contact") {
        for field in ["phone", "email"] {
            if let Some(s) = contact.get(field).and_then(Value::as_str) {
                needles.push(s.to_owned());
            }
        }
    }
    if let ForgetKey::Phone(p) | ForgetKey::Email(p) = key {
        needles.push(p.trim().to_owned());
    }
    for v in data.values_mut() {
        scrub(v, &needles);
    }
    data.insert("contact_removed".into(), Value::Bool(true));
    Some(event.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn entry() -> String {
        json!({"id":"x","source":"/s","type":"storevoice.feedback.v1","data":{
            "reference":"2CYM-MMKF-X","text":"call me on 13812345678 please",
            "contact":{"name":"Li Lei","phone":"13812345678","email":"Li.Lei@example.com"}}})
        .to_string()
    }

    #[test]
    fn finds_by_each_key_and_removes_the_contact() {
        for key in [
            ForgetKey::Reference("2cym mmkf x".into()),
            ForgetKey::Phone("138 1234-5678".into()),
            ForgetKey::Email(" li.lei@EXAMPLE.com".into()),
        ] {
            let out =
                forget_in_event(&entry(), &key).unwrap_or_else(|| panic!("{key:?} not found"));
            assert!(
                !out.contains("13812345678")
                    && !out.contains("Li Lei")
                    && !out.contains("example.com"),
                "{out}"
            );
            let v: Value = serde_json::from_str(&out).unwrap_or_default();
            assert_eq!(v["data"]["text"], "call me on [removed] please");
            assert_eq!(v["data"]["contact_removed"], true);
            assert_eq!(v["data"]["reference"], "2CYM-MMKF-X");
        }
        for other in [
            ForgetKey::Reference("2CYM-MMKF-Y".into()),
            ForgetKey::Phone("13812345679".into()),
            ForgetKey::Email("".into()),
            ForgetKey::Phone("--".into()),
        ] {
            assert_eq!(forget_in_event(&entry(), &other), None, "{other:?}");
        }
    }
}
