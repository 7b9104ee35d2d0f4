//! Checks that serde cannot express: unique ids, references that resolve, ordered ranges,
//! percentages in bounds. Every check runs and every problem is returned, so a user fixes a
//! file in one pass rather than one error at a time.

use std::collections::{HashMap, HashSet};

use crate::activity::Activity;
use crate::comparison::{CALENDAR_SHAPE, Comparison, Shares};
use crate::error::DiagnosticKind as K;
use crate::ladder::Ladder;
use crate::leadership::Leadership;
use crate::source::{Issue, Path};
use crate::track::Track;

/// Shares of a week may be rounded; anything further from 100 than this is a mistake.
const SHARE_TOLERANCE: f64 = 0.5;

/// A ladder on its own.
pub(crate) fn ladder(ladder: &Ladder) -> Vec<Issue> {
    let mut out = Vec::new();
    let root = Path::root();
    blank(&mut out, &root.key("id"), &ladder.id, "the ladder id");
    blank(&mut out, &root.key("name"), &ladder.name, "the ladder name");

    let mut seen_tracks: HashMap<Track, usize> = HashMap::new();
    let mut seen_rungs: HashMap<&str, (usize, usize)> = HashMap::new();
    for (ti, track) in ladder.tracks.iter().enumerate() {
        let tp = root.key("tracks").index(ti);
        if let Some(first) = seen_tracks.insert(track.id, ti) {
            out.push(Issue::new(
                tp.key("id"),
                K::DuplicateId,
                format!(
                    "track `{}` appears twice (first as track {})",
                    track.id,
                    first + 1
                ),
                "merge the two tracks into one; a ladder has one `ic` and one `management` track",
            ));
        }
        if track.rungs.is_empty() {
            out.push(Issue::new(
                tp.clone(),
                K::EmptyTrack,
                format!("track `{}` has no rungs", track.id),
                "add at least one [[tracks.rungs]] table under it, or remove the track",
            ));
        }
        for (ri, rung) in track.rungs.iter().enumerate() {
            let rp = tp.key("rungs").index(ri);
            blank(&mut out, &rp.key("id"), &rung.id, "a rung id");
            blank(&mut out, &rp.key("title"), &rung.title, "a rung title");
            if !rung.id.trim().is_empty()
                && let Some((t0, r0)) = seen_rungs.insert(rung.id.as_str(), (ti, ri))
            {
                let first = ladder.tracks.get(t0).map_or_else(String::new, |t| {
                    format!(" (first on track `{}`, rung {})", t.id, r0 + 1)
                });
                out.push(Issue::new(
                    rp.key("id"),
                    K::DuplicateId,
                    format!("rung id `{}` is used twice{first}", rung.id),
                    "give every rung a unique id across both tracks",
                ));
            }
            if let Some(r) = rung.reports
                && r.low > r.high
            {
                out.push(order_issue(
                    rp.key("reports"),
                    "reports",
                    r.low as f64,
                    r.high as f64,
                ));
            }
            if let Some(pay) = &rung.pay {
                if pay.low > pay.high {
                    out.push(order_issue(rp.key("pay"), "pay", pay.low, pay.high));
                }
                if pay.low < 0.0 || !pay.low.is_finite() || !pay.high.is_finite() {
                    out.push(Issue::new(
                        rp.key("pay"),
                        K::RangeOrder,
                        format!("pay band {}-{} is not a pair of positive amounts", pay.low, pay.high),
                        "write the band as positive yearly amounts, e.g. { low = 150000, high = 190000, currency = \"USD\" }",
                    ));
                }
            }
        }
    }

    let mut seen_pairs: HashSet<(&str, &str)> = HashSet::new();
    for (ei, eq) in ladder.equivalences.iter().enumerate() {
        let ep = root.key("equivalences").index(ei);
        for track in Track::ALL {
            let id = eq.on(track);
            let key = track.as_str();
            match ladder.rung(id) {
                Some((on, _)) if on == track => {}
                Some((on, _)) => out.push(Issue::new(
                    ep.key(key),
                    K::UnknownRung,
                    format!(
                        "`{key} = \"{id}\"` names a rung on the {on} track, not the {key} track"
                    ),
                    format!("put a {} rung id in `{key}`", track.label()),
                )),
                None => out.push(Issue::new(
                    ep.key(key),
                    K::UnknownRung,
                    format!("equivalence names unknown rung `{id}`"),
                    hint_ids(ladder, track),
                )),
            }
        }
        if !seen_pairs.insert((eq.ic.as_str(), eq.management.as_str())) {
            out.push(Issue::new(
                ep,
                K::DuplicateId,
                format!(
                    "the equivalence {} ~ {} is stated twice",
                    eq.ic, eq.management
                ),
                "remove the repeated [[equivalences]] table",
            ));
        }
    }
    out
}

