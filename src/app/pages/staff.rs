use yew::prelude::*;

use crate::app::components::ConfigProblems;
use crate::app::hooks::{use_delivery, use_store, use_ui};
use crate::app::components::HEADING_ID;
use crate::outbox::delivery::Counts;
use crate::route::Route;
use crate::web::platform::now_ms;

/// Staff screen. Shows the outbox's state (so a storage or endpoint problem is visible);
/// PIN sign-in and device settings are not built yet, and the screen says so.
#[function_component(Staff)]
pub fn staff() -> Html {
    let (store, ui, delivery) = (use_store(), use_ui(), use_delivery());
    let s = ui.s();
    let counts = use_state(|| None::<Counts>);
    let tick = use_state(|| 0u32);
    {
        let (counts, tick, delivery) = (counts.clone(), tick.clone(), delivery.clone());
        use_effect_with((), move |_| {
            let refresh = move || {
                let (counts, tick, delivery) = (counts.clone(), tick.clone(), delivery.clone());
                wasm_bindgen_futures::spawn_local(async move {
                    counts.set(delivery.counts().await.ok());
                    tick.set(*tick + 1);
                });
            };
            refresh();
            let interval = gloo::timers::callback::Interval::new(2_000, refresh);
            move || drop(interval)
        });
    }
    let health = delivery.health();
    let send = delivery.send_status();
    // A failed write of the queue (a record not stored) first, else one the sender met.
    let storage_error = health.storage_error.as_ref().or(send.storage_error.as_ref());
    let n = |v: Option<u32>| v.map(|x| x.to_string()).unwrap_or_else(|| s.unknown.to_string());
    let yn = |b: Option<bool>| match b {
        Some(true) => s.yes,
        Some(false) => s.no,
        None => s.unknown,
    };
    let last = match (send.last_status, &send.last_error) {
        (Some(code), _) => format!("HTTP {code}"),
        (None, Some(e)) => e.clone(),
        (None, None) => "—".into(),
    };
    let next = send
        .next_attempt_at
        .map(|at| ((at - now_ms()).max(0.0) / 1000.0).ceil() as u32)
        .map(|secs| format!(" · {}", (s.staff_next_attempt)(secs)))
        .unwrap_or_default();
    html! {
        <section class="staff" aria-labelledby={HEADING_ID}>
            <h1 id={HEADING_ID} tabindex="-1">{ s.staff_title }</h1>
            if let Some(why) = &store.config_fallback {
                <div class="panel error-panel" data-field="config-fallback">
                    <h2>{ s.staff_config }</h2>
                    <p>{ s.staff_config_fallback }</p>
                    <ConfigProblems why={why.clone()} lang={ui.lang} />
                </div>
            }
            <div class="panel">
                <h2>{ s.staff_outbox }</h2>
                <dl class="status-list">
                    <dt>{ s.staff_pending }</dt><dd data-field="pending">{ n(counts.map(|c| c.pending)) }</dd>
                    <dt>{ s.staff_rejected }</dt><dd data-field="rejected">{ n(counts.map(|c| c.rejected)) }</dd>
                    <dt>{ s.staff_unsaved }</dt><dd data-field="unsaved">{ health.unsaved }</dd>
                    if let Some(e) = storage_error {
                        <dt>{ s.staff_storage_error }</dt><dd data-field="storage-error" lang="en">{ e.to_string() }</dd>
                    }
                    <dt>{ s.staff_persisted }</dt><dd data-field="persisted">{ yn(health.persisted) }</dd>
                    <dt>{ s.staff_sender }</dt><dd data-field="sender">{ yn(Some(send.is_sender)) }</dd>
                    <dt>{ s.staff_last_result }</dt><dd data-field="last">{ last }{ next }</dd>
                    if let Some(f) = send.last_failure {
                        <dt>{ s.staff_send_problem }</dt><dd data-field="send-problem" data-class={format!("{f:?}")}>{ (s.staff_failure)(f) }</dd>
                    }
                </dl>
            </div>
            <div class="panel">
                <h2>{ s.not_ready_title }</h2>
                <p>{ s.staff_not_ready }</p>
                <a class="button primary" href={Route::Home.href()}>{ s.back_home }</a>
            </div>
        </section>
    }
}
