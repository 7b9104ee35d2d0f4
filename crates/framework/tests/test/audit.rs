//! Every audit code fires on a ladder built to show it, and none on the mature example.

use dualtrack_framework::{Finding, FindingCode, Framework, Ladder, Severity};

fn audit(text: &str) -> Vec<Finding> {
    let fw = Framework::embedded().unwrap();
    let ladder = fw
        .load_ladder("t.toml", &crate::sourced(text))
        .unwrap_or_else(|e| panic!("{e}"));
    fw.audit(&ladder)
}

fn codes(text: &str) -> Vec<FindingCode> {
    audit(text).iter().map(|f| f.code).collect()
}

/// A healthy ladder in reference ids; each test breaks one thing.
fn healthy() -> String {
    r#"id = "t"
name = "T"

[[tracks]]
id = "ic"
name = "IC"
[[tracks.rungs]]
id = "senior_engineer"
title = "Senior Engineer"
scope = "team"
[[tracks.rungs]]
id = "staff_engineer"
title = "Staff Engineer"
scope = "multi-team"
pay = { low = 200, high = 220, currency = "USD" }
authority = { decision_rights = ["architecture"] }
[[tracks.rungs]]
id = "principal_engineer"
title = "Principal Engineer"
scope = "org"

[[tracks]]
id = "management"
name = "M"
[[tracks.rungs]]
id = "tech_lead"
title = "Tech Lead"
scope = "team"
reports = { low = 0, high = 3 }
[[tracks.rungs]]
id = "manager"
title = "Manager"
scope = "team"
reports = { low = 4, high = 8 }
pay = { low = 205, high = 225, currency = "USD" }
authority = { budget = true, headcount = true }
[[tracks.rungs]]
id = "director"
title = "Director"
scope = "org"

[[equivalences]]
ic = "staff_engineer"
management = "manager"
[[equivalences]]
ic = "principal_engineer"
management = "director"
"#
    .to_owned()
}

#[test]
fn the_healthy_ladder_has_no_findings() {
    assert_eq!(audit(&healthy()), Vec::new());
}

#[test]
fn the_mature_example_has_no_findings() {
    let fw = Framework::embedded().unwrap();
    assert_eq!(fw.audit(fw.company("quanta").unwrap()), Vec::new());
}

#[test]
fn missing_track() {
    let text = healthy();
    let cut = text.find("[[tracks]]\nid = \"management\"").unwrap();
    let text = text[..cut].to_owned();
    let f = audit(&text);
    assert_eq!(f[0].code, FindingCode::MissingTrack);
    assert_eq!(f[0].severity, Severity::Error);
}

#[test]
fn ic_ends_at_senior() {
    let text = healthy()
        .replace(
            "[[tracks.rungs]]\nid = \"principal_engineer\"\ntitle = \"Principal Engineer\"\nscope = \"org\"\n",
            "",
        )
        .replace(
            "[[tracks.rungs]]\nid = \"staff_engineer\"\ntitle = \"Staff Engineer\"\nscope = \"multi-team\"\n",
            "[[tracks.rungs]]\nid = \"lead\"\ntitle = \"Lead Engineer\"\nscope = \"team\"\n",
        )
        .replace("ic = \"staff_engineer\"", "ic = \"lead\"")
        .replace("[[equivalences]]\nic = \"principal_engineer\"\nmanagement = \"director\"\n", "");
    let f = audit(&text);
    let hit = f
        .iter()
        .find(|f| f.code == FindingCode::IcEndsAtSenior)
        .unwrap();
    assert_eq!(hit.severity, Severity::Error);
    assert_eq!(hit.rungs, ["lead"]);
    assert!(hit.message.contains("`Lead Engineer`"), "{}", hit.message);
}

#[test]
fn ic_ends_at_staff() {
    let text = healthy()
        .replace(
            "[[tracks.rungs]]\nid = \"principal_engineer\"\ntitle = \"Principal Engineer\"\nscope = \"org\"\n",
            "",
        )
        .replace("[[equivalences]]\nic = \"principal_engineer\"\nmanagement = \"director\"\n", "");
    let f = audit(&text);
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].code, FindingCode::IcEndsAtStaff);
    assert_eq!(f[0].severity, Severity::Warning);
    assert_eq!(f[0].rungs, ["staff_engineer"]);
}

#[test]
fn no_equivalence_for_a_senior_ic_rung() {
    let text = healthy().replace(
        "[[equivalences]]\nic = \"principal_engineer\"\nmanagement = \"director\"\n",
        "",
    );
    assert_eq!(codes(&text), [FindingCode::NoEquivalence]);
    assert_eq!(audit(&text)[0].rungs, ["principal_engineer"]);
}

#[test]
fn no_equivalence_at_all() {
    let cut = healthy().find("[[equivalences]]").unwrap();
    let text = healthy()[..cut].to_owned();
    let f = audit(&text);
    assert_eq!(codes(&text), [FindingCode::NoEquivalence]);
    assert_eq!(f[0].rungs, ["staff_engineer", "principal_engineer"]);
}

