//! dualtrack-framework (skeleton).
