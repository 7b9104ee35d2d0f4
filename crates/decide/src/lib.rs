//! dualtrack-decide (skeleton).
