//! How the board's values read to people, written once for both shells: the CLI's text and
//! Markdown and the web's pages say a salary and a rung the same way.

use dualtrack_framework::Framework;
use dualtrack_framework::numbers::thousands;

use crate::SalaryRange;

/// `EUR 180,000–220,000`: the currency, then the range with thousands separators and an en
/// dash.
#[must_use]
pub fn salary_text(salary: &SalaryRange) -> String {
    format!(
        "{} {}–{}",
        salary.currency,
        thousands(salary.min.into()),
        thousands(salary.max.into())
    )
}

/// The title of rung `id` on the framework's reference ladder ("Staff Engineer" for
/// `staff_engineer`), or the id made readable ("staff engineer") when the ladder lacks it.
#[must_use]
pub fn rung_title(framework: &Framework, id: &str) -> String {
    framework
        .ladder()
        .rung(id)
        .map_or_else(|| id.replace('_', " "), |(_, rung)| rung.title.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn salaries_get_thousands_separators_and_an_en_dash() {
        let salary = SalaryRange {
            min: 95_000,
            max: 1_250_000,
            currency: "EUR".into(),
        };
        assert_eq!(salary_text(&salary), "EUR 95,000–1,250,000");
    }

    #[test]
    fn rungs_read_as_their_titles() {
        let fw = Framework::embedded().unwrap();
        assert_eq!(rung_title(&fw, "staff_engineer"), "Staff Engineer");
        assert_eq!(rung_title(&fw, "chief_wizard"), "chief wizard");
    }
}
