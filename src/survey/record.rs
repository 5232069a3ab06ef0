//! The response record: what one finished questionnaire becomes, and what the endpoint gets.

use serde::{Deserialize, Serialize};

use super::answer::Answer;
use super::engine::Questionnaire;
use super::scoring::{csi, nps_category, Scores};
use crate::config::{Mode, QuestionKind};
use crate::lang::Lang;
use crate::time::rfc3339_from_millis;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnsweredQuestion {
    pub question: String,
    #[serde(flatten)]
    pub answer: Answer,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SurveyResponse {
    /// UUID v4, made once when the customer hands in; the same on every retry.
    pub id: String,
    pub survey_id: String,
    pub survey_version: u32,
    pub store_id: String,
    pub touchpoint: String,
    pub language: Lang,
    pub mode: Mode,
    pub started_at: String,
    pub finished_at: String,
    pub answers: Vec<AnsweredQuestion>,
    pub scores: Scores,
}

pub use crate::outbox::Context;

impl SurveyResponse {
    /// Builds the record of a finished questionnaire; `None` while questions remain or an
    /// answer is incomplete.
    pub fn from_questionnaire(q: &Questionnaire, ctx: &Context, id: String, now_ms: f64) -> Option<Self> {
        let answered = q.finished_answers()?;
        let mut scores = Scores::default();
        for (question, answer) in &answered {
            match (question.kind, answer) {
                (QuestionKind::Nps, Answer::Nps { score }) if scores.nps.is_none() => {
                    scores.nps = Some(*score);
                    scores.nps_category = Some(nps_category(*score));
                }
                (QuestionKind::Csat, Answer::Csat { score }) if scores.csat.is_none() => scores.csat = Some(*score),
                (QuestionKind::Csi, Answer::Csi { ratings }) if scores.csi.is_none() => {
                    scores.csi = question
                        .rows
                        .as_deref()
                        .and_then(|rows| csi(rows, ratings))
                        .map(|v| (v * 10.0).round() / 10.0);
                }
                _ => {}
            }
        }
        let survey = q.survey();
        Some(SurveyResponse {
            id,
            survey_id: survey.id.clone(),
            survey_version: survey.version,
            store_id: ctx.store_id.to_string(),
            touchpoint: ctx.touchpoint.to_string(),
            language: ctx.language,
            mode: ctx.mode,
            started_at: rfc3339_from_millis(q.started_at),
            finished_at: rfc3339_from_millis(now_ms),
            answers: answered
                .into_iter()
                .map(|(question, answer)| AnsweredQuestion { question: question.id.clone(), answer: answer.clone() })
                .collect(),
            scores,
        })
    }
}
