//! One test per kind of validation error: the message, the line and the column.

use dualtrack_framework::{Diagnostic, DiagnosticKind, Framework, FrameworkError, Ladder};

/// A valid two-track ladder; tests splice mistakes into it. Line numbers below are stable.
const BASE: &str = r#"id = "acme"
name = "Acme"

[[tracks]]
id = "ic"
name = "IC"

[[tracks.rungs]]
id = "eng"
title = "Engineer"
scope = "team"

[[tracks.rungs]]
id = "staff"
title = "Staff Engineer"
scope = "multi-team"

[[tracks]]
id = "management"
name = "Management"

[[tracks.rungs]]
id = "em"
title = "Engineering Manager"
scope = "team"
reports = { low = 4, high = 8 }

[[equivalences]]
ic = "staff"
management = "em"
"#;

fn errors(text: &str) -> Vec<Diagnostic> {
    match Ladder::from_toml("acme.toml", &crate::sourced(text)) {
        Ok(_) => panic!("expected errors, the ladder loaded"),
        Err(FrameworkError::Invalid(all)) => crate::unsourced(text, all),
    }
}

fn only(text: &str) -> Diagnostic {
    let all = errors(text);
    assert_eq!(all.len(), 1, "{all:#?}");
    all.into_iter().next().unwrap()
}

#[test]
fn the_base_ladder_is_valid() {
    let l = Ladder::from_toml("acme.toml", &crate::sourced(BASE)).unwrap();
    assert_eq!(l.tracks.len(), 2);
}

#[test]
fn unknown_rung_in_an_equivalence() {
    let text = BASE.replace("ic = \"staff\"", "ic = \"stafff\"");
    let d = only(&text);
    assert_eq!(d.kind, DiagnosticKind::UnknownRung);
    assert_eq!(d.message, "equivalence names unknown rung `stafff`");
    assert_eq!(d.fix, "use an IC rung id: eng, staff");
    assert_eq!((d.line, d.column), (29, 1));
    assert_eq!(
        d.to_string(),
        "acme.toml:29:1: equivalence names unknown rung `stafff` (use an IC rung id: eng, staff)"
    );
}

#[test]
fn an_equivalence_with_the_tracks_swapped() {
    let text = BASE.replace("management = \"em\"", "management = \"eng\"");
    let d = only(&text);
    assert_eq!(d.kind, DiagnosticKind::UnknownRung);
    assert!(
        d.message
            .contains("on the ic track, not the management track"),
        "{}",
        d.message
    );
    assert_eq!((d.line, d.column), (30, 1));
}

#[test]
fn duplicate_rung_ids() {
    let text = BASE.replace("id = \"staff\"\ntitle", "id = \"eng\"\ntitle");
    let all = errors(&text);
    let d = all
        .iter()
        .find(|d| d.kind == DiagnosticKind::DuplicateId)
        .unwrap();
    assert_eq!(
        d.message,
        "rung id `eng` is used twice (first on track `ic`, rung 1)"
    );
    assert_eq!((d.line, d.column), (14, 1));
    // The equivalence now points at a rung that no longer exists: reported too.
    assert!(
        all.iter()
            .any(|d| d.kind == DiagnosticKind::UnknownRung && d.line == 29)
    );
}

#[test]
fn duplicate_tracks() {
    let text = BASE.replace("id = \"management\"\nname", "id = \"ic\"\nname");
    let all = errors(&text);
    let d = all
        .iter()
        .find(|d| d.kind == DiagnosticKind::DuplicateId)
        .unwrap();
    assert_eq!(d.message, "track `ic` appears twice (first as track 1)");
    assert_eq!((d.line, d.column), (19, 1));
}

#[test]
fn a_range_out_of_order() {
    let text = BASE.replace("low = 4, high = 8", "low = 9, high = 8");
    let d = only(&text);
    assert_eq!(d.kind, DiagnosticKind::RangeOrder);
    assert_eq!(
        d.message,
        "the reports range is out of order: low 9 is above high 8"
    );
    assert_eq!(d.fix, "swap `low` and `high`");
    assert_eq!((d.line, d.column), (26, 11));
}

