//! Content lines of an `.ics` file: unfolding physical lines into logical ones (keeping the
//! line number each starts on) and checking one line's `NAME;PARAM=...:value` shape.

use std::borrow::Cow;

/// A logical (unfolded) line.
pub(super) struct Logical<'a> {
    pub(super) number: usize,
    /// Raw text including folds and the final line break.
    pub(super) raw: &'a str,
    pub(super) content: Cow<'a, str>,
}

/// Split `text` into logical lines.
pub(super) fn logical_lines(text: &str) -> impl Iterator<Item = Logical<'_>> {
    let mut pos = 0usize;
    let mut number = 0usize;
    std::iter::from_fn(move || {
        loop {
            if pos >= text.len() {
                return None;
            }
            let start = pos;
            number += 1;
            let first = number;
            let mut end = next_break(text, pos);
            let mut folded = false;
            // Continuation lines start with a space or a tab.
            while end < text.len() && matches!(text.as_bytes().get(end), Some(b' ' | b'\t')) {
                number += 1;
                folded = true;
                end = next_break(text, end);
            }
            pos = end;
            let raw = text.get(start..end).unwrap_or("");
            let content = if folded {
                Cow::Owned(unfold(raw))
            } else {
                Cow::Borrowed(trim_eol(raw))
            };
            if content.trim().is_empty() {
                continue;
            }
            return Some(Logical {
                number: first,
                raw,
                content,
            });
        }
    })
}

/// Byte index just after the next `\n` at or after `from` (or the end).
pub(super) fn next_break(text: &str, from: usize) -> usize {
    match text.get(from..).and_then(|rest| rest.find('\n')) {
        Some(i) => from + i + 1,
        None => text.len(),
    }
}

pub(super) fn trim_eol(s: &str) -> &str {
    s.strip_suffix('\n')
        .map_or(s, |s| s.strip_suffix('\r').unwrap_or(s))
}

pub(super) fn unfold(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for (i, part) in raw.split('\n').enumerate() {
        let part = part.strip_suffix('\r').unwrap_or(part);
        if i == 0 {
            out.push_str(part);
        } else if let Some(rest) = part.strip_prefix([' ', '\t']) {
            out.push_str(rest);
        }
    }
    out
}

/// A content line split into name and value, parameters checked.
pub(super) struct Content<'c> {
    pub(super) name: &'c str,
    pub(super) value: &'c str,
}

/// Check `NAME *(";" param) ":" value` (RFC 5545 3.1) and split it.
pub(super) fn split_content(line: &str) -> Result<Content<'_>, String> {
    let bytes = line.as_bytes();
    let name_end = bytes
        .iter()
        .position(|b| !(b.is_ascii_alphanumeric() || *b == b'-'))
        .unwrap_or(bytes.len());
    if name_end == 0 {
        return Err(format!(
            "`{}` does not start with a property name (letters, digits and '-')",
            excerpt(line)
        ));
    }
    let name_text = line.get(..name_end).unwrap_or("");
    // The name as messages quote it: a huge run of letters is cut short.
    let shown = excerpt(name_text);
    let mut i = name_end;
    loop {
        match bytes.get(i) {
            Some(b':') => {
                return Ok(Content {
                    name: name_text,
                    value: line.get(i + 1..).unwrap_or(""),
                });
            }
            Some(b';') => {
                i += 1;
                let p_start = i;
                while bytes
                    .get(i)
                    .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'-')
                {
                    i += 1;
                }
                if i == p_start || bytes.get(i) != Some(&b'=') {
                    return Err(format!(
                        "parameter of {shown} is not NAME=VALUE; a ':' must separate the \
                         property from its value"
                    ));
                }
                i += 1;
                // Values: quoted or plain, separated by commas.
                loop {
                    if bytes.get(i) == Some(&b'"') {
                        match bytes
                            .get(i + 1..)
                            .and_then(|r| r.iter().position(|b| *b == b'"'))
                        {
                            Some(close) => i += close + 2,
                            None => {
                                return Err(format!("parameter of {shown} has an unclosed quote"));
                            }
                        }
                    } else {
                        while bytes
                            .get(i)
                            .is_some_and(|b| !matches!(b, b';' | b':' | b',' | b'"'))
                        {
                            i += 1;
                        }
                    }
                    if bytes.get(i) == Some(&b',') {
                        i += 1;
                    } else {
                        break;
                    }
                }
            }
            None => {
                return Err(format!(
                    "{shown} has no ':' before its value; write it as {shown}:value"
                ));
            }
            Some(_) if i == name_end => {
                return Err(format!(
                    "`{}` is not a property line (NAME:value or NAME;PARAM=x:value)",
                    excerpt(line)
                ));
            }
            Some(_) => {
                return Err(format!(
                    "parameters of {shown} are not followed by ':' and a value"
                ));
            }
        }
    }
}

pub(super) use crate::quote::excerpt;
