//! dualtrack-calendar: `.ics` bytes -> occurrences inside a window -> classified time -> shape.
//!
//! (Overview to be completed as the engine lands.)

pub mod occurrence;

pub use occurrence::{Attendee, EventStatus, EventTime, Occurrence, PartStat};
