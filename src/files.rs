//! One door for files. Every open, save and export is a [`FileAction`]: the system dialog, the
//! path field and the command line all end in a chosen path for one, and every file Flywheel
//! writes goes through [`write_atomic`], so that a crash, a full disk or a refused write leaves
//! the old file whole.

use std::fs::{self, OpenOptions};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use flywheel_model::escape_controls;

use crate::export::{ExportChoice, PictureTarget};

/// Something to do with a file the user chooses.
#[derive(Clone, Debug, PartialEq)]
pub enum FileAction {
    /// Load datasets (`.ron`, `.csv`).
    OpenDataset,
    /// Open a scenario file.
    OpenScenario,
    /// Save the current scenario.
    SaveScenario,
    /// Open a deck file.
    OpenDeck,
    /// Save the deck.
    SaveDeck,
    /// Write a picture or numbers.
    Export(ExportChoice),
    /// Write every slide of the deck as a page of a PDF.
    ExportDeckPdf,
}

/// The path field, open where no system file dialog is available (or on request).
#[derive(Clone, Debug, PartialEq)]
pub struct PathField {
    /// What the path is for.
    pub action: FileAction,
    /// The text typed so far.
    pub text: String,
    /// Put the cursor in the field on its next frame.
    pub focus_pending: bool,
}

/// What a dialog or path field says about the file.
struct Wording {
    title: &'static str,
    filter: (&'static str, &'static [&'static str]),
    prompt: &'static str,
    field: &'static str,
    hint: &'static str,
}

impl FileAction {
    /// Whether the action writes (a save dialog) rather than reads.
    pub fn writes(&self) -> bool {
        matches!(
            self,
            Self::SaveScenario | Self::SaveDeck | Self::Export(_) | Self::ExportDeckPdf
        )
    }

    fn wording(&self) -> Wording {
        match self {
            Self::OpenDataset => Wording {
                title: "Open dataset",
                filter: ("Datasets and SEC company facts", &["ron", "csv", "json"]),
                prompt: "Type the path of a .ron or .csv dataset, or SEC company facts (.json):",
                field: "Dataset path",
                hint: "/path/to/dataset.ron",
            },
            Self::OpenScenario => Wording {
                title: "Open scenario",
                filter: ("Flywheel scenarios", &["ron"]),
                prompt: "Type the path of a .ron scenario file:",
                field: "File path",
                hint: "/path/to/scenario.ron",
            },
            Self::SaveScenario => Wording {
                title: "Save scenario",
                filter: ("Flywheel scenarios", &["ron"]),
                prompt: "Type where to save the scenario (.ron):",
                field: "File path",
                hint: "/path/to/scenario.ron",
            },
            Self::OpenDeck => Wording {
                title: "Open deck",
                filter: ("Flywheel decks", &["ron"]),
                prompt: "Type the path of a .ron deck file:",
                field: "File path",
                hint: "/path/to/deck.ron",
            },
            Self::SaveDeck => Wording {
                title: "Save deck",
                filter: ("Flywheel decks", &["ron"]),
                prompt: "Type where to save the deck (.ron):",
                field: "File path",
                hint: "/path/to/deck.ron",
            },
            Self::Export(ExportChoice::Picture { .. }) => Wording {
                title: "Export picture",
                filter: ("PNG pictures", &["png"]),
                prompt: "Type where to save the export (.png or .csv):",
                field: "File path",
                hint: "/path/to/picture.png",
            },
            Self::ExportDeckPdf => Wording {
                title: "Export deck as PDF",
                filter: ("PDF documents", &["pdf"]),
                prompt: "Type where to save the deck (.pdf):",
                field: "File path",
                hint: "/path/to/deck.pdf",
            },
            Self::Export(ExportChoice::Csv { .. }) => Wording {
                title: "Export numbers",
                filter: ("CSV files", &["csv"]),
                prompt: "Type where to save the export (.png or .csv):",
                field: "File path",
                hint: "/path/to/numbers.csv",
            },
        }
    }

    /// Title of the dialog and of the path field's window.
    pub fn title(&self) -> &'static str {
        self.wording().title
    }

    /// The path field's prompt.
    pub fn prompt(&self) -> &'static str {
        self.wording().prompt
    }

