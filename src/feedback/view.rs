//! The suggestion box screen: kind, category, text (with counter), optional details, and
//! contact details only after explicit consent. One form; no Enter key submits it, so
//! confirming an input-method candidate with Enter can never send anything.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::contact::{self, Channel, Contact, ContactIssue};
use super::pii::{find_contacts, remove_contacts, FoundKind};
use super::record::{check_text, is_date, EntryIssue, FeedbackEntry, FeedbackKind};
use crate::app::route::{navigate, Route};
use crate::app::shell::HEADING_ID;
use crate::app::{use_app, AppCtx, HandedIn};
use crate::config::FeedbackField;
use crate::i18n::FeedbackIssue;
use crate::outbox::idb::can_encrypt;
use crate::outbox::Record;
use crate::time::rfc3339_from_millis;
use crate::web::platform;

#[derive(Clone, PartialEq, Default)]
struct Form {
    kind: Option<FeedbackKind>,
    category: Option<String>,
    text: String,
    department: String,
    staff_member: String,
    visit_date: String,
    consent: bool,
    name: String,
    phone: String,
    email: String,
    channel: Option<Channel>,
    /// Problems found at the last attempt to send, by field.
    issues: Vec<(&'static str, FeedbackIssue)>,
    sending: bool,
    failed: Option<String>,
}

enum Edit {
    Kind(FeedbackKind),
    Category(String),
    Text(String),
    Department(String),
    StaffMember(String),
    VisitDate(String),
    Consent(bool),
    Name(String),
    Phone(String),
    Email(String),
    Channel(Channel),
    /// Move phone numbers and emails from the text into the contact fields (with consent).
    MoveContacts,
    RemoveContacts,
    Issues(Vec<(&'static str, FeedbackIssue)>),
    Sending,
    Failed(String),
}

impl Reducible for Form {
    type Action = Edit;
    fn reduce(self: Rc<Self>, e: Edit) -> Rc<Self> {
        let mut f = (*self).clone();
        match e {
            Edit::Kind(k) => f.kind = Some(k),
            Edit::Category(c) => f.category = Some(c),
            Edit::Text(t) => f.text = t,
            Edit::Department(t) => f.department = t,
            Edit::StaffMember(t) => f.staff_member = t,
            Edit::VisitDate(t) => f.visit_date = t,
            Edit::Consent(on) => {
                f.consent = on;
                if !on {
                    // Without consent no contact data is kept anywhere.
                    f.name.clear();
                    f.phone.clear();
                    f.email.clear();
                    f.channel = None;
                }
            }
            Edit::Name(t) => f.name = t,
            Edit::Phone(t) => f.phone = t,
            Edit::Email(t) => f.email = t,
            Edit::Channel(c) => f.channel = Some(c),
            Edit::MoveContacts => {
                let found = find_contacts(&f.text);
                for x in &found {
                    match x.kind {
                        FoundKind::Phone if f.phone.is_empty() => f.phone = x.value.clone(),
                        FoundKind::Email if f.email.is_empty() => f.email = x.value.clone(),
                        _ => {}
                    }
                }
                f.text = remove_contacts(&f.text, &found);
                f.consent = true;
            }
            Edit::RemoveContacts => {
                let found = find_contacts(&f.text);
                f.text = remove_contacts(&f.text, &found);
            }
            Edit::Issues(i) => f.issues = i,
            Edit::Sending => {
                f.sending = true;
                f.failed = None;
            }
            Edit::Failed(why) => {
                f.sending = false;
                f.failed = Some(why);
            }
        }
        Rc::new(f)
    }
}

fn input_value(e: &InputEvent) -> String {
    e.target()
        .and_then(|t| {
            t.clone()
                .dyn_into::<web_sys::HtmlInputElement>()
                .map(|i| i.value())
                .ok()
                .or_else(|| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok().map(|a| a.value()))
        })
        .unwrap_or_default()
}

fn entry_issue(i: EntryIssue) -> FeedbackIssue {
    match i {
        EntryIssue::NoKind => FeedbackIssue::NoKind,
        EntryIssue::NoCategory => FeedbackIssue::NoCategory,
        EntryIssue::EmptyText => FeedbackIssue::EmptyText,
        EntryIssue::TooLong { max } => FeedbackIssue::TooLong(max),
        EntryIssue::BadDate => FeedbackIssue::BadDate,
    }
}

fn contact_issue(i: ContactIssue) -> FeedbackIssue {
    match i {
        ContactIssue::BadPhone => FeedbackIssue::BadPhone,
        ContactIssue::BadEmail => FeedbackIssue::BadEmail,
        ContactIssue::NothingToReachBy => FeedbackIssue::NothingToReachBy,
        ContactIssue::ChannelMissing => FeedbackIssue::ChannelMissing,
        ContactIssue::NameTooLong => FeedbackIssue::NameTooLong,
    }
}

/// Checks the whole form; the entry to hand in, or every problem by field.
fn build(app: &AppCtx, f: &Form, id: &str) -> Result<FeedbackEntry, Vec<(&'static str, FeedbackIssue)>> {
    let mut issues = Vec::new();
    if f.kind.is_none() {
        issues.push(("kind", FeedbackIssue::NoKind));
    }
    if f.category.is_none() {
        issues.push(("category", FeedbackIssue::NoCategory));
    }
    if let Err(e) = check_text(&f.text, app.config.feedback.max_length) {
        issues.push(("text", entry_issue(e)));
    }
    if !f.visit_date.is_empty() && !is_date(&f.visit_date) {
        issues.push(("visit-date", FeedbackIssue::BadDate));
    }
    let contact: Option<Contact> = if f.consent {
        match contact::check(&f.name, &f.phone, &f.email, f.channel) {
            Ok(c) => Some(c),
            Err(list) => {
                issues.extend(list.into_iter().map(|(field, i)| (field, contact_issue(i))));
                None
            }
        }
    } else {
        None
    };
    if !issues.is_empty() {
        return Err(issues);
    }
    let opt = |s: &str| (!s.trim().is_empty()).then(|| s.trim().to_string());
    Ok(FeedbackEntry {
        id: id.to_string(),
        reference: FeedbackEntry::reference_for(id),
        kind: f.kind.unwrap_or(FeedbackKind::Suggestion),
        category: f.category.clone().unwrap_or_default(),
        text: f.text.clone(),
        department: opt(&f.department),
        staff_member: opt(&f.staff_member),
        visit_date: opt(&f.visit_date),
        store_id: app.config.store.id.clone(),
        touchpoint: app.launch.touchpoint.clone(),
        language: app.lang(),
        mode: app.ui.mode,
        finished_at: rfc3339_from_millis(platform::now_ms()),
        consent: f.consent && contact.is_some(),
        contact,
    })
}

#[function_component(FeedbackJourney)]
pub fn feedback_journey() -> Html {
    let app = use_app();
    let form = use_reducer(Form::default);
    let record_id = use_memo((), |_| platform::new_record_id());
    let s = app.s();
    let lang = app.lang();
    let cfg = &app.config.feedback;
    let max = cfg.max_length;

    let edit = |f: fn(String) -> Edit| {
        let form = form.clone();
        Callback::from(move |e: InputEvent| form.dispatch(f(input_value(&e))))
    };

    let send = {
        let (app, form, id) = (app.clone(), form.clone(), (*record_id).clone());
        Callback::from(move |_: MouseEvent| {
            if form.sending {
                return;
            }
            match build(&app, &form, &id) {
                Err(issues) => {
                    form.dispatch(Edit::Issues(issues));
                    crate::web::dom::focus_element("feedback-issues");
                }
                Ok(entry) => {
                    if entry.contact.is_some() && !can_encrypt() {
                        form.dispatch(Edit::Failed(app.s().fb_no_crypto.to_string()));
                        return;
                    }
                    form.dispatch(Edit::Issues(Vec::new()));
                    form.dispatch(Edit::Sending);
                    let (delivery, last, form) = (app.delivery.clone(), app.last_record.clone(), form.clone());
                    let handed = HandedIn { id: entry.id.clone(), reference: Some(entry.reference.clone()) };
                    wasm_bindgen_futures::spawn_local(async move {
                        match delivery.hand_in(Record::Feedback(entry)).await {
                            Ok(()) => {
                                last.set(Some(handed));
                                navigate(Route::ThankYou);
                            }
                            Err(e) => form.dispatch(Edit::Failed(e.to_string())),
                        }
                    });
                }
            }
        })
    };

    let issue_for = |field: &str| form.issues.iter().find(|(f, _)| *f == field).map(|(_, i)| *i);
    let err_id = |field: &str| format!("err-{field}");
    let field_error = |field: &str| -> Html {
        match issue_for(field) {
            Some(i) => html! { <p class="field-error" id={err_id(field)}>{ (s.fb_issue)(&i) }</p> },
            None => html! {},
        }
    };
    let described = |field: &str, extra: Option<&str>| -> Option<String> {
        let mut ids: Vec<String> = extra.map(|x| vec![x.to_string()]).unwrap_or_default();
        if issue_for(field).is_some() {
            ids.push(err_id(field));
        }
        (!ids.is_empty()).then(|| ids.join(" "))
    };
    let invalid = |field: &str| issue_for(field).is_some().to_string();

    let used = form.text.chars().count();
    let found = if form.consent { Vec::new() } else { find_contacts(&form.text) };
    let has = |f: FeedbackField| cfg.fields.contains(&f);

    html! {
        <section class="feedback" aria-labelledby={HEADING_ID}>
            <h1 id={HEADING_ID} tabindex="-1">{ s.journey_feedback }</h1>
            <form class="feedback-form" novalidate=true onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                if !form.issues.is_empty() {
                    <div class="issue" id="feedback-issues" role="alert" tabindex="-1">
                        <p>{ s.fb_fix_these }</p>
                        <ul>{ for form.issues.iter().map(|(_, i)| html! { <li>{ (s.fb_issue)(i) }</li> }) }</ul>
                    </div>
                }

                <fieldset class="group">
                    <legend>{ s.fb_kind_question }</legend>
                    <div class="kinds" role="radiogroup" aria-describedby={described("kind", None)}>
                        { for FeedbackKind::ALL.iter().enumerate().map(|(i, k)| {
                            let k = *k;
                            let form = form.clone();
                            html! {
                                <span class={classes!("choice", "kind", format!("kind-{}", k.as_str()))}>
                                    <input type="radio" name="fb-kind" id={format!("fb-kind-{}", k.as_str())}
                                        checked={form.kind == Some(k)}
                                        aria-describedby={format!("fb-kind-hint-{}", k.as_str())}
                                        onchange={Callback::from(move |_| form.dispatch(Edit::Kind(k)))} />
                                    <label for={format!("fb-kind-{}", k.as_str())}>
                                        <span class="kind-name">{ s.fb_kinds[i] }</span>
                                        <span class="kind-hint" id={format!("fb-kind-hint-{}", k.as_str())}>{ s.fb_kind_hints[i] }</span>
                                    </label>
                                </span>
                            }
                        }) }
                    </div>
                    { field_error("kind") }
                </fieldset>

                <fieldset class="group">
                    <legend>{ s.fb_category_question }</legend>
                    <div class="chips" role="radiogroup" aria-describedby={described("category", None)}>
                        { for cfg.categories.iter().map(|c| {
                            let (name, nl) = c.name.get_with_lang(lang);
                            let (form, cid) = (form.clone(), c.id.clone());
                            html! {
                                <span class="choice chip">
                                    <input type="radio" name="fb-category" id={format!("fb-cat-{}", c.id)}
                                        checked={form.category.as_deref() == Some(c.id.as_str())}
                                        onchange={Callback::from(move |_| form.dispatch(Edit::Category(cid.clone())))} />
                                    <label for={format!("fb-cat-{}", c.id)} lang={nl.tag()}>{ name }</label>
                                </span>
                            }
                        }) }
                    </div>
                    { field_error("category") }
                </fieldset>

                <div class="field">
                    <label class="field-label" for="fb-text">{ s.fb_text_label }</label>
                    <textarea id="fb-text" class="textarea" rows="6" value={form.text.clone()}
                        aria-invalid={invalid("text")} aria-describedby={described("text", Some("fb-count"))}
                        oninput={edit(Edit::Text)} />
                    <p class={classes!("counter", (used > max as usize).then_some("over"))} id="fb-count" aria-live="polite">{ (s.chars_used)(used, max) }</p>
                    { field_error("text") }
                    if !found.is_empty() {
                        <div class="notice pii-notice" role="status">
                            <p>{ s.fb_pii_notice }</p>
                            <div class="row">
                                <button type="button" class="button" onclick={{ let f = form.clone(); Callback::from(move |_| f.dispatch(Edit::MoveContacts)) }}>{ s.fb_pii_move }</button>
                                <button type="button" class="button" onclick={{ let f = form.clone(); Callback::from(move |_| f.dispatch(Edit::RemoveContacts)) }}>{ s.fb_pii_remove }</button>
                            </div>
                        </div>
                    }
                </div>

                if has(FeedbackField::Department) {
                    <div class="field">
                        <label class="field-label" for="fb-department">{ s.fb_department }{ s.fb_optional }</label>
                        <input id="fb-department" type="text" autocomplete="off" maxlength="100" value={form.department.clone()} oninput={edit(Edit::Department)} />
                    </div>
                }
                if has(FeedbackField::StaffMember) {
                    <div class="field">
                        <label class="field-label" for="fb-staff">{ s.fb_staff_member }{ s.fb_optional }</label>
                        <input id="fb-staff" type="text" autocomplete="off" maxlength="100" value={form.staff_member.clone()} oninput={edit(Edit::StaffMember)} />
                    </div>
                }
                if has(FeedbackField::VisitDate) {
                    <div class="field">
                        <label class="field-label" for="fb-date">{ s.fb_visit_date }{ s.fb_optional }</label>
                        <input id="fb-date" type="date" value={form.visit_date.clone()} aria-invalid={invalid("visit-date")}
                            aria-describedby={described("visit-date", None)} oninput={edit(Edit::VisitDate)} />
                        { field_error("visit-date") }
                    </div>
                }

                <fieldset class="group consent">
                    <legend>{ s.fb_consent_heading }</legend>
                    <div class="consent-row">
                        <input type="checkbox" id="fb-consent" checked={form.consent}
                            onchange={{ let f = form.clone(); Callback::from(move |e: Event| {
                                let on = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()).is_some_and(|i| i.checked());
                                f.dispatch(Edit::Consent(on))
                            }) }} />
                        <label for="fb-consent" lang={cfg.consent.get_with_lang(lang).1.tag()}>{ cfg.consent.get(lang) }</label>
                    </div>
                    if form.consent {
                        <div class="contact-fields">
                            <div class="field">
                                <label class="field-label" for="fb-name">{ s.fb_name }{ s.fb_optional }</label>
                                <input id="fb-name" type="text" autocomplete="name" maxlength="100" value={form.name.clone()}
                                    aria-invalid={invalid("name")} aria-describedby={described("name", None)} oninput={edit(Edit::Name)} />
                                { field_error("name") }
                            </div>
                            <div class="field">
                                <label class="field-label" for="fb-phone">{ s.fb_phone }</label>
                                <input id="fb-phone" type="tel" autocomplete="tel" inputmode="tel" value={form.phone.clone()}
                                    aria-invalid={invalid("phone")} aria-describedby={described("phone", Some("fb-phone-hint"))} oninput={edit(Edit::Phone)} />
                                <p class="hint" id="fb-phone-hint">{ s.fb_phone_hint }</p>
                                { field_error("phone") }
                            </div>
                            <div class="field">
                                <label class="field-label" for="fb-email">{ s.fb_email }</label>
                                <input id="fb-email" type="email" autocomplete="email" inputmode="email" value={form.email.clone()}
                                    aria-invalid={invalid("email")} aria-describedby={described("email", None)} oninput={edit(Edit::Email)} />
                                { field_error("email") }
                            </div>
                            <fieldset class="group">
                                <legend>{ s.fb_channel }</legend>
                                <div class="chips" role="radiogroup" aria-describedby={described("channel", None)}>
                                    { for [(Channel::Phone, s.fb_channel_phone, "phone"), (Channel::Email, s.fb_channel_email, "email")].into_iter().map(|(c, label, key)| {
                                        let f = form.clone();
                                        html! {
                                            <span class="choice chip">
                                                <input type="radio" name="fb-channel" id={format!("fb-channel-{key}")} checked={form.channel == Some(c)}
                                                    onchange={Callback::from(move |_| f.dispatch(Edit::Channel(c)))} />
                                                <label for={format!("fb-channel-{key}")}>{ label }</label>
                                            </span>
                                        }
                                    }) }
                                </div>
                                { field_error("channel") }
                            </fieldset>
                        </div>
                    }
                </fieldset>

                if let Some(why) = &form.failed {
                    <div class="panel error-panel" role="alert"><p>{ (s.save_failed)(why) }</p></div>
                }
                <div class="survey-nav">
                    <span class="spacer"></span>
                    <button type="button" class="button primary next" onclick={send} disabled={form.sending}>
                        { if form.sending { s.submitting } else { s.submit } }{ " →" }
                    </button>
                </div>
            </form>
        </section>
    }
}
