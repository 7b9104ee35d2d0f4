//! One module per subcommand.
pub mod admin;
pub mod assess;
pub mod calendar;
pub mod demo;
pub mod guide;
pub mod jobs;
pub mod ladder;
pub mod outlook;
pub mod plan;
pub mod report;
pub mod serve;
pub mod sources;
pub mod switchback;
pub mod trial;
