//! Staff mode. Without the PIN only the entry screen ("Staff only", with a one-tap way back)
//! is reachable; once signed in: the outbox's state, this device's setup and what build runs.
//! The session lives in this screen: it ends with "Sign out", after
//! [`SESSION_IDLE_SECS`] without a touch, and whenever the screen is left (the kiosk reset
//! goes back to the start).

use std::rc::Rc;

use wasm_bindgen::JsValue;
use yew::prelude::*;

use crate::app::components::ConfigProblems;
use crate::app::components::HEADING_ID;
use crate::app::hooks::{use_delivery, use_idle, use_next_customer, use_store, use_ui};
use crate::config::{Mode, PinHash};
use crate::lang::Lang;
use crate::route::Route;
use crate::staff::device::{is_valid_token, DeviceSetup};
use crate::staff::lockout::Lockout;
use crate::staff::SESSION_IDLE_SECS;
use crate::web::platform::now_ms;
use crate::web::staff as device;

#[function_component(Staff)]
pub fn staff() -> Html {
    let store = use_store();
    let signed_in = use_state(|| false);
    let next_customer = use_next_customer();
    // The staff screen's own rule (the shell's kiosk reset leaves this screen to it): after
    // two minutes without a touch the session ends and the device goes back to the start.
    // No warning here (0 s): the staff screen is for staff, not customers.
    use_idle(Some(SESSION_IDLE_SECS), 0, *signed_in, next_customer.clone());
    match &store.config.staff {
        None => html! { <NotSetUp /> },
        Some(staff) if !*signed_in => {
            let signed_in = signed_in.clone();
            html! { <SignIn pin={staff.pin.clone()} on_signed_in={Callback::from(move |_| signed_in.set(true))} /> }
        }
        Some(_) => html! { <StaffHome on_sign_out={next_customer} /> },
    }
}

/// The plain head of the entry screens: what this is, and the way back for a customer.
#[function_component(EntryHead)]
fn entry_head() -> Html {
    let s = use_ui().s();
    html! {
        <>
            <h1 id={HEADING_ID} tabindex="-1">{ s.staff_only_title }</h1>
            <p class="staff-only-body">{ s.staff_only_body }</p>
            <p><a class="button primary" href={Route::Home.href()} data-action="leave-staff">{ s.back_home }</a></p>
        </>
    }
}

#[function_component(NotSetUp)]
fn not_set_up() -> Html {
    let s = use_ui().s();
    html! {
        <section class="staff staff-entry" aria-labelledby={HEADING_ID}>
            <EntryHead />
            <div class="panel" data-field="not-set-up">
                <p>{ s.staff_not_set_up }</p>
                <p>{ s.staff_not_set_up_how }</p>
            </div>
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct SignInProps {
    pin: PinHash,
    on_signed_in: Callback<()>,
}

#[derive(Clone, PartialEq)]
enum Said {
    Nothing,
    Wrong(u32),
    Failed(String),
}

#[function_component(SignIn)]
fn sign_in(props: &SignInProps) -> Html {
    let s = use_ui().s();
    let pin = use_state(String::new);
    let said = use_state(|| Said::Nothing);
    let busy = use_state(|| false);
    let busy_now = use_mut_ref(|| false);
    // Re-render every second, so the pause counts down.
    let now = use_state(now_ms);
    {
        let now = now.clone();
        use_effect_with((), move |_| {
            let interval = gloo::timers::callback::Interval::new(1_000, move || now.set(now_ms()));
            move || drop(interval)
        });
    }
    let lockout = device::load_lockout(*now);
    let locked = lockout.remaining_secs(*now);

    let oninput = {
        let pin = pin.clone();
        Callback::from(move |e: InputEvent| pin.set(input_value(&e)))
    };
    let onsubmit = {
        let (pin, said, busy, busy_now, hash, done, now) =
            (pin.clone(), said.clone(), busy.clone(), busy_now.clone(), props.pin.clone(), props.on_signed_in.clone(), now.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let t = now_ms();
            now.set(t);
            if *busy_now.borrow() || device::load_lockout(t).remaining_secs(t).is_some() || pin.is_empty() {
                return;
            }
            *busy_now.borrow_mut() = true;
            busy.set(true);
            let (pin, said, busy, busy_now, hash, done, now) =
                (pin.clone(), said.clone(), busy.clone(), busy_now.clone(), hash.clone(), done.clone(), now.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let result = device::verify_pin(&pin, &hash).await;
                let t = now_ms();
                match result {
                    Ok(true) => {
                        device::save_lockout(&Lockout::default());
                        done.emit(());
                    }
                    Ok(false) => {
                        let l = device::load_lockout(t).failed(t);
                        device::save_lockout(&l);
                        said.set(Said::Wrong(l.attempts_left()));
                    }
                    Err(why) => said.set(Said::Failed(why)),
                }
                pin.set(String::new());
                now.set(t);
                *busy_now.borrow_mut() = false;
                busy.set(false);
            });
        })
    };
    let disabled = *busy || locked.is_some();
    html! {
        <section class="staff staff-entry" aria-labelledby={HEADING_ID}>
            <EntryHead />
            <form class="panel staff-sign-in" {onsubmit}>
                <div class="field">
                    <label class="field-label" for="staff-pin">{ s.staff_pin }</label>
                    <input id="staff-pin" type="password" inputmode="numeric" autocomplete="off" maxlength="64"
                        value={(*pin).clone()} {oninput} {disabled} />
                </div>
                <p>
                    <button type="submit" class="button" {disabled}>{ if *busy { s.staff_checking } else { s.staff_sign_in } }</button>
                </p>
                if let Some(secs) = locked {
                    <p class="field-error" role="status" data-field="lockout">{ (s.staff_locked)(secs) }</p>
                } else {
                    { match &*said {
                        Said::Nothing => html! {},
                        Said::Wrong(left) => html! { <p class="field-error" role="alert" data-field="pin-error">{ (s.staff_wrong_pin)(*left) }</p> },
                        Said::Failed(why) => html! { <p class="field-error" role="alert" data-field="pin-error">{ (s.staff_pin_check_failed)(why) }</p> },
                    } }
                }
            </form>
        </section>
    }
}

