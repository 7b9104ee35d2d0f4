//! One module per subcommand.
pub mod ladder;
pub mod guide;
pub mod assess;
pub mod calendar;
pub mod outlook;
pub mod switchback;
pub mod plan;
pub mod report;
pub mod serve;
