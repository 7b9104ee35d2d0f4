//! Sending mail: through an SMTP server when one is configured, otherwise into a local outbox
//! folder that the `/dev/outbox` page lists for someone running dualtrack on their own machine.
//!
//! The API is one call, [`Mailer::send`]`(to, subject, text_body)`, used by employee
//! verification and, later, trial reminders. Messages are plain text.

use std::path::{Path, PathBuf};
use std::time::Duration;

use base64::Engine as _;
use chrono::{DateTime, Utc};
use lettre::message::header::ContentType;
use lettre::message::{Mailbox, Message};
use lettre::{AsyncSmtpTransport, AsyncTransport as _, Tokio1Executor};
use rand::RngCore as _;

/// The sender used when none is configured.
pub const DEFAULT_FROM: &str = "dualtrack <no-reply@dualtrack.invalid>";

/// Name of the outbox folder inside the data directory.
pub const OUTBOX_DIR: &str = "outbox";

/// Newest outbox messages the page shows.
pub const OUTBOX_PAGE: usize = 50;

/// Largest outbox file the page reads; ours are a few kilobytes.
const MAX_OUTBOX_FILE: u64 = 256 * 1024;

/// Why a message could not be sent.
#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("`{0}` is not an address mail can be sent to; write it as name@company.example")]
    Address(String),
    #[error("the message could not be built: {0}")]
    Build(String),
    #[error("the mail server refused or could not be reached: {0}; check --smtp-url")]
    Smtp(String),
    #[error(
        "the SMTP URL does not parse ({0}); write it as smtp://HOST:PORT, \
         smtp://USER:PASS@HOST?tls=required or smtps://USER:PASS@HOST"
    )]
    Url(String),
    #[error("the message could not be written to the outbox {path}: {source}")]
    Outbox {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("this server has no way to send mail; start it with --smtp-url or a data directory")]
    Disabled,
}

/// Where messages go.
#[derive(Clone, Debug, Default)]
pub enum Mailer {
    /// Through an SMTP server.
    Smtp {
        transport: AsyncSmtpTransport<Tokio1Executor>,
        from: Mailbox,
    },
    /// As `.eml` files in a folder (nothing leaves the machine).
    Outbox { dir: PathBuf, from: Mailbox },
    /// Nowhere: sending fails with [`MailError::Disabled`].
    #[default]
    Disabled,
}

fn mailbox(from: Option<&str>) -> Result<Mailbox, MailError> {
    let from = from.unwrap_or(DEFAULT_FROM);
    from.parse()
        .map_err(|_| MailError::Address(from.to_owned()))
}

impl Mailer {
    /// A mailer sending through the SMTP server at `url` (`smtp://host:port`,
    /// `smtp://host?tls=required`, `smtps://user:pass@host`), from `from` (default
    /// [`DEFAULT_FROM`]). Call it inside the Tokio runtime that will send: the connection
    /// pool lives there.
    ///
    /// # Errors
    /// When the URL or the sender does not parse.
    pub fn smtp(url: &str, from: Option<&str>) -> Result<Self, MailError> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| MailError::Url(e.to_string()))?
            .timeout(Some(Duration::from_secs(20)))
            .build();
        Ok(Self::Smtp {
            transport,
            from: mailbox(from)?,
        })
    }

    /// A mailer writing into `dir` (created on first use).
    ///
    /// # Errors
    /// When the sender does not parse.
    pub fn outbox(dir: impl Into<PathBuf>, from: Option<&str>) -> Result<Self, MailError> {
        Ok(Self::Outbox {
            dir: dir.into(),
            from: mailbox(from)?,
        })
    }

    /// The outbox folder, when messages go there rather than to a server.
    pub fn outbox_dir(&self) -> Option<&Path> {
        match self {
            Self::Outbox { dir, .. } => Some(dir),
            _ => None,
        }
    }

    /// Sends one plain-text message.
    ///
    /// # Errors
    /// A [`MailError`] saying what failed.
    pub async fn send(&self, to: &str, subject: &str, text_body: &str) -> Result<(), MailError> {
        let from = match self {
            Self::Smtp { from, .. } | Self::Outbox { from, .. } => from.clone(),
            Self::Disabled => return Err(MailError::Disabled),
        };
        let to: Mailbox = to.parse().map_err(|_| MailError::Address(to.to_owned()))?;
        let message = Message::builder()
            .from(from)
            .to(to)
            .subject(subject)
            .header(ContentType::TEXT_PLAIN)
            .body(text_body.to_owned())
            .map_err(|e| MailError::Build(e.to_string()))?;
        match self {
            Self::Smtp { transport, .. } => transport
                .send(message)
                .await
                .map(|_| ())
                .map_err(|e| MailError::Smtp(e.to_string())),
            Self::Outbox { dir, .. } => write_outbox(dir, &message.formatted()).await,
            Self::Disabled => Err(MailError::Disabled),
        }
    }
}

async fn write_outbox(dir: &Path, bytes: &[u8]) -> Result<(), MailError> {
    let failed = |path: &Path| {
        let path = path.to_owned();
        move |source| MailError::Outbox { path, source }
    };
    tokio::fs::create_dir_all(dir).await.map_err(failed(dir))?;
    let mut suffix = [0u8; 6];
    rand::rngs::OsRng.fill_bytes(&mut suffix);
    let suffix: String = suffix.iter().map(|b| format!("{b:02x}")).collect();
    // Millisecond time first, so name order is time order.
    let name = format!("{:014}-{suffix}.eml", Utc::now().timestamp_millis());
    let path = dir.join(name);
    tokio::fs::write(&path, bytes).await.map_err(failed(&path))
}

