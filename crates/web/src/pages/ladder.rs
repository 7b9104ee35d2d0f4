//! The ladder explorer: both tracks side by side with their equivalences drawn between them, a
//! page per role, the nine-dimension comparison, and the equivalent/title-mapping form.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use dualtrack_framework::{
    Activity, Certainty, Dimension, Equivalents, Framework, Ladder, LadderView, Level,
    MappingError, Rung, TitleMapping, TrackKind, Transition,
};

use crate::error::AppError;
use crate::form::Query;
use crate::session::Visitor;
use crate::state::AppState;
use crate::view::{Chrome, Section, render};

/// One rung in the side-by-side board.
pub struct Cell {
    pub id: String,
    pub title: String,
    pub scope: String,
    pub level: Option<String>,
    pub reports: Option<String>,
}

/// A connector between equivalent rungs, in the SVG's coordinates (10 units per row).
pub struct Link {
    pub y1: u32,
    pub y2: u32,
    pub extrapolated: bool,
}

/// An equivalence spelled out, for the list under the drawing.
pub struct Pair {
    pub ic: String,
    pub ic_title: String,
    pub management: String,
    pub management_title: String,
    pub extrapolated: bool,
    pub note: Option<String>,
}

/// A ladder laid out for the side-by-side drawing: rows top-down, highest rung first.
pub struct Board {
    pub name: String,
    pub description: String,
    pub ic_name: String,
    pub management_name: String,
    pub rows: Vec<(Option<Cell>, Option<Cell>)>,
    pub links: Vec<Link>,
    pub pairs: Vec<Pair>,
    /// The ladder's own company query (`?company=x`) for role links; empty for the reference.
    pub company_query: String,
}

impl Board {
    pub fn new(ladder: &Ladder, company: Option<&str>) -> Self {
        let view: LadderView = ladder.view();
        let track = |kind: TrackKind| view.tracks.iter().find(|t| t.id == kind);
        let (ic, mgmt) = (track(TrackKind::Ic), track(TrackKind::Management));
        let len = |t: Option<&dualtrack_framework::TrackView>| t.map_or(0, |t| t.rungs.len());
        let rows = len(ic).max(len(mgmt));
        // Tracks are aligned at the bottom: the entry rungs share the last row.
        let cell = |r: &Rung| Cell {
            id: r.id.clone(),
            title: r.title.clone(),
            scope: r.scope.as_str().replace('-', " "),
            level: r.level.clone(),
            reports: r.reports.map(|c| c.to_string()),
        };
        let mut grid: Vec<(Option<Cell>, Option<Cell>)> = (0..rows).map(|_| (None, None)).collect();
        for (kind, t) in [(TrackKind::Ic, ic), (TrackKind::Management, mgmt)] {
            for (index, r) in t
                .map(|t| t.rungs.as_slice())
                .unwrap_or_default()
                .iter()
                .enumerate()
            {
                if let Some(slot) = grid.get_mut(index) {
                    match kind {
                        TrackKind::Ic => slot.0 = Some(cell(&r.rung)),
                        TrackKind::Management => slot.1 = Some(cell(&r.rung)),
                    }
                }
            }
        }
        grid.reverse();
        let top_row = |t: Option<&dualtrack_framework::TrackView>, id: &str| {
            t.and_then(|t| t.rungs.iter().position(|r| r.rung.id == id))
                .map(|i| u32::try_from(rows.saturating_sub(1 + i)).unwrap_or(0))
        };
        let mut links = Vec::new();
        let mut pairs = Vec::new();
        for r in ic.map(|t| t.rungs.as_slice()).unwrap_or_default() {
            for e in &r.equivalents {
                if let (Some(a), Some(b)) = (top_row(ic, &r.rung.id), top_row(mgmt, &e.rung)) {
                    links.push(Link {
                        y1: a * 10 + 5,
                        y2: b * 10 + 5,
                        extrapolated: e.extrapolated,
                    });
                }
                pairs.push(Pair {
                    ic: r.rung.id.clone(),
                    ic_title: r.rung.title.clone(),
                    management: e.rung.clone(),
                    management_title: e.title.clone(),
                    extrapolated: e.extrapolated,
                    note: e.note.clone(),
                });
            }
        }
        let name_of = |t: Option<&dualtrack_framework::TrackView>, fallback: &str| {
            t.map_or_else(|| fallback.to_owned(), |t| t.name.clone())
        };
        Self {
            name: ladder.name.clone(),
            description: ladder.description.clone(),
            ic_name: name_of(ic, "Individual contributor"),
            management_name: name_of(mgmt, "Management"),
            rows: grid,
            links,
            pairs,
            company_query: company
                .map(|c| format!("?company={}", encode(c)))
                .unwrap_or_default(),
        }
    }

    /// Height of the connector drawing in SVG units.
    pub fn height(&self) -> usize {
        self.rows.len() * 10
    }

    /// `rows-N`, the CSS class giving the board N equal rows.
    pub fn rows_class(&self) -> String {
        format!("rows-{}", self.rows.len().min(12))
    }
}

