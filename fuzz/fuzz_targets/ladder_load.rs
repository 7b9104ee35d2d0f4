//! Fuzz target: any text as a user's company ladder file, through the loader every shell uses
//! (`Framework::load_ladder`), then everything a valid ladder feeds: the audit, the show view,
//! and (as a company of a framework assembled from sources) title mapping and equivalents.
//! Must never panic; a rejected file must still render its diagnostics.
#![no_main]

use std::sync::OnceLock;

use dualtrack_framework::{Framework, FrameworkSources, SourceFile};
use libfuzzer_sys::fuzz_target;

fn embedded() -> Option<&'static Framework> {
    static FW: OnceLock<Option<Framework>> = OnceLock::new();
    FW.get_or_init(|| Framework::embedded().ok()).as_ref()
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Some(fw) = embedded() else {
        return;
    };
    let ladder = match fw.load_ladder("fuzz.toml", text) {
        Ok(ladder) => ladder,
        Err(err) => {
            assert!(!err.diagnostics().is_empty(), "an error with no diagnostic");
            for d in err.diagnostics() {
                assert!(d.line >= 1 && d.column >= 1, "{d}");
                let _ = d.to_string();
            }
            let _ = err.to_string();
            return;
        }
    };
    let _ = fw.audit(&ladder);
    let _ = serde_json::to_string(&ladder.view());

    // The same file as a company ladder (`--framework DIR` with companies/FILE).
    let sources = FrameworkSources {
        companies: Some(vec![SourceFile::new("fuzz.toml", text)]),
        ..FrameworkSources::default()
    };
    let Ok(with_company) = Framework::from_sources(&sources) else {
        return;
    };
    let id = ladder.id.as_str();
    for (_, rung) in ladder.rungs().take(16) {
        let _ = with_company.map_title(&rung.title, id, "reference");
        let _ = with_company.equivalent(&rung.id, Some(id));
    }
    for (_, rung) in fw.ladder().rungs() {
        let _ = with_company.map_title(&rung.title, "reference", id);
    }
});
