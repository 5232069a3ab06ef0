//! The light page's screens as [`Node`] trees: the same markup as the full app's Yew screens
//! (`app::shell`, `app::pages::{home, thank_you, closed, not_found, handover, config_error}`,
//! `survey::view`, `survey::inputs`, `app::components`), so one stylesheet, one set of
//! journeys and one axe run cover both pages. A change to one is a change to the other.

use std::collections::BTreeMap;

use super::node::{el, patch, svg, text, El, Node};
use super::{Page, Refused, HEADING_ID};
use crate::config::{Journey, Question, QuestionKind, Unusable};
use crate::hours::{local_from_millis, weekday};
use crate::i18n::Strings;
use crate::lang::Lang;
use crate::route::Route;
use crate::speech::Piece;
use crate::survey::engine::text_limit;
use crate::survey::{Answer, Issue};
use crate::web::{dom, platform};

const QUESTION_TEXT_ID: &str = "question-text";

fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

/// Renders the whole page (`#app`) for `p`, and keeps `<html>` in step with it.
pub fn draw(p: &mut Page) {
    let Some(doc) = document() else { return };
    let Some(root) = doc.get_element_by_id("app") else { return };
    // Brand colours (darker in large-text mode when needed), language, mode and title.
    if p.document != Some((p.lang, p.mode)) {
        p.document = Some((p.lang, p.mode));
        let (brand, on) = crate::theme::brand_colors(&p.store.config.store.brand.color, p.mode);
        dom::set_brand_colors(&brand, on);
        dom::set_document_lang(p.lang);
        dom::set_document_mode(p.mode);
        dom::set_title(p.store.config.store.name.get(p.lang));
    }
    let warning_before = doc.query_selector(".idle-backdrop").ok().flatten().is_some();
    if p.warning.is_some() && !warning_before {
        p.before_warning = doc.active_element().and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok());
    }
    patch(&doc, &root, &[shell(p)]);
    // The idle warning takes focus to "I need more time" and gives it back when it goes.
    if p.warning.is_some() && !warning_before {
        dom::focus_element("idle-more-time");
    } else if p.warning.is_none() && warning_before {
        match p.before_warning.take().filter(|e| e.is_connected() && e.tag_name() != "BODY") {
            Some(e) => {
                let _ = e.focus();
            }
            None => dom::focus_element(HEADING_ID),
        }
    }
}

fn shell(p: &Page) -> Node {
    let s = p.s();
    let route = &p.route;
    let closed = !p.open && p.store.shared_device();
    let screen = match route.journey_of() {
        Some(j) if !p.store.offers(j) => not_found(s),
        Some(Journey::Survey) => survey(p),
        Some(_) => handover(p),
        None => match route {
            Route::ThankYou => thank_you(p),
            Route::Staff => handover(p),
            Route::NotFound => not_found(s),
            _ if closed => closed_screen(p),
            _ => home(p),
        },
    };
    let tp_name = p.store.touchpoint().map(|t| t.name.get(p.lang).to_string()).unwrap_or_default();
    el("div")
        .a("class", "app")
        .a("data-route", route.name())
        .c(el("a").a("class", "skip-link").a("href", "#main").a("data-on", "skip-link").t(s.skip_to_content))
        .c(header(p))
        .c(el("main")
            .a("id", "main")
            .a("class", "screen")
            .a("tabindex", "-1")
            .cs(p.store.warnings.iter().map(|w| el("p").a("class", "notice").a("role", "status").t((s.launch_warning)(w)).into()))
            .c(screen))
        .c(el("footer")
            .a("class", "footer")
            .c(el("span").a("class", "footer-touchpoint").t(s.touchpoint).t(tp_name))
            .c(el("a").a("class", "footer-staff").a("href", Route::Staff.href()).t(s.staff)))
        .co(p.warning.map(|left| idle_warning(p, left)))
        .into()
}