/// The value of the element an event came from (`<input>` or `<select>`).
fn input_value<E: AsRef<web_sys::Event>>(e: &E) -> String {
    e.as_ref()
        .target()
        .and_then(|t| js_sys::Reflect::get(&t, &JsValue::from_str("value")).ok())
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

#[derive(Properties, PartialEq)]
struct StaffHomeProps {
    on_sign_out: Callback<()>,
}

#[function_component(StaffHome)]
fn staff_home(props: &StaffHomeProps) -> Html {
    let (store, ui) = (use_store(), use_ui());
    let s = ui.s();
    let sign_out = props.on_sign_out.reform(|_: MouseEvent| ());
    html! {
        <section class="staff" aria-labelledby={HEADING_ID}>
            <h1 id={HEADING_ID} tabindex="-1">{ s.staff_title }</h1>
            <p>{ s.staff_session_note }</p>
            <p><button type="button" class="button primary" onclick={sign_out}>{ s.staff_sign_out }</button></p>
            if let Some(why) = &store.config_fallback {
                <div class="panel error-panel" data-field="config-fallback">
                    <h2>{ s.staff_config }</h2>
                    <p>{ s.staff_config_fallback }</p>
                    <ConfigProblems why={why.clone()} lang={ui.lang} />
                </div>
            }
            <super::staff_outbox::OutboxCare />
            <super::staff_today::TodayPanel />
            <DeviceSetupPanel />
            <crate::app::components::ReadAloudStatus />
            <super::staff_posters::StaffPosters />
            <div class="panel">
                <h2>{ s.staff_about }</h2>
                <dl class="status-list">
                    <dt>{ s.staff_version }</dt>
                    <dd data-field="version">{ env!("CARGO_PKG_VERSION") }{ if cfg!(debug_assertions) { " (debug)" } else { "" } }</dd>
                    <dt>{ s.staff_store_id }</dt><dd data-field="store-id">{ &store.config.store.id }</dd>
                    <dt>{ s.staff_survey_version }</dt>
                    <dd data-field="survey-version">{ format!("{} v{}", store.config.survey.id, store.config.survey.version) }</dd>
                </dl>
            </div>
        </section>
    }
}

/// Which touchpoint this device is, its language, mode and token; saved on the device, then
/// the app starts again so the launch is resolved with it.
#[function_component(DeviceSetupPanel)]
fn device_setup_panel() -> Html {
    let (store, ui, delivery) = (use_store(), use_ui(), use_delivery());
    let s = ui.s();
    let lang = ui.lang;
    let form = use_state(|| (*store.device_setup).clone());
    let problem = use_state(|| None::<&'static str>);
    // Saves `setup` and starts the app again with it; not while an answer is held only in
    // this page's memory (storage refused it), which the restart would lose.
    let apply = {
        let problem = problem.clone();
        move |setup: &DeviceSetup| {
            if delivery.holds_unsaved() {
                problem.set(Some(s.staff_device_unsaved));
            } else if device::save_device_setup(setup) {
                device::restart_at_home();
            } else {
                problem.set(Some(s.staff_device_save_failed));
            }
        }
    };
    let cfg = &store.config;

    let set = |f: Rc<dyn Fn(&mut DeviceSetup, String)>| {
        let form = form.clone();
        Callback::from(move |e: Event| {
            let mut next = (*form).clone();
            f(&mut next, input_value(&e));
            form.set(next);
        })
    };
    let on_tp = set(Rc::new(|d, v| d.touchpoint = Some(v).filter(|v| !v.is_empty())));
    let on_lang = set(Rc::new(|d, v| d.lang = Lang::parse(&v).filter(|_| !v.is_empty())));
    let on_mode = set(Rc::new(|d, v| d.mode = Mode::parse(&v)));
    let on_token = {
        let form = form.clone();
        Callback::from(move |e: InputEvent| {
            let mut next = (*form).clone();
            next.token = Some(input_value(&e));
            form.set(next);
        })
    };
    let save = {
        let (form, problem, apply) = (form.clone(), problem.clone(), apply.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let setup = (*form).clone().cleaned();
            if setup.token.as_deref().is_some_and(|t| !is_valid_token(t)) {
                problem.set(Some(s.staff_device_bad_token));
                return;
            }
            apply(&setup);
        })
    };
    let clear = Callback::from(move |_: MouseEvent| apply(&DeviceSetup::default()));
    let default_tp = cfg.default_touchpoint().name.get(lang).to_string();
    let tp_sel = form.touchpoint.clone().unwrap_or_default();
    let lang_sel = form.lang.map(|l| l.tag()).unwrap_or("");
    let mode_sel = form.mode.map(|m| m.as_str()).unwrap_or("");
    let mode_name = |m: Mode| if m == Mode::Large { s.large_text } else { s.staff_mode_standard };
    html! {
        <form class="panel device-setup" onsubmit={save}>
            <h2>{ s.staff_device }</h2>
            <p>{ s.staff_device_note }</p>
            <div class="field">
                <label class="field-label" for="device-touchpoint">{ s.staff_device_touchpoint }</label>
                <select id="device-touchpoint" onchange={on_tp}>
                    <option value="" selected={tp_sel.is_empty()}>{ (s.staff_from_config)(&default_tp) }</option>
                    { for cfg.touchpoints.iter().map(|t| html! {
                        <option value={t.id.clone()} selected={tp_sel == t.id}>{ format!("{} ({})", t.name.get(lang), t.id) }</option>
                    }) }
                </select>
            </div>
            <div class="field">
                <label class="field-label" for="device-lang">{ s.staff_device_lang }</label>
                <select id="device-lang" onchange={on_lang}>
                    <option value="" selected={lang_sel.is_empty()}>{ (s.staff_from_config)(cfg.defaults.language.strings().lang_name) }</option>
                    { for Lang::ALL.iter().map(|l| html! {
                        <option value={l.tag()} lang={l.tag()} selected={lang_sel == l.tag()}>{ l.strings().lang_name }</option>
                    }) }
                </select>
            </div>
            <div class="field">
                <label class="field-label" for="device-mode">{ s.staff_device_mode }</label>
                <select id="device-mode" onchange={on_mode}>
                    <option value="" selected={mode_sel.is_empty()}>{ (s.staff_from_config)(mode_name(cfg.defaults.mode)) }</option>
                    { for [Mode::Standard, Mode::Large].into_iter().map(|m| html! {
                        <option value={m.as_str()} selected={mode_sel == m.as_str()}>{ mode_name(m) }</option>
                    }) }
                </select>
            </div>
            <div class="field">
                <label class="field-label" for="device-token">{ s.staff_device_token }</label>
                <input id="device-token" type="password" autocomplete="off" aria-describedby="device-token-hint"
                    value={form.token.clone().unwrap_or_default()} oninput={on_token} />
                <p class="counter" id="device-token-hint">{ s.staff_device_token_hint }</p>
            </div>
            if let Some(p) = *problem {
                <p class="field-error" role="alert">{ p }</p>
            }
            <p class="device-setup-actions">
                <button type="submit" class="button primary">{ s.staff_device_save }</button>
                <button type="button" class="button" onclick={clear}>{ s.staff_device_clear }</button>
            </p>
        </form>
    }
}