    /// The path field's label (its accessible name).
    pub fn field_label(&self) -> &'static str {
        self.wording().field
    }

    /// Greyed example in the empty path field.
    pub fn hint(&self) -> &'static str {
        self.wording().hint
    }

    /// The path field's button.
    pub fn button(&self) -> &'static str {
        if self.writes() { "Save" } else { "Open" }
    }

    /// Said when the system file dialog returned at once: it was never shown.
    pub fn no_dialog_message(&self) -> &'static str {
        match self {
            Self::OpenDataset => {
                "No system file dialog is available: type the file's path instead."
            }
            Self::OpenScenario => {
                "No system file dialog is available: type the scenario's path instead."
            }
            Self::SaveScenario => "No system file dialog is available: type where to save instead.",
            Self::OpenDeck | Self::SaveDeck | Self::Export(_) | Self::ExportDeckPdf => {
                "No system file dialog is available: type the path instead."
            }
        }
    }

    /// Said when the user closed the dialog without choosing.
    pub fn nothing_chosen_message(&self) -> &'static str {
        match self {
            Self::OpenScenario => "No scenario chosen.",
            Self::SaveScenario => "Not saved.",
            Self::OpenDataset
            | Self::OpenDeck
            | Self::SaveDeck
            | Self::Export(_)
            | Self::ExportDeckPdf => "No file chosen.",
        }
    }
}

/// A name for an export's save dialog: `flywheel-capex.capex@2x.png`, `flywheel-profit.csv`.
pub fn export_file_name(choice: &ExportChoice, view_title: &str) -> String {
    match choice {
        ExportChoice::Picture { target, scale } => {
            let what = match target {
                PictureTarget::Window => view_title.to_lowercase(),
                PictureTarget::Chart(id) => id.clone(),
            };
            let scale = if *scale > 1 {
                format!("@{scale}x")
            } else {
                String::new()
            };
            format!("flywheel-{what}{scale}.png")
        }
        ExportChoice::Csv { chart } => format!(
            "flywheel-{}.csv",
            chart.clone().unwrap_or_else(|| view_title.to_lowercase())
        ),
    }
}

/// What the system file dialog answered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DialogAnswer {
    /// The files chosen (one for saves).
    Chosen(Vec<PathBuf>),
    /// Closed without choosing.
    Cancelled,
    /// There is no dialog here (it returned at once): offer the path field.
    Unavailable,
}

/// A dialog that returns this fast was most likely never shown (no desktop portal).
const DIALOG_UNAVAILABLE_WITHIN: Duration = Duration::from_millis(300);

/// Shows the system file dialog for `action`, suggesting `file_name` for saves.
pub fn ask(action: &FileAction, file_name: &str) -> DialogAnswer {
    let started = Instant::now();
    let wording = action.wording();
    let dialog = rfd::FileDialog::new()
        .set_title(wording.title)
        .add_filter(wording.filter.0, wording.filter.1);
    let picked = match action {
        FileAction::OpenDataset => dialog.pick_files(),
        _ if action.writes() => dialog
            .set_file_name(file_name)
            .save_file()
            .map(|path| vec![path]),
        _ => dialog.pick_file().map(|path| vec![path]),
    };
    match picked {
        Some(paths) if !paths.is_empty() => DialogAnswer::Chosen(paths),
        _ if started.elapsed() < DIALOG_UNAVAILABLE_WITHIN => DialogAnswer::Unavailable,
        _ => DialogAnswer::Cancelled,
    }
}

/// Why a file could not be written. The old file, if any, is untouched.
#[derive(Debug, thiserror::Error)]
#[error("cannot write {}: {reason}", escape_controls(&path.display().to_string()))]
pub struct WriteError {
    /// The file asked for.
    pub path: PathBuf,
    /// What went wrong.
    pub reason: String,
}