fn header(p: &Page) -> El {
    let s = p.s();
    let (name, name_lang) = p.store.config.store.name.get_with_lang(p.lang);
    let large = p.mode == crate::config::Mode::Large;
    let ends_visit = p.route == Route::ThankYou && p.store.shared_device();
    el("header")
        .a("class", "topbar")
        .c(el("div")
            .a("class", "brand")
            .co(p.store.config.store.brand.logo.as_ref().map(|logo| {
                el("img").a("class", "brand-logo").a("src", logo.clone()).a("alt", "").a("width", "48").a("height", "48")
            }))
            .c(el("span").a("class", "brand-name").a("lang", name_lang.tag()).t(name)))
        .c(el("div")
            .a("class", "controls")
            .co((p.route != Route::Home).then(|| {
                el("a")
                    .a("class", "control home-link")
                    .a("href", Route::Home.href())
                    .ao("data-on", ends_visit.then_some("end-visit"))
                    .c(svg("svg")
                        .a("class", "icon")
                        .a("viewBox", "0 0 24 24")
                        .a("aria-hidden", "true")
                        .c(svg("path").a("d", "M3 11 12 3l9 8v10h-6v-6H9v6H3z")))
                    .c(el("span").t(s.back_home))
            }))
            .c(el("div").a("class", "lang-switch").a("role", "group").a("aria-label", s.language).cs(Lang::ALL.iter().map(|l| {
                el("button")
                    .a("type", "button")
                    .a("class", "control lang-option")
                    .a("lang", l.tag())
                    .a("aria-pressed", (*l == p.lang).to_string())
                    .a("data-on", format!("lang:{}", l.tag()))
                    .t(l.strings().lang_name)
                    .into()
            })))
            .c(el("button")
                .a("type", "button")
                .a("class", "control mode-toggle")
                .a("aria-pressed", large.to_string())
                .a("data-on", "mode")
                .c(el("span").a("class", "mode-icon").a("aria-hidden", "true").t("A+"))
                .c(el("span").t(s.large_text))))
}

fn heading(s: &str) -> El {
    el("h1").a("id", HEADING_ID).a("tabindex", "-1").t(s)
}

fn home(p: &Page) -> Node {
    let s = p.s();
    let lang = p.lang;
    let (name, name_lang) = p.store.config.store.name.get_with_lang(lang);
    let cfg = &p.store.config;
    el("section")
        .a("class", "home")
        .a("aria-labelledby", HEADING_ID)
        .c(el("h1")
            .a("id", HEADING_ID)
            .a("tabindex", "-1")
            .a("class", "welcome")
            .c(el("span").a("class", "welcome-lead").t(s.welcome))
            .c(el("span").a("class", "welcome-store").a("lang", name_lang.tag()).t(name)))
        .co(cfg.store.tagline.as_ref().map(|t| el("p").a("class", "tagline").a("lang", t.get_with_lang(lang).1.tag()).t(t.get(lang))))
        .c(el("p").a("class", "choose").t(s.choose_journey))
        .c(el("ul").a("class", "journeys").a("role", "list").cs(Journey::ALL.into_iter().filter(|j| p.store.offers(*j)).map(|j| {
            let (title, title_lang, hint) = match j {
                Journey::Survey => {
                    let (t, l) = cfg.survey.title.get_with_lang(lang);
                    (t, Some(l.tag()), s.journey_survey_hint)
                }
                Journey::Feedback => (s.journey_feedback, None, s.journey_feedback_hint),
                Journey::Wayfinding => (s.journey_wayfinding, None, s.journey_wayfinding_hint),
            };
            el("li").c(journey_link(j, title, title_lang, hint)).into()
        })))
        .into()
}

fn journey_link(j: Journey, title: &str, title_lang: Option<&str>, hint: &str) -> El {
    el("a")
        .a("class", format!("journey journey-{}", j.as_str()))
        .a("href", Route::journey(j).href())
        .c(journey_icon(j))
        .c(el("span")
            .a("class", "journey-text")
            .c(el("span").a("class", "journey-title").ao("lang", title_lang).t(title))
            .c(el("span").a("class", "journey-hint").t(hint)))
}

