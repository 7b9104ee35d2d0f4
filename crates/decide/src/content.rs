//! The three data files of the decide engine, loaded together.

use crate::error::DecideError;
use crate::outlook::Outlook;
use crate::plans::Plans;
use crate::switchback::SwitchbackModel;

/// Outlook, switch-back model and plans: everything `decide` reads from `data/`.
#[derive(Debug, Clone, PartialEq)]
pub struct Content {
    pub outlook: Outlook,
    pub switchback: SwitchbackModel,
    pub plans: Plans,
}

impl Content {
    /// The built-in content.
    ///
    /// # Errors
    /// Only if an embedded file is broken, which the unit tests rule out.
    pub fn embedded() -> Result<Self, DecideError> {
        Ok(Self {
            outlook: Outlook::embedded()?,
            switchback: SwitchbackModel::embedded()?,
            plans: Plans::embedded()?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_content_loads() {
        let content = Content::embedded().unwrap();
        assert_eq!(content.outlook.tracks.len(), 2);
        assert_eq!(content.switchback.bands.len(), 3);
        assert_eq!(content.plans.onboarding.phases.len(), 3);
    }
}
