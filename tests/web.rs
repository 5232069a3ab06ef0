//! Browser tests: run in headless Chromium by `cargo test --target wasm32-unknown-unknown`
//! (see scripts/test.sh). Real DOM, real fetch.
#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use storevoice::app::{App, AppProps};
use storevoice::config::SAMPLE_CONFIG;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().and_then(|w| w.document()).expect("a document")
}

/// A fresh container for one mounted app.
fn container() -> web_sys::Element {
    let doc = document();
    let el = doc.create_element("div").expect("div");
    doc.body().expect("body").append_child(&el).expect("append");
    el
}

/// A `blob:` URL serving `text` as JSON: a real fetch, without a server of our own.
fn json_blob_url(text: &str) -> String {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type("application/json");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts).expect("blob");
    web_sys::Url::create_object_url_with_blob(&blob).expect("object url")
}

/// Waits up to 5 s for `selector` to appear inside `root`.
async fn wait_for(root: &web_sys::Element, selector: &str) -> web_sys::Element {
    for _ in 0..100 {
        if let Ok(Some(el)) = root.query_selector(selector) {
            return el;
        }
        gloo_timers::future::sleep(Duration::from_millis(50)).await;
    }
    panic!("{selector} did not appear; page: {}", root.inner_html());
}

fn mount(url: String, query: &str) -> web_sys::Element {
    let root = container();
    yew::Renderer::<App>::with_root_and_props(
        root.clone(),
        AppProps { config_url: url.into(), query: Some(query.to_string().into()) },
    )
    .render();
    root
}

#[wasm_bindgen_test]
async fn app_mounts_with_the_sample_config() {
    let root = mount(json_blob_url(SAMPLE_CONFIG), "?lang=en");
    let heading = wait_for(&root, "h1.welcome").await;
    let text = heading.text_content().unwrap_or_default();
    assert!(text.contains("Lanting"), "{text}");
    let journeys = root.query_selector_all("a.journey").expect("query");
    assert_eq!(journeys.length(), 3);
    let html_lang = document().document_element().and_then(|e| e.get_attribute("lang"));
    assert_eq!(html_lang.as_deref(), Some("en"));
}

#[wasm_bindgen_test]
async fn missing_config_shows_the_load_error() {
    let root = mount("no-such-config.json".into(), "");
    let alert = wait_for(&root, ".config-error").await;
    let text = alert.text_content().unwrap_or_default();
    assert!(text.contains("config.json"), "{text}");
    assert!(text.contains("404"), "{text}");
}

#[wasm_bindgen_test]
async fn invalid_config_lists_its_problems() {
    let broken = SAMPLE_CONFIG.replacen("\"version\": 1", "\"version\": 1, \"colour\": 3", 1)
        .replacen("#b3261e", "red", 1);
    let root = mount(json_blob_url(&broken), "");
    wait_for(&root, ".config-error").await;
    let paths: Vec<String> = {
        let list = root.query_selector_all(".problem-path").expect("query");
        (0..list.length()).filter_map(|i| list.get(i)).filter_map(|n| n.text_content()).collect()
    };
    assert!(paths.contains(&"colour".to_string()), "{paths:?}");
    assert!(paths.contains(&"store.brand.color".to_string()), "{paths:?}");
}

/// For every endpoint address the config accepts, the browser's own URL parser (WHATWG)
/// goes to the same host; plain http only ever to this machine.
#[wasm_bindgen_test]
fn accepted_endpoints_mean_the_same_host_to_the_browser() {
    use storevoice::config::endpoint_origin;
    let candidates = [
        "https://feedback.example.com/api/events",
        "HTTPS://Feedback.Example.COM:8443/x?y=@z#w",
        "http://127.0.0.1:8080/api/events",
        "http://localhost/api",
        "http://[::1]:9000/",
        "http://evil.example\\@localhost/",
        "http://localhost@evil.example/",
        "http://evil.example#@localhost/",
        "http://127.1/",
        "http://0x7f.0.0.1/",
        "http://%6c%6fcalhost/",
        "http://ｌｏｃａｌｈｏｓｔ/",
        "http://local\thost/",
        "http:localhost/",
        "http:\\\\evil.example/",
        "https://u:p@example.com/",
        "https://例子.中国/api",
    ];
    let mut accepted = 0;
    for url in candidates {
        let Ok(ours) = endpoint_origin(url) else { continue };
        accepted += 1;
        let theirs = web_sys::Url::new(url).expect("the browser parses what we accept");
        let host = theirs.hostname();
        let ours_host = ours.host.trim_start_matches('[').trim_end_matches(']').to_string();
        let theirs_host = host.trim_start_matches('[').trim_end_matches(']').to_string();
        if ours_host.is_ascii() {
            assert_eq!(theirs_host, ours_host, "{url}");
        } else {
            assert!(theirs_host.starts_with("xn--"), "{url}: an IDN host becomes punycode ({theirs_host})");
        }
        assert_eq!(theirs.protocol(), if ours.secure { "https:" } else { "http:" }, "{url}");
        assert!(theirs.username().is_empty() && theirs.password().is_empty(), "{url}");
        if !ours.secure {
            assert!(["localhost", "127.0.0.1", "::1"].contains(&theirs_host.as_str()), "{url} -> {theirs_host}");
        }
    }
    assert_eq!(accepted, 6, "the ordinary addresses are accepted");
}

