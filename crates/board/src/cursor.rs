//! The opaque keyset cursor of listing search.
//!
//! Results are ordered newest first by `(posted_at, id)`; a cursor holds the last pair of a
//! page so the next page starts strictly after it. Unlike an offset, it neither skips nor
//! repeats rows when listings are added between requests.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};

use crate::StoreError;

/// Version tag inside the cursor, so the format can change without misreading old cursors.
const VERSION: &str = "v1";
/// Version tag of a cursor into preference-ranked results (score first).
const RANKED: &str = "r1";

/// Longest encoded cursor accepted; real ones are about 30 characters.
const MAX_ENCODED_LEN: usize = 128;

/// Position after which the next page starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cursor {
    /// Whole seconds (listings are stored at second precision).
    pub posted_at: DateTime<Utc>,
    pub id: i64,
    /// The preference score (half-points) of the last listing, when results are ranked.
    pub score: Option<u32>,
}

impl Cursor {
    /// The opaque, URL-safe form.
    #[must_use]
    pub fn encode(&self) -> String {
        let plain = match self.score {
            None => format!("{VERSION}.{}.{}", self.posted_at.timestamp(), self.id),
            Some(score) => format!(
                "{RANKED}.{score}.{}.{}",
                self.posted_at.timestamp(),
                self.id
            ),
        };
        URL_SAFE_NO_PAD.encode(plain)
    }

    /// Reads a cursor produced by [`Cursor::encode`].
    ///
    /// # Errors
    /// [`StoreError::InvalidInput`] telling the caller to pass `next` back unchanged.
    pub fn decode(text: &str) -> Result<Self, StoreError> {
        let invalid = || {
            StoreError::invalid(
                "invalid cursor: pass the `next` value of the previous page unchanged, or omit \
                 `cursor` to start from the newest listings",
            )
        };
        if text.len() > MAX_ENCODED_LEN {
            return Err(invalid());
        }
        let bytes = URL_SAFE_NO_PAD.decode(text).map_err(|_| invalid())?;
        let plain = String::from_utf8(bytes).map_err(|_| invalid())?;
        let parts: Vec<&str> = plain.split('.').collect();
        let (score, secs, id) = match parts.as_slice() {
            [VERSION, secs, id] => (None, *secs, *id),
            [RANKED, score, secs, id] => (
                Some(score.parse::<u32>().map_err(|_| invalid())?),
                *secs,
                *id,
            ),
            _ => return Err(invalid()),
        };
        let secs: i64 = secs.parse().map_err(|_| invalid())?;
        let id: i64 = id.parse().map_err(|_| invalid())?;
        let posted_at = DateTime::from_timestamp(secs, 0).ok_or_else(invalid)?;
        Ok(Self {
            posted_at,
            id,
            score,
        })
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        #[test]
        fn encode_then_decode_is_identity(
            secs in -62_135_596_800_i64..253_402_300_799,
            id in any::<i64>(),
            score in proptest::option::of(any::<u32>()),
        ) {
            let cursor = Cursor { posted_at: DateTime::from_timestamp(secs, 0).unwrap(), id, score };
            let encoded = cursor.encode();
            prop_assert!(encoded.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
            prop_assert_eq!(Cursor::decode(&encoded).unwrap(), cursor);
        }

        #[test]
        fn decoding_arbitrary_text_never_panics(text in ".{0,200}") {
            let _ = Cursor::decode(&text);
        }
    }

    #[test]
    fn garbage_is_refused_with_a_hint() {
        for bad in [
            "",
            "not base64!",
            "djEuMTIz",
            &URL_SAFE_NO_PAD.encode("v2.1.2"),
            &"A".repeat(500),
        ] {
            let err = Cursor::decode(bad).unwrap_err();
            assert!(matches!(err, StoreError::InvalidInput(_)), "{bad}");
            assert!(err.to_string().contains("unchanged"), "{err}");
        }
    }
}
