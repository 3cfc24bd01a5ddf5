//! The engine's modules stand in layers, and a module uses only modules of
//! the layers below its own: data flows one way (articles → statements →
//! assertions → diagnostics), and no two modules need each other. This test
//! reads the sources and fails on a `crate::` path that points up or
//! sideways, on a module missing from the table, and on a dependency the
//! engine must not have (a command line, an editor protocol, a terminal).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Bottom to top. A module may use those of earlier lines only.
const LAYERS: &[&[&str]] = &[
    // Foundations: no engine module below them.
    &[
        "span",
        "problem",
        "choice",
        "wording",
        "encoding",
        "paths",
        "values",
        "at_folder",
        "atomic_file",
    ],
    &["yaml", "diagnostic"],
    // Articles: bytes → text with a span map → units.
    &["article"],
    // What is checked, and what is accepted.
    &["rules", "accepted"],
    &["config", "statements"],
    // What reading leaves for judging, kept between runs.
    &["record"],
    &["cache", "assertions"],
    // Reading the corpus; views of the judgement.
    &["corpus", "matrix", "focus", "table"],
    &["authoring"],
    // A whole run.
    &["run"],
];

/// Crates the engine must not depend on: it serves every front end alike.
const FORBIDDEN: &[&str] = &[
    "clap",
    "codespan-reporting",
    "lsp-server",
    "lsp-types",
    "signal-hook",
    "crosscheck-render",
    "crosscheck-lsp",
];

fn source() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn layer_of() -> BTreeMap<&'static str, usize> {
    LAYERS
        .iter()
        .enumerate()
        .flat_map(|(layer, modules)| modules.iter().map(move |module| (*module, layer)))
        .collect()
}

/// The engine modules a file names through `crate::`, outside comments.
fn used(text: &str) -> Vec<String> {
    let mut used = Vec::new();
    for line in text
        .lines()
        .map(str::trim_start)
        .filter(|line| !line.starts_with("//"))
    {
        let mut rest = line;
        while let Some(at) = rest.find("crate::") {
            rest = &rest[at + "crate::".len()..];
            let names: Vec<&str> = match rest.strip_prefix('{') {
                // `crate::{a, b::c}`: every first segment in the group.
                Some(group) => group[..group.find('}').unwrap_or(group.len())]
                    .split(',')
                    .map(|item| item.trim().split("::").next().unwrap_or(""))
                    .collect(),
                None => vec![rest
                    .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                    .next()
                    .unwrap_or("")],
            };
            used.extend(
                names
                    .into_iter()
                    .filter(|name| !name.is_empty())
                    .map(str::to_owned),
            );
        }
    }
    used
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files(&path, out);
        } else if path.extension().is_some_and(|extension| extension == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn every_module_uses_only_the_layers_below_it() {
    let layers = layer_of();
    let lib = std::fs::read_to_string(source().join("lib.rs")).unwrap();
    let declared: Vec<&str> = lib
        .lines()
        .filter_map(|line| line.strip_prefix("pub mod ")?.strip_suffix(';'))
        .collect();
    for module in &declared {
        assert!(
            layers.contains_key(module),
            "module `{module}` is in no layer of tests/layers.rs: give it its place"
        );
    }
    for module in layers.keys() {
        assert!(
            declared.contains(module),
            "tests/layers.rs names `{module}`, which lib.rs does not declare"
        );
    }
    let mut sources = Vec::new();
    files(&source(), &mut sources);
    let mut upward = Vec::new();
    for path in sources {
        let relative = path.strip_prefix(source()).unwrap();
        let module = relative
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy()
            .trim_end_matches(".rs")
            .to_owned();
        let Some(&own) = layers.get(module.as_str()) else {
            continue;
        };
        for name in used(&std::fs::read_to_string(&path).unwrap()) {
            match layers.get(name.as_str()) {
                Some(&layer) if name != module && layer >= own => upward.push(format!(
                    "{}: uses `{name}` (layer {layer}) from layer {own}",
                    relative.display()
                )),
                _ => {}
            }
        }
    }
    assert!(
        upward.is_empty(),
        "modules that use their own layer or one above it:\n{}",
        upward.join("\n")
    );
}

#[test]
fn the_reader_of_paths_sees_groups_and_ignores_comments() {
    assert_eq!(
        used("use crate::{span::Span, values};\n// crate::run\nlet x = crate::paths::lexical(p);"),
        ["span", "values", "paths"]
    );
}

#[test]
fn the_engine_depends_on_no_front_end() {
    let manifest =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml")).unwrap();
    let dependencies: Vec<&str> = manifest
        .lines()
        .filter_map(|line| line.split_once(['=', '.']).map(|(name, _)| name.trim()))
        .filter(|name| !name.is_empty() && !name.starts_with('['))
        .collect();
    for forbidden in FORBIDDEN {
        assert!(
            !dependencies.contains(forbidden),
            "the engine depends on `{forbidden}`: that belongs to a front end"
        );
    }
}
