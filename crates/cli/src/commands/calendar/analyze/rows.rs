//! The tables' rows, built once for the text and the Markdown renderings so the two always
//! show the same figures under the same headings.

use dualtrack_calendar::Analysis;
use dualtrack_calendar::analysis::{MeetingKind, Shares};

use super::text::{hours, outcome_word, outside_words, pct, when};

/// One table: its heading row, its rows, and the columns holding numbers (aligned right).
pub struct Rows {
    pub header: Vec<&'static str>,
    pub rows: Vec<Vec<String>>,
    pub numeric: Vec<usize>,
}

/// Where the working time went.
pub fn working(a: &Analysis) -> Rows {
    let hs = &a.hours;
    let row =
        |label: &str, hours_: f64, share: String| vec![label.to_owned(), hours(hours_), share];
    Rows {
        header: vec!["Working time", "Hours", "Share"],
        rows: vec![
            row("Meetings", hs.meetings, pct(a.shares.meetings)),
            row("Async (short gaps)", hs.async_, pct(a.shares.async_)),
            row("Focus", hs.focus, pct(a.shares.focus)),
            row("  of which focus blocks", hs.focus_blocks, String::new()),
            row("Working (total)", hs.working, pct(1.0)),
            row("Busy (meetings + focus blocks)", hs.busy, String::new()),
        ],
        numeric: vec![1, 2],
    }
}

/// Meeting hours by kind, and each kind's share of all meetings.
pub fn kinds(a: &Analysis) -> Rows {
    let meetings = a.hours.meetings;
    let rows = MeetingKind::ALL
        .iter()
        .map(|&kind| {
            let v = a.categories.get(kind);
            let of = if meetings > 0.0 {
                pct(v / meetings)
            } else {
                "-".to_owned()
            };
            vec![kind.label().to_owned(), hours(v), of]
        })
        .collect();
    Rows {
        header: vec!["Meeting kind", "Hours", "Share of meetings"],
        rows,
        numeric: vec![1, 2],
    }
}

/// How far the week is from each leadership level's usual time allocation.
pub fn levels(a: &Analysis) -> Rows {
    let rows = a
        .levels
        .fits
        .iter()
        .map(|f| {
            let outside: Vec<String> = f
                .outside
                .iter()
                .map(|o| outside_words(o.activity, o.share, o.low, o.high))
                .collect();
            let outside = if outside.is_empty() {
                "none".to_owned()
            } else {
                outside.join(", ")
            };
            vec![f.name.clone(), format!("{:.2}", f.distance), outside]
        })
        .collect();
    Rows {
        header: vec![
            "Level",
            "Distance",
            "Activities outside the level's usual range",
        ],
        rows,
        numeric: vec![1],
    }
}

/// Each ISO week; `shape` says how a week's shares look (a bar in text, words in Markdown).
pub fn weeks(a: &Analysis, shape: impl Fn(&Shares) -> String) -> Rows {
    let rows = a
        .weeks
        .iter()
        .map(|week| {
            vec![
                week.week.clone(),
                week.working_days.to_string(),
                hours(week.hours.meetings),
                hours(week.hours.async_),
                hours(week.hours.focus),
                if week.hours.working > 0.0 {
                    shape(&week.shares)
                } else {
                    "no working time".into()
                },
            ]
        })
        .collect();
    Rows {
        header: vec!["ISO week", "Days", "Meetings", "Async", "Focus", "Shape"],
        rows,
        numeric: vec![1, 2, 3, 4],
    }
}

/// Every occurrence with what it counted as and the rule that decided it (`--explain`).
/// `title` renders the event's title (escaped for Markdown; as it is for text).
pub fn explain(a: &Analysis, title: impl Fn(&str) -> String) -> Rows {
    let rows = a
        .explain
        .iter()
        .map(|x| {
            let counted = x
                .category
                .clone()
                .unwrap_or_else(|| outcome_word(x.outcome).to_owned());
            vec![
                when(&x.start, &x.end),
                counted,
                x.rule.clone(),
                title(x.summary.as_deref().unwrap_or_default()),
            ]
        })
        .collect();
    Rows {
        header: vec!["When", "Counted as", "Rule", "Title"],
        rows,
        numeric: vec![],
    }
}