fn encode(text: &str) -> String {
    url::form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

/// A company ladder in the picker.
struct CompanyOption {
    id: String,
    name: String,
    selected: bool,
}

fn company_options(framework: &Framework, selected: Option<&str>) -> Vec<CompanyOption> {
    framework
        .companies()
        .iter()
        .map(|c| CompanyOption {
            id: c.id.clone(),
            name: c.name.clone(),
            selected: selected.is_some_and(|s| s.eq_ignore_ascii_case(&c.id)),
        })
        .collect()
}

#[derive(Template)]
#[template(path = "ladder.html")]
struct LadderPage {
    chrome: Chrome,
    board: Board,
    companies: Vec<CompanyOption>,
    is_reference: bool,
}

/// `GET /ladder[?company=ID]`.
pub async fn page(
    State(state): State<AppState>,
    visitor: Visitor,
    Query(query): Query,
) -> Result<Response, AppError> {
    let framework = state.framework();
    let company = query
        .get("company")
        .filter(|c| !c.eq_ignore_ascii_case("reference"));
    let ladder = match company {
        Some(name) => framework.resolve_ladder(name)?,
        None => framework.ladder(),
    };
    let is_reference = std::ptr::eq(ladder, framework.ladder());
    let page = LadderPage {
        chrome: visitor.chrome(Section::Ladder),
        board: Board::new(ladder, company.filter(|_| !is_reference)),
        companies: company_options(framework, company),
        is_reference,
    };
    Ok(render(&page)?.into_response())
}

/// A range of a week, for the allocation bars.
struct AllocationView {
    label: String,
    low: f64,
    high: f64,
}

impl AllocationView {
    fn width(&self) -> f64 {
        (self.high - self.low).max(0.5)
    }

    fn text(&self) -> String {
        if (self.high - self.low).abs() < f64::EPSILON {
            format!("{}%", self.low)
        } else {
            format!("{}–{}%", self.low, self.high)
        }
    }
}

struct TransitionView {
    transition: Transition,
    /// (accelerator name, what it looks like at this step)
    universal: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "role.html")]
struct RolePage {
    chrome: Chrome,
    ladder_name: String,
    company_query: String,
    track_label: &'static str,
    track_class: &'static str,
    rung: Rung,
    position: usize,
    track_len: usize,
    equivalents: Option<Equivalents>,
    level: Option<Level>,
    allocation: Vec<AllocationView>,
    transitions: Vec<TransitionView>,
}

/// `GET /ladder/roles/{id}[?company=ID]`.
pub async fn role(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<String>,
    Query(query): Query,
) -> Result<Response, AppError> {
    let framework = state.framework();
    let company = query
        .get("company")
        .filter(|c| !c.eq_ignore_ascii_case("reference"));
    let ladder = match company {
        Some(name) => framework.resolve_ladder(name)?,
        None => framework.ladder(),
    };
    let (kind, rung) = ladder.rung(&id).ok_or_else(|| {
        AppError::NotFound(format!("{} has no role with the id `{id}`.", ladder.name))
    })?;
    let track = ladder.track(kind);
    let equivalents = framework.equivalent(&rung.id, company).ok();
    let leadership = framework.leadership();
    let level = rung
        .leadership_level
        .as_deref()
        .and_then(|l| leadership.level(l))
        .cloned();
    let allocation = level
        .as_ref()
        .map(|level| {
            Activity::ALL
                .iter()
                .filter_map(|a| level.allocation(*a))
                .map(|r| AllocationView {
                    label: leadership.activity_label(r.activity).to_owned(),
                    low: r.low,
                    high: r.high,
                })
                .collect()
        })
        .unwrap_or_default();
    let transitions = level
        .as_ref()
        .map(|level| {
            leadership
                .transitions_touching(&level.id)
                .into_iter()
                .map(|t| TransitionView {
                    transition: t.clone(),
                    universal: leadership
                        .accelerators
                        .iter()
                        .filter_map(|a| {
                            a.by_transition
                                .get(&t.id)
                                .map(|text| (a.name.clone(), text.clone()))
                        })
                        .collect(),
                })
                .collect()
        })
        .unwrap_or_default();
    let page = RolePage {
        chrome: visitor.chrome(Section::Ladder),
        ladder_name: ladder.name.clone(),
        company_query: company
            .map(|c| format!("?company={}", encode(c)))
            .unwrap_or_default(),
        track_label: match kind {
            TrackKind::Ic => "Individual contributor track",
            TrackKind::Management => "Management track",
        },
        track_class: kind.as_str(),
        position: track
            .and_then(|t| t.position(&rung.id))
            .map_or(0, |p| p + 1),
        track_len: track.map_or(0, |t| t.rungs.len()),
        rung: rung.clone(),
        equivalents,
        level,
        allocation,
        transitions,
    };
    Ok(render(&page)?.into_response())
}

