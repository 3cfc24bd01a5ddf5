//! The words of messages that every stage and format shares: counts and
//! lists of names, said one way everywhere.

/// "1 error", "2 warnings".
pub fn plural(count: usize, word: &str) -> String {
    if count == 1 {
        format!("1 {word}")
    } else {
        format!("{count} {word}s")
    }
}

/// "1 outlet" / "3 outlets".
pub fn outlets(count: usize) -> String {
    plural(count, "outlet")
}

/// A list of names for a note, shortened past twenty.
pub fn names(names: &[&str]) -> String {
    const SHOWN: usize = 20;
    if names.len() <= SHOWN {
        names.join(", ")
    } else {
        format!(
            "{} and {} more",
            names[..SHOWN].join(", "),
            names.len() - SHOWN
        )
    }
}
