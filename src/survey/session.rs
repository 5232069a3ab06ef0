//! One customer's pass through the questionnaire, as the screen sees it: the questionnaire,
//! the record id made when they started, the problem to show, and how the hand-in is going.
//! The screen dispatches `Action`s; `Session::apply` is the whole state machine.

use std::rc::Rc;

use super::engine::{Issue, Questionnaire};
use super::Answer;
use crate::config::{Mode, Question, Survey};
use crate::outbox::HandIn;

#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    pub q: Questionnaire,
    /// Made once, when the customer starts: the record keeps this id on every retry.
    pub record_id: String,
    /// Why the customer cannot move on, shown under the question.
    pub issue: Option<Issue>,
    pub hand_in: HandIn,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    Answer(Answer),
    Next,
    /// Move on after a tap on a single-tap scale, only if still on the question that was
    /// tapped: a quick tap on Next must not make the customer skip the question after it.
    AutoNext(String),
    Back,
    Skip,
    Sending,
    Failed(String),
}

/// Whether a tap on `question` moves on by itself in `mode`. Only questions that ask for it
/// (`auto_advance`) do; in large-text mode only when the survey also says
/// `auto_advance_large`, because there a mis-tap must be seen and undone before moving on
/// (the customer confirms with Next).
pub fn advances_by_itself(survey: &Survey, question: &Question, mode: Mode) -> bool {
    question.auto_advance.unwrap_or(false) && (mode == Mode::Standard || survey.auto_advance_large)
}

/// How long to wait before a tapped scale moves on: the `pause` counts from the tap itself,
/// so the time the page took to handle the tap (`elapsed_ms`) is not added to it. A clock
/// that reads oddly (negative, not a number) gives the whole pause.
pub fn auto_advance_wait(pause: u32, elapsed_ms: f64) -> u32 {
    if !(elapsed_ms >= 0.0) {
        return pause;
    }
    let left = f64::from(pause) - elapsed_ms;
    if left <= 0.0 { 0 } else { left as u32 }
}

/// Whether a change that follows a pointer's release `elapsed_ms` earlier is that tap's doing:
/// within a second. An older release (a tap that changed nothing) is not, so a later change
/// made some other way (a screen reader's activation, voice or switch control) never moves on
/// by itself.
pub fn is_tap(elapsed_ms: f64) -> bool {
    (0.0..1000.0).contains(&elapsed_ms)
}

impl Session {
    pub fn new(survey: Rc<Survey>, record_id: String, now_ms: f64) -> Self {
        Session { q: Questionnaire::new(survey, now_ms), record_id, issue: None, hand_in: HandIn::Open }
    }

