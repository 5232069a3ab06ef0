use super::Strings;
use crate::wayfinding::warnings::WarningKind;
#[cfg(feature = "full")]
use crate::outbox::policy::Failure as F;
use crate::number::decimal;
#[cfg(feature = "full")]
use crate::config::PlaceKind;
#[cfg(feature = "full")]
use crate::feedback::FeedbackKind;
use crate::config::ProblemKind as P;
use crate::launch::LaunchWarning as W;
#[cfg(feature = "full")]
use crate::i18n::{FeedbackIssue, WayStep};
use crate::survey::Issue as SurveyIssue;

pub const STRINGS: Strings = Strings {
    lang_name: "English",
    skip_to_content: "Skip to main content",
    loading: "Loading…",
    handover_refused_title: "This screen cannot open yet",
    handover_refused_body: "An answer given on this device is not stored yet and would be lost. Please ask a member of staff.",
    handover_offline_body: "This screen needs the network, which cannot be reached right now. Please try again in a moment, or ask a member of staff.",
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
    thank_you_title: "Thank you!",
    thank_you_body: "We have your feedback.",
    #[cfg(feature = "full")]
    staff_title: "Staff settings",
    touchpoint: "Location: ",
    config_error_title: "This device can't start",
    config_error_intro: "Its settings file, config.json, has these problems:",
    config_error_staff_hint: "Staff: correct config.json and reload this page. Customers: please ask at the service desk.",
    config_warning: |w| match w {
        WarningKind::NoStepFreeRoute { from } => format!("No step-free route from {}: only stairs or escalators lead here.", from.join(", ")),
        WarningKind::PublicToken => "config.json is public: anyone can read this token and post answers as this touchpoint. Give each device its own token in staff mode (This device) instead.".to_string(),
    },
    config_ok: "No problems found.",
    config_warnings_intro: "Worth a look (not errors):",
    config_load_failed: |why| format!("The settings file config.json could not be loaded ({why})."),
    config_timed_out: |secs| format!("The settings file config.json did not arrive within {secs} seconds."),
    problem,
    launch_warning,
    page_not_found: "This page does not exist.",
    survey_progress: |n, of| format!("Question {n} of {of}"),
    next: "Next",
    back: "Back",
    skip: "Skip",
    submit: "Send",
    submitting: "Sending…",
    required: "Required",
    optional: "Optional",
    csat_words: ["Very dissatisfied", "Dissatisfied", "Neither", "Satisfied", "Very satisfied"],
    csi_scale_hint: "1 means very poor, 5 means very good",
    other: "Other",
    other_details: "Please tell us what else",
    chars_used: |n, max| format!("{n} of {max} characters"),
    survey_issue: |issue, missing_rows| match issue {
        SurveyIssue::Required => "This question needs an answer before you go on.".into(),
        SurveyIssue::RowsMissing(_) => format!("{missing_rows} still to rate."),
        SurveyIssue::OtherEmpty => "You ticked \"Other\": please say what, or untick it.".into(),
        SurveyIssue::TooLong { max } => format!("Please keep it to {max} characters."),
        SurveyIssue::Invalid => "That answer can't be accepted; please choose again.".into(),
    },
    save_failed: |why| format!("Your answers could not be stored on this device yet ({why}). They are kept on this device and it keeps trying to store them; please tell a member of staff."),
    try_again: "Try again",
    back_home_in: |s| format!("Back to the start in {s} seconds"),
    #[cfg(feature = "full")]
    fb_kind_question: "What would you like to tell us?",
    #[cfg(feature = "full")]
    fb_kind: |k| match k {
        FeedbackKind::Complaint => ("Complaint", "Something went wrong"),
        FeedbackKind::Praise => ("Praise", "Someone did well"),
        FeedbackKind::Suggestion => ("Suggestion", "How we could do better"),
        FeedbackKind::Question => ("Question", "Something you want to know"),
    },
    #[cfg(feature = "full")]
    fb_category_question: "What is it about?",
    #[cfg(feature = "full")]
    fb_text_label: "Please tell us more",
    #[cfg(feature = "full")]
    fb_department: "Department or counter",
    #[cfg(feature = "full")]
    fb_staff_member: "Member of staff (name or number)",
    #[cfg(feature = "full")]
    fb_visit_date: "Date of your visit",
    #[cfg(feature = "full")]
    fb_optional: " (optional)",
    #[cfg(feature = "full")]
    fb_consent_heading: "Would you like us to contact you? (optional)",
    #[cfg(feature = "full")]
    fb_name: "Name",
    #[cfg(feature = "full")]
    fb_phone: "Mobile number",
    #[cfg(feature = "full")]
    fb_phone_hint: "A mainland China mobile, or an international number starting with +",
    #[cfg(feature = "full")]
    fb_email: "Email",
    #[cfg(feature = "full")]
    fb_channel: "Preferred way to reach you",
    #[cfg(feature = "full")]
    fb_channel_phone: "Phone",
    #[cfg(feature = "full")]
    fb_channel_email: "Email",
    #[cfg(feature = "full")]
    fb_pii_notice: "Your text seems to contain a phone number or email address, and you have not agreed to us keeping contact details. You can move them into the contact fields below (after ticking the consent box), or remove them from the text.",
    #[cfg(feature = "full")]
    fb_pii_move: "Move to contact details",
    #[cfg(feature = "full")]
    fb_pii_remove: "Remove from the text",
    #[cfg(feature = "full")]
    fb_fix_these: "Please fix these first:",
    #[cfg(feature = "full")]
    fb_issue: |i| match i {
        FeedbackIssue::NoKind => "Please choose complaint, praise, suggestion or question.".into(),
        FeedbackIssue::NoCategory => "Please choose what it is about.".into(),
        FeedbackIssue::EmptyText => "Please write what you would like to tell us.".into(),
        FeedbackIssue::TooLong(max) => format!("Please keep it to {max} characters."),
        FeedbackIssue::BadDate => "Dates are written year-month-day.".into(),
        FeedbackIssue::BadPhone => "That mobile number doesn't look right: use an 11-digit mainland China mobile, or an international number starting with +.".into(),
        FeedbackIssue::BadEmail => "That email address doesn't look right, e.g. name@example.com.".into(),
        FeedbackIssue::NothingToReachBy => "Please leave a mobile number or an email address, or untick the consent box.".into(),
        FeedbackIssue::ChannelMissing => "The way you chose to be contacted is not filled in.".into(),
        FeedbackIssue::NameTooLong => "Names can be at most 100 characters.".into(),
    },
    fb_reference: "Your reference number",
    fb_reference_hint: "Quote this number to staff to follow up.",
    fb_qr_label: |r| format!("QR code of reference number {r}, scan it to keep it on your phone"),
    #[cfg(feature = "full")]
    fb_no_crypto: "This device cannot store contact details securely (the page was not opened over https). Please untick the consent box to send, or leave your details at the service desk.",
    #[cfg(feature = "full")]
    wf_search: "Search for a shop, product or facility",
    #[cfg(feature = "full")]
    wf_search_hint: "Chinese, English or pinyin, e.g. “toilet”, “洗手间”, “xsj”",
    #[cfg(feature = "full")]
    wf_shortcuts: "Common facilities",
    #[cfg(feature = "full")]
    place_kind: |k| match k {
        PlaceKind::Department => "Departments",
        PlaceKind::Brand => "Brands",
        PlaceKind::Service => "Services",
        PlaceKind::Toilets => "Toilets",
        PlaceKind::AccessibleToilet => "Accessible toilet",
        PlaceKind::BabyCare => "Baby care",
        PlaceKind::ServiceDesk => "Service desk",
        PlaceKind::Lockers => "Lockers",
        PlaceKind::Lift => "Lifts",
        PlaceKind::Escalator => "Escalators",
        PlaceKind::Stairs => "Stairs",
        PlaceKind::Exit => "Exits",
        PlaceKind::Atm => "Cash machine",
        PlaceKind::RestArea => "Seating",
        PlaceKind::Food => "Food",
    },
    #[cfg(feature = "full")]
    wf_results: |n| format!("{n} places found"),
    #[cfg(feature = "full")]
    wf_no_results: "Nothing found. Try other words, or ask at the service desk.",
    #[cfg(feature = "full")]
    wf_route_to: |p| format!("Route to {p}"),
    #[cfg(feature = "full")]
    wf_step_free: "Step-free route (no stairs or escalators)",
    #[cfg(feature = "full")]
    wf_you_are_here: "You are here",
    #[cfg(feature = "full")]
    wf_destination: "Destination",
    #[cfg(feature = "full")]
    wf_directions: "Directions",
    #[cfg(feature = "full")]
    wf_step: |step, floor, place| match step {
        WayStep::Walk { metres } => format!("Walk about {metres} m"),
        WayStep::ChangeFloor { by, up, .. } => {
            let how = match by {
                crate::wayfinding::graph::WalkKind::Lift => "Take the lift",
                crate::wayfinding::graph::WalkKind::Escalator => if *up { "Take the escalator up" } else { "Take the escalator down" },
                crate::wayfinding::graph::WalkKind::Stairs => if *up { "Take the stairs up" } else { "Take the stairs down" },
                _ => "Follow the ramp",
            };
            format!("{how} to {floor}")
        }
        WayStep::Arrive { side } => match side {
            crate::wayfinding::directions::Side::Left => format!("{place} is on your left"),
            crate::wayfinding::directions::Side::Right => format!("{place} is on your right"),
            crate::wayfinding::directions::Side::Ahead => format!("{place} is straight ahead"),
        },
    },
    #[cfg(feature = "full")]
    wf_no_route: "No route can be shown to this place. Please ask at the service desk.",
    #[cfg(feature = "full")]
    wf_no_step_free: "There is no step-free route here. Please ask staff at the service desk to help.",
    #[cfg(feature = "full")]
    wf_new_search: "New search",
    #[cfg(feature = "full")]
    wf_take_along: "Scan with your phone to take this route along",
    #[cfg(feature = "full")]
    wf_map: |f| format!("Plan of {f}"),
    #[cfg(feature = "full")]
    wf_floors: "Floors",
    #[cfg(feature = "full")]
    staff_config: "Settings file",
    #[cfg(feature = "full")]
    staff_config_fallback: "This device is running on the last settings file that worked here. The current config.json was not used:",
    #[cfg(feature = "full")]
    staff_outbox: "Outbox",
    #[cfg(feature = "full")]
    staff_pending: "Waiting to be sent",
    #[cfg(feature = "full")]
    staff_rejected: "Refused by the endpoint",
    #[cfg(feature = "full")]
    staff_unsaved: "Not yet in storage, kept in memory",
    #[cfg(feature = "full")]
    staff_storage_error: "Storage error",
    #[cfg(feature = "full")]
    staff_persisted: "Persistent storage granted",
    #[cfg(feature = "full")]
    staff_sender: "This page is the sender",
    #[cfg(feature = "full")]
    staff_last_result: "Last send",
    #[cfg(feature = "full")]
    staff_next_attempt: |s| format!("retry in {s} s"),
    #[cfg(feature = "full")]
    staff_send_problem: "Why sending fails",
    #[cfg(feature = "full")]
    staff_failure: |f| match f {
        F::Network => "The endpoint cannot be reached (its address is not found, the server is down, or the connection broke). Answers are kept and sent when it is back.",
        F::Redirect => "The endpoint address redirects elsewhere (a proxy or sign-in page?). Answers are kept; check endpoint.url.",
        F::Unauthorized => "The endpoint refused this device's token. Answers are kept; check the touchpoint's token.",
        F::WrongAddress => "Nothing at the endpoint address (wrong path?). Answers are kept; check endpoint.url.",
        F::Format => "The endpoint does not accept the format this device sends (HTTP 415). Answers are kept; check endpoint.format and endpoint.url.",
        F::RateLimited => "The endpoint asked the device to slow down. Answers are kept and sent later.",
        F::Server => "The endpoint has a problem of its own. Answers are kept and sent later.",
        F::Refused => "The endpoint refused some answers as invalid; those are kept under \"Refused by the endpoint\".",
        F::Other => "The endpoint gave an unexpected answer. Answers are kept and sent later.",
    },
    #[cfg(feature = "full")]
    staff_only_title: "Staff only",
    #[cfg(feature = "full")]
    staff_only_body: "This screen is for store staff. If you are a customer, please tap “Back to start”.",
    #[cfg(feature = "full")]
    staff_pin: "Staff PIN",
    #[cfg(feature = "full")]
    staff_sign_in: "Sign in",
    #[cfg(feature = "full")]
    staff_checking: "Checking…",
    #[cfg(feature = "full")]
    staff_wrong_pin: |left| if left == 1 { "Wrong PIN. One more wrong PIN pauses sign-in.".into() } else { format!("Wrong PIN. {left} tries left before sign-in pauses.") },
    #[cfg(feature = "full")]
    staff_locked: |s| if s >= 60 { format!("Too many wrong PINs. Sign-in is paused: try again in {} min {} s.", s / 60, s % 60) } else { format!("Too many wrong PINs. Sign-in is paused: try again in {s} s.") },
    #[cfg(feature = "full")]
    staff_not_set_up: "Staff mode is not set up for this store: its settings file (config.json) has no staff PIN, so no one can sign in.",
    #[cfg(feature = "full")]
    staff_not_set_up_how: "To set it up, run “storevoice pin-hash”, type the PIN, and add the “staff” entry it prints to config.json.",
    #[cfg(feature = "full")]
    staff_pin_check_failed: |why| format!("The PIN could not be checked on this device ({why})."),
    #[cfg(feature = "full")]
    staff_sign_out: "Sign out",
    #[cfg(feature = "full")]
    staff_session_note: "You are signed in. The session ends after 2 minutes without a touch, when the device goes back to the start, or with “Sign out”.",
    #[cfg(feature = "full")]
    staff_device: "This device",
    #[cfg(feature = "full")]
    staff_device_note: "Kept on this device only. A link’s own settings (?touchpoint=, ?lang=, ?mode=) still win over these; the settings file’s defaults apply where nothing is set here. Saving restarts the app.",
    #[cfg(feature = "full")]
    staff_device_touchpoint: "Location of this device",
    #[cfg(feature = "full")]
    staff_device_lang: "Default language",
    #[cfg(feature = "full")]
    staff_device_mode: "Display mode",
    #[cfg(feature = "full")]
    staff_device_token: "Device token for the endpoint",
    #[cfg(feature = "full")]
    staff_device_token_hint: "Leave empty to use the token in the settings file, if any.",
    #[cfg(feature = "full")]
    staff_from_config: |v| format!("As in the settings file ({v})"),
    #[cfg(feature = "full")]
    staff_mode_standard: "Standard",
    #[cfg(feature = "full")]
    staff_device_save: "Save and restart",
    #[cfg(feature = "full")]
    staff_device_clear: "Clear this device’s setup",
    #[cfg(feature = "full")]
    staff_device_save_failed: "This device’s storage refused the setup; nothing was changed.",
    #[cfg(feature = "full")]
    staff_device_unsaved: "An answer on this device is not stored yet, and restarting now would lose it; nothing was changed. Try again once “Not yet in storage, kept in memory” shows 0.",
    #[cfg(feature = "full")]
    staff_device_bad_token: "The token must not contain spaces or characters other than printable ASCII.",
    #[cfg(feature = "full")]
    staff_about: "About",
    #[cfg(feature = "full")]
    staff_version: "App version",
    #[cfg(feature = "full")]
    staff_store_id: "Store id",
    #[cfg(feature = "full")]
    staff_survey_version: "Survey version",
    // --- read aloud (speech) ---
    read_aloud: "Read aloud",
    read_aloud_stop: "Stop",
    speech_sep: ", ",
    speech_scale: |a, b| format!("{a} to {b}"),
    speech_scale_end: |n, l| format!("{n}, {l}"),
    speech_pair: |a, b| format!("{a}: {b}"),
    #[cfg(feature = "full")]
    staff_speech: "Read aloud",
    #[cfg(feature = "full")]
    staff_speech_note: "Voices on this device for each language. Where a language has none, its read-aloud buttons are hidden.",
    #[cfg(feature = "full")]
    staff_speech_none: "no voice",
    // --- staff: outbox care ---
    #[cfg(feature = "full")]
    care_last_success: "Last successful send",
    #[cfg(feature = "full")]
    care_last_failure: "Last failure",
    #[cfg(feature = "full")]
    care_none_yet: "none since this page was opened",
    #[cfg(feature = "full")]
    care_no_network: "This device has no network connection. Answers are kept and sent when it is back.",
    #[cfg(feature = "full")]
    care_storage_use: "Storage used",
    #[cfg(feature = "full")]
    care_storage_of: |used, quota| format!("{used} of {quota}"),
    #[cfg(feature = "full")]
    care_send_now: "Send now",
    #[cfg(feature = "full")]
    care_send_now_done: "Sending started.",
    #[cfg(feature = "full")]
    care_rejected_caption: |n| format!("Refused by the endpoint ({n})"),
    #[cfg(feature = "full")]
    care_rejected_help: "The endpoint refused these answers as invalid. Once the endpoint is fixed, send them again: each keeps its id, so none is stored twice.",
    #[cfg(feature = "full")]
    care_rejected_none: "No refused answers on this device.",
    #[cfg(feature = "full")]
    care_col_when: "Refused at",
    #[cfg(feature = "full")]
    care_col_kind: "Kind",
    #[cfg(feature = "full")]
    care_col_status: "HTTP status",
    #[cfg(feature = "full")]
    care_col_reason: "Endpoint's reason",
    #[cfg(feature = "full")]
    care_col_action: "Action",
    #[cfg(feature = "full")]
    care_kind: |k| match k {
        crate::outbox::export::Kind::Survey => "Survey",
        crate::outbox::export::Kind::Feedback => "Suggestion box",
        crate::outbox::export::Kind::Other => "Other",
    },
    #[cfg(feature = "full")]
    care_no_reason: "(no reason given)",
    #[cfg(feature = "full")]
    care_send_again: "Send again",
    #[cfg(feature = "full")]
    care_send_again_one: |kind, when| format!("Send again: {kind}, refused at {when}"),
    #[cfg(feature = "full")]
    care_send_all_again: "Send all again",
    #[cfg(feature = "full")]
    care_requeued: |n| if n == 1 { "1 answer is back in the queue and being sent.".into() } else { format!("{n} answers are back in the queue and being sent.") },
    #[cfg(feature = "full")]
    care_action_failed: |why| format!("That did not work: {why}"),
    #[cfg(feature = "full")]
    care_export: "Export what is on this device",
    #[cfg(feature = "full")]
    care_export_note: "The files hold every answer still on this device, waiting or refused; exporting deletes nothing. Contact details are included only for answers still waiting to be sent: refused answers had theirs deleted (see the contact_note column).",
    #[cfg(feature = "full")]
    care_export_ndjson: "Download NDJSON",
    #[cfg(feature = "full")]
    care_export_csv: "Download CSV (Excel)",
    #[cfg(feature = "full")]
    care_exported: |n, file| format!("{n} answers saved as {file}."),
    #[cfg(feature = "full")]
    care_download_failed: "The browser did not start the download.",
    // today on this device (staff tally)
    #[cfg(feature = "full")]
    today_title: "Today on this device",
    #[cfg(feature = "full")]
    today_note: "Only counts and scores of what this device handed in (no text, no contact details), kept 14 days. \"Flagged\" answers came faster than a person could give them and are left out of the scores.",
    #[cfg(feature = "full")]
    today_period: "Period",
    #[cfg(feature = "full")]
    today_today: "Today",
    #[cfg(feature = "full")]
    today_yesterday: "Yesterday",
    #[cfg(feature = "full")]
    today_week: "Last 7 days",
    #[cfg(feature = "full")]
    today_responses: "Responses",
    #[cfg(feature = "full")]
    today_flagged: "Flagged (left out)",
    #[cfg(feature = "full")]
    today_nothing: "Nothing was handed in in this period.",
    #[cfg(feature = "full")]
    today_per_hour: "Responses per hour",
    #[cfg(feature = "full")]
    today_hour: "Hour",
    #[cfg(feature = "full")]
    today_count: "Count",
    #[cfg(feature = "full")]
    today_share: "Share",
    #[cfg(feature = "full")]
    today_nps: "Net Promoter Score (NPS)",
    #[cfg(feature = "full")]
    today_promoters: "Promoters (9–10)",
    #[cfg(feature = "full")]
    today_passives: "Passives (7–8)",
    #[cfg(feature = "full")]
    today_detractors: "Detractors (0–6)",
    #[cfg(feature = "full")]
    today_csat: "Satisfaction (CSAT) distribution",
    #[cfg(feature = "full")]
    today_rating: "Rating",
    #[cfg(feature = "full")]
    today_mean: "Mean",
    #[cfg(feature = "full")]
    today_satisfied: "Satisfied (4–5)",
    #[cfg(feature = "full")]
    today_csi: "Satisfaction index per dimension (CSI, 0–100)",
    #[cfg(feature = "full")]
    today_dimension: "Dimension",
    #[cfg(feature = "full")]
    today_index: "Index",
    #[cfg(feature = "full")]
    today_answers: "Answers",
    #[cfg(feature = "full")]
    today_journey: "Service",
    #[cfg(feature = "full")]
    yes: "yes",
    #[cfg(feature = "full")]
    no: "no",
    #[cfg(feature = "full")]
    unknown: "unknown",
    // inclusion (focus): idle warning, thank-you pause, consent ask, text limit
    idle_title: "Still there?",
    idle_body: |n| format!("Your answers will be cleared in {n} seconds."),
    idle_left: |n| if n == 1 { "1 second left".into() } else { format!("{n} seconds left") },
    idle_more_time: "I need more time",
    ty_pause: "Keep this on screen",
    ty_resume: "Continue the countdown",
    ty_paused: "Paused: this screen stays while you are using it.",
    #[cfg(feature = "full")]
    fb_consent_ask_title: "First tick the box to agree",
    #[cfg(feature = "full")]
    fb_consent_ask: "Once you tick the consent box below, the phone number and email in your text move to the contact fields. If you don't, they stay in the text.",
    limit_near: |max| format!("Nearly at the limit of {max} characters"),
    limit_reached: |max| format!("You have reached the limit of {max} characters"),
    limit_over: |max| format!("Over the limit of {max} characters: please shorten your text"),
    // --- opening hours and QR posters (poster) ---
    hours_closed_title: "We are closed right now",
    hours_closed_body: "Thank you for visiting. Please come back during our opening hours.",
    hours_today: "Today",
    hours_week: "Opening hours",
    hours_closed_day: "Closed",
    weekdays: ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    hours_span: |o, c, night| if night { format!("{o}–{c} (next day)") } else { format!("{o}–{c}") },
    hours_wayfinding: "You can still find your way around the store:",
    #[cfg(feature = "full")]
    staff_posters: "QR posters",
    #[cfg(feature = "full")]
    staff_posters_note: "One poster for each location and each service it offers. Print and put each one up at its location.",
    #[cfg(feature = "full")]
    staff_posters_show: "Show posters",
    #[cfg(feature = "full")]
    staff_posters_hide: "Hide posters",
    #[cfg(feature = "full")]
    staff_poster_size: "Paper size",
    #[cfg(feature = "full")]
    staff_print: "Print",
    #[cfg(feature = "full")]
    staff_print_hint: "Each poster prints on its own page, without the app around it.",
    #[cfg(feature = "full")]
    poster_qr_label: |tp, j| format!("QR code: {j} at {tp}"),
    #[cfg(feature = "full")]
    poster_call: |j| match j {
        crate::config::Journey::Survey => "Scan to rate your visit",
        crate::config::Journey::Feedback => "Scan to leave a suggestion",
        crate::config::Journey::Wayfinding => "Scan to find your way",
    },
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
        P::OutOfRange { min, max } => format!("The number is out of range ({}–{}).", decimal(*min), decimal(*max)),
        P::UnsafeLink => "Links must be relative paths or https addresses.".into(),
        P::FieldNotUsed { field, kind } => format!("Questions of type \"{kind}\" do not use the field \"{field}\"."),
        P::FieldRequired { field, kind } => format!("Questions of type \"{kind}\" need the field \"{field}\"."),
        P::ForwardReference { id } => format!("A condition may only refer to an earlier question; \"{id}\" is not before this one."),
        P::ImpossibleCondition => "This condition can never be met (a value outside the scale, or a rule that does not fit the question it refers to).".into(),
        P::InvalidCondition => "A condition needs exactly one of at_most, at_least, any_of.".into(),
        P::FloorChangeWithoutConnector => "This connection joins two floors, so its kind must be stairs, escalator, lift or ramp, not walk.".into(),
        P::LengthNeeded => "A connection between floors needs its length in metres.".into(),
        P::Unreachable { from } => format!("No walkway leads here from \"{from}\"."),
        P::InvalidToken => "The token must not be empty or contain spaces.".into(),
        P::NotBase64 => "Not base64 (standard alphabet, padded with =).".into(),
        P::ByteLength { min, max } => if min == max { format!("Must be exactly {min} bytes once decoded.") } else { format!("Must be {min} to {max} bytes once decoded.") },
        P::InvalidTime => "Times are written HH:MM on the 24-hour clock, for example 09:00 or 21:30 (24:00 only as a closing time).".into(),
        P::InvalidDate => "Dates are written YYYY-MM-DD, for example 2026-10-01.".into(),
        P::InvalidUtcOffset => "The offset from UTC is written +HH:MM or -HH:MM, for example +08:00.".into(),
        P::EmptySpan => "This span opens and closes at the same time; for a whole day write 00:00 to 24:00.".into(),
        P::DuplicateDate { date } => format!("The date {date} has more than one exception."),
    }
}

fn launch_warning(w: &W) -> String {
    match w {
        W::UnknownTouchpoint(v) => format!("The link names an unknown location \"{v}\"; the default location is used."),
        W::UnknownLanguage(v) => format!("The link asks for the unsupported language \"{v}\"; the default language is used."),
        W::UnknownMode(v) => format!("The link asks for an unknown display mode \"{v}\"; the default is used."),
        W::UnknownJourney(v) => format!("The link names an unknown service \"{v}\"."),
        W::JourneyNotOffered(_) => "The service in the link is not offered at this location.".into(),
        W::SetupTouchpointGone(v) => format!("This device was set up as location \"{v}\", which the settings file no longer has; the default location is used."),
    }
}
