//! The two tracks as a `--track` value, for every command that takes one. The names are the
//! framework's track ids, so a value printed by one command can be typed into another.

use dualtrack_framework::Track;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum TrackArg {
    /// The IC track (Staff, Principal, Distinguished).
    Ic,
    /// The management track (Manager, Director, VP).
    Management,
}

impl From<TrackArg> for Track {
    fn from(track: TrackArg) -> Self {
        match track {
            TrackArg::Ic => Track::Ic,
            TrackArg::Management => Track::Management,
        }
    }
}

#[cfg(test)]
mod tests {
    use clap::ValueEnum as _;

    use super::TrackArg;
    use dualtrack_framework::Track;

    /// What clap accepts is what the framework calls the track.
    #[test]
    fn values_are_the_framework_ids() {
        for arg in TrackArg::value_variants() {
            let name = arg.to_possible_value().map(|v| v.get_name().to_owned());
            assert_eq!(name.as_deref(), Some(Track::from(*arg).as_str()));
        }
    }
}
