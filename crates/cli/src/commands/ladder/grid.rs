//! A table built once and drawn twice: ruled for the terminal, as a pipe table for Markdown.
//! Every ladder view builds its [`Grid`] in `tables.rs`, so `--format text` and
//! `--format markdown` show the same columns and the same rows; only the drawing differs.

use comfy_table::{CellAlignment, Table};
use dualtrack_framework::markdown::{escape, table_aligned};

use crate::output::{align_right, ruled_table};

/// One cell's content, in a form both renderers can draw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    /// Words. The terminal keeps its line breaks; Markdown breaks the cell's line with `<br>`.
    Text(String),
    /// An identifier people type back in: plain in the terminal, code in Markdown.
    Id(String),
    /// A rung: its title over `level · id` in the terminal; `title (level · `id`)` in Markdown,
    /// the title linked when `link` is set.
    Rung {
        title: String,
        level: Option<String>,
        id: String,
        link: Option<String>,
    },
    /// A span of reference rungs: `low to` over `high` in the terminal.
    Range(String, String),
    /// A heading cell and its details: the details indented below it in the terminal, in
    /// brackets after it in Markdown.
    Stack(Vec<Cell>),
}

impl Cell {
    pub fn text(text: impl Into<String>) -> Self {
        Self::Text(text.into())
    }

    pub fn rung(title: &str, level: Option<&str>, id: &str) -> Self {
        Self::Rung {
            title: title.to_owned(),
            level: level.map(str::to_owned),
            id: id.to_owned(),
            link: None,
        }
    }

    pub fn empty() -> Self {
        Self::Text(String::new())
    }

    fn terminal(&self) -> String {
        match self {
            Self::Text(text) | Self::Id(text) => text.clone(),
            Self::Rung {
                title, level, id, ..
            } => match level {
                Some(level) => format!("{title}\n{level} · {id}"),
                None => format!("{title}\n{id}"),
            },
            Self::Range(low, high) => format!("{low} to\n{high}"),
            Self::Stack(cells) => {
                let mut lines = cells.iter().map(Self::terminal);
                let head = lines.next().unwrap_or_default();
                lines.fold(head, |out, detail| format!("{out}\n  {detail}"))
            }
        }
    }

    fn markdown(&self) -> String {
        match self {
            Self::Text(text) => text.lines().map(escape).collect::<Vec<_>>().join("<br>"),
            Self::Id(id) if id.is_empty() => String::new(),
            Self::Id(id) => format!("`{id}`"),
            Self::Rung {
                title,
                level,
                id,
                link,
            } => {
                let title = match link {
                    Some(link) => format!("[{}]({link})", escape(title)),
                    None => escape(title),
                };
                let level = level
                    .as_deref()
                    .map_or_else(String::new, |l| format!("{} · ", escape(l)));
                format!("{title} ({level}`{id}`)")
            }
            Self::Range(low, high) => format!("`{low}` to `{high}`"),
            Self::Stack(cells) => {
                let mut parts = cells.iter().map(Self::markdown);
                let head = parts.next().unwrap_or_default();
                let details: Vec<String> = parts.collect();
                if details.is_empty() {
                    head
                } else {
                    format!("{head} ({})", details.join(", "))
                }
            }
        }
    }
}

/// Headed columns of cells; numbers may be aligned right and markers centred.
#[derive(Debug, Clone, Default)]
pub struct Grid {
    header: Vec<String>,
    rows: Vec<Vec<Cell>>,
    right: Vec<usize>,
    centre: Vec<usize>,
}

impl Grid {
    pub fn new<S: AsRef<str>>(header: &[S]) -> Self {
        Self {
            header: header.iter().map(|h| h.as_ref().to_owned()).collect(),
            ..Self::default()
        }
    }

    /// Aligns the numbered columns right (counts, percentages).
    #[must_use]
    pub fn right(mut self, columns: &[usize]) -> Self {
        self.right.extend_from_slice(columns);
        self
    }

    /// Centres the numbered columns (one-character markers).
    #[must_use]
    pub fn centre(mut self, columns: &[usize]) -> Self {
        self.centre.extend_from_slice(columns);
        self
    }

    pub fn push(&mut self, row: Vec<Cell>) {
        self.rows.push(row);
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The ruled terminal table, for a caller that still sets a column constraint.
    pub fn to_table(&self) -> Table {
        let header: Vec<&str> = self.header.iter().map(String::as_str).collect();
        let mut table = ruled_table(&header);
        for row in &self.rows {
            table.add_row(row.iter().map(Cell::terminal).collect::<Vec<_>>());
        }
        align_right(&mut table, &self.right);
        for &index in &self.centre {
            if let Some(column) = table.column_mut(index) {
                column.set_cell_alignment(CellAlignment::Center);
            }
        }
        table
    }

    /// The pipe table, ending in a newline.
    pub fn to_markdown(&self) -> String {
        let header: Vec<String> = self.header.iter().map(|h| escape(h)).collect();
        let header: Vec<&str> = header.iter().map(String::as_str).collect();
        let rows: Vec<Vec<String>> = self
            .rows
            .iter()
            .map(|row| row.iter().map(Cell::markdown).collect())
            .collect();
        table_aligned(&header, &rows, &self.right)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Grid {
        let mut grid = Grid::new(&["Rung", "Code", "Count"]).right(&[2]);
        grid.push(vec![
            Cell::Rung {
                title: "Staff Engineer".into(),
                level: Some("L6".into()),
                id: "staff_engineer".into(),
                link: Some("staff_engineer.md".into()),
            },
            Cell::Stack(vec![Cell::Id("no_ic_track".into()), Cell::Id("vp".into())]),
            Cell::text("3"),
        ]);
        grid
    }

    #[test]
    fn the_terminal_stacks_what_markdown_puts_on_one_line() {
        let text = sample().to_table().to_string();
        assert!(text.contains("Staff Engineer"), "{text}");
        assert!(text.contains("L6 · staff_engineer"), "{text}");
        assert!(text.contains("no_ic_track"), "{text}");
        assert!(text.contains("  vp"), "details are indented: {text}");
        let md = sample().to_markdown();
        assert_eq!(
            md.lines().nth(2),
            Some(
                "| [Staff Engineer](staff_engineer.md) (L6 · `staff_engineer`) | `no_ic_track` (`vp`) | 3 |"
            ),
            "{md}"
        );
        assert_eq!(md.lines().nth(1), Some("| --- | --- | ---: |"), "{md}");
    }

    #[test]
    fn markdown_escapes_text_cells() {
        let mut grid = Grid::new(&["Name"]);
        grid.push(vec![Cell::text("a *b* | c\nFix: d")]);
        let md = grid.to_markdown();
        assert!(md.contains(r"a \*b\* \| c<br>Fix: d"), "{md}");
    }
}