/// WebCrypto's PBKDF2-HMAC-SHA256 derives the same bits as the native implementation that
/// `storevoice pin-hash` uses: a published vector, and the sample store's own PIN entry.
#[wasm_bindgen_test]
async fn webcrypto_pbkdf2_matches_the_native_hash() {
    use storevoice::staff::base64;
    use storevoice::web::staff::{pbkdf2_sha256, verify_pin};
    let salt = base64::encode(b"salt");
    let bits = pbkdf2_sha256("password", &salt, 4096).await.expect("WebCrypto derives");
    let hex: String = bits.iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(hex, "c5e478d59288c841aa530db6845c4c8d962893a001ce4e11a4963873aa98134a");

    let config = storevoice::config::parse(SAMPLE_CONFIG).expect("sample config");
    let pin = config.staff.expect("the sample has a staff PIN").pin;
    assert_eq!(verify_pin("2468", &pin).await, Ok(true), "the sample's documented PIN");
    assert_eq!(verify_pin(" 2468\n", &pin).await, Ok(true), "surrounding spaces do not count");
    assert_eq!(verify_pin("2469", &pin).await, Ok(false));
    assert_eq!(verify_pin("", &pin).await, Ok(false));
}

/// Mounting the sample config keeps it as this browser's last good config; tests that mount
/// it forget it again, so the config-error tests still see their own errors.
fn forget_last_good_config() {
    if let Some(s) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = s.remove_item("storevoice:last-good-config");
    }
}

/// A `getVoices()`-shaped list (built in JS, as Chrome gives it: plain fields, some tags with
/// underscores) becomes voices, and the choice per language follows; odd entries are dropped.
#[wasm_bindgen_test]
fn speech_voices_are_read_from_a_get_voices_list() {
    use storevoice::lang::Lang;
    use storevoice::speech::choose_voice;
    use storevoice::web::speech::voices_from;
    let list = js_sys::Function::new_no_args(
        "return [
            { lang: 'en-US', name: 'Remote English', voiceURI: 'r-en', default: true, localService: false },
            { lang: 'zh_CN', name: 'Tingting', voiceURI: 'tt', default: false, localService: true },
            { lang: 'zh-TW', name: 'Meijia', voiceURI: 'mj', default: false, localService: true },
            { lang: 'en-GB', name: 'Daniel', voiceURI: 'dn', default: false, localService: true },
            { name: 'no language' }, null, 7,
        ];",
    )
    .call0(&JsValue::NULL)
    .expect("the list");
    let voices = voices_from(&list);
    assert_eq!(voices.len(), 4, "{voices:?}");
    assert_eq!((voices[1].lang.as_str(), voices[1].uri.as_str(), voices[1].local, voices[1].default), ("zh_CN", "tt", true, false));
    assert!(voices[0].default && !voices[0].local);
    assert_eq!(choose_voice(&voices, Lang::ZhHans).map(|v| v.name.as_str()), Some("Tingting"));
    assert_eq!(choose_voice(&voices, Lang::ZhHant).map(|v| v.name.as_str()), Some("Meijia"));
    assert_eq!(choose_voice(&voices, Lang::En).map(|v| v.name.as_str()), Some("Daniel"), "on the device before remote");
    assert!(voices_from(&JsValue::NULL).is_empty());
    assert!(voices_from(&js_sys::Object::new().into()).is_empty());
}

