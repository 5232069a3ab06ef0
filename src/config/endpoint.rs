//! The endpoint address: `https://…`, or plain `http://` only to this machine.
//!
//! Browsers read URLs by the WHATWG URL Standard, where `http://evil.example\@localhost/`
//! goes to `evil.example` (a backslash ends the host like a slash) and
//! `http://user@evil.example` carries credentials. Instead of re-implementing that standard,
//! this accepts only a narrow, unambiguous form on which every WHATWG parser agrees with
//! the host read here — and refuses everything else:
//! - the scheme `http` or `https` followed by exactly `//`;
//! - no control characters, spaces or backslashes anywhere;
//! - an authority without `@` (no credentials: the config is public) and without `%`;
//! - a host of ASCII letters, digits, `-` and `.`, or an IPv6 literal in brackets
//!   (plain http: only `localhost`, `127.0.0.1` and `[::1]`, exactly); non-ASCII hosts only
//!   over https;
//! - an optional decimal port 1–65535.
//!
//! A browser test (`tests/web.rs`) checks that for every address accepted here the browser's
//! own `URL` parser finds the same host.

use super::ProblemKind as K;

/// Scheme, host (ASCII letters lowercased, anything else as written; IPv6 in brackets) and
/// port of an accepted endpoint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub secure: bool,
    pub host: String,
    pub port: Option<u16>,
}

/// Reads `url` as described above; `InsecureEndpoint` for plain http to another machine.
pub fn endpoint_origin(url: &str) -> Result<Origin, K> {
    if url.chars().any(|c| c.is_control() || c.is_whitespace() || c == '\\') {
        return Err(K::InvalidUrl);
    }
    let (scheme, rest) = url.split_once("://").ok_or(K::InvalidUrl)?;
    let secure = match scheme.to_ascii_lowercase().as_str() {
        "https" => true,
        "http" => false,
        _ => return Err(K::InvalidUrl),
    };
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..end];
    if authority.contains(['@', '%']) {
        return Err(K::InvalidUrl);
    }
    let (host, port) = if let Some(v6) = authority.strip_prefix('[') {
        let (inside, after) = v6.split_once(']').ok_or(K::InvalidUrl)?;
        if inside.is_empty() || !inside.chars().all(|c| c.is_ascii_hexdigit() || c == ':' || c == '.') {
            return Err(K::InvalidUrl);
        }
        let port = match after {
            "" => None,
            p => Some(p.strip_prefix(':').ok_or(K::InvalidUrl)?),
        };
        (format!("[{}]", inside.to_ascii_lowercase()), port)
    } else {
        let (h, p) = match authority.split_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (authority, None),
        };
        let ascii_ok = h.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.');
        let non_ascii_ok = secure && h.chars().all(|c| !c.is_ascii() || c.is_ascii_alphanumeric() || c == '-' || c == '.');
        if h.is_empty() || h.starts_with('.') || h.contains("..") || !(ascii_ok || non_ascii_ok) {
            return Err(K::InvalidUrl);
        }
        // ASCII letters only (non-ASCII kept as written): the host is compared with ASCII
        // names alone (the loopback check below; non-ASCII hosts are https-only anyway), and
        // Unicode case tables cost the light page 17 KB of wasm (5 KB brotli).
        (h.to_ascii_lowercase(), p)
    };
    let port = match port {
        None => None,
        Some(p) => {
            if p.is_empty() || p.len() > 5 || !p.bytes().all(|b| b.is_ascii_digit()) {
                return Err(K::InvalidUrl);
            }
            match p.parse::<u16>() {
                Ok(n) if n > 0 => Some(n),
                _ => return Err(K::InvalidUrl),
            }
        }
    };
    if !secure && !matches!(host.as_str(), "localhost" | "127.0.0.1" | "[::1]") {
        return Err(K::InsecureEndpoint);
    }
    Ok(Origin { secure, host, port })
}

/// `https://host…`, or plain http only for this machine (localhost, 127.0.0.1, [::1]).
pub fn check_endpoint_url(url: &str) -> Result<(), K> {
    endpoint_origin(url).map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn ordinary_endpoints() {
        let o = endpoint_origin("https://Feedback.Example.com/api/events").expect("https");
        assert_eq!(o, Origin { secure: true, host: "feedback.example.com".into(), port: None });
        let o = endpoint_origin("http://127.0.0.1:8080/api/events").expect("loopback");
        assert_eq!(o, Origin { secure: false, host: "127.0.0.1".into(), port: Some(8080) });
        assert!(endpoint_origin("http://localhost/api").is_ok());
        assert!(endpoint_origin("http://[::1]:9000/api").is_ok());
        assert!(endpoint_origin("HTTPS://example.com").is_ok());
        assert!(endpoint_origin("https://反馈.例子.中国/api").is_ok());
        assert!(endpoint_origin("https://example.com?x=@y").is_ok(), "@ after the authority is data");
    }

    #[test]
    fn bypasses_of_the_loopback_rule_are_refused() {
        for url in [
            "http://evil.example\\@localhost/",
            "http://evil.example\\@127.0.0.1/",
            "http://localhost@evil.example/",
            "http://evil.example#@localhost/",
            "http://127.0.0.1.evil.example/",
            "http://localhost.evil.example/",
            "http://evil.example/?@localhost",
            "http://127.1/",
            "http://0x7f.0.0.1/",
            "http://2130706433/",
            "http://%6c%6fcalhost/",
            "http://ｌｏｃａｌｈｏｓｔ/",
            "http://local\thost/",
            "http://localhost./",
            "http:/localhost/",
            "http:localhost/",
            "http:\\\\localhost/",
            " http://evil.example/",
            "http://evil.example",
        ] {
            assert!(endpoint_origin(url).is_err(), "{url:?} must be refused");
        }
    }

    #[test]
    fn malformed_addresses() {
        for url in ["", "example.com", "ftp://example.com", "https://", "https://:443/", "https://a:0/", "https://a:65536/", "https://a:/", "https://[::1/", "https://[zz]/", "https://a b/", "https://.a/", "https://a..b/"] {
            assert_eq!(endpoint_origin(url), Err(K::InvalidUrl), "{url:?}");
        }
        assert_eq!(endpoint_origin("http://feedback.example.com/"), Err(K::InsecureEndpoint));
    }

    proptest! {
        /// Whatever is accepted over plain http really is this machine.
        #[test]
        fn plain_http_is_only_ever_loopback(s in "http://[a-z0-9.@:/\\\\%#?\\[\\]-]{0,30}") {
            if let Ok(o) = endpoint_origin(&s) {
                prop_assert!(o.secure || ["localhost", "127.0.0.1", "[::1]"].contains(&o.host.as_str()), "{s:?} -> {o:?}");
            }
        }
    }
}
