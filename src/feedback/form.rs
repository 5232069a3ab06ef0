//! The suggestion-box form as plain data: what the customer has typed and ticked, the edits
//! the screen sends (`Edit`), and whole-form validation that yields the entry to hand in or
//! every problem by field. The screen (`view`) only renders this and dispatches edits.

use super::contact::{self, Channel};
pub use super::issue::{Field, Issue};
use super::pii::{find_contacts, remove_contacts, FoundKind};
use super::record::{check_text, is_date, FeedbackEntry, FeedbackKind};
use crate::outbox::{Context, HandIn};
use crate::time::rfc3339_from_millis;

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Form {
    pub kind: Option<FeedbackKind>,
    pub category: Option<String>,
    pub text: String,
    pub department: String,
    pub staff_member: String,
    pub visit_date: String,
    /// Contact details are kept only while this is on.
    pub consent: bool,
    pub name: String,
    pub phone: String,
    pub email: String,
    pub channel: Option<Channel>,
    /// Problems found at the last attempt to send, by field. Each goes as soon as its field
    /// is put right (not only at the next send); no new ones appear before that send.
    pub issues: Vec<(Field, Issue)>,
    /// The text limit the problems were found with, to check them again as the customer edits.
    pub checked_max: u32,
    /// "Move to contact details" was asked for without consent: the details stay in the
    /// text until the customer ticks consent themselves, and move then.
    pub move_pending: bool,
    pub hand_in: HandIn,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    Kind(FeedbackKind),
    Category(String),
    Text(String),
    Department(String),
    StaffMember(String),
    VisitDate(String),
    Consent(bool),
    Name(String),
    Phone(String),
    Email(String),
    Channel(Channel),
    /// Move phone numbers and emails typed into the text to the (empty) contact fields.
    MoveContacts,
    /// Remove phone numbers and emails from the text.
    RemoveContacts,
    /// The result of an attempt to send, with the text limit it was checked against.
    Issues(Vec<(Field, Issue)>, u32),
    Sending,
    Failed(String),
}

impl Form {
    pub fn apply(&mut self, e: Edit) {
        let content = !matches!(e, Edit::Issues(..) | Edit::Sending | Edit::Failed(_));
        self.edit(e);
        if !self.stray_contacts() {
            self.move_pending = false;
        }
        if content && !self.issues.is_empty() {
            self.recheck();
        }
    }

    /// Keeps only the problems (from the last send) whose field is still wrong, updated.
    fn recheck(&mut self) {
        let now = self.problems(self.checked_max);
        self.issues = self.issues.iter().filter_map(|(f, _)| now.iter().find(|(g, _)| g == f).copied()).collect();
    }

    /// Phone numbers and emails in the text go to the empty contact fields and leave the
    /// text. Only ever called with consent on.
    fn move_contacts(&mut self) {
        let found = find_contacts(&self.text);
        for x in &found {
            match x.kind {
                FoundKind::Phone if self.phone.is_empty() => self.phone = x.value.clone(),
                FoundKind::Email if self.email.is_empty() => self.email = x.value.clone(),
                _ => {}
            }
        }
        self.text = remove_contacts(&self.text, &found);
    }

    fn edit(&mut self, e: Edit) {
        match e {
            Edit::Kind(k) => self.kind = Some(k),
            Edit::Category(c) => self.category = Some(c),
            Edit::Text(t) => self.text = t,
            Edit::Department(t) => self.department = t,
            Edit::StaffMember(t) => self.staff_member = t,
            Edit::VisitDate(t) => self.visit_date = t,
            Edit::Consent(on) => {
                self.consent = on;
                if on && std::mem::take(&mut self.move_pending) {
                    self.move_contacts();
                }
                if !on {
                    // Without consent no contact data is kept anywhere.
                    self.name.clear();
                    self.phone.clear();
                    self.email.clear();
                    self.channel = None;
                }
            }
            // Contact fields exist only after consent; an edit that arrives without it
            // (a stale event from a field just hidden) is dropped, not kept.
            Edit::Name(_) | Edit::Phone(_) | Edit::Email(_) | Edit::Channel(_) if !self.consent => {}
            Edit::Name(t) => self.name = t,
            Edit::Phone(t) => self.phone = t,
            Edit::Email(t) => self.email = t,
            Edit::Channel(c) => self.channel = Some(c),
            // Consent is the customer's own tick, never ticked for them: without it the
            // move waits (the screen asks for the tick) and happens when they tick.
            Edit::MoveContacts if self.consent => self.move_contacts(),
            Edit::MoveContacts => self.move_pending = true,
            Edit::RemoveContacts => {
                let found = find_contacts(&self.text);
                self.text = remove_contacts(&self.text, &found);
                self.move_pending = false;
            }
            Edit::Issues(i, max) => {
                self.issues = i;
                self.checked_max = max;
            }
            Edit::Sending => {
                self.issues.clear();
                self.hand_in = HandIn::Sending;
            }
            Edit::Failed(why) => self.hand_in = HandIn::Failed(why),
        }
    }