/// One message read back from the outbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxMessage {
    pub to: String,
    pub subject: String,
    /// When it was written.
    pub at: DateTime<Utc>,
    pub body: String,
}

/// The newest messages in `dir`, newest first, at most `limit`. A missing folder is empty;
/// unreadable or oversized files are skipped.
pub async fn read_outbox(dir: &Path, limit: usize) -> Vec<OutboxMessage> {
    let Ok(mut entries) = tokio::fs::read_dir(dir).await else {
        return Vec::new();
    };
    let mut names = Vec::new();
    while let Ok(Some(entry)) = entries.next_entry().await {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".eml") {
            names.push(name);
        }
    }
    names.sort_unstable_by(|a, b| b.cmp(a));
    let mut messages = Vec::new();
    for name in names.into_iter().take(limit) {
        let path = dir.join(&name);
        let Ok(meta) = tokio::fs::metadata(&path).await else {
            continue;
        };
        if meta.len() > MAX_OUTBOX_FILE {
            continue;
        }
        let Ok(bytes) = tokio::fs::read(&path).await else {
            continue;
        };
        let at = name
            .split('-')
            .next()
            .and_then(|millis| millis.parse::<i64>().ok())
            .and_then(DateTime::from_timestamp_millis)
            .unwrap_or_default();
        messages.push(parse_message(&String::from_utf8_lossy(&bytes), at));
    }
    messages
}

/// Reads a message as we write it: the `To` and `Subject` headers, and the body decoded
/// (7bit, quoted-printable or base64). `at` is when it was written.
pub fn parse_message(text: &str, at: DateTime<Utc>) -> OutboxMessage {
    let (head, body) = text
        .split_once("\r\n\r\n")
        .or_else(|| text.split_once("\n\n"))
        .unwrap_or((text, ""));
    // Unfold continuation lines before reading headers.
    let head = head.replace("\r\n ", " ").replace("\n ", " ");
    let header = |name: &str| {
        head.lines()
            .find_map(|line| {
                let (key, value) = line.split_once(':')?;
                key.eq_ignore_ascii_case(name)
                    .then(|| value.trim().to_owned())
            })
            .unwrap_or_default()
    };
    let encoding = header("Content-Transfer-Encoding").to_ascii_lowercase();
    let body = match encoding.as_str() {
        "quoted-printable" => decode_quoted_printable(body),
        "base64" => {
            let compact: String = body.split_whitespace().collect();
            base64::engine::general_purpose::STANDARD
                .decode(compact)
                .map(|b| String::from_utf8_lossy(&b).into_owned())
                .unwrap_or_else(|_| body.to_owned())
        }
        _ => body.to_owned(),
    };
    OutboxMessage {
        to: header("To"),
        subject: header("Subject"),
        at,
        body: body.replace("\r\n", "\n"),
    }
}

fn decode_quoted_printable(text: &str) -> String {
    let joined = text.replace("=\r\n", "").replace("=\n", "");
    let bytes = joined.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'=', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_outbox_keeps_messages_newest_first() {
        let dir = tempfile::tempdir().unwrap();
        let mailer = Mailer::outbox(dir.path().join(OUTBOX_DIR), None).unwrap();
        mailer
            .send("ana@lumenfold.example", "First", "one\nhttp://x.example/a")
            .await
            .unwrap();
        tokio::time::sleep(Duration::from_millis(5)).await;
        let long = format!("café {}", "word ".repeat(300));
        mailer
            .send("bo@lumenfold.example", "Second", &long)
            .await
            .unwrap();
        let messages = read_outbox(mailer.outbox_dir().unwrap(), 10).await;
        assert_eq!(messages.len(), 2);
        assert_eq!(messages[0].subject, "Second");
        assert_eq!(messages[0].to, "bo@lumenfold.example");
        assert_eq!(messages[0].body.trim_end(), long.trim_end());
        assert_eq!(messages[1].body, "one\nhttp://x.example/a");
        assert!(messages[0].at >= messages[1].at);
    }

    #[tokio::test]
    async fn bad_addresses_and_no_mailer_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let mailer = Mailer::outbox(dir.path(), None).unwrap();
        assert!(matches!(
            mailer.send("not an address", "s", "b").await,
            Err(MailError::Address(_))
        ));
        assert!(matches!(
            Mailer::Disabled.send("a@b.example", "s", "b").await,
            Err(MailError::Disabled)
        ));
        assert!(read_outbox(&dir.path().join("missing"), 5).await.is_empty());
    }

    #[tokio::test]
    async fn a_bad_smtp_url_says_how_to_write_one() {
        let err = Mailer::smtp("mail.example", None).unwrap_err().to_string();
        assert!(err.contains("smtp://HOST:PORT"), "{err}");
        assert!(Mailer::smtp("smtp://127.0.0.1:2525", Some("not a mailbox")).is_err());
    }

    #[test]
    fn quoted_printable_decodes() {
        assert_eq!(decode_quoted_printable("caf=C3=A9 =\r\nok=3D"), "café ok=");
    }
}