/// Why something the user asked to save was not saved.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// The file could not be written; the old one is untouched.
    #[error(transparent)]
    Write(#[from] WriteError),
    /// The picture could not be encoded.
    #[error("cannot encode the picture as PNG: {0}")]
    Encode(#[from] image::ImageError),
    /// The numbers could not be laid out as CSV.
    #[error(transparent)]
    Csv(#[from] crate::export::CsvError),
    /// A deck or scenario could not be written as RON.
    #[error("cannot write RON: {0}")]
    Ron(#[from] ron::Error),
    /// The pages of a deck could not be drawn.
    #[error("cannot draw the slides: {0}")]
    Render(#[from] crate::render::RenderError),
}

/// Makes each temporary name unique within this process, whatever the thread.
static TEMPORARY_COUNTER: AtomicUsize = AtomicUsize::new(0);

/// Writes `bytes` to `path` without ever leaving it half-written: a temporary file in the same
/// folder is written, synced to disk and renamed over the target (atomic on one file system).
/// On any failure the temporary file is removed and the old file stays as it was.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    let error = |reason: String| WriteError {
        path: path.to_path_buf(),
        reason,
    };
    let not_regular = || error("it exists and is not a regular file".to_owned());
    // Through a symbolic link, replace the file it points to, not the link; and only a regular
    // file (a link to a device or a named pipe is refused as the device or pipe itself is).
    let target = match fs::symlink_metadata(path) {
        Ok(metadata) if metadata.file_type().is_symlink() => {
            let resolved = fs::canonicalize(path).map_err(|_| {
                error(
                    "it is a symbolic link to a file that does not exist (or a loop of links): \
                     write to the file itself"
                        .to_owned(),
                )
            })?;
            match fs::metadata(&resolved) {
                Ok(metadata) if !metadata.is_file() => return Err(not_regular()),
                _ => resolved,
            }
        }
        Ok(metadata) if !metadata.is_file() => return Err(not_regular()),
        _ => path.to_path_buf(),
    };
    let Some(file_name) = target.file_name() else {
        return Err(error("the path names no file".to_owned()));
    };
    let folder = match target.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => folder.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let file_name = file_name.to_string_lossy();
    remove_stale_temporaries(&folder, &file_name);
    within_file_size_limit(bytes.len()).map_err(error)?;
    let temporary = folder.join(format!(
        ".{file_name}.{}-{}.tmp",
        std::process::id(),
        TEMPORARY_COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let written = write_then_rename(&temporary, &target, bytes);
    if written.is_err() {
        // The temporary file may not exist (creating it is what failed); either way the error
        // that matters is the write's, reported below.
        fs::remove_file(&temporary).ok();
    }
    written.map_err(|io| error(io.to_string()))
}

/// Refuses a write larger than the process may make (`ulimit -f`): past it the kernel kills the
/// process at once (SIGXFSZ), before it can remove its temporary file or say why.
#[cfg(target_os = "linux")]
fn within_file_size_limit(length: usize) -> Result<(), String> {
    let limit = rustix::process::getrlimit(rustix::process::Resource::Fsize).current;
    match limit {
        Some(limit) if u64::try_from(length).unwrap_or(u64::MAX) > limit => Err(format!(
            "it would be {length} bytes, over this process's file-size limit of {limit} bytes \
             (ulimit -f)"
        )),
        _ => Ok(()),
    }
}

/// Elsewhere the limit is not read; a write past it fails as the system makes it fail.
#[cfg(not(target_os = "linux"))]
fn within_file_size_limit(_length: usize) -> Result<(), String> {
    Ok(())
}

/// An `--out` that names one of the command's own inputs: writing it would replace what is
/// being read (a JSON import overwritten by its RON, a deck by its PDF).
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "--out {} is the same file as the input {}: writing it would replace the input; choose \
     another --out",
    escape_controls(&.out.display().to_string()),
    escape_controls(&.input.display().to_string())
)]
pub struct OutputIsInput {
    /// The file asked to be written.
    pub out: PathBuf,
    /// The input it is.
    pub input: PathBuf,
}

/// Refuses an `out` that is one of `inputs`, told before anything is read or written. Two paths
/// are the same file when they resolve to one canonical path (`./a.ron` and `a.ron`, or a
/// symbolic link and its target) or, on Unix, name one device and inode (a hard link).
pub fn refuse_output_as_input(out: &Path, inputs: &[&Path]) -> Result<(), OutputIsInput> {
    match inputs.iter().find(|input| same_file(out, input)) {
        Some(input) => Err(OutputIsInput {
            out: out.to_path_buf(),
            input: input.to_path_buf(),
        }),
        None => Ok(()),
    }
}

/// Whether `first` and `second` name one existing file (see [`refuse_output_as_input`]).
pub fn same_file(first: &Path, second: &Path) -> bool {
    let (Ok(first_metadata), Ok(second_metadata)) = (fs::metadata(first), fs::metadata(second))
    else {
        // A file that does not exist yet is no input.
        return false;
    };
    same_inode(&first_metadata, &second_metadata)
        || matches!(
        (fs::canonicalize(first), fs::canonicalize(second)),
            (Ok(first), Ok(second)) if first == second
        )
}

/// Whether two files are one device's one inode: a hard link and its original.
#[cfg(unix)]
fn same_inode(first: &fs::Metadata, second: &fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt as _;
    first.dev() == second.dev() && first.ino() == second.ino()
}

/// Without inodes, only canonical paths tell two names of one file apart.
#[cfg(not(unix))]
fn same_inode(_first: &fs::Metadata, _second: &fs::Metadata) -> bool {
    false
}

/// Removes the temporary files that writes of `file_name` in `folder` left when their process
/// was killed half-way (`.NAME.PID-N.tmp`, by a kill or a file-size limit): those whose process
/// is no longer running. Linux only, where `/proc` tells which processes run; elsewhere, and
/// for any name that does not parse, they are left alone.
fn remove_stale_temporaries(folder: &Path, file_name: &str) {
    if !cfg!(target_os = "linux") || !Path::new("/proc/self").exists() {
        return;
    }
    let Ok(entries) = fs::read_dir(folder) else {
        return;
    };
    let prefix = format!(".{file_name}.");
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name
            .to_str()
            .and_then(|name| name.strip_prefix(&prefix))
            .and_then(|rest| rest.strip_suffix(".tmp"))
            .and_then(|rest| rest.split_once('-'))
            .filter(|(_, counter)| counter.bytes().all(|byte| byte.is_ascii_digit()))
            .and_then(|(pid, _)| pid.parse::<u32>().ok())
        else {
            continue;
        };
        let running = Path::new("/proc").join(pid.to_string()).exists();
        if !running && entry.file_type().is_ok_and(|kind| kind.is_file()) {
            // Best effort: a temporary that cannot be removed is left as it was, and the write
            // itself goes on.
            fs::remove_file(entry.path()).ok();
        }
    }
}

fn write_then_rename(temporary: &Path, target: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(temporary)?;
    file.write_all(bytes)?;
    file.sync_all()?;
    drop(file);
    // A replaced file keeps its permissions.
    if let Ok(metadata) = fs::metadata(target) {
        fs::set_permissions(temporary, metadata.permissions())?;
    }
    fs::rename(temporary, target)?;
    // The rename is durable once the folder itself is synced (where the platform allows it).
    if let Some(folder) = target.parent()
        && let Ok(folder) = fs::File::open(if folder.as_os_str().is_empty() {
            Path::new(".")
        } else {
            folder
        })
    {
        folder.sync_all().ok();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::expect_used)]

    use super::*;

    fn folder(name: &str) -> PathBuf {
        let folder =
            std::env::temp_dir().join(format!("flywheel-files-{name}-{}", std::process::id()));
        fs::create_dir_all(&folder).expect("temp folder");
        folder
    }

    #[test]
    fn replaces_a_file_and_leaves_no_temporary_behind() {
        let folder = folder("replace");
        let path = folder.join("deck.ron");
        write_atomic(&path, b"old").expect("fixture");
        write_atomic(&path, b"new").expect("written");
        assert_eq!(fs::read_to_string(&path).expect("read"), "new");
        let names: Vec<_> = fs::read_dir(&folder)
            .expect("list")
            .map(|entry| entry.expect("entry").file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("deck.ron")]);
    }

    #[test]
    fn a_directory_in_the_way_is_an_error_and_stays() {
        let folder = folder("directory");
        let path = folder.join("taken");
        fs::create_dir_all(&path).expect("fixture");
        let error = write_atomic(&path, b"x").expect_err("refused");
        assert_eq!(
            error.to_string(),
            format!(
                "cannot write {}: it exists and is not a regular file",
                path.display()
            )
        );
        assert!(path.is_dir());
    }

    #[cfg(unix)]
    #[test]
    fn a_link_to_a_special_file_or_to_nothing_is_refused_and_stays() {
        let folder = folder("links");
        // A link to a directory, to a device (/dev/null), and to nothing.
        let to_directory = folder.join("to-directory.pdf");
        let to_device = folder.join("to-device.pdf");
        let dangling = folder.join("dangling.png");
        for (link, target) in [
            (&to_directory, folder.clone()),
            (&to_device, PathBuf::from("/dev/null")),
            (&dangling, folder.join("no-such-folder/file.png")),
        ] {
            fs::remove_file(link).ok();
            std::os::unix::fs::symlink(target, link).expect("fixture");
        }
        for link in [&to_directory, &to_device] {
            let error = write_atomic(link, b"x").expect_err("refused");
            assert_eq!(
                error.to_string(),
                format!(
                    "cannot write {}: it exists and is not a regular file",
                    link.display()
                )
            );
        }
        let error = write_atomic(&dangling, b"x").expect_err("refused");
        assert_eq!(
            error.to_string(),
            format!(
                "cannot write {}: it is a symbolic link to a file that does not exist (or a \
                 loop of links): write to the file itself",
                dangling.display()
            )
        );
        let null = fs::metadata("/dev/null").expect("/dev/null");
        assert!(!null.is_file(), "/dev/null is still the device");
    }

    #[test]
    fn a_missing_folder_is_an_error_naming_the_path() {
        let path = folder("missing").join("no/such/folder/out.png");
        let error = write_atomic(&path, b"x").expect_err("refused");
        assert!(
            error
                .to_string()
                .starts_with(&format!("cannot write {}: ", path.display())),
            "{error}"
        );
    }
}
