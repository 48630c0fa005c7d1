//! One door for files: every write replaces its file by rename, a failed write leaves the old
//! file whole and says why, and `flywheel check` tells datasets, scenarios and decks apart.

#![allow(clippy::expect_used)]

mod common;

use std::fs;
use std::os::unix::fs::MetadataExt as _;
use std::process::Command;

use common::{default_harness, flywheel, temp_dir};
use flywheel::command::Command as AppCommand;
use flywheel::files::FileAction;
use flywheel::notices::ProblemKind;
use flywheel_model::{Library, Preset, Scenario};

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("utf-8")
}

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("utf-8")
}

#[test]
fn check_names_a_scenario_and_points_at_a_bad_slide() {
    let folder = temp_dir("check-kinds");
    let library = Library::bundled().expect("bundled");
    let scenario = folder.join("base.ron");
    let text = Scenario::preset(&library, Preset::Base)
        .to_ron()
        .expect("ron");
    fs::write(&scenario, text).expect("fixture");
    let deck_text = fs::read_to_string("data/deck.ron").expect("sample deck");
    // Slide 3 ends before it starts.
    let broken = deck_text.replacen("first_year: 2018", "first_year: 2029", 1);
    assert_ne!(broken, deck_text, "the sample deck has a slide from 2018");
    let deck = folder.join("deck.ron");
    fs::write(&deck, &broken).expect("fixture");
    let line = broken
        .lines()
        .position(|line| line.contains("first_year: 2029"))
        .expect("changed line")
        + 2;
    let output = flywheel(&[
        "check",
        scenario.to_str().expect("path"),
        deck.to_str().expect("path"),
    ]);
    assert_eq!(
        stdout(&output),
        format!(
            "ok {} (scenario \"Base\", 3 companies)\n{}:{line}:28: slide \"The capex race\" \
             starts in 2029 but ends in 2026\n",
            scenario.display(),
            deck.display()
        )
    );
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn render_replaces_an_existing_picture_by_rename() {
    let folder = temp_dir("render-rename");
    let out = folder.join("existing.png");
    fs::write(&out, b"old picture").expect("fixture");
    let before = fs::metadata(&out).expect("metadata").ino();
    let output = flywheel(&[
        "render",
        "--view",
        "profit",
        "--out",
        out.to_str().expect("path"),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let bytes = fs::read(&out).expect("written");
    assert_eq!(&bytes[1..4], b"PNG");
    let after = fs::metadata(&out).expect("metadata").ino();
    assert_ne!(before, after, "a new file was renamed over the old one");
    let leftovers: Vec<_> = fs::read_dir(&folder)
        .expect("list")
        .map(|entry| entry.expect("entry").file_name())
        .filter(|name| name != "existing.png")
        .collect();
    assert!(
        leftovers.is_empty(),
        "no temporary file is left: {leftovers:?}"
    );
}

#[test]
fn render_into_a_folder_that_cannot_hold_it_exits_1_and_says_why() {
    let folder = temp_dir("render-unwritable");
    // A file where the folder should be: nothing can be written under it, even by root.
    let not_a_folder = folder.join("not-a-folder");
    fs::write(&not_a_folder, b"a file").expect("fixture");
    let out = not_a_folder.join("out.png");
    let output = flywheel(&[
        "render",
        "--view",
        "capex",
        "--out",
        out.to_str().expect("path"),
    ]);
    assert_eq!(output.status.code(), Some(1));
    // The graphics driver may print its own warnings first; the last line is Flywheel's.
    assert_eq!(
        stderr(&output).lines().last(),
        Some(
            format!(
                "flywheel render: cannot write {}: Not a directory (os error 20)",
                out.display()
            )
            .as_str()
        )
    );
    assert_eq!(fs::read(&not_a_folder).expect("kept"), b"a file");
}

#[test]
fn a_render_past_the_file_size_limit_is_refused_and_leaves_the_old_picture_whole() {
    let folder = temp_dir("render-killed");
    let out = folder.join("slide.png");
    fs::write(&out, b"the good picture").expect("fixture");
    // A file-size limit of 8 KiB: past it the kernel would kill the process in the middle of
    // the PNG (SIGXFSZ), leaving its temporary file behind; the limit is read first instead.
    let output = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "ulimit -f 16; exec '{}' render --view capex --out '{}'",
            env!("CARGO_BIN_EXE_flywheel"),
            out.display()
        ))
        .output()
        .expect("sh runs");
    assert_eq!(output.status.code(), Some(1));
    let message = String::from_utf8_lossy(&output.stderr);
    let expected = format!(
        "flywheel render: cannot write {}: it would be ",
        out.display()
    );
    assert!(
        message.starts_with(&expected)
            && message.ends_with(
                " bytes, over this process's file-size limit of 8192 bytes (ulimit -f)\n"
            ),
        "{message}"
    );
    assert_eq!(fs::read(&out).expect("kept"), b"the good picture");
    let names: Vec<_> = fs::read_dir(&folder)
        .expect("list")
        .map(|entry| entry.expect("entry").file_name())
        .collect();
    assert_eq!(
        names,
        [std::ffi::OsString::from("slide.png")],
        "no temporary file left"
    );
}

#[test]
fn a_failed_deck_or_scenario_save_keeps_the_work_and_says_so() {
    let folder = temp_dir("save-fails");
    let not_a_folder = folder.join("file");
    fs::write(&not_a_folder, b"x").expect("fixture");
    let mut harness = default_harness();
    let ctx = harness.ctx.clone();
    let deck_before = harness.state().settings().deck.clone();
    let target = not_a_folder.join("deck.ron");
    harness.state_mut().apply(
        &ctx,
        AppCommand::FileChosen(FileAction::SaveDeck, target.clone()),
    );
    let notices = harness.state().notices();
    assert_eq!(notices.problem_kind(), Some(ProblemKind::Save));
    assert_eq!(
        notices.problems(),
        &[format!(
            "cannot write {}: Not a directory (os error 20)",
            target.display()
        )]
    );
    assert_eq!(
        harness.state().settings().deck,
        deck_before,
        "the deck is still open"
    );

    let scenario = not_a_folder.join("base.ron");
    harness.state_mut().apply(
        &ctx,
        AppCommand::FileChosen(FileAction::SaveScenario, scenario.clone()),
    );
    assert_eq!(
        harness.state().notices().problems(),
        &[format!(
            "cannot write {}: Not a directory (os error 20)",
            scenario.display()
        )]
    );
    assert!(harness.state().settings().scenarios.path.is_none());
}

#[test]
fn a_deck_save_replaces_the_old_file_whole() {
    let folder = temp_dir("save-deck");
    let path = folder.join("deck.ron");
    fs::write(&path, "old deck").expect("fixture");
    let before = fs::metadata(&path).expect("metadata").ino();
    let mut harness = default_harness();
    let ctx = harness.ctx.clone();
    harness.state_mut().apply(
        &ctx,
        AppCommand::FileChosen(FileAction::SaveDeck, path.clone()),
    );
    assert_eq!(
        harness.state().notices().message(),
        Some(format!("Saved deck to {}.", path.display()).as_str())
    );
    assert_ne!(fs::metadata(&path).expect("metadata").ino(), before);
    let saved = flywheel::deck::load_deck(&path).expect("the saved deck loads");
    assert_eq!(saved, harness.state().settings().deck);
}

#[test]
fn an_out_that_is_an_input_is_refused_before_anything_is_written() {
    let folder = temp_dir("out-is-input");
    let json = folder.join("facts.json");
    fs::copy(
        "model/tests/fixtures/companyfacts/CIK0001326801.json",
        &json,
    )
    .expect("fixture");
    let original = fs::read(&json).expect("fixture");
    let hard_link = folder.join("hard.ron");
    fs::hard_link(&json, &hard_link).expect("hard link");
    let symbolic_link = folder.join("link.ron");
    std::os::unix::fs::symlink(&json, &symbolic_link).expect("symbolic link");
    let json_name = json.to_str().expect("utf-8 path");
    // The same file by its own name, through `./`, by a hard link and by a symbolic link.
    let same_name = format!("{}/./facts.json", folder.display());
    for out in [
        json_name,
        &same_name,
        hard_link.to_str().expect("utf-8 path"),
        symbolic_link.to_str().expect("utf-8 path"),
    ] {
        let output = flywheel(&["import", json_name, "--ticker", "META", "--out", out]);
        assert_eq!(
            stderr(&output),
            format!(
                "flywheel import: --out {out} is the same file as the input {json_name}: \
                 writing it would replace the input; choose another --out\n"
            )
        );
        assert_eq!(output.status.code(), Some(2));
        assert_eq!(fs::read(&json).expect("still there"), original);
    }

    // A deck rendered over itself, and a dataset given with --data whose hard link is --out.
    let deck = folder.join("deck.pdf");
    fs::copy("data/deck.ron", &deck).expect("fixture");
    let deck = deck.to_str().expect("utf-8 path");
    let output = flywheel(&["render", "--deck", deck, "--out", deck]);
    assert_eq!(
        stderr(&output),
        format!(
            "flywheel render: --out {deck} is the same file as the input {deck}: writing it \
             would replace the input; choose another --out\n"
        )
    );
    assert_eq!(output.status.code(), Some(2));
    let data = folder.join("amzn.ron");
    fs::copy("tests/malformed/valid.ron", &data).expect("fixture");
    let picture = folder.join("amzn.png");
    fs::hard_link(&data, &picture).expect("hard link");
    let output = flywheel(&[
        "render",
        "--view",
        "profit",
        "--data",
        data.to_str().expect("utf-8 path"),
        "--out",
        picture.to_str().expect("utf-8 path"),
    ]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert_eq!(
        fs::read(&picture).expect("still there"),
        fs::read("tests/malformed/valid.ron").expect("fixture")
    );
}

#[test]
fn a_write_removes_the_temporaries_of_killed_writes_of_the_same_file() {
    let folder = temp_dir("stale-temporaries");
    let target = folder.join("deck.ron");
    // A process number above any the kernel hands out (pid_max is at most 2^22): not running.
    let stale = folder.join(".deck.ron.4194305-0.tmp");
    // This process runs: its temporary may be a write under way.
    let live = folder.join(format!(".deck.ron.{}-7.tmp", std::process::id()));
    // Another file's, and a name that is no temporary of Flywheel's.
    let other = folder.join(".notes.ron.4194305-0.tmp");
    let unparsed = folder.join(".deck.ron.backup.tmp");
    for path in [&stale, &live, &other, &unparsed] {
        fs::write(path, b"half a file").expect("fixture");
    }
    flywheel::files::write_atomic(&target, b"(title: \"t\", slides: [])").expect("written");
    assert!(!stale.exists(), "the killed write's temporary is removed");
    assert!(live.exists() && other.exists() && unparsed.exists());
    assert_eq!(
        fs::read_to_string(&target).expect("written"),
        "(title: \"t\", slides: [])"
    );
}
