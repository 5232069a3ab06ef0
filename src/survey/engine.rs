//! The questionnaire as a state machine: which questions are shown (conditions on earlier
//! answers), where the customer is, what is missing, and moving on, back and skipping.
//!
//! A `Questionnaire` belongs to one customer: it is created when they open the survey and
//! dropped with the screen, so nothing of theirs can reach the next customer.

use std::collections::BTreeMap;
use std::rc::Rc;

use super::answer::Answer;
use crate::config::{Condition, Question, QuestionKind, Survey};

/// Free-text questions without `max_length` accept this many characters.
pub const DEFAULT_TEXT_LIMIT: u32 = 500;

/// Why the customer cannot move on yet.
#[derive(Debug, Clone, PartialEq)]
pub enum Issue {
    /// A required question has no answer.
    Required,
    /// A required CSI question has unrated rows (their ids).
    RowsMissing(Vec<String>),
    /// "Other" was ticked but its text is empty.
    OtherEmpty,
    /// Text longer than the limit (in characters).
    TooLong { max: u32 },
    /// An answer that does not fit the question (wrong type, value off the scale, unknown
    /// option). The UI never produces one; kept so bad input is refused, not stored.
    Invalid,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Now showing the question at this index of `survey.questions`.
    Question(usize),
    /// No more questions: ready to hand in.
    Done,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Questionnaire {
    survey: Rc<Survey>,
    answers: BTreeMap<String, Answer>,
    step: Step,
    /// Milliseconds since the epoch when the customer started.
    pub started_at: f64,
}

impl Questionnaire {
    pub fn new(survey: Rc<Survey>, now_ms: f64) -> Self {
        let mut q = Questionnaire { survey, answers: BTreeMap::new(), step: Step::Done, started_at: now_ms };
        q.step = q.first_shown_from(0).map_or(Step::Done, Step::Question);
        q
    }

    pub fn survey(&self) -> &Survey {
        &self.survey
    }

    pub fn step(&self) -> Step {
        self.step
    }

    pub fn current(&self) -> Option<&Question> {
        match self.step {
            Step::Question(i) => self.survey.questions.get(i),
            Step::Done => None,
        }
    }

    pub fn answer_of(&self, question_id: &str) -> Option<&Answer> {
        self.answers.get(question_id)
    }

    /// Whether question `i` is shown, given the answers so far.
    pub fn is_shown(&self, i: usize) -> bool {
        let Some(q) = self.survey.questions.get(i) else { return false };
        match &q.show_if {
            None => true,
            Some(cond) => {
                // A condition on a question that is itself hidden is not met.
                let target = self.survey.questions[..i].iter().position(|e| e.id == cond.question);
                match target {
                    Some(t) if self.is_shown(t) => condition_met(cond, self.answers.get(&cond.question)),
                    _ => false,
                }
            }
        }
    }

    /// Indices of the questions shown with the current answers, in order.
    pub fn shown(&self) -> Vec<usize> {
        (0..self.survey.questions.len()).filter(|i| self.is_shown(*i)).collect()
    }

    /// (1-based position of the current question, number of questions shown now).
    pub fn progress(&self) -> (usize, usize) {
        let shown = self.shown();
        let pos = match self.step {
            Step::Question(i) => shown.iter().position(|s| *s == i).map_or(0, |p| p + 1),
            Step::Done => shown.len(),
        };
        (pos, shown.len())
    }

    /// True when no shown question follows the current one (the button says "Send").
    pub fn is_last(&self) -> bool {
        match self.step {
            Step::Question(i) => self.first_shown_from(i + 1).is_none(),
            Step::Done => true,
        }
    }

    fn first_shown_from(&self, start: usize) -> Option<usize> {
        (start..self.survey.questions.len()).find(|i| self.is_shown(*i))
    }

    /// Records an answer to the current question. Refuses one that does not fit it.
    pub fn set_answer(&mut self, answer: Answer) -> Result<(), Issue> {
        let Some(q) = self.current() else { return Err(Issue::Invalid) };
        fits(q, &answer)?;
        let id = q.id.clone();
        self.answers.insert(id, answer);
        Ok(())
    }

    /// Removes the current question's answer.
    pub fn clear_answer(&mut self) {
        if let Some(id) = self.current().map(|q| q.id.clone()) {
            self.answers.remove(&id);
        }
    }

    /// Checks the current question can be left.
    pub fn check_current(&self) -> Result<(), Issue> {
        match self.current() {
            None => Ok(()),
            Some(q) => check(q, self.answers.get(&q.id)),
        }
    }

