//! Hover on a flagged span: the finding's kind in one line, the claim, the
//! finding, and what every other outlet of the story says about the claim,
//! with its value and a quote.

use crosscheck_engine::assertions::{Evidence, Item, OutletEvidence, Story};
use crosscheck_engine::diagnostic::{Diagnostic, Kind};
use crosscheck_engine::record::ArticleRecord;
use crosscheck_engine::run::Setup;

/// Outlets listed under one finding; a line counts the rest.
const MAX_OUTLETS: usize = 20;
/// Statements quoted per outlet.
const MAX_QUOTES: usize = 3;
/// Characters of a quote.
const MAX_QUOTE: usize = 200;

/// Markdown for the findings of `flagged`, all in the article of `record`.
pub fn markdown(
    setup: &Setup,
    record: &ArticleRecord,
    records: &[ArticleRecord],
    flagged: &[&Diagnostic],
) -> String {
    // `records` are in path order, as a story's members must be.
    let story = Story::new(
        records
            .iter()
            .filter(|other| other.story == record.story)
            .collect(),
    );
    flagged
        .iter()
        .map(|diagnostic| section(setup, record, &story, diagnostic))
        .collect::<Vec<_>>()
        .join("\n\n---\n\n")
}

fn section(
    setup: &Setup,
    record: &ArticleRecord,
    story: &Story,
    diagnostic: &Diagnostic,
) -> String {
    let mut out = format!(
        "**{}** · `{}` · {}\n\n{} `crosscheck explain {0}` tells how to fix or accept it.\n\n**Claim:** {}\n\n{}",
        diagnostic.kind,
        diagnostic.rule,
        diagnostic.severity,
        diagnostic.kind.summary(),
        escape(&diagnostic.claim),
        escape(&diagnostic.message)
    );
    let Some((index, rule)) = setup
        .rules
        .rules
        .iter()
        .enumerate()
        .find(|(_, rule)| rule.id == diagnostic.rule)
    else {
        return out;
    };
    if diagnostic.kind == Kind::InvalidSuppression {
        return out;
    }
    let evidence = Evidence::gather(index, rule, &record.story, story);
    let others: Vec<String> = evidence
        .outlets
        .iter()
        .filter(|outlet| outlet.name != record.outlet)
        .map(outlet_line)
        .collect();
    out.push_str(&format!(
        "\n\n**The other outlets of story `{}`:**\n",
        record.story
    ));
    if others.is_empty() {
        out.push_str("\nnone: this outlet is the only one.");
    }
    for line in others.iter().take(MAX_OUTLETS) {
        out.push_str("\n- ");
        out.push_str(line);
    }
    if others.len() > MAX_OUTLETS {
        out.push_str(&format!(
            "\n- … and {} more outlets",
            others.len() - MAX_OUTLETS
        ));
    }
    out
}

/// What one outlet says: its statements (value and quote), else its
/// denials, else its mentions, else silence.
fn outlet_line(outlet: &OutletEvidence) -> String {
    let name = format!("**{}**", escape(outlet.name));
    let (verb, items) = if !outlet.states.is_empty() {
        ("states", &outlet.states)
    } else if !outlet.denies.is_empty() {
        ("denies", &outlet.denies)
    } else if !outlet.mentions.is_empty() {
        ("mentions the topic without stating", &outlet.mentions)
    } else {
        return format!("{name} says nothing about it");
    };
    let quotes: Vec<String> = items.iter().take(MAX_QUOTES).map(quote).collect();
    let more = match items.len().saturating_sub(MAX_QUOTES) {
        0 => String::new(),
        n => format!(" (and {n} more)"),
    };
    format!("{name} {verb} {}{more}", quotes.join("; "))
}

/// `3 in “three people were killed” (a.md:4:1)`, or `it in …` without a value.
fn quote(item: &Item) -> String {
    let span = item.span();
    let words: Vec<&str> = span.text.split_whitespace().collect();
    let mut text = words.join(" ");
    if let Some((cut, _)) = text.char_indices().nth(MAX_QUOTE) {
        text.truncate(cut);
        text.push('…');
    }
    let value = item
        .statement
        .value
        .as_ref()
        .map_or_else(|| "it".to_owned(), |value| escape(value.value.canonical()));
    format!(
        "{value} in “{}” ({}:{}:{})",
        escape(&text),
        escape(&span.path),
        span.line,
        span.column
    )
}

/// Text shown as Markdown, with the characters that would format escaped.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_characters_are_escaped() {
        assert_eq!(escape("a *b* [c](d) <e>"), "a \\*b\\* \\[c\\](d) \\<e\\>");
    }
}