#[derive(Template)]
#[template(path = "compare.html")]
struct ComparePage {
    chrome: Chrome,
    dimensions: Vec<Dimension>,
    career_paths: Vec<dualtrack_framework::CareerConsideration>,
    levels: Vec<Level>,
}

/// `GET /ladder/compare`: the two tracks along nine dimensions.
pub async fn compare(
    State(state): State<AppState>,
    visitor: Visitor,
) -> Result<Response, AppError> {
    let framework = state.framework();
    let page = ComparePage {
        chrome: visitor.chrome(Section::Ladder),
        dimensions: framework.comparison().dimensions.clone(),
        career_paths: framework.leadership().career_paths.clone(),
        levels: framework.leadership().levels.clone(),
    };
    Ok(render(&page)?.into_response())
}

#[derive(Template)]
#[template(path = "map.html")]
struct MapPage {
    chrome: Chrome,
    ladders: Vec<(String, String)>,
    rung: String,
    company: String,
    title: String,
    from: String,
    to: String,
    equivalents: Option<Equivalents>,
    mapping: Option<TitleMapping>,
    error: Option<String>,
}

fn certainty_text(certainty: Certainty) -> &'static str {
    match certainty {
        Certainty::Exact => "exact: one rung for one rung, mapped with high confidence",
        Certainty::Range => "a range: the match spans more than one rung",
        Certainty::Uncertain => "uncertain: a mapping involved has medium or low confidence",
        Certainty::None => "no match",
    }
}

impl MapPage {
    fn certainty_equiv(&self) -> &'static str {
        self.equivalents
            .as_ref()
            .map_or("", |e| certainty_text(e.certainty))
    }

    fn certainty_map(&self) -> &'static str {
        self.mapping
            .as_ref()
            .map_or("", |m| certainty_text(m.certainty))
    }
}

/// `GET /ladder/map?rung=&company=` and `GET /ladder/map?title=&from=&to=`: what a rung is
/// equivalent to, and what a title is called at another company.
pub async fn map(
    State(state): State<AppState>,
    visitor: Visitor,
    Query(query): Query,
) -> Result<Response, AppError> {
    let framework = state.framework();
    let mut ladders = vec![("reference".to_owned(), framework.ladder().name.clone())];
    ladders.extend(
        framework
            .companies()
            .iter()
            .map(|c| (c.id.clone(), c.name.clone())),
    );
    let mut page = MapPage {
        chrome: visitor.chrome(Section::Ladder),
        ladders,
        rung: query.get("rung").unwrap_or_default().to_owned(),
        company: query.get("company").unwrap_or("reference").to_owned(),
        title: query.get("title").unwrap_or_default().to_owned(),
        from: query.get("from").unwrap_or("reference").to_owned(),
        to: query.get("to").unwrap_or("reference").to_owned(),
        equivalents: None,
        mapping: None,
        error: None,
    };
    let mut status = StatusCode::OK;
    let mut fail = |err: MappingError, page: &mut MapPage| {
        status = mapping_status(&err);
        page.error = Some(err.to_string());
    };
    if !page.rung.is_empty() {
        let company = Some(page.company.as_str()).filter(|c| *c != "reference");
        match framework.equivalent(&page.rung, company) {
            Ok(e) => page.equivalents = Some(e),
            Err(err) => fail(err, &mut page),
        }
    } else if !page.title.is_empty() {
        match framework.map_title(&page.title, &page.from, &page.to) {
            Ok(m) => page.mapping = Some(m),
            Err(err) => fail(err, &mut page),
        }
    }
    Ok((status, render(&page)?).into_response())
}

/// Unknown names are 404s; a name matching several rungs is a 422.
pub fn mapping_status(err: &MappingError) -> StatusCode {
    match err {
        MappingError::UnknownCompany { .. } | MappingError::UnknownRung { .. } => {
            StatusCode::NOT_FOUND
        }
        MappingError::Ambiguous { .. } => StatusCode::UNPROCESSABLE_ENTITY,
    }
}

impl From<MappingError> for AppError {
    fn from(err: MappingError) -> Self {
        match mapping_status(&err) {
            StatusCode::NOT_FOUND => Self::NotFound(err.to_string()),
            _ => Self::Unprocessable(err.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reference_board_draws_the_stated_equivalences() {
        let framework = Framework::embedded().unwrap();
        let board = Board::new(framework.ladder(), None);
        assert_eq!(board.rows.len(), 6);
        // Highest rungs first.
        assert_eq!(
            board.rows[0].0.as_ref().unwrap().id,
            "distinguished_engineer"
        );
        assert_eq!(board.rows[5].1.as_ref().unwrap().id, "tech_lead");
        let staff = board
            .pairs
            .iter()
            .find(|p| p.ic == "staff_engineer")
            .unwrap();
        assert_eq!(staff.management, "manager");
        // Staff is row 3 from the top (index 3), Manager row 4 (index 4).
        assert!(board.links.iter().any(|l| l.y1 == 35 && l.y2 == 45));
    }
}
