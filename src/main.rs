fn main() {
    #[cfg(target_arch = "wasm32")]
    storevoice::start();
    #[cfg(not(target_arch = "wasm32"))]
    eprintln!("StoreVoice runs in the browser: build it with `trunk build --release` (see README.md).");
}
