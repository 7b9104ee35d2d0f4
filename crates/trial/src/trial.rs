//! The trial record: what was agreed at the start, and everything recorded since. This is all a
//! store ever keeps for a trial; reviews are recomputed from it.

use chrono::NaiveDate;
use dualtrack_assess::Answers;
use serde::{Deserialize, Serialize};

use crate::checkin::Checkin;
use crate::content::TrialContent;
use crate::error::{Location, TrialError};
use crate::exit_criteria::Marks;
use crate::schedule::{Schedule, add_months, months_between};
use crate::sponsor::SponsorCheckin;
pub use crate::trial_spec::TrialSpec;
use crate::trial_spec::{check_format, check_months};
use crate::week_point::WeekPoint;

/// The organisation kind assumed when none is given: the seeds' ordinary pace (see
/// `data/switchback.toml`).
pub const DEFAULT_ORG: &str = "enterprise";

/// A trial may have started at most this many years before it is recorded: a trial is six to
/// twelve months, so one older than that ended long ago. Our assumption.
pub const START_YEARS_BEFORE: u32 = 2;
/// ... and start at most this many months ahead: a trial being arranged. Our assumption.
pub const START_MONTHS_AHEAD: u32 = 6;

/// A trial file is a page of TOML.
pub const MAX_TRIAL_BYTES: usize = 64 * 1024;
/// A year of weekly check-ins with room to spare; more is not a trial.
pub const MAX_CHECKINS: usize = 120;
/// Weeks of calendar evidence kept: a year and a quarter of baseline and trial.
pub const MAX_WEEK_POINTS: usize = 80;
/// Calendar weeks before the start kept as the "before" picture the plan asks to compare with.
pub const BASELINE_WEEKS: u64 = 12;

/// The person's input to one review: the six questions again and their exit-criteria marks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewRecord {
    pub gate: String,
    pub as_of: NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answers: Option<Answers>,
    #[serde(default)]
    pub marks: Marks,
}

/// A trial and everything recorded in it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Trial {
    pub id: String,
    pub spec: TrialSpec,
    /// Set once when the trial is extended; never past the plan's maximum.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extended_to_months: Option<u32>,
    #[serde(default)]
    pub checkins: Vec<Checkin>,
    #[serde(default)]
    pub calendar: Vec<WeekPoint>,
    #[serde(default)]
    pub reviews: Vec<ReviewRecord>,
}

fn check_id(id: &str, origin: &str) -> Result<(), TrialError> {
    let ok = !id.is_empty()
        && id.len() <= 64
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if ok {
        return Ok(());
    }
    Err(TrialError::invalid(
        Location::whole(origin),
        format!(
            "trial id `{}` is not 1-64 letters, digits, `-` or `_`",
            id.chars().take(70).collect::<String>()
        ),
        "let the store assign the id",
    ))
}

impl Trial {
    /// Start a trial: every value checked, nothing recorded yet.
    ///
    /// # Errors
    /// A bad id, length, format, organisation, criteria, sponsor or starting answers.
    pub fn start(id: &str, spec: TrialSpec, content: &TrialContent) -> Result<Self, TrialError> {
        let trial = Trial {
            id: id.to_owned(),
            spec,
            extended_to_months: None,
            checkins: Vec::new(),
            calendar: Vec::new(),
            reviews: Vec::new(),
        };
        trial.validate(content, "trial")?;
        Ok(trial)
    }

    /// [`Trial::start`] for a trial started on `today`: its start date must lie within
    /// [`START_YEARS_BEFORE`] years before `today` and [`START_MONTHS_AHEAD`] months after it.
    /// A start in 1900 made every review refuse "months in management ... got 1200"; one in
    /// 2099 counted month 0 for ever.
    ///
    /// # Errors
    /// A start date outside that range, or any refusal of [`Trial::start`].
    pub fn start_on(
        id: &str,
        spec: TrialSpec,
        content: &TrialContent,
        today: NaiveDate,
    ) -> Result<Self, TrialError> {
        let earliest = today
            .checked_sub_months(chrono::Months::new(12 * START_YEARS_BEFORE))
            .unwrap_or(today);
        let latest = add_months(today, START_MONTHS_AHEAD);
        if spec.start < earliest || spec.start > latest {
            return Err(TrialError::invalid(
                Location::whole("trial"),
                format!(
                    "the trial starts on {}, outside the dates a trial in hand can have: from \
                     {earliest} ({START_YEARS_BEFORE} years ago) to {latest} \
                     ({START_MONTHS_AHEAD} months ahead)",
                    spec.start
                ),
                format!("give the day the trial began or will begin, from {earliest} to {latest}"),
            )
            .on_field("start"));
        }
        Self::start(id, spec, content)
    }

