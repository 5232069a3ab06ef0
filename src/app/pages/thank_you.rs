use yew::prelude::*;

use crate::app::route::Route;
use crate::app::shell::HEADING_ID;
use crate::app::use_app;

/// The screen after a finished answer: reached only once the record was handed in. On shared
/// devices it counts down and returns to the start for the next customer.
#[function_component(ThankYou)]
pub fn thank_you() -> Html {
    let app = use_app();
    let s = app.s();
    let has_reference = app.last_record.as_ref().is_some_and(|h| h.reference.is_some());
    let total = app.touchpoint_kind().and_then(|k| crate::kiosk::thank_you_return_after(k, app.ui.mode, has_reference));
    let left = use_state(|| total);
    {
        let left = left.clone();
        let app = app.clone();
        use_effect_with(total, move |total| {
            let interval = total.map(|t| {
                let remaining = std::rc::Rc::new(std::cell::Cell::new(t));
                gloo::timers::callback::Interval::new(1000, move || {
                    let r = remaining.get().saturating_sub(1);
                    remaining.set(r);
                    left.set(Some(r));
                    if r == 0 {
                        app.reset_for_next_customer();
                    }
                })
            });
            move || drop(interval)
        });
    }
    let handed = (*app.last_record).clone();
    let lang = app.lang();
    let reference = handed.as_ref().and_then(|h| h.reference.clone());
    let store = app.config.store.name.get(lang).to_string();
    html! {
        <section class="thank-you" aria-labelledby={HEADING_ID} data-record-id={handed.as_ref().map(|h| h.id.clone())}>
            <div class="thank-you-mark" aria-hidden="true">{ "✓" }</div>
            <h1 id={HEADING_ID} tabindex="-1">{ s.thank_you_title }</h1>
            <p class="thank-you-body">{ s.thank_you_body }</p>
            if let Some(r) = reference {
                <div class="reference-box">
                    <p class="reference-label" id="reference-label">{ s.fb_reference }</p>
                    <p class="reference" aria-labelledby="reference-label" translate="no" lang="en">{ r.clone() }</p>
                    { qr(&format!("{store} {} {r}", s.fb_reference), &(s.fb_qr_label)(&r)) }
                    <p class="hint">{ s.fb_reference_hint }</p>
                    if let Some(p) = &app.config.feedback.reply_promise {
                        <p class="reply-promise" lang={p.get_with_lang(lang).1.tag()}>{ p.get(lang) }</p>
                    }
                </div>
            }
            <a class="button primary" href={Route::Home.href()}>{ s.back_home }</a>
            if let Some(n) = *left {
                <p class="countdown">{ (s.back_home_in)(n) }</p>
            }
        </section>
    }
}

/// The reference number as a QR code (SVG made here from our own text, so it is safe to
/// insert as markup), with a text name for screen readers.
pub fn qr(text: &str, label: &str) -> Html {
    use qrcode::render::svg;
    match qrcode::QrCode::new(text.as_bytes()) {
        Ok(code) => {
            let svg = code
                .render::<svg::Color>()
                .min_dimensions(180, 180)
                .dark_color(svg::Color("#000000"))
                .light_color(svg::Color("#ffffff"))
                .build();
            html! {
                <div class="qr" role="img" aria-label={label.to_string()}>
                    { Html::from_html_unchecked(AttrValue::from(svg)) }
                </div>
            }
        }
        Err(_) => html! {},
    }
}
