//! Reading multipart uploads: the anti-forgery token first, then fields and files, with the
//! files' total size capped while it streams in, so an oversized upload is refused before it
//! is all in memory. Uploaded files are only ever held in memory.

use axum::extract::multipart::{Field, MultipartError};
use axum::extract::{FromRequest, Multipart, Request};
use axum::http::StatusCode;

use crate::error::AppError;
use crate::form::media_type;
use crate::limits::SMALL_BODY;
use crate::security::{CSRF_FIELD, CsrfChecked, ExpectedCsrf, same_secret};

/// One uploaded file.
#[derive(Debug)]
pub struct File {
    /// The form field it came in.
    pub field: String,
    /// The name the browser gave (only for messages; never used as a path).
    pub name: String,
    pub bytes: Vec<u8>,
}

/// A parsed multipart form.
#[derive(Debug, Default)]
pub struct Upload {
    pub fields: crate::form::Pairs,
    pub files: Vec<File>,
}

/// Read a multipart form posted to a page. The first part must be the CSRF token; files and
/// text fields together may hold at most `file_limit` bytes, and `too_large` explains the limit.
pub async fn read(
    request: Request,
    file_limit: usize,
    too_large: fn() -> String,
) -> Result<Upload, AppError> {
    if media_type(request.headers()) != "multipart/form-data" {
        return Err(AppError::UnsupportedMediaType(
            "This form must be sent as multipart/form-data.".into(),
        ));
    }
    let expected = request.extensions().get::<ExpectedCsrf>().cloned();
    // Without either mark the guard did not see this request: refuse rather than trust it.
    let checked = request.extensions().get::<CsrfChecked>().is_some();
    if expected.is_none() && !checked {
        return Err(AppError::Csrf);
    }
    let mut multipart = Multipart::from_request(request, &()).await.map_err(|_| {
        AppError::BadRequest("This form must be sent as multipart/form-data.".into())
    })?;
    let map_err = |err: MultipartError| {
        if err.status() == StatusCode::PAYLOAD_TOO_LARGE {
            AppError::TooLarge(too_large())
        } else {
            AppError::BadRequest(format!(
                "The upload could not be read ({}). Try sending it again.",
                err.body_text()
            ))
        }
    };
    let mut upload = Upload::default();
    let mut verified = checked;
    let mut total = 0usize;
    while let Some(mut field) = multipart.next_field().await.map_err(map_err)? {
        let name = field.name().unwrap_or_default().to_owned();
        if checked && name == CSRF_FIELD && upload.fields.0.is_empty() && upload.files.is_empty() {
            // The header carried the token; a form field with it too is not a form value.
            continue;
        }
        if !verified {
            // Nothing else is read before the token checks out.
            let given = if name == CSRF_FIELD {
                text(field, SMALL_BODY)
                    .await
                    .map_err(map_err)?
                    .unwrap_or_default()
            } else {
                String::new()
            };
            match &expected {
                Some(expected) if same_secret(&expected.0, &given) => verified = true,
                _ => return Err(AppError::Csrf),
            }
            continue;
        }
        match field.file_name().map(str::to_owned) {
            Some(file_name) => {
                let mut bytes = Vec::new();
                while let Some(chunk) = field.chunk().await.map_err(map_err)? {
                    total += chunk.len();
                    if total > file_limit {
                        return Err(AppError::TooLarge(too_large()));
                    }
                    bytes.extend_from_slice(&chunk);
                }
                // A file input left empty still sends a part with no name and no bytes.
                if !(file_name.is_empty() && bytes.is_empty()) {
                    upload.files.push(File {
                        field: name,
                        name: file_name,
                        bytes,
                    });
                }
            }
            None => {
                let room = file_limit.saturating_sub(total);
                let value = text(field, room)
                    .await
                    .map_err(map_err)?
                    .ok_or_else(|| AppError::TooLarge(too_large()))?;
                total += value.len();
                upload.fields.0.push((name, value));
            }
        }
    }
    if !verified {
        return Err(AppError::Csrf);
    }
    upload.fields.refuse_control_chars()?;
    Ok(upload)
}

/// A text field of at most `cap` bytes; `None` when it is longer.
async fn text(mut field: Field<'_>, cap: usize) -> Result<Option<String>, MultipartError> {
    let mut bytes = Vec::new();
    while let Some(chunk) = field.chunk().await? {
        bytes.extend_from_slice(&chunk);
        if bytes.len() > cap {
            return Ok(None);
        }
    }
    Ok(Some(String::from_utf8_lossy(&bytes).into_owned()))
}
