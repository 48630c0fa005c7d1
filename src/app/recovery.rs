//! Keeping the user's work across runs, crashes and damaged files.
//!
//! eframe writes its own storage file (`app.ron`: window position, egui memory) in place, so a
//! kill or a full disk mid-write truncates it. The settings, which hold the decks, scenarios and
//! notes the user made, therefore live in a file of their own, `settings.ron`, in the same
//! folder, written only through [`write_atomic`]. eframe's file still holds a second copy under
//! its app key: read when there is no `settings.ron` yet (an older run) or when it is damaged.
//!
//! A settings file that does not parse is never overwritten: it is copied aside under a dated
//! name first, and the user is told where. A marker file per running process says whether the
//! last run ended cleanly; if not, the next one starts on the Overview rather than on whatever
//! view it crashed in. Should that run crash too, the settings themselves may be the cause: the
//! one after it keeps them aside and starts on the defaults, so no setting can make a crash
//! loop.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{SystemTime, UNIX_EPOCH};

use flywheel_model::Date;

use crate::files::{WriteError, write_atomic};
use crate::lens::View;
use crate::settings::Settings;

/// The application id eframe names its storage folder after (`~/.local/share/flywheel`).
pub const APP_ID: &str = "flywheel";

/// The settings file inside the storage folder.
const SETTINGS_FILE: &str = "settings.ron";
/// eframe's own storage file, where settings of older runs were kept under eframe's key.
const EFRAME_FILE: &str = "app.ron";
/// Start of the marker file names: `running-PID` exists while that process runs.
const MARKER_PREFIX: &str = "running-";
/// A marker's text; the second says the run started after a crash.
const MARKER_TEXT: &str = "Flywheel is running; removed on a clean exit.\n";
const MARKER_TEXT_AFTER_CRASH: &str =
    "Flywheel is running after a crash; removed on a clean exit.\n";

/// How the last runs ended, as their markers tell; from best to worst.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum LastRun {
    /// Cleanly, or there was none.
    Clean,
    /// In a crash.
    Crashed,
    /// In a crash, and it had started after a crash too.
    CrashedTwice,
}

/// Why the settings could not be saved; the last saved file is untouched.
#[derive(Debug, thiserror::Error)]
pub enum SettingsSaveError {
    /// The settings could not be written as RON.
    #[error("cannot write the settings as RON: {0}")]
    Ron(#[from] ron::Error),
    /// The file could not be written.
    #[error(transparent)]
    Write(#[from] WriteError),
}

/// The folder where the settings and the crash markers live (eframe's storage folder in the
/// app; any folder in tests).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SettingsStore {
    folder: PathBuf,
}

/// What was found at start: the settings to use and what to tell the user about them.
#[derive(Clone, Debug, PartialEq)]
pub struct Restored {
    /// The settings of the last run, or the defaults.
    pub settings: Settings,
    /// What the status line says (an unreadable file kept aside, a crash), if anything.
    pub notice: Option<String>,
    /// Whether the last run ended without a clean exit.
    pub crashed: bool,
    /// Whether the last two runs did: then the settings were kept aside and the defaults used.
    pub crashed_twice: bool,
    /// Whether saving would overwrite a settings file that could neither be read nor copied
    /// aside: then the settings are not saved, so that file can still be rescued by hand.
    pub saving_blocked: bool,
}

impl SettingsStore {
    /// A store in `folder` (created when something is first written).
    pub fn new(folder: impl Into<PathBuf>) -> Self {
        Self {
            folder: folder.into(),
        }
    }

    /// The store in eframe's storage folder for Flywheel, where the platform has one.
    pub fn for_app() -> Option<Self> {
        eframe::storage_dir(APP_ID).map(Self::new)
    }

    /// The settings file.
    pub fn settings_path(&self) -> PathBuf {
        self.folder.join(SETTINGS_FILE)
    }

    /// eframe's storage file.
    pub fn eframe_path(&self) -> PathBuf {
        self.folder.join(EFRAME_FILE)
    }

    /// This process's marker file.
    fn marker_path(&self, process_id: u32) -> PathBuf {
        self.folder.join(format!("{MARKER_PREFIX}{process_id}"))
    }

