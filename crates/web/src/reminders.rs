//! Weekly trial reminders by mail, sent by a background task of `dualtrack serve`.
//!
//! Which reminder is due is the trial engine's pure [`dualtrack_trial::Trial::due_reminder`];
//! this module only walks the account-owned trials, records each reminder in the store before
//! sending it (the record is unique per trial and date, so no reminder goes out twice, even
//! with several server processes), and hands it to the mailer: SMTP when configured, the local
//! outbox otherwise. A send that fails is logged and not retried. A person can turn the
//! reminders of a trial off on its page; the store then leaves it out of the walk.

use std::time::Duration;

use chrono::{DateTime, Utc};
use dualtrack_trial::Reminder;

use crate::error::AppError;
use crate::mail::Mailer;
use crate::state::AppState;
use crate::trials;

/// How often the task looks for due reminders.
pub const EVERY: Duration = Duration::from_secs(60 * 60);

/// Trials read per store call while walking them.
const PAGE: u32 = 200;

/// The message for one reminder.
pub fn message(state: &AppState, id: &str, kind: &str, reminder: &Reminder) -> (String, String) {
    let subject = if reminder.reviews.is_empty() {
        "Your weekly trial check-in".to_owned()
    } else {
        "Your weekly trial check-in, and a review this week".to_owned()
    };
    let mut body = format!(
        "Your trial ({kind}) asks for this week's check-in, due {}. It takes a minute:\n\n{}/trial/{id}#checkin\n",
        reminder.due,
        state.public_url()
    );
    for gate in &reminder.reviews {
        body.push_str(&format!(
            "\nThis week also has a review: {} on {}. Read it at {}/trial/{id}/review?gate={}&at={}\n",
            gate.title,
            gate.date,
            state.public_url(),
            gate.id,
            gate.date
        ));
    }
    body.push_str(
        "\nYou get this mail because you started a trial on dualtrack. To stop these reminders, \
         press \"Stop the reminder emails\" on the trial's page.\n",
    );
    (subject, body)
}

/// Send every reminder due at `now` that was not sent before; returns how many went out.
///
/// # Errors
/// Store errors while walking the trials. A failed send is logged and its record released, so
/// the next sweep tries again while the reminder is still due.
pub async fn send_due(state: &AppState, now: DateTime<Utc>) -> Result<usize, AppError> {
    if matches!(state.mailer(), Mailer::Disabled) {
        return Ok(0);
    }
    let content = trials::content()?;
    let mut sent = 0;
    let mut after: Option<String> = None;
    loop {
        let page = state
            .store()
            .reminder_trials_after(after.as_deref(), PAGE)
            .await?;
        let Some(last) = page.last() else { break };
        after = Some(last.id.clone());
        for stored in &page {
            let Some(account_id) = stored.owner.account_id() else {
                continue;
            };
            let Ok(trial) = trials::import(stored) else {
                tracing::warn!(trial = %stored.id, "a stored trial does not load; no reminder");
                continue;
            };
            let Some(reminder) = trial.due_reminder(content, now) else {
                continue;
            };
            let Some(account) = state.store().account(account_id).await? else {
                continue;
            };
            if !state
                .store()
                .record_trial_reminder(&trial.id, reminder.due, now)
                .await?
            {
                continue;
            }
            let (subject, body) = message(state, &trial.id, trial.spec.kind.label(), &reminder);
            match state.mailer().send(&account.email, &subject, &body).await {
                Ok(()) => sent += 1,
                Err(err) => {
                    tracing::warn!(trial = %trial.id, error = %err, "a trial reminder was not sent; the next sweep tries again");
                    state
                        .store()
                        .release_trial_reminder(&trial.id, reminder.due)
                        .await?;
                }
            }
        }
        if page.len() < PAGE as usize {
            break;
        }
    }
    Ok(sent)
}

/// The background task: look for due reminders every [`EVERY`], for ever.
pub async fn run(state: AppState) {
    let mut every = tokio::time::interval(EVERY);
    loop {
        every.tick().await;
        match send_due(&state, state.now()).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(reminders = n, "sent trial reminders"),
            Err(err) => tracing::warn!(error = %err, "could not send trial reminders"),
        }
    }
}
