//! How each engine's errors become HTTP errors: the caller's mistakes are 4xx with the
//! engine's own message (it names the place and the fix); the server's are 5xx and hidden.

use dualtrack_assess::AssessError;
use dualtrack_board::StoreError;

use crate::error::AppError;

impl From<AssessError> for AppError {
    fn from(err: AssessError) -> Self {
        match err {
            AssessError::Syntax { .. } | AssessError::WrongType { .. } => {
                Self::BadRequest(err.to_string())
            }
            AssessError::TooLarge { .. } => Self::TooLarge(err.to_string()),
            AssessError::UnknownQuestion { .. }
            | AssessError::UnknownOption { .. }
            | AssessError::MissingAnswer { .. }
            | AssessError::Duplicate { .. } => Self::Unprocessable(err.to_string()),
            AssessError::Questionnaire { .. } => Self::internal(err),
        }
    }
}

impl From<StoreError> for AppError {
    fn from(err: StoreError) -> Self {
        match err {
            StoreError::NotFound { .. } => Self::NotFound(err.to_string()),
            StoreError::Conflict(message) => Self::Conflict(message),
            StoreError::NotAllowed(message) => Self::Forbidden(message),
            StoreError::InvalidInput(message) => Self::BadRequest(message),
            StoreError::Connect { .. } => Self::Unavailable,
            other => Self::internal(other),
        }
    }
}