    /// The problem found for `field` at the last attempt, if any.
    pub fn issue(&self, field: Field) -> Option<Issue> {
        self.issues.iter().find(|(f, _)| *f == field).map(|(_, i)| *i)
    }

    /// Phone numbers or emails typed into the text while no consent is given: the screen
    /// points them out.
    pub fn stray_contacts(&self) -> bool {
        !self.consent && !find_contacts(&self.text).is_empty()
    }

    /// Every problem of the form as it is now, by field, in the form's order.
    pub fn problems(&self, max_length: u32) -> Vec<(Field, Issue)> {
        let mut issues = Vec::new();
        if self.kind.is_none() {
            issues.push((Field::Kind, Issue::NoKind));
        }
        if self.category.is_none() {
            issues.push((Field::Category, Issue::NoCategory));
        }
        if let Err(e) = check_text(&self.text, max_length) {
            issues.push((Field::Text, e));
        }
        if !self.visit_date.is_empty() && !is_date(&self.visit_date) {
            issues.push((Field::VisitDate, Issue::BadDate));
        }
        if self.consent {
            if let Err(list) = contact::check(&self.name, &self.phone, &self.email, self.channel) {
                issues.extend(list);
            }
        }
        issues
    }

    /// Checks the whole form: the entry to hand in, or every problem by field.
    /// `max_length` is the configured text limit; `id` the record id made when the form opened.
    pub fn validate(&self, ctx: &Context, max_length: u32, id: &str, now_ms: f64) -> Result<FeedbackEntry, Vec<(Field, Issue)>> {
        let issues = self.problems(max_length);
        let contact = if self.consent { contact::check(&self.name, &self.phone, &self.email, self.channel).ok() } else { None };
        let (Some(kind), Some(category), true) = (self.kind, self.category.clone(), issues.is_empty()) else {
            return Err(issues);
        };
        let opt = |s: &str| (!s.trim().is_empty()).then(|| s.trim().to_string());
        Ok(FeedbackEntry {
            id: id.to_string(),
            reference: FeedbackEntry::reference_for(id),
            kind,
            category,
            text: self.text.clone(),
            department: opt(&self.department),
            staff_member: opt(&self.staff_member),
            visit_date: opt(&self.visit_date),
            store_id: ctx.store_id.to_string(),
            touchpoint: ctx.touchpoint.to_string(),
            language: ctx.language,
            mode: ctx.mode,
            finished_at: rfc3339_from_millis(now_ms),
            consent: contact.is_some(),
            contact,
        })
    }
}

/// Where a text stands against its limit, for the one line screen readers hear. The visible
/// counter changes on every key and is not a live region (it would speak every keystroke);
/// this changes only when a threshold is crossed, so it speaks only near and at the limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LimitNote {
    /// 90 % of the limit or more.
    Near,
    Reached,
    Over,
}

