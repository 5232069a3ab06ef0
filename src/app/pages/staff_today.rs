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

// The drawing and the tables are built from these few helpers rather than one `html!` tree
// per chart: every `html!` site is code in the wasm, and four charts of their own cost ~11 KB.

/// The SVG of a chart, drawn for the eye only.
fn svg(view_box: String, class: &'static str, parts: Vec<Html>) -> Html {
    html! { <svg viewBox={view_box} class={class} aria-hidden="true" focusable="false">{ for parts }</svg> }
}

/// A bar (or segment) for the value `value` of `key`; x, y, width, height in SVG units.
fn rect(class: &'static str, [x, y, w, h]: [f64; 4], key: Option<String>, value: Option<String>) -> Html {
    html! { <rect class={class} x={decimal(x)} y={decimal(y)} width={decimal(w)} height={decimal(h)} data-key={key} data-value={value} /> }
}

/// A label at (x, y); `middle` centres it there.
fn text(class: &'static str, x: f64, y: f64, middle: bool, t: String) -> Html {
    html! { <text class={class} x={decimal(x)} y={decimal(y)} text-anchor={middle.then_some("middle")}>{ t }</text> }
}

fn axis(x2: f64, y: f64) -> Html {
    html! { <line class="axis" x1="0" y1={decimal(y)} x2={decimal(x2)} y2={decimal(y)} /> }
}

/// One row of a chart's table: its key (for tests), its heading cell (with its language when
/// it differs from the page's), the other cells, and an optional `data-field` on the first.
struct Row {
    key: String,
    head: String,
    lang: Option<&'static str>,
    cells: Vec<String>,
    field: Option<&'static str>,
}

fn row(key: impl Into<String>, head: impl Into<String>, cells: Vec<String>) -> Row {
    Row { key: key.into(), head: head.into(), lang: None, cells, field: None }
}

fn rows_html(rows: Vec<Row>) -> Html {
    html! {
        { for rows.into_iter().map(|r| {
            html! {
                <tr data-key={r.key}>
                    <th scope="row" lang={r.lang}>{ r.head }</th>
                    { for r.cells.into_iter().enumerate().map(|(i, c)| html! {
                        <td data-field={(i == 0).then_some(r.field).flatten()}>{ c }</td>
                    }) }
                </tr>
            }
        }) }
    }
}