#[test]
fn a_track_with_no_rungs() {
    let text = BASE.replace(
        "[[tracks.rungs]]\nid = \"em\"\ntitle = \"Engineering Manager\"\nscope = \"team\"\nreports = { low = 4, high = 8 }\n",
        "",
    );
    let all = errors(&text);
    let d = all
        .iter()
        .find(|d| d.kind == DiagnosticKind::EmptyTrack)
        .unwrap();
    assert_eq!(d.message, "track `management` has no rungs");
    assert_eq!(d.line, 18);
}

#[test]
fn all_errors_are_reported_not_only_the_first() {
    let text = BASE
        .replace("low = 4, high = 8", "low = 9, high = 8")
        .replace("ic = \"staff\"", "ic = \"nobody\"")
        .replace("id = \"staff\"\ntitle", "id = \"eng\"\ntitle");
    let all = errors(&text);
    let lines: Vec<usize> = all.iter().map(|d| d.line).collect();
    assert_eq!(lines, [14, 26, 29], "{all:#?}");
}

#[test]
fn a_syntax_error_is_located() {
    let text = BASE.replace("scope = \"multi-team\"", "scope = \"multi-team");
    let all = errors(&text);
    assert_eq!(all[0].kind, DiagnosticKind::Syntax);
    assert_eq!(all[0].line, 16);
}

#[test]
fn an_unknown_field_is_located_and_named() {
    let text = BASE.replace("scope = \"multi-team\"", "scope = \"multi-team\"\nscop = 1");
    let d = only(&text);
    assert_eq!(d.kind, DiagnosticKind::Shape);
    assert!(
        d.message.starts_with("unknown field `scop`"),
        "{}",
        d.message
    );
    assert_eq!((d.line, d.column), (17, 1));
    // The engine speaks to both shells: no CLI command, no repository path (regression: the web
    // audit page showed "`dualtrack ladder schema` lists every field").
    assert!(d.fix.contains("the fields allowed here"), "{}", d.fix);
    assert!(
        !d.fix.contains("dualtrack") && !d.fix.contains(".md"),
        "{}",
        d.fix
    );
}

#[test]
fn an_unknown_scope_lists_the_allowed_ones() {
    let text = BASE.replace("scope = \"multi-team\"", "scope = \"galaxy\"");
    let d = only(&text);
    assert!(
        d.message.contains("unknown variant `galaxy`"),
        "{}",
        d.message
    );
    assert!(d.message.contains("multi-team"), "{}", d.message);
    assert_eq!((d.line, d.column), (16, 9));
}

#[test]
fn maps_to_must_name_a_reference_rung_on_the_same_track() {
    let fw = Framework::embedded().unwrap();
    let text = BASE.replace(
        "scope = \"multi-team\"",
        "scope = \"multi-team\"\nmaps_to = \"manager\"",
    );
    let err = fw
        .load_ladder("acme.toml", &crate::sourced(&text))
        .unwrap_err();
    let d = &crate::unsourced(&text, err.diagnostics().to_vec())[0];
    assert_eq!(d.kind, DiagnosticKind::UnknownRung);
    assert_eq!(
        d.message,
        "`maps_to` names `manager`, which is not a rung of the reference IC track (it is on the reference management track)"
    );
    assert_eq!((d.line, d.column), (17, 1));
}

#[test]
fn a_maps_to_range_must_run_upwards() {
    let fw = Framework::embedded().unwrap();
    let text = BASE.replace(
        "scope = \"multi-team\"",
        "scope = \"multi-team\"\nmaps_to = [\"principal_engineer\", \"staff_engineer\"]",
    );
    let err = fw
        .load_ladder("acme.toml", &crate::sourced(&text))
        .unwrap_err();
    let d = &crate::unsourced(&text, err.diagnostics().to_vec())[0];
    assert_eq!(d.kind, DiagnosticKind::RangeOrder);
    assert!(
        d.fix
            .contains("[\"staff_engineer\", \"principal_engineer\"]"),
        "{}",
        d.fix
    );
    assert_eq!(d.line, 17);
}

