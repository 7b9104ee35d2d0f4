//! The ladder explorer: both tracks side by side with their equivalences drawn between them, a
//! page per role, the nine-dimension comparison, and the equivalent/title-mapping form.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use dualtrack_framework::{
    Allocation, Certainty, CountRange, Dimension, Equivalents, Framework, Ladder, LadderView,
    Level, LevelBasis, MappingError, RoleProfile, Rung, Scope, TitleMapping, Track,
};

use crate::error::{AppError, for_people, mapping_status};
use crate::form::{Pairs, Query};
use crate::session::Visitor;
use crate::state::AppState;
use crate::view::{Chrome, Section, render};

/// One rung in the side-by-side board.
pub struct Cell {
    pub id: String,
    pub title: String,
    /// What the rung's scope means on its track: technical reach for IC rungs, what the
    /// rung runs for management rungs (the sources pair them on pay, influence and seniority,
    /// not on the size of what they run).
    pub scope: String,
    pub level: Option<String>,
}

/// One row of the board: equivalent rungs share a row; a rung without a counterpart on the
/// other track has a row of its own.
pub struct Row {
    pub ic: Option<Cell>,
    pub management: Option<Cell>,
    /// Both sides are present and paired; `extrapolated` says the pairing is ours.
    pub paired: bool,
    pub extrapolated: bool,
}

/// An equivalence spelled out, for the list under the board.
pub struct Pair {
    pub ic: String,
    pub ic_title: String,
    pub management: String,
    pub management_title: String,
    pub extrapolated: bool,
    pub note: Option<String>,
    /// Where the pairing comes from, when the ladder says.
    pub marker: Option<crate::view::SourceMarker>,
}

/// A ladder laid out for the side-by-side board: rows top-down, highest rung first.
pub struct Board {
    pub name: String,
    pub description: String,
    pub ic_name: String,
    pub management_name: String,
    pub rows: Vec<Row>,
    pub pairs: Vec<Pair>,
    /// The limits of parity, with its source, shown beside the equivalences.
    pub counterweight: String,
    pub counterweight_source: String,
    /// The ladder's own company query (`?company=x`) for role links; empty for the reference.
    pub company_query: String,
}

fn ic_scope(scope: Scope) -> String {
    format!("{} scope", scope.as_str().replace('-', " "))
}

fn management_scope(scope: Scope, reports: Option<CountRange>) -> String {
    let runs = match scope {
        Scope::Team => "runs one team",
        Scope::MultiTeam => "runs several teams",
        Scope::Org => "runs an organisation",
        Scope::Company => "runs across the company",
        Scope::Function => "runs the engineering function",
    };
    match reports {
        Some(r) => format!("{runs} · {} reports", r.to_string().replace('-', "–")),
        None => runs.to_owned(),
    }
}