fn journey_icon(j: Journey) -> El {
    let path = match j {
        Journey::Survey => "M12 2.5l2.9 6 6.6.9-4.8 4.6 1.2 6.5L12 17.4l-5.9 3.1 1.2-6.5L2.5 9.4l6.6-.9z",
        Journey::Feedback => "M4 4h16a1 1 0 0 1 1 1v11a1 1 0 0 1-1 1H9l-5 4v-4H4a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1z",
        Journey::Wayfinding => "M12 2a7 7 0 0 1 7 7c0 5-7 13-7 13S5 14 5 9a7 7 0 0 1 7-7zm0 4a3 3 0 1 0 0 6 3 3 0 0 0 0-6z",
    };
    svg("svg")
        .a("class", "journey-icon")
        .a("viewBox", "0 0 24 24")
        .a("aria-hidden", "true")
        .a("focusable", "false")
        .c(svg("path").a("d", path))
}

fn not_found(s: &Strings) -> Node {
    el("section")
        .a("class", "not-found")
        .a("aria-labelledby", HEADING_ID)
        .c(heading(s.page_not_found))
        .c(el("a").a("class", "button primary").a("href", Route::Home.href()).t(s.back_home))
        .into()
}

fn handover(p: &Page) -> Node {
    let s = p.s();
    match p.refused {
        Some(why) => el("section")
            .a("class", "handover")
            .a("aria-labelledby", HEADING_ID)
            .c(heading(s.handover_refused_title))
            .c(el("p").a("role", "alert").t(if why == Refused::Offline { s.handover_offline_body } else { s.handover_refused_body }))
            .c(el("a").a("class", "button primary").a("href", Route::Home.href()).t(s.back_home))
            .into(),
        None => el("section")
            .a("class", "boot handover")
            .a("aria-labelledby", HEADING_ID)
            .a("aria-busy", "true")
            .c(el("div").a("class", "spinner").a("aria-hidden", "true"))
            .c(heading(s.loading).a("class", "visually-hidden"))
            .into(),
    }
}

/// What "Read aloud" reads on the screen on show.
pub fn spoken(p: &Page) -> Vec<Piece> {
    match (&p.route, p.survey.as_ref().and_then(|s| s.q.current())) {
        (Route::Survey, Some(q)) => crate::speech::question(q, p.lang),
        _ => {
            let reference = p.handed.as_ref().and_then(|h| h.reference.as_deref());
            crate::speech::thank_you(p.lang, reference, p.store.config.feedback.reply_promise.as_ref())
        }
    }
}

/// "Read aloud": shown only when the device has a voice for the language.
fn read_aloud(p: &Page) -> Option<El> {
    crate::speech::choose_voice(&p.voices, p.lang)?;
    let s = p.s();
    let reading = p.reading.is_some();
    let icon = if reading {
        svg("rect").a("x", "6").a("y", "6").a("width", "12").a("height", "12").a("rx", "1.5")
    } else {
        svg("path").a("d", "M3 9v6h4l5 5V4L7 9H3zm13.5 3A4.5 4.5 0 0 0 14 8v8a4.5 4.5 0 0 0 2.5-4zM14 3.2v2.1a7 7 0 0 1 0 13.4v2.1a9 9 0 0 0 0-17.6z")
    };
    Some(
        el("button")
            .a("type", "button")
            .a("class", "control read-aloud")
            .a("aria-pressed", reading.to_string())
            .a("data-on", "read")
            .c(svg("svg").a("class", "icon").a("viewBox", "0 0 24 24").a("aria-hidden", "true").a("focusable", "false").c(icon))
            .c(el("span").t(s.read_aloud))
            .co(reading.then(|| el("span").a("class", "read-aloud-stop").t(s.read_aloud_stop))),
    )
}