#[test]
fn unequal_pay_at_equivalent_rungs() {
    // Midpoints 210 and 232: 10.5% apart.
    let text = healthy().replace("low = 205, high = 225", "low = 220, high = 244");
    let f = audit(&text);
    assert_eq!(codes(&text), [FindingCode::UnequalPayAtEquivalentRungs]);
    assert_eq!(f[0].rungs, ["staff_engineer", "manager"]);
    assert!(
        f[0].message.contains("`Manager` pays 10% more"),
        "{}",
        f[0].message
    );
    // 10% exactly is within tolerance: midpoints 210 and 231.
    let text = healthy().replace("low = 205, high = 225", "low = 220, high = 242");
    assert_eq!(codes(&text), []);
    // Different currencies are not compared.
    let text = healthy().replace(
        "low = 205, high = 225, currency = \"USD\"",
        "low = 900, high = 999, currency = \"EUR\"",
    );
    assert_eq!(codes(&text), []);
}

#[test]
fn architect_without_authority() {
    let text = healthy().replace(
        "title = \"Principal Engineer\"\nscope = \"org\"",
        "title = \"Chief Architect\"\nscope = \"org\"\nauthority = { decision_rights = [] }",
    );
    let f = audit(&text);
    assert_eq!(codes(&text), [FindingCode::ArchitectWithoutAuthority]);
    assert_eq!(f[0].severity, Severity::Warning);
    // With no authority recorded at all the audit can only ask.
    let text = healthy().replace(
        "title = \"Principal Engineer\"",
        "title = \"Chief Architect\"",
    );
    let f = audit(&text);
    assert_eq!(f[0].code, FindingCode::ArchitectWithoutAuthority);
    assert_eq!(f[0].severity, Severity::Info);
}

#[test]
fn authority_only_in_management() {
    let text = healthy().replace("authority = { decision_rights = [\"architecture\"] }\n", "");
    let f = audit(&text);
    assert_eq!(codes(&text), [FindingCode::AuthorityOnlyInManagement]);
    assert_eq!(f[0].rungs, ["staff_engineer", "principal_engineer"]);
}

#[test]
fn span_outside_range() {
    let text = healthy()
        .replace(
            "reports = { low = 0, high = 3 }",
            "reports = { low = 2, high = 5 }",
        )
        .replace(
            "reports = { low = 4, high = 8 }",
            "reports = { low = 6, high = 12 }",
        );
    let f = audit(&text);
    assert_eq!(
        codes(&text),
        [FindingCode::SpanOutsideRange, FindingCode::SpanOutsideRange]
    );
    // The tech lead's 2-5 is a warning; the manager's 6-12 is within 003's team size, so only
    // worth a look (severity info), and findings come most severe first.
    let rungs: Vec<&str> = f.iter().map(|f| f.rungs[0].as_str()).collect();
    assert_eq!(rungs, ["tech_lead", "manager"]);
    assert!(f[0].message.contains("outside the 0-3"), "{}", f[0].message);
    // Too few reports for a manager is outside the range too.
    let text = healthy().replace(
        "reports = { low = 4, high = 8 }",
        "reports = { low = 1, high = 3 }",
    );
    assert_eq!(codes(&text), [FindingCode::SpanOutsideRange]);
}

/// Regression (issue 12, misreading 7): 000's 4-8 direct reports and 003's 5-12-engineer team
/// describe different things; 10 reports is worth a look, not "more than the role can support".
#[test]
fn report_count_rule_reconciles_direct_reports_with_team_size() {
    let text = healthy().replace(
        "reports = { low = 4, high = 8 }",
        "reports = { low = 4, high = 10 }",
    );
    let f = audit(&text);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].severity, Severity::Info);
    assert!(f[0].message.contains("5-12"), "{}", f[0].message);
    assert!(!f[0].message.contains("can support"), "{}", f[0].message);
    let text = healthy().replace(
        "reports = { low = 4, high = 8 }",
        "reports = { low = 4, high = 14 }",
    );
    let f = audit(&text);
    assert_eq!(f[0].severity, Severity::Warning);
}

#[test]
fn findings_come_most_severe_first_and_serialize_with_kebab_codes() {
    let fw = Framework::embedded().unwrap();
    let f = fw.audit(fw.company("sprocket").unwrap());
    assert_eq!(f[0].severity, Severity::Error);
    let json = serde_json::to_value(&f[0]).unwrap();
    assert_eq!(json["code"], "ic-ends-at-senior");
    assert_eq!(json["severity"], "error");
    let mut keys: Vec<&String> = json.as_object().unwrap().keys().collect();
    keys.sort();
    assert_eq!(keys, ["code", "fix", "message", "rungs", "severity"]);
}

#[test]
fn the_free_function_matches_the_method() {
    let fw = Framework::embedded().unwrap();
    let l: &Ladder = fw.company("harbourline").unwrap();
    assert_eq!(dualtrack_framework::audit(fw.ladder(), l), fw.audit(l));
}
