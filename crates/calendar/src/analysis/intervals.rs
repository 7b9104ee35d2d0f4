//! Sets of half-open time spans, kept sorted and disjoint.
//!
//! Every figure the analysis reports is the length of a union, so overlapping meetings can never
//! count twice: the normalising constructor merges them before anything is measured.

/// A half-open span `[start, end)` in seconds since the Unix epoch (UTC).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    pub start: i64,
    pub end: i64,
}

impl Span {
    pub fn new(start: i64, end: i64) -> Self {
        Span { start, end }
    }

    /// Length in seconds; zero for empty or inverted spans.
    pub fn len(&self) -> i64 {
        (self.end - self.start).max(0)
    }

    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    /// The part of `self` inside `other`, if any time is left.
    pub fn clip(&self, other: Span) -> Option<Span> {
        let s = Span::new(self.start.max(other.start), self.end.min(other.end));
        (!s.is_empty()).then_some(s)
    }

    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// A union of spans: sorted, non-empty, and neither overlapping nor touching.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IntervalSet {
    spans: Vec<Span>,
}

impl IntervalSet {
    pub fn new() -> Self {
        IntervalSet::default()
    }

    /// The union of any spans, in any order; empty spans vanish.
    pub fn from_spans(mut spans: Vec<Span>) -> Self {
        spans.retain(|s| !s.is_empty());
        spans.sort_unstable();
        let mut merged: Vec<Span> = Vec::with_capacity(spans.len());
        for s in spans {
            match merged.last_mut() {
                Some(last) if s.start <= last.end => last.end = last.end.max(s.end),
                _ => merged.push(s),
            }
        }
        IntervalSet { spans: merged }
    }

    pub fn spans(&self) -> &[Span] {
        &self.spans
    }

    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// Total covered length in seconds.
    pub fn total(&self) -> i64 {
        self.spans.iter().map(Span::len).sum()
    }

    /// Everything in `self` or in `other`.
    pub fn union(&self, other: &IntervalSet) -> IntervalSet {
        let mut all = Vec::with_capacity(self.spans.len() + other.spans.len());
        all.extend_from_slice(&self.spans);
        all.extend_from_slice(&other.spans);
        IntervalSet::from_spans(all)
    }

    /// Everything in `self` that is not in `other` (a linear merge of two sorted lists).
    pub fn subtract(&self, other: &IntervalSet) -> IntervalSet {
        let mut out = Vec::with_capacity(self.spans.len());
        let mut j = 0;
        for s in &self.spans {
            let mut cursor = s.start;
            // Skip the spans of `other` that end before this one starts.
            while j < other.spans.len() && other.spans[j].end <= cursor {
                j += 1;
            }
            let mut k = j;
            while k < other.spans.len() && other.spans[k].start < s.end {
                let cut = other.spans[k];
                if cut.start > cursor {
                    out.push(Span::new(cursor, cut.start));
                }
                cursor = cursor.max(cut.end);
                if cursor >= s.end {
                    break;
                }
                k += 1;
            }
            if cursor < s.end {
                out.push(Span::new(cursor, s.end));
            }
        }
        IntervalSet { spans: out }
    }

    /// The maximal free stretches of `within` not covered by `self`.
    pub fn gaps_within(&self, within: Span) -> Vec<Span> {
        IntervalSet::from_spans(vec![within]).subtract(self).spans
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(spans: &[(i64, i64)]) -> IntervalSet {
        IntervalSet::from_spans(spans.iter().map(|&(a, b)| Span::new(a, b)).collect())
    }

    fn pairs(s: &IntervalSet) -> Vec<(i64, i64)> {
        s.spans().iter().map(|s| (s.start, s.end)).collect()
    }

    #[test]
    fn overlapping_and_touching_spans_merge() {
        let s = set(&[(10, 20), (0, 5), (15, 30), (30, 40), (50, 50), (45, 44)]);
        assert_eq!(pairs(&s), vec![(0, 5), (10, 40)]);
        assert_eq!(s.total(), 35);
    }

    #[test]
    fn subtract_cuts_holes_and_edges() {
        let a = set(&[(0, 100), (200, 300)]);
        let b = set(&[(-10, 10), (40, 60), (90, 210), (250, 260)]);
        assert_eq!(
            pairs(&a.subtract(&b)),
            vec![(10, 40), (60, 90), (210, 250), (260, 300)]
        );
    }

    #[test]
    fn subtracting_a_cover_leaves_nothing() {
        let a = set(&[(0, 10), (20, 30)]);
        assert!(a.subtract(&set(&[(0, 30)])).is_empty());
    }

    #[test]
    fn gaps_include_leading_and_trailing_time() {
        let busy = set(&[(10, 20), (30, 40)]);
        let gaps: Vec<_> = busy
            .gaps_within(Span::new(0, 50))
            .iter()
            .map(|s| (s.start, s.end))
            .collect();
        assert_eq!(gaps, vec![(0, 10), (20, 30), (40, 50)]);
    }

    #[test]
    fn clip_keeps_only_the_shared_part() {
        assert_eq!(
            Span::new(0, 10).clip(Span::new(5, 20)),
            Some(Span::new(5, 10))
        );
        assert_eq!(Span::new(0, 10).clip(Span::new(10, 20)), None);
    }
}
