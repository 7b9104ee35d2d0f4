//! What the trial pages show, in words: the names of the
//! signals that carried a reason, and the week-by-week chart (an inline SVG sized to its card,
//! so it reads on a 390 px phone without sideways scrolling; a table beside it holds the same
//! figures).

use std::fmt::Write as _;

use dualtrack_trial::{
    CriterionList, Direction, Outcome, Relation, SignalKind, TrialContent, WeekPoint,
};

/// Text from the engine as a page shows it: no code quotes, "1 week" and "3 weeks" rather than
/// "week(s)", and the six questions named by their themes rather than their ids.
pub fn plain(text: &str, content: &TrialContent) -> String {
    let mut text = text.replace('`', "");
    if let Some(open) = text.find(" (")
        && let Some(close) = text[open..].find(" changed)")
    {
        let ids = &text[open + 2..open + close];
        let themes: Vec<String> = ids
            .split(", ")
            .map(|id| {
                content
                    .questionnaire
                    .questions
                    .iter()
                    .find(|q| q.id == id)
                    .map_or_else(|| id.to_owned(), |q| q.theme.to_lowercase())
            })
            .collect();
        if themes.iter().zip(ids.split(", ")).any(|(t, id)| t != id) {
            text = format!(
                "{} (changed: {}){}",
                &text[..open],
                themes.join("; "),
                &text[open + close + " changed)".len()..]
            );
        }
    }
    plurals(&text)
}

/// "1 week(s)" -> "1 week", "3 week(s)" -> "3 weeks".
fn plurals(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("(s)") {
        let before = &rest[..at];
        out.push_str(before);
        let number = before
            .trim_end_matches(|c: char| c.is_alphabetic() || c == '-')
            .trim_end()
            .rsplit(' ')
            .next()
            .unwrap_or_default();
        if number != "1" {
            out.push('s');
        }
        rest = &rest[at + 3..];
    }
    out.push_str(rest);
    out
}

/// The outcome as a short phrase.
pub fn outcome_words(o: Outcome) -> &'static str {
    match o {
        Outcome::Continue => "Continue",
        Outcome::ExtendOnce => "Extend once",
        Outcome::Return => "Go back",
        Outcome::NotEnoughEvidence => "Not enough evidence yet",
    }
}

/// A stable class for styling and tests.
pub fn outcome_id(o: Outcome) -> &'static str {
    match o {
        Outcome::Continue => "continue",
        Outcome::ExtendOnce => "extend-once",
        Outcome::Return => "return",
        Outcome::NotEnoughEvidence => "not-enough-evidence",
    }
}

pub fn direction_words(d: Direction) -> &'static str {
    match d {
        Direction::Towards => "towards the new role",
        Direction::Away => "away from the new role",
        Direction::Mixed => "mixed",
        Direction::Unknown => "not enough to say",
    }
}

/// How an answer reads, in words.
pub fn reads(signal: SignalKind, relation: Relation) -> &'static str {
    match (signal, relation) {
        (SignalKind::False, _) => "a misleading reason, not counted",
        (_, Relation::Towards) => "towards the new role",
        (_, Relation::Away) => "away from the new role",
        (_, Relation::Neither) => "neither way",
    }
}

pub fn list_words(list: CriterionList) -> &'static str {
    match list {
        CriterionList::ContinueIf => "I will continue if",
        CriterionList::ReturnIf => "I will go back if",
    }
}

pub fn percent(f: f64) -> String {
    format!("{:.0}%", f * 100.0)
}

/// One week's bar, and the typical weeks drawn beside them.
pub struct Bar {
    pub label: String,
    pub meetings: f64,
    pub async_: f64,
    pub focus: f64,
    pub typical: bool,
}

