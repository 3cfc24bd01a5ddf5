//! Articles opened and looked up through a handle on their folder
//! ([`Folders`]), which a reader keeps for as long as its files stay in that
//! folder. A corpus is read in path order, so a reader's next file is nearly
//! always beside its last, and the kernel then resolves one name instead of
//! every component of the path: that walk was a tenth of a cached run's time.
//!
//! The handle belongs to its caller, who drops it at the end of a pass: a
//! long-running process (the language server) never looks up a file
//! through a folder that has since been replaced.

use std::fs::File;
use std::io;
use std::path::Path;

use serde::{Deserialize, Serialize};

/// What tells that a file changed without reading it: its size, inode,
/// and modification and change times.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stat {
    /// The size in bytes.
    pub len: u64,
    /// The device holding the file (0 where the system has none).
    pub device: u64,
    /// The inode number (0 where the system has none).
    pub inode: u64,
    /// The last modification time, in nanoseconds since the Unix epoch.
    pub modified_ns: i128,
    /// The last status change time, in nanoseconds since the Unix epoch
    /// (the modification time where the system has none).
    pub changed_ns: i128,
}

/// The folder handle a reader keeps: one pass's worth of lookups (a job of
/// files, in path order) goes through it, then it is dropped, so that a
/// long-running process never looks up a file through a folder that has
/// since been replaced.
#[derive(Default)]
pub struct Folders {
    #[cfg(unix)]
    open: Option<unix::Folder>,
}

impl Folders {
    /// Opens `path` for reading.
    pub fn open(&mut self, path: &Path) -> io::Result<File> {
        #[cfg(unix)]
        if let Some(opened) = self.in_folder(path, |folder, name| {
            use rustix::fs::{Mode, OFlags};
            Ok(File::from(rustix::fs::openat(
                folder,
                name,
                OFlags::RDONLY | OFlags::CLOEXEC,
                Mode::empty(),
            )?))
        }) {
            return opened;
        }
        File::open(path)
    }

    /// The metadata of `path`, following symbolic links.
    pub fn stat(&mut self, path: &Path) -> io::Result<Stat> {
        #[cfg(unix)]
        if let Some(stat) = self.in_folder(path, |folder, name| {
            let stat = rustix::fs::statat(folder, name, rustix::fs::AtFlags::empty())?;
            let ns = |seconds: i64, nanoseconds: i64| {
                i128::from(seconds) * 1_000_000_000 + i128::from(nanoseconds)
            };
            // The fields' types differ from one system to another; the values fit.
            Ok(Stat {
                len: stat.st_size as u64,
                device: stat.st_dev as u64,
                inode: stat.st_ino as u64,
                modified_ns: ns(stat.st_mtime as i64, stat.st_mtime_nsec as i64),
                changed_ns: ns(stat.st_ctime as i64, stat.st_ctime_nsec as i64),
            })
        }) {
            return stat;
        }
        let metadata = std::fs::metadata(path)?;
        let ns = |time: std::time::SystemTime| {
            time.duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |since| since.as_nanos() as i128)
        };
        let modified_ns = ns(metadata.modified()?);
        #[cfg(unix)]
        let (device, inode, changed_ns) = {
            use std::os::unix::fs::MetadataExt;
            (
                metadata.dev(),
                metadata.ino(),
                i128::from(metadata.ctime()) * 1_000_000_000 + i128::from(metadata.ctime_nsec()),
            )
        };
        #[cfg(not(unix))]
        let (device, inode, changed_ns) = (0, 0, modified_ns);
        Ok(Stat {
            len: metadata.len(),
            device,
            inode,
            modified_ns,
            changed_ns,
        })
    }

    /// `at` of `path`'s folder and name; None when the folder cannot be
    /// opened (the caller then goes by the whole path, and reports its error).
    #[cfg(unix)]
    fn in_folder<T>(
        &mut self,
        path: &Path,
        at: impl FnOnce(std::os::fd::BorrowedFd<'_>, &std::ffi::OsStr) -> io::Result<T>,
    ) -> Option<io::Result<T>> {
        use std::os::fd::AsFd;
        // A path ending in `..` has no name, a bare name no folder to open.
        let (parent, name) = (
            path.parent()
                .filter(|parent| !parent.as_os_str().is_empty())?,
            path.file_name()?,
        );
        if self
            .open
            .as_ref()
            .is_none_or(|open| open.path.as_os_str() != parent.as_os_str())
        {
            use rustix::fs::{Mode, OFlags};
            let handle = rustix::fs::open(
                parent,
                OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC,
                Mode::empty(),
            )
            .ok()?;
            self.open = Some(unix::Folder {
                path: parent.to_path_buf(),
                handle,
            });
        }
        self.open.as_ref().map(|open| at(open.handle.as_fd(), name))
    }
}

