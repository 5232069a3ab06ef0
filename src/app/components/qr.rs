use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct QrProps {
    /// What the code holds (a reference number, a link).
    pub text: AttrValue,
    /// What it is, for screen readers.
    pub label: AttrValue,
}

/// A QR code as inline SVG. The SVG is made here from our own text by the `qrcode` crate,
/// so it is safe to insert as markup; text too long for a code renders nothing.
#[function_component(Qr)]
pub fn qr(p: &QrProps) -> Html {
    use qrcode::render::svg;
    let svg = use_memo(p.text.clone(), |text| {
        qrcode::QrCode::new(text.as_bytes()).ok().map(|code| {
            code.render::<svg::Color>()
                .min_dimensions(180, 180)
                .dark_color(svg::Color("#000000"))
                .light_color(svg::Color("#ffffff"))
                .build()
        })
    });
    match &*svg {
        Some(svg) => html! {
            <div class="qr" role="img" aria-label={p.label.clone()}>
                { Html::from_html_unchecked(AttrValue::from(svg.clone())) }
            </div>
        },
        None => html! {},
    }
}