impl Board {
    /// Lay `ladder` out with the same equivalents its role pages show.
    pub fn new(framework: &Framework, ladder: &Ladder, company: Option<&str>) -> Self {
        let view: LadderView = ladder.view();
        let track = |kind: Track| view.tracks.iter().find(|t| t.id == kind);
        let (ic, mgmt) = (track(Track::Ic), track(Track::Management));
        let rungs = |t: Option<&dualtrack_framework::TrackView>| -> Vec<Rung> {
            t.map(|t| t.rungs.iter().map(|r| r.rung.clone()).collect())
                .unwrap_or_default()
        };
        let (ic_rungs, mgmt_rungs) = (rungs(ic), rungs(mgmt));

        // Every pairing the role pages show, IC side first.
        let mut pairs = Vec::new();
        let mut anchors: Vec<(usize, usize, bool)> = Vec::new();
        for (i, r) in ic_rungs.iter().enumerate() {
            let Some(profile) = RoleProfile::build(framework, ladder, &r.id) else {
                continue;
            };
            for e in &profile.equivalents {
                pairs.push(Pair {
                    ic: r.id.clone(),
                    ic_title: r.title.clone(),
                    management: e.rung.id.clone(),
                    management_title: e.rung.title.clone(),
                    extrapolated: e.extrapolated,
                    note: e.note.clone(),
                    marker: (!e.provenance.is_empty())
                        .then(|| crate::view::marker_of(&e.provenance)),
                });
                if let Some(j) = mgmt_rungs.iter().position(|m| m.id == e.rung.id) {
                    anchors.push((i, j, e.extrapolated));
                }
            }
        }
        // Rows can only pair rungs in order on both tracks: keep the first pairing of each
        // rung, stated pairings before our extrapolations, and drop any that would cross.
        anchors.sort_by_key(|&(i, j, x)| (x, i, j));
        let mut kept: Vec<(usize, usize, bool)> = Vec::new();
        for a in anchors {
            let clash = kept
                .iter()
                .any(|k| k.0 == a.0 || k.1 == a.1 || (k.0 < a.0) != (k.1 < a.1));
            if !clash {
                kept.push(a);
            }
        }
        kept.sort_by_key(|&(i, j, _)| (i, j));

        let ic_cell = |r: &Rung| Cell {
            id: r.id.clone(),
            title: r.title.clone(),
            scope: ic_scope(r.scope),
            level: r.level.clone(),
        };
        let mgmt_cell = |r: &Rung| Cell {
            id: r.id.clone(),
            title: r.title.clone(),
            scope: management_scope(r.scope, r.reports),
            level: r.level.clone(),
        };
        let single = |ic: Option<Cell>, management: Option<Cell>| Row {
            ic,
            management,
            paired: false,
            extrapolated: false,
        };
        let mut rows = Vec::new();
        let (mut i, mut j) = (0, 0);
        for (a, b, extrapolated) in
            kept.iter()
                .copied()
                .chain(std::iter::once((ic_rungs.len(), mgmt_rungs.len(), false)))
        {
            // Unpaired rungs below the anchor, each in a row of its own, interleaved by
            // height so neither track looks taller than it is.
            while i < a || j < b {
                let take_ic = i < a && (j >= b || (a - i) >= (b - j));
                if take_ic {
                    rows.push(single(ic_rungs.get(i).map(ic_cell), None));
                    i += 1;
                } else {
                    rows.push(single(None, mgmt_rungs.get(j).map(mgmt_cell)));
                    j += 1;
                }
            }
            if let (Some(x), Some(y)) = (ic_rungs.get(a), mgmt_rungs.get(b)) {
                rows.push(Row {
                    ic: Some(ic_cell(x)),
                    management: Some(mgmt_cell(y)),
                    paired: true,
                    extrapolated,
                });
                i = a + 1;
                j = b + 1;
            }
        }
        rows.reverse();

        let name_of = |t: Option<&dualtrack_framework::TrackView>, fallback: &str| {
            t.map_or_else(|| fallback.to_owned(), |t| t.name.clone())
        };
        let note = &framework.role_guidance().counterweight;
        Self {
            name: ladder.name.clone(),
            description: ladder.description.clone(),
            ic_name: name_of(ic, "Individual contributor"),
            management_name: name_of(mgmt, "Management"),
            rows,
            pairs,
            counterweight: note.text.clone(),
            counterweight_source: note.sourcing().describe(),
            company_query: company
                .map(|c| format!("?company={}", encode(c)))
                .unwrap_or_default(),
        }
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

/// The company ladder a `company` parameter names; `None` for the reference ladder.
pub fn company_param(query: &Pairs) -> Option<&str> {
    query
        .get("company")
        .filter(|c| !c.eq_ignore_ascii_case("reference"))
}

/// `GET /ladder[?company=ID]`.
pub async fn page(
    State(state): State<AppState>,
    visitor: Visitor,
    Query(query): Query,
) -> Result<Response, AppError> {
    let framework = state.framework();
    let company = company_param(&query);
    let ladder = match company {
        Some(name) => framework.resolve_ladder(name)?,
        None => framework.ladder(),
    };
    let is_reference = std::ptr::eq(ladder, framework.ladder());
    let page = LadderPage {
        chrome: visitor.chrome(Section::Ladder),
        board: Board::new(framework, ladder, company.filter(|_| !is_reference)),
        companies: company_options(framework, company),
        is_reference,
    };
    Ok(render(&page)?.into_response())
}

/// "30–50%", rounded for reading.
fn percent_range(low: f64, high: f64) -> String {
    if (high - low).abs() < 0.5 {
        format!("{low:.0}%")
    } else {
        format!("{low:.0}–{high:.0}%")
    }
}

/// The role page: renders the framework's [`RoleProfile`] and decides nothing itself.
#[derive(Template)]
#[template(path = "role.html")]
struct RolePage {
    chrome: Chrome,
    profile: RoleProfile,
    company_query: String,
}

impl RolePage {
    fn track_label(&self) -> &'static str {
        match self.profile.track {
            Track::Ic => "Individual contributor track",
            Track::Management => "Management track",
        }
    }

    fn level_basis(&self) -> &'static str {
        match self.profile.leadership_level.as_ref().map(|l| l.basis) {
            Some(LevelBasis::Reference) => "taken from the reference rung",
            Some(LevelBasis::Guess) => "our guess from the track and scope",
            _ => "",
        }
    }

