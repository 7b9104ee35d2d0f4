//! The review as Markdown, snapshotted: what a person reads at each gate.

use dualtrack_trial::SwitchbackClock;
use dualtrack_trial::markdown::{render_clock, render_review};

use super::common::*;
use super::story::simulated;

#[test]
fn month_six_review_markdown() {
    let content = content();
    let t = simulated(&content);
    let md = render_review(&t.review(&content, "month-6").unwrap(), 1);
    insta::assert_snapshot!(md);
}

#[test]
fn first_gate_review_markdown() {
    let content = content();
    let t = simulated(&content);
    let md = render_review(&t.review(&content, "first-gate").unwrap(), 2);
    assert!(md.starts_with("## Trial review: First gate"));
    insta::assert_snapshot!(md);
}

#[test]
fn switch_back_clock_markdown() {
    let content = content();
    let clock = SwitchbackClock::build(&content.switchback, "scale-up", false, 6, 4).unwrap();
    insta::assert_snapshot!(render_clock(&clock, 2));
}
