//! Where the customer is: one typed `Route` with one parser and one writer for the URL hash
//! (`#/survey`, `#/wayfinding?to=cafe&profile=step-free&from=gf-entrance`).
//!
//! Routes live in the hash so the static build works from any folder of any file server
//! without rewrites. Everything that reads or writes a route goes through `Route::parse` and
//! `Route::href`, so a value with `&`, `#` or CJK text survives a round trip and a hostile
//! hash can only ever land on `NotFound` or a query without the odd parts.

use crate::config::Journey;
use crate::lang::Lang;
use crate::launch::{parse_query, percent_encode};
use crate::wayfinding::graph::Profile;

/// The route of "find your way": destination, start node and profile, all optional.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WayQuery {
    /// Place id of the destination; none while searching.
    pub to: Option<String>,
    /// Walkway node to start from; the touchpoint's "you are here" when absent.
    pub from: Option<String>,
    /// Absent: the default for the presentation mode (step-free in large-text mode).
    pub profile: Option<Profile>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    Home,
    Survey,
    Feedback,
    Wayfinding(WayQuery),
    ThankYou,
    Staff,
    NotFound,
}

impl Profile {
    pub fn as_str(self) -> &'static str {
        match self {
            Profile::Shortest => "shortest",
            Profile::StepFree => "step-free",
        }
    }
    pub fn parse(s: &str) -> Option<Profile> {
        match s {
            "shortest" => Some(Profile::Shortest),
            "step-free" => Some(Profile::StepFree),
            _ => None,
        }
    }
}

impl Route {
    /// The start screen of a journey.
    pub fn journey(j: Journey) -> Route {
        match j {
            Journey::Survey => Route::Survey,
            Journey::Feedback => Route::Feedback,
            Journey::Wayfinding => Route::Wayfinding(WayQuery::default()),
        }
    }

    /// The journey this route belongs to, if any.
    pub fn journey_of(&self) -> Option<Journey> {
        match self {
            Route::Survey => Some(Journey::Survey),
            Route::Feedback => Some(Journey::Feedback),
            Route::Wayfinding(_) => Some(Journey::Wayfinding),
            _ => None,
        }
    }

    /// A short stable name (`data-route` on the page, for styles and tests).
    pub fn name(&self) -> &'static str {
        match self {
            Route::Home => "home",
            Route::Survey => "survey",
            Route::Feedback => "feedback",
            Route::Wayfinding(_) => "wayfinding",
            Route::ThankYou => "thank-you",
            Route::Staff => "staff",
            Route::NotFound => "not-found",
        }
    }

    /// Reads `location.hash`. Only `#/…` is a route; any other hash (an in-page anchor)
    /// leaves the customer home. Unknown query parameters are ignored; an unknown profile
    /// falls back to the mode's default.
    pub fn parse(hash: &str) -> Route {
        let Some(rest) = hash.strip_prefix("#/") else { return Route::Home };
        let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
        let path = path.split('#').next().unwrap_or("").trim_end_matches('/');
        match path {
            "" => Route::Home,
            "thank-you" => Route::ThankYou,
            "staff" => Route::Staff,
            "survey" => Route::Survey,
            "feedback" => Route::Feedback,
            "wayfinding" => {
                let query = query.split('#').next().unwrap_or("");
                let params = parse_query(query);
                let get = |k: &str| {
                    params.iter().rev().find(|(n, _)| n == k).map(|(_, v)| v.clone()).filter(|v| !v.is_empty())
                };
                Route::Wayfinding(WayQuery {
                    to: get("to"),
                    from: get("from"),
                    profile: get("profile").as_deref().and_then(Profile::parse),
                })
            }
            _ => Route::NotFound,
        }
    }

    /// The hash for this route; `Route::parse(&r.href()) == r` for every route.
    pub fn href(&self) -> String {
        match self {
            Route::Wayfinding(q) => {
                let mut h = String::from("#/wayfinding");
                let mut sep = '?';
                let mut add = |k: &str, v: &str| {
                    h.push(sep);
                    h.push_str(k);
                    h.push('=');
                    h.push_str(&percent_encode(v));
                    sep = '&';
                };
                if let Some(to) = &q.to {
                    add("to", to);
                }
                if let Some(p) = q.profile {
                    add("profile", p.as_str());
                }
                if let Some(from) = &q.from {
                    add("from", from);
                }
                h
            }
            other => format!("#/{}", if *other == Route::Home { "" } else { other.name() }),
        }
    }
}

/// The link a customer's phone opens to continue `route` there: same touchpoint and
/// language, marked `via=qr` (a personal device, never reset by itself). `base` is the
/// app's address without query or hash.
pub fn phone_link(base: &str, lang: Lang, touchpoint: &str, route: &Route) -> String {
    let mut l = format!("{base}?lang={}&touchpoint={}&via=qr", lang.tag(), percent_encode(touchpoint));
    if let Some(j) = route.journey_of() {
        l.push_str("&journey=");
        l.push_str(j.as_str());
    }
    l.push_str(&route.href());
    l
}

/// The link a printed poster's QR code holds: this touchpoint, straight into `journey`,
/// marked `via=qr` (scanned on the customer's own phone, which never resets by itself, even
/// when the poster hangs beside a kiosk). No language: the store's default applies, and the
/// customer switches on the phone.
pub fn poster_link(base: &str, touchpoint: &str, journey: Journey) -> String {
    format!("{base}{}?touchpoint={}&journey={}&via=qr", page_of(journey), percent_encode(touchpoint), journey.as_str())
}

/// The full app's page, beside the light `index.html` (issue #14's split: `scripts/build.sh`).
pub const FULL_PAGE: &str = "app.html";