fn survey(p: &Page) -> Node {
    let s = p.s();
    let lang = p.lang;
    let Some(session) = p.survey.as_ref() else { return el("section").into() };
    let Some(q) = session.q.current() else {
        return el("section")
            .a("class", "survey survey-done")
            .a("aria-labelledby", HEADING_ID)
            .c(heading(p.store.config.survey.title.get(lang)))
            .c(match session.hand_in.failure() {
                Some(why) => el("div")
                    .a("class", "panel error-panel")
                    .a("role", "alert")
                    .c(el("p").t((s.save_failed)(why)))
                    .c(el("button").a("type", "button").a("class", "button primary").a("data-on", "retry").t(s.try_again)),
                None => el("p").a("class", "sending").a("role", "status").t(s.submitting),
            })
            .into();
    };
    let (pos, total) = session.q.progress();
    let (qtext, qlang) = q.text.get_with_lang(lang);
    let issue_id = format!("issue-{}", q.id);
    let missing_rows = match &session.issue {
        Some(Issue::RowsMissing(r)) => r.len(),
        _ => 0,
    };
    let input = Input { q, answer: session.q.answer_of(&q.id), lang, described_by: session.issue.as_ref().map(|_| issue_id.clone()), issue: session.issue.as_ref() };
    el("section")
        .a("class", "survey")
        .a("aria-labelledby", HEADING_ID)
        .a("data-key", q.id.clone())
        .c(el("div")
            .a("class", "progress")
            .c(el("span").a("class", "progress-text").a("id", "survey-progress").t((s.survey_progress)(pos, total)))
            .c(el("progress")
                .a("class", "progress-bar")
                .a("aria-labelledby", "survey-progress")
                .a("max", total.max(1).to_string())
                .a("value", pos.to_string())))
        .c(el("h1")
            .a("id", HEADING_ID)
            .a("tabindex", "-1")
            .a("class", "question-text")
            .a("aria-labelledby", format!("survey-progress {QUESTION_TEXT_ID}"))
            .c(el("span").a("id", QUESTION_TEXT_ID).a("lang", qlang.tag()).t(qtext)))
        .co(read_aloud(p))
        .c(el("p").a("class", "question-note").t(if q.required { s.required } else { s.optional }))
        .c(input.render())
        .co(session.issue.as_ref().map(|i| el("p").a("class", "issue").a("id", issue_id.clone()).a("role", "alert").t((s.survey_issue)(i, missing_rows))))
        .c(el("div")
            .a("class", "action-bar")
            .co((pos > 1).then(|| el("button").a("type", "button").a("class", "button back").a("data-on", "back").t("← ").t(s.back)))
            .c(el("span").a("class", "spacer"))
            .co((!q.required).then(|| el("button").a("type", "button").a("class", "button skip").a("data-on", "skip").t(s.skip)))
            .c(el("button")
                .a("type", "button")
                .a("class", "button primary next")
                .a("data-on", "next")
                .t(if session.q.is_last() { s.submit } else { s.next })
                .t(" →")))
        .into()
}

struct Input<'a> {
    q: &'a Question,
    answer: Option<&'a Answer>,
    lang: Lang,
    described_by: Option<String>,
    issue: Option<&'a Issue>,
}

/// A real `<input type=radio>` drawn as a big target (`components::Radio`).
fn radio(name: &str, id: String, checked: bool, class: &str, pick: String, described_by: Option<String>, label_lang: Option<&str>, label: Vec<Node>) -> Node {
    el("span")
        .a("class", format!("choice {class}"))
        .c(el("input")
            .a("type", "radio")
            .a("name", name)
            .a("id", id.clone())
            .a("checked", checked.to_string())
            .ao("aria-describedby", described_by)
            .a("data-pick", pick))
        .c(el("label").a("for", id).ao("lang", label_lang).cs(label))
        .into()
}