/// The trend chart: one 100% bar per week (meetings, async, focus), then each track's typical
/// week. Drawn in a fixed view box that scales with its card.
pub fn trend_svg(points: &[WeekPoint], typical: &[(String, f64, f64, f64)]) -> String {
    let mut bars: Vec<Bar> = points
        .iter()
        .map(|p| Bar {
            label: p.week.rsplit('-').next().unwrap_or_default().to_owned(),
            meetings: p.meetings,
            async_: p.async_,
            focus: p.focus,
            typical: false,
        })
        .collect();
    bars.extend(typical.iter().map(|(label, m, a, f)| Bar {
        label: label.clone(),
        meetings: *m,
        async_: *a,
        focus: *f,
        typical: true,
    }));
    let (width, height, top, chart_h) = (360.0_f64, 220.0_f64, 10.0_f64, 160.0_f64);
    let left = 30.0;
    let n = bars.len().max(1);
    #[allow(clippy::cast_precision_loss)]
    let slot = (width - left - 4.0) / n as f64;
    let bar_w = (slot * 0.7).max(2.0);
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" \
         class=\"trend-svg\" aria-hidden=\"true\" focusable=\"false\">"
    );
    for pct in [0, 50, 100] {
        let y = top + chart_h * (1.0 - f64::from(pct) / 100.0);
        let _ = write!(
            svg,
            "<line x1=\"{left}\" x2=\"{width}\" y1=\"{y:.1}\" y2=\"{y:.1}\" stroke=\"#c8ced8\" stroke-width=\"0.5\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\" font-size=\"9\" text-anchor=\"end\" fill=\"#3d4451\">{pct}%</text>",
            left - 3.0,
            y + 3.0
        );
    }
    for (i, b) in bars.iter().enumerate() {
        #[allow(clippy::cast_precision_loss)]
        let x = left + slot * i as f64 + (slot - bar_w) / 2.0;
        let mut y = top;
        for (share, colour) in [
            (b.meetings, "#1f5fbf"),
            (b.async_, "#8fb4e8"),
            (b.focus, "#2e7d4f"),
        ] {
            let h = chart_h * share.clamp(0.0, 1.0);
            let _ = write!(
                svg,
                "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{bar_w:.1}\" height=\"{h:.1}\" fill=\"{colour}\"{}/>",
                if b.typical {
                    " stroke=\"#111\" stroke-width=\"0.8\""
                } else {
                    ""
                }
            );
            y += h;
        }
        let _ = write!(
            svg,
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"{}\" text-anchor=\"middle\" fill=\"#3d4451\">{}</text>",
            x + bar_w / 2.0,
            top + chart_h + 12.0,
            if b.typical { 8 } else { 7 },
            html_escape::encode_text(&b.label)
        );
    }
    let legend_y = height - 14.0;
    let mut x = left;
    for (label, colour) in [
        ("Meetings", "#1f5fbf"),
        ("Async", "#8fb4e8"),
        ("Focus", "#2e7d4f"),
    ] {
        let _ = write!(
            svg,
            "<rect x=\"{x:.1}\" y=\"{:.1}\" width=\"9\" height=\"9\" fill=\"{colour}\"/>\
             <text x=\"{:.1}\" y=\"{legend_y:.1}\" font-size=\"10\" fill=\"#1b1f24\">{label}</text>",
            legend_y - 8.0,
            x + 12.0
        );
        x += 80.0;
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn engine_text_reads_as_sentences() {
        let content = TrialContent::embedded().unwrap();
        assert_eq!(
            plain("1 week(s) and 3 check-in(s) at a `startup`", &content),
            "1 week and 3 check-ins at a startup"
        );
        assert_eq!(
            plain("6 month(s) so far at an enterprise", &content),
            "6 months so far at an enterprise"
        );
        let drift = plain(
            "Your answers moved towards the management track since the start (absorbed, next_project changed).",
            &content,
        );
        assert_eq!(
            drift,
            "Your answers moved towards the management track since the start (changed: absorbed in the work; the next project you want)."
        );
    }

    #[test]
    fn the_chart_has_a_bar_per_week_and_per_typical_week_and_escapes_labels() {
        let week = WeekPoint {
            week: "2026-W03".into(),
            monday: chrono::NaiveDate::from_ymd_opt(2026, 1, 12).unwrap(),
            working_days: 5,
            working_hours: 40.0,
            busy_hours: 20.0,
            meetings: 0.5,
            async_: 0.2,
            focus: 0.3,
        };
        let svg = trend_svg(&[week], &[("IC <typical>".into(), 0.3, 0.3, 0.4)]);
        assert_eq!(svg.matches("<rect").count(), 6 + 3, "{svg}");
        assert!(svg.contains(">W03<"), "{svg}");
        assert!(svg.contains("IC &lt;typical&gt;"), "{svg}");
        assert!(!svg.contains("viewBox=\"0 0 0"), "{svg}");
    }
}
