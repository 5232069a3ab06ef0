use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct RadioProps {
    /// The group's name: one choice of a group at a time, arrow keys move within it.
    pub name: AttrValue,
    pub id: AttrValue,
    pub checked: bool,
    pub onchange: Callback<Event>,
    /// Extra classes for the target (`nps-option`, `chip`, `kind`…).
    #[prop_or_default]
    pub class: Classes,
    #[prop_or_default]
    pub described_by: Option<AttrValue>,
    /// The part of the label that names the choice, when the label also holds a hint (which
    /// then goes in `described_by` instead of being read twice).
    #[prop_or_default]
    pub labelled_by: Option<AttrValue>,
    /// Language of the label when it comes from the config.
    #[prop_or_default]
    pub lang: Option<AttrValue>,
    pub children: Html,
}

/// One radio drawn as a big target: a real `<input type=radio>` (arrow keys, screen
/// readers, forms) with its label styled as the button.
#[function_component(Radio)]
pub fn radio(p: &RadioProps) -> Html {
    html! {
        <span class={classes!("choice", p.class.clone())}>
            <input type="radio" name={p.name.clone()} id={p.id.clone()} checked={p.checked}
                aria-labelledby={p.labelled_by.clone()} aria-describedby={p.described_by.clone()} onchange={p.onchange.clone()} />
            <label for={p.id.clone()} lang={p.lang.clone()}>{ p.children.clone() }</label>
        </span>
    }
}