impl Input<'_> {
    fn invalid(&self) -> Option<&'static str> {
        self.issue.is_some().then_some("true")
    }

    fn render(&self) -> El {
        match self.q.kind {
            QuestionKind::Nps => self.nps(),
            QuestionKind::Csat => self.csat(),
            QuestionKind::Csi => self.csi(),
            QuestionKind::SingleChoice => self.single(),
            QuestionKind::MultipleChoice => self.multiple(),
            QuestionKind::FreeText => self.free_text(),
        }
    }

    fn nps(&self) -> El {
        let current = match self.answer {
            Some(Answer::Nps { score }) => Some(*score),
            _ => None,
        };
        let ends = "nps-low nps-high".to_string();
        el("div")
            .a("class", "scale nps")
            .c(el("div")
                .a("class", "scale-row")
                .a("role", "radiogroup")
                .a("aria-labelledby", QUESTION_TEXT_ID)
                .a("aria-describedby", self.described_by.as_ref().map(|d| format!("{ends} {d}")).unwrap_or(ends))
                .a("aria-required", self.q.required.to_string())
                .ao("aria-invalid", self.invalid())
                .a("data-tap", "")
                .cs((0..=10u8).map(|n| {
                    let described = match n {
                        0 => Some("nps-low".to_string()),
                        10 => Some("nps-high".to_string()),
                        _ => None,
                    };
                    radio("nps", format!("nps-{n}"), current == Some(n), "nps-option", format!("nps:{n}"), described, None, vec![text(n.to_string())])
                })))
            .co(self.q.labels.as_ref().map(|l| {
                el("div")
                    .a("class", "scale-ends")
                    .a("aria-hidden", "false")
                    .c(el("span").a("id", "nps-low").a("lang", l.low.get_with_lang(self.lang).1.tag()).t("0 = ").t(l.low.get(self.lang)))
                    .c(el("span").a("id", "nps-high").a("lang", l.high.get_with_lang(self.lang).1.tag()).t("10 = ").t(l.high.get(self.lang)))
            }))
    }

    fn csat(&self) -> El {
        let s = self.lang.strings();
        let current = match self.answer {
            Some(Answer::Csat { score }) => Some(*score),
            _ => None,
        };
        el("div")
            .a("class", "scale csat")
            .a("role", "radiogroup")
            .a("aria-labelledby", QUESTION_TEXT_ID)
            .ao("aria-describedby", self.described_by.clone())
            .a("aria-required", self.q.required.to_string())
            .ao("aria-invalid", self.invalid())
            .a("data-tap", "")
            .cs((1..=5u8).map(|n| {
                let word = el("span").a("class", "face-word").t(s.csat_words[usize::from(n - 1)]);
                radio("csat", format!("csat-{n}"), current == Some(n), "csat-option", format!("csat:{n}"), None, None, vec![face(n).into(), word.into()])
            }))
    }

    fn csi(&self) -> El {
        let s = self.lang.strings();
        let empty = BTreeMap::new();
        let ratings = match self.answer {
            Some(Answer::Csi { ratings }) => ratings,
            _ => &empty,
        };
        let unrated = |id: &str| match self.issue {
            Some(Issue::RowsMissing(missing)) => missing.iter().any(|m| m == id),
            Some(Issue::Required) => true,
            _ => false,
        };
        el("div")
            .a("class", "csi")
            .c(el("p").a("class", "scale-hint").a("id", "csi-hint").t(s.csi_scale_hint))
            .cs(self.q.rows.iter().flatten().map(|row| {
                let row_label = format!("csi-row-{}", row.id);
                let (t, tl) = row.text.get_with_lang(self.lang);
                let missing = unrated(&row.id);
                let described = match (&self.described_by, missing) {
                    (Some(d), true) => format!("csi-hint {d}"),
                    _ => "csi-hint".to_string(),
                };
                el("div")
                    .a("class", "csi-row")
                    .c(el("span").a("class", "csi-label").a("id", row_label.clone()).a("lang", tl.tag()).t(t))
                    .c(el("div")
                        .a("class", "scale-row")
                        .a("role", "radiogroup")
                        .a("aria-labelledby", row_label)
                        .a("aria-describedby", described)
                        .a("aria-required", self.q.required.to_string())
                        .ao("aria-invalid", missing.then_some("true"))
                        .cs((1..=5u8).map(|n| {
                            radio(
                                &format!("csi-{}", row.id),
                                format!("csi-{}-{n}", row.id),
                                ratings.get(&row.id) == Some(&n),
                                "csi-option",
                                format!("csi:{}:{n}", row.id),
                                None,
                                None,
                                vec![text(n.to_string())],
                            )
                        })))
                    .into()
            }))
    }

    fn single(&self) -> El {
        let current = match self.answer {
            Some(Answer::SingleChoice { option }) => Some(option.as_str()),
            _ => None,
        };
        el("div")
            .a("class", "options")
            .a("role", "radiogroup")
            .a("aria-labelledby", QUESTION_TEXT_ID)
            .ao("aria-describedby", self.described_by.clone())
            .a("aria-required", self.q.required.to_string())
            .ao("aria-invalid", self.invalid())
            .a("data-tap", "")
            .cs(self.q.options.iter().flatten().map(|o| {
                let (t, tl) = o.text.get_with_lang(self.lang);
                radio(
                    &self.q.id,
                    format!("opt-{}-{}", self.q.id, o.id),
                    current == Some(o.id.as_str()),
                    "option",
                    format!("one:{}", o.id),
                    None,
                    Some(tl.tag()),
                    vec![text(t)],
                )
            }))
    }

    fn multiple(&self) -> El {
        let s = self.lang.strings();
        let (chosen, other): (&[String], Option<&String>) = match self.answer {
            Some(Answer::MultipleChoice { options, other }) => (options, other.as_ref()),
            _ => (&[], None),
        };
        let other_id = format!("other-{}", self.q.id);
        let other_empty = matches!(self.issue, Some(Issue::OtherEmpty));
        let mut set = el("fieldset")
            .a("class", "options multiple")
            .ao("aria-describedby", self.described_by.clone())
            .ao("aria-invalid", matches!(self.issue, Some(Issue::Required)).then_some("true"))
            .c(el("legend").a("class", "visually-hidden").t(self.q.text.get(self.lang)))
            .cs(self.q.options.iter().flatten().map(|o| {
                let id = format!("opt-{}-{}", self.q.id, o.id);
                let (t, tl) = o.text.get_with_lang(self.lang);
                el("span")
                    .a("class", "choice option")
                    .c(el("input").a("type", "checkbox").a("id", id.clone()).a("checked", chosen.contains(&o.id).to_string()).a("data-pick", format!("many:{}", o.id)))
                    .c(el("label").a("for", id).c(el("span").a("lang", tl.tag()).t(t)))
                    .into()
            }));
        if self.q.other {
            set = set.c(el("span")
                .a("class", "choice option")
                .c(el("input").a("type", "checkbox").a("id", format!("{other_id}-toggle")).a("checked", other.is_some().to_string()).a("data-pick", "other"))
                .c(el("label").a("for", format!("{other_id}-toggle")).t(s.other)));
            if let Some(t) = other {
                set = set.c(el("label")
                    .a("class", "field")
                    .a("for", other_id.clone())
                    .c(el("span").a("class", "field-label").t(s.other_details))
                    .c(el("input")
                        .a("type", "text")
                        .a("id", other_id)
                        .a("value", t.clone())
                        .a("maxlength", "200")
                        .a("autocomplete", "off")
                        .ao("aria-invalid", other_empty.then_some("true"))
                        .ao("aria-describedby", other_empty.then(|| self.described_by.clone()).flatten())
                        .a("data-text", "other")));
            }
        }
        set
    }

    fn free_text(&self) -> El {
        let s = self.lang.strings();
        let max = text_limit(self.q);
        let t = match self.answer {
            Some(Answer::FreeText { text }) => text.as_str(),
            _ => "",
        };
        let used = t.chars().count();
        let counter_id = format!("count-{}", self.q.id);
        let described = match &self.described_by {
            Some(d) => format!("{counter_id} {d}"),
            None => counter_id.clone(),
        };
        let limit = crate::feedback::form::limit_note(used, max).map(|n| match n {
            crate::feedback::form::LimitNote::Near => (s.limit_near)(max),
            crate::feedback::form::LimitNote::Reached => (s.limit_reached)(max),
            crate::feedback::form::LimitNote::Over => (s.limit_over)(max),
        });
        el("div")
            .a("class", "free-text")
            .c(el("textarea")
                .a("id", format!("text-{}", self.q.id))
                .a("class", "textarea")
                .a("rows", "5")
                .a("aria-labelledby", QUESTION_TEXT_ID)
                .a("aria-describedby", described)
                .a("aria-required", self.q.required.to_string())
                .ao("aria-invalid", self.invalid())
                .a("value", t)
                .a("data-text", "free"))
            .c(el("p").a("class", if used > max as usize { "counter over" } else { "counter" }).a("id", counter_id).t((s.chars_used)(used, max)))
            .c(el("p").a("class", "visually-hidden limit-status").a("role", "status").co(limit.map(text)))
    }
}

