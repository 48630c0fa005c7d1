//! Every file in tests/malformed/ is rejected with exactly the message in its `.expected` file,
//! and none makes the loader panic. Valid twins (`valid.ron`, `valid.csv`) load cleanly.

// Test helpers fail loudly: a broken fixture should stop the test at once.
#![allow(clippy::expect_used)]

use std::fs;
use std::path::{Path, PathBuf};

use flywheel_model::load::{MAX_FILE_BYTES, load_file, parse_bytes};
use flywheel_model::{Library, Problem};

const FOLDER: &str = "tests/malformed";

fn fixture_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(FOLDER)
        .expect("tests/malformed exists")
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

#[test]
fn each_malformed_file_gives_its_expected_errors() {
    let mut checked = 0;
    for path in fixture_files() {
        let name = path
            .file_name()
            .and_then(|name| name.to_str())
            .expect("utf-8 name");
        if name.starts_with("valid.") {
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
        let error = load_file(&path).expect_err(&format!("{} must be rejected", path.display()));
        assert_eq!(
            error.to_string(),
            expected.trim_end(),
            "messages for {}",
            path.display()
        );
        checked += 1;
    }
    assert!(
        checked >= 20,
        "only {checked} malformed fixtures were checked"
    );
}

#[test]
fn valid_twins_load() {
    let datasets = load_file(Path::new("tests/malformed/valid.ron")).expect("valid.ron loads");
    assert_eq!(datasets[0].periods.len(), 6);
    let datasets = load_file(Path::new("tests/malformed/valid.csv")).expect("valid.csv loads");
    assert_eq!(datasets.len(), 1);
    assert_eq!(datasets[0].periods[1].capex, Some(82.999));
    assert_eq!(
        datasets[0].periods[1].notes,
        vec!["Gross purchases of property and equipment".to_owned()]
    );
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

#[test]
fn a_rejected_file_leaves_the_library_unchanged() {
    let mut library = Library::bundled().expect("bundled data loads");
    let before = library.clone();
    for path in fixture_files()
        .iter()
        .filter(|path| !path.ends_with("valid.ron") && !path.ends_with("valid.csv"))
    {
        assert!(library.add_file(path).is_err());
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
