//! The languages StoreVoice speaks, and reading language tags. A leaf: the config, the
//! launch parameters and the string tables all use it, and it uses none of them.

/// The languages StoreVoice speaks. Simplified Chinese is the default.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub enum Lang {
    #[default]
    #[serde(rename = "zh-Hans")]
    ZhHans,
    #[serde(rename = "zh-Hant")]
    ZhHant,
    #[serde(rename = "en")]
    En,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::ZhHans, Lang::ZhHant, Lang::En];

    /// The BCP 47 tag used for `<html lang>` and `lang` attributes.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::ZhHans => "zh-Hans",
            Lang::ZhHant => "zh-Hant",
            Lang::En => "en",
        }
    }

    /// Reads a language tag the way people and browsers write it (`zh-CN`, `zh_TW`, `en-GB`,
    /// `ZH-HANT`…). Returns `None` for languages StoreVoice does not speak.
    pub fn parse(tag: &str) -> Option<Lang> {
        let t = tag.trim().replace('_', "-").to_ascii_lowercase();
        let mut parts = t.split('-');
        match parts.next()? {
            "en" => Some(Lang::En),
            "zh" => {
                let rest: Vec<&str> = parts.collect();
                if rest.iter().any(|p| *p == "hant" || *p == "tw" || *p == "hk" || *p == "mo") {
                    Some(Lang::ZhHant)
                } else {
                    Some(Lang::ZhHans)
                }
            }
            _ => None,
        }
    }

    /// The first language in a browser's preference list that StoreVoice speaks.
    pub fn from_preferences<'a>(prefs: impl IntoIterator<Item = &'a str>) -> Option<Lang> {
        prefs.into_iter().find_map(Lang::parse)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_common_tags() {
        assert_eq!(Lang::parse("zh-CN"), Some(Lang::ZhHans));
        assert_eq!(Lang::parse("zh"), Some(Lang::ZhHans));
        assert_eq!(Lang::parse("zh-Hans-CN"), Some(Lang::ZhHans));
        assert_eq!(Lang::parse("zh_TW"), Some(Lang::ZhHant));
        assert_eq!(Lang::parse("zh-HK"), Some(Lang::ZhHant));
        assert_eq!(Lang::parse("ZH-HANT"), Some(Lang::ZhHant));
        assert_eq!(Lang::parse("en-GB"), Some(Lang::En));
        assert_eq!(Lang::parse("fr"), None);
        assert_eq!(Lang::parse(""), None);
    }

    #[test]
    fn preference_list_takes_first_spoken_language() {
        assert_eq!(Lang::from_preferences(["fr-FR", "de", "zh-TW", "en"]), Some(Lang::ZhHant));
        assert_eq!(Lang::from_preferences(["fr-FR"]), None);
    }

    #[test]
    fn tags_round_trip() {
        for l in Lang::ALL {
            assert_eq!(Lang::parse(l.tag()), Some(l));
        }
    }
}
