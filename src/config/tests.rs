//! One test per kind of config problem, each on a copy of the sample store with one thing
//! broken, checking the JSON path and the kind reported.

use super::*;
use crate::lang::Lang;
use serde_json::{json, Value};

fn sample_value() -> Value {
    serde_json::from_str(SAMPLE_CONFIG).expect("sample is JSON")
}

fn problems_after(edit: impl FnOnce(&mut Value)) -> Vec<Problem> {
    let mut v = sample_value();
    edit(&mut v);
    parse(&v.to_string()).expect_err("config should be refused")
}

fn only(problems: Vec<Problem>) -> Problem {
    assert_eq!(problems.len(), 1, "expected exactly one problem, got {problems:#?}");
    problems.into_iter().next().unwrap_or_else(|| unreachable!())
}

#[test]
fn sample_config_is_valid() {
    let c = parse(SAMPLE_CONFIG).unwrap_or_else(|p| panic!("sample config has problems: {p:#?}"));
    assert_eq!(c.map.floors.len(), 2);
    assert!(c.touchpoints.iter().any(|t| t.kind == TouchpointKind::ServiceDesk && t.mode == Some(Mode::Large)));
    assert!(c.touchpoints.iter().any(|t| t.kind == TouchpointKind::Qr));
    assert!(c.touchpoints.iter().any(|t| t.kind == TouchpointKind::ExitKiosk));
    // every text in the sample is in all three languages
    let texts = [&c.store.name, &c.survey.title, &c.feedback.consent];
    for t in texts {
        assert!(t.missing().is_empty());
    }
}

#[test]
fn syntax_error_reports_line_and_column() {
    let p = only(parse("{\n  \"version\": 1,\n  oops\n}").expect_err("bad JSON"));
    assert_eq!(p.path, "");
    assert_eq!(p.kind, ProblemKind::Syntax { line: 3, column: 3 });
}

#[test]
fn empty_file_is_a_syntax_error() {
    let p = only(parse("").expect_err("empty"));
    assert!(matches!(p.kind, ProblemKind::Syntax { .. }));
}

#[test]
fn trailing_garbage_is_a_syntax_error() {
    let p = only(parse(&format!("{SAMPLE_CONFIG} x")).expect_err("trailing"));
    assert!(matches!(p.kind, ProblemKind::Syntax { .. }), "{p:?}");
}

#[test]
fn all_unknown_fields_are_listed_with_paths() {
    let ps = problems_after(|v| {
        v["store"]["brand"]["colour"] = json!("#fff");
        v["touchpoints"][1]["nmae"] = json!("x");
        v["store"]["name"]["fr"] = json!("Magasin");
    });
    let paths: Vec<_> = ps.iter().map(|p| (p.path.as_str(), p.kind.clone())).collect();
    assert!(paths.contains(&("store.brand.colour", ProblemKind::UnknownField { field: "colour".into() })), "{paths:?}");
    assert!(paths.contains(&("touchpoints[1].nmae", ProblemKind::UnknownField { field: "nmae".into() })), "{paths:?}");
    assert!(paths.contains(&("store.name.fr", ProblemKind::UnknownField { field: "fr".into() })), "{paths:?}");
    assert_eq!(ps.len(), 3);
}

#[test]
fn unknown_top_level_field() {
    let p = only(problems_after(|v| v["endpiont"] = json!({})));
    assert_eq!(p.path, "endpiont");
}

#[test]
fn missing_field() {
    let p = only(problems_after(|v| {
        v["touchpoints"][2].as_object_mut().map(|o| o.remove("kind"));
    }));
    assert_eq!(p.path, "touchpoints[2].kind");
    assert_eq!(p.kind, ProblemKind::MissingField { field: "kind".into() });
}

#[test]
fn wrong_type() {
    let p = only(problems_after(|v| v["map"]["floors"][1]["level"] = json!("two")));
    assert_eq!(p.path, "map.floors[1].level");
    assert!(matches!(p.kind, ProblemKind::WrongType { ref found, .. } if found.contains("two")), "{p:?}");
}

