//! `/dev/outbox`: the messages this server would have mailed, for someone running dualtrack on
//! their own machine with no mail server. Served only when no SMTP server is configured and the
//! request comes straight from this machine (a loopback peer, no proxy in between); everyone
//! else gets the ordinary 404.

use std::net::SocketAddr;

use askama::Template;
use axum::extract::{ConnectInfo, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};

use crate::error::AppError;
use crate::mail::{OUTBOX_PAGE, read_outbox};
use crate::session::Visitor;
use crate::state::AppState;
use crate::view::{Chrome, Section, render};

/// A piece of a message body: text, or a link to make clickable.
pub struct Piece {
    pub text: String,
    pub link: bool,
}

pub struct MessageView {
    pub to: String,
    pub subject: String,
    pub at: String,
    pub body: Vec<Piece>,
}

#[derive(Template)]
#[template(path = "outbox.html")]
struct OutboxPage {
    chrome: Chrome,
    folder: String,
    messages: Vec<MessageView>,
}

/// Splits `text` into plain text and `http(s)://` links (up to the next whitespace).
fn pieces(text: &str) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = ["http://", "https://"]
        .iter()
        .filter_map(|scheme| rest.find(scheme))
        .min()
    {
        let (before, from) = rest.split_at(start);
        let end = from.find(char::is_whitespace).unwrap_or(from.len());
        let (link, after) = from.split_at(end);
        if !before.is_empty() {
            out.push(Piece {
                text: before.to_owned(),
                link: false,
            });
        }
        out.push(Piece {
            text: link.to_owned(),
            link: true,
        });
        rest = after;
    }
    if !rest.is_empty() {
        out.push(Piece {
            text: rest.to_owned(),
            link: false,
        });
    }
    out
}

fn from_this_machine(peer: Option<&ConnectInfo<SocketAddr>>, headers: &HeaderMap) -> bool {
    let proxied = headers.contains_key("x-forwarded-for") || headers.contains_key("forwarded");
    !proxied && peer.is_some_and(|ConnectInfo(addr)| addr.ip().is_loopback())
}

/// `GET /dev/outbox`.
pub async fn page(
    State(state): State<AppState>,
    visitor: Visitor,
    request: axum::extract::Request,
) -> Result<Response, AppError> {
    let peer = request.extensions().get::<ConnectInfo<SocketAddr>>();
    let headers = request.headers();
    let Some(dir) = state.mailer().outbox_dir() else {
        return Err(crate::error::not_found().await);
    };
    if !from_this_machine(peer, headers) {
        return Err(crate::error::not_found().await);
    }
    let messages = read_outbox(dir, OUTBOX_PAGE)
        .await
        .into_iter()
        .map(|m| MessageView {
            to: m.to,
            subject: m.subject,
            at: m
                .at
                .format("%e %B %Y, %H:%M:%S UTC")
                .to_string()
                .trim()
                .to_owned(),
            body: pieces(&m.body),
        })
        .collect();
    let page = OutboxPage {
        chrome: visitor.chrome(Section::None),
        folder: dir.display().to_string(),
        messages,
    };
    Ok(render(&page)?.into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_found_in_text() {
        let found = pieces("Open\n\nhttp://localhost/account/verify/abc\n\nthen go.");
        let links: Vec<_> = found.iter().filter(|p| p.link).map(|p| &p.text).collect();
        assert_eq!(links, ["http://localhost/account/verify/abc"]);
        assert_eq!(found.len(), 3);
        assert_eq!(pieces("no links").len(), 1);
    }

    #[test]
    fn only_a_direct_loopback_peer_sees_the_outbox() {
        let local = ConnectInfo(SocketAddr::from(([127, 0, 0, 1], 4000)));
        let remote = ConnectInfo(SocketAddr::from(([192, 0, 2, 7], 4000)));
        let mut headers = HeaderMap::new();
        assert!(from_this_machine(Some(&local), &headers));
        assert!(!from_this_machine(Some(&remote), &headers));
        assert!(!from_this_machine(None, &headers));
        headers.insert("x-forwarded-for", "192.0.2.7".parse().unwrap());
        assert!(!from_this_machine(Some(&local), &headers));
    }
}
