//! `--format html`: one self-contained page for editors who never open a
//! terminal. At the top, the counts and the claims × outlets matrix; then a
//! section per article: its text with every flagged span highlighted by
//! severity, and its findings. `html/report.js` shows a highlight's
//! findings in a panel, moves between findings and filters them;
//! `html/report.css` styles screen and print.
//!
//! All article and rule text is escaped, and a Content-Security-Policy lets
//! only the page's own style and script run and forbids every request, so a
//! hostile article can neither run script nor reach the network. The same
//! input gives the same bytes: nothing depends on time or hash order.

mod highlight;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::io::{self, Write};
use std::path::Path;

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use crosscheck_engine::wording::plural;
use sha2::{Digest, Sha256};

use super::sources::Originals;
use super::{Renderer, Report};
use crosscheck_engine::article::{Article, Markup};
use crosscheck_engine::diagnostic::{Diagnostic, Kind, Severity};
use crosscheck_engine::matrix::{Cell, Matrix, Row, State};
use crosscheck_engine::record::ArticleRecord;
use crosscheck_engine::span::Span;
use highlight::Marked;

const STYLE: &str = include_str!("html/report.css");
const SCRIPT: &str = include_str!("html/report.js");

/// Articles start collapsed when there are more than this many (GVA has
/// thousands), so the page opens fast and reads as a list.
const OPEN_ARTICLES: usize = 12;
/// Stories' matrix tables start collapsed past this many.
const OPEN_STORIES: usize = 3;

pub struct Html;

impl Renderer for Html {
    fn render(&self, report: &Report, out: &mut dyn Write) -> io::Result<()> {
        let matrix = report.matrix();
        Page::plan(report, &matrix).write(out)
    }
}

/// What the page shows, decided before any of it is written.
struct Page<'a> {
    report: &'a Report<'a>,
    /// The stories whose tables are shown, with their matrix rows.
    stories: Vec<(&'a str, Vec<&'a Row>)>,
    /// Stories left out of the matrix because they hold no finding.
    stories_left_out: usize,
    /// Articles with findings or evidence the page links to, by path.
    articles: Vec<ArticleView<'a>>,
    /// Findings outside any article: in rule files, or files that could not be read.
    elsewhere: Vec<usize>,
    /// The value each statement gives, by (rule, path, byte_start, byte_end).
    values: BTreeMap<(&'a str, &'a str, usize, usize), &'a str>,
}

struct ArticleView<'a> {
    record: &'a ArticleRecord,
    /// The text as it is now; `None` when the file changed or vanished since
    /// the run, so that its spans no longer hold their words.
    text: Option<Text>,
    /// Indices into the report's diagnostics of those whose primary span is here.
    findings: Vec<usize>,
    /// Spans that findings or the matrix point at.
    evidence: BTreeSet<&'a Span>,
}

struct Text {
    source: String,
    body_start: usize,
    title: Option<String>,
    url: Option<String>,
}

