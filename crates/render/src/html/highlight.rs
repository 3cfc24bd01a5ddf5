//! Cuts an article's text into the stretches the page highlights. Spans may
//! nest or overlap (a value inside a statement, two rules on one sentence),
//! so the text is cut at every span boundary and each piece records what
//! covers it: one flat run of elements, never overlapping tags.

use std::ops::Range;

/// A span to show: a finding's primary span, or evidence another finding or
/// the matrix links to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Marked {
    pub range: Range<usize>,
    /// The diagnostic (its index in the report) whose primary span this is.
    pub finding: Option<usize>,
}

/// A piece of the text and what covers it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Piece {
    pub range: Range<usize>,
    /// Diagnostics whose primary span covers the piece, ascending.
    pub findings: Vec<usize>,
    /// A finding's span starts here: a keyboard stop.
    pub starts_finding: bool,
    /// Evidence covers the piece.
    pub evidence: bool,
}

impl Piece {
    pub fn is_marked(&self) -> bool {
        self.evidence || !self.findings.is_empty()
    }
}

/// The pieces of `within`, in order, covering all of it; every span must lie
/// within it. An empty span becomes an empty piece where it lies.
pub fn pieces(within: Range<usize>, spans: &[Marked]) -> Vec<Piece> {
    let mut bounds: Vec<usize> = spans
        .iter()
        .flat_map(|span| [span.range.start, span.range.end])
        .chain([within.start, within.end])
        .collect();
    bounds.sort_unstable();
    bounds.dedup();
    let mut order: Vec<&Marked> = spans.iter().collect();
    order.sort_by_key(|span| span.range.start);

    let mut pieces = Vec::with_capacity(bounds.len() * 2);
    let mut next = 0;
    let mut active: Vec<&Marked> = Vec::new();
    for (index, &at) in bounds.iter().enumerate() {
        while next < order.len() && order[next].range.start <= at {
            active.push(order[next]);
            next += 1;
        }
        let empty: Vec<&Marked> = active
            .iter()
            .copied()
            .filter(|span| span.range.is_empty())
            .collect();
        if !empty.is_empty() {
            pieces.push(piece(at..at, &empty));
        }
        active.retain(|span| span.range.end > at);
        if let Some(&end) = bounds.get(index + 1) {
            pieces.push(piece(at..end, &active));
        }
    }
    pieces
}

fn piece(range: Range<usize>, covering: &[&Marked]) -> Piece {
    let mut findings: Vec<usize> = covering.iter().filter_map(|span| span.finding).collect();
    findings.sort_unstable();
    findings.dedup();
    let starts_finding = covering
        .iter()
        .any(|span| span.finding.is_some() && span.range.start == range.start);
    let evidence = covering.iter().any(|span| span.finding.is_none());
    Piece {
        range,
        findings,
        starts_finding,
        evidence,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(range: Range<usize>, index: usize) -> Marked {
        Marked {
            range,
            finding: Some(index),
        }
    }

    fn evidence(range: Range<usize>) -> Marked {
        Marked {
            range,
            finding: None,
        }
    }

    /// (range, findings, starts, evidence) of each piece.
    fn shape(pieces: &[Piece]) -> Vec<(Range<usize>, Vec<usize>, bool, bool)> {
        pieces
            .iter()
            .map(|p| {
                (
                    p.range.clone(),
                    p.findings.clone(),
                    p.starts_finding,
                    p.evidence,
                )
            })
            .collect()
    }

    #[test]
    fn unmarked_text_is_one_piece() {
        assert_eq!(shape(&pieces(3..10, &[])), [(3..10, vec![], false, false)]);
    }

    #[test]
    fn a_value_inside_its_statement() {
        let spans = [evidence(2..12), finding(5..7, 0)];
        assert_eq!(
            shape(&pieces(0..15, &spans)),
            [
                (0..2, vec![], false, false),
                (2..5, vec![], false, true),
                (5..7, vec![0], true, true),
                (7..12, vec![], false, true),
                (12..15, vec![], false, false)
            ]
        );
    }

    #[test]
    fn overlapping_findings_split_where_they_cross() {
        let spans = [finding(0..6, 1), finding(4..10, 0)];
        assert_eq!(
            shape(&pieces(0..10, &spans)),
            [
                (0..4, vec![1], true, false),
                (4..6, vec![0, 1], true, false),
                (6..10, vec![0], false, false)
            ]
        );
    }

    #[test]
    fn the_same_span_twice_is_one_piece() {
        let spans = [finding(2..4, 3), finding(2..4, 1), evidence(2..4)];
        assert_eq!(
            shape(&pieces(0..4, &spans)),
            [(0..2, vec![], false, false), (2..4, vec![1, 3], true, true)]
        );
    }

    #[test]
    fn empty_spans_are_empty_pieces() {
        let spans = [finding(3..3, 0), evidence(1..2), finding(8..10, 1)];
        assert_eq!(
            shape(&pieces(1..10, &spans)),
            [
                (1..2, vec![], false, true),
                (2..3, vec![], false, false),
                (3..3, vec![0], true, false),
                (3..8, vec![], false, false),
                (8..10, vec![1], true, false)
            ]
        );
    }
}
