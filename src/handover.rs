//! What the light page (index.html: home and the questionnaire) hands to the full app
//! (app.html) when a customer opens a screen only the full app has (issue #14's split; the
//! browser side is `web::handover`).
//!
//! The customer's language and text size go along, and so do answers the light page holds
//! in memory because the device refused to store them (full storage): a page change must
//! never drop an answer. Contact details are never carried (they exist only in the
//! suggestion box, which the light page does not have, and are kept only encrypted at rest).

use serde::{Deserialize, Serialize};

use crate::config::Mode;
use crate::lang::Lang;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Handover {
    pub lang: Lang,
    pub mode: Mode,
    /// Answers not yet stored on the device, to be stored by the full app.
    #[serde(default)]
    pub unsaved: Vec<Carried>,
    /// The light page gave up waiting for `config.json` and started on this device's last
    /// good config (a stalled network or server): the full page does not wait the whole
    /// [`PATIENCE_S`](crate::config::PATIENCE_S) again, which would keep a customer who
    /// opened the suggestion box looking at a spinner for seconds.
    #[serde(default)]
    pub config_stalled: bool,
}

/// An answer not yet stored: its record id, its CloudEvent as JSON text, when it was queued.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Carried {
    pub id: String,
    pub event: String,
    pub queued_at: f64,
}

impl Handover {
    /// As text for `sessionStorage`.
    pub fn encode(&self) -> String {
        // Plain strings and numbers: serialising cannot fail (a non-finite time would be
        // written as null and refused by `decode`, never silently changed).
        serde_json::to_string(self).unwrap_or_default()
    }

    /// `None` for anything that is not a hand-over this build wrote.
    pub fn decode(text: &str) -> Option<Handover> {
        serde_json::from_str(text).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn garbage_is_no_handover() {
        for text in ["", "null", "{}", "{\"lang\":\"fr\",\"mode\":\"large\"}", "{\"lang\":\"en\"}", "en large"] {
            assert_eq!(Handover::decode(text), None, "{text}");
        }
        assert_eq!(
            Handover::decode("{\"lang\":\"en\",\"mode\":\"large\"}"),
            Some(Handover { lang: Lang::En, mode: Mode::Large, unsaved: vec![], config_stalled: false })
        );
    }

    proptest! {
        #[test]
        fn a_handover_round_trips(
            lang in prop::sample::select(vec![Lang::ZhHans, Lang::ZhHant, Lang::En]),
            large in any::<bool>(),
            config_stalled in any::<bool>(),
            unsaved in prop::collection::vec(("[a-z0-9-]{1,40}", "\\PC{0,200}", 0.0f64..4e12), 0..5),
        ) {
            let h = Handover {
                lang,
                mode: if large { Mode::Large } else { Mode::Standard },
                unsaved: unsaved.into_iter().map(|(id, event, queued_at)| Carried { id, event, queued_at }).collect(),
                config_stalled,
            };
            prop_assert_eq!(Handover::decode(&h.encode()), Some(h));
        }
    }
}
