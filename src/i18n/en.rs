use super::Strings;
use crate::config::ProblemKind as P;
use crate::launch::LaunchWarning as W;

pub const STRINGS: Strings = Strings {
    lang_name: "English",
    skip_to_content: "Skip to main content",
    loading: "Loading…",
    welcome: "Welcome to",
    choose_journey: "What would you like to do?",
    journey_survey: "Rate your visit",
    journey_survey_hint: "A short survey, under a minute",
    journey_feedback: "Suggestion box",
    journey_feedback_hint: "Complaints, praise, ideas, questions",
    journey_wayfinding: "Find your way",
    journey_wayfinding_hint: "Store directory, toilets, lifts",
    language: "Language",
    large_text: "Large text",
    back_home: "Back to start",
    staff: "Staff",
    not_ready_title: "Not available yet",
    not_ready_body: "This part of StoreVoice is still being built and cannot be used yet. Please go back and choose something else, or ask at the service desk.",
    thank_you_title: "Thank you!",
    thank_you_body: "We have your feedback.",
    staff_title: "Staff settings",
    staff_not_ready: "Staff settings (PIN sign-in, device status) are not available yet.",
    touchpoint: "Location: ",
    config_error_title: "This device can't start",
    config_error_intro: "Its settings file, config.json, has these problems:",
    config_error_staff_hint: "Staff: correct config.json and reload this page. Customers: please ask at the service desk.",
    config_error_location: "Where",
    config_load_failed: |why| format!("The settings file config.json could not be loaded ({why})."),
    problem,
    launch_warning,
    page_not_found: "This page does not exist.",
};

fn problem(p: &P) -> String {
    match p {
        P::Syntax { line, column } => format!("Not valid JSON: there is a syntax error near line {line}, column {column}."),
        P::UnknownField { field } => format!("Unknown field \"{field}\" (perhaps a typo)."),
        P::MissingField { field } => format!("The required field \"{field}\" is missing."),
        P::WrongType { found, expected } => format!("Wrong type: found {found}, expected {expected}."),
        P::UnknownValue { found, allowed } => format!("\"{found}\" is not allowed here; use one of: {}.", allowed.join(", ")),
        P::Invalid { detail } => format!("This value can't be read: {detail}"),
        P::UnsupportedVersion { found, supported } => format!("Version {found} is not supported; this app reads version {supported}."),
        P::InsecureEndpoint => "The endpoint must use https (plain http only for localhost / 127.0.0.1).".into(),
        P::InvalidUrl => "Not a valid web address (it should start with https://).".into(),
        P::InvalidColor => "Colours are written #rrggbb, for example #b3261e.".into(),
        P::InvalidId => "Ids may only contain lowercase letters, digits and \"-\", at most 64 characters.".into(),
        P::DuplicateId { id } => format!("The id \"{id}\" is used more than once."),
        P::UnknownReference { id } => format!("Refers to \"{id}\", which does not exist."),
        P::EmptyText => "The text is empty: fill in at least one language.".into(),
        P::EmptyList => "This list must not be empty.".into(),
        P::OutOfRange { min, max } => format!("The number is out of range ({min}–{max})."),
        P::UnsafeLink => "Links must be relative paths or https addresses.".into(),
        P::FieldNotUsed { field, kind } => format!("Questions of type \"{kind}\" do not use the field \"{field}\"."),
        P::FieldRequired { field, kind } => format!("Questions of type \"{kind}\" need the field \"{field}\"."),
        P::ForwardReference { id } => format!("A condition may only refer to an earlier question; \"{id}\" is not before this one."),
        P::ImpossibleCondition => "This condition can never be met (a value outside the scale, or a rule that does not fit the question it refers to).".into(),
        P::InvalidCondition => "A condition needs exactly one of at_most, at_least, any_of.".into(),
        P::InvalidToken => "The token must not be empty or contain spaces.".into(),
    }
}

fn launch_warning(w: &W) -> String {
    match w {
        W::UnknownTouchpoint(v) => format!("The link names an unknown location \"{v}\"; the default location is used."),
        W::UnknownLanguage(v) => format!("The link asks for the unsupported language \"{v}\"; the default language is used."),
        W::UnknownMode(v) => format!("The link asks for an unknown display mode \"{v}\"; the default is used."),
        W::UnknownJourney(v) => format!("The link names an unknown service \"{v}\"."),
        W::JourneyNotOffered(_) => "The service in the link is not offered at this location.".into(),
    }
}