impl<'a> Page<'a> {
    fn plan(report: &'a Report<'a>, matrix: &'a Matrix) -> Page<'a> {
        let records: BTreeMap<&str, &ArticleRecord> = report
            .outcome
            .records
            .iter()
            .map(|record| (record.path.as_str(), record))
            .collect();
        let mut findings: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        let mut elsewhere = Vec::new();
        for (index, diagnostic) in report.diagnostics.iter().enumerate() {
            match records.get_key_value(diagnostic.primary.path.as_str()) {
                Some((path, _)) => findings.entry(path).or_default().push(index),
                None => elsewhere.push(index),
            }
        }

        // The tables of the stories that hold findings; all of them when none does.
        let flagged: BTreeSet<&str> = findings
            .keys()
            .map(|path| records[path].story.as_str())
            .collect();
        let all_stories = matrix.stories();
        let total_stories = all_stories.len();
        let stories: Vec<(&str, Vec<&Row>)> = if report.quiet {
            Vec::new()
        } else {
            all_stories
                .into_iter()
                .filter(|(story, _)| flagged.is_empty() || flagged.contains(story))
                .collect()
        };
        let stories_left_out = if report.quiet {
            0
        } else {
            total_stories - stories.len()
        };

        let mut evidence: BTreeMap<&str, BTreeSet<&Span>> = BTreeMap::new();
        for related in report
            .diagnostics
            .iter()
            .flat_map(|diagnostic| &diagnostic.related)
        {
            evidence
                .entry(&related.span.path)
                .or_default()
                .insert(&related.span);
        }
        for cell_span in stories
            .iter()
            .flat_map(|(_, rows)| rows.iter())
            .flat_map(|row| row.cells.values())
            .flat_map(|cell| &cell.spans)
        {
            evidence
                .entry(&cell_span.span.path)
                .or_default()
                .insert(&cell_span.span);
        }

        let paths: BTreeSet<&str> = findings
            .keys()
            .chain(evidence.keys())
            .copied()
            .filter(|path| records.contains_key(path))
            .collect();
        let mut originals = Originals::new(&report.context.root);
        let articles = paths
            .into_iter()
            .map(|path| {
                let findings = findings.remove(path).unwrap_or_default();
                let evidence = evidence.remove(path).unwrap_or_default();
                let spans = findings
                    .iter()
                    .map(|&index| &report.diagnostics[index].primary)
                    .chain(evidence.iter().copied());
                let text = read_text(&mut originals, path, spans);
                ArticleView {
                    record: records[path],
                    text,
                    findings,
                    evidence,
                }
            })
            .collect();

        let mut values = BTreeMap::new();
        for row in &matrix.claims {
            for cell_span in row.cells.values().flat_map(|cell| &cell.spans) {
                if let Some(value) = &cell_span.value {
                    let span = &cell_span.span;
                    values.insert(
                        (
                            row.rule.as_str(),
                            span.path.as_str(),
                            span.byte_start,
                            span.byte_end,
                        ),
                        value.as_str(),
                    );
                }
            }
        }
        Page {
            report,
            stories,
            stories_left_out,
            articles,
            elsewhere,
            values,
        }
    }

    fn write(&self, out: &mut dyn Write) -> io::Result<()> {
        let summary = self.report.summary();
        writeln!(
            out,
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">"
        )?;
        writeln!(
            out,
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        )?;
        writeln!(
            out,
            "<meta http-equiv=\"Content-Security-Policy\" content=\"{}\">",
            content_security_policy()
        )?;
        writeln!(
            out,
            "<meta name=\"referrer\" content=\"no-referrer\">\n<link rel=\"icon\" href=\"data:,\">"
        )?;
        writeln!(
            out,
            "<title>crosscheck report: {}</title>",
            summary.verdict()
        )?;
        writeln!(out, "<style>{STYLE}</style>\n</head>\n<body>")?;
        writeln!(
            out,
            "<header>\n<h1>crosscheck report</h1>\n<p class=\"verdict\">{}</p>",
            summary.verdict()
        )?;
        let suppressed = match self.report.outcome.suppressed {
            0 => String::new(),
            n => format!("; {n} suppressed"),
        };
        writeln!(
            out,
            "<p class=\"scope\">{} from {}, {}{suppressed}</p>\n</header>",
            plural(summary.sources, "article"),
            plural(summary.outlets, "outlet"),
            plural(summary.rules, "rule")
        )?;
        self.write_toolbar(out)?;
        writeln!(out, "<main>")?;
        self.write_counts(out)?;
        if !self.report.quiet {
            self.write_matrix(out)?;
        }
        self.write_articles(out)?;
        self.write_elsewhere(out)?;
        writeln!(out, "</main>")?;
        writeln!(
            out,
            "<aside id=\"panel\" class=\"panel\" hidden aria-label=\"Findings at the highlight\">\n<div class=\"panel-bar\"><span>Finding</span> \
             <button type=\"button\" id=\"close\" aria-label=\"Close\">×</button></div>\n<ol class=\"cards\" id=\"panel-cards\"></ol>\n</aside>"
        )?;
        writeln!(
            out,
            "<footer>\n<p class=\"keys\">Keys: <kbd>j</kbd> or <kbd>n</kbd> next finding, <kbd>k</kbd> or <kbd>p</kbd> previous, \
             <kbd>Esc</kbd> closes the finding.</p>\n<p>Made by crosscheck {}.</p>\n</footer>",
            env!("CARGO_PKG_VERSION")
        )?;
        writeln!(out, "<script>{SCRIPT}</script>\n</body>\n</html>")
    }

    /// Navigation and filters; hidden until the script runs, as they need it.
    fn write_toolbar(&self, out: &mut dyn Write) -> io::Result<()> {
        writeln!(
            out,
            "<nav class=\"toolbar\" id=\"toolbar\" hidden aria-label=\"Findings\">"
        )?;
        writeln!(
            out,
            "<button type=\"button\" id=\"prev\" title=\"Previous finding (k)\" aria-label=\"Previous finding\">◀<span class=\"wide\"> \
             Previous</span></button>\n<span id=\"position\" aria-live=\"polite\"></span>\n<button type=\"button\" id=\"next\" \
             title=\"Next finding (j)\" aria-label=\"Next finding\"><span class=\"wide\">Next </span>▶</button>"
        )?;
        writeln!(
            out,
            "<details class=\"filters\"><summary>Filter</summary><div class=\"filter-box\">"
        )?;
        let mut by_rule: BTreeMap<&str, usize> = BTreeMap::new();
        for diagnostic in self.report.diagnostics {
            *by_rule.entry(&diagnostic.rule).or_default() += 1;
        }
        // Rules in their files' order, then crosscheck's own.
        let mut rules: Vec<(&str, usize)> = self
            .report
            .rules
            .rules
            .iter()
            .filter_map(|rule| Some((rule.id.as_str(), by_rule.remove(rule.id.as_str())?)))
            .collect();
        rules.extend(by_rule);
        write!(
            out,
            "<label>Rule <select id=\"rule\"><option value=\"\">all rules</option>"
        )?;
        for (rule, count) in rules {
            write!(
                out,
                "<option value=\"{}\">{} ({count})</option>",
                Escaped(rule),
                Escaped(rule)
            )?;
        }
        writeln!(out, "</select></label>")?;
        write!(
            out,
            "<fieldset class=\"severities\"><legend>Severity</legend>"
        )?;
        for severity in [Severity::Error, Severity::Warning, Severity::Note] {
            let count = self
                .report
                .diagnostics
                .iter()
                .filter(|diagnostic| diagnostic.severity == severity)
                .count();
            write!(out, "<label><input type=\"checkbox\" name=\"severity\" value=\"{severity}\" checked> {severity} ({count})</label>")?;
        }
        writeln!(out, "</fieldset>\n</div></details>\n<button type=\"button\" id=\"expand\">Expand all</button>\n</nav>")
    }

    /// Counts by kind and severity.
    fn write_counts(&self, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "<section id=\"counts\" aria-labelledby=\"counts-title\">\n<h2 id=\"counts-title\">Findings</h2>")?;
        if self.report.diagnostics.is_empty() {
            return writeln!(out, "<p>No findings.</p>\n</section>");
        }
        let severities = [Severity::Error, Severity::Warning, Severity::Note];
        let mut counts: BTreeMap<Kind, [usize; 3]> = BTreeMap::new();
        for diagnostic in self.report.diagnostics {
            let column = severities
                .iter()
                .position(|&severity| severity == diagnostic.severity)
                .unwrap_or(0);
            counts.entry(diagnostic.kind).or_default()[column] += 1;
        }
        writeln!(out, "<div class=\"scroll\"><table class=\"counts\">\n<thead><tr><th scope=\"col\">kind</th><th scope=\"col\">errors</th><th scope=\"col\">warnings</th><th scope=\"col\">notes</th></tr></thead>\n<tbody>")?;
        for (kind, row) in &counts {
            write!(
                out,
                "<tr><th scope=\"row\" title=\"{}\">{kind}</th>",
                Escaped(kind.summary())
            )?;
            for (severity, count) in severities.iter().zip(row) {
                write!(
                    out,
                    "<td class=\"{}\">{count}</td>",
                    if *count == 0 {
                        "zero"
                    } else {
                        severity.as_str()
                    }
                )?;
            }
            writeln!(out, "</tr>")?;
        }
        let summary = self.report.summary();
        writeln!(
            out,
            "</tbody>\n<tfoot><tr><th scope=\"row\">all</th><td>{}</td><td>{}</td><td>{}</td></tr></tfoot>\n</table></div>\n</section>",
            summary.errors, summary.warnings, summary.notes
        )
    }