    /// Check a whole trial, e.g. one imported from JSON; `origin` names the input in errors.
    ///
    /// # Errors
    /// The first rule the record breaks.
    pub fn validate(&self, content: &TrialContent, origin: &str) -> Result<(), TrialError> {
        let here = || Location::whole(origin);
        check_id(&self.id, origin)?;
        let spec = &self.spec;
        check_months(i64::from(spec.months), content, here()).map_err(|e| e.on_field("months"))?;
        if let Some(format) = &spec.format {
            check_format(format, content, here()).map_err(|e| e.on_field("format"))?;
        }
        content.switchback.org(&spec.org)?;
        content
            .switchback
            .check_months(i64::from(spec.months_in_management_before))?;
        let criteria = spec.exit_criteria.clone().normalised(&here())?;
        if criteria != spec.exit_criteria {
            return Err(TrialError::invalid(
                here(),
                "exit criteria have surrounding blanks",
                "trim them",
            ));
        }
        if let Some(sponsor) = &spec.sponsor {
            sponsor
                .clone()
                .normalised(&here())
                .map_err(|e| e.on_field("sponsor"))?;
            let schedule = self.schedule(content);
            for c in &sponsor.checkins {
                if schedule.gate(&c.gate).is_none() {
                    return Err(unknown_gate(&c.gate, &schedule, origin));
                }
                c.validate(&content.form, origin)?;
            }
        }
        if let Some(answers) = &spec.start_answers {
            dualtrack_assess::score(&content.questionnaire, answers)?;
        }
        if let Some(extended) = self.extended_to_months {
            let max = content.plans.trial.max_months;
            if extended <= spec.months || extended > max {
                return Err(TrialError::invalid(
                    here(),
                    format!(
                        "extended to {extended} months, but a trial of {} months can only be extended once, up to {max}",
                        spec.months
                    ),
                    format!(
                        "set `extended_to_months` between {} and {max}, or remove it",
                        spec.months + 1
                    ),
                ));
            }
        }
        if self.checkins.len() > MAX_CHECKINS || self.calendar.len() > MAX_WEEK_POINTS {
            return Err(TrialError::invalid(
                here(),
                format!(
                    "{} check-ins and {} calendar weeks is more than a trial holds",
                    self.checkins.len(),
                    self.calendar.len()
                ),
                format!("keep at most {MAX_CHECKINS} check-ins and {MAX_WEEK_POINTS} weeks"),
            ));
        }
        for c in &self.checkins {
            c.validate(&content.form, origin)?;
            self.check_date(c.date, "check-in", origin)?;
        }
        if let Some(bad) = self.calendar.iter().find(|p| !p.is_plausible()) {
            return Err(TrialError::invalid(
                here(),
                format!("calendar week {} has impossible shares or hours", bad.week),
                "record calendar weeks only through `add_calendar`",
            ));
        }
        let schedule = self.schedule(content);
        for r in &self.reviews {
            if schedule.gate(&r.gate).is_none() {
                return Err(unknown_gate(&r.gate, &schedule, origin));
            }
            self.check_date(r.as_of, "review", origin)?;
            spec.exit_criteria.check_marks(&r.marks, &here())?;
            if let Some(answers) = &r.answers {
                dualtrack_assess::score(&content.questionnaire, answers)?;
            }
        }
        Ok(())
    }

    /// Months the trial runs for now: planned, or extended.
    #[must_use]
    pub fn end_months(&self) -> u32 {
        self.extended_to_months.unwrap_or(self.spec.months)
    }

    #[must_use]
    pub fn end_date(&self) -> NaiveDate {
        add_months(self.spec.start, self.end_months())
    }

    /// Whole months from the start to `as_of`.
    #[must_use]
    pub fn months_elapsed(&self, as_of: NaiveDate) -> u32 {
        months_between(self.spec.start, as_of)
    }

