//! The four seed documents dualtrack's content comes from: their titles, what we take from each,
//! and the section headings a `source` may name.

use serde::Serialize;

/// One of the four documents the tool's content comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Seed {
    /// `"000"` to `"003"`: the prefix of the file name in `../shared/seeds/`.
    pub id: &'static str,
    pub title: &'static str,
    /// What kind of document it is.
    pub kind: &'static str,
    /// What dualtrack takes from it.
    pub uses: &'static [&'static str],
    /// The section headings that `section` may name.
    pub sections: &'static [&'static str],
}

/// The four seed documents. Titles come from the documents themselves (their own heading where
/// they have one, their subject line where they do not).
pub const SEEDS: [Seed; 4] = [
    Seed {
        id: "000",
        title: "IC or management: which track fits you",
        kind: "a long guide from a culture-matched job board",
        uses: &[
            "the reference dual ladder (six IC rungs, six management rungs) and which rungs pair up",
            "the nine-dimension comparison of the tracks, including the calendar shape used to read calendars",
            "the six questions of the assessment, their readings, and the false reasons to switch",
            "the five-year outlook on each track, and when to know your direction (years 5-7)",
            "the switch-back bands (18 months, three years, five years) and the fast-moving-organisation point",
            "the 6-12 month management trial, the FAQ answers, and the culture filters of the job board",
        ],
        sections: &[
            "Short answer",
            "The two ladders, side by side",
            "Individual Contributor",
            "Management",
            "What actually differs between the tracks",
            "The 6 questions",
            "QUESTION 1",
            "QUESTION 2",
            "QUESTION 3",
            "QUESTION 4",
            "QUESTION 5",
            "QUESTION 6",
            "Looking for the kind of company that takes the IC track seriously?",
            "The five-year reality, on each track",
            "If you stay IC and pursue Staff/Principal",
            "If you switch to management",
            "What the data says about switching back",
            "The framework, summarized",
            "The bottom line",
            "Frequently asked questions",
            // The FAQ's questions are headings too (the seed ends each with its expand
            // control, a `+`, which citations leave out).
            "What's the difference between individual contributor and management track?",
            "Does the management track always pay more than IC?",
            "Is it harder to switch from management back to IC?",
            "When should I switch to the management track?",
            "Can I be a great engineer without ever becoming a manager?",
            "What's the worst reason to become a manager?",
            "How long should I wait before deciding between IC and management?",
        ],
    },
    Seed {
        id: "001",
        title: "Staff engineer or engineering manager: an essay on the choice",
        kind: "a personal essay by an engineer who faced the decision twice",
        uses: &[
            "what Staff work and manager work actually consist of (Staff weeks are meetings and writing too)",
            "management as a full-time job that looks part-time; a realistic coding share for a manager",
            "reversibility: skills come back in months; organisational capital does not transfer",
            "the problems that suggest each track, and the warning against choosing for status",
        ],
        sections: &[
            "Introduction",
            "What the Paths Actually Are",
            "The Thing Nobody Tells You About EM",
            "The Thing Nobody Tells You About Staff",
            "On Reversibility",
            "What I'd Tell Someone Facing the Choice",
        ],
    },
    Seed {
        id: "002",
        title: "The IC-to-manager transition: an identity shift",
        kind: "a news feature on engineers becoming managers",
        uses: &[
            "why people work is not simpler than systems work: longer feedback loops, less control, no fixed 'done'",
            "the identity shift: impact becomes indirect and lags by months",
            "the counterweight to parity: budget, headcount and strategic influence still sit with management",
            "selection rewards technical aptitude more than managerial disposition; builders are more visible than team builders",
            "the choice shapes the experience of everyone who will report to you; onboarding new managers",
        ],
        sections: &[
            "Introduction",
            "The Identity Problem at the Core of the Pivot",
            "Why the Industry Structure Reinforces the Problem",
        ],
    },
    Seed {
        id: "003",
        title: "Engineering Leadership Career Path",
        kind: "a documentation page on the leadership ladder IC, Manager, Director, VP",
        uses: &[
            "the leadership levels: scope, team size (a manager's team of 5-12 engineers), planning horizon",
            "skills at each level and the day-to-day time allocation tables",
            "the key shifts at each transition and the accelerators",
            "career path considerations: ceiling, satisfaction, risk, reversibility",
        ],
        sections: &[
            "Engineering Leadership Career Path",
            "The Leadership Ladder",
            "Organizational Scope",
            "Skills Evolution Across the Ladder",
            "Day-to-Day Time Allocation",
            "Key Shifts at Each Transition",
            "Universal Accelerators (Apply to All Transitions)",
            "Transition-Specific Accelerators",
            "IC → Manager",
            "Manager → Director",
            "Director → VP",
            "Career Path Considerations",
        ],
    },
];

/// The seed with id `id`, if there is one.
#[must_use]
pub fn seed(id: &str) -> Option<&'static Seed> {
    SEEDS.iter().find(|s| s.id == id)
}
