//! The suggestion box screen: kind, category, text (with counter), optional details, and
//! contact details only after explicit consent. One form; no Enter key submits it, so
//! confirming an input-method candidate with Enter can never send anything. State and rules
//! are `form`; this file renders them and dispatches edits.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::contact::Channel;
use super::form::{Edit, Field, Form};
use super::record::FeedbackKind;
use crate::app::components::{ActionBar, LimitStatus, Radio, ReadAloud, SaveFailed};
use crate::speech::{feedback_step, FeedbackStep};
use crate::app::hooks::{use_hand_in, use_store, use_ui};
use crate::app::components::HEADING_ID;
use crate::config::FeedbackField;
use crate::outbox::idb::can_encrypt;
use crate::web::platform;

impl Reducible for Form {
    type Action = Edit;
    fn reduce(self: Rc<Self>, e: Edit) -> Rc<Self> {
        let mut f = (*self).clone();
        f.apply(e);
        Rc::new(f)
    }
}

/// The value of the `<input>` or `<textarea>` an event came from.
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

/// A handler for any event that applies `e` to the form.
fn on_any<E>(form: &UseReducerHandle<Form>, e: Edit) -> Callback<E> {
    let form = form.clone();
    Callback::from(move |_| form.dispatch(e.clone()))
}

/// The heading that asks for the consent tick after "Move to contact details".
const CONSENT_ASK_ID: &str = "fb-consent-ask";

