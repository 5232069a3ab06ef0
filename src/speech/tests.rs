use super::*;
use crate::config::{parse, SAMPLE_CONFIG};

fn v(lang: &str, name: &str, default: bool, local: bool) -> Voice {
    Voice { lang: lang.into(), name: name.into(), uri: format!("uri:{name}"), default, local }
}

fn texts(p: &[Piece]) -> Vec<(Lang, &str)> {
    p.iter().map(|p| (p.lang, p.text.as_str())).collect()
}

#[test]
fn tags_fit_their_languages() {
    for (tag, hans, hant, en) in [
        ("zh-CN", Some(0), None, None),
        ("zh_CN", Some(0), None, None),
        ("cmn-Hans-CN", Some(0), None, None),
        ("zh", Some(1), None, None),
        ("zh-SG", Some(1), None, None),
        ("zh-Hans", Some(1), None, None),
        ("zh-TW", None, Some(0), None),
        ("zh-HK", None, Some(0), None),
        ("yue-HK", None, Some(0), None),
        ("zh-Hant", None, Some(1), None),
        ("zh-MO", None, Some(1), None),
        ("en-US", None, None, Some(0)),
        ("en-GB", None, None, Some(0)),
        ("EN", None, None, Some(0)),
        ("fr-FR", None, None, None),
        ("", None, None, None),
    ] {
        assert_eq!(fit(tag, Lang::ZhHans), hans, "{tag} zh-Hans");
        assert_eq!(fit(tag, Lang::ZhHant), hant, "{tag} zh-Hant");
        assert_eq!(fit(tag, Lang::En), en, "{tag} en");
    }
}

#[test]
fn exact_voice_before_same_language_then_local_then_default() {
    let voices = [
        v("zh-SG", "sg", true, true),
        v("zh-CN", "remote-cn", false, false),
        v("zh-CN", "local-cn", false, true),
        v("zh-TW", "tw", false, true),
        v("en-GB", "gb", false, true),
        v("en-US", "us-default", true, true),
    ];
    assert_eq!(choose_voice(&voices, Lang::ZhHans).map(|v| v.name.as_str()), Some("local-cn"));
    assert_eq!(choose_voice(&voices, Lang::ZhHant).map(|v| v.name.as_str()), Some("tw"));
    assert_eq!(choose_voice(&voices, Lang::En).map(|v| v.name.as_str()), Some("us-default"));
    // Only the same language: that one; a remote exact voice still beats it.
    assert_eq!(choose_voice(&voices[..1], Lang::ZhHans).map(|v| v.name.as_str()), Some("sg"));
    assert_eq!(choose_voice(&voices[..2], Lang::ZhHans).map(|v| v.name.as_str()), Some("remote-cn"));
}

#[test]
fn no_voice_for_a_language_means_no_reading() {
    let en_only = [v("en-US", "us", true, true)];
    assert_eq!(choose_voice(&en_only, Lang::ZhHans), None);
    assert_eq!(choose_voice(&en_only, Lang::ZhHant), None);
    assert!(choose_voice(&en_only, Lang::En).is_some());
    assert_eq!(choose_voice(&[], Lang::En), None);
    // Simplified text is never given to a Traditional-only voice, nor the other way round.
    assert_eq!(choose_voice(&[v("zh-TW", "tw", true, true)], Lang::ZhHans), None);
    assert_eq!(choose_voice(&[v("zh-CN", "cn", true, true)], Lang::ZhHant), None);
}

#[test]
fn large_mode_reads_slower() {
    assert_eq!(rate(Mode::Standard), 1.0);
    assert!(rate(Mode::Large) < rate(Mode::Standard));
}

#[test]
fn nps_question_reads_text_and_scale_in_each_language() {
    let cfg = parse(SAMPLE_CONFIG).expect("sample");
    let nps = &cfg.survey.questions[0];
    assert_eq!(
        texts(&question(nps, Lang::En)),
        [
            (Lang::En, "How likely are you to recommend us to a friend?"),
            (Lang::En, "0 to 10, 0, Not at all likely, 10, Extremely likely"),
        ]
    );
    assert_eq!(
        texts(&question(nps, Lang::ZhHans)),
        [(Lang::ZhHans, "您有多大可能把我们推荐给朋友？"), (Lang::ZhHans, "0 到 10 分，0 分表示完全不可能，10 分表示非常可能")]
    );
}

