//! What every page's layout needs: the visitor's anti-forgery token, who is logged in, and
//! which section of the site is current.

/// The sections of the site, for the navigation's `aria-current`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Home,
    Ladder,
    Assess,
    Calendar,
    Decision,
    Jobs,
    Account,
    Trial,
    None,
}

/// The parts of the layout that change per visitor.
#[derive(Debug, Clone)]
pub struct Chrome {
    /// The token every form on the page posts back.
    pub csrf: String,
    /// The logged-in account's email, if any.
    pub user: Option<String>,
    pub section: Section,
    /// False on error pages, which are rendered without knowing the visitor.
    pub show_account: bool,
}

impl Chrome {
    /// The layout for pages rendered without a visitor (error pages).
    pub fn plain() -> Self {
        Self {
            csrf: String::new(),
            user: None,
            section: Section::None,
            show_account: false,
        }
    }

    /// `aria-current="page"` for the current section's link, nothing for the others.
    pub fn current(&self, section: &str) -> &'static str {
        let current = match self.section {
            Section::Home => "home",
            Section::Ladder => "ladder",
            Section::Assess => "assess",
            Section::Calendar => "calendar",
            Section::Decision => "decision",
            Section::Jobs => "jobs",
            Section::Account => "account",
            Section::Trial => "trial",
            Section::None => "",
        };
        if current == section { "page" } else { "false" }
    }
}

/// Render a page template into a response body.
pub fn render(
    template: &impl askama::Template,
) -> Result<axum::response::Html<String>, crate::error::AppError> {
    template
        .render()
        .map(axum::response::Html)
        .map_err(crate::error::AppError::internal)
}

/// The small "source" / "our assumption" marker shown beside a figure or rule: the seed's
/// title when a seed states it, "our assumption" when we infer it, with the full reference
/// (sections, and our reason) in its tooltip and for screen readers.
#[derive(Debug, Clone, askama::Template)]
#[template(
    source = r#"<span class="source small" title="{{ full }}"><span class="visually-hidden">Where this comes from: </span>{{ short }}</span>"#,
    ext = "html"
)]
pub struct SourceMarker {
    pub short: String,
    pub full: String,
}

/// The marker for a statement with these seed references and this reason of ours.
#[must_use]
pub fn source_marker(
    source: &[dualtrack_framework::SourceRef],
    assumption: Option<&str>,
) -> SourceMarker {
    let provenance = dualtrack_framework::Provenance {
        source: source.to_vec(),
        assumption: assumption.map(str::to_owned),
    };
    marker_of(&provenance)
}

/// The marker for a provenance value.
#[must_use]
pub fn marker_of(provenance: &dualtrack_framework::Provenance) -> SourceMarker {
    let mut titles: Vec<&str> = provenance
        .source
        .iter()
        .filter_map(dualtrack_framework::SourceRef::title)
        .collect();
    titles.dedup();
    let short = match (titles.is_empty(), provenance.assumption.is_some()) {
        (false, false) => format!("Source: {}", titles.join("; ")),
        (false, true) => format!("Source: {}, with our assumption", titles.join("; ")),
        (true, true) => "Our assumption".to_owned(),
        (true, false) => "No source recorded".to_owned(),
    };
    SourceMarker {
        short,
        full: provenance.describe(),
    }
}

/// The marker for a shipped culture tag; `None` for a tag the shipped vocabulary lacks.
#[must_use]
pub fn tag_marker(tag_id: &str) -> Option<SourceMarker> {
    dualtrack_board::tag_provenance(tag_id).map(marker_of)
}

#[cfg(test)]
mod marker_tests {
    use askama::Template;

    use super::*;

    #[test]
    fn a_sourced_statement_names_its_seed_and_an_inferred_one_says_so() {
        let sourced = dualtrack_framework::Provenance::sourced("001", "On Reversibility");
        let html = marker_of(&sourced).render().unwrap();
        assert!(
            html.contains("Source: Staff engineer or engineering manager: an essay on the choice"),
            "{html}"
        );
        let ours = marker_of(&dualtrack_framework::Provenance::assumed("a <guess>"));
        let html = ours.render().unwrap();
        assert!(html.contains(">Our assumption</span>"), "{html}");
        assert!(
            html.contains("a &#60;guess&#62;") || html.contains("a &lt;guess&gt;"),
            "escaped: {html}"
        );
    }

    #[test]
    fn every_shipped_tag_has_a_marker() {
        for tag in dualtrack_board::parse_vocabulary("t", dualtrack_board::EMBEDDED_TAGS).unwrap() {
            let marker = tag_marker(&tag.id).unwrap();
            assert_ne!(marker.short, "No source recorded", "{}", tag.id);
        }
    }
}

/// Engine messages quote names with backticks, which read as code on a page; show them in
/// typographic quotes instead (issue #13: no backticks in visible text).
pub fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut open = false;
    for c in text.chars() {
        if c == '`' {
            out.push(if open { '”' } else { '“' });
            open = !open;
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod quoted_tests {
    use super::quoted;

    #[test]
    fn backtick_pairs_become_typographic_quotes() {
        assert_eq!(
            quoted("the IC track ends at `Senior Engineer`, add `maps_to`"),
            "the IC track ends at “Senior Engineer”, add “maps_to”"
        );
        assert_eq!(quoted("no quotes"), "no quotes");
    }
}
