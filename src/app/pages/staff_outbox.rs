//! Outbox care, on the staff screen: for a desk clerk whose kiosk says "sending failed".
//!
//! What is waiting and what was refused, when sending last worked and why it last failed (in
//! plain words, by the policy's failure class), storage use and persistence, "Send now";
//! the refused records with the endpoint's reason and "Send again" (one or all: moved back to
//! the queue in one IndexedDB transaction, same ids, so the endpoint still stores each once);
//! and an export of everything still on the device (NDJSON and CSV) that deletes nothing.
//! The formatting lives in `outbox::export` (pure, tested natively); this file only gathers
//! and shows.

use yew::prelude::*;

use crate::app::hooks::{use_delivery, use_store, use_ui};
use crate::outbox::delivery::{storage_estimate, storage_persisted, Counts, Estimate, RejectedEntry};
use crate::outbox::export::{self, Kind};
use crate::outbox::policy::Failure;
use crate::web::download::{download_text, local_parts, online};
use crate::web::platform::now_ms;

/// How often the screen reads the queue again while it is open.
const REFRESH_MS: u32 = 2_000;
/// The endpoint's reason is cut to this many characters on screen (the export has it all).
const REASON_CHARS: usize = 160;

/// `2026-11-30 14:05` in the device's local time.
fn when(ms: f64) -> String {
    let (y, mo, d, h, mi) = local_parts(ms);
    export::when(y, mo, d, h, mi)
}

/// What the last action said: a plain confirmation, or a failure (read out as an alert).
#[derive(Clone, PartialEq)]
enum Said {
    Done(String),
    Failed(String),
}

/// Which panel's action spoke, so the words appear beside the button that was used.
#[derive(Clone, Copy, PartialEq)]
enum Place {
    Outbox,
    Export,
}

/// The live line under a panel: empty until an action there says something.
fn said_line(said: &Option<(Place, Said)>, here: Place, node: &NodeRef, field: &'static str) -> Html {
    let (role, text) = match said {
        Some((p, Said::Failed(t))) if *p == here => ("alert", t.clone()),
        Some((p, Said::Done(t))) if *p == here => ("status", t.clone()),
        _ => ("status", String::new()),
    };
    html! { <p class="care-said" ref={node.clone()} tabindex="-1" {role} data-field={field}>{ text }</p> }
}

