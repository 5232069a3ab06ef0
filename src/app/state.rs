//! UI state shared by every screen: language and presentation mode.
//!
//! Kept apart from each journey's own state, so switching language or mode re-renders the
//! texts without touching anything the customer has entered.

use std::rc::Rc;

use yew::prelude::*;

use crate::config::Mode;
use crate::i18n::Lang;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ui {
    pub lang: Lang,
    pub mode: Mode,
}

pub enum UiAction {
    SetLang(Lang),
    SetMode(Mode),
}

impl Reducible for Ui {
    type Action = UiAction;

    fn reduce(self: Rc<Self>, action: UiAction) -> Rc<Self> {
        let next = match action {
            UiAction::SetLang(lang) => Ui { lang, ..*self },
            UiAction::SetMode(mode) => Ui { mode, ..*self },
        };
        if next == *self { self } else { Rc::new(next) }
    }
}
