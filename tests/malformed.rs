//! Every file in tests/malformed/ is rejected with exactly the message in its `.expected` file,
//! and none makes a loader panic: datasets (`.ron`, `.csv`) at the top, scenario files in
//! `scenarios/`, decks in `decks/`. Files named `valid*` load cleanly.

// Test helpers fail loudly: a broken fixture should stop the test at once.
#![allow(clippy::expect_used)]

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use flywheel_model::load::{MAX_FILE_BYTES, load_file, parse_bytes};
use flywheel_model::{Library, LoadError, Problem, load_scenario};

const FOLDER: &str = "tests/malformed";

/// A loader for one kind of file, keeping only whether it accepted the file.
type Loader = fn(&Path) -> Result<(), LoadError>;

fn load_dataset(path: &Path) -> Result<(), LoadError> {
    load_file(path).map(|_| ())
}

fn load_scenario_file(path: &Path) -> Result<(), LoadError> {
    load_scenario(path).map(|_| ())
}

fn load_deck_file(path: &Path) -> Result<(), LoadError> {
    flywheel::deck::load_deck(path).map(|_| ())
}

/// The loader for each kind of fixture, by sub-folder.
const KINDS: [(&str, Loader); 3] = [
    ("", load_dataset),
    ("scenarios", load_scenario_file),
    ("decks", load_deck_file),
];

fn fixture_files(folder: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(folder)
        .expect("fixture folder exists")
        .map(|entry| entry.expect("readable entry").path())
        .filter(|path| {
            matches!(
                path.extension().and_then(|ext| ext.to_str()),
                Some("ron" | "csv")
            )
        })
        .collect();
    files.sort();
    files
}

fn is_valid_twin(path: &Path) -> bool {
    path.file_name()
        .and_then(|name| name.to_str())
        .is_some_and(|name| name.starts_with("valid"))
}

#[test]
fn each_malformed_file_gives_its_expected_errors() {
    let mut checked = 0;
    for (kind, load) in KINDS {
        for path in fixture_files(&Path::new(FOLDER).join(kind)) {
            if is_valid_twin(&path) {
                continue;
            }
            let expected_path = PathBuf::from(format!("{}.expected", path.display()));
            let expected = fs::read_to_string(&expected_path).unwrap_or_else(|_| {
                panic!(
                    "{} needs a {} file",
                    path.display(),
                    expected_path.display()
                )
            });
            let error = load(&path).expect_err(&format!("{} must be rejected", path.display()));
            let message = error.to_string();
            assert_eq!(
                message,
                expected.trim_end(),
                "messages for {}",
                path.display()
            );
            assert!(
                !message.contains(['\u{1b}', '\u{7}', '\u{9b}', '\r']),
                "{} prints raw control characters",
                path.display()
            );
            checked += 1;
        }
    }
    assert!(
        checked >= 40,
        "only {checked} malformed fixtures were checked"
    );
}

#[test]
fn valid_twins_load() {
    let datasets = load_file(Path::new("tests/malformed/valid.ron")).expect("valid.ron loads");
    assert_eq!(datasets[0].periods.len(), 6);
    // A byte order mark, CRLF line ends, raw identifiers and raw strings change nothing but
    // the name, which is a raw string there.
    let twin = load_file(Path::new("tests/malformed/valid_bom_crlf.ron")).expect("twin loads");
    assert_eq!(twin[0].company.name, "Amazon.com, \"Inc.\" ) ] (");
    assert_eq!(twin[0].periods, datasets[0].periods);

    let datasets = load_file(Path::new("tests/malformed/valid.csv")).expect("valid.csv loads");
    assert_eq!(datasets.len(), 1);
    assert_eq!(datasets[0].periods[1].capex, Some(82.999));
    assert_eq!(
        datasets[0].periods[1].notes,
        vec!["Gross purchases of property and equipment".to_owned()]
    );
    // With a byte order mark and CRLF ends, `amzn` and `AMZN` rows are one company.
    let twin = load_file(Path::new("tests/malformed/valid_bom_mixed_case.csv"))
        .expect("valid_bom_mixed_case.csv loads");
    assert_eq!(twin, datasets);

    let scenario = load_scenario(Path::new("tests/malformed/scenarios/valid.ron"))
        .expect("scenarios/valid.ron loads");
    assert_eq!(scenario.name, "Capex freeze");
    let twin = load_scenario(Path::new("tests/malformed/scenarios/valid_bom_crlf.ron"))
        .expect("scenarios/valid_bom_crlf.ron loads");
    assert_eq!(twin, scenario);

    let deck = flywheel::deck::load_deck(Path::new("tests/malformed/decks/valid.ron"))
        .expect("decks/valid.ron loads");
    assert_eq!(deck.slides.len(), 6);
}