/// The page that holds `journey`, relative to the app's folder: the questionnaire is on the
/// light page (the folder itself, so its QR codes stay short), the rest on the full app.
pub fn page_of(journey: Journey) -> &'static str {
    match journey {
        Journey::Survey => "",
        Journey::Feedback | Journey::Wayfinding => FULL_PAGE,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_poster_link_launches_its_touchpoint_and_journey_on_a_phone() {
        let c = crate::config::parse(crate::config::SAMPLE_CONFIG).unwrap_or_else(|p| panic!("{p:?}"));
        for tp in &c.touchpoints {
            for j in Journey::ALL.into_iter().filter(|j| tp.offers(*j)) {
                let l = poster_link("https://s.example/sv/", &tp.id, j);
                let rest = l.strip_prefix("https://s.example/sv/").unwrap_or_default();
                let (page, query) = rest.split_once('?').unwrap_or_default();
                assert_eq!(page, page_of(j), "{l}");
                let (launch, warnings) = crate::launch::resolve(&c, query, None);
                assert!(warnings.is_empty(), "{l}: {warnings:?}");
                assert_eq!((launch.touchpoint.as_str(), launch.journey, launch.personal), (tp.id.as_str(), Some(j), true), "{l}");
            }
        }
    }

    fn way(to: Option<&str>, from: Option<&str>, profile: Option<Profile>) -> Route {
        Route::Wayfinding(WayQuery { to: to.map(Into::into), from: from.map(Into::into), profile })
    }

    #[test]
    fn reads_the_routes_the_app_writes() {
        assert_eq!(Route::parse(""), Route::Home);
        assert_eq!(Route::parse("#/"), Route::Home);
        assert_eq!(Route::parse("#main"), Route::Home, "an in-page anchor is not a route");
        assert_eq!(Route::parse("#/survey"), Route::Survey);
        assert_eq!(Route::parse("#/survey/"), Route::Survey);
        assert_eq!(Route::parse("#/feedback?x=1"), Route::Feedback);
        assert_eq!(Route::parse("#/thank-you"), Route::ThankYou);
        assert_eq!(Route::parse("#/staff"), Route::Staff);
        assert_eq!(Route::parse("#/casino"), Route::NotFound);
        assert_eq!(Route::parse("#/wayfinding"), way(None, None, None));
        assert_eq!(
            Route::parse("#/wayfinding?to=cafe&profile=step-free&from=gf-entrance"),
            way(Some("cafe"), Some("gf-entrance"), Some(Profile::StepFree))
        );
    }

    #[test]
    fn wayfinding_query_is_decoded_once_and_odd_values_are_dropped() {
        // `%2525` is a literal "%25" in the id: decoding twice would make it "%".
        assert_eq!(Route::parse("#/wayfinding?to=a%2525b"), way(Some("a%25b"), None, None));
        assert_eq!(Route::parse("#/wayfinding?to=%E6%B4%97"), way(Some("洗"), None, None));
        assert_eq!(Route::parse("#/wayfinding?to=&profile=sideways"), way(None, None, None));
        assert_eq!(Route::parse("#/wayfinding?to=a&to=b"), way(Some("b"), None, None), "last one wins");
        assert_eq!(Route::parse("#/wayfinding?to=a#frag"), way(Some("a"), None, None));
    }

    #[test]
    fn journeys_map_both_ways() {
        for j in Journey::ALL {
            assert_eq!(Route::journey(j).journey_of(), Some(j));
            assert_eq!(Route::parse(&Route::journey(j).href()).journey_of(), Some(j));
        }
        assert_eq!(Route::Home.journey_of(), None);
        assert_eq!(Route::Home.href(), "#/");
    }

    #[test]
    fn phone_link_keeps_the_route_and_marks_the_phone() {
        let r = way(Some("cafe"), Some("gf-kiosk"), Some(Profile::StepFree));
        let l = phone_link("https://s.example/sv/", Lang::En, "exit-kiosk-1", &r);
        assert_eq!(
            l,
            "https://s.example/sv/?lang=en&touchpoint=exit-kiosk-1&via=qr&journey=wayfinding#/wayfinding?to=cafe&profile=step-free&from=gf-kiosk"
        );
        let (_, hash) = l.split_once('#').expect("has a hash");
        assert_eq!(Route::parse(&format!("#{hash}")), r);
    }

    fn any_route() -> impl Strategy<Value = Route> {
        let text = proptest::option::of("\\PC{0,12}");
        let profile = proptest::option::of(prop_oneof![Just(Profile::Shortest), Just(Profile::StepFree)]);
        prop_oneof![
            Just(Route::Home),
            Just(Route::Survey),
            Just(Route::Feedback),
            Just(Route::ThankYou),
            Just(Route::Staff),
            Just(Route::NotFound),
            (text.clone(), text, profile).prop_map(|(to, from, profile)| Route::Wayfinding(WayQuery {
                to: to.filter(|s| !s.is_empty()),
                from: from.filter(|s| !s.is_empty()),
                profile,
            })),
        ]
    }

    proptest! {
        #[test]
        fn every_route_round_trips(r in any_route()) {
            prop_assert_eq!(Route::parse(&r.href()), r);
        }

        #[test]
        fn any_hash_parses_without_panic(h in "\\PC{0,40}", tail in "[#/?&=%a-z0-9]{0,20}") {
            let _ = Route::parse(&h);
            let _ = Route::parse(&format!("#/{h}"));
            let _ = Route::parse(&format!("#/wayfinding?{tail}{h}"));
        }
    }
}
