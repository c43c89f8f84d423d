//! Where outputs go: a set of files replaced atomically, or standard output.
//!
//! Every file is first written in full to a temporary file in its destination folder, then all
//! are renamed into place, so a run that fails or is killed never leaves a half-written file.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use tempfile::NamedTempFile;

/// A temporary file in `dir`, named `.actorgraph-XXXXXX.tmp` so that one left by a run killed
/// while renaming (a window of microseconds) is recognisable.
fn temporary_in(dir: &Path) -> io::Result<NamedTempFile> {
    tempfile::Builder::new()
        .prefix(".actorgraph-")
        .suffix(".tmp")
        .tempfile_in(dir)
}

/// The folder a file path is in (`.` for a bare file name).
pub fn folder_of(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// An output inside an input folder: what is written there would be read as articles by the
/// next run (and by this one, for `extract`).
#[derive(Debug, thiserror::Error)]
#[error(
    "{} is inside the input folder {}: what is written there would be read as articles; choose a folder outside it",
    out.display(),
    input.display()
)]
pub struct InsideInput {
    pub out: PathBuf,
    pub input: PathBuf,
}

/// Refuses `out` when it lies inside one of the input folders `inputs` (symbolic links
/// resolved).
pub fn refuse_inside_inputs(out: &Path, inputs: &[PathBuf]) -> Result<(), InsideInput> {
    let out_real = resolved(out);
    match inputs
        .iter()
        .filter(|input| input.as_os_str() != "-" && input.is_dir())
        .find(|input| out_real.starts_with(resolved(input)))
    {
        Some(input) => Err(InsideInput {
            out: out.to_path_buf(),
            input: input.clone(),
        }),
        None => Ok(()),
    }
}

/// The absolute path with symbolic links resolved, also for a path that does not exist yet
/// (its nearest existing ancestor resolved, the rest appended).
fn resolved(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut rest = Vec::new();
    let mut at = absolute.as_path();
    loop {
        if let Ok(real) = std::fs::canonicalize(at) {
            return rest.iter().rev().fold(real, |p, part| p.join(part));
        }
        match (at.parent(), at.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                at = parent;
            }
            _ => return absolute,
        }
    }
}

/// Checks, without creating anything, that `dir` could be written: it accepts new files, or
/// it is missing and the nearest folder above it that exists does. A run calls this before
/// any work, then [`ensure_writable`] once what the user named has been checked, so that a
/// wrong dictionary or input leaves no empty folder behind.
pub fn check_writable(dir: &Path) -> io::Result<()> {
    let mut at = dir;
    loop {
        match std::fs::metadata(at) {
            Ok(m) if m.is_dir() => return temporary_in(at).map(drop),
            Ok(_) => {
                return Err(io::Error::new(
                    io::ErrorKind::AlreadyExists,
                    format!("{} is a file, not a folder", at.display()),
                ));
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => match at.parent() {
                Some(p) if !p.as_os_str().is_empty() => at = p,
                _ => return temporary_in(Path::new(".")).map(drop),
            },
            Err(e) => return Err(e),
        }
    }
}

/// Checks early that `dir` exists (creating it if needed) and accepts new files, so a run
/// fails before any work when it could not write its results.
pub fn ensure_writable(dir: &Path) -> io::Result<()> {
    std::fs::create_dir_all(dir)?;
    temporary_in(dir).map(drop)
}

/// Files written to temporary files beside their destinations, moved into place together by
/// [`Staged::commit`]; dropped without committing, they vanish and nothing is replaced. A
/// run stages each file as soon as it is made, so only one file's bytes are in memory at a
/// time.
#[derive(Default)]
pub struct Staged {
    files: Vec<(tempfile::NamedTempFile, PathBuf)>,
}

impl Staged {
    /// Writes `bytes` to a temporary file beside `path` (creating its folder).
    pub fn stage(&mut self, path: &Path, bytes: &[u8]) -> io::Result<()> {
        let dir = folder_of(path);
        std::fs::create_dir_all(dir)?;
        let mut tmp = temporary_in(dir)?;
        tmp.write_all(bytes)?;
        // Temporary files are private (0600); outputs are ordinary files others may read.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            tmp.as_file()
                .set_permissions(std::fs::Permissions::from_mode(0o644))?;
        }
        tmp.as_file().sync_all()?;
        self.files.push((tmp, path.to_path_buf()));
        Ok(())
    }

    /// Moves every staged file into place.
    pub fn commit(self) -> io::Result<()> {
        for (tmp, path) in self.files {
            tmp.persist(path).map_err(|e| e.error)?;
        }
        Ok(())
    }
}

/// Writes each `(path, bytes)` to a temporary file beside its destination, then moves them all
/// into place. Nothing is replaced unless every file was written.
pub fn write_files_atomically(files: &[(PathBuf, Vec<u8>)]) -> io::Result<()> {
    let mut staged = Staged::default();
    for (path, bytes) in files {
        staged.stage(path, bytes)?;
    }
    staged.commit()
}

/// Streams into `path` through a temporary file that replaces it only when `fill` succeeds;
/// `-` writes to standard output instead.
pub fn write_streaming<T, E: From<io::Error>>(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> Result<T, E>,
) -> Result<T, E> {
    if path.as_os_str() == "-" {
        let stdout = io::stdout();
        let mut out = io::BufWriter::new(stdout.lock());
        let value = fill(&mut out)?;
        out.flush()?;
        return Ok(value);
    }
    let dir = folder_of(path);
    let tmp = temporary_in(dir)?;
    let mut out = io::BufWriter::new(tmp);
    let value = fill(&mut out)?;
    let tmp = out.into_inner().map_err(|e| e.into_error())?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644))?;
    }
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_is_replaced_unless_every_file_could_be_written() {
        let dir = tempfile::tempdir().unwrap();
        let first = dir.path().join("graph.json");
        std::fs::write(&first, "previous").unwrap();
        // The second destination's folder cannot exist: its parent is a file.
        std::fs::write(dir.path().join("blocker"), "").unwrap();
        let second = dir.path().join("blocker/graph.gexf");
        let result =
            write_files_atomically(&[(first.clone(), b"new".to_vec()), (second, b"new".to_vec())]);
        assert!(result.is_err());
        assert_eq!(std::fs::read_to_string(&first).unwrap(), "previous");
        let left: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(
            left.iter().all(|n| !n.ends_with(".tmp")),
            "temporary files removed: {left:?}"
        );
    }

    #[test]
    fn a_failed_stream_leaves_the_previous_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("mentions.jsonl");
        std::fs::write(&path, "previous").unwrap();
        let result = write_streaming(&path, |out| {
            out.write_all(b"half")?;
            Err::<(), _>(io::Error::other("interrupted"))
        });
        assert!(result.is_err());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "previous");
    }
}
