//! dualtrack-store-postgres (skeleton).
