//! The shipped dictionaries, compiled into the binary by `build.rs`, so that an installed
//! `actorgraph` (or the Python package) works in any folder.
//!
//! [`DictSource`] says which set a command reads: the paths the user named, else a
//! `dictionaries` folder in the working directory, else this built-in set. [`export`] writes
//! the built-in set out as files, to start a custom set from.

use super::{Dictionary, DictionaryError};
use std::path::{Path, PathBuf};

/// Every shipped dictionary file: (path under `dictionaries/`, with `/` between folders; its
/// text), in the order a folder is loaded in.
pub static FILES: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/builtin_dictionaries.rs"));

/// How the built-in files are named in messages and `dict check`.
pub const PREFIX: &str = "<built-in>";

/// The folder a command reads when no `--dict` is given, if it exists.
pub const DEFAULT_FOLDER: &str = "dictionaries";

/// Where a command's dictionaries come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DictSource {
    /// Files and folders of `*.toml` files.
    Paths(Vec<PathBuf>),
    /// The set compiled into the binary.
    BuiltIn,
}

impl DictSource {
    /// The paths given (`--dict`), else `./dictionaries` when it exists, else the built-in set.
    pub fn resolve(paths: &[PathBuf]) -> DictSource {
        if !paths.is_empty() {
            DictSource::Paths(paths.to_vec())
        } else if Path::new(DEFAULT_FOLDER).is_dir() {
            DictSource::Paths(vec![PathBuf::from(DEFAULT_FOLDER)])
        } else {
            DictSource::BuiltIn
        }
    }

    /// Loads the dictionaries, keeping only the language layers in `langs` (see
    /// [`Dictionary::load_langs`]).
    pub fn load(&self, langs: Option<&[String]>) -> Result<Dictionary, DictionaryError> {
        match self {
            DictSource::Paths(paths) => Dictionary::load_langs(paths, langs),
            DictSource::BuiltIn => Dictionary::builtin(langs),
        }
    }

    /// What loading them is called in messages (a path in error names itself).
    pub fn loading(&self) -> &'static str {
        match self {
            DictSource::Paths(_) => "loading dictionaries",
            DictSource::BuiltIn => "loading the built-in dictionaries",
        }
    }
}

/// The built-in files as (name in messages, text) pairs.
pub(super) fn sources() -> Vec<(PathBuf, String)> {
    FILES
        .iter()
        .map(|(name, text)| (Path::new(PREFIX).join(name), text.to_string()))
        .collect()
}

/// Why the built-in set could not be written out.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("{0} is not empty: give a new or empty folder, so no file of yours is overwritten")]
    NotEmpty(PathBuf),
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// Writes every built-in file under `dir` (created if missing, refused unless empty), and
/// returns the paths written, in order.
pub fn export(dir: &Path) -> Result<Vec<PathBuf>, ExportError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| ExportError::Io { path, source }
    };
    match std::fs::read_dir(dir) {
        Ok(mut entries) => {
            if entries.next().is_some() {
                return Err(ExportError::NotEmpty(dir.to_path_buf()));
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            std::fs::create_dir_all(dir).map_err(io(dir))?
        }
        Err(e) => return Err(io(dir)(e)),
    }
    let mut written = Vec::new();
    for (name, text) in FILES {
        let path = name
            .split('/')
            .fold(dir.to_path_buf(), |p, part| p.join(part));
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(io(parent))?;
        }
        std::fs::write(&path, text).map_err(io(&path))?;
        written.push(path);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_set_is_the_shipped_folder() {
        // Every shipped file is built in, with the same text: a file added to or edited in
        // dictionaries/ without a rebuild would make the two disagree.
        let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("dictionaries");
        let on_disk = super::super::load::dictionary_files(std::slice::from_ref(&folder)).unwrap();
        let names: Vec<String> = on_disk
            .iter()
            .map(|f| {
                let rel = f.strip_prefix(&folder).unwrap();
                rel.components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect::<Vec<_>>()
                    .join("/")
            })
            .collect();
        let built_in: Vec<&str> = FILES.iter().map(|(n, _)| *n).collect();
        assert_eq!(built_in, names);
        for ((_, text), file) in FILES.iter().zip(&on_disk) {
            assert_eq!(
                *text,
                std::fs::read_to_string(file).unwrap(),
                "{}",
                file.display()
            );
        }
    }

    #[test]
    fn export_refuses_a_folder_with_files_and_fills_an_empty_one() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("mine.toml"), "").unwrap();
        assert!(matches!(export(dir.path()), Err(ExportError::NotEmpty(_))));
        let fresh = dir.path().join("new");
        let written = export(&fresh).unwrap();
        assert_eq!(written.len(), FILES.len());
        let again = Dictionary::load(&[fresh]).unwrap();
        let built_in = Dictionary::builtin(None).unwrap();
        assert_eq!(again.alias_count(), built_in.alias_count());
        assert_eq!(again.entities().len(), built_in.entities().len());
    }
}
