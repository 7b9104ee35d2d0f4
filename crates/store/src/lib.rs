//! dualtrack-store (skeleton).
