//! "Today on this device" (staff mode): the tally of what this device handed in
//! ([`crate::staff::tally`]) for today, yesterday or the last 7 days. Each chart is an SVG
//! drawn here (no chart library: they are a few rectangles) and is hidden from assistive
//! technology; the data table beside it is the accessible version and holds the same numbers.
//! Numbers go through [`crate::number::decimal`], not the standard float formatting.

use yew::prelude::*;

use crate::app::hooks::{use_store, use_ui};
use crate::config::QuestionKind;
use crate::i18n::Strings;
use crate::lang::Lang;
use crate::number::decimal;
use crate::staff::tally::{Day, Period};
use crate::web::platform::now_ms;

/// One decimal at most (shares, means, indexes).
fn one_decimal(v: f64) -> String {
    decimal((v * 10.0).round() / 10.0)
}

fn signed(v: f64) -> String {
    let t = one_decimal(v);
    if v > 0.0 && t != "0" {
        format!("+{t}")
    } else {
        t
    }
}

/// Height of a bar for `value` when `max` fills `full`.
fn bar(value: f64, max: f64, full: f64) -> f64 {
    if max <= 0.0 {
        0.0
    } else {
        (value / max * full * 100.0).round() / 100.0
    }
}

#[function_component(TodayPanel)]
pub fn today_panel() -> Html {
    let ui = use_ui();
    let s = ui.s();
    let period = use_state(|| Period::Today);
    let now = now_ms();
    let (today, _) = crate::web::tally::local_day(now);
    let day = crate::web::tally::load().period(*period, today);
    let choice = |p: Period, label: &'static str, key: &'static str| {
        let period = period.clone();
        let pressed = *period == p;
        html! {
            <button type="button" class={classes!("button", pressed.then_some("primary"))} aria-pressed={pressed.to_string()}
                data-period={key} onclick={Callback::from(move |_| period.set(p))}>{ label }</button>
        }
    };
    html! {
        <section class="panel today" aria-labelledby="today-title" data-field="today">
            <h2 id="today-title">{ s.today_title }</h2>
            <p class="today-note">{ s.today_note }</p>
            <div class="today-periods" role="group" aria-label={s.today_period}>
                { choice(Period::Today, s.today_today, "today") }
                { choice(Period::Yesterday, s.today_yesterday, "yesterday") }
                { choice(Period::Week, s.today_week, "week") }
            </div>
            <dl class="status-list">
                <dt>{ s.today_responses }</dt><dd data-field="today-responses">{ day.responses() }</dd>
                <dt>{ s.journey_survey }</dt><dd data-field="today-surveys">{ day.surveys }</dd>
                <dt>{ s.journey_feedback }</dt><dd data-field="today-feedback">{ day.feedback }</dd>
                <dt>{ s.today_flagged }</dt><dd data-field="today-flagged">{ day.flagged }</dd>
            </dl>
            if day.responses() == 0 {
                <p data-field="today-nothing">{ s.today_nothing }</p>
            } else {
                <HoursChart day={day.clone()} />
                <NpsChart day={day.clone()} />
                <CsatChart day={day.clone()} />
                <CsiChart day={day} />
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct ChartProps {
    day: Day,
}

/// A chart's frame: a heading, the drawing (hidden from assistive technology) and its table.
fn figure(id: &str, title: &str, svg: Html, table: Html) -> Html {
    html! {
        <figure class="today-chart" data-chart={id.to_string()} aria-labelledby={format!("chart-{id}")}>
            <figcaption><h3 id={format!("chart-{id}")}>{ title }</h3></figcaption>
            <div class="today-chart-body">
                { svg }
                { table }
            </div>
        </figure>
    }
}

fn hour_label(h: usize) -> String {
    format!("{h:02}:00")
}

#[function_component(HoursChart)]
fn hours_chart(p: &ChartProps) -> Html {
    let s = use_ui().s();
    let hours = &p.day.hours;
    let max = hours.iter().copied().max().unwrap_or(0) as f64;
    const FULL: f64 = 90.0;
    let bars = hours.iter().enumerate().map(|(h, &c)| {
        let height = bar(c as f64, max, FULL);
        let x = h as f64 * 10.0 + 1.0;
        html! {
            <>
                <rect class="bar" x={decimal(x)} y={decimal(100.0 - height)} width="8" height={decimal(height)}
                    data-key={h.to_string()} data-value={c.to_string()} />
                if c > 0 {
                    <text class="bar-label" x={decimal(x + 4.0)} y={decimal(100.0 - height - 2.0)} text-anchor="middle">{ c }</text>
                }
            </>
        }
    });
    let ticks = [0usize, 6, 12, 18].into_iter().map(|h| html! {
        <text class="axis-label" x={decimal(h as f64 * 10.0 + 1.0)} y="114">{ hour_label(h) }</text>
    });
    let svg = html! {
        <svg viewBox="0 0 240 120" class="today-svg" aria-hidden="true" focusable="false">
            <line class="axis" x1="0" y1="100" x2="240" y2="100" />
            { for bars }
            { for ticks }
        </svg>
    };
    let rows = hours.iter().enumerate().filter(|(_, c)| **c > 0).map(|(h, c)| html! {
        <tr data-key={h.to_string()}><th scope="row">{ format!("{}–{}", hour_label(h), hour_label(h + 1)) }</th><td>{ c }</td></tr>
    });
    let table = html! {
        <table class="today-table" data-table="hours">
            <thead><tr><th scope="col">{ s.today_hour }</th><th scope="col">{ s.today_count }</th></tr></thead>
            <tbody>{ for rows }</tbody>
        </table>
    };
    figure("hours", s.today_per_hour, svg, table)
}

#[function_component(NpsChart)]
fn nps_chart(p: &ChartProps) -> Html {
    let s = use_ui().s();
    let Some(n) = p.day.nps() else { return html! {} };
    // Detractors, passives, promoters from left to right, each as wide as its share.
    let parts = [
        ("detractors", s.today_detractors, n.detractors, n.detractors_pct),
        ("passives", s.today_passives, n.passives, n.passives_pct),
        ("promoters", s.today_promoters, n.promoters, n.promoters_pct),
    ];
    let mut x = 0.0;
    let segs = parts.iter().map(|(key, _, count, share)| {
        let w = bar(*share, 100.0, 200.0);
        let at = x;
        x += w;
        html! {
            <>
                <rect class={classes!("seg", *key)} x={decimal(at)} y="4" width={decimal(w)} height="24"
                    data-key={*key} data-value={count.to_string()} />
                if w >= 24.0 {
                    <text class="seg-label" x={decimal(at + w / 2.0)} y="20" text-anchor="middle">{ format!("{}%", one_decimal(*share)) }</text>
                }
            </>
        }
    });
    let svg = html! {
        <svg viewBox="0 0 200 48" class="today-svg" aria-hidden="true" focusable="false">
            { for segs }
            <text class="axis-label" x="100" y="44" text-anchor="middle">{ format!("NPS {}", signed(n.score)) }</text>
        </svg>
    };
    let rows = parts.iter().map(|(key, label, count, share)| html! {
        <tr data-key={*key}><th scope="row">{ *label }</th><td>{ count }</td><td>{ format!("{}%", one_decimal(*share)) }</td></tr>
    });
    let table = html! {
        <table class="today-table" data-table="nps">
            <thead><tr><td></td><th scope="col">{ s.today_count }</th><th scope="col">{ s.today_share }</th></tr></thead>
            <tbody>{ for rows }</tbody>
            <tfoot><tr data-key="nps"><th scope="row">{ "NPS" }</th><td colspan="2" data-field="nps">{ signed(n.score) }</td></tr></tfoot>
        </table>
    };
    figure("nps", s.today_nps, svg, table)
}

#[function_component(CsatChart)]
fn csat_chart(p: &ChartProps) -> Html {
    let s = use_ui().s();
    let Some(c) = p.day.csat() else { return html! {} };
    let max = c.counts.iter().copied().max().unwrap_or(0) as f64;
    let bars = c.counts.iter().enumerate().map(|(i, &n)| {
        let height = bar(n as f64, max, 80.0);
        let x = i as f64 * 30.0 + 5.0;
        html! {
            <>
                <rect class="bar" x={decimal(x)} y={decimal(94.0 - height)} width="20" height={decimal(height)}
                    data-key={(i + 1).to_string()} data-value={n.to_string()} />
                <text class="bar-label" x={decimal(x + 10.0)} y={decimal(94.0 - height - 2.0)} text-anchor="middle">{ n }</text>
                <text class="axis-label" x={decimal(x + 10.0)} y="108" text-anchor="middle">{ i + 1 }</text>
            </>
        }
    });
    let svg = html! {
        <svg viewBox="0 0 150 112" class="today-svg narrow" aria-hidden="true" focusable="false">
            <line class="axis" x1="0" y1="94" x2="150" y2="94" />
            { for bars }
        </svg>
    };
    let rows = c.counts.iter().enumerate().map(|(i, n)| html! {
        <tr data-key={(i + 1).to_string()}><th scope="row">{ i + 1 }</th><td>{ n }</td></tr>
    });
    let table = html! {
        <table class="today-table" data-table="csat">
            <thead><tr><th scope="col">{ s.today_rating }</th><th scope="col">{ s.today_count }</th></tr></thead>
            <tbody>{ for rows }</tbody>
            <tfoot>
                <tr data-key="mean"><th scope="row">{ s.today_mean }</th><td data-field="csat-mean">{ one_decimal(c.mean) }</td></tr>
                <tr data-key="satisfied"><th scope="row">{ s.today_satisfied }</th><td data-field="csat-satisfied">{ format!("{}%", one_decimal(c.satisfied_pct)) }</td></tr>
            </tfoot>
        </table>
    };
    figure("csat", s.today_csat, svg, table)
}

/// The name of CSI dimension `id` in `lang` from the survey's CSI questions (the id when the
/// config no longer has it), with the language it is written in.
fn dimension_name(config: &crate::config::Config, id: &str, lang: Lang) -> (String, Lang) {
    config
        .survey
        .questions
        .iter()
        .filter(|q| q.kind == QuestionKind::Csi)
        .flat_map(|q| q.rows.iter().flatten())
        .find(|r| r.id == id)
        .map(|r| {
            let (t, l) = r.text.get_with_lang(lang);
            (t.to_string(), l)
        })
        .unwrap_or_else(|| (id.to_string(), Lang::En))
}

#[function_component(CsiChart)]
fn csi_chart(p: &ChartProps) -> Html {
    let (store, ui) = (use_store(), use_ui());
    let s: &Strings = ui.s();
    let mut dims = p.day.dimensions();
    // In the order the questionnaire asks them; dimensions no longer in it last.
    let order: Vec<&str> = store.config.survey.questions.iter().flat_map(|q| q.rows.iter().flatten()).map(|r| r.id.as_str()).collect();
    dims.sort_by_key(|d| order.iter().position(|id| *id == d.id).unwrap_or(usize::MAX));
    if dims.is_empty() {
        return html! {};
    }
    let height = dims.len() as f64 * 20.0 + 4.0;
    let bars = dims.iter().enumerate().map(|(i, d)| {
        let y = i as f64 * 20.0 + 4.0;
        let w = bar(d.index, 100.0, 160.0);
        html! {
            <>
                <rect class="track" x="0" y={decimal(y)} width="160" height="14" />
                <rect class="bar" x="0" y={decimal(y)} width={decimal(w)} height="14" data-key={d.id.clone()} data-value={one_decimal(d.index)} />
                <text class="bar-label" x="164" y={decimal(y + 11.0)}>{ one_decimal(d.index) }</text>
            </>
        }
    });
    let svg = html! {
        <svg viewBox={format!("0 0 200 {}", decimal(height))} class="today-svg" aria-hidden="true" focusable="false">
            { for bars }
        </svg>
    };
    let rows = dims.iter().map(|d| {
        let (name, lang) = dimension_name(&store.config, &d.id, ui.lang);
        let lang_attr = (lang != ui.lang).then(|| lang.tag());
        html! {
            <tr data-key={d.id.clone()}>
                <th scope="row" lang={lang_attr}>{ name }</th><td>{ one_decimal(d.index) }</td><td>{ d.n }</td>
            </tr>
        }
    });
    let table = html! {
        <table class="today-table" data-table="csi">
            <thead><tr><th scope="col">{ s.today_dimension }</th><th scope="col">{ s.today_index }</th><th scope="col">{ s.today_answers }</th></tr></thead>
            <tbody>{ for rows }</tbody>
        </table>
    };
    figure("csi", s.today_csi, svg, table)
}