    /// Reads the settings of the last run and whether it crashed, then marks this run as
    /// running. `legacy` is the value eframe holds under its app key (the second copy, or the
    /// settings of a run before `settings.ron` existed). Never fails: whatever cannot be read is kept aside and named in
    /// the notice, and the defaults are used.
    pub fn restore(&self, legacy: Option<&str>) -> Restored {
        let mut notices = Vec::new();
        let last_run = self.take_crash_markers();
        let mut saving_blocked = false;
        let mut settings = match self.read_own() {
            Ok(Some(settings)) => settings,
            Ok(None) => match self.read_eframe_copy(legacy) {
                Ok(settings) => settings.unwrap_or_default(),
                Err(unreadable) => {
                    notices.push(unreadable.notice("with the defaults"));
                    Settings::default()
                }
            },
            Err(unreadable) => {
                saving_blocked = unreadable.saving_blocked;
                // eframe's file keeps a second copy of the last save: start from it if it reads.
                match legacy.and_then(|value| ron::from_str::<Settings>(value).ok()) {
                    Some(settings) => {
                        let from = format!("from the copy in {}", self.eframe_path().display());
                        notices.push(unreadable.notice(&from));
                        settings
                    }
                    None => {
                        notices.push(unreadable.notice("with the defaults"));
                        Settings::default()
                    }
                }
            }
        };
        match last_run {
            LastRun::Clean => {}
            LastRun::Crashed => {
                settings.lens.view = View::Overview;
                notices.push(
                    "The last run of Flywheel ended unexpectedly; it starts on the Overview."
                        .to_owned(),
                );
            }
            LastRun::CrashedTwice => {
                settings = Settings::default();
                notices.push(self.crashed_twice_notice());
            }
        }
        let crashed = last_run != LastRun::Clean;
        if let Err(error) = self.mark_running(crashed) {
            notices.push(format!("Crashes cannot be noticed: {error}."));
        }
        Restored {
            settings,
            notice: (!notices.is_empty()).then(|| notices.join(" ")),
            crashed,
            crashed_twice: last_run == LastRun::CrashedTwice,
            saving_blocked,
        }
    }

    /// After two crashes in a row: keeps the settings aside (they may be the cause) and says
    /// where.
    fn crashed_twice_notice(&self) -> String {
        let start = "The last two runs of Flywheel ended unexpectedly; it starts with the default \
                     settings";
        match keep_aside(&self.settings_path()) {
            Ok(copy) => format!("{start}, and yours are kept in {}.", copy.display()),
            Err(KeepProblem::Read(ReadProblem::Io(error)))
                if error.kind() == std::io::ErrorKind::NotFound =>
            {
                format!("{start}.")
            }
            Err(KeepProblem::Gone) => format!("{start}."),
            Err(error) => format!(
                "{start}; yours could not be copied aside ({error}) and stay in {}.",
                self.settings_path().display()
            ),
        }
    }

    /// The settings in their own file (`None`: not saved there yet), or what could not be read.
    fn read_own(&self) -> Result<Option<Settings>, Unreadable> {
        let own = self.settings_path();
        match read_if_present(&own) {
            Ok(None) => Ok(None),
            Ok(Some(text)) => ron::from_str(&text)
                .map(Some)
                .map_err(|error| self.unreadable(&own, &at_position(&error))),
            Err(reason) => Err(self.unreadable(&own, &reason.to_string())),
        }
    }

    /// The settings eframe holds under its app key (`legacy`), from older runs or as the second
    /// copy; `None` when it holds none. When eframe found none because its whole file did not
    /// parse, eframe starts empty and would overwrite that file on its next save: it is kept.
    fn read_eframe_copy(&self, legacy: Option<&str>) -> Result<Option<Settings>, Unreadable> {
        let eframe_file = self.eframe_path();
        if let Some(value) = legacy {
            return ron::from_str(value).map(Some).map_err(|error| {
                let reason = format!("its settings: {}", at_position(&error));
                self.unreadable(&eframe_file, &reason)
            });
        }
        match read_if_present(&eframe_file) {
            Ok(None) => Ok(None),
            Ok(Some(text)) => match ron::from_str::<ron::Value>(&text) {
                Ok(_) => Ok(None),
                Err(error) => Err(self.unreadable(&eframe_file, &at_position(&error))),
            },
            Err(reason) => Err(self.unreadable(&eframe_file, &reason.to_string())),
        }
    }