#[test]
fn pay_bands_must_be_ordered() {
    let text = BASE.replace(
        "scope = \"multi-team\"",
        "scope = \"multi-team\"\npay = { low = 200, high = 100, currency = \"USD\" }",
    );
    let d = only(&text);
    assert_eq!(d.kind, DiagnosticKind::RangeOrder);
    assert_eq!((d.line, d.column), (17, 7));
}

mod framework_files {
    use super::*;
    use dualtrack_framework::{FrameworkSources, SourceFile};

    const LEADERSHIP: &str = include_str!("../../../../data/leadership.toml");
    const COMPARISON: &str = include_str!("../../../../data/comparison.toml");

    fn leadership_errors(text: &str) -> Vec<Diagnostic> {
        let sources = FrameworkSources {
            leadership: Some(SourceFile::new("leadership.toml", text)),
            ..FrameworkSources::default()
        };
        Framework::from_sources(&sources)
            .unwrap_err()
            .diagnostics()
            .to_vec()
    }

    fn line_of(text: &str, needle: &str, nth: usize) -> usize {
        let at = text.match_indices(needle).nth(nth).unwrap().0;
        text[..at].matches('\n').count() + 1
    }

    #[test]
    fn a_percentage_above_100() {
        let text = LEADERSHIP.replacen("low = 70\nhigh = 90", "low = 70\nhigh = 190", 1);
        let all = leadership_errors(&text);
        let d = all
            .iter()
            .find(|d| d.message.starts_with("`high`"))
            .unwrap();
        assert_eq!(d.kind, DiagnosticKind::Percentage);
        assert_eq!(d.message, "`high` is 190%, outside 0-100");
        assert_eq!((d.line, d.column), (line_of(&text, "high = 190", 0), 1));
    }

    #[test]
    fn a_negative_percentage() {
        let text = LEADERSHIP.replacen("low = 10\nhigh = 30", "low = -10\nhigh = 30", 1);
        let all = leadership_errors(&text);
        let d = all
            .iter()
            .find(|d| d.kind == DiagnosticKind::Percentage)
            .unwrap();
        assert_eq!(d.message, "`low` is -10%, outside 0-100");
        assert_eq!(d.line, line_of(&text, "low = -10", 0));
    }

    #[test]
    fn a_time_allocation_out_of_order() {
        let text = LEADERSHIP.replacen("low = 25\nhigh = 35", "low = 35\nhigh = 25", 1);
        let d = &leadership_errors(&text)[0];
        assert_eq!(d.kind, DiagnosticKind::RangeOrder);
        assert_eq!(
            d.message,
            "the people range is out of order: low 35 is above high 25"
        );
        assert_eq!(d.line, line_of(&text, "low = 35", 0));
    }

    #[test]
    fn a_missing_activity() {
        let text = LEADERSHIP.replacen(
            "[[levels.time_allocation]]\nactivity = \"external\"\nlow = 0\nhigh = 5\n",
            "",
            1,
        );
        let d = &leadership_errors(&text)[0];
        assert_eq!(d.kind, DiagnosticKind::Missing);
        assert_eq!(d.message, "level `ic` has no time allocation for: external");
    }

    #[test]
    fn a_transition_to_an_unknown_level() {
        let text = LEADERSHIP.replacen("to = \"vp\"", "to = \"emperor\"", 1);
        let d = &leadership_errors(&text)[0];
        assert_eq!(d.kind, DiagnosticKind::UnknownReference);
        assert_eq!(
            d.message,
            "transition `director_to_vp` names unknown level `emperor`"
        );
        assert_eq!(
            (d.line, d.column),
            (line_of(&text, "to = \"emperor\"", 0), 1)
        );
    }