    fn bar_x(&self, a: &Allocation) -> String {
        format!("{:.0}", a.low)
    }

    fn bar_width(&self, a: &Allocation) -> String {
        format!("{:.1}", (a.high - a.low).max(0.5))
    }

    fn share(&self, a: &Allocation) -> String {
        percent_range(a.low, a.high)
    }

    fn scope_text(&self, scope: &Scope) -> String {
        scope.as_str().replace('-', " ")
    }

    fn calendar_text(&self) -> String {
        self.profile.calendar.map_or_else(String::new, |c| {
            format!(
                "Across the {} track the calendar runs at roughly {:.0}% meetings, {:.0}% asynchronous work and {:.0}% focus time.",
                self.profile.track.label(),
                c.meetings,
                c.async_,
                c.focus
            )
        })
    }
}

/// `GET /ladder/roles/{id}[?company=ID]`.
pub async fn role(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<String>,
    Query(query): Query,
) -> Result<Response, AppError> {
    let framework = state.framework();
    let company = company_param(&query);
    let profile = framework.role_profile(&id, company)?;
    let page = RolePage {
        chrome: visitor.chrome(Section::Ladder),
        company_query: if profile.reference_ladder {
            String::new()
        } else {
            format!("?company={}", encode(&profile.ladder))
        },
        profile,
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
        page.error = Some(match &err {
            // The command's "give a rung id" means nothing on a page: name the rungs by title.
            MappingError::Ambiguous {
                query,
                ladder,
                candidates,
            } => format!(
                "\"{query}\" matches several rungs of {ladder}: {}. Type the whole title of \
                 the one you mean.",
                candidates
                    .iter()
                    .map(|r| format!("{} ({} track)", r.title, r.track.noun()))
                    .collect::<Vec<_>>()
                    .join(" and ")
            ),
            _ => for_people(&err.to_string()),
        });
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

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(row: &Row) -> (Option<&str>, Option<&str>) {
        (
            row.ic.as_ref().map(|c| c.id.as_str()),
            row.management.as_ref().map(|c| c.id.as_str()),
        )
    }

    /// Regression (issue 13, item 6): the board put Staff beside Engineering Manager with
    /// Senior Engineering Manager in another row; equivalent rungs now share a row.
    #[test]
    fn equivalent_rungs_share_a_row_on_the_reference_board() {
        let framework = Framework::embedded().unwrap();
        let board = Board::new(&framework, framework.ladder(), None);
        let rows: Vec<_> = board.rows.iter().map(ids).collect();
        assert_eq!(
            rows,
            vec![
                (None, Some("vp_engineering")),
                (Some("distinguished_engineer"), Some("senior_director")),
                (Some("principal_engineer"), Some("director")),
                (Some("senior_staff_engineer"), Some("senior_manager")),
                (Some("staff_engineer"), Some("manager")),
                (Some("senior_engineer"), Some("tech_lead")),
                (Some("engineer"), None),
            ]
        );
        assert!(board.rows[1].extrapolated && board.rows[5].extrapolated);
        assert!(!board.rows[4].extrapolated && board.rows[4].paired);
        // The management side says what it runs, not a competing "scope".
        let manager = board.rows[4].management.as_ref().unwrap();
        assert_eq!(manager.scope, "runs one team · 4–8 reports");
        assert_eq!(board.rows[4].ic.as_ref().unwrap().scope, "multi team scope");
    }

    #[test]
    fn every_company_board_pairs_what_its_role_pages_pair() {
        let framework = Framework::embedded().unwrap();
        for company in framework.companies() {
            let board = Board::new(&framework, company, Some(&company.id));
            for row in board.rows.iter().filter(|r| r.paired) {
                let (Some(ic), Some(m)) = ids(row) else {
                    panic!("a paired row has both sides")
                };
                let profile = framework.role_profile(ic, Some(&company.id)).unwrap();
                assert!(
                    profile.equivalents.iter().any(|e| e.rung.id == m),
                    "{}: {ic} / {m}",
                    company.id
                );
            }
        }
    }
}
