//! Markdown for every decide result. The report reuses the section renderers with deeper
//! headings, so a plan reads the same on its own and inside the report.

mod outlook;
mod plans;
mod switchback;

pub use outlook::outlook;
pub(crate) use outlook::{considerations, track_outlook};
pub use plans::{plan, transition, trial};
pub use switchback::estimate;

/// A percent range like `70-90%` (whole numbers print without decimals).
#[must_use]
pub fn percent_range(range: [f64; 2]) -> String {
    format!("{}-{}%", number(range[0]), number(range[1]))
}

/// A number without a trailing `.0`.
#[must_use]
pub fn number(n: f64) -> String {
    if n.fract() == 0.0 {
        format!("{n:.0}")
    } else {
        format!("{n}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_ranges() {
        assert_eq!(percent_range([70.0, 90.0]), "70-90%");
        assert_eq!(percent_range([0.0, 2.5]), "0-2.5%");
    }
}