/// A company ladder's `maps_to` entries against the reference ladder.
pub(crate) fn mappings(ladder: &Ladder, reference: &Ladder) -> Vec<Issue> {
    let mut out = Vec::new();
    for (ti, track) in ladder.tracks.iter().enumerate() {
        for (ri, rung) in track.rungs.iter().enumerate() {
            let Some(maps) = &rung.maps_to else { continue };
            let mp = Path::root()
                .key("tracks")
                .index(ti)
                .key("rungs")
                .index(ri)
                .key("maps_to");
            let Some(ref_track) = reference.track(track.id) else {
                continue;
            };
            let mut ok = true;
            // `maps_to = "x"` is the range x..x: one unknown id is one problem, not two.
            let ends = if maps.low == maps.high {
                vec![&maps.low]
            } else {
                vec![&maps.low, &maps.high]
            };
            for id in ends {
                if ref_track.rung(id).is_none() {
                    ok = false;
                    let other = reference.rung(id).map_or(String::new(), |(k, _)| {
                        format!(" (it is on the reference {k} track)")
                    });
                    out.push(Issue::new(
                        mp.clone(),
                        K::UnknownRung,
                        format!(
                            "`maps_to` names `{id}`, which is not a rung of the reference {} \
                             track{other}",
                            track.id.noun()
                        ),
                        hint_ids(reference, track.id),
                    ));
                }
            }
            if ok
                && let (Some(lo), Some(hi)) = (
                    ref_track.position(&maps.low),
                    ref_track.position(&maps.high),
                )
                && lo > hi
            {
                out.push(Issue::new(
                    mp,
                    K::RangeOrder,
                    format!(
                        "`maps_to` range runs downwards: `{}` is above `{}`",
                        maps.low, maps.high
                    ),
                    format!(
                        "write the lower rung first: [\"{}\", \"{}\"]",
                        maps.high, maps.low
                    ),
                ));
            }
        }
    }
    out
}

/// Rungs' `leadership_level` against the leadership ladder's levels.
pub(crate) fn rung_levels(ladder: &Ladder, leadership: &Leadership) -> Vec<Issue> {
    let mut out = Vec::new();
    for (ti, track) in ladder.tracks.iter().enumerate() {
        for (ri, rung) in track.rungs.iter().enumerate() {
            if let Some(level) = &rung.leadership_level
                && leadership.level(level).is_none()
            {
                let known: Vec<&str> = leadership.levels.iter().map(|l| l.id.as_str()).collect();
                out.push(Issue::new(
                    Path::root()
                        .key("tracks")
                        .index(ti)
                        .key("rungs")
                        .index(ri)
                        .key("leadership_level"),
                    K::UnknownReference,
                    format!("unknown leadership level `{level}`"),
                    format!("use one of: {}", known.join(", ")),
                ));
            }
        }
    }
    out
}

pub(crate) fn leadership(doc: &Leadership) -> Vec<Issue> {
    let mut out = Vec::new();
    let root = Path::root();

    let mut seen = HashSet::new();
    for (i, a) in doc.activities.iter().enumerate() {
        if !seen.insert(a.id) {
            out.push(dup(
                root.key("activities").index(i).key("id"),
                "activity",
                a.id.as_str(),
            ));
        }
    }

    let mut level_ids = HashSet::new();
    for (li, level) in doc.levels.iter().enumerate() {
        let lp = root.key("levels").index(li);
        if !level_ids.insert(level.id.as_str()) {
            out.push(dup(lp.key("id"), "level", &level.id));
        }
        let mut covered = HashSet::new();
        let (mut lows, mut highs) = (0.0, 0.0);
        for (ai, range) in level.time_allocation.iter().enumerate() {
            let ap = lp.key("time_allocation").index(ai);
            if !covered.insert(range.activity) {
                out.push(dup(
                    ap.key("activity"),
                    "time allocation for activity",
                    range.activity.as_str(),
                ));
            }
            percent(&mut out, &ap.key("low"), "low", range.low);
            percent(&mut out, &ap.key("high"), "high", range.high);
            if range.low > range.high {
                out.push(order_issue(
                    ap.key("low"),
                    range.activity.as_str(),
                    range.low,
                    range.high,
                ));
            }
            lows += range.low;
            highs += range.high;
        }
        let missing: Vec<&str> = Activity::ALL
            .iter()
            .filter(|a| !covered.contains(*a))
            .map(|a| a.as_str())
            .collect();
        if !missing.is_empty() {
            out.push(Issue::new(
                lp.key("time_allocation"),
                K::Missing,
                format!("level `{}` has no time allocation for: {}", level.id, missing.join(", ")),
                "add a [[levels.time_allocation]] entry for each missing activity (use low = 0, high = 0 for none)",
            ));
        } else if lows > 100.0 + SHARE_TOLERANCE || highs < 100.0 - SHARE_TOLERANCE {
            out.push(Issue::new(
                lp.key("time_allocation"),
                K::Percentage,
                format!(
                    "level `{}`: the ranges cannot describe a whole week (lows add up to {lows}%, highs to {highs}%)",
                    level.id
                ),
                "the lows must add up to at most 100 and the highs to at least 100",
            ));
        }
    }

    let mut transition_ids = HashSet::new();
    for (ti, t) in doc.transitions.iter().enumerate() {
        let tp = root.key("transitions").index(ti);
        if !transition_ids.insert(t.id.as_str()) {
            out.push(dup(tp.key("id"), "transition", &t.id));
        }
        for (key, id) in [("from", &t.from), ("to", &t.to)] {
            if doc.level(id).is_none() {
                out.push(Issue::new(
                    tp.key(key),
                    K::UnknownReference,
                    format!("transition `{}` names unknown level `{id}`", t.id),
                    format!(
                        "use a level id: {}",
                        ids(doc.levels.iter().map(|l| l.id.as_str()))
                    ),
                ));
            }
        }
    }

    let mut acc_ids = HashSet::new();
    for (ai, acc) in doc.accelerators.iter().enumerate() {
        let ap = root.key("accelerators").index(ai);
        if !acc_ids.insert(acc.id.as_str()) {
            out.push(dup(ap.key("id"), "accelerator", &acc.id));
        }
        for key in acc.by_transition.keys() {
            if doc.transition(key).is_none() {
                out.push(Issue::new(
                    ap.key("by_transition").key(key),
                    K::UnknownReference,
                    format!(
                        "accelerator `{}` gives advice for unknown transition `{key}`",
                        acc.id
                    ),
                    format!(
                        "use a transition id: {}",
                        ids(doc.transitions.iter().map(|t| t.id.as_str()))
                    ),
                ));
            }
        }
    }

    let mut path_ids = HashSet::new();
    for (ci, c) in doc.career_paths.iter().enumerate() {
        if !path_ids.insert(c.id.as_str()) {
            out.push(dup(
                root.key("career_paths").index(ci).key("id"),
                "career-path row",
                &c.id,
            ));
        }
    }
    out
}

