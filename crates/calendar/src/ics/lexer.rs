//! Line-level reading of an `.ics` file: unfolding, line numbers, structure.
//!
//! calcard parses values well but silently drops lines it cannot read and keeps no line
//! numbers, so this pass comes first: it checks every content line's shape, reports the
//! malformed ones by line number, tracks BEGIN/END nesting (bounded), and cuts the file
//! into top-level components (`VEVENT`, `VTIMEZONE`) whose cleaned text calcard then parses
//! one at a time. Each component remembers the line of each of its own properties so value
//! errors found later can name their line too.

use std::borrow::Cow;

use super::content_line::{excerpt, logical_lines, split_content};

/// What a top-level component is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BlockKind {
    Event,
    Timezone,
}

/// A property line directly inside a block's top component.
#[derive(Debug, Clone)]
pub(crate) struct PropLine {
    pub line: usize,
    pub name: String,
    /// The unfolded value, kept for the properties whose raw text is checked later.
    pub raw_value: Option<String>,
}

/// One top-level component, ready for calcard.
#[derive(Debug, Clone)]
pub(crate) struct Block<'a> {
    pub kind: BlockKind,
    pub line: usize,
    pub text: Cow<'a, str>,
    pub props: Vec<PropLine>,
}

/// Which top-level components a pass hands out (the others are only checked for nesting).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Want {
    All,
    Timezones,
    Events,
}

impl Want {
    fn accepts(self, kind: BlockKind) -> bool {
        match self {
            Want::All => true,
            Want::Timezones => kind == BlockKind::Timezone,
            Want::Events => kind == BlockKind::Event,
        }
    }
}

/// What the line pass found besides the blocks it handed out.
#[derive(Debug, Default)]
pub(crate) struct Scan {
    pub x_wr_timezone: Option<String>,
    pub x_wr_calname: Option<String>,
    /// (line, reason) of everything left out.
    pub skipped: Vec<(usize, String)>,
    /// A `BEGIN:VCALENDAR` (or a bare top-level component) was seen.
    pub looks_like_ical: bool,
    /// A `VTIMEZONE` or `X-WR-TIMEZONE` came after a `VEVENT`: the events before it were
    /// built without it, so a caller streaming in one pass must read the zones first.
    pub late_zone_info: bool,
    seen_event: bool,
}

/// An open top-level component being collected.
struct Open {
    kind: Option<BlockKind>,
    name: String,
    line: usize,
    start: usize,
    /// Names of nested components inside it (bounded by the depth limit).
    stack: Vec<String>,
    /// Depth beyond the limit, counted but not stored.
    overflow: usize,
    props: Vec<PropLine>,
    /// Set when lines were dropped or ENDs added: the text must be rebuilt from `kept`.
    rebuilt: bool,
    /// Keep only the top-level properties [`wanted`] names (events).
    filter: bool,
    kept: String,
    broken: Option<String>,
}

