//! Prints the JSON Schema of `config.json`, generated from the config types.
//! `cargo run --bin config-schema > docs/config.schema.json` (a test checks it is current).

fn main() {
    #[cfg(not(target_arch = "wasm32"))]
    println!("{}", storevoice::config::json_schema());
}
