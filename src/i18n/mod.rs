//! UI strings in typed per-language tables.
//!
//! Every language is one `const Strings` value: adding a field to [`Strings`] without filling
//! it in for every language is a compile error, so a missing translation can never ship.
//! Texts that come from the store's config are [`crate::config::Text`] maps instead.

mod en;
mod zh_hans;
mod zh_hant;

use crate::config::ProblemKind;
#[cfg(feature = "full")]
use crate::config::PlaceKind;
#[cfg(feature = "full")]
use crate::feedback::FeedbackKind;
use crate::launch::LaunchWarning;
use crate::survey::Issue as SurveyIssue;
pub use crate::wayfinding::directions::Step as WayStep;

pub use crate::feedback::Issue as FeedbackIssue;

pub use crate::lang::Lang;

impl Lang {
    pub fn strings(self) -> &'static Strings {
        match self {
            Lang::ZhHans => &zh_hans::STRINGS,
            Lang::ZhHant => &zh_hant::STRINGS,
            Lang::En => &en::STRINGS,
        }
    }
}

/// All UI strings of one language.
pub struct Strings {
    /// The language's name in itself, for the language switch.
    pub lang_name: &'static str,
    pub skip_to_content: &'static str,
    pub loading: &'static str,
    /// The light page could not hand over to the full app without dropping an answer it
    /// holds in memory (`web::handover`).
    pub handover_refused_title: &'static str,
    pub handover_refused_body: &'static str,
    pub handover_offline_body: &'static str,
    pub welcome: &'static str,
    pub choose_journey: &'static str,
    pub journey_survey: &'static str,
    pub journey_survey_hint: &'static str,
    pub journey_feedback: &'static str,
    pub journey_feedback_hint: &'static str,
    pub journey_wayfinding: &'static str,
    pub journey_wayfinding_hint: &'static str,
    pub language: &'static str,
    pub large_text: &'static str,
    pub back_home: &'static str,
    pub staff: &'static str,
    pub thank_you_title: &'static str,
    pub thank_you_body: &'static str,
    #[cfg(feature = "full")]
    pub staff_title: &'static str,
    pub touchpoint: &'static str,
    pub config_error_title: &'static str,
    pub config_error_intro: &'static str,
    pub config_error_staff_hint: &'static str,
    /// A warning about a valid config (`storevoice check`).
    pub config_warning: fn(&crate::wayfinding::warnings::WarningKind) -> String,
    pub config_ok: &'static str,
    pub config_warnings_intro: &'static str,
    pub config_load_failed: fn(&str) -> String,
    /// config.json did not arrive within this many seconds (the device started on its last good one).
    pub config_timed_out: fn(u32) -> String,
    pub problem: fn(&ProblemKind) -> String,
    pub launch_warning: fn(&LaunchWarning) -> String,
    pub page_not_found: &'static str,
    // --- survey ---
    pub survey_progress: fn(usize, usize) -> String,
    pub next: &'static str,
    pub back: &'static str,
    pub skip: &'static str,
    pub submit: &'static str,
    pub submitting: &'static str,
    pub required: &'static str,
    pub optional: &'static str,
    /// CSAT faces, from very dissatisfied (1) to very satisfied (5).
    pub csat_words: [&'static str; 5],
    /// Legend of the 1–5 scale of CSI rows.
    pub csi_scale_hint: &'static str,
    pub other: &'static str,
    pub other_details: &'static str,
    pub chars_used: fn(usize, u32) -> String,
    pub survey_issue: fn(&SurveyIssue, usize) -> String,
    pub save_failed: fn(&str) -> String,
    pub try_again: &'static str,
    pub back_home_in: fn(u32) -> String,
    // --- suggestion box ---
    #[cfg(feature = "full")]
    pub fb_kind_question: &'static str,
    /// Name and one-line hint of each kind of entry.
    #[cfg(feature = "full")]
    pub fb_kind: fn(FeedbackKind) -> (&'static str, &'static str),
    #[cfg(feature = "full")]
    pub fb_category_question: &'static str,
    #[cfg(feature = "full")]
    pub fb_text_label: &'static str,
    #[cfg(feature = "full")]
    pub fb_department: &'static str,
    #[cfg(feature = "full")]
    pub fb_staff_member: &'static str,
    #[cfg(feature = "full")]
    pub fb_visit_date: &'static str,
    #[cfg(feature = "full")]
    pub fb_optional: &'static str,
    #[cfg(feature = "full")]
    pub fb_consent_heading: &'static str,
    #[cfg(feature = "full")]
    pub fb_name: &'static str,
    #[cfg(feature = "full")]
    pub fb_phone: &'static str,
    #[cfg(feature = "full")]
    pub fb_phone_hint: &'static str,
    #[cfg(feature = "full")]
    pub fb_email: &'static str,
    #[cfg(feature = "full")]
    pub fb_channel: &'static str,
    #[cfg(feature = "full")]
    pub fb_channel_phone: &'static str,
    #[cfg(feature = "full")]
    pub fb_channel_email: &'static str,
    #[cfg(feature = "full")]
    pub fb_pii_notice: &'static str,
    #[cfg(feature = "full")]
    pub fb_pii_move: &'static str,
    #[cfg(feature = "full")]
    pub fb_pii_remove: &'static str,
    #[cfg(feature = "full")]
    pub fb_fix_these: &'static str,
    #[cfg(feature = "full")]
    pub fb_issue: fn(&FeedbackIssue) -> String,
    pub fb_reference: &'static str,
    pub fb_reference_hint: &'static str,
    pub fb_qr_label: fn(&str) -> String,
    #[cfg(feature = "full")]
    pub fb_no_crypto: &'static str,
    // --- find your way ---
    #[cfg(feature = "full")]
    pub wf_search: &'static str,
    #[cfg(feature = "full")]
    pub wf_search_hint: &'static str,
    #[cfg(feature = "full")]
    pub wf_shortcuts: &'static str,
    /// What places of a kind are called (the search shortcuts' labels).
    #[cfg(feature = "full")]
    pub place_kind: fn(PlaceKind) -> &'static str,
    #[cfg(feature = "full")]
    pub wf_results: fn(usize) -> String,
    #[cfg(feature = "full")]
    pub wf_no_results: &'static str,
    #[cfg(feature = "full")]
    pub wf_route_to: fn(&str) -> String,
    #[cfg(feature = "full")]
    pub wf_step_free: &'static str,
    #[cfg(feature = "full")]
    pub wf_you_are_here: &'static str,
    #[cfg(feature = "full")]
    pub wf_destination: &'static str,
    #[cfg(feature = "full")]
    pub wf_directions: &'static str,
    #[cfg(feature = "full")]
    pub wf_step: fn(&WayStep, &str, &str) -> String,
    #[cfg(feature = "full")]
    pub wf_no_route: &'static str,
    #[cfg(feature = "full")]
    pub wf_no_step_free: &'static str,
    #[cfg(feature = "full")]
    pub wf_new_search: &'static str,
    #[cfg(feature = "full")]
    pub wf_take_along: &'static str,
    #[cfg(feature = "full")]
    pub wf_map: fn(&str) -> String,
    #[cfg(feature = "full")]
    pub wf_floors: &'static str,
    // --- staff: outbox status ---
    #[cfg(feature = "full")]
    pub staff_config: &'static str,
    #[cfg(feature = "full")]
    pub staff_config_fallback: &'static str,
    #[cfg(feature = "full")]
    pub staff_outbox: &'static str,
    #[cfg(feature = "full")]
    pub staff_pending: &'static str,
    #[cfg(feature = "full")]
    pub staff_rejected: &'static str,
    #[cfg(feature = "full")]
    pub staff_unsaved: &'static str,
    #[cfg(feature = "full")]
    pub staff_storage_error: &'static str,
    #[cfg(feature = "full")]
    pub staff_persisted: &'static str,
    #[cfg(feature = "full")]
    pub staff_sender: &'static str,
    #[cfg(feature = "full")]
    pub staff_last_result: &'static str,
    #[cfg(feature = "full")]
    pub staff_next_attempt: fn(u32) -> String,
    /// Why sending fails, in plain words, by the policy's failure class.
    #[cfg(feature = "full")]
    pub staff_send_problem: &'static str,
    #[cfg(feature = "full")]
    pub staff_failure: fn(crate::outbox::policy::Failure) -> &'static str,
    // --- staff: sign-in, device setup, about ---
    #[cfg(feature = "full")]
    pub staff_only_title: &'static str,
    #[cfg(feature = "full")]
    pub staff_only_body: &'static str,
    #[cfg(feature = "full")]
    pub staff_pin: &'static str,
    #[cfg(feature = "full")]
    pub staff_sign_in: &'static str,
    #[cfg(feature = "full")]
    pub staff_checking: &'static str,
    #[cfg(feature = "full")]
    pub staff_wrong_pin: fn(u32) -> String,
    #[cfg(feature = "full")]
    pub staff_locked: fn(u32) -> String,
    #[cfg(feature = "full")]
    pub staff_not_set_up: &'static str,
    #[cfg(feature = "full")]
    pub staff_not_set_up_how: &'static str,
    #[cfg(feature = "full")]
    pub staff_pin_check_failed: fn(&str) -> String,
    #[cfg(feature = "full")]
    pub staff_sign_out: &'static str,
    #[cfg(feature = "full")]
    pub staff_session_note: &'static str,
    #[cfg(feature = "full")]
    pub staff_device: &'static str,
    #[cfg(feature = "full")]
    pub staff_device_note: &'static str,
    #[cfg(feature = "full")]
    pub staff_device_touchpoint: &'static str,
    #[cfg(feature = "full")]
    pub staff_device_lang: &'static str,
    #[cfg(feature = "full")]
    pub staff_device_mode: &'static str,
    #[cfg(feature = "full")]
    pub staff_device_token: &'static str,
    #[cfg(feature = "full")]
    pub staff_device_token_hint: &'static str,
    #[cfg(feature = "full")]
    pub staff_from_config: fn(&str) -> String,
    #[cfg(feature = "full")]
    pub staff_mode_standard: &'static str,
    #[cfg(feature = "full")]
    pub staff_device_save: &'static str,
    #[cfg(feature = "full")]
    pub staff_device_clear: &'static str,
    #[cfg(feature = "full")]
    pub staff_device_save_failed: &'static str,
    /// The setup was not saved: a restart would lose an answer held only in memory.
    #[cfg(feature = "full")]
    pub staff_device_unsaved: &'static str,
    #[cfg(feature = "full")]
    pub staff_device_bad_token: &'static str,
    #[cfg(feature = "full")]
    pub staff_about: &'static str,
    #[cfg(feature = "full")]
    pub staff_version: &'static str,
    #[cfg(feature = "full")]
    pub staff_store_id: &'static str,
    #[cfg(feature = "full")]
    pub staff_survey_version: &'static str,
    // --- read aloud (speech) ---
    /// The read-aloud control's word.
    pub read_aloud: &'static str,
    /// Shown on the control while it reads: pressing it again stops.
    pub read_aloud_stop: &'static str,
    /// Between items of a list read aloud ("A, B" / "甲，乙").
    pub speech_sep: &'static str,
    /// A scale read aloud: "0 to 10".
    pub speech_scale: fn(u8, u8) -> String,
    /// One end of a scale read aloud: "0, not at all likely".
    pub speech_scale_end: fn(u8, &str) -> String,
    /// A choice and its hint read aloud: "Complaint: something went wrong".
    pub speech_pair: fn(&str, &str) -> String,
    #[cfg(feature = "full")]
    pub staff_speech: &'static str,
    #[cfg(feature = "full")]
    pub staff_speech_note: &'static str,
    #[cfg(feature = "full")]
    pub staff_speech_none: &'static str,
    // --- staff: outbox care ---
    #[cfg(feature = "full")]
    pub care_last_success: &'static str,
    #[cfg(feature = "full")]
    pub care_last_failure: &'static str,
    /// Nothing of that kind since this page was opened (the sender keeps it in memory).
    #[cfg(feature = "full")]
    pub care_none_yet: &'static str,
    /// The last send failed for want of a connection and the browser says it is offline.
    #[cfg(feature = "full")]
    pub care_no_network: &'static str,
    #[cfg(feature = "full")]
    pub care_storage_use: &'static str,
    /// "{used} of {quota}".
    #[cfg(feature = "full")]
    pub care_storage_of: fn(&str, &str) -> String,
    #[cfg(feature = "full")]
    pub care_send_now: &'static str,
    #[cfg(feature = "full")]
    pub care_send_now_done: &'static str,
    /// Caption of the refused-records table, with their number.
    #[cfg(feature = "full")]
    pub care_rejected_caption: fn(u32) -> String,
    #[cfg(feature = "full")]
    pub care_rejected_help: &'static str,
    #[cfg(feature = "full")]
    pub care_rejected_none: &'static str,
    #[cfg(feature = "full")]
    pub care_col_when: &'static str,
    #[cfg(feature = "full")]
    pub care_col_kind: &'static str,
    #[cfg(feature = "full")]
    pub care_col_status: &'static str,
    #[cfg(feature = "full")]
    pub care_col_reason: &'static str,
    #[cfg(feature = "full")]
    pub care_col_action: &'static str,
    #[cfg(feature = "full")]
    pub care_kind: fn(crate::outbox::export::Kind) -> &'static str,
    #[cfg(feature = "full")]
    pub care_no_reason: &'static str,
    #[cfg(feature = "full")]
    pub care_send_again: &'static str,
    /// Accessible name of one row's button: (kind, when).
    #[cfg(feature = "full")]
    pub care_send_again_one: fn(&str, &str) -> String,
    #[cfg(feature = "full")]
    pub care_send_all_again: &'static str,
    #[cfg(feature = "full")]
    pub care_requeued: fn(u32) -> String,
    #[cfg(feature = "full")]
    pub care_action_failed: fn(&str) -> String,
    #[cfg(feature = "full")]
    pub care_export: &'static str,
    #[cfg(feature = "full")]
    pub care_export_note: &'static str,
    #[cfg(feature = "full")]
    pub care_export_ndjson: &'static str,
    #[cfg(feature = "full")]
    pub care_export_csv: &'static str,
    /// (records, file name).
    #[cfg(feature = "full")]
    pub care_exported: fn(u32, &str) -> String,
    #[cfg(feature = "full")]
    pub care_download_failed: &'static str,
    // today on this device (staff tally)
    #[cfg(feature = "full")]
    pub today_title: &'static str,
    #[cfg(feature = "full")]
    pub today_note: &'static str,
    #[cfg(feature = "full")]
    pub today_period: &'static str,
    #[cfg(feature = "full")]
    pub today_today: &'static str,
    #[cfg(feature = "full")]
    pub today_yesterday: &'static str,
    #[cfg(feature = "full")]
    pub today_week: &'static str,
    #[cfg(feature = "full")]
    pub today_responses: &'static str,
    #[cfg(feature = "full")]
    pub today_flagged: &'static str,
    #[cfg(feature = "full")]
    pub today_nothing: &'static str,
    #[cfg(feature = "full")]
    pub today_per_hour: &'static str,
    #[cfg(feature = "full")]
    pub today_hour: &'static str,
    #[cfg(feature = "full")]
    pub today_count: &'static str,
    #[cfg(feature = "full")]
    pub today_share: &'static str,
    #[cfg(feature = "full")]
    pub today_nps: &'static str,
    #[cfg(feature = "full")]
    pub today_promoters: &'static str,
    #[cfg(feature = "full")]
    pub today_passives: &'static str,
    #[cfg(feature = "full")]
    pub today_detractors: &'static str,
    #[cfg(feature = "full")]
    pub today_csat: &'static str,
    #[cfg(feature = "full")]
    pub today_rating: &'static str,
    #[cfg(feature = "full")]
    pub today_mean: &'static str,
    #[cfg(feature = "full")]
    pub today_satisfied: &'static str,
    #[cfg(feature = "full")]
    pub today_csi: &'static str,
    #[cfg(feature = "full")]
    pub today_dimension: &'static str,
    #[cfg(feature = "full")]
    pub today_index: &'static str,
    #[cfg(feature = "full")]
    pub today_answers: &'static str,
    #[cfg(feature = "full")]
    pub today_journey: &'static str,
    #[cfg(feature = "full")]
    pub yes: &'static str,
    #[cfg(feature = "full")]
    pub no: &'static str,
    #[cfg(feature = "full")]
    pub unknown: &'static str,
    // inclusion (focus): idle warning, thank-you pause, consent ask, text limit
    pub idle_title: &'static str,
    pub idle_body: fn(u32) -> String,
    pub idle_left: fn(u32) -> String,
    pub idle_more_time: &'static str,
    pub ty_pause: &'static str,
    pub ty_resume: &'static str,
    pub ty_paused: &'static str,
    #[cfg(feature = "full")]
    pub fb_consent_ask_title: &'static str,
    #[cfg(feature = "full")]
    pub fb_consent_ask: &'static str,
    pub limit_near: fn(u32) -> String,
    pub limit_reached: fn(u32) -> String,
    pub limit_over: fn(u32) -> String,
    // --- opening hours and QR posters (poster) ---
    pub hours_closed_title: &'static str,
    pub hours_closed_body: &'static str,
    pub hours_today: &'static str,
    pub hours_week: &'static str,
    pub hours_closed_day: &'static str,
    /// Monday first.
    pub weekdays: [&'static str; 7],
    /// One opening span, `(open, close, runs past midnight)`.
    pub hours_span: fn(&str, &str, bool) -> String,
    pub hours_wayfinding: &'static str,
    #[cfg(feature = "full")]
    pub staff_posters: &'static str,
    #[cfg(feature = "full")]
    pub staff_posters_note: &'static str,
    #[cfg(feature = "full")]
    pub staff_posters_show: &'static str,
    #[cfg(feature = "full")]
    pub staff_posters_hide: &'static str,
    #[cfg(feature = "full")]
    pub staff_poster_size: &'static str,
    #[cfg(feature = "full")]
    pub staff_print: &'static str,
    #[cfg(feature = "full")]
    pub staff_print_hint: &'static str,
    /// Accessible name of a poster's QR code: `(touchpoint, journey)`.
    #[cfg(feature = "full")]
    pub poster_qr_label: fn(&str, &str) -> String,
    /// The line printed under a poster's QR code, per journey.
    #[cfg(feature = "full")]
    pub poster_call: fn(crate::config::Journey) -> &'static str,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_names_are_in_their_own_language() {
        assert_eq!(Lang::ZhHans.strings().lang_name, "简体中文");
        assert_eq!(Lang::ZhHant.strings().lang_name, "繁體中文");
        assert_eq!(Lang::En.strings().lang_name, "English");
    }
}

/// A day's opening spans in words: "10:00–22:00, 18:00–next day 02:00", or "Closed"
/// (the closed screen of both pages).
pub fn hours_text(s: &Strings, spans: &[crate::config::Span]) -> String {
    use crate::hours::{span_minutes, MINUTES_PER_DAY};
    let parts: Vec<String> = spans
        .iter()
        .filter_map(|sp| span_minutes(sp).map(|(_, c)| (sp, c > MINUTES_PER_DAY)))
        .map(|(sp, night)| (s.hours_span)(&sp.open, &sp.close, night))
        .collect();
    if parts.is_empty() { s.hours_closed_day.to_string() } else { parts.join(", ") }
}
