//! Paths as crosscheck shows them: with `/`, relative to the working
//! directory where they can be, `.` and `name/..` folded without asking the
//! file system, so that the same article is named the same way in every
//! report, cache and config glob.

use std::path::{Component, Path, PathBuf};

/// A path to lint, on disk and as shown to the user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Input {
    /// Where to read it, as the file system takes it.
    pub disk: PathBuf,
    /// How reports name it (`/`-separated, folded).
    pub shown: String,
}

/// `base` joined with `path` using `/`, with `.` and `name/..` steps folded
/// away, so `tests/x` joined with `../../../shared` shows as `../shared`.
pub fn join_shown(base: &str, path: &str) -> String {
    // The common case, a folded base and a path of plain names (as the walk
    // finds them, once per article), has nothing to fold.
    let names = |text: &str| {
        !text.is_empty() && text.split('/').all(|part| !matches!(part, "" | "." | ".."))
    };
    let absolute = base.starts_with('/');
    let mut base_names = base.strip_prefix('/').unwrap_or(base);
    // A relative base may lead out of its folder; an absolute one cannot.
    while let Some(rest) = base_names.strip_prefix("../").filter(|_| !absolute) {
        base_names = rest;
    }
    if names(path) && (names(base_names) || (base_names == ".." && !absolute)) {
        return format!("{base}/{path}");
    }
    let joined = if base.is_empty() || Path::new(path).is_absolute() {
        path.to_owned()
    } else {
        format!("{}/{}", base.trim_end_matches('/'), path)
    };
    let absolute = joined.starts_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for part in joined.split('/') {
        match part {
            "" | "." => {}
            ".." if parts.last().is_some_and(|last| *last != "..") => {
                parts.pop();
            }
            ".." if absolute => {}
            _ => parts.push(part),
        }
    }
    let folded = parts.join("/");
    match (absolute, folded.is_empty()) {
        (true, _) => format!("/{folded}"),
        (false, true) => ".".to_owned(),
        (false, false) => folded,
    }
}

/// The folder part of a shown path: `.` for a bare name.
pub fn parent_shown(shown: &str) -> String {
    shown
        .rsplit_once('/')
        .map_or_else(|| ".".to_owned(), |(dir, _)| dir.to_owned())
}

/// A shown path relative to `shown_base` (the config's folder), which is
/// what the config's globs are written against.
pub fn relative<'a>(shown_base: &str, shown: &'a str) -> &'a str {
    if shown_base.is_empty() {
        shown
    } else {
        shown
            .strip_prefix(shown_base)
            .and_then(|rest| rest.strip_prefix('/'))
            .unwrap_or(shown)
    }
}

/// `path` without `.` components and with each `dir/..` pair resolved, without
/// asking the file system; the `..` that lead out of a relative path stay.
pub fn lexical(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir
                if matches!(out.components().next_back(), Some(Component::Normal(_))) =>
            {
                out.pop();
            }
            // At the root, `..` is the root itself.
            Component::ParentDir if out.has_root() => {}
            other => out.push(other),
        }
    }
    out
}

/// How to show `path`, given relative to `cwd` or absolute.
pub fn shown_path(cwd: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(cwd).unwrap_or(path);
    relative.to_string_lossy().replace('\\', "/")
}

/// How to show folder `dir` (an ancestor of `cwd` is shown as `..` steps).
pub fn shown_dir(cwd: &Path, dir: &Path) -> String {
    if dir == Path::new(".") || dir == cwd {
        return String::new();
    }
    if dir.is_relative() {
        return dir.to_string_lossy().replace('\\', "/");
    }
    let ups = cwd.ancestors().position(|ancestor| ancestor == dir);
    match ups {
        Some(count) => vec![".."; count].join("/"),
        None => shown_path(cwd, dir),
    }
}

/// How a path on disk under `base` is shown: relative to the working
/// directory through `shown_base`.
pub fn shown_under(cwd: &Path, base: &Path, shown_base: &str, path: &Path) -> String {
    match path.strip_prefix(base) {
        Ok(relative) => join_shown(shown_base, &relative.to_string_lossy().replace('\\', "/")),
        Err(_) => path
            .strip_prefix(cwd)
            .unwrap_or(path)
            .to_string_lossy()
            .replace('\\', "/"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexical_paths() {
        assert_eq!(
            lexical(Path::new("/repo/./sub/../news/a.md")),
            Path::new("/repo/news/a.md")
        );
        assert_eq!(lexical(Path::new("/../a")), Path::new("/a"));
        assert_eq!(
            lexical(Path::new("../x/../../shared/./a.md")),
            Path::new("../../shared/a.md")
        );
        assert_eq!(lexical(Path::new("./a.md")), Path::new("a.md"));
    }

    #[test]
    fn shown_paths_are_relative_to_the_config_folder() {
        let cwd = Path::new("/repo/sub");
        assert_eq!(shown_dir(cwd, Path::new("/repo")), "..");
        assert_eq!(shown_dir(cwd, Path::new("/repo/sub")), "");
        assert_eq!(join_shown("..", "seeds"), "../seeds");
        assert_eq!(join_shown("", "./seeds"), "seeds");
        assert_eq!(
            join_shown("tests/corpora/gva", "../../../../shared/corpora/gva"),
            "../shared/corpora/gva"
        );
        assert_eq!(join_shown("", "."), ".");
        // Bases already folded, with paths of plain names.
        assert_eq!(join_shown("seeds", "a/b.md"), "seeds/a/b.md");
        assert_eq!(join_shown("/abs/corpus", "a.md"), "/abs/corpus/a.md");
        assert_eq!(join_shown("../../shared", "a.md"), "../../shared/a.md");
        assert_eq!(join_shown("..", "a.md"), "../a.md");
        // And those that are not.
        assert_eq!(join_shown("/..", "a.md"), "/a.md");
        assert_eq!(join_shown("/../x", "a.md"), "/x/a.md");
        assert_eq!(join_shown("/", "a.md"), "/a.md");
        assert_eq!(join_shown(".", "a.md"), "a.md");
        assert_eq!(join_shown("a/../b", "c"), "b/c");
        assert_eq!(join_shown("a/", "c"), "a/c");
        assert_eq!(join_shown("a", "c/"), "a/c");
        assert_eq!(join_shown("/abs", "../x"), "/x");
    }
}
