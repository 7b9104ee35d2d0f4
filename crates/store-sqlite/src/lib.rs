//! dualtrack-store-sqlite (skeleton).