/// Run the line pass over `text` (already UTF-8, BOM removed), handing each finished
/// top-level component that `want` names to `on_block` as soon as its END is read, so no
/// more than one block's structures are alive at a time.
pub(crate) fn scan<'a>(
    text: &'a str,
    max_depth: usize,
    want: Want,
    on_block: &mut dyn FnMut(Block<'a>, &Scan),
) -> Scan {
    let mut out = Scan::default();
    let mut in_calendar = false;
    let mut open: Option<Open> = None;
    let base = text.as_ptr() as usize;
    for l in logical_lines(text) {
        let offset = (l.raw.as_ptr() as usize).saturating_sub(base);
        let content = match split_content(&l.content) {
            Ok(c) => c,
            Err(reason) => {
                out.skipped.push((l.number, reason));
                if let Some(o) = open.as_mut() {
                    o.mark_rebuilt(text, offset);
                }
                continue;
            }
        };
        // Most names are short and already upper case: only allocate when they are not.
        let upper: Cow<'_, str> = if content.name.bytes().any(|b| b.is_ascii_lowercase()) {
            Cow::Owned(content.name.to_ascii_uppercase())
        } else {
            Cow::Borrowed(content.name)
        };
        let comp = if matches!(upper.as_ref(), "BEGIN" | "END") {
            content.value.trim().to_ascii_uppercase()
        } else {
            String::new()
        };
        let mut close = None;
        let mut abandon = false;
        match (&mut open, upper.as_ref()) {
            (Some(o), "BEGIN") => {
                if o.stack.len() + 1 >= max_depth || o.overflow > 0 {
                    o.overflow += 1;
                    o.broken.get_or_insert_with(|| {
                        format!("components are nested more than {max_depth} deep")
                    });
                } else {
                    o.stack.push(comp);
                }
                if !o.filter {
                    o.keep(text, offset, l.raw);
                }
            }
            (Some(o), "END") => {
                if o.overflow > 0 {
                    o.overflow -= 1;
                    if !o.filter {
                        o.keep(text, offset, l.raw);
                    }
                } else if o.stack.contains(&comp) || comp == o.name {
                    // Close the inner components that were never ended.
                    while let Some(inner) = o.stack.last().cloned() {
                        o.stack.pop();
                        if inner == comp {
                            break;
                        }
                        if !o.filter {
                            o.mark_rebuilt(text, offset);
                            o.kept.push_str("END:");
                            o.kept.push_str(&inner);
                            o.kept.push_str("\r\n");
                        }
                    }
                    if comp == o.name && o.stack.is_empty() {
                        close = Some(offset + l.raw.len());
                    } else if !o.filter {
                        o.keep(text, offset, l.raw);
                    }
                } else if comp == "VCALENDAR" {
                    out.skipped.push((
                        o.line,
                        format!(
                            "BEGIN:{} is never ended (END:VCALENDAR came first); the component \
                             was left out",
                            excerpt(&o.name)
                        ),
                    ));
                    abandon = true;
                } else {
                    out.skipped.push((l.number, {
                        let comp = excerpt(&comp);
                        format!("END:{comp} has no matching BEGIN:{comp}")
                    }));
                    o.mark_rebuilt(text, offset);
                }
            }
            (Some(o), _) => {
                let top = o.stack.is_empty() && o.overflow == 0;
                if top && (!o.filter || wanted(&upper)) {
                    let raw_value = matches!(upper.as_ref(), "RRULE" | "EXRULE")
                        .then(|| content.value.to_string());
                    o.props.push(PropLine {
                        line: l.number,
                        name: upper.into_owned(),
                        raw_value,
                    });
                    o.keep(text, offset, l.raw);
                } else if !o.filter {
                    o.keep(text, offset, l.raw);
                }
            }
            (None, "BEGIN") if comp == "VCALENDAR" && !in_calendar => {
                in_calendar = true;
                out.looks_like_ical = true;
            }
            (None, "BEGIN") => {
                out.looks_like_ical = true;
                out.late_zone_info |= out.seen_event && comp == "VTIMEZONE";
                out.seen_event |= comp == "VEVENT";
                let kind = match comp.as_str() {
                    "VEVENT" => Some(BlockKind::Event),
                    "VTIMEZONE" => Some(BlockKind::Timezone),
                    _ => None,
                }
                .filter(|k| want.accepts(*k));
                // Events keep only the properties the expansion reads: descriptions,
                // alarms and attachments are most of an export's bytes and calcard's time.
                let filter = kind == Some(BlockKind::Event);
                let mut kept = String::new();
                if filter {
                    kept.push_str("BEGIN:VEVENT\r\n");
                }
                open = Some(Open {
                    kind,
                    name: comp,
                    line: l.number,
                    start: offset,
                    stack: Vec::new(),
                    overflow: 0,
                    props: Vec::new(),
                    rebuilt: filter,
                    filter,
                    kept,
                    broken: None,
                });
            }
            (None, "END") if comp == "VCALENDAR" && in_calendar => in_calendar = false,
            (None, "END") => {
                out.skipped.push((l.number, {
                    let comp = excerpt(&comp);
                    format!("END:{comp} has no matching BEGIN:{comp}")
                }));
            }
            (None, _) if in_calendar => match upper.as_ref() {
                "X-WR-TIMEZONE" => {
                    out.late_zone_info |= out.seen_event;
                    out.x_wr_timezone = Some(unescape(content.value));
                }
                "X-WR-CALNAME" => out.x_wr_calname = Some(unescape(content.value)),
                _ => {}
            },
            (None, _) => out.skipped.push((
                l.number,
                format!(
                    "`{}` is outside BEGIN:VCALENDAR ... END:VCALENDAR",
                    excerpt(&l.content)
                ),
            )),
        }
        if let Some(end) = close
            && let Some(done) = open.take()
        {
            finish(done, text, end, &mut out, on_block);
        }
        if abandon {
            open = None;
            in_calendar = false;
        }
    }
    if let Some(o) = open {
        out.skipped.push((
            o.line,
            format!(
                "BEGIN:{} is never ended (no END:{}); the component was left out",
                excerpt(&o.name),
                excerpt(&o.name)
            ),
        ));
    }
    out
}

impl Open {
    /// Switch to rebuilding the text: copy what was kept so far verbatim.
    fn mark_rebuilt(&mut self, text: &str, offset: usize) {
        if !self.rebuilt {
            self.rebuilt = true;
            self.kept = text.get(self.start..offset).unwrap_or("").to_string();
        }
    }

    fn keep(&mut self, _text: &str, _offset: usize, raw: &str) {
        if self.rebuilt {
            self.kept.push_str(raw);
            if !raw.ends_with('\n') {
                self.kept.push_str("\r\n");
            }
        }
    }
}

fn finish<'a>(
    o: Open,
    text: &'a str,
    end: usize,
    out: &mut Scan,
    on_block: &mut dyn FnMut(Block<'a>, &Scan),
) {
    if let Some(reason) = o.broken {
        out.skipped.push((
            o.line,
            format!("{reason}; the {} was left out", excerpt(&o.name)),
        ));
        return;
    }
    let Some(kind) = o.kind else { return };
    let body: Cow<'a, str> = if o.rebuilt {
        let mut s = o.kept;
        s.push_str(&format!("END:{}\r\n", o.name));
        Cow::Owned(s)
    } else {
        Cow::Borrowed(text.get(o.start..end).unwrap_or(""))
    };
    on_block(
        Block {
            kind,
            line: o.line,
            text: body,
            props: o.props,
        },
        out,
    );
}