    fn write_matrix(&self, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "<section id=\"matrix\" aria-labelledby=\"matrix-title\">\n<h2 id=\"matrix-title\">Claims × outlets</h2>")?;
        if self.stories.is_empty() {
            return writeln!(out, "<p>No rule applies to any article.</p>\n</section>");
        }
        writeln!(
            out,
            "<p class=\"legend\"><span class=\"states\">✓</span> states · <span class=\"denies\">✗</span> denies · <span class=\"mentions\">~</span> \
             mentions · blank: silent · <span class=\"conflict-mark\">⚠</span> value in conflict. A cell links to its spans.</p>"
        )?;
        if self.stories_left_out > 0 {
            let stories = if self.stories_left_out == 1 {
                "1 story".to_owned()
            } else {
                format!("{} stories", self.stories_left_out)
            };
            writeln!(
                out,
                "<p class=\"left-out\">{stories} without findings left out.</p>"
            )?;
        }
        let mut findings_by_story: BTreeMap<&str, usize> = BTreeMap::new();
        for article in &self.articles {
            *findings_by_story.entry(&article.record.story).or_default() += article.findings.len();
        }
        let open = if self.stories.len() <= OPEN_STORIES {
            " open"
        } else {
            ""
        };
        for (index, (story, rows)) in self.stories.iter().enumerate() {
            let outlets: Vec<&str> = rows[0].cells.keys().map(String::as_str).collect();
            let findings = findings_by_story.get(story).copied().unwrap_or(0);
            writeln!(
                out,
                "<details class=\"story\" id=\"m{index}\"{open}>\n<summary>Story <b>{}</b> · {} · {} · {}</summary>",
                Escaped(story),
                plural(outlets.len(), "outlet"),
                plural(rows.len(), "claim"),
                plural(findings, "finding")
            )?;
            write!(out, "<div class=\"scroll\"><table class=\"matrix\">\n<thead><tr><th scope=\"col\">claim</th>")?;
            for outlet in &outlets {
                write!(out, "<th scope=\"col\">{}</th>", Escaped(outlet))?;
            }
            writeln!(out, "</tr></thead>\n<tbody>")?;
            for row in rows {
                write!(
                    out,
                    "<tr><th scope=\"row\"><code>{}</code> {}</th>",
                    Escaped(&row.rule),
                    Escaped(&row.claim)
                )?;
                for outlet in &outlets {
                    self.write_cell(&row.cells[*outlet], out)?;
                }
                writeln!(out, "</tr>")?;
            }
            writeln!(out, "</tbody>\n</table></div>\n</details>")?;
        }
        writeln!(out, "</section>")
    }

    /// A cell: its state or values, linking to its first span, then one
    /// numbered link for each further span.
    fn write_cell(&self, cell: &Cell, out: &mut dyn Write) -> io::Result<()> {
        let state = match cell.state {
            State::States => "states",
            State::Denies => "denies",
            State::Mentions => "mentions",
            State::Silent => "silent",
        };
        let label = cell.summary(" / ").unwrap_or_default();
        let conflict = if cell.conflict { " conflict" } else { "" };
        write!(out, "<td class=\"{state}{conflict}\">")?;
        for (number, cell_span) in cell.spans.iter().enumerate() {
            let text = if number == 0 {
                Escaped(&label).to_string()
            } else {
                (number + 1).to_string()
            };
            match self.span_link(&cell_span.span) {
                Some(link) if number == 0 => write!(out, "<a {link}>{text}</a>")?,
                Some(link) => write!(out, " <a class=\"more\" {link}>{text}</a>")?,
                None if number == 0 => write!(out, "{text}")?,
                None => {}
            }
        }
        if cell.spans.is_empty() {
            write!(out, "{}", Escaped(&label))?;
        }
        if cell.conflict {
            write!(
                out,
                " <span class=\"conflict-mark\" title=\"value in conflict\">⚠</span>"
            )?;
        }
        write!(out, "</td>")
    }

    fn write_articles(&self, out: &mut dyn Write) -> io::Result<()> {
        if self.articles.is_empty() {
            return Ok(());
        }
        writeln!(out, "<section id=\"articles\" aria-labelledby=\"articles-title\">\n<h2 id=\"articles-title\">Articles</h2>")?;
        let story_ids: BTreeMap<&str, usize> = self
            .stories
            .iter()
            .enumerate()
            .map(|(index, (story, _))| (*story, index))
            .collect();
        let open = if self.articles.len() <= OPEN_ARTICLES {
            " open"
        } else {
            ""
        };
        for (index, article) in self.articles.iter().enumerate() {
            let record = article.record;
            writeln!(out, "<details class=\"article\" id=\"a{index}\"{open}>")?;
            write!(out, "<summary><span class=\"badges\">")?;
            self.write_badges(&article.findings, out)?;
            write!(
                out,
                "</span> <span class=\"outlet\">{}</span>",
                Escaped(&record.outlet)
            )?;
            if let Some(title) = article.text.as_ref().and_then(|text| text.title.as_deref()) {
                write!(out, " <span class=\"title\">{}</span>", Escaped(title))?;
            }
            writeln!(
                out,
                " <span class=\"path\">{}</span></summary>",
                Escaped(&record.path)
            )?;
            write!(out, "<p class=\"meta\">story ")?;
            match story_ids.get(record.story.as_str()) {
                Some(story) => write!(out, "<a href=\"#m{story}\">{}</a>", Escaped(&record.story))?,
                None => write!(out, "{}", Escaped(&record.story))?,
            }
            if let Some(date) = &record.date {
                write!(out, " · {}", Escaped(date))?;
            }
            if let Some(url) = article.text.as_ref().and_then(|text| text.url.as_deref()) {
                write!(out, " · {}", Link(url))?;
            }
            writeln!(out, "</p>")?;
            match &article.text {
                Some(text) => self.write_text(index, article, text, out)?,
                None => {
                    writeln!(out, "<p class=\"changed\">This file changed or could not be read since the run: its findings are listed without its text.</p>")?
                }
            }
            if !article.findings.is_empty() {
                writeln!(out, "<ol class=\"cards\">")?;
                for &finding in &article.findings {
                    self.write_card(finding, out)?;
                }
                writeln!(out, "</ol>")?;
            }
            writeln!(out, "</details>")?;
        }
        writeln!(out, "</section>")
    }

    fn write_badges(&self, findings: &[usize], out: &mut dyn Write) -> io::Result<()> {
        if findings.is_empty() {
            return write!(out, "<span class=\"badge none\">no findings</span>");
        }
        for severity in [Severity::Error, Severity::Warning, Severity::Note] {
            let count = findings
                .iter()
                .filter(|&&index| self.report.diagnostics[index].severity == severity)
                .count();
            if count > 0 {
                write!(
                    out,
                    "<span class=\"badge {severity}\">{}</span>",
                    plural(count, severity.as_str())
                )?;
            }
        }
        Ok(())
    }

    /// The article's text from its body on, each piece that a span covers
    /// in a `<mark>`: flagged pieces carry their findings' indices and the
    /// highest severity, evidence pieces are only anchors.
    fn write_text(
        &self,
        index: usize,
        article: &ArticleView,
        text: &Text,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        let spans: Vec<Marked> = article
            .findings
            .iter()
            .map(|&finding| {
                let primary = &self.report.diagnostics[finding].primary;
                Marked {
                    range: primary.byte_start..primary.byte_end,
                    finding: Some(finding),
                }
            })
            .chain(article.evidence.iter().map(|span| Marked {
                range: span.byte_start..span.byte_end,
                finding: None,
            }))
            .collect();
        // Leading and trailing blank lines are not worth showing.
        let body = &text.source[text.body_start..];
        let start = text.body_start + (body.len() - body.trim_start().len());
        let end = text.body_start + body.trim_end().len();
        let start = spans
            .iter()
            .map(|span| span.range.start)
            .fold(start, usize::min);
        let end = spans
            .iter()
            .map(|span| span.range.end)
            .fold(end, usize::max)
            .max(start);
        write!(out, "<div class=\"text\">")?;
        for piece in highlight::pieces(start..end, &spans) {
            let words = Escaped(&text.source[piece.range.clone()]);
            if !piece.is_marked() {
                write!(
                    out,
                    "{}",
                    Escaped(&squeeze_blank_lines(&text.source[piece.range]))
                )?;
                continue;
            }
            write!(out, "<mark")?;
            if !piece.range.is_empty() {
                write!(out, " id=\"a{index}-{}\"", piece.range.start)?;
            }
            match piece
                .findings
                .iter()
                .map(|&finding| self.report.diagnostics[finding].severity)
                .max()
            {
                None => write!(out, " class=\"ev\"")?,
                Some(severity) => {
                    let findings: Vec<String> =
                        piece.findings.iter().map(usize::to_string).collect();
                    write!(
                        out,
                        " class=\"f\" data-sev=\"{severity}\" data-d=\"{}\"",
                        findings.join(" ")
                    )?;
                    if piece.starts_finding {
                        write!(out, " tabindex=\"0\"")?;
                    }
                }
            }
            write!(out, ">{words}</mark>")?;
        }
        writeln!(out, "</div>")
    }

    fn write_elsewhere(&self, out: &mut dyn Write) -> io::Result<()> {
        if self.elsewhere.is_empty() {
            return Ok(());
        }
        writeln!(
            out,
            "<section id=\"elsewhere\" aria-labelledby=\"elsewhere-title\">\n<h2 id=\"elsewhere-title\">Other findings</h2>\n<p>In rule files, \
             or about files that could not be read.</p>\n<ol class=\"cards\">"
        )?;
        for &finding in &self.elsewhere {
            self.write_card(finding, out)?;
        }
        writeln!(out, "</ol>\n</section>")
    }

    /// One finding: what, where, the claim, the words at stake, what the
    /// other outlets state, notes and the suggested fix.
    fn write_card(&self, index: usize, out: &mut dyn Write) -> io::Result<()> {
        let diagnostic: &Diagnostic = &self.report.diagnostics[index];
        let primary = &diagnostic.primary;
        let severity = diagnostic.severity;
        writeln!(out, "<li class=\"card\" id=\"d{index}\" data-rule=\"{}\" data-sev=\"{severity}\" tabindex=\"-1\">", Escaped(&diagnostic.rule))?;
        write!(out, "<p class=\"head\"><span class=\"badge {severity}\">{severity}</span> <code>{}/{}</code> ", Escaped(&diagnostic.rule), diagnostic.kind)?;
        let place = format!("{}:{}:{}", primary.path, primary.line, primary.column);
        match self.span_link(primary) {
            Some(link) => writeln!(out, "<a class=\"place\" {link}>{}</a></p>", Escaped(&place))?,
            None => writeln!(out, "<span class=\"place\">{}</span></p>", Escaped(&place))?,
        }
        writeln!(
            out,
            "<p class=\"message\">{}</p>",
            Escaped(&diagnostic.message)
        )?;
        if !diagnostic.claim.is_empty() {
            writeln!(
                out,
                "<p class=\"claim\">Claim: {}</p>",
                Escaped(&diagnostic.claim)
            )?;
        }
        if diagnostic.kind != Kind::Unstated && !primary.text.is_empty() {
            write!(
                out,
                "<blockquote class=\"quote\">{}</blockquote>",
                Escaped(&primary.text)
            )?;
            if let Some(value) = diagnostic
                .value
                .as_ref()
                .filter(|value| **value != primary.text)
            {
                write!(
                    out,
                    " <span class=\"value\">value {}</span>",
                    Escaped(value)
                )?;
            }
            writeln!(out)?;
        }
        if !diagnostic.related.is_empty() {
            writeln!(
                out,
                "<p class=\"others\">In other outlets</p>\n<ul class=\"related\">"
            )?;
            for related in &diagnostic.related {
                let span = &related.span;
                write!(out, "<li>")?;
                self.write_related_message(&related.message, span, out)?;
                let value = self.values.get(&(
                    diagnostic.rule.as_str(),
                    span.path.as_str(),
                    span.byte_start,
                    span.byte_end,
                ));
                if let Some(value) =
                    value.filter(|value| whole_word(&related.message, value).is_none())
                {
                    write!(
                        out,
                        " <span class=\"value\">value {}</span>",
                        Escaped(value)
                    )?;
                }
                match self.span_link(span) {
                    Some(link) => write!(
                        out,
                        "<blockquote><a {link}>{}</a></blockquote>",
                        Escaped(&span.text)
                    )?,
                    None => write!(out, "<blockquote>{}</blockquote>", Escaped(&span.text))?,
                }
                writeln!(out, "</li>")?;
            }
            writeln!(out, "</ul>")?;
        }
        if !diagnostic.notes.is_empty() {
            write!(out, "<ul class=\"notes\">")?;
            for note in &diagnostic.notes {
                write!(out, "<li>{}</li>", Escaped(note))?;
            }
            writeln!(out, "</ul>")?;
        }
        if let Some(suggestion) = &diagnostic.suggestion {
            writeln!(
                out,
                "<p class=\"fix\"><b>Suggestion:</b> {}</p>",
                Escaped(&suggestion.message)
            )?;
        }
        writeln!(out, "</li>")
    }

    /// "stated by Westlaw", the outlet's name linking to its article (named
    /// first when the message does not name it).
    fn write_related_message(
        &self,
        message: &str,
        span: &Span,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        let Some(index) = self.article_index(&span.path) else {
            return write!(
                out,
                "<span class=\"outlet\">{}</span>: {}",
                Escaped(&span.path),
                Escaped(message)
            );
        };
        let outlet = &self.articles[index].record.outlet;
        let link = format!(
            "<a class=\"outlet\" href=\"#a{index}\">{}</a>",
            Escaped(outlet)
        );
        match whole_word(message, outlet) {
            Some(at) => write!(
                out,
                "{}{link}{}",
                Escaped(&message[..at]),
                Escaped(&message[at + outlet.len()..])
            ),
            None => write!(out, "{link}: {}", Escaped(message)),
        }
    }

    fn article_index(&self, path: &str) -> Option<usize> {
        self.articles
            .binary_search_by(|article| article.record.path.as_str().cmp(path))
            .ok()
    }

    /// The link attributes to a span: its first piece, with the end the
    /// script highlights up to; the article itself when its text is not
    /// shown; none outside the page's articles.
    fn span_link(&self, span: &Span) -> Option<String> {
        let index = self.article_index(&span.path)?;
        Some(match self.articles[index].text {
            Some(_) if span.byte_start < span.byte_end => format!(
                "href=\"#a{index}-{}\" data-to=\"{}\"",
                span.byte_start, span.byte_end
            ),
            _ => format!("href=\"#a{index}\""),
        })
    }
}

