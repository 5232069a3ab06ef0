//! Read-aloud: which of the device's voices reads which language, and what is read on each
//! screen. Older customers and customers with low vision or low literacy at the service desk
//! ask staff to read the screen; the read-aloud control does it for them. Everything here is
//! plain Rust (tested natively); `web::speech` only lists the voices and speaks.
//!
//! What is read is what is on screen, as a list of [`Piece`]s, each in the language it is
//! shown in (a config text may fall back to another language), so each piece gets a voice of
//! its own language. Each piece becomes one utterance: short utterances pause naturally
//! between sentences, and Chrome's network voices stop after about 15 s of one utterance.

use crate::config::{Mode, Question, QuestionKind, Text};
#[cfg(feature = "full")]
use crate::feedback::FeedbackKind;
use crate::lang::Lang;

/// A voice as the browser lists it (`SpeechSynthesisVoice`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Voice {
    /// BCP 47 tag as the engine reports it (`zh-CN`, `zh_TW` on some Androids, `cmn-Hans-CN`).
    pub lang: String,
    pub name: String,
    /// `voiceURI`, which tells voices with the same name apart.
    pub uri: String,
    /// The device's default voice.
    pub default: bool,
    /// Runs on the device (`localService`): it keeps working when the store's network is down.
    pub local: bool,
}

/// How well a voice's tag fits `lang`: 0 exact (zh-CN for Simplified Chinese, zh-HK or zh-TW
/// for Traditional, any English), 1 the same language (zh, zh-SG, zh-Hant, zh-MO), `None`
/// when it cannot read it. Simplified and Traditional are kept apart: a Mandarin voice for
/// Taiwan and a Cantonese one for Hong Kong both read Traditional text, and only they do.
pub fn fit(tag: &str, lang: Lang) -> Option<u8> {
    let t = tag.trim().replace('_', "-").to_ascii_lowercase();
    let mut parts = t.split('-');
    let primary = parts.next().unwrap_or_default();
    let rest: Vec<&str> = parts.collect();
    let has = |x: &str| rest.contains(&x);
    let chinese = matches!(primary, "zh" | "cmn");
    let trad_mark = has("hant") || has("tw") || has("hk") || has("mo");
    match lang {
        Lang::En => (primary == "en").then_some(0),
        Lang::ZhHans if chinese && !trad_mark => Some(if has("cn") { 0 } else { 1 }),
        Lang::ZhHant if (chinese || primary == "yue") && !has("hans") => {
            if has("tw") || has("hk") || (primary == "yue" && rest.is_empty()) {
                Some(0)
            } else if trad_mark || primary == "yue" {
                Some(1)
            } else {
                None
            }
        }
        _ => None,
    }
}

/// The voice to read `lang` with: an exact fit before the same language; among equals one
/// that runs on the device (works offline), then the device's default, then the browser's
/// order. `None`: this device cannot read `lang`, and the control is not shown.
pub fn choose_voice(voices: &[Voice], lang: Lang) -> Option<&Voice> {
    voices
        .iter()
        .enumerate()
        .filter_map(|(i, v)| fit(&v.lang, lang).map(|f| ((f, !v.local, !v.default, i), v)))
        .min_by_key(|(k, _)| *k)
        .map(|(_, v)| v)
}

/// Speaking rate: slower in large-text mode, which serves older customers at the desk.
pub fn rate(mode: Mode) -> f64 {
    match mode {
        Mode::Large => 0.8,
        _ => 1.0,
    }
}

/// One stretch of text in one language, read as one utterance.
#[derive(Debug, Clone, PartialEq)]
pub struct Piece {
    pub lang: Lang,
    pub text: String,
}

/// What one utterance says, in which language, with which voice.
#[derive(Debug, Clone, PartialEq)]
pub struct Utterance {
    pub text: String,
    /// The voice's own tag (underscores made hyphens), set as the utterance's `lang`.
    pub lang: String,
    pub voice_uri: String,
}

/// The utterances for `pieces` with the voices there are. A piece in a language without a
/// voice is left out: another language's voice would read it as noise.
pub fn plan(pieces: &[Piece], voices: &[Voice]) -> Vec<Utterance> {
    pieces
        .iter()
        .filter(|p| !p.text.trim().is_empty())
        .filter_map(|p| {
            let v = choose_voice(voices, p.lang)?;
            Some(Utterance { text: p.text.clone(), lang: v.lang.replace('_', "-"), voice_uri: v.uri.clone() })
        })
        .collect()
}

/// Builds the pieces of a screen: sentences stand alone, list items in the same language
/// run together with that language's separator ("A, B, C" / "甲，乙，丙").
#[derive(Debug, Default)]
struct Reading {
    pieces: Vec<Piece>,
    in_list: bool,
}