fn face(score: u8) -> El {
    let mouth = crate::survey::csat_mouth(score);
    svg("svg")
        .a("class", "face")
        .a("viewBox", "0 0 24 24")
        .a("aria-hidden", "true")
        .a("focusable", "false")
        .c(svg("circle").a("cx", "12").a("cy", "12").a("r", "10").a("class", "face-bg"))
        .c(svg("circle").a("cx", "8.5").a("cy", "9.5").a("r", "1.3").a("class", "face-eye"))
        .c(svg("circle").a("cx", "15.5").a("cy", "9.5").a("r", "1.3").a("class", "face-eye"))
        .c(svg("path").a("d", mouth).a("class", "face-mouth"))
}

fn thank_you(p: &Page) -> Node {
    let s = p.s();
    let shared = p.store.shared_device();
    el("section")
        .a("class", "thank-you")
        .a("aria-labelledby", HEADING_ID)
        .ao("data-record-id", p.handed.as_ref().map(|h| h.id.clone()))
        .c(el("div").a("class", "thank-you-mark").a("aria-hidden", "true").t("✓"))
        .c(heading(s.thank_you_title))
        .c(el("p").a("class", "thank-you-body").t(s.thank_you_body))
        .co(read_aloud(p))
        .c(el("a").a("class", "button primary").a("href", Route::Home.href()).ao("data-on", shared.then_some("end-visit")).t(s.back_home))
        .cs(p.countdown.iter().flat_map(|c| {
            let line = if c.paused {
                el("p").a("class", "countdown-paused").t(s.ty_paused)
            } else {
                el("p").a("class", "countdown").t((s.back_home_in)(c.left))
            };
            let pause = el("button").a("type", "button").a("class", "button thank-you-pause").a("data-on", "pause").t(if c.paused { s.ty_resume } else { s.ty_pause });
            [line.into(), pause.into()]
        }))
        .into()
}

