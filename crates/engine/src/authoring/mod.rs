//! Tools for the people who write rules (`crosscheck rules …`): what a rule
//! finds across the corpus ([`explain`]) and whether its own examples and
//! cases hold ([`rule_tests`]). Both only compute; renderers show them.

pub mod explain;
pub mod rule_tests;
