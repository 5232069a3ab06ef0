//! In the browser: the app. Natively: the operators' command (`storevoice check config.json`).

fn main() {
    #[cfg(target_arch = "wasm32")]
    storevoice::start();
    #[cfg(not(target_arch = "wasm32"))]
    {
        let args: Vec<String> = std::env::args().skip(1).collect();
        let lang = std::env::var("LANG").ok();
        let code = storevoice::cli::run(&args, lang.as_deref(), &mut std::io::stdout(), &mut std::io::stderr());
        std::process::exit(code);
    }
}