    /// Moves to the next shown question, or to `Done`, if the current one is complete.
    pub fn next(&mut self) -> Result<Step, Issue> {
        self.check_current()?;
        if let Step::Question(i) = self.step {
            self.step = self.first_shown_from(i + 1).map_or(Step::Done, Step::Question);
        }
        Ok(self.step)
    }

    /// Leaves an optional question unanswered and moves on.
    pub fn skip(&mut self) -> Result<Step, Issue> {
        match self.current() {
            Some(q) if q.required => Err(Issue::Required),
            Some(_) => {
                self.clear_answer();
                self.next()
            }
            None => Ok(Step::Done),
        }
    }

    /// Goes back to the previous shown question; false on the first one.
    pub fn back(&mut self) -> bool {
        let upto = match self.step {
            Step::Question(i) => i,
            Step::Done => self.survey.questions.len(),
        };
        match (0..upto).rev().find(|i| self.is_shown(*i)) {
            Some(p) => {
                self.step = Step::Question(p);
                true
            }
            None => false,
        }
    }

    /// The answers that count: shown questions only (an answer to a question that a later
    /// change hid is left out), in survey order. `None` until every shown question is fine.
    pub fn finished_answers(&self) -> Option<Vec<(&Question, &Answer)>> {
        if self.step != Step::Done {
            return None;
        }
        let mut out = Vec::new();
        for i in self.shown() {
            let q = &self.survey.questions[i];
            check(q, self.answers.get(&q.id)).ok()?;
            if let Some(a) = self.answers.get(&q.id) {
                out.push((q, a));
            }
        }
        Some(out)
    }
}

fn condition_met(cond: &Condition, answer: Option<&Answer>) -> bool {
    let Some(answer) = answer else { return false };
    if let Some(max) = cond.at_most {
        return answer.score().is_some_and(|s| s <= max);
    }
    if let Some(min) = cond.at_least {
        return answer.score().is_some_and(|s| s >= min);
    }
    if let Some(any) = &cond.any_of {
        let chosen = answer.chosen();
        return any.iter().any(|id| chosen.contains(&id.as_str()));
    }
    false
}

/// The text limit of a free-text question.
pub fn text_limit(q: &Question) -> u32 {
    q.max_length.unwrap_or(DEFAULT_TEXT_LIMIT)
}

/// Whether `answer` is of the right shape and range for `q`.
fn fits(q: &Question, answer: &Answer) -> Result<(), Issue> {
    let option_ok = |id: &str| q.options.as_ref().is_some_and(|o| o.iter().any(|o| o.id == id));
    let ok = match (q.kind, answer) {
        (QuestionKind::Nps, Answer::Nps { score }) => *score <= 10,
        (QuestionKind::Csat, Answer::Csat { score }) => (1..=5).contains(score),
        (QuestionKind::Csi, Answer::Csi { ratings }) => ratings.iter().all(|(row, r)| {
            (1..=5).contains(r) && q.rows.as_ref().is_some_and(|rows| rows.iter().any(|x| &x.id == row))
        }),
        (QuestionKind::SingleChoice, Answer::SingleChoice { option }) => option_ok(option),
        (QuestionKind::MultipleChoice, Answer::MultipleChoice { options, other }) => {
            options.iter().all(|o| option_ok(o)) && (q.other || other.is_none())
        }
        (QuestionKind::FreeText, Answer::FreeText { .. }) => true,
        _ => false,
    };
    if ok { Ok(()) } else { Err(Issue::Invalid) }
}

/// Whether the question can be left with this answer.
fn check(q: &Question, answer: Option<&Answer>) -> Result<(), Issue> {
    let Some(a) = answer else {
        return if q.required { Err(Issue::Required) } else { Ok(()) };
    };
    fits(q, a)?;
    match a {
        Answer::Csi { ratings } if q.required => {
            let missing: Vec<String> = q
                .rows
                .iter()
                .flatten()
                .filter(|r| !ratings.contains_key(&r.id))
                .map(|r| r.id.clone())
                .collect();
            if missing.is_empty() { Ok(()) } else { Err(Issue::RowsMissing(missing)) }
        }
        Answer::MultipleChoice { options, other } => {
            if other.as_ref().is_some_and(|t| t.trim().is_empty()) {
                Err(Issue::OtherEmpty)
            } else if q.required && options.is_empty() && other.is_none() {
                Err(Issue::Required)
            } else {
                Ok(())
            }
        }
        // Too long is kept (the customer sees their text and the counter) but cannot be sent.
        Answer::FreeText { text } if text.chars().count() > text_limit(q) as usize => {
            Err(Issue::TooLong { max: text_limit(q) })
        }
        Answer::FreeText { text } if q.required && text.trim().is_empty() => Err(Issue::Required),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests;