    #[must_use]
    pub fn schedule(&self, content: &TrialContent) -> Schedule {
        Schedule::build(self.spec.start, self.end_months(), &content.plans.trial)
    }

    /// The id of the gate whose review is due by `at` (see [`Schedule::due_gate`]).
    #[must_use]
    pub fn due_gate(&self, content: &TrialContent, at: NaiveDate) -> String {
        self.schedule(content)
            .due_gate(at)
            .map(|g| g.id.clone())
            .unwrap_or_default()
    }

    /// The last date a check-in or review may carry: the end plus a month of grace, for
    /// entries made late.
    #[must_use]
    pub fn last_entry_date(&self) -> NaiveDate {
        add_months(self.end_date(), 1)
    }

    /// A date must fall between the start and [`Trial::last_entry_date`].
    fn check_date(&self, date: NaiveDate, what: &str, origin: &str) -> Result<(), TrialError> {
        let last = self.last_entry_date();
        if date < self.spec.start || date > last {
            return Err(TrialError::invalid(
                Location::whole(origin),
                format!(
                    "{what} date {date} is outside the trial: it accepts dates from {} to {last} (its start to its end on {} plus a month for late entries)",
                    self.spec.start,
                    self.end_date()
                ),
                format!("date it between {} and {last}", self.spec.start),
            ));
        }
        Ok(())
    }

    /// Record a check-in made on `today`, the shell's date: like [`Trial::add_checkin`], and a
    /// date after today is refused, since a check-in describes a week already lived.
    ///
    /// # Errors
    /// A date after `today`, or any refusal of [`Trial::add_checkin`].
    pub fn add_checkin_on(
        &mut self,
        checkin: Checkin,
        content: &TrialContent,
        today: NaiveDate,
    ) -> Result<(), TrialError> {
        if checkin.date > today {
            return Err(TrialError::invalid(
                Location::whole("check-in"),
                format!(
                    "check-in date {} is after today ({today}): a check-in records a week already lived",
                    checkin.date
                ),
                format!("date it {today} or earlier, and check in for later weeks when they come"),
            )
            .on_field("date"));
        }
        self.add_checkin(checkin, content)
    }

    /// Record a week's check-in, kept in date order.
    ///
    /// # Errors
    /// Invalid answers, a date outside the trial, a second check-in on the same date, or too many.
    pub fn add_checkin(
        &mut self,
        checkin: Checkin,
        content: &TrialContent,
    ) -> Result<(), TrialError> {
        checkin.validate(&content.form, "check-in")?;
        self.check_date(checkin.date, "check-in", "check-in")
            .map_err(|e| e.on_field("date"))?;
        if self.checkins.iter().any(|c| c.date == checkin.date) {
            return Err(TrialError::invalid(
                Location::whole("check-in"),
                format!(
                    "there is already a check-in dated {}, and a saved check-in cannot be changed",
                    checkin.date
                ),
                "keep the one already saved, or, if these answers are for another week, date them in that week",
            )
            .on_field("date"));
        }
        if self.checkins.len() >= MAX_CHECKINS {
            return Err(TrialError::invalid(
                Location::whole("check-in"),
                format!("the trial already holds {MAX_CHECKINS} check-ins"),
                "a trial is at most a year of weekly check-ins",
            ));
        }
        let at = self.checkins.partition_point(|c| c.date < checkin.date);
        self.checkins.insert(at, checkin);
        Ok(())
    }

    /// The first and last day of the weeks a calendar upload may add: [`BASELINE_WEEKS`]
    /// before the start (the "before" picture) to the trial's end.
    #[must_use]
    pub fn calendar_range(&self) -> (NaiveDate, NaiveDate) {
        let from = self
            .spec
            .start
            .checked_sub_days(chrono::Days::new(7 * BASELINE_WEEKS))
            .unwrap_or(self.spec.start);
        (from, self.end_date())
    }

