//! The published JSON Schema (docs/config.schema.json) is generated from the config types,
//! is current, accepts the sample store, and refuses every broken config the app's own
//! validator refuses.
#![cfg(not(target_arch = "wasm32"))]

use std::fs;
use std::path::Path;

use storevoice::config::{self, ProblemKind, SAMPLE_CONFIG};

const SCHEMA_PATH: &str = "docs/config.schema.json";

fn schema() -> serde_json::Value {
    let text = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(SCHEMA_PATH)).expect("schema file");
    serde_json::from_str(&text).expect("schema is JSON")
}

#[test]
fn published_schema_is_current() {
    let published = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(SCHEMA_PATH)).expect("schema file");
    assert_eq!(
        published.trim_end(),
        config::json_schema().trim_end(),
        "docs/config.schema.json is stale: run `cargo run --bin config-schema > docs/config.schema.json`"
    );
}

#[test]
fn sample_config_validates_against_the_schema() {
    let validator = jsonschema::validator_for(&schema()).expect("schema compiles");
    let sample: serde_json::Value = serde_json::from_str(SAMPLE_CONFIG).expect("sample is JSON");
    let errors: Vec<String> = validator.iter_errors(&sample).map(|e| format!("{} at {}", e, e.instance_path())).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assert!(config::parse(SAMPLE_CONFIG).is_ok());
}

#[test]
fn validator_and_schema_agree_on_broken_configs() {
    let validator = jsonschema::validator_for(&schema()).expect("schema compiles");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/config");
    let mut checked = 0;
    for entry in fs::read_dir(&dir).expect("fixtures dir") {
        let path = entry.expect("entry").path();
        let text = fs::read_to_string(&path).expect("fixture");
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
        let problems = config::parse(&text).expect_err(&format!("{name}: the validator accepted it"));
        match serde_json::from_str::<serde_json::Value>(&text) {
            Err(_) => {
                assert!(
                    matches!(problems[0].kind, ProblemKind::Syntax { .. }),
                    "{name}: not JSON, so the validator must report a syntax error: {problems:?}"
                );
            }
            Ok(value) => {
                assert!(!validator.is_valid(&value), "{name}: the schema accepted it, the validator said {problems:?}");
            }
        }
        checked += 1;
    }
    assert!(checked >= 8, "only {checked} broken configs found in {dir:?}");
}