pub fn limit_note(used: usize, max: u32) -> Option<LimitNote> {
    let max = max as usize;
    match used {
        u if u > max => Some(LimitNote::Over),
        u if u == max && max > 0 => Some(LimitNote::Reached),
        u if u * 10 >= max * 9 && u > 0 => Some(LimitNote::Near),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Mode;
    use crate::lang::Lang;
    use proptest::prelude::*;

    const ID: &str = "6f1c1b7e-8d3c-4a53-9a51-2f0d1c2b3a4e";
    const NOW: f64 = 1_764_478_800_000.0; // 2025-11-30T05:00:00Z

    fn ctx() -> Context<'static> {
        Context { store_id: "lanting-xuhui", touchpoint: "exit-kiosk-1", language: Lang::En, mode: Mode::Large }
    }

    fn filled() -> Form {
        let mut f = Form::default();
        f.apply(Edit::Kind(FeedbackKind::Complaint));
        f.apply(Edit::Category("service".into()));
        f.apply(Edit::Text("The queue was long".into()));
        f
    }

    #[test]
    fn an_empty_form_lists_every_missing_part() {
        let issues = Form::default().validate(&ctx(), 1000, ID, NOW).expect_err("empty");
        assert_eq!(
            issues,
            vec![(Field::Kind, Issue::NoKind), (Field::Category, Issue::NoCategory), (Field::Text, Issue::EmptyText)]
        );
    }

    #[test]
    fn a_filled_form_becomes_an_entry_with_its_context() {
        let e = filled().validate(&ctx(), 1000, ID, NOW).expect("valid");
        assert_eq!(e.id, ID);
        assert_eq!(e.reference, FeedbackEntry::reference_for(ID));
        assert_eq!((e.kind, e.category.as_str(), e.text.as_str()), (FeedbackKind::Complaint, "service", "The queue was long"));
        assert_eq!((e.store_id.as_str(), e.touchpoint.as_str(), e.language, e.mode), ("lanting-xuhui", "exit-kiosk-1", Lang::En, Mode::Large));
        assert_eq!(e.finished_at, "2025-11-30T05:00:00.000Z");
        assert!(!e.consent && e.contact.is_none());
        assert_eq!(e.department, None, "blank optional fields are left out");
    }

    #[test]
    fn text_limit_and_visit_date_are_checked() {
        let mut f = filled();
        f.apply(Edit::Text("好".repeat(11)));
        f.apply(Edit::VisitDate("2026-02-30".into()));
        let issues = f.validate(&ctx(), 10, ID, NOW).expect_err("too long, bad date");
        assert_eq!(issues, vec![(Field::Text, Issue::TooLong(10)), (Field::VisitDate, Issue::BadDate)]);
    }

    #[test]
    fn contact_details_need_consent_and_unticking_clears_them() {
        let mut f = filled();
        f.apply(Edit::Consent(true));
        f.apply(Edit::Name("李雷".into()));
        f.apply(Edit::Phone("138 1234 5678".into()));
        f.apply(Edit::Channel(Channel::Phone));
        let e = f.validate(&ctx(), 1000, ID, NOW).expect("valid with contact");
        assert!(e.consent);
        assert_eq!(e.contact.and_then(|c| c.phone).as_deref(), Some("13812345678"));

        f.apply(Edit::Consent(false));
        assert_eq!((f.name.as_str(), f.phone.as_str(), f.email.as_str(), f.channel), ("", "", "", None));
        let e = f.validate(&ctx(), 1000, ID, NOW).expect("valid without contact");
        assert!(!e.consent && e.contact.is_none());
    }

    #[test]
    fn consent_without_a_way_to_reach_is_a_problem_on_the_phone_field() {
        let mut f = filled();
        f.apply(Edit::Consent(true));
        f.apply(Edit::Email("nope".into()));
        f.apply(Edit::Channel(Channel::Phone));
        let issues = f.validate(&ctx(), 1000, ID, NOW).expect_err("bad contact");
        assert_eq!(issues, vec![(Field::Email, Issue::BadEmail), (Field::Channel, Issue::ChannelMissing)]);
        f.apply(Edit::Issues(issues, 1000));
        assert_eq!(f.issue(Field::Email), Some(Issue::BadEmail));
        assert_eq!(f.issue(Field::Text), None);
    }

    #[test]
    fn moving_contacts_waits_for_the_customers_own_consent() {
        let mut f = filled();
        f.apply(Edit::Text("Call me on 13812345678 or mail li@example.com please".into()));
        assert!(f.stray_contacts());
        f.apply(Edit::MoveContacts);
        assert!(!f.consent, "never ticked for the customer");
        assert!(f.move_pending && f.phone.is_empty() && f.text.contains("13812345678"), "details stay in the text meanwhile");
        f.apply(Edit::Consent(true));
        assert!(!f.move_pending);
        assert_eq!(f.phone, "13812345678");
        assert_eq!(f.email, "li@example.com");
        assert!(!f.text.contains("13812345678") && !f.text.contains("li@example.com"));
        assert!(!f.stray_contacts());

        let mut g = filled();
        g.apply(Edit::Consent(true));
        g.apply(Edit::Phone("+44 20 7946 0958".into()));
        g.apply(Edit::Text("or 13812345678".into()));
        g.apply(Edit::MoveContacts);
        assert_eq!(g.phone, "+44 20 7946 0958", "a number the customer typed in the field stays");
    }

    #[test]
    fn a_pending_move_is_dropped_when_the_details_leave_the_text_or_consent_is_refused() {
        let mut f = filled();
        f.apply(Edit::Text("mail li@example.com".into()));
        f.apply(Edit::MoveContacts);
        f.apply(Edit::RemoveContacts);
        assert!(!f.move_pending);
        f.apply(Edit::Text("mail li@example.com".into()));
        f.apply(Edit::MoveContacts);
        f.apply(Edit::Text("no details now".into()));
        assert!(!f.move_pending, "nothing left to move");
        f.apply(Edit::Consent(true));
        assert!(f.email.is_empty());
    }

    #[test]
    fn problems_clear_field_by_field_as_they_are_fixed_and_no_new_ones_appear_before_sending() {
        let mut f = Form::default();
        let issues = f.validate(&ctx(), 10, ID, NOW).expect_err("empty");
        f.apply(Edit::Issues(issues, 10));
        assert_eq!(f.issues.len(), 3);
        f.apply(Edit::Kind(FeedbackKind::Praise));
        assert_eq!(f.issue(Field::Kind), None);
        assert_eq!(f.issues.len(), 2);
        f.apply(Edit::Text("好".repeat(11)));
        assert_eq!(f.issue(Field::Text), Some(Issue::TooLong(10)), "still wrong, now for another reason");
        f.apply(Edit::VisitDate("2026-02-30".into()));
        assert_eq!(f.issue(Field::VisitDate), None, "a new problem waits for the next send");
        f.apply(Edit::Text("好".repeat(10)));
        f.apply(Edit::Category("service".into()));
        assert!(f.issues.is_empty());
    }

    #[test]
    fn the_limit_note_changes_only_at_thresholds() {
        let notes: Vec<Option<LimitNote>> = (0..=1002).map(|n| limit_note(n, 1000)).collect();
        assert_eq!((notes[0], notes[899], notes[900], notes[999]), (None, None, Some(LimitNote::Near), Some(LimitNote::Near)));
        assert_eq!((notes[1000], notes[1001]), (Some(LimitNote::Reached), Some(LimitNote::Over)));
        let changes = notes.windows(2).filter(|w| w[0] != w[1]).count();
        assert_eq!(changes, 3, "silent between thresholds");
    }

    #[test]
    fn removing_contacts_only_touches_the_text() {
        let mut f = filled();
        f.apply(Edit::Text("mail li@example.com".into()));
        f.apply(Edit::RemoveContacts);
        assert!(!f.text.contains('@'));
        assert!(!f.consent && f.email.is_empty());
    }

    #[test]
    fn sending_clears_old_problems_and_a_failure_keeps_the_answers() {
        let mut f = filled();
        f.apply(Edit::Issues(vec![(Field::Kind, Issue::NoKind)], 1000));
        f.apply(Edit::Sending);
        assert!(f.issues.is_empty() && f.hand_in.is_sending());
        f.apply(Edit::Failed("QuotaExceededError".into()));
        assert_eq!(f.hand_in.failure(), Some("QuotaExceededError"));
        assert_eq!(f.text, "The queue was long");
    }

    fn any_edit() -> impl Strategy<Value = Edit> {
        let text = "\\PC{0,30}";
        prop_oneof![
            proptest::sample::select(FeedbackKind::ALL.to_vec()).prop_map(Edit::Kind),
            "[a-z]{1,8}".prop_map(Edit::Category),
            text.prop_map(Edit::Text),
            "(1[3-9][0-9]{9})?( )?[a-z@.]{0,12}".prop_map(Edit::Text),
            text.prop_map(Edit::Department),
            "(20[0-9]{2}-[01][0-9]-[0-3][0-9])?".prop_map(Edit::VisitDate),
            any::<bool>().prop_map(Edit::Consent),
            text.prop_map(Edit::Name),
            "(\\+?[0-9 ]{0,14})".prop_map(Edit::Phone),
            "[a-z]{0,5}@?[a-z.]{0,8}".prop_map(Edit::Email),
            prop_oneof![Just(Channel::Phone), Just(Channel::Email)].prop_map(Edit::Channel),
            Just(Edit::MoveContacts),
            Just(Edit::RemoveContacts),
        ]
    }

    proptest! {
        /// Whatever the customer does, consent is exactly their own last tick, contact
        /// details exist only with it and only ever leave with it,
        /// an entry is produced exactly when no problem is found, and its text is the form's.
        #[test]
        fn contact_only_with_consent_and_validation_is_total(edits in proptest::collection::vec(any_edit(), 0..30)) {
            let mut f = Form::default();
            let mut ticked = false;
            for e in edits {
                if let Edit::Consent(on) = e {
                    ticked = on;
                }
                f.apply(e);
                prop_assert_eq!(f.consent, ticked, "consent is only ever the customer's own tick");
                if !f.consent {
                    prop_assert!(f.name.is_empty() && f.phone.is_empty() && f.email.is_empty() && f.channel.is_none());
                }
            }
            match f.validate(&ctx(), 1000, ID, NOW) {
                Ok(e) => {
                    prop_assert_eq!(e.contact.is_some(), f.consent);
                    prop_assert_eq!(e.consent, f.consent);
                    prop_assert_eq!(&e.text, &f.text);
                }
                Err(issues) => prop_assert!(!issues.is_empty()),
            }
        }
    }
}
