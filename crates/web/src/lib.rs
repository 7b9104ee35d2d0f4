//! dualtrack-web (skeleton).