#[test]
fn unknown_enum_value() {
    let p = only(problems_after(|v| v["touchpoints"][0]["mode"] = json!("huge")));
    assert_eq!(p.path, "touchpoints[0].mode");
    match p.kind {
        ProblemKind::UnknownValue { found, allowed } => {
            assert_eq!(found, "huge");
            assert_eq!(allowed, vec!["standard".to_string(), "large".to_string()]);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn unsupported_version() {
    let p = only(problems_after(|v| v["version"] = json!(7)));
    assert_eq!(p.path, "version");
    assert_eq!(p.kind, ProblemKind::UnsupportedVersion { found: 7, supported: 1 });
}

#[test]
fn http_endpoint_is_refused_except_on_this_machine() {
    let p = only(problems_after(|v| v["endpoint"]["url"] = json!("http://collector.example.com/events")));
    assert_eq!(p.path, "endpoint.url");
    assert_eq!(p.kind, ProblemKind::InsecureEndpoint);
    for ok in [
        "https://collector.example.com/events",
        "HTTPS://x.example/",
        "http://localhost:8080/api",
        "http://127.0.0.1/api",
        "http://[::1]:9000/",
        "http://localhost",
    ] {
        assert_eq!(validate::check_endpoint_url(ok), Ok(()), "{ok}");
    }
    for insecure in ["http://localhost.evil.com/", "http://127.0.0.2/", "http://example.com/"] {
        assert_eq!(validate::check_endpoint_url(insecure), Err(ProblemKind::InsecureEndpoint), "{insecure}");
    }
}

#[test]
fn invalid_endpoint_url() {
    let p = only(problems_after(|v| v["endpoint"]["url"] = json!("ftp://x/")));
    assert_eq!(p.kind, ProblemKind::InvalidUrl);
    // Credentials in an address are refused outright: config.json is public.
    for bad in ["", "/api/events", "https://", "https:// x", "https:///path", "http://[::1/", "http://user@example.com/", "https://u:p@example.com/"] {
        assert_eq!(validate::check_endpoint_url(bad), Err(ProblemKind::InvalidUrl), "{bad:?}");
    }
}

#[test]
fn invalid_color() {
    let p = only(problems_after(|v| v["store"]["brand"]["color"] = json!("red")));
    assert_eq!((p.path.as_str(), p.kind), ("store.brand.color", ProblemKind::InvalidColor));
    assert!(validate::is_valid_color("#ABC"));
    assert!(!validate::is_valid_color("#abcd"));
    assert!(!validate::is_valid_color("#gggggg"));
}

#[test]
fn invalid_id_format() {
    let ps = problems_after(|v| v["map"]["places"][0]["id"] = json!("Main Entrance"));
    assert_eq!(ps, vec![Problem::new("map.places[0].id", ProblemKind::InvalidId)]);
    assert!(validate::is_valid_id("checkout-3"));
    assert!(!validate::is_valid_id("-x"));
    assert!(!validate::is_valid_id(""));
    assert!(!validate::is_valid_id(&"a".repeat(65)));
}

#[test]
fn duplicate_id() {
    let p = only(problems_after(|v| v["feedback"]["categories"][1]["id"] = json!("service")));
    assert_eq!(p.path, "feedback.categories[1].id");
    assert_eq!(p.kind, ProblemKind::DuplicateId { id: "service".into() });
}

#[test]
fn unknown_reference() {
    let ps = problems_after(|v| {
        v["map"]["places"][3]["floor"] = json!("9f");
        v["defaults"]["touchpoint"] = json!("kiosk-99");
    });
    assert!(ps.contains(&Problem::new("map.places[3].floor", ProblemKind::UnknownReference { id: "9f".into() })));
    assert!(ps.contains(&Problem::new("defaults.touchpoint", ProblemKind::UnknownReference { id: "kiosk-99".into() })));
    assert_eq!(ps.len(), 2);
}

#[test]
fn empty_text() {
    let p = only(problems_after(|v| v["store"]["name"] = json!({ "en": "  " })));
    assert_eq!((p.path.as_str(), p.kind), ("store.name", ProblemKind::EmptyText));
}

#[test]
fn empty_list() {
    let ps = problems_after(|v| v["touchpoints"] = json!([]));
    assert!(ps.contains(&Problem::new("touchpoints", ProblemKind::EmptyList)), "{ps:?}");
}

#[test]
fn out_of_range() {
    let p = only(problems_after(|v| v["feedback"]["max_length"] = json!(0)));
    assert_eq!(p.kind, ProblemKind::OutOfRange { min: 1.0, max: 10_000.0 });
}

#[test]
fn unsafe_logo_link() {
    let p = only(problems_after(|v| v["store"]["brand"]["logo"] = json!("javascript:alert(1)")));
    assert_eq!((p.path.as_str(), p.kind), ("store.brand.logo", ProblemKind::UnsafeLink));
    assert!(validate::is_safe_link("img/logo.svg"));
    assert!(validate::is_safe_link("https://cdn.example.com/l.png"));
    assert!(!validate::is_safe_link("data:image/svg+xml,<svg/>"));
    assert!(!validate::is_safe_link("//evil.example/l.png"));
}

#[test]
fn invalid_token() {
    let p = only(problems_after(|v| v["touchpoints"][0]["token"] = json!("two words")));
    assert_eq!((p.path.as_str(), p.kind), ("touchpoints[0].token", ProblemKind::InvalidToken));
}

#[test]
fn many_semantic_problems_are_listed_together() {
    let ps = problems_after(|v| {
        v["store"]["brand"]["color"] = json!("red");
        v["endpoint"]["url"] = json!("http://example.com");
        v["version"] = json!(2);
    });
    assert_eq!(ps.len(), 3, "{ps:#?}");
}

#[test]
fn text_fallback_order() {
    let t = Text { zh_hans: Some("简".into()), zh_hant: None, en: Some("en".into()) };
    assert_eq!(t.get_with_lang(Lang::ZhHant), ("简", Lang::ZhHans));
    let t = Text { zh_hans: None, zh_hant: Some("繁".into()), en: Some("en".into()) };
    assert_eq!(t.get_with_lang(Lang::ZhHans), ("繁", Lang::ZhHant));
    assert_eq!(t.get_with_lang(Lang::En), ("en", Lang::En));
    let t = Text { zh_hans: None, zh_hant: Some("繁".into()), en: None };
    assert_eq!(t.get_with_lang(Lang::En), ("繁", Lang::ZhHant));
    assert_eq!(t.missing(), vec![Lang::ZhHans, Lang::En]);
}

#[test]
fn every_problem_kind_has_words_in_every_language() {
    let kinds = vec![
        ProblemKind::Syntax { line: 1, column: 2 },
        ProblemKind::UnknownField { field: "f".into() },
        ProblemKind::MissingField { field: "f".into() },
        ProblemKind::WrongType { found: "a".into(), expected: "b".into() },
        ProblemKind::UnknownValue { found: "a".into(), allowed: vec!["b".into()] },
        ProblemKind::Invalid { detail: "d".into() },
        ProblemKind::UnsupportedVersion { found: 2, supported: 1 },
        ProblemKind::InsecureEndpoint,
        ProblemKind::InvalidUrl,
        ProblemKind::InvalidColor,
        ProblemKind::InvalidId,
        ProblemKind::DuplicateId { id: "x".into() },
        ProblemKind::UnknownReference { id: "x".into() },
        ProblemKind::EmptyText,
        ProblemKind::EmptyList,
        ProblemKind::OutOfRange { min: 0.0, max: 1.0 },
        ProblemKind::UnsafeLink,
        ProblemKind::InvalidToken,
        ProblemKind::FieldNotUsed { field: "f".into(), kind: "k".into() },
        ProblemKind::FieldRequired { field: "f".into(), kind: "k".into() },
        ProblemKind::ForwardReference { id: "x".into() },
        ProblemKind::ImpossibleCondition,
        ProblemKind::InvalidCondition,
        ProblemKind::FloorChangeWithoutConnector,
        ProblemKind::LengthNeeded,
        ProblemKind::Unreachable { from: "x".into() },
        ProblemKind::InvalidTime,
        ProblemKind::InvalidDate,
        ProblemKind::InvalidUtcOffset,
        ProblemKind::EmptySpan,
        ProblemKind::DuplicateDate { date: "2026-10-01".into() },
    ];
    for lang in Lang::ALL {
        for k in &kinds {
            let s = (lang.strings().problem)(k);
            assert!(s.chars().count() > 5, "{lang:?} {k:?}");
        }
    }
}

#[test]
fn a_bad_optional_value_does_not_hide_the_problems_after_it() {
    let ps = problems_after(|v| {
        v["touchpoints"][0]["mode"] = json!("huge");
        v["touchpoints"][1]["mode"] = json!(3);
        v["endpoint"]["url"] = json!("http://collector.example.com/");
        v["store"]["brand"]["colour"] = json!("#fff");
    });
    let paths: Vec<&str> = ps.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(ps.len(), 4, "{ps:#?}");
    for want in ["touchpoints[0].mode", "touchpoints[1].mode", "endpoint.url", "store.brand.colour"] {
        assert!(paths.contains(&want), "{want} missing from {paths:?}");
    }
}

#[test]
fn a_bad_required_value_is_reported_once() {
    let ps = problems_after(|v| {
        v["version"] = json!("one");
    });
    assert_eq!(ps.len(), 1, "{ps:#?}");
    assert!(matches!(ps[0].kind, ProblemKind::WrongType { .. }));
}

// ---- the questionnaire's own rules ----------------------------------------------------

fn question_index(v: &Value, id: &str) -> usize {
    v["survey"]["questions"].as_array().and_then(|a| a.iter().position(|q| q["id"] == id)).expect("question")
}

#[test]
fn field_not_used_by_question_type() {
    let ps = problems_after(|v| {
        let i = question_index(v, "satisfaction");
        v["survey"]["questions"][i]["options"] = json!([{ "id": "x", "text": { "en": "X" } }]);
    });
    let p = only(ps);
    assert_eq!(p.path, "survey.questions[3].options");
    assert_eq!(p.kind, ProblemKind::FieldNotUsed { field: "options".into(), kind: "csat".into() });
}

#[test]
fn field_required_by_question_type() {
    let p = only(problems_after(|v| {
        let i = question_index(v, "liked-most");
        v["survey"]["questions"][i].as_object_mut().map(|o| o.remove("options"));
    }));
    assert_eq!(p.kind, ProblemKind::FieldRequired { field: "options".into(), kind: "single-choice".into() });
}

#[test]
fn empty_option_list() {
    let p = only(problems_after(|v| {
        let i = question_index(v, "went-wrong");
        v["survey"]["questions"][i]["options"] = json!([]);
    }));
    assert_eq!((p.path.as_str(), p.kind), ("survey.questions[1].options", ProblemKind::EmptyList));
}

#[test]
fn condition_on_unknown_question() {
    let p = only(problems_after(|v| {
        let i = question_index(v, "went-wrong");
        v["survey"]["questions"][i]["show_if"]["question"] = json!("nsp");
    }));
    assert_eq!(p.path, "survey.questions[1].show_if.question");
    assert_eq!(p.kind, ProblemKind::UnknownReference { id: "nsp".into() });
}

#[test]
fn condition_on_a_later_question() {
    let p = only(problems_after(|v| {
        let i = question_index(v, "went-wrong");
        v["survey"]["questions"][i]["show_if"] = json!({ "question": "satisfaction", "at_most": 2 });
    }));
    assert_eq!(p.kind, ProblemKind::ForwardReference { id: "satisfaction".into() });
}

#[test]
fn condition_on_itself() {
    let p = only(problems_after(|v| {
        let i = question_index(v, "went-wrong");
        v["survey"]["questions"][i]["show_if"] = json!({ "question": "went-wrong", "any_of": ["price"] });
    }));
    assert_eq!(p.kind, ProblemKind::ForwardReference { id: "went-wrong".into() });
}

#[test]
fn impossible_condition_values() {
    let ps = problems_after(|v| {
        let i = question_index(v, "went-wrong");
        v["survey"]["questions"][i]["show_if"] = json!({ "question": "nps", "at_least": 11 });
        let j = question_index(v, "liked-most");
        v["survey"]["questions"][j]["show_if"] = json!({ "question": "nps", "any_of": ["staff"] });
    });
    assert_eq!(
        ps,
        vec![
            Problem::new("survey.questions[1].show_if.at_least", ProblemKind::ImpossibleCondition),
            Problem::new("survey.questions[2].show_if.any_of", ProblemKind::ImpossibleCondition),
        ]
    );
}

#[test]
fn condition_with_unknown_option() {
    let p = only(problems_after(|v| {
        let i = question_index(v, "suggestion");
        v["survey"]["questions"][i]["show_if"] = json!({ "question": "went-wrong", "any_of": ["waiting", "parking"] });
    }));
    assert_eq!(p.path, "survey.questions[5].show_if.any_of[1]");
    assert_eq!(p.kind, ProblemKind::UnknownReference { id: "parking".into() });
}

#[test]
fn condition_needs_exactly_one_rule() {
    let p = only(problems_after(|v| {
        let i = question_index(v, "went-wrong");
        v["survey"]["questions"][i]["show_if"] = json!({ "question": "nps", "at_most": 6, "at_least": 0 });
    }));
    assert_eq!((p.path.as_str(), p.kind), ("survey.questions[1].show_if", ProblemKind::InvalidCondition));
}

#[test]
fn bad_csi_weight_and_duplicate_row() {
    let ps = problems_after(|v| {
        let i = question_index(v, "csi");
        v["survey"]["questions"][i]["rows"][0]["weight"] = json!(0);
        v["survey"]["questions"][i]["rows"][2]["id"] = json!("attitude");
    });
    assert!(ps.contains(&Problem::new("survey.questions[4].rows[0].weight", ProblemKind::OutOfRange { min: 0.0, max: 1000.0 })));
    assert!(ps.contains(&Problem::new("survey.questions[4].rows[2].id", ProblemKind::DuplicateId { id: "attitude".into() })));
}

#[test]
fn unknown_question_type() {
    let p = only(problems_after(|v| v["survey"]["questions"][0]["type"] = json!("stars")));
    assert_eq!(p.path, "survey.questions[0].type");
    assert!(matches!(p.kind, ProblemKind::UnknownValue { .. }));
}

// ---- walkways ------------------------------------------------------------------------------

/// The connection between floors that starts at `from`.
fn edge_index(v: &Value, from: &str) -> usize {
    v["map"]["edges"].as_array().and_then(|a| a.iter().position(|e| e["from"] == from && e["kind"] != "walk")).expect("edge")
}

#[test]
fn walk_edge_between_floors_is_refused() {
    let p = only(problems_after(|v| {
        let i = edge_index(v, "door-lift-a-1f");
        v["map"]["edges"][i]["kind"] = json!("walk");
    }));
    assert_eq!(p.kind, ProblemKind::FloorChangeWithoutConnector);
    assert!(p.path.starts_with("map.edges[") && p.path.ends_with("].kind"), "{}", p.path);
}

#[test]
fn connection_between_floors_needs_a_length() {
    let p = only(problems_after(|v| {
        let i = edge_index(v, "door-escalator-1f");
        v["map"]["edges"][i].as_object_mut().map(|o| o.remove("length"));
    }));
    assert_eq!(p.kind, ProblemKind::LengthNeeded);
}

#[test]
fn dangling_walkway_references() {
    let ps = problems_after(|v| {
        v["map"]["edges"][0]["to"] = json!("nowhere");
        v["map"]["places"][2]["node"] = json!("door-none");
        v["touchpoints"][0]["node"] = json!("gone");
    });
    assert!(ps.contains(&Problem::new("map.edges[0].to", ProblemKind::UnknownReference { id: "nowhere".into() })), "{ps:#?}");
    assert!(ps.contains(&Problem::new("map.places[2].node", ProblemKind::UnknownReference { id: "door-none".into() })));
    assert!(ps.contains(&Problem::new("touchpoints[0].node", ProblemKind::UnknownReference { id: "gone".into() })));
}

#[test]
fn a_place_nobody_can_walk_to() {
    let ps = problems_after(|v| {
        // cut the bakery's only connection
        let edges = v["map"]["edges"].as_array_mut().expect("edges");
        edges.retain(|e| e["from"] != "door-bakery");
    });
    // unreachable from each of the three touchpoints that offer wayfinding
    assert_eq!(ps.len(), 3, "{ps:#?}");
    assert!(ps.iter().all(|p| p.path == "map.places[4]" && matches!(p.kind, ProblemKind::Unreachable { .. })));
}

#[test]
fn a_wayfinding_touchpoint_needs_its_you_are_here_node() {
    let p = only(problems_after(|v| {
        v["touchpoints"][4].as_object_mut().map(|o| o.remove("node"));
    }));
    assert_eq!(p.path, "touchpoints[4].node");
    assert_eq!(p.kind, ProblemKind::FieldRequired { field: "node".into(), kind: "touchpoint".into() });
}

#[test]
fn only_stairs_is_allowed_but_step_free_has_no_route() {
    // Without the lift, 2F is reachable only by stairs and escalator: the config loads.
    let mut v = sample_value();
    let i = edge_index(&v, "door-lift-a-1f");
    v["map"]["edges"].as_array_mut().expect("edges").remove(i);
    assert!(parse(&v.to_string()).is_ok());
}

// ---- hostile configs (found by tests/config_mutation.rs) ------------------------------------

#[test]
fn a_key_that_is_not_a_plain_name_is_quoted_in_the_path() {
    let ps = problems_after(|v| {
        v["store"]["brand"]["a.b"] = json!(1);
        v["store"]["brand"]["x[0]"] = json!(1);
        v["store"]["name"]["en\u{200F}"] = json!("rtl mark");
        v["store"]["name"]["say \"hi\"\\"] = json!("x");
        v["endpoint"][""] = json!(1);
    });
    let paths: Vec<&str> = ps.iter().map(|p| p.path.as_str()).collect();
    for want in [
        r#"store.brand["a.b"]"#,
        r#"store.brand["x[0]"]"#,
        r#"store.name["en\u200f"]"#,
        r#"store.name["say \"hi\"\\"]"#,
        r#"endpoint[""]"#,
    ] {
        assert!(paths.contains(&want), "{want} missing from {paths:?}");
    }
    assert_eq!(ps.len(), 5, "{ps:#?}");
}

#[test]
fn problems_after_a_removed_array_element_keep_the_file_indices() {
    // touchpoints[1] is refused as a whole and taken out; the problems after it must still
    // name touchpoints[3] and [4], as in the file, not [2] and [3].
    let ps = problems_after(|v| {
        v["touchpoints"][1] = json!(5);
        v["touchpoints"][3]["mode"] = json!("huge");
        v["touchpoints"][4]["name"] = json!({ "en": " " });
        v["touchpoints"][2]["journeys"] = json!(["survey", "rate", "feedback", "nope"]);
    });
    let paths: Vec<&str> = ps.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(
        paths,
        vec![
            "touchpoints[1]",
            "touchpoints[2].journeys[1]",
            "touchpoints[2].journeys[3]",
            "touchpoints[3].mode",
            "touchpoints[4].name"
        ],
        "{ps:#?}"
    );
}

#[test]
fn show_if_checks_stay_right_with_many_and_duplicate_questions() {
    let ps = problems_after(|v| {
        let qs = v["survey"]["questions"].as_array_mut().expect("questions");
        let template = qs[1].clone();
        // 20,000 copies of "went-wrong" (show_if on nps): only the id is duplicated
        for _ in 0..20_000 {
            qs.push(template.clone());
        }
        qs[2]["show_if"] = json!({ "question": "suggestion", "at_least": 1 });
        qs[3]["show_if"] = json!({ "question": "went-wrong", "any_of": ["staff", "parking"] });
    });
    assert!(ps.contains(&Problem::new("survey.questions[2].show_if.question", ProblemKind::ForwardReference { id: "suggestion".into() })));
    assert!(ps.contains(&Problem::new("survey.questions[3].show_if.any_of[1]", ProblemKind::UnknownReference { id: "parking".into() })));
    assert_eq!(ps.iter().filter(|p| matches!(p.kind, ProblemKind::DuplicateId { .. })).count(), 20_000);
    assert_eq!(ps.len(), 20_002, "{:#?}", &ps[..5]);
}

#[test]
fn an_array_where_an_object_belongs_is_a_wrong_type() {
    // serde's structs also read a list of their fields in order; the format has no such form.
    let p = only(problems_after(|v| {
        let i = question_index(v, "went-wrong");
        v["survey"]["questions"][i]["show_if"] = json!(["nps", 6]);
    }));
    assert_eq!(p.path, "survey.questions[1].show_if");
    assert!(matches!(p.kind, ProblemKind::WrongType { ref found, .. } if found == "sequence"), "{p:?}");
    let p = only(problems_after(|v| v["store"]["name"] = json!(["兰亭", "蘭亭", "Lanting"])));
    assert_eq!(p.path, "store.name");
}

#[test]
fn a_bad_required_value_is_reported_once_after_other_values_are_taken_out() {
    let ps = problems_after(|v| {
        v["survey"]["id"] = json!(5);
        v["survey"]["questions"][5] = json!(7);
    });
    let paths: Vec<&str> = ps.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(paths, vec!["survey.id", "survey.questions[5]"], "{ps:#?}");
    assert!(ps.iter().all(|p| matches!(p.kind, ProblemKind::WrongType { .. })), "{ps:#?}");
}

#[test]
fn a_list_whose_only_elements_are_bad_is_not_also_called_empty() {
    let ps = problems_after(|v| v["touchpoints"][2]["journeys"] = json!([{ "en": "x" }]));
    let paths: Vec<&str> = ps.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(paths, vec!["touchpoints[2].journeys[0]"], "{ps:#?}");
}

#[test]
fn the_sample_has_a_staff_pin_hash_and_no_pin() {
    let c = parse(SAMPLE_CONFIG).expect("sample is valid");
    let pin = c.staff.expect("the sample store has staff mode").pin;
    assert!(pin.iterations >= crate::staff::MIN_ITERATIONS);
    assert!(!SAMPLE_CONFIG.contains("2468"), "the PIN itself is never in the config");
}

#[test]
fn staff_pin_hash_problems_have_paths() {
    let problems = problems_after(|v| {
        v["staff"]["pin"]["iterations"] = json!(1000);
        v["staff"]["pin"]["salt"] = json!("c2hvcnQ=");
        v["staff"]["pin"]["hash"] = json!("not base64!");
    });
    let got: Vec<(&str, &ProblemKind)> = problems.iter().map(|p| (p.path.as_str(), &p.kind)).collect();
    assert!(got.contains(&("staff.pin.iterations", &ProblemKind::OutOfRange { min: 100_000.0, max: 10_000_000.0 })), "{got:?}");
    assert!(got.contains(&("staff.pin.salt", &ProblemKind::ByteLength { min: 16, max: 1024 })), "{got:?}");
    assert!(got.contains(&("staff.pin.hash", &ProblemKind::NotBase64)), "{got:?}");
    let short = only(problems_after(|v| v["staff"]["pin"]["hash"] = json!("c2hvcnQ=")));
    assert_eq!((short.path.as_str(), short.kind), ("staff.pin.hash", ProblemKind::ByteLength { min: 32, max: 32 }));
    let typo = only(problems_after(|v| v["staff"]["pin"]["PIN"] = json!("2468")));
    assert_eq!(typo.path, "staff.pin.PIN");
    let mut v = sample_value();
    v.as_object_mut().map(|o| o.remove("staff"));
    let c = parse(&v.to_string()).expect("staff mode is optional");
    assert_eq!(c.staff, None);
}

// opening hours

#[test]
fn good_hours_pass_with_overnight_spans_and_exceptions() {
    let mut v = sample_value();
    v["store"]["hours"] = json!({
        "utc_offset": "+08:00",
        "week": { "mon": [{"open": "10:00", "close": "22:00"}], "fri": [{"open": "10:00", "close": "02:00"}], "sun": [{"open": "00:00", "close": "24:00"}] },
        "exceptions": [{"date": "2027-02-06", "note": {"en": "Spring Festival"}}, {"date": "2026-12-31", "spans": [{"open": "10:00", "close": "23:59"}]}]
    });
    let c = parse(&v.to_string()).unwrap_or_else(|p| panic!("{p:#?}"));
    assert_eq!(c.store.hours.map(|h| h.exceptions.len()), Some(2));
}

#[test]
fn bad_hours_are_listed_with_their_paths() {
    let problems = problems_after(|v| {
        v["store"]["hours"] = json!({
            "utc_offset": "8",
            "week": { "tue": [{"open": "9:00", "close": "25:00"}, {"open": "10:00", "close": "10:00"}], "wed": [{"open": "24:00", "close": "24:00"}] },
            "exceptions": [{"date": "2026-02-30"}, {"date": "2026-10-01"}, {"date": "2026-10-01", "note": {}}]
        });
        v["touchpoints"][2]["hours"] = json!({ "week": { "sat": [{"open": "10:00", "close": "noon"}] } });
    });
    let got: Vec<(String, ProblemKind)> = problems.into_iter().map(|p| (p.path, p.kind)).collect();
    let want = vec![
        ("store.hours.utc_offset", ProblemKind::InvalidUtcOffset),
        ("store.hours.week.tue[0].open", ProblemKind::InvalidTime),
        ("store.hours.week.tue[0].close", ProblemKind::InvalidTime),
        ("store.hours.week.tue[1]", ProblemKind::EmptySpan),
        ("store.hours.week.wed[0].open", ProblemKind::InvalidTime),
        ("store.hours.exceptions[0].date", ProblemKind::InvalidDate),
        ("store.hours.exceptions[2].date", ProblemKind::DuplicateDate { date: "2026-10-01".into() }),
        ("store.hours.exceptions[2].note", ProblemKind::EmptyText),
        ("touchpoints[2].hours.week.sat[0].close", ProblemKind::InvalidTime),
    ];
    let want: Vec<(String, ProblemKind)> = want.into_iter().map(|(p, k)| (p.to_string(), k)).collect();
    assert_eq!(got, want);
}

#[test]
fn an_unknown_weekday_is_an_unknown_field() {
    let p = only(problems_after(|v| {
        v["store"]["hours"] = json!({ "week": { "monday": [] } });
    }));
    assert_eq!(p.path, "store.hours.week.monday");
    assert!(matches!(p.kind, ProblemKind::UnknownField { .. }));
}

// ---- the one-pass decoder itself (decode.rs, generated by config_type!) --------------------

mod decoder {
    use super::super::decode::{decode, Decode};
    use super::*;

    fn seven() -> u32 {
        7
    }

    config_type! {
        /// Every field attribute form `config_type!` understands.
        pub struct Probe {
            /// A doc comment and a schemars attribute are passed on to the schema only.
            #[cfg_attr(not(target_arch = "wasm32"), schemars(range(min = 1, max = 9)))]
            pub need: u32,
            #[serde(default)]
            pub flag: bool,
            #[serde(default = "seven")]
            pub seven: u32,
            #[serde(rename = "type")]
            pub kind: Mode,
            #[serde(rename = "zh-Hans", default)]
            pub zh: Option<String>,
            #[serde(default, rename = "list")]
            pub items: Vec<Inner>,
            /// `Option` without a default: optional, as with serde.
            pub maybe: Option<i32>,
            pub inner: Inner,
            #[serde(default)]
            pub opt_inner: Option<Inner>,
        }
    }

    config_type! {
        pub struct Inner {
            pub n: i32,
            #[serde(default)]
            pub x: f64,
        }
    }

    fn run<T: Decode>(v: Value) -> (Option<T>, Vec<(String, ProblemKind)>) {
        let (t, cx) = decode::<T>(&v);
        (t, cx.problems.into_iter().map(|p| (p.path, p.kind)).collect())
    }

    fn wrong(found: &str, expected: &str) -> ProblemKind {
        ProblemKind::WrongType { found: found.into(), expected: expected.into() }
    }

    #[test]
    fn defaults_fill_absent_fields() {
        let (p, ps) = run::<Probe>(json!({ "need": 1, "type": "large", "inner": { "n": -3 } }));
        assert_eq!(ps, vec![]);
        let p = p.expect("readable");
        assert_eq!((p.need, p.flag, p.seven, p.kind), (1, false, 7, Mode::Large));
        assert_eq!((p.zh, p.items, p.maybe, p.opt_inner), (None, vec![], None, None));
        assert_eq!(p.inner, Inner { n: -3, x: 0.0 });
    }

    #[test]
    fn every_attribute_form_reads_its_key() {
        let (p, ps) = run::<Probe>(json!({
            "need": 9, "flag": true, "seven": 8, "type": "standard", "zh-Hans": "简",
            "list": [{ "n": 1, "x": 0.5 }], "maybe": null, "inner": { "n": 2147483647 },
            "opt_inner": { "n": -2147483648 }
        }));
        assert_eq!(ps, vec![]);
        let p = p.expect("readable");
        assert_eq!((p.flag, p.seven, p.kind, p.zh.as_deref()), (true, 8, Mode::Standard, Some("简")));
        assert_eq!(p.items, vec![Inner { n: 1, x: 0.5 }]);
        assert_eq!(p.maybe, None);
        assert_eq!(p.opt_inner, Some(Inner { n: i32::MIN, x: 0.0 }));
        // the Rust names of renamed fields are unknown keys in the file
        let (_, ps) = run::<Probe>(json!({ "need": 1, "kind": "large", "zh": "x", "items": [], "inner": { "n": 0 } }));
        let paths: Vec<&str> = ps.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(paths, vec!["items", "kind", "zh", "type"], "{ps:?}");
        assert_eq!(ps[3].1, ProblemKind::MissingField { field: "type".into() });
    }

    #[test]
    fn every_problem_at_every_level_in_one_pass() {
        let (p, ps) = run::<Probe>(json!({
            "need": "1",
            "flag": 1,
            "seven": -1,
            "type": "huge",
            "zh-Hans": 5,
            "list": [{ "n": 1 }, { "n": "x" }, [], { "n": 2, "q": 1 }, { "x": 1 }],
            "maybe": 1.5,
            "inner": [1],
            "opt_inner": { "n": 1e3 },
            "extra": null
        }));
        assert!(p.is_none());
        let u32_range = ProblemKind::OutOfRange { min: 0.0, max: 4_294_967_295.0 };
        assert_eq!(
            ps,
            vec![
                ("extra".into(), ProblemKind::UnknownField { field: "extra".into() }),
                ("need".into(), wrong("string \"1\"", "u32")),
                ("flag".into(), wrong("integer `1`", "a boolean")),
                ("seven".into(), u32_range),
                (
                    "type".into(),
                    ProblemKind::UnknownValue { found: "huge".into(), allowed: vec!["standard".into(), "large".into()] }
                ),
                ("zh-Hans".into(), wrong("integer `5`", "a string")),
                ("list[1].n".into(), wrong("string \"x\"", "i32")),
                ("list[2]".into(), wrong("sequence", "struct Inner")),
                ("list[3].q".into(), ProblemKind::UnknownField { field: "q".into() }),
                ("list[4].n".into(), ProblemKind::MissingField { field: "n".into() }),
                ("maybe".into(), wrong("floating point `1.5`", "i32")),
                ("inner".into(), wrong("sequence", "struct Inner")),
                ("opt_inner.n".into(), wrong("floating point `1000.0`", "i32")),
            ]
        );
    }

    #[test]
    fn bad_list_elements_are_left_out_and_remembered() {
        let v = json!([{ "n": 1 }, 5, { "n": 2 }, null]);
        let (t, cx) = decode::<Vec<Inner>>(&v);
        assert_eq!(t.map(|l| l.len()), Some(2));
        assert_eq!(cx.removed, vec![(String::new(), 1), (String::new(), 3)]);
        assert_eq!(cx.problems.len(), 2);
    }

    #[test]
    fn numbers_out_of_range_or_not_whole() {
        let u32_range = ProblemKind::OutOfRange { min: 0.0, max: 4_294_967_295.0 };
        let i32_range = ProblemKind::OutOfRange { min: -2_147_483_648.0, max: 2_147_483_647.0 };
        let cases: Vec<(&str, Option<ProblemKind>)> = vec![
            ("4294967295", None),
            ("4294967296", Some(u32_range.clone())),
            ("-1", Some(u32_range.clone())),
            ("18446744073709551615", Some(u32_range.clone())),
            ("-9223372036854775808", Some(u32_range)),
            ("1.0", Some(wrong("floating point `1.0`", "u32"))),
            ("1e2", Some(wrong("floating point `100.0`", "u32"))),
            ("-0", Some(wrong("floating point `-0.0`", "u32"))),
            // past u64: serde_json reads it as a float
            ("18446744073709551616", Some(wrong("floating point `1.8446744073709552e+19`", "u32"))),
            ("true", Some(wrong("boolean `true`", "u32"))),
            ("null", Some(wrong("null", "u32"))),
            ("{}", Some(wrong("map", "u32"))),
        ];
        for (text, want) in cases {
            let v: Value = serde_json::from_str(text).expect("JSON");
            let (got, ps) = run::<u32>(v);
            assert_eq!(ps.first().map(|p| p.1.clone()), want, "{text}");
            assert_eq!(got.is_some(), ps.is_empty(), "{text}");
            assert!(ps.iter().all(|p| p.0.is_empty()), "{text}");
        }
        for (text, want) in [("2147483648", Some(i32_range.clone())), ("-2147483649", Some(i32_range)), ("-7", None)] {
            let (_, ps) = run::<i32>(serde_json::from_str(text).expect("JSON"));
            assert_eq!(ps.first().map(|p| p.1.clone()), want, "{text}");
        }
        // floats take any JSON number, -0 included; 1e309 is refused by the JSON parser itself
        assert_eq!(run::<f64>(json!(-0.0)).0.map(f64::to_bits), Some((-0.0f64).to_bits()));
        assert_eq!(run::<f64>(json!(12)).0, Some(12.0));
        assert_eq!(run::<f64>(json!("12")).1, vec![(String::new(), wrong("string \"12\"", "f64"))]);
        assert!(matches!(&parse("1e309").expect_err("out of range")[0].kind, ProblemKind::Syntax { .. }));
    }

    #[test]
    fn a_long_string_found_is_cut() {
        let (_, ps) = run::<u32>(json!("x".repeat(1_000_000)));
        let ProblemKind::WrongType { found, .. } = &ps[0].1 else { panic!("{ps:?}") };
        assert!(found.chars().count() < 60, "{found}");
        assert!(found.ends_with('…'));
    }

    #[test]
    fn null_is_none_only_for_options() {
        assert_eq!(run::<Option<String>>(json!(null)), (Some(None), vec![]));
        assert_eq!(run::<String>(json!(null)).1, vec![(String::new(), wrong("null", "a string"))]);
        // a bad value in a defaulted field is reported, and the default is used
        let (p, ps) = run::<Probe>(json!({ "need": 1, "type": "large", "inner": { "n": 0 }, "flag": null, "seven": "x" }));
        assert_eq!(ps.len(), 2, "{ps:?}");
        let p = p.expect("defaults stand in");
        assert_eq!((p.flag, p.seven), (false, 7));
    }

    #[test]
    fn enum_names_need_strings() {
        assert_eq!(run::<WalkKind>(json!("ramp")).0, Some(WalkKind::Ramp));
        assert_eq!(run::<WalkKind>(json!({ "walk": 1 })).1, vec![(String::new(), wrong("map", "a string"))]);
        assert_eq!(run::<WalkKind>(json!(0)).1, vec![(String::new(), wrong("integer `0`", "a string"))]);
        // names are exact: no case folding, no aliases
        assert!(run::<Lang>(json!("zh-hans")).0.is_none());
        assert!(run::<Mode>(json!("normal")).0.is_none());
    }

    #[test]
    fn duplicate_keys_keep_the_last_one() {
        let v: Value = serde_json::from_str(r#"{ "n": "bad", "n": 4, "n": 5 }"#).expect("JSON");
        assert_eq!(run::<Inner>(v), (Some(Inner { n: 5, x: 0.0 }), vec![]));
    }

    /// The decoder's names of every enum are exactly the ones the schema (serde's attributes)
    /// lists, so config files valid for the schema read, and the other way round.
    #[test]
    fn enum_names_match_the_schema() {
        fn allowed<T: Decode>() -> Vec<String> {
            match run::<T>(json!("\u{0}no such name")).1.pop().map(|p| p.1) {
                Some(ProblemKind::UnknownValue { mut allowed, .. }) => {
                    allowed.sort();
                    allowed
                }
                other => panic!("{other:?}"),
            }
        }
        fn names(v: &Value, out: &mut Vec<String>) {
            match v {
                Value::Object(m) => {
                    for (k, x) in m {
                        match (k.as_str(), x) {
                            ("const", Value::String(s)) => out.push(s.clone()),
                            ("enum", Value::Array(a)) => out.extend(a.iter().filter_map(|s| s.as_str().map(String::from))),
                            _ => names(x, out),
                        }
                    }
                }
                Value::Array(a) => a.iter().for_each(|x| names(x, out)),
                _ => {}
            }
        }
        let schema: Value = serde_json::from_str(&json_schema()).expect("schema is JSON");
        let table: Vec<(&str, Vec<String>)> = vec![
            ("Lang", allowed::<Lang>()),
            ("Mode", allowed::<Mode>()),
            ("Journey", allowed::<Journey>()),
            ("EndpointFormat", allowed::<EndpointFormat>()),
            ("TouchpointKind", allowed::<TouchpointKind>()),
            ("QuestionKind", allowed::<QuestionKind>()),
            ("FeedbackField", allowed::<FeedbackField>()),
            ("WalkKind", allowed::<WalkKind>()),
            ("PlaceKind", allowed::<PlaceKind>()),
        ];
        for (def, ours) in table {
            let mut want = Vec::new();
            names(&schema["$defs"][def], &mut want);
            want.sort();
            assert!(!want.is_empty(), "{def} not in the schema");
            assert_eq!(ours, want, "{def}");
        }
    }
}

#[test]
fn every_missing_required_field_is_listed_at_once() {
    // The retry loop stopped at the first missing field; one pass lists them all.
    let ps = problems_after(|v| {
        let o = v.as_object_mut().expect("object");
        o.remove("survey");
        o.remove("map");
        v["store"].as_object_mut().map(|s| s.remove("brand"));
        v["touchpoints"][0].as_object_mut().map(|t| t.remove("id"));
    });
    let got: Vec<(&str, &ProblemKind)> = ps.iter().map(|p| (p.path.as_str(), &p.kind)).collect();
    assert_eq!(
        got,
        vec![
            ("store.brand", &ProblemKind::MissingField { field: "brand".into() }),
            ("touchpoints[0].id", &ProblemKind::MissingField { field: "id".into() }),
            ("survey", &ProblemKind::MissingField { field: "survey".into() }),
            ("map", &ProblemKind::MissingField { field: "map".into() }),
        ]
    );
}

#[test]
fn bad_values_in_many_places_are_listed_together_with_unknown_fields() {
    let ps = problems_after(|v| {
        v["version"] = json!(4_294_967_296u64);
        v["survey"]["questions"][0]["type"] = json!(["nps"]);
        v["map"]["floors"][0]["level"] = json!(1.5);
        v["map"]["places"][2]["x"] = json!("3");
        v["feedback"]["fields"] = json!(["department", "shoe-size"]);
        v["survey"]["questions"][1]["txet"] = json!({});
    });
    let paths: Vec<&str> = ps.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(
        paths,
        vec![
            "version",
            "survey.questions[0].type",
            "survey.questions[1].txet",
            "feedback.fields[1]",
            "map.floors[0].level",
            "map.places[2].x",
        ],
        "{ps:#?}"
    );
    assert_eq!(ps[0].kind, ProblemKind::OutOfRange { min: 0.0, max: 4_294_967_295.0 });
}
