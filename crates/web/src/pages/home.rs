//! The home page: what dualtrack is for and the three ways in.

use askama::Template;
use axum::response::Html;

use crate::error::AppError;
use crate::session::Visitor;
use crate::view::{Chrome, Section, render};

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    chrome: Chrome,
}

/// `GET /`.
pub async fn page(visitor: Visitor) -> Result<Html<String>, AppError> {
    render(&HomePage {
        chrome: visitor.chrome(Section::Home),
    })
}