#[test]
fn choice_csat_and_csi_questions_read_their_options() {
    let cfg = parse(SAMPLE_CONFIG).expect("sample");
    let by_id = |id: &str| cfg.survey.questions.iter().find(|q| q.id == id).expect(id);
    let csat = question(by_id("satisfaction"), Lang::En);
    assert_eq!(csat[1].text, "Very dissatisfied, Dissatisfied, Neither, Satisfied, Very satisfied");
    let multi = question(by_id("went-wrong"), Lang::En);
    assert_eq!(multi.len(), 2);
    assert!(multi[1].text.ends_with(", Other"), "{}", multi[1].text);
    let csi = question(by_id("csi"), Lang::ZhHans);
    assert_eq!(csi[1].text, Lang::ZhHans.strings().csi_scale_hint);
    assert!(csi[2].text.contains('，'), "{}", csi[2].text);
    assert_eq!(question(by_id("suggestion"), Lang::En).len(), 1);
}

#[test]
fn a_text_shown_in_its_fallback_language_is_read_in_that_language() {
    let cfg = parse(SAMPLE_CONFIG).expect("sample");
    let mut q = cfg.survey.questions[0].clone();
    q.text.en = None;
    let p = question(&q, Lang::En);
    assert_eq!(p[0].lang, Lang::ZhHans, "the fallback text is Chinese");
    assert_eq!(p[1].lang, Lang::En);
    // With only an English voice, the Chinese piece is left out, not read as noise.
    let planned = plan(&p, &[v("en_US", "us", true, true)]);
    assert_eq!(planned.len(), 1);
    assert_eq!(planned[0].lang, "en-US");
    assert_eq!(planned[0].voice_uri, "uri:us");
}

#[test]
fn feedback_steps_read_heading_and_choices() {
    let cfg = parse(SAMPLE_CONFIG).expect("sample");
    let kind = feedback_step(FeedbackStep::Kind, &cfg.feedback, Lang::En);
    assert_eq!(kind[0].text, "What would you like to tell us?");
    assert!(kind[1].text.starts_with("Complaint: Something went wrong, Praise: "), "{}", kind[1].text);
    let cat = feedback_step(FeedbackStep::Category, &cfg.feedback, Lang::ZhHans);
    assert_eq!(cat[1].text, "服务，商品，流程与政策，环境与设施，其他");
    let consent = feedback_step(FeedbackStep::Consent, &cfg.feedback, Lang::En);
    assert!(consent[1].text.starts_with("I agree"));
    assert_eq!(feedback_step(FeedbackStep::Text, &cfg.feedback, Lang::En).len(), 1);
}

#[test]
fn references_are_spelled_character_by_character() {
    assert_eq!(spell("A7K2-M9PQ-3", Lang::En), "A 7 K 2, M 9 P Q, 3");
    assert_eq!(spell("A7K2-M9PQ-3", Lang::ZhHans), "A 7 K 2，M 9 P Q，3");
    let p = thank_you(Lang::En, Some("A7K2-M9PQ-3"), None);
    assert_eq!(
        texts(&p),
        [
            (Lang::En, "Thank you!"),
            (Lang::En, "We have your feedback."),
            (Lang::En, "Your reference number"),
            (Lang::En, "A 7 K 2, M 9 P Q, 3"),
            (Lang::En, "Quote this number to staff to follow up."),
        ]
    );
    assert_eq!(thank_you(Lang::En, None, None).len(), 2);
}

#[test]
fn route_reads_heading_then_each_line() {
    let p = route(Lang::En, "Route to Café", &["Walk about 20 m".into(), "Café is on your left".into()]);
    assert_eq!(p.iter().map(|p| p.text.as_str()).collect::<Vec<_>>(), ["Route to Café", "Walk about 20 m", "Café is on your left"]);
}
