//! Closed sets of named options — a config value, a command-line flag, an
//! output format — described once, where the option is defined. The command
//! line builds its parsers and help from them; the library depends on no
//! argument parser.

/// A type whose values are a fixed list of names, each with a line of help.
pub trait Choice: Copy + Send + Sync + 'static {
    /// Every value, in the order help lists them.
    const ALL: &'static [Self];

    /// The name a user writes.
    fn name(self) -> &'static str;

    /// One line on what it means.
    fn about(self) -> &'static str;
}