fn idle_warning(p: &Page, left: u32) -> El {
    let s = p.s();
    let warn = p.idle_limit().map_or(0, |l| crate::kiosk::warn_for(p.mode, l));
    let spoken = crate::kiosk::spoken_left(left).map(s.idle_left);
    el("div").a("class", "idle-backdrop").a("data-on", "extend").c(el("div")
        .a("class", "idle-dialog")
        .a("role", "alertdialog")
        .a("aria-modal", "true")
        .a("aria-labelledby", "idle-title")
        .a("aria-describedby", "idle-body")
        .c(el("h2").a("id", "idle-title").t(s.idle_title))
        .c(el("p").a("id", "idle-body").t((s.idle_body)(warn)))
        .c(el("p").a("class", "idle-countdown").a("aria-hidden", "true").t((s.idle_left)(left)))
        .c(el("p").a("class", "visually-hidden").a("role", "status").co(spoken.map(text)))
        .c(el("button").a("type", "button").a("id", "idle-more-time").a("class", "button primary idle-more-time").t(s.idle_more_time)))
}

fn closed_screen(p: &Page) -> Node {
    let s = p.s();
    let lang = p.lang;
    let now = platform::now_ms();
    let Some((hours, offset)) = p.store.hours_at(now) else { return el("section").into() };
    let today = local_from_millis(now, offset).day;
    let today_wd = weekday(today);
    let note = hours.exception(today).and_then(|e| e.note.as_ref()).map(|n| n.get_with_lang(lang));
    let mut today_line = el("p")
        .a("class", "hours-today")
        .a("data-field", "hours-today")
        .c(el("strong").t(s.hours_today).t(" · ").t(s.weekdays[today_wd]))
        .t(" ")
        .t(crate::i18n::hours_text(s, hours.spans_on(today)));
    if let Some((n, nl)) = note {
        today_line = today_line.t(" ").c(el("span").a("class", "hours-note").a("lang", nl.tag()).t(format!("({n})")));
    }
    let mut section = el("section")
        .a("class", "closed")
        .a("aria-labelledby", HEADING_ID)
        .c(heading(s.hours_closed_title))
        .c(el("p").a("class", "closed-body").t(s.hours_closed_body))
        .c(el("div")
            .a("class", "panel closed-hours")
            .c(today_line)
            .c(el("h2").t(s.hours_week))
            .c(el("dl").a("class", "hours-week").a("data-field", "hours-week").cs((0..7).map(|wd| {
                el("div")
                    .a("class", if wd == today_wd { "hours-day is-today" } else { "hours-day" })
                    .c(el("dt").t(s.weekdays[wd]))
                    .c(el("dd").t(crate::i18n::hours_text(s, hours.weekday(wd))))
                    .into()
            }))));
    if p.store.offers(Journey::Wayfinding) {
        section = section
            .c(el("p").a("class", "closed-wayfinding").t(s.hours_wayfinding))
            .c(journey_link(Journey::Wayfinding, s.journey_wayfinding, None, s.journey_wayfinding_hint));
    }
    section.into()
}