#[function_component(FeedbackJourney)]
pub fn feedback_journey() -> Html {
    let (store, ui, hand_in) = (use_store(), use_ui(), use_hand_in());
    let form = use_reducer(Form::default);
    let record_id = use_memo((), |_| platform::new_record_id());
    let s = ui.s();
    let lang = ui.lang;
    let cfg = &store.config.feedback;
    let max = cfg.max_length;

    let edit = |f: fn(String) -> Edit| {
        let form = form.clone();
        Callback::from(move |e: InputEvent| form.dispatch(f(input_value(&e))))
    };
    let dispatch = |e: Edit| on_any(&form, e);
    let dispatch_click = |e: Edit| on_any::<MouseEvent>(&form, e);

    let send = {
        let (store, ui, form, id) = (store.clone(), ui.clone(), form.clone(), (*record_id).clone());
        Callback::from(move |_: MouseEvent| {
            if form.hand_in.is_sending() {
                return;
            }
            match form.validate(&store.context(&ui), store.config.feedback.max_length, &id, platform::now_ms()) {
                Err(issues) => {
                    form.dispatch(Edit::Issues(issues, store.config.feedback.max_length));
                    crate::web::dom::focus_element("feedback-issues");
                }
                Ok(entry) if entry.contact.is_some() && !can_encrypt() => {
                    form.dispatch(Edit::Failed(ui.s().fb_no_crypto.to_string()));
                }
                Ok(entry) => {
                    form.dispatch(Edit::Sending);
                    let form = form.clone();
                    hand_in.hand_in(entry.into(), Callback::from(move |why| form.dispatch(Edit::Failed(why))));
                }
            }
        })
    };

    {
        // After "Move to contact details" focus goes to the request to tick consent.
        use_effect_with(form.move_pending, |pending| {
            if *pending {
                crate::web::dom::focus_element(CONSENT_ASK_ID);
            }
        });
    }

    let err_id = |field: Field| format!("err-{}", field.key());
    let field_error = |field: Field| -> Html {
        match form.issue(field) {
            Some(i) => html! { <p class="field-error" id={err_id(field)}>{ (s.fb_issue)(&i) }</p> },
            None => html! {},
        }
    };
    let described = |field: Field, extra: Option<&str>| -> Option<String> {
        let mut ids: Vec<String> = extra.map(|x| vec![x.to_string()]).unwrap_or_default();
        if form.issue(field).is_some() {
            ids.push(err_id(field));
        }
        (!ids.is_empty()).then(|| ids.join(" "))
    };
    let invalid = |field: Field| form.issue(field).is_some().to_string();
    let shared = store.shared_device();
    let text_field = |field: Field, id: &'static str, label: String, kind: &'static str, value: &str, on: Callback<InputEvent>, hint: Option<(&'static str, &'static str)>| {
        // Autofill would offer one customer's details to the next on a shared device.
        let autocomplete = match field {
            _ if shared => "off",
            Field::Name => "name",
            Field::Phone => "tel",
            Field::Email => "email",
            _ => "off",
        };
        html! {
            <div class="field">
                <label class="field-label" for={id}>{ label }</label>
                <input {id} type={kind} {autocomplete} inputmode={(kind != "text").then_some(kind)} maxlength={(field == Field::Name).then_some("100")}
                    value={value.to_string()} aria-invalid={invalid(field)}
                    aria-describedby={described(field, hint.map(|(id, _)| id))} oninput={on} />
                if let Some((hint_id, hint)) = hint {
                    <p class="hint" id={hint_id}>{ hint }</p>
                }
                { field_error(field) }
            </div>
        }
    };
    let optional_field = |id: &'static str, label: &str, value: &str, on: Callback<InputEvent>| {
        html! {
            <div class="field">
                <label class="field-label" for={id}>{ label }{ s.fb_optional }</label>
                <input {id} type="text" autocomplete="off" maxlength="100" value={value.to_string()} oninput={on} />
            </div>
        }
    };

    let used = form.text.chars().count();
    let has = |f: FeedbackField| cfg.fields.contains(&f);
    let failed = form.hand_in.failure().map(str::to_string);

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
                    <legend id="fb-kind-legend">{ s.fb_kind_question }</legend>
                    <ReadAloud pieces={feedback_step(FeedbackStep::Kind, cfg, lang)} />
                    <div class="kinds" role="radiogroup" aria-labelledby="fb-kind-legend" aria-describedby={described(Field::Kind, None)}
                        aria-invalid={form.issue(Field::Kind).is_some().then_some("true")}>
                        { for FeedbackKind::ALL.iter().map(|&k| {
                            let (name, hint) = (s.fb_kind)(k);
                            let hint_id = format!("fb-kind-hint-{}", k.as_str());
                            let name_id = format!("fb-kind-name-{}", k.as_str());
                            html! {
                                <Radio name="fb-kind" id={format!("fb-kind-{}", k.as_str())} checked={form.kind == Some(k)}
                                    class={classes!("kind", format!("kind-{}", k.as_str()))} described_by={AttrValue::from(hint_id.clone())}
                                    labelled_by={AttrValue::from(name_id.clone())}
                                    onchange={dispatch(Edit::Kind(k))}>
                                    <span class="kind-name" id={name_id}>{ name }</span>
                                    <span class="kind-hint" id={hint_id}>{ hint }</span>
                                </Radio>
                            }
                        }) }
                    </div>
                    { field_error(Field::Kind) }
                </fieldset>

                <fieldset class="group">
                    <legend id="fb-category-legend">{ s.fb_category_question }</legend>
                    <ReadAloud pieces={feedback_step(FeedbackStep::Category, cfg, lang)} />
                    <div class="chips" role="radiogroup" aria-labelledby="fb-category-legend" aria-describedby={described(Field::Category, None)}
                        aria-invalid={form.issue(Field::Category).is_some().then_some("true")}>
                        { for cfg.categories.iter().map(|c| {
                            let (name, nl) = c.name.get_with_lang(lang);
                            html! {
                                <Radio name="fb-category" id={format!("fb-cat-{}", c.id)} class="chip" lang={nl.tag()}
                                    checked={form.category.as_deref() == Some(c.id.as_str())}
                                    onchange={dispatch(Edit::Category(c.id.clone()))}>
                                    { name }
                                </Radio>
                            }
                        }) }
                    </div>
                    { field_error(Field::Category) }
                </fieldset>

                <div class="field">
                    <label class="field-label" for="fb-text">{ s.fb_text_label }</label>
                    <ReadAloud pieces={feedback_step(FeedbackStep::Text, cfg, lang)} />
                    <textarea id="fb-text" class="textarea" rows="6" value={form.text.clone()}
                        aria-invalid={invalid(Field::Text)} aria-describedby={described(Field::Text, Some("fb-count"))}
                        oninput={edit(Edit::Text)} />
                    <p class={classes!("counter", (used > max as usize).then_some("over"))} id="fb-count">{ (s.chars_used)(used, max) }</p>
                    <LimitStatus {used} {max} />
                    { field_error(Field::Text) }
                    // A live region present from the start, so the notice is announced when it appears.
                    <div class="pii-status" role="status">
                        if form.stray_contacts() {
                            <div class="notice pii-notice">
                                <p>{ s.fb_pii_notice }</p>
                                <div class="row">
                                    <button type="button" class="button" onclick={dispatch_click(Edit::MoveContacts)}>{ s.fb_pii_move }</button>
                                    <button type="button" class="button" onclick={dispatch_click(Edit::RemoveContacts)}>{ s.fb_pii_remove }</button>
                                </div>
                            </div>
                        }
                    </div>
                </div>

                if has(FeedbackField::Department) {
                    { optional_field("fb-department", s.fb_department, &form.department, edit(Edit::Department)) }
                }
                if has(FeedbackField::StaffMember) {
                    { optional_field("fb-staff", s.fb_staff_member, &form.staff_member, edit(Edit::StaffMember)) }
                }
                if has(FeedbackField::VisitDate) {
                    <div class="field">
                        <label class="field-label" for="fb-date">{ s.fb_visit_date }{ s.fb_optional }</label>
                        <input id="fb-date" type="date" value={form.visit_date.clone()} aria-invalid={invalid(Field::VisitDate)}
                            aria-describedby={described(Field::VisitDate, None)} oninput={edit(Edit::VisitDate)} />
                        { field_error(Field::VisitDate) }
                    </div>
                }

                <fieldset class="group consent">
                    <legend>{ s.fb_consent_heading }</legend>
                    <ReadAloud pieces={feedback_step(FeedbackStep::Consent, cfg, lang)} />
                    // "Move to contact details" asks for the tick here; it never ticks for the customer.
                    if form.move_pending {
                        <div class="notice consent-ask">
                            <h2 id={CONSENT_ASK_ID} tabindex="-1">{ s.fb_consent_ask_title }</h2>
                            <p id="fb-consent-ask-text">{ s.fb_consent_ask }</p>
                        </div>
                    }
                    <div class="consent-row">
                        <input type="checkbox" id="fb-consent" checked={form.consent}
                            aria-describedby={form.move_pending.then_some("fb-consent-ask-text")}
                            onchange={{ let f = form.clone(); Callback::from(move |e: Event| {
                                let on = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()).is_some_and(|i| i.checked());
                                f.dispatch(Edit::Consent(on))
                            }) }} />
                        <label for="fb-consent" lang={cfg.consent.get_with_lang(lang).1.tag()}>{ cfg.consent.get(lang) }</label>
                    </div>
                    if form.consent {
                        <div class="contact-fields">
                            { text_field(Field::Name, "fb-name", format!("{}{}", s.fb_name, s.fb_optional), "text", &form.name, edit(Edit::Name), None) }
                            { text_field(Field::Phone, "fb-phone", s.fb_phone.to_string(), "tel", &form.phone, edit(Edit::Phone), Some(("fb-phone-hint", s.fb_phone_hint))) }
                            { text_field(Field::Email, "fb-email", s.fb_email.to_string(), "email", &form.email, edit(Edit::Email), None) }
                            <fieldset class="group">
                                <legend id="fb-channel-legend">{ s.fb_channel }</legend>
                                <div class="chips" role="radiogroup" aria-labelledby="fb-channel-legend" aria-describedby={described(Field::Channel, None)}
                                    aria-invalid={form.issue(Field::Channel).is_some().then_some("true")}>
                                    { for [(Channel::Phone, s.fb_channel_phone, "phone"), (Channel::Email, s.fb_channel_email, "email")].into_iter().map(|(c, label, key)| html! {
                                        <Radio name="fb-channel" id={format!("fb-channel-{key}")} class="chip"
                                            checked={form.channel == Some(c)} onchange={dispatch(Edit::Channel(c))}>
                                            { label }
                                        </Radio>
                                    }) }
                                </div>
                                { field_error(Field::Channel) }
                            </fieldset>
                        </div>
                    }
                </fieldset>

                if let Some(why) = failed {
                    <SaveFailed {why} />
                }
                <ActionBar>
                    <button type="button" class="button primary next" onclick={send} disabled={form.hand_in.is_sending()}>
                        { if form.hand_in.is_sending() { s.submitting } else { s.submit } }{ " →" }
                    </button>
                </ActionBar>
            </form>
        </section>
    }
}