    /// Keep the weekly shares of a calendar analysis. A week uploaded again replaces the earlier
    /// figures (the later export is the fuller one); weeks more than [`BASELINE_WEEKS`] before the
    /// start or after the end are dropped. Returns how many weeks were kept.
    ///
    /// # Errors
    /// Weeks were offered and none falls within [`Trial::calendar_range`] (keeping nothing is not
    /// a success); or keeping them would exceed [`MAX_WEEK_POINTS`].
    pub fn add_calendar(&mut self, points: Vec<WeekPoint>) -> Result<usize, TrialError> {
        let (from, to) = self.calendar_range();
        if let (Some(first), Some(last)) = (
            points.iter().map(|p| p.monday).min(),
            points.iter().map(|p| p.monday).max(),
        ) && !points.iter().any(|p| p.monday >= from && p.monday <= to)
        {
            let last_day = last.checked_add_days(chrono::Days::new(6)).unwrap_or(last);
            return Err(TrialError::invalid(
                Location::whole("calendar"),
                format!(
                    "kept nothing: the calendar's {} week(s), {first} to {last_day}, all fall outside the weeks this trial keeps, {from} to {to} ({BASELINE_WEEKS} weeks before its start on {}, as the picture before, to its end)",
                    points.len(),
                    self.spec.start
                ),
                format!("analyse calendar dates between {from} and {to}"),
            ));
        }
        let mut kept = 0;
        for p in points
            .into_iter()
            .filter(|p| p.monday >= from && p.monday <= to && p.is_plausible())
        {
            self.calendar.retain(|q| q.week != p.week);
            self.calendar.push(p);
            kept += 1;
        }
        self.calendar.sort_by_key(|p| p.monday);
        if self.calendar.len() > MAX_WEEK_POINTS {
            let excess = self.calendar.len() - MAX_WEEK_POINTS;
            self.calendar.drain(..excess);
        }
        Ok(kept)
    }

    /// Record the sponsor's answers for a gate (replacing earlier answers for the same gate).
    ///
    /// # Errors
    /// No sponsor, an unknown gate, or invalid answers.
    pub fn add_sponsor_checkin(
        &mut self,
        checkin: SponsorCheckin,
        content: &TrialContent,
    ) -> Result<(), TrialError> {
        let schedule = self.schedule(content);
        if schedule.gate(&checkin.gate).is_none() {
            return Err(unknown_gate(&checkin.gate, &schedule, "sponsor check-in"));
        }
        checkin.validate(&content.form, "sponsor check-in")?;
        let Some(sponsor) = self.spec.sponsor.as_mut() else {
            return Err(TrialError::invalid(
                Location::whole("sponsor check-in"),
                "this trial has no sponsor",
                "add a sponsor (name and role) first",
            ));
        };
        sponsor.checkins.retain(|c| c.gate != checkin.gate);
        sponsor.checkins.push(checkin);
        Ok(())
    }

    /// Record (or replace) the person's input for a review.
    ///
    /// # Errors
    /// An unknown gate, a date outside the trial, too many marks, or answers the assessment
    /// refuses.
    pub fn record_review(
        &mut self,
        record: ReviewRecord,
        content: &TrialContent,
    ) -> Result<(), TrialError> {
        let schedule = self.schedule(content);
        if schedule.gate(&record.gate).is_none() {
            return Err(unknown_gate(&record.gate, &schedule, "review"));
        }
        self.check_date(record.as_of, "review", "review")?;
        self.spec
            .exit_criteria
            .check_marks(&record.marks, &Location::whole("review"))?;
        if let Some(answers) = &record.answers {
            dualtrack_assess::score(&content.questionnaire, answers)?;
        }
        self.reviews.retain(|r| r.gate != record.gate);
        self.reviews.push(record);
        Ok(())
    }

    /// Extend the trial once, to the plan's maximum (twelve months in the shipped plan).
    ///
    /// # Errors
    /// Already extended, or already planned at the maximum.
    pub fn extend_once(&mut self, content: &TrialContent) -> Result<u32, TrialError> {
        let max = content.plans.trial.max_months;
        if self.extended_to_months.is_some() {
            return Err(TrialError::invalid(
                Location::whole("extend"),
                "the trial was already extended once",
                "decide at the end date: continue or return",
            ));
        }
        if self.spec.months >= max {
            return Err(TrialError::invalid(
                Location::whole("extend"),
                format!(
                    "the trial already runs the longest length the seeds support ({max} months)"
                ),
                "decide at the end date: continue or return",
            ));
        }
        self.extended_to_months = Some(max);
        Ok(max)
    }
}

fn unknown_gate(gate: &str, schedule: &Schedule, origin: &str) -> TrialError {
    TrialError::invalid(
        Location::whole(origin),
        format!("unknown gate `{gate}`"),
        format!("use one of: {}", schedule.gate_ids()),
    )
}
