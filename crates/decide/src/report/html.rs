//! The report as HTML: a standalone, printable page, or the article alone for embedding.
//!
//! Every value goes through askama's HTML escaping; the only unescaped text is [`REPORT_CSS`],
//! a constant of this crate. No scripts, fonts, images or other external assets.

use askama::Template;

use super::{Agreement, Report};

/// The report's stylesheet, screen and print. Scoped to `.dt-report` so a page embedding the
/// body (see [`render_html_body`]) can include it without side effects.
pub const REPORT_CSS: &str = r#".dt-report { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; line-height: 1.45; color: #1d1d1f; max-width: 52rem; margin: 0 auto; padding: 1.5rem; }
.dt-report h1 { font-size: 1.7rem; margin-bottom: 0.25rem; }
.dt-report h2 { font-size: 1.3rem; border-bottom: 1px solid #d0d0d7; padding-bottom: 0.2rem; margin-top: 2rem; }
.dt-report h3 { font-size: 1.1rem; margin-top: 1.4rem; }
.dt-report h4 { font-size: 1rem; margin: 1rem 0 0.3rem; }
.dt-report .dt-headline { font-size: 1.15rem; font-weight: 600; }
.dt-report .dt-agreement { display: inline-block; padding: 0.2rem 0.6rem; border-radius: 0.3rem; border: 1px solid #888; }
.dt-report .dt-agreement-agree { background: #e6f4ea; border-color: #2e7d32; }
.dt-report .dt-agreement-disagree { background: #fdecea; border-color: #c62828; }
.dt-report .dt-agreement-no_calendar { background: #f1f1f4; }
.dt-report .dt-agreement-thin_calendar, .dt-report .dt-agreement-no_verdict { background: #f1f1f4; }
.dt-report table { border-collapse: collapse; width: 100%; margin: 0.6rem 0 1rem; font-size: 0.93rem; }
.dt-report th, .dt-report td { border: 1px solid #d0d0d7; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
.dt-report thead th { background: #f1f1f4; }
.dt-report tr.dt-yours td { font-weight: 600; }
.dt-report code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 0.9em; background: #f1f1f4; padding: 0 0.2rem; border-radius: 0.2rem; }
.dt-report .dt-caveat, .dt-report .dt-source { font-style: italic; color: #555; }
.dt-report .dt-flags li { margin-bottom: 0.4rem; }
.dt-report .dt-columns { display: grid; grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr)); gap: 0 1.5rem; }
.dt-report ul.dt-checklist { list-style: none; padding-left: 1.2rem; }
.dt-report ul.dt-checklist li::before { content: "\2610"; display: inline-block; width: 1.3rem; margin-left: -1.3rem; }
@media print {
  @page { margin: 18mm 16mm; }
  .dt-report { max-width: none; padding: 0; font-size: 10.5pt; color: #000; }
  .dt-report h2 { break-after: avoid; page-break-after: avoid; }
  .dt-report h3, .dt-report h4 { break-after: avoid; page-break-after: avoid; }
  .dt-report table, .dt-report tr, .dt-report li { break-inside: avoid; page-break-inside: avoid; }
  .dt-report section { break-inside: auto; }
  .dt-report .dt-agreement, .dt-report code, .dt-report thead th { background: none; }
  .dt-report .dt-columns { display: block; }
}"#;

#[derive(Template)]
#[template(path = "report.html")]
struct ReportPage<'a> {
    r: &'a Report,
    css: &'a str,
    agreement: &'a str,
    agreement_label: &'a str,
    leaning_label: &'a str,
    verdict_label: &'a str,
    readings: Vec<[String; 4]>,
}

#[derive(Template)]
#[template(path = "report_body.html")]
struct ReportBody<'a> {
    r: &'a Report,
    agreement: &'a str,
    agreement_label: &'a str,
    leaning_label: &'a str,
    verdict_label: &'a str,
    readings: Vec<[String; 4]>,
}

/// The verdict in words, for the report's reader.
fn verdict_label(report: &Report) -> &'static str {
    match report.assessment.verdict.as_str() {
        "ic" => "the individual contributor track",
        "management" => "the management track",
        "either" => "either track could fit",
        _ => "unclear",
    }
}

/// The leaning's track in words; empty without a leaning, or when the verdict already names
/// the track.
fn leaning_label(report: &Report) -> &'static str {
    if matches!(report.assessment.verdict.as_str(), "ic" | "management") {
        return "";
    }
    report.assessment.leaning.map_or("", |t| match t.as_str() {
        "ic" => "individual contributor",
        _ => "management",
    })
}

impl Agreement {
    /// The JSON id (`agree`, `disagree`, `no_calendar`, `thin_calendar`, `no_verdict`).
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Agreement::Agree => "agree",
            Agreement::Disagree => "disagree",
            Agreement::NoCalendar => "no_calendar",
            Agreement::ThinCalendar => "thin_calendar",
            Agreement::NoVerdict => "no_verdict",
        }
    }

    /// A few words for people.
    #[must_use]
    pub const fn label(self) -> &'static str {
        match self {
            Agreement::Agree => "they agree",
            Agreement::Disagree => "they pull apart",
            Agreement::NoCalendar => "no calendar evidence",
            Agreement::ThinCalendar => "too little calendar evidence",
            Agreement::NoVerdict => "no clear verdict to compare",
        }
    }
}

fn readings(report: &Report) -> Vec<[String; 4]> {
    report
        .assessment
        .readings
        .iter()
        .map(|r| {
            let lean = match (r.lean, r.strength) {
                (Some(t), Some(s)) => format!("{} ({})", t.noun(), s.as_str()),
                (Some(t), None) => t.noun().to_owned(),
                _ => "neither".to_owned(),
            };
            [r.theme.clone(), r.answer.clone(), lean, r.reading.clone()]
        })
        .collect()
}

/// A standalone HTML document: inline print-friendly CSS, no external assets, all text escaped.
/// Suitable for saving as a file or offering as a download.
#[must_use]
pub fn render_html(report: &Report) -> String {
    let page = ReportPage {
        r: report,
        css: REPORT_CSS,
        agreement: report.agreement.as_str(),
        agreement_label: report.agreement.label(),
        leaning_label: leaning_label(report),
        verdict_label: verdict_label(report),
        readings: readings(report),
    };
    // Rendering into a String only fails if a Display impl fails, which ours do not.
    page.render()
        .unwrap_or_else(|e| format!("<!DOCTYPE html><p>report could not be rendered: {e}</p>"))
}

/// The report as one `<article class="dt-report">` element, for a page that supplies its own
/// `<head>`; include [`REPORT_CSS`] in that page for the same look.
#[must_use]
pub fn render_html_body(report: &Report) -> String {
    let body = ReportBody {
        r: report,
        agreement: report.agreement.as_str(),
        agreement_label: report.agreement.label(),
        leaning_label: leaning_label(report),
        verdict_label: verdict_label(report),
        readings: readings(report),
    };
    body.render()
        .unwrap_or_else(|e| format!("<p>report could not be rendered: {e}</p>"))
}