/// The data table of a chart: the accessible version of its drawing.
fn data_table(id: &'static str, corner: Option<&'static str>, head: &[&'static str], body: Vec<Row>, foot: Vec<Row>) -> Html {
    html! {
        <table class="today-table" data-table={id}>
            <thead><tr>
                if let Some(c) = corner { <th scope="col">{ c }</th> } else { <td></td> }
                { for head.iter().map(|h| html! { <th scope="col">{ *h }</th> }) }
            </tr></thead>
            <tbody>{ rows_html(body) }</tbody>
            if !foot.is_empty() { <tfoot>{ rows_html(foot) }</tfoot> }
        </table>
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
    let mut parts = vec![axis(240.0, 100.0)];
    for (h, &c) in hours.iter().enumerate() {
        let height = bar(c as f64, max, 90.0);
        let x = h as f64 * 10.0 + 1.0;
        parts.push(rect("bar", [x, 100.0 - height, 8.0, height], Some(h.to_string()), Some(c.to_string())));
        if c > 0 {
            parts.push(text("bar-label", x + 4.0, 100.0 - height - 2.0, true, c.to_string()));
        }
    }
    for h in [0usize, 6, 12, 18] {
        parts.push(text("axis-label", h as f64 * 10.0 + 1.0, 114.0, false, hour_label(h)));
    }
    let rows = hours
        .iter()
        .enumerate()
        .filter(|(_, c)| **c > 0)
        .map(|(h, c)| row(h.to_string(), format!("{}–{}", hour_label(h), hour_label(h + 1)), vec![c.to_string()]))
        .collect();
    figure("hours", s.today_per_hour, svg("0 0 240 120".into(), "today-svg", parts), data_table("hours", Some(s.today_hour), &[s.today_count], rows, vec![]))
}

#[function_component(NpsChart)]
fn nps_chart(p: &ChartProps) -> Html {
    let s = use_ui().s();
    let Some(n) = p.day.nps() else { return html! {} };
    // Detractors, passives, promoters from left to right, each as wide as its share.
    let shares = [
        ("detractors", s.today_detractors, n.detractors, n.detractors_pct),
        ("passives", s.today_passives, n.passives, n.passives_pct),
        ("promoters", s.today_promoters, n.promoters, n.promoters_pct),
    ];
    let (mut parts, mut rows, mut x) = (Vec::new(), Vec::new(), 0.0);
    for (key, label, count, share) in shares {
        let w = bar(share, 100.0, 200.0);
        let class = match key {
            "detractors" => "seg detractors",
            "passives" => "seg passives",
            _ => "seg promoters",
        };
        parts.push(rect(class, [x, 4.0, w, 24.0], Some(key.into()), Some(count.to_string())));
        if w >= 24.0 {
            parts.push(text("seg-label", x + w / 2.0, 20.0, true, format!("{}%", one_decimal(share))));
        }
        x += w;
        rows.push(row(key, label, vec![count.to_string(), format!("{}%", one_decimal(share))]));
    }
    parts.push(text("axis-label", 100.0, 44.0, true, format!("NPS {}", signed(n.score))));
    let foot = vec![Row { field: Some("nps"), ..row("nps", "NPS", vec![signed(n.score)]) }];
    figure("nps", s.today_nps, svg("0 0 200 48".into(), "today-svg", parts), data_table("nps", None, &[s.today_count, s.today_share], rows, foot))
}

#[function_component(CsatChart)]
fn csat_chart(p: &ChartProps) -> Html {
    let s = use_ui().s();
    let Some(c) = p.day.csat() else { return html! {} };
    let max = c.counts.iter().copied().max().unwrap_or(0) as f64;
    let (mut parts, mut rows) = (vec![axis(150.0, 94.0)], Vec::new());
    for (i, &n) in c.counts.iter().enumerate() {
        let height = bar(n as f64, max, 80.0);
        let x = i as f64 * 30.0 + 5.0;
        parts.push(rect("bar", [x, 94.0 - height, 20.0, height], Some((i + 1).to_string()), Some(n.to_string())));
        parts.push(text("bar-label", x + 10.0, 94.0 - height - 2.0, true, n.to_string()));
        parts.push(text("axis-label", x + 10.0, 108.0, true, (i + 1).to_string()));
        rows.push(row((i + 1).to_string(), (i + 1).to_string(), vec![n.to_string()]));
    }
    let foot = vec![
        Row { field: Some("csat-mean"), ..row("mean", s.today_mean, vec![one_decimal(c.mean)]) },
        Row { field: Some("csat-satisfied"), ..row("satisfied", s.today_satisfied, vec![format!("{}%", one_decimal(c.satisfied_pct))]) },
    ];
    figure("csat", s.today_csat, svg("0 0 150 112".into(), "today-svg narrow", parts), data_table("csat", Some(s.today_rating), &[s.today_count], rows, foot))
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
    // In the order the questionnaire asks them, dimensions no longer in it last (picked in
    // order rather than sorted: a sort would add ~5 KB of generic code to the wasm).
    let mut rest = p.day.dimensions();
    let mut dims = Vec::with_capacity(rest.len());
    for row in store.config.survey.questions.iter().flat_map(|q| q.rows.iter().flatten()) {
        if let Some(i) = rest.iter().position(|d| d.id == row.id) {
            dims.push(rest.remove(i));
        }
    }
    dims.append(&mut rest);
    if dims.is_empty() {
        return html! {};
    }
    let (mut parts, mut rows) = (Vec::new(), Vec::new());
    for (i, d) in dims.iter().enumerate() {
        let y = i as f64 * 20.0 + 4.0;
        parts.push(rect("track", [0.0, y, 160.0, 14.0], None, None));
        parts.push(rect("bar", [0.0, y, bar(d.index, 100.0, 160.0), 14.0], Some(d.id.clone()), Some(one_decimal(d.index))));
        parts.push(text("bar-label", 164.0, y + 11.0, false, one_decimal(d.index)));
        let (name, lang) = dimension_name(&store.config, &d.id, ui.lang);
        let lang = (lang != ui.lang).then(|| lang.tag());
        rows.push(Row { lang, ..row(d.id.clone(), name, vec![one_decimal(d.index), d.n.to_string()]) });
    }
    let view_box = format!("0 0 200 {}", decimal(dims.len() as f64 * 20.0 + 4.0));
    figure("csi", s.today_csi, svg(view_box, "today-svg", parts), data_table("csi", Some(s.today_dimension), &[s.today_index, s.today_answers], rows, vec![]))
}