    #[test]
    fn an_accelerator_for_an_unknown_transition() {
        let text = LEADERSHIP.replacen("director_to_vp = \"A VP", "director_to_ceo = \"A VP", 1);
        let d = &leadership_errors(&text)[0];
        assert_eq!(d.kind, DiagnosticKind::UnknownReference);
        assert_eq!(d.line, line_of(&text, "director_to_ceo", 0));
    }

    #[test]
    fn duplicate_level_ids() {
        let text = LEADERSHIP.replacen("id = \"vp\"", "id = \"director\"", 1);
        let all = leadership_errors(&text);
        let d = all
            .iter()
            .find(|d| d.kind == DiagnosticKind::DuplicateId)
            .unwrap();
        assert_eq!(d.message, "level id `director` is used twice");
        assert_eq!(d.line, line_of(&text, "id = \"director\"", 1));
    }

    #[test]
    fn calendar_shares_must_add_up_to_100() {
        let text = COMPARISON.replacen("focus = 40", "focus = 50", 1);
        let sources = FrameworkSources {
            comparison: Some(SourceFile::new("comparison.toml", &text)),
            ..FrameworkSources::default()
        };
        let err = Framework::from_sources(&sources).unwrap_err();
        let d = &err.diagnostics()[0];
        assert_eq!(d.kind, DiagnosticKind::Percentage);
        assert_eq!(d.message, "the ic shares add up to 110%, not 100%");
        assert_eq!(d.source, "comparison.toml");
    }

    #[test]
    fn a_rung_naming_an_unknown_leadership_level() {
        let text = BASE.replace(
            "scope = \"multi-team\"",
            "scope = \"multi-team\"\nleadership_level = \"wizard\"",
        );
        let err = Framework::embedded()
            .unwrap()
            .load_ladder("acme.toml", &crate::sourced(&text))
            .unwrap_err();
        let d = &crate::unsourced(&text, err.diagnostics().to_vec())[0];
        assert_eq!(d.kind, DiagnosticKind::UnknownReference);
        assert_eq!(d.fix, "use one of: ic, manager, director, vp");
        assert_eq!((d.line, d.column), (17, 1));
    }
}

/// Guards the documentation's own example, which the loader refused: it wrote the ladder's
/// origin as `source = "…"`, a name provenance had taken.
#[test]
fn the_documented_example_ladder_loads() {
    let example = dualtrack_framework::example_ladder();
    assert!(
        example.contains("[[tracks.rungs]]"),
        "the example was not found: {example:?}"
    );
    let framework = Framework::embedded().unwrap();
    let ladder = framework
        .load_ladder("docs/ladder-format.md", example)
        .unwrap_or_else(|err| panic!("the documented example does not load: {err}"));
    assert_eq!(
        ladder.origin.as_deref(),
        Some("HR wiki, Engineering levels page")
    );
}

/// Guards a double count: `maps_to = "nope"` is the range nope..nope, and each end was
/// reported, so one mistake printed twice and counted as two problems.
#[test]
fn one_unknown_maps_to_is_one_problem() {
    let text = BASE.replace(
        "id = \"eng\"\ntitle = \"Engineer\"\nscope = \"team\"",
        "id = \"eng\"\ntitle = \"Engineer\"\nscope = \"team\"\nmaps_to = \"nope\"",
    );
    let framework = Framework::embedded().unwrap();
    let Err(FrameworkError::Invalid(all)) = framework.load_ladder("acme.toml", &text) else {
        panic!("the unknown maps_to was accepted");
    };
    assert_eq!(all.len(), 1, "{all:#?}");
    assert_eq!(
        all[0].message,
        "`maps_to` names `nope`, which is not a rung of the reference IC track"
    );
    assert!(
        all[0].fix.starts_with("use an IC rung id: engineer, "),
        "{}",
        all[0].fix
    );
}
