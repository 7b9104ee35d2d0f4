//! Fuzz target: any text as a switch-back model (`dualtrack switchback --model FILE`); a model
//! that loads must answer every estimate without panicking, for every organisation it lists.
#![no_main]

use dualtrack_decide::switchback::{SwitchbackInput, SwitchbackModel};
use dualtrack_decide::{Band, markdown};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let model = match SwitchbackModel::from_toml("fuzz.toml", text) {
        Ok(model) => model,
        Err(err) => {
            let _ = err.to_string();
            return;
        }
    };
    let max = model.max_months;
    for org in model.orgs.iter().take(4) {
        for months in [0, 1, max / 2, max.saturating_sub(1), max] {
            for (side_practice, strong_technical) in [(false, false), (true, true)] {
                let input = SwitchbackInput {
                    months,
                    org: org.id.clone(),
                    side_practice,
                    strong_technical,
                };
                let estimate = model
                    .estimate(&input)
                    .unwrap_or_else(|e| panic!("a loaded model refused {input:?}: {e}"));
                assert!(estimate.ramp_months.low <= estimate.ramp_months.high);
                let _ = markdown::estimate(&estimate, 2);
            }
        }
        for band in Band::ALL {
            let _ = model.longest_stint_within(band, &org.id, false);
        }
    }
    assert!(model.check_months(i64::from(max) + 1).is_err());
});