/// The config cannot be used: what is wrong, in the language the address or browser asks
/// for (`pages::config_error`).
pub fn config_error(why: &Unusable) {
    let Some(doc) = document() else { return };
    let Some(root) = doc.get_element_by_id("app") else { return };
    let (lang, mode) = crate::launch::without_config(&dom::location_search(), dom::browser_lang());
    dom::set_document_lang(lang);
    dom::set_document_mode(mode);
    let s = lang.strings();
    let problems: Vec<Node> = match why {
        Unusable::Fetch(crate::config::FetchError::TimedOut { after_s }) => vec![el("p").a("class", "problem-single").t((s.config_timed_out)(*after_s)).into()],
        Unusable::Fetch(e) => vec![el("p").a("class", "problem-single").t((s.config_load_failed)(&e.to_string())).into()],
        Unusable::Invalid(list) => vec![
            el("p").t(s.config_error_intro).into(),
            el("ol")
                .a("class", "problems")
                .cs(list.iter().map(|pr| {
                    el("li")
                        .a("class", "problem")
                        .co((!pr.path.is_empty()).then(|| el("code").a("class", "problem-path").a("lang", "en").a("translate", "no").t(pr.path.clone())))
                        .c(el("span").a("class", "problem-reason").t((s.problem)(&pr.kind)))
                        .into()
                }))
                .into(),
        ],
    };
    let screen = el("main").a("class", "boot config-error").c(el("div")
        .a("role", "alert")
        .c(el("h1").t(s.config_error_title))
        .cs(problems)
        .c(el("p").a("class", "hint").t(s.config_error_staff_hint)));
    patch(&doc, &root, &[screen.into()]);
}
