//! Fuzz target: any text as an outlook file (`dualtrack outlook --file FILE`) or a plans file
//! (`dualtrack plan --plans FILE`); what loads must render. Must never panic.
#![no_main]

use std::sync::OnceLock;

use dualtrack_decide::plans::{Plan, PlanKind, Plans, TrialContext};
use dualtrack_decide::{Outlook, SwitchbackModel, Track, markdown};
use dualtrack_framework::Framework;
use libfuzzer_sys::fuzz_target;

fn built_in() -> Option<&'static (Framework, SwitchbackModel)> {
    static BUILT_IN: OnceLock<Option<(Framework, SwitchbackModel)>> = OnceLock::new();
    BUILT_IN
        .get_or_init(|| {
            Some((
                Framework::embedded().ok()?,
                SwitchbackModel::embedded().ok()?,
            ))
        })
        .as_ref()
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match Outlook::from_toml("fuzz.toml", text) {
        Ok(outlook) => {
            assert_eq!(outlook.tracks.len(), 2);
            let _ = markdown::outlook(&outlook, 2);
            let _ = markdown::outlook(&outlook.only(Track::Management), 2);
        }
        Err(err) => {
            let _ = err.to_string();
        }
    }
    let Some((framework, model)) = built_in() else {
        return;
    };
    match Plans::from_toml("fuzz.toml", text) {
        Ok(plans) => {
            for kind in PlanKind::ALL {
                let at = TrialContext {
                    org: "startup",
                    side_practice: true,
                };
                if let Ok(plan) = Plan::build(kind, framework.leadership(), &plans, model, Some(at))
                {
                    let _ = markdown::plan(&plan, 2);
                }
            }
        }
        Err(err) => {
            let _ = err.to_string();
        }
    }
});