    /// Applies `action`; returns whether anything changed (a stale auto-advance does not).
    pub fn apply(&mut self, action: Action) -> bool {
        match action {
            Action::Answer(a) => self.issue = self.q.set_answer(a).err(),
            Action::Next => self.issue = self.q.next().err(),
            Action::AutoNext(id) => {
                if self.q.current().map(|q| q.id.as_str()) != Some(id.as_str()) {
                    return false;
                }
                self.issue = self.q.next().err();
            }
            Action::Skip => self.issue = self.q.skip().err(),
            Action::Back => {
                self.issue = None;
                self.q.back();
            }
            Action::Sending => self.hand_in = HandIn::Sending,
            Action::Failed(why) => self.hand_in = HandIn::Failed(why),
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    #[test]
    fn only_a_recent_release_makes_a_change_a_tap() {
        assert!(super::is_tap(0.0));
        assert!(super::is_tap(30.0));
        assert!(super::is_tap(999.0));
        assert!(!super::is_tap(1000.0));
        assert!(!super::is_tap(60_000.0));
        assert!(!super::is_tap(-1.0));
        assert!(!super::is_tap(f64::NAN));
    }

    #[test]
    fn the_pause_counts_from_the_tap() {
        assert_eq!(super::auto_advance_wait(350, 0.0), 350);
        assert_eq!(super::auto_advance_wait(350, 27.5), 322);
        assert_eq!(super::auto_advance_wait(350, 350.0), 0);
        assert_eq!(super::auto_advance_wait(350, 5_000.0), 0);
        // A clock that reads oddly never shortens the pause.
        assert_eq!(super::auto_advance_wait(350, -3.0), 350);
        assert_eq!(super::auto_advance_wait(350, f64::NAN), 350);
    }

    proptest! {
        #[test]
        fn the_wait_and_the_time_taken_never_exceed_the_pause(pause in 0u32..2_000, elapsed in 0.0f64..10_000.0) {
            let wait = super::auto_advance_wait(pause, elapsed);
            prop_assert!(wait <= pause);
            prop_assert!(f64::from(wait) + elapsed >= f64::from(pause) - 1.0 || wait == 0);
        }
    }

    use super::*;
    use crate::config::{parse, SAMPLE_CONFIG};
    use crate::survey::Step;

    fn session() -> Session {
        let c = parse(SAMPLE_CONFIG).expect("sample config is valid");
        Session::new(Rc::new(c.survey), "id-1".into(), 0.0)
    }

    fn current_id(s: &Session) -> String {
        s.q.current().map(|q| q.id.clone()).unwrap_or_default()
    }

    #[test]
    fn a_late_auto_advance_never_skips_the_next_question() {
        let mut s = session();
        let first = current_id(&s);
        assert!(s.apply(Action::Answer(Answer::Nps { score: 9 })));
        // The customer taps Next before the auto-advance pause ends…
        assert!(s.apply(Action::Next));
        let second = current_id(&s);
        assert_ne!(first, second);
        // …then the timer fires for the first question: nothing happens.
        assert!(!s.apply(Action::AutoNext(first)));
        assert_eq!(current_id(&s), second);
    }

    #[test]
    fn large_text_mode_waits_for_next_unless_the_config_insists() {
        let c = parse(SAMPLE_CONFIG).expect("sample config is valid");
        let mut survey = c.survey;
        let nps = survey.questions[0].clone();
        assert_eq!(nps.auto_advance, Some(true), "the sample's first question auto-advances");
        assert!(advances_by_itself(&survey, &nps, Mode::Standard));
        assert!(!advances_by_itself(&survey, &nps, Mode::Large), "large-text mode confirms with Next");
        survey.auto_advance_large = true;
        assert!(advances_by_itself(&survey, &nps, Mode::Large), "the config may insist");
        // A question that does not ask for it never moves on by itself, in either mode.
        let mut still = nps.clone();
        still.auto_advance = None;
        assert!(!advances_by_itself(&survey, &still, Mode::Standard));
        assert!(!advances_by_itself(&survey, &still, Mode::Large));
        still.auto_advance = Some(false);
        assert!(!advances_by_itself(&survey, &still, Mode::Large));
    }

    #[test]
    fn auto_advance_on_the_tapped_question_moves_on() {
        let mut s = session();
        let first = current_id(&s);
        s.apply(Action::Answer(Answer::Nps { score: 3 }));
        assert!(s.apply(Action::AutoNext(first.clone())));
        assert_ne!(current_id(&s), first);
        assert_eq!(s.issue, None);
    }

    #[test]
    fn next_without_a_required_answer_shows_the_problem_and_back_clears_it() {
        let mut s = session();
        let first = current_id(&s);
        assert!(s.q.current().is_some_and(|q| q.required), "sample starts with a required question");
        s.apply(Action::Next);
        assert_eq!(s.issue, Some(Issue::Required));
        assert_eq!(current_id(&s), first);
        s.apply(Action::Back);
        assert_eq!(s.issue, None);
    }

    #[test]
    fn a_failed_hand_in_keeps_the_answers_and_can_be_retried() {
        let mut s = session();
        s.apply(Action::Answer(Answer::Nps { score: 10 }));
        s.apply(Action::Sending);
        assert!(s.hand_in.is_sending());
        s.apply(Action::Failed("QuotaExceededError".into()));
        assert_eq!(s.hand_in.failure(), Some("QuotaExceededError"));
        assert!(s.q.answer_of(&s.q.survey().questions[0].id).is_some());
        assert_ne!(s.q.step(), Step::Done);
    }
}