impl Reading {
    fn sentence(&mut self, lang: Lang, text: impl Into<String>) -> &mut Self {
        let text = text.into();
        if !text.trim().is_empty() {
            self.pieces.push(Piece { lang, text });
        }
        self.in_list = false;
        self
    }

    fn config(&mut self, text: &Text, ui: Lang) -> &mut Self {
        let (t, l) = text.get_with_lang(ui);
        self.sentence(l, t)
    }

    fn item(&mut self, lang: Lang, text: &str) -> &mut Self {
        match self.pieces.last_mut() {
            Some(last) if self.in_list && last.lang == lang => {
                last.text.push_str(lang.strings().speech_sep);
                last.text.push_str(text);
            }
            _ => self.pieces.push(Piece { lang, text: text.to_string() }),
        }
        self.in_list = true;
        self
    }

    fn done(&mut self) -> Vec<Piece> {
        std::mem::take(&mut self.pieces)
    }
}

/// A survey question as shown: its text, then its scale or options.
pub fn question(q: &Question, ui: Lang) -> Vec<Piece> {
    let s = ui.strings();
    let mut r = Reading::default();
    r.config(&q.text, ui);
    match q.kind {
        QuestionKind::Nps => {
            r.item(ui, &(s.speech_scale)(0, 10));
            if let Some(l) = &q.labels {
                for (n, t) in [(0, &l.low), (10, &l.high)] {
                    let (t, tl) = t.get_with_lang(ui);
                    r.item(tl, &(tl.strings().speech_scale_end)(n, t));
                }
            }
        }
        QuestionKind::Csat => {
            for w in s.csat_words {
                r.item(ui, w);
            }
        }
        QuestionKind::Csi => {
            r.sentence(ui, s.csi_scale_hint);
            for row in q.rows.iter().flatten() {
                let (t, tl) = row.text.get_with_lang(ui);
                r.item(tl, t);
            }
        }
        QuestionKind::SingleChoice | QuestionKind::MultipleChoice => {
            for o in q.options.iter().flatten() {
                let (t, tl) = o.text.get_with_lang(ui);
                r.item(tl, t);
            }
            if q.other && q.kind == QuestionKind::MultipleChoice {
                r.item(ui, s.other);
            }
        }
        QuestionKind::FreeText => {}
    }
    r.done()
}

/// The suggestion box's steps, each read by its own control.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeedbackStep {
    Kind,
    Category,
    Text,
    Consent,
}

/// One suggestion-box step: its heading and what it offers or asks (the full app only).
#[cfg(feature = "full")]
pub fn feedback_step(step: FeedbackStep, cfg: &crate::config::Feedback, ui: Lang) -> Vec<Piece> {
    let s = ui.strings();
    let mut r = Reading::default();
    match step {
        FeedbackStep::Kind => {
            r.sentence(ui, s.fb_kind_question);
            for k in FeedbackKind::ALL {
                let (name, hint) = (s.fb_kind)(k);
                r.item(ui, &(s.speech_pair)(name, hint));
            }
        }
        FeedbackStep::Category => {
            r.sentence(ui, s.fb_category_question);
            for c in &cfg.categories {
                let (t, tl) = c.name.get_with_lang(ui);
                r.item(tl, t);
            }
        }
        FeedbackStep::Text => {
            r.sentence(ui, s.fb_text_label);
        }
        FeedbackStep::Consent => {
            r.sentence(ui, s.fb_consent_heading);
            r.config(&cfg.consent, ui);
        }
    }
    r.done()
}

/// A route: its heading, then each line of the directions (or why there is none).
pub fn route(ui: Lang, title: &str, lines: &[String]) -> Vec<Piece> {
    let mut r = Reading::default();
    r.sentence(ui, title);
    for l in lines {
        r.sentence(ui, l.as_str());
    }
    r.done()
}

/// The thank-you screen: thanks, and a suggestion-box reference spelled out with what
/// follows it on screen.
pub fn thank_you(ui: Lang, reference: Option<&str>, reply_promise: Option<&Text>) -> Vec<Piece> {
    let s = ui.strings();
    let mut r = Reading::default();
    r.sentence(ui, s.thank_you_title).sentence(ui, s.thank_you_body);
    if let Some(reference) = reference {
        r.sentence(ui, s.fb_reference).sentence(ui, spell(reference, ui)).sentence(ui, s.fb_reference_hint);
        if let Some(p) = reply_promise {
            r.config(p, ui);
        }
    }
    r.done()
}

/// A reference number character by character, so the engine says "A 7 K 2" and never
/// tries a word: characters spaced apart, its groups (between hyphens) apart with a pause.
pub fn spell(reference: &str, ui: Lang) -> String {
    let groups: Vec<String> = reference
        .split(['-', ' '])
        .filter(|g| !g.is_empty())
        .map(|g| g.chars().map(String::from).collect::<Vec<_>>().join(" "))
        .collect();
    groups.join(ui.strings().speech_sep)
}

#[cfg(test)]
mod tests;
