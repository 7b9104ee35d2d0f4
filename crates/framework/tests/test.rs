//! Integration tests of dualtrack-framework: loading, validation, audit, mapping.

mod test {
    pub mod audit;
    pub mod embedded;
    pub mod mapping;
    pub mod robustness;
    pub mod validation;
}
