//! The parsed model of a `VEVENT` and the pieces that build it from calcard's output.

mod content_line;
pub(crate) mod event;
pub(crate) mod lexer;
pub(crate) mod stamp;

pub use event::Event;