/// `text` with each run of blank lines cut to one: scraped articles often
/// hold dozens, which only push findings apart. The first and last lines
/// may be parts of lines around a highlight and are always kept.
fn squeeze_blank_lines(text: &str) -> String {
    let lines: Vec<&str> = text.split('\n').collect();
    let last = lines.len() - 1;
    let mut kept: Vec<&str> = Vec::with_capacity(lines.len());
    let mut after_blank = false;
    for (index, line) in lines.into_iter().enumerate() {
        let blank = index > 0 && index < last && line.trim().is_empty();
        if !(blank && after_blank) {
            kept.push(line);
        }
        after_blank = blank;
    }
    kept.join("\n")
}

/// Where `word` first stands in `text` as a whole word (outlet `a` is not
/// the `a` of "stated").
fn whole_word(text: &str, word: &str) -> Option<usize> {
    let boundary = |c: Option<char>| !c.is_some_and(char::is_alphanumeric);
    text.match_indices(word).map(|(at, _)| at).find(|&at| {
        boundary(text[..at].chars().next_back()) && boundary(text[at + word.len()..].chars().next())
    })
}

/// The article's text now, if it still holds every span's words; a file
/// changed or removed since the run shows its findings without its text.
fn read_text<'s>(
    originals: &mut Originals,
    path: &str,
    mut spans: impl Iterator<Item = &'s Span>,
) -> Option<Text> {
    let original = originals.get(path)?;
    let source = original.text();
    if !spans.all(|span| source.get(span.byte_start..span.byte_end) == Some(span.text.as_str())) {
        return None;
    }
    let article = Article::parse(source.as_bytes(), Markup::of_path(Path::new(path))?).ok()?;
    Some(Text {
        body_start: article.body_start,
        title: article.front.title,
        url: article.front.url,
        source: article.source,
    })
}

