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
