//! `negation: auto` (SPEC §3): a negation cue at most five words before a
//! matched pattern turns a statement into a denial.

/// How many words before a match a cue may stand.
const WINDOW: usize = 5;

const CUES: [&str; 9] = [
    "not", "no", "never", "neither", "nor", "without", "denied", "denies", "false",
];

/// Byte offset (into `text`) of the negation cue among the last five words
/// before `position`, the farthest one if several.
pub fn cue_before(text: &str, position: usize) -> Option<usize> {
    words_before(&text[..position])
        .take(WINDOW)
        .filter(|(_, word)| is_cue(word))
        .last()
        .map(|(start, _)| start)
}

fn is_cue(word: &str) -> bool {
    let lower = word.to_lowercase();
    CUES.contains(&lower.as_str()) || lower.ends_with("n't")
}

/// Words of `text` from the last one backwards, with their start offsets.
/// A word is a run of letters, digits and apostrophes (`didn't` is one word).
fn words_before(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let is_word_char = |c: char| c.is_alphanumeric() || c == '\'';
    let mut end = text.len();
    std::iter::from_fn(move || {
        let trimmed = text[..end].trim_end_matches(|c: char| !is_word_char(c));
        if trimmed.is_empty() {
            return None;
        }
        let start = trimmed.rfind(|c: char| !is_word_char(c)).map_or(0, |i| {
            i + trimmed[i..].chars().next().map_or(1, char::len_utf8)
        });
        end = start;
        Some((start, &trimmed[start..]))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cue(text: &str, before: &str) -> Option<&'static str> {
        let position = text.find(before).unwrap();
        cue_before(text, position).map(|start| {
            let word: String = text[start..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '\'')
                .collect();
            Box::leak(word.into_boxed_str()) as &'static str
        })
    }

    #[test]
    fn finds_cues_within_five_words() {
        assert_eq!(
            cue("Azure will no longer be the primary cloud", "primary"),
            Some("no")
        );
        assert_eq!(
            cue("The deal didn't run through 2032", "through"),
            Some("didn't")
        );
        assert_eq!(
            cue("Officials denied that Azure is primary", "primary"),
            Some("denied")
        );
        assert_eq!(
            cue("It is false that it runs through 2032", "through"),
            Some("false")
        );
    }

    #[test]
    fn ignores_cues_further_away_or_absent() {
        assert_eq!(
            cue(
                "No one said that the deal is really extended through 2032",
                "through"
            ),
            None
        );
        assert_eq!(cue("Azure remains the primary cloud", "primary"), None);
        assert_eq!(cue("Nothing notable: Azure is primary", "primary"), None);
    }

    #[test]
    fn handles_non_ascii_text() {
        assert_eq!(
            cue("Café — n'est not ever the primary", "primary"),
            Some("not")
        );
        assert_eq!(cue("", ""), None);
    }
}
