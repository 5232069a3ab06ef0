//! `storevoice check`: the operators' command, run as a real process on real files.
#![cfg(not(target_arch = "wasm32"))]

use std::process::Command;

fn check(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_storevoice"))
        .arg("check")
        .args(args)
        .env_remove("LANG")
        .output()
        .expect("the storevoice binary runs");
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

#[test]
fn the_sample_config_passes() {
    let (code, out, _) = check(&[&format!("{ROOT}/assets/config.json"), "--lang", "en"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("No problems found."));
}

#[test]
fn every_problem_is_listed_with_its_path_in_the_chosen_language() {
    let file = format!("{ROOT}/tests/fixtures/config/several-problems.json");
    let (code, out, _) = check(&[&file, "--lang", "en"]);
    assert_eq!(code, 1);
    for path in ["store.brand.colour", "touchpoints[0].mode", "endpoint.url"] {
        assert!(out.contains(&format!("  {path}: ")), "{path} missing in:\n{out}");
    }
    let (_, zh, _) = check(&[&file, "--lang", "zh-Hant"]);
    assert!(zh.contains("設定檔") || zh.contains("config.json"), "{zh}");
    assert_ne!(zh, out, "the reasons are translated");
}

#[test]
fn warnings_do_not_fail_the_check() {
    let mut v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(format!("{ROOT}/assets/config.json")).expect("sample")).expect("json");
    for e in v["map"]["edges"].as_array_mut().expect("edges") {
        if e["kind"] == "lift" {
            e["kind"] = "stairs".into();
        }
    }
    let dir = std::env::temp_dir().join(format!("storevoice-check-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("stairs-only.json");
    std::fs::write(&file, v.to_string()).expect("write");
    let (code, out, _) = check(&[&file.to_string_lossy(), "--lang", "en"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("Worth a look"), "{out}");
    assert!(out.contains("map.places[") && out.contains("No step-free route from"), "{out}");
}

#[test]
fn unreadable_files_and_bad_arguments_are_exit_code_2() {
    let (code, _, err) = check(&["/nonexistent/config.json", "--lang", "en"]);
    assert_eq!(code, 2);
    assert!(err.contains("could not be loaded"), "{err}");
    let (code, _, err) = check(&["--lang", "fr"]);
    assert_eq!(code, 2);
    assert!(err.contains("usage"), "{err}");
}
