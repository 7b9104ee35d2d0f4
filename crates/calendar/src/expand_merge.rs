//! Merging several files: one master per UID and one override per UID + RECURRENCE-ID.
//!
//! The same meeting often appears in two exports (a work and a personal calendar). The copy
//! with the higher SEQUENCE wins, then the later LAST-MODIFIED/DTSTAMP, then the first seen.

use std::collections::HashMap;

use crate::ics::event::Event;
use crate::ics::stamp::Key;
use crate::{Calendar, Warning, WarningKind};

/// Events of every input, de-duplicated and grouped.
pub(crate) struct Merged<'a> {
    /// Masters in input order, with their source name.
    pub masters: Vec<(&'a Event, &'a str)>,
    /// Overrides of masters, by UID.
    overrides: HashMap<&'a str, Vec<&'a Event>>,
    /// Overrides whose UID has no master, by UID.
    pub orphans: Vec<(String, Vec<(&'a Event, &'a str)>)>,
}

impl<'a> Merged<'a> {
    pub(crate) fn collect(calendars: &'a [Calendar], warnings: &mut Vec<Warning>) -> Merged<'a> {
        let mut masters: Vec<(&'a Event, &'a str)> = Vec::new();
        let mut master_at: HashMap<&'a str, usize> = HashMap::new();
        let mut overrides: Vec<(&'a Event, &'a str)> = Vec::new();
        let mut override_at: HashMap<(&'a str, Key), usize> = HashMap::new();
        for cal in calendars {
            for ev in &cal.events {
                let source = cal.source.as_str();
                match &ev.recurrence_id {
                    None if ev.uid.is_empty() => masters.push((ev, source)),
                    None => match master_at.get(&*ev.uid) {
                        Some(&i) => {
                            if let Some(slot) = masters.get_mut(i) {
                                keep_better(slot, (ev, source), warnings);
                            }
                        }
                        None => {
                            master_at.insert(&*ev.uid, masters.len());
                            masters.push((ev, source));
                        }
                    },
                    Some(rid) => {
                        let key = (&*ev.uid, rid.key_for(rid));
                        match override_at.get(&key) {
                            Some(&i) => {
                                if let Some(slot) = overrides.get_mut(i) {
                                    keep_better(slot, (ev, source), warnings);
                                }
                            }
                            None => {
                                override_at.insert(key, overrides.len());
                                overrides.push((ev, source));
                            }
                        }
                    }
                }
            }
        }
        let mut by_uid: HashMap<&'a str, Vec<&'a Event>> = HashMap::new();
        let mut orphans: Vec<(String, Vec<(&'a Event, &'a str)>)> = Vec::new();
        let mut orphan_at: HashMap<&'a str, usize> = HashMap::new();
        for (ev, source) in overrides {
            if !ev.uid.is_empty() && master_at.contains_key(&*ev.uid) {
                by_uid.entry(&*ev.uid).or_default().push(ev);
            } else {
                let i = *orphan_at.entry(&*ev.uid).or_insert_with(|| {
                    orphans.push((ev.uid.to_string(), Vec::new()));
                    orphans.len() - 1
                });
                if let Some((_, list)) = orphans.get_mut(i) {
                    list.push((ev, source));
                }
            }
        }
        Merged {
            masters,
            overrides: by_uid,
            orphans,
        }
    }

    pub(crate) fn overrides_of(&self, master: &Event) -> Vec<&'a Event> {
        if master.uid.is_empty() {
            return Vec::new();
        }
        self.overrides
            .get(&*master.uid)
            .cloned()
            .unwrap_or_default()
    }
}

/// Keep the better of two copies in `slot`, and say that one was dropped.
fn keep_better<'a>(
    slot: &mut (&'a Event, &'a str),
    other: (&'a Event, &'a str),
    warnings: &mut Vec<Warning>,
) {
    let (kept, dropped) =
        if (other.0.sequence, other.0.modified) > (slot.0.sequence, slot.0.modified) {
            (other, *slot)
        } else {
            (*slot, other)
        };
    *slot = kept;
    let what = if dropped.0.recurrence_id.is_some() {
        "changed instance"
    } else {
        "event"
    };
    warnings.push(Warning {
        kind: WarningKind::Duplicate,
        source: dropped.1.to_string(),
        line: dropped.0.line,
        uid: Some(dropped.0.uid.to_string()),
        message: format!(
            "the same {what} (UID {}) also appears at {}:{}; that copy is used, this one ignored",
            crate::quote::excerpt(&dropped.0.uid),
            kept.1,
            kept.0.line
        ),
    });
}
