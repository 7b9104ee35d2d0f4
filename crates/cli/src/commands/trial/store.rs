//! Where the CLI keeps trials: the `assess --save` database, owned by a local profile.

use anyhow::{Context as _, bail};
use chrono::Utc;
use dualtrack_board::{NewTrialRecord, StoreError, StoredTrial, TrialOwner};
use dualtrack_trial::{Trial, TrialContent, TrialSpec, export_json, import_json};

use crate::database::with_store;

/// Which database, profile and trial a command works on.
#[derive(Debug, Clone, clap::Args)]
pub struct Place {
    /// Database: sqlite://PATH or postgres://USER@HOST/DB.
    /// Defaults to dualtrack.sqlite in the data directory (the one `assess --save` uses).
    #[arg(
        long,
        env = "DUALTRACK_DATABASE_URL",
        value_name = "URL",
        global = true
    )]
    pub database_url: Option<String>,
    /// Local profile owning the trials.
    #[arg(
        long,
        env = "DUALTRACK_PROFILE",
        default_value = "default",
        global = true
    )]
    pub profile: String,
    /// Which trial (see `dualtrack trial list`); the newest one when left out.
    #[arg(long, value_name = "ID", global = true)]
    pub trial: Option<String>,
}

impl Place {
    fn owner(&self) -> TrialOwner {
        TrialOwner::Local(self.profile.clone())
    }
}

fn record(place: &Place, trial: &Trial) -> anyhow::Result<NewTrialRecord> {
    Ok(NewTrialRecord {
        id: trial.id.clone(),
        owner: place.owner(),
        kind: trial.spec.kind.id().to_owned(),
        start: trial.spec.start,
        months: trial.end_months(),
        document: serde_json::from_str(&export_json(trial))?,
        now: Utc::now(),
    })
}

/// Start and store a trial under a new id.
pub fn create(place: &Place, spec: TrialSpec, content: &TrialContent) -> anyhow::Result<Trial> {
    let base = format!("trial-{}", Utc::now().format("%Y%m%d%H%M%S%3f"));
    with_store(place.database_url.as_deref(), "trials", async |store| {
        for attempt in 0..5 {
            let id = if attempt == 0 {
                base.clone()
            } else {
                format!("{base}-{attempt}")
            };
            let trial = Trial::start_on(&id, spec.clone(), content, crate::clock::today())?;
            match store.create_trial(&record(place, &trial)?).await {
                Ok(_) => return Ok(trial),
                Err(StoreError::Conflict(_)) => {}
                Err(e) => return Err(anyhow::Error::new(e).context("cannot save the trial")),
            }
        }
        bail!("cannot find a free id for the trial; try again")
    })
}

/// Store a trial under its own id (an import).
pub fn insert(place: &Place, trial: &Trial) -> anyhow::Result<()> {
    with_store(
        place.database_url.as_deref(),
        "trials",
        async |store| match store.create_trial(&record(place, trial)?).await {
            Ok(_) => Ok(()),
            Err(StoreError::Conflict(_)) => bail!(
                "trial {} is already in this database; delete it first to replace it",
                trial.id
            ),
            Err(e) => Err(anyhow::Error::new(e).context("cannot save the trial")),
        },
    )
}

/// Read a stored trial back through the engine's import, which checks every rule.
pub fn import(stored: &StoredTrial, content: &TrialContent) -> anyhow::Result<Trial> {
    let origin = format!("stored trial {}", stored.id);
    Ok(import_json(&origin, &stored.document.to_string(), content)?)
}

/// The chosen trial (or the profile's newest) and its engine value.
pub fn load(place: &Place, content: &TrialContent) -> anyhow::Result<(StoredTrial, Trial)> {
    let owner = place.owner();
    let stored = with_store(
        place.database_url.as_deref(),
        "trials",
        async |store| match &place.trial {
            Some(id) => store.trial(&owner, id).await?.ok_or_else(|| {
                anyhow::anyhow!(
                    "profile `{}` has no trial `{id}`; see `dualtrack trial list`",
                    place.profile
                )
            }),
            None => store
                .list_trials(&owner)
                .await?
                .into_iter()
                .next()
                .ok_or_else(|| {
                    anyhow::anyhow!(
                        "profile `{}` has no trial yet; start one with `dualtrack trial start`",
                        place.profile
                    )
                }),
        },
    )?;
    let trial = import(&stored, content)?;
    Ok((stored, trial))
}

/// Write the trial's new state over the stored one.
pub fn save(place: &Place, stored: &StoredTrial, trial: &Trial) -> anyhow::Result<()> {
    let mut update = record(place, trial)?;
    update.id.clone_from(&stored.id);
    with_store(place.database_url.as_deref(), "trials", async |store| {
        store
            .update_trial(&update)
            .await
            .context("cannot save the trial")?;
        Ok(())
    })
}

pub fn delete(place: &Place, stored: &StoredTrial) -> anyhow::Result<()> {
    let owner = place.owner();
    with_store(place.database_url.as_deref(), "trials", async |store| {
        if !store.delete_trial(&owner, &stored.id).await? {
            bail!("trial {} was already gone", stored.id);
        }
        Ok(())
    })
}

pub fn list(place: &Place) -> anyhow::Result<Vec<StoredTrial>> {
    let owner = place.owner();
    with_store(place.database_url.as_deref(), "trials", async |store| {
        Ok(store.list_trials(&owner).await?)
    })
}
