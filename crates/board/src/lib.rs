//! dualtrack-board (skeleton).