/// The policy that lets only this page's own style and script apply, by
/// their hashes, and forbids every request: no fonts, images, frames or
/// connections, so the page works offline and leaks nothing.
fn content_security_policy() -> String {
    let hash = |text: &str| BASE64.encode(Sha256::digest(text.as_bytes()));
    format!("default-src 'none'; style-src 'sha256-{}'; script-src 'sha256-{}'; img-src data:; base-uri 'none'; form-action 'none'", hash(STYLE), hash(SCRIPT))
}

/// Text escaped for HTML element content and quoted attribute values.
struct Escaped<'a>(&'a str);

impl fmt::Display for Escaped<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut last = 0;
        for (at, byte) in self.0.bytes().enumerate() {
            let entity = match byte {
                b'&' => "&amp;",
                b'<' => "&lt;",
                b'>' => "&gt;",
                b'"' => "&quot;",
                b'\'' => "&#39;",
                _ => continue,
            };
            f.write_str(&self.0[last..at])?;
            f.write_str(entity)?;
            last = at + 1;
        }
        f.write_str(&self.0[last..])
    }
}

/// A front-matter URL: a link when it is http(s), else plain text, so that
/// an article cannot plant a `javascript:` link.
struct Link<'a>(&'a str);

impl fmt::Display for Link<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let scheme = self
            .0
            .split_once(':')
            .map(|(scheme, _)| scheme.to_ascii_lowercase());
        if matches!(scheme.as_deref(), Some("http" | "https")) {
            write!(
                f,
                "<a href=\"{}\" rel=\"noopener noreferrer\">{}</a>",
                Escaped(self.0),
                Escaped(self.0)
            )
        } else {
            write!(f, "{}", Escaped(self.0))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_covers_markup_and_both_quotes() {
        assert_eq!(
            Escaped("<script>alert('x' & \"y\")</script>").to_string(),
            "&lt;script&gt;alert(&#39;x&#39; &amp; &quot;y&quot;)&lt;/script&gt;"
        );
        assert_eq!(Escaped("plain – text").to_string(), "plain – text");
    }

    #[test]
    fn runs_of_blank_lines_become_one() {
        assert_eq!(squeeze_blank_lines("a\n\n\n \n\t\nb\n\nc"), "a\n\nb\n\nc");
        assert_eq!(squeeze_blank_lines("\n\n\n\n"), "\n\n");
        assert_eq!(
            squeeze_blank_lines("end of line\r\n\r\n\r\n\r\nnext"),
            "end of line\r\n\r\nnext"
        );
        assert_eq!(squeeze_blank_lines("one line"), "one line");
    }

    #[test]
    fn outlets_are_found_as_whole_words() {
        assert_eq!(whole_word("stated by a", "a"), Some(10));
        assert_eq!(whole_word("e gives 3", "e"), Some(0));
        assert_eq!(whole_word("stated first by wjhl.com", "wjhl.com"), Some(16));
        assert_eq!(whole_word("stated by abc", "a"), None);
    }

    #[test]
    fn only_web_addresses_become_links() {
        assert_eq!(
            Link("https://example.com/a?b=1&c=\"2\"").to_string(),
            "<a href=\"https://example.com/a?b=1&amp;c=&quot;2&quot;\" rel=\"noopener noreferrer\">https://example.com/a?b=1&amp;c=&quot;2&quot;</a>"
        );
        assert_eq!(
            Link("JavaScript:alert(1)").to_string(),
            "JavaScript:alert(1)"
        );
        assert_eq!(
            Link("data:text/html,<b>").to_string(),
            "data:text/html,&lt;b&gt;"
        );
    }

    #[test]
    fn style_and_script_cannot_close_their_elements() {
        assert!(!STYLE.to_ascii_lowercase().contains("</style"));
        assert!(!SCRIPT.to_ascii_lowercase().contains("</script"));
        assert!(
            !SCRIPT.contains("innerHTML")
                && !SCRIPT.contains("outerHTML")
                && !SCRIPT.contains("insertAdjacentHTML"),
            "the script must not build HTML from strings"
        );
    }
}