#[cfg(unix)]
mod unix {
    use std::os::fd::OwnedFd;
    use std::path::PathBuf;

    /// An open folder and its path.
    pub(super) struct Folder {
        pub(super) path: PathBuf,
        pub(super) handle: OwnedFd,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_found_through_their_folder_as_by_their_path() {
        let dir = tempfile::tempdir().unwrap();
        for (name, text) in [("a.md", "one"), ("b.md", "three")] {
            std::fs::write(dir.path().join(name), text).unwrap();
        }
        let mut folders = Folders::default();
        for name in ["a.md", "b.md", "a.md"] {
            let path = dir.path().join(name);
            let by_path = std::fs::metadata(&path).unwrap();
            let stat = folders.stat(&path).unwrap();
            assert_eq!(stat.len, by_path.len());
            assert_eq!(
                stat.modified_ns,
                by_path
                    .modified()
                    .unwrap()
                    .duration_since(std::time::UNIX_EPOCH)
                    .unwrap()
                    .as_nanos() as i128
            );
            let text = io::read_to_string(folders.open(&path).unwrap()).unwrap();
            assert_eq!(text, std::fs::read_to_string(&path).unwrap());
        }
        assert_eq!(
            folders
                .stat(&dir.path().join("missing.md"))
                .unwrap_err()
                .kind(),
            io::ErrorKind::NotFound
        );
        assert!(folders.open(&dir.path().join("missing.md")).is_err());
    }

    /// Why a pass's handle is dropped with the pass: kept, it would still
    /// look into the folder that was replaced.
    #[test]
    fn a_folder_replaced_between_passes_is_opened_again() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("news");
        std::fs::create_dir(&folder).unwrap();
        std::fs::write(folder.join("a.md"), "old").unwrap();
        let mut first_pass = Folders::default();
        assert_eq!(
            io::read_to_string(first_pass.open(&folder.join("a.md")).unwrap()).unwrap(),
            "old"
        );
        std::fs::rename(&folder, dir.path().join("gone")).unwrap();
        std::fs::create_dir(&folder).unwrap();
        std::fs::write(folder.join("a.md"), "new").unwrap();
        let mut second_pass = Folders::default();
        assert_eq!(
            io::read_to_string(second_pass.open(&folder.join("a.md")).unwrap()).unwrap(),
            "new"
        );
        assert_eq!(second_pass.stat(&folder.join("a.md")).unwrap().len, 3);
        #[cfg(unix)]
        assert_eq!(
            io::read_to_string(first_pass.open(&folder.join("a.md")).unwrap()).unwrap(),
            "old",
            "a kept handle sees the old folder"
        );
    }

    #[test]
    fn names_that_are_steps_go_by_the_whole_path() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        std::fs::write(dir.path().join("a.md"), "one").unwrap();
        let mut folders = Folders::default();
        let through = dir.path().join("sub/../a.md");
        assert_eq!(
            io::read_to_string(folders.open(&through).unwrap()).unwrap(),
            "one"
        );
        // A folder is not an article, however it is named.
        assert!(folders.stat(&dir.path().join("sub/..")).is_ok());
    }
}