    /// Copies an unreadable file aside; the copy's name carries the time.
    fn unreadable(&self, path: &Path, reason: &str) -> Unreadable {
        let reason = flywheel_model::escape_controls(reason);
        let kept = keep_aside(path);
        match kept {
            Ok(copy) => Unreadable {
                problem: format!(
                    "The saved settings could not be read ({reason}); they are kept in {}",
                    copy.display()
                ),
                kept: true,
                saving_blocked: false,
            },
            Err(error) => Unreadable {
                problem: format!(
                    "The saved settings in {} could not be read ({reason}) nor copied aside \
                     ({error})",
                    path.display()
                ),
                kept: false,
                saving_blocked: path == self.settings_path(),
            },
        }
    }

    /// Saves the settings through the atomic write, so a crash mid-save leaves the last ones.
    pub fn save(&self, settings: &Settings) -> Result<(), SettingsSaveError> {
        let text = ron::ser::to_string_pretty(settings, ron::ser::PrettyConfig::default())?;
        fs::create_dir_all(&self.folder).map_err(|error| WriteError {
            path: self.settings_path(),
            reason: error.to_string(),
        })?;
        write_atomic(&self.settings_path(), text.as_bytes())?;
        Ok(())
    }

    /// Writes this process's marker, saying whether it started after a crash: it exists until
    /// [`Self::mark_clean_exit`].
    pub fn mark_running(&self, after_crash: bool) -> Result<(), WriteError> {
        let path = self.marker_path(std::process::id());
        fs::create_dir_all(&self.folder).map_err(|error| WriteError {
            path: path.clone(),
            reason: error.to_string(),
        })?;
        let text = if after_crash {
            MARKER_TEXT_AFTER_CRASH
        } else {
            MARKER_TEXT
        };
        write_atomic(&path, text.as_bytes())
    }

    /// Removes this process's marker on a clean exit.
    pub fn mark_clean_exit(&self) {
        // A marker that is already gone is what a clean exit wants.
        fs::remove_file(self.marker_path(std::process::id())).ok();
    }