/// The event properties the expansion and the analysis read.
fn wanted(name: &str) -> bool {
    matches!(
        name,
        "UID"
            | "DTSTART"
            | "DTEND"
            | "DURATION"
            | "RRULE"
            | "EXRULE"
            | "RDATE"
            | "EXDATE"
            | "RECURRENCE-ID"
            | "SUMMARY"
            | "STATUS"
            | "TRANSP"
            | "ORGANIZER"
            | "ATTENDEE"
            | "CATEGORIES"
            | "SEQUENCE"
            | "LAST-MODIFIED"
            | "DTSTAMP"
            | "X-MICROSOFT-CDO-BUSYSTATUS"
    ) || name.starts_with("X-GOOGLE-")
}

/// Undo RFC 5545 TEXT escapes (for the few values read here rather than by calcard).
pub(crate) fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n' | 'N') => out.push('\n'),
                Some(other) => out.push(other),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The old collect-everything shape, for asserting on blocks.
    fn scan(text: &str, max_depth: usize) -> (Scan, Vec<Block<'_>>) {
        let mut blocks = Vec::new();
        let s = super::scan(text, max_depth, Want::All, &mut |b, _| blocks.push(b));
        (s, blocks)
    }

    #[test]
    fn unfolds_and_numbers_lines() {
        let text = "BEGIN:VCALENDAR\r\nX-WR-CALNAME:Wo\r\n rk\r\nBEGIN:VEVENT\r\nSUMMARY:a\r\n\tb\r\n\
                    DTSTART:20240101T090000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        let (s, blocks) = scan(text, 16);
        assert_eq!(s.x_wr_calname.as_deref(), Some("Work"));
        assert_eq!(blocks.len(), 1);
        let b = &blocks[0];
        assert_eq!(b.line, 4);
        assert_eq!(
            b.props
                .iter()
                .map(|p| (p.line, p.name.as_str()))
                .collect::<Vec<_>>(),
            [(5, "SUMMARY"), (7, "DTSTART")]
        );
        assert!(b.text.starts_with("BEGIN:VEVENT"));
        assert!(s.skipped.is_empty());
    }

    #[test]
    fn malformed_lines_are_reported_and_cut_out() {
        let text = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nthis is not a property\nSUMMARY:ok\n;X:y\nEND:VEVENT\nEND:VCALENDAR\n";
        let (s, blocks) = scan(text, 16);
        assert_eq!(s.skipped.iter().map(|x| x.0).collect::<Vec<_>>(), [3, 5]);
        assert!(
            s.skipped[0].1.contains("not a property line"),
            "{}",
            s.skipped[0].1
        );
        let b = &blocks[0];
        assert!(!b.text.contains("not a property"));
        assert!(b.text.contains("SUMMARY:ok"));
        assert!(b.text.ends_with("END:VEVENT\r\n"));
    }

    #[test]
    fn unclosed_and_deep_components_are_left_out() {
        let mut text = String::from("BEGIN:VCALENDAR\nBEGIN:VEVENT\n");
        for _ in 0..100 {
            text.push_str("BEGIN:X\n");
        }
        for _ in 0..100 {
            text.push_str("END:X\n");
        }
        text.push_str("END:VEVENT\nBEGIN:VEVENT\nSUMMARY:open\n");
        let (s, blocks) = scan(&text, 16);
        assert!(blocks.is_empty());
        assert_eq!(s.skipped.len(), 2);
        assert!(
            s.skipped[0].1.contains("nested more than 16"),
            "{:?}",
            s.skipped
        );
        assert!(s.skipped[1].1.contains("never ended"), "{:?}", s.skipped);
    }

    #[test]
    fn events_keep_only_what_expansion_reads() {
        let text = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDESCRIPTION:long\n text\nSUMMARY:x\n\
                    BEGIN:VALARM\nTRIGGER:-PT5M\nEND:VALARM\nDTSTART:20240101\nEND:VEVENT\nEND:VCALENDAR\n";
        let (_, blocks) = scan(text, 16);
        let b = &blocks[0];
        assert_eq!(
            b.text,
            "BEGIN:VEVENT\r\nSUMMARY:x\nDTSTART:20240101\nEND:VEVENT\r\n"
        );
        assert_eq!(b.props.iter().map(|p| p.line).collect::<Vec<_>>(), [5, 9]);
    }

    #[test]
    fn quoted_parameters_may_hold_colons() {
        let c =
            split_content("ATTENDEE;CN=\"Doe: Jane\";PARTSTAT=ACCEPTED:mailto:j@x.org").unwrap();
        assert_eq!(c.name, "ATTENDEE");
        assert_eq!(c.value, "mailto:j@x.org");
        assert!(split_content("DTSTART;TZID=\"open:20240101").is_err());
        assert!(split_content("DTSTART;TZID:20240101").is_err());
    }
}