#[test]
fn a_file_over_the_size_limit_is_refused_before_reading() {
    let path = std::env::temp_dir().join(format!("flywheel-huge-{}.ron", std::process::id()));
    let file = fs::File::create(&path).expect("temp file");
    file.set_len(MAX_FILE_BYTES + 1).expect("sparse file");
    let error = load_file(&path).expect_err("too large");
    fs::remove_file(&path).ok();
    assert_eq!(error.errors.len(), 1);
    assert_eq!(
        error.errors[0].problem,
        Problem::TooLarge {
            size_bytes: MAX_FILE_BYTES + 1,
            limit_bytes: MAX_FILE_BYTES
        }
    );
    assert!(
        error
            .to_string()
            .contains(":1:1: the file is 8388609 bytes, over the 8388608-byte limit")
    );
}

#[test]
fn binary_content_is_named_with_its_position() {
    let error = parse_bytes("upload.ron", b"Dataset(\n  company: \xff\xfe)").expect_err("not text");
    assert_eq!(
        error.to_string(),
        "upload.ron:2:12: the file is not UTF-8 text"
    );
    // Lines end at CR and CRLF too; a byte order mark takes no column.
    let error = parse_bytes("upload.csv", b"\xef\xbb\xbfa\r\nb\rc\xe9\xff").expect_err("not text");
    assert_eq!(
        error.to_string(),
        "upload.csv:3:2: the file is not UTF-8 text"
    );
}

#[test]
fn unknown_extensions_and_missing_files_are_errors_not_panics() {
    let error = parse_bytes("numbers.xlsx", b"PK").expect_err("unknown type");
    assert!(
        error
            .to_string()
            .starts_with("numbers.xlsx:1:1: unknown file type")
    );
    let error = load_file(Path::new("tests/malformed/no-such-file.ron")).expect_err("missing");
    assert!(
        error
            .to_string()
            .starts_with("tests/malformed/no-such-file.ron:1:1: cannot read the file")
    );
}

/// Runs `load` on another thread and gives its error, failing the test if it does not return
/// within two seconds (a loader that opens a named pipe blocks until a writer comes).
fn error_within_two_seconds(load: Loader, path: &Path) -> (String, Duration) {
    let (sender, receiver) = mpsc::channel();
    let path = path.to_owned();
    let started = Instant::now();
    std::thread::spawn(move || {
        let result = load(&path).map_err(|error| error.to_string());
        sender.send(result).ok();
    });
    let result = receiver
        .recv_timeout(Duration::from_secs(2))
        .expect("the loader returns at once instead of blocking");
    (
        result.expect_err("a special file is refused"),
        started.elapsed(),
    )
}

#[cfg(unix)]
#[test]
fn special_files_are_refused_at_once_by_every_loader() {
    let folder = std::env::temp_dir().join(format!("flywheel-fifo-{}", std::process::id()));
    fs::create_dir_all(&folder).expect("temp folder");
    let fifo = folder.join("pipe.ron");
    let status = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(status.success(), "mkfifo made {}", fifo.display());
    for (kind, load) in KINDS {
        let (message, elapsed) = error_within_two_seconds(load, &fifo);
        assert_eq!(
            message,
            format!(
                "{}:1:1: cannot read the file: it is a named pipe (FIFO), not a regular file",
                fifo.display()
            ),
            "{kind}"
        );
        assert!(elapsed < Duration::from_secs(1), "{kind}: {elapsed:?}");
    }
    let (message, _) = error_within_two_seconds(load_dataset, Path::new("/dev/null"));
    assert_eq!(
        message,
        "/dev/null:1:1: cannot read the file: it is a character device, not a regular file"
    );
    let (message, _) = error_within_two_seconds(load_scenario_file, &folder);
    assert_eq!(
        message,
        format!(
            "{}:1:1: cannot read the file: it is a folder, not a regular file",
            folder.display()
        )
    );
    fs::remove_dir_all(&folder).ok();
}

#[test]
fn a_rejected_file_leaves_the_library_unchanged() {
    let mut library = Library::bundled().expect("bundled data loads");
    let before = library.clone();
    for path in fixture_files(Path::new(FOLDER))
        .iter()
        .filter(|path| !is_valid_twin(path))
    {
        assert!(library.add_file(path).is_err(), "{}", path.display());
    }
    assert_eq!(library, before);
    // A valid file replaces the company it names and keeps the others.
    let summary = library
        .add_file(Path::new("tests/malformed/valid.ron"))
        .expect("valid file");
    assert_eq!(summary.replaced, vec!["AMZN".to_owned()]);
    assert_eq!(library.tickers(), before.tickers());
    assert_eq!(
        library.get("AMZN").map(|dataset| dataset.periods.len()),
        Some(6)
    );
}
