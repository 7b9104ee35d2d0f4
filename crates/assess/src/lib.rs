//! dualtrack-assess (skeleton).