pub(crate) fn comparison(doc: &Comparison) -> Vec<Issue> {
    let mut out = Vec::new();
    let root = Path::root();
    let mut seen = HashSet::new();
    for (di, d) in doc.dimensions.iter().enumerate() {
        let dp = root.key("dimensions").index(di);
        if !seen.insert(d.id.as_str()) {
            out.push(dup(dp.key("id"), "dimension", &d.id));
        }
        if let Some(shares) = &d.shares {
            for (key, s) in [("ic", &shares.ic), ("management", &shares.management)] {
                shares_issues(&mut out, &dp.key("shares").key(key), key, s);
            }
        }
    }
    if doc.calendar_shape().is_none() {
        let at = doc
            .dimensions
            .iter()
            .position(|d| d.id == CALENDAR_SHAPE)
            .map_or_else(
                || root.key("dimensions"),
                |i| root.key("dimensions").index(i),
            );
        out.push(Issue::new(
            at,
            K::Missing,
            "the comparison has no calendar shape shares; the track profiles come from them",
            "add a `calendar_shape` dimension with [dimensions.shares.ic] and [dimensions.shares.management] tables of meetings, async and focus percentages",
        ));
    }
    out
}

fn shares_issues(out: &mut Vec<Issue>, at: &Path, track: &str, s: &Shares) {
    percent(out, &at.key("meetings"), "meetings", s.meetings);
    percent(out, &at.key("async"), "async", s.async_);
    percent(out, &at.key("focus"), "focus", s.focus);
    let total = s.total();
    if (total - 100.0).abs() > SHARE_TOLERANCE {
        out.push(Issue::new(
            at.clone(),
            K::Percentage,
            format!("the {track} shares add up to {total}%, not 100%"),
            "adjust meetings, async and focus so they add up to 100",
        ));
    }
}

fn percent(out: &mut Vec<Issue>, at: &Path, what: &str, value: f64) {
    if !(0.0..=100.0).contains(&value) {
        out.push(Issue::new(
            at.clone(),
            K::Percentage,
            format!("`{what}` is {value}%, outside 0-100"),
            "write a percentage between 0 and 100",
        ));
    }
}

fn order_issue(at: Path, what: &str, low: f64, high: f64) -> Issue {
    Issue::new(
        at,
        K::RangeOrder,
        format!("the {what} range is out of order: low {low} is above high {high}"),
        "swap `low` and `high`",
    )
}

fn dup(at: Path, what: &str, id: &str) -> Issue {
    Issue::new(
        at,
        K::DuplicateId,
        format!("{what} id `{id}` is used twice"),
        "give each one a unique id, or merge the two",
    )
}

fn blank(out: &mut Vec<Issue>, at: &Path, value: &str, what: &str) {
    if value.trim().is_empty() {
        out.push(Issue::new(
            at.clone(),
            K::Missing,
            format!("{what} is empty"),
            format!("write {what}"),
        ));
    }
}

fn hint_ids(ladder: &Ladder, track: Track) -> String {
    match ladder.track(track) {
        Some(t) if !t.rungs.is_empty() => {
            let article = match track {
                Track::Ic => "an",
                Track::Management => "a",
            };
            format!(
                "use {article} {} rung id: {}",
                track.noun(),
                ids(t.rungs.iter().map(|r| r.id.as_str()))
            )
        }
        _ => format!("add a `{}` track with rungs first", track.as_str()),
    }
}

fn ids<'a>(all: impl Iterator<Item = &'a str>) -> String {
    all.collect::<Vec<_>>().join(", ")
}