/// The outbox panel and the export panel of the staff home.
#[function_component(OutboxCare)]
pub fn outbox_care() -> Html {
    let (store, ui, delivery) = (use_store(), use_ui(), use_delivery());
    let s = ui.s();
    let counts = use_state(|| None::<Counts>);
    let rejected = use_state(|| None::<Result<Vec<RejectedEntry>, String>>);
    let estimate = use_state(|| None::<Estimate>);
    let persisted = use_state(|| None::<bool>);
    let said = use_state(|| None::<(Place, Said)>);
    let busy = use_state(|| false);
    let tick = use_state(|| 0u32);
    let outbox_said = use_node_ref();
    let export_said = use_node_ref();

    // Read the queue, the refused records and the storage figures now and every REFRESH_MS.
    let refresh = {
        let (counts, rejected, estimate, persisted, tick, delivery) =
            (counts.clone(), rejected.clone(), estimate.clone(), persisted.clone(), tick.clone(), delivery.clone());
        Callback::from(move |_: ()| {
            let (counts, rejected, estimate, persisted, tick, delivery) =
                (counts.clone(), rejected.clone(), estimate.clone(), persisted.clone(), tick.clone(), delivery.clone());
            wasm_bindgen_futures::spawn_local(async move {
                counts.set(delivery.counts().await.ok());
                rejected.set(Some(delivery.rejected().await.map_err(|e| e.to_string())));
                estimate.set(storage_estimate().await);
                persisted.set(storage_persisted().await);
                tick.set(*tick + 1);
            });
        })
    };
    {
        let refresh = refresh.clone();
        use_effect_with((), move |_| {
            refresh.emit(());
            let interval = gloo::timers::callback::Interval::new(REFRESH_MS, move || refresh.emit(()));
            move || drop(interval)
        });
    }
    // After an action the rows may be gone: move focus to what it said, so a keyboard user
    // is not dropped at the top of the page.
    {
        let (outbox_said, export_said) = (outbox_said.clone(), export_said.clone());
        use_effect_with((*said).clone(), move |said| {
            let node = match said {
                Some((Place::Outbox, _)) => Some(outbox_said),
                Some((Place::Export, _)) => Some(export_said),
                None => None,
            };
            if let Some(el) = node.and_then(|n| n.cast::<web_sys::HtmlElement>()) {
                let _ = el.focus();
            }
        });
    }

    let send_now = {
        let (delivery, said, refresh) = (delivery.clone(), said.clone(), refresh.clone());
        Callback::from(move |_: MouseEvent| {
            delivery.send_now();
            said.set(Some((Place::Outbox, Said::Done(s.care_send_now_done.to_string()))));
            refresh.emit(());
        })
    };
    // "Send again" for these ids, or for every refused record (`None`).
    let send_again = {
        let (delivery, said, busy, refresh) = (delivery.clone(), said.clone(), busy.clone(), refresh.clone());
        Callback::from(move |ids: Option<Vec<String>>| {
            if *busy {
                return;
            }
            busy.set(true);
            let (delivery, said, busy, refresh) = (delivery.clone(), said.clone(), busy.clone(), refresh.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let result = delivery.send_again(ids.as_deref()).await;
                said.set(Some((
                    Place::Outbox,
                    match result {
                        Ok(n) => Said::Done((s.care_requeued)(n)),
                        Err(e) => Said::Failed((s.care_action_failed)(&e.to_string())),
                    },
                )));
                busy.set(false);
                refresh.emit(());
            });
        })
    };
    // Export: NDJSON (`true`) or CSV. Reads everything still on the device; deletes nothing.
    let export_as = {
        let (delivery, said, busy) = (delivery.clone(), said.clone(), busy.clone());
        let store_id = store.config.store.id.clone();
        Callback::from(move |ndjson: bool| {
            if *busy {
                return;
            }
            busy.set(true);
            let (delivery, said, busy, store_id) = (delivery.clone(), said.clone(), busy.clone(), store_id.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let outcome = match delivery.export_items().await {
                    Ok(items) => {
                        let (y, m, d, _, _) = local_parts(now_ms());
                        let (text, ext, mime) = if ndjson {
                            (export::ndjson(&items), "ndjson", "application/x-ndjson;charset=utf-8")
                        } else {
                            (export::csv(&items), "csv", "text/csv;charset=utf-8")
                        };
                        let name = export::filename(&store_id, (y, m, d), ext);
                        if download_text(&name, &text, mime) {
                            Said::Done((s.care_exported)(items.len() as u32, &name))
                        } else {
                            Said::Failed(s.care_download_failed.to_string())
                        }
                    }
                    Err(e) => Said::Failed((s.care_action_failed)(&e.to_string())),
                };
                said.set(Some((Place::Export, outcome)));
                busy.set(false);
            });
        })
    };

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
    // The class in plain words; a lost connection on a device that is offline says so.
    let words = |f: Failure| if f == Failure::Network && !online() { s.care_no_network } else { (s.staff_failure)(f) };
    let storage_use = match *estimate {
        Some(Estimate { usage: Some(u), quota: Some(q) }) => (s.care_storage_of)(&export::human_bytes(u), &export::human_bytes(q)),
        Some(Estimate { usage: Some(u), quota: None }) => export::human_bytes(u),
        _ => s.unknown.to_string(),
    };
    let disabled = *busy;

    let rejected_rows = match &*rejected {
        None => html! { <p>{ s.loading }</p> },
        Some(Err(why)) => html! { <p class="field-error" role="alert">{ (s.care_action_failed)(why) }</p> },
        Some(Ok(list)) if list.is_empty() => html! { <p data-field="rejected-none">{ s.care_rejected_none }</p> },
        Some(Ok(list)) => {
            let rows = list.iter().map(|r| {
                let p = &r.rejected.pending;
                let kind = (s.care_kind)(Kind::of_event(&p.event));
                let at = when(r.rejected_at);
                let reason = export::shorten(&export::reason_text(&r.rejected.body), REASON_CHARS);
                let id = p.id.clone();
                let again = send_again.reform(move |_: MouseEvent| Some(vec![id.clone()]));
                html! {
                    <tr key={p.id.clone()} data-id={p.id.clone()}>
                        <th scope="row">{ at.clone() }</th>
                        <td class="care-nowrap">{ kind }</td>
                        <td data-field="status">{ r.rejected.status }</td>
                        <td data-field="reason" class="care-reason">{ if reason.is_empty() { s.care_no_reason.to_string() } else { reason } }</td>
                        <td class="care-nowrap">
                            <button type="button" class="button" onclick={again} {disabled}
                                aria-label={(s.care_send_again_one)(kind, &at)}>{ s.care_send_again }</button>
                        </td>
                    </tr>
                }
            });
            let all = send_again.reform(|_: MouseEvent| None);
            html! {
                <>
                    <p class="care-help">{ s.care_rejected_help }</p>
                    <div class="care-table-wrap" role="region" aria-labelledby="care-rejected-caption" tabindex="0">
                        <table class="care-table" data-field="rejected-list">
                            <caption id="care-rejected-caption">{ (s.care_rejected_caption)(list.len() as u32) }</caption>
                            <thead>
                                <tr>
                                    <th scope="col">{ s.care_col_when }</th>
                                    <th scope="col">{ s.care_col_kind }</th>
                                    <th scope="col">{ s.care_col_status }</th>
                                    <th scope="col">{ s.care_col_reason }</th>
                                    <th scope="col">{ s.care_col_action }</th>
                                </tr>
                            </thead>
                            <tbody>{ for rows }</tbody>
                        </table>
                    </div>
                    <p><button type="button" class="button" onclick={all} {disabled}>{ s.care_send_all_again }</button></p>
                </>
            }
        }
    };

    html! {
        <>
            <div class="panel outbox-care" data-section="outbox">
                <h2>{ s.staff_outbox }</h2>
                <dl class="status-list">
                    <dt>{ s.staff_pending }</dt><dd data-field="pending">{ n(counts.map(|c| c.pending)) }</dd>
                    <dt>{ s.staff_rejected }</dt><dd data-field="rejected">{ n(counts.map(|c| c.rejected)) }</dd>
                    <dt>{ s.staff_unsaved }</dt><dd data-field="unsaved">{ health.unsaved }</dd>
                    if let Some(e) = storage_error {
                        <dt>{ s.staff_storage_error }</dt><dd data-field="storage-error" lang="en">{ e.to_string() }</dd>
                    }
                    <dt>{ s.care_storage_use }</dt><dd data-field="storage-use">{ storage_use }</dd>
                    <dt>{ s.staff_persisted }</dt><dd data-field="persisted">{ yn(persisted.or(health.persisted)) }</dd>
                    <dt>{ s.staff_sender }</dt><dd data-field="sender">{ yn(Some(send.is_sender)) }</dd>
                    <dt>{ s.staff_last_result }</dt><dd data-field="last">{ last }{ next }</dd>
                    <dt>{ s.care_last_success }</dt>
                    <dd data-field="last-success">{ send.last_success_at.map(when).unwrap_or_else(|| s.care_none_yet.to_string()) }</dd>
                    <dt>{ s.care_last_failure }</dt>
                    { match send.last_failure_seen {
                        None => html! { <dd data-field="last-failure">{ s.care_none_yet }</dd> },
                        Some(f) => html! {
                            <dd data-field="last-failure" data-class={format!("{:?}", f.class)}>
                                { when(f.at) }{ f.status.map(|c| format!(" · HTTP {c}")).unwrap_or_default() }
                                <br />
                                // While sending still fails, this is also why it fails now.
                                if send.last_failure.is_some() {
                                    <span data-field="send-problem" data-class={format!("{:?}", f.class)}>{ words(f.class) }</span>
                                } else {
                                    <span>{ words(f.class) }</span>
                                }
                            </dd>
                        },
                    } }
                </dl>
                <p><button type="button" class="button primary" onclick={send_now} data-action="send-now">{ s.care_send_now }</button></p>
                { rejected_rows }
                { said_line(&said, Place::Outbox, &outbox_said, "outbox-said") }
            </div>
            <div class="panel outbox-export" data-section="export">
                <h2>{ s.care_export }</h2>
                <p data-field="export-note">{ s.care_export_note }</p>
                <p class="care-actions">
                    <button type="button" class="button" onclick={export_as.reform(|_: MouseEvent| true)} {disabled}
                        data-action="export-ndjson">{ s.care_export_ndjson }</button>
                    <button type="button" class="button" onclick={export_as.reform(|_: MouseEvent| false)} {disabled}
                        data-action="export-csv">{ s.care_export_csv }</button>
                </p>
                { said_line(&said, Place::Export, &export_said, "export-said") }
            </div>
        </>
    }
}