/// The real `speechSynthesis.getVoices()` converts (whatever this browser has), and the
/// control is shown exactly when there is an English voice.
#[wasm_bindgen_test]
async fn speech_control_follows_the_real_voices() {
    use storevoice::lang::Lang;
    let root = mount(json_blob_url(SAMPLE_CONFIG), "?lang=en&touchpoint=checkout-3");
    let _ = wait_for(&root, "h1.welcome").await;
    web_sys::window().expect("window").location().set_hash("#/survey").expect("hash");
    let _ = wait_for(&root, "h1.question-text").await;
    gloo_timers::future::sleep(Duration::from_millis(500)).await;
    let voices = storevoice::web::speech::voices();
    assert!(voices.iter().all(|v| !v.lang.is_empty()));
    let can = storevoice::speech::choose_voice(&voices, Lang::En).is_some();
    let shown = root.query_selector(".read-aloud").ok().flatten().is_some();
    web_sys::window().expect("window").location().set_hash("").expect("hash");
    forget_last_good_config();
    assert_eq!(shown, can, "voices: {voices:?}");
}

/// A device whose speech synthesis has no voices reports none, and shows no control.
#[wasm_bindgen_test]
async fn speech_without_voices_shows_no_control() {
    let window = web_sys::window().expect("window");
    let key = JsValue::from_str("speechSynthesis");
    let original = js_sys::Object::get_own_property_descriptor(&window, &key);
    let fake = js_sys::Function::new_no_args(
        "return { getVoices() { return []; }, addEventListener() {}, removeEventListener() {}, cancel() {}, speak() {} };",
    )
    .call0(&JsValue::NULL)
    .expect("fake");
    let desc = js_sys::Object::new();
    js_sys::Reflect::set(&desc, &"value".into(), &fake).expect("set");
    js_sys::Reflect::set(&desc, &"configurable".into(), &JsValue::TRUE).expect("set");
    js_sys::Object::define_property(&window, &key, &desc);
    assert!(storevoice::web::speech::voices().is_empty());
    window.location().set_hash("#/survey").expect("hash");
    let root = mount(json_blob_url(SAMPLE_CONFIG), "?lang=en&touchpoint=checkout-3");
    let _ = wait_for(&root, "h1.question-text").await;
    gloo_timers::future::sleep(Duration::from_millis(300)).await;
    let shown = root.query_selector(".read-aloud").ok().flatten().is_some();
    window.location().set_hash("").expect("hash");
    forget_last_good_config();
    if original.is_undefined() {
        js_sys::Reflect::delete_property(&window, &key).expect("delete");
    } else {
        js_sys::Object::define_property(&window, &key, &wasm_bindgen::JsCast::unchecked_into::<js_sys::Object>(original));
    }
    assert!(!shown, "no voices: no read-aloud control");
}

/// The kept config is only reported kept when the browser really stored it: a full
/// `localStorage` must not make a late config look kept (that would reload the page onto the
/// old copy at every reset).
#[wasm_bindgen_test]
fn keeping_the_last_good_config_says_whether_it_was_kept() {
    use storevoice::web::config_source::{keep_last_good, last_good};
    forget_last_good_config();
    assert!(keep_last_good("{\"kept\": 1}"));
    assert_eq!(last_good().as_deref(), Some("{\"kept\": 1}"));
    // The same text again is kept already.
    assert!(keep_last_good("{\"kept\": 1}"));
    // Fill localStorage to its quota, then offer a larger config.
    let storage = web_sys::window().and_then(|w| w.local_storage().ok().flatten()).expect("localStorage");
    let chunk = "x".repeat(256 * 1024);
    let mut filled = 0;
    while filled < 200 && storage.set_item(&format!("fill-{filled}"), &chunk).is_ok() {
        filled += 1;
    }
    assert!(filled < 200, "localStorage has a quota");
    let larger = format!("{{\"kept\": \"{}\"}}", "y".repeat(512 * 1024));
    assert!(!keep_last_good(&larger), "refused by a full storage");
    assert_eq!(last_good().as_deref(), Some("{\"kept\": 1}"), "the previous copy stays");
    for i in 0..filled {
        let _ = storage.remove_item(&format!("fill-{i}"));
    }
    assert!(keep_last_good(&larger), "kept once there is room");
    forget_last_good_config();
}