    /// How the last run ended: a run that is no longer running left its marker (which is
    /// removed). A marker of another Flywheel window that is still open is left alone.
    fn take_crash_markers(&self) -> LastRun {
        let Ok(entries) = fs::read_dir(&self.folder) else {
            return LastRun::Clean;
        };
        let mut last_run = LastRun::Clean;
        for entry in entries.flatten() {
            let name = entry.file_name();
            let Some(process) = name
                .to_str()
                .and_then(|name| name.strip_prefix(MARKER_PREFIX))
            else {
                continue;
            };
            let Ok(process_id) = process.parse::<u32>() else {
                continue;
            };
            if process_id != std::process::id() && is_running(process_id) {
                continue;
            }
            let after_crash = read_if_present(&entry.path())
                .ok()
                .flatten()
                .is_some_and(|text| text == MARKER_TEXT_AFTER_CRASH);
            last_run = last_run.max(if after_crash {
                LastRun::CrashedTwice
            } else {
                LastRun::Crashed
            });
            fs::remove_file(entry.path()).ok();
        }
        last_run
    }
}

/// `line:column: message`, where the RON error starts (as every other file error is named).
fn at_position(error: &ron::error::SpannedError) -> String {
    format!(
        "{}:{}: {}",
        error.span.start.line, error.span.start.col, error.code
    )
}

/// A settings file that could not be read.
struct Unreadable {
    /// What could not be read, and where it is kept.
    problem: String,
    /// Whether a copy was made.
    kept: bool,
    /// Whether saving would overwrite it.
    saving_blocked: bool,
}

impl Unreadable {
    /// The status line's notice, saying what Flywheel started from.
    fn notice(&self, started_from: &str) -> String {
        if self.kept {
            format!("{} and Flywheel started {started_from}.", self.problem)
        } else {
            format!(
                "{}; Flywheel started {started_from} and does not save over them.",
                self.problem
            )
        }
    }
}

/// Why an unreadable settings file could not be copied aside.
#[derive(Debug, thiserror::Error)]
enum KeepProblem {
    /// Its bytes could not be read either.
    #[error(transparent)]
    Read(#[from] ReadProblem),
    /// It vanished between the two reads.
    #[error("it is gone")]
    Gone,
    /// The copy could not be written.
    #[error(transparent)]
    Write(#[from] WriteError),
}

/// Copies `path` byte for byte to its dated name beside it; the copy's path.
fn keep_aside(path: &Path) -> Result<PathBuf, KeepProblem> {
    let bytes = read_bytes_if_present(path)?.ok_or(KeepProblem::Gone)?;
    let copy = aside_name(path, SystemTime::now());
    write_atomic(&copy, &bytes)?;
    Ok(copy)
}

/// Why a settings file could not be read.
#[derive(Debug, thiserror::Error)]
enum ReadProblem {
    /// A folder, FIFO, device or socket where the file should be (never opened: a FIFO
    /// would block).
    #[error("it is not a regular file")]
    NotAFile,
    /// The system refused.
    #[error(transparent)]
    Io(#[from] std::io::Error),
    /// Not text.
    #[error("it is not UTF-8: {0}")]
    NotUtf8(#[from] std::string::FromUtf8Error),
}

/// The bytes of a regular file, `None` when it does not exist.
fn read_bytes_if_present(path: &Path) -> Result<Option<Vec<u8>>, ReadProblem> {
    match fs::metadata(path) {
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(error) => Err(error.into()),
        Ok(metadata) if !metadata.is_file() => Err(ReadProblem::NotAFile),
        Ok(_) => Ok(Some(fs::read(path)?)),
    }
}

/// The text of a regular file, `None` when it does not exist.
fn read_if_present(path: &Path) -> Result<Option<String>, ReadProblem> {
    Ok(read_bytes_if_present(path)?
        .map(String::from_utf8)
        .transpose()?)
}

/// `app.ron.unreadable-2026-12-01T19-20-00` next to `path` (UTC); a number is added should that
/// name be taken already.
pub fn aside_name(path: &Path, now: SystemTime) -> PathBuf {
    let seconds = now
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_secs());
    let seconds = i64::try_from(seconds).unwrap_or(0);
    let date = Date::from_days_since_epoch(seconds.div_euclid(86_400));
    let second_of_day = seconds.rem_euclid(86_400);
    let stamp = format!(
        "{date}T{:02}-{:02}-{:02}",
        second_of_day / 3600,
        second_of_day / 60 % 60,
        second_of_day % 60
    );
    let name = path
        .file_name()
        .map_or_else(|| "settings".into(), |name| name.to_string_lossy());
    let first = path.with_file_name(format!("{name}.unreadable-{stamp}"));
    let mut candidate = first.clone();
    let mut number = 2;
    while candidate.exists() {
        candidate = path.with_file_name(format!("{name}.unreadable-{stamp}-{number}"));
        number += 1;
    }
    candidate
}

/// Whether a process with this id is running (on Linux; elsewhere a marker left behind is
/// taken for a crash).
fn is_running(process_id: u32) -> bool {
    cfg!(target_os = "linux") && Path::new("/proc").join(process_id.to_string()).exists()
}

/// The settings as of the last drawn frame, shared with the panic hook.
pub type SettingsSnapshot = Arc<Mutex<Settings>>;

/// Saves the last drawn settings if the process panics, before the default hook reports the
/// panic. Installed once, by the window; tests and the command line never install it.
pub fn install_panic_hook(store: SettingsStore, snapshot: SettingsSnapshot) {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        // The panic may have happened while the snapshot was being updated: then skip it
        // rather than wait for a lock that will never be released.
        if let Ok(settings) = snapshot.try_lock() {
            match store.save(&settings) {
                Ok(()) => eprintln!(
                    "flywheel: the settings were saved to {} before exiting",
                    store.settings_path().display()
                ),
                Err(error) => eprintln!("flywheel: could not save the settings: {error}"),
            }
        }
        previous(info);
    }));
}

/// Brings the shared snapshot up to date after a frame (a comparison; a copy only on change).
pub fn update_snapshot(snapshot: &SettingsSnapshot, settings: &Settings) {
    if let Ok(mut shared) = snapshot.try_lock()
        && *shared != *settings
    {
        shared.clone_from(settings);
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    #[test]
    fn aside_names_carry_the_utc_time() {
        let now = UNIX_EPOCH + Duration::from_secs(1_796_152_800);
        assert_eq!(
            aside_name(Path::new("/nowhere/app.ron"), now),
            PathBuf::from("/nowhere/app.ron.unreadable-2026-12-01T19-20-00")
        );
    }
}
