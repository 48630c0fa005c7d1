//! What the command line prints on a terminal: a closed pipe ends a command quietly, and no
//! text from a file, a file name or an argument reaches the terminal raw (escape sequences,
//! bidi overrides, invisible characters, line breaks that would forge a line).

// Test helpers fail loudly: a broken fixture should stop the test at once.
#![allow(clippy::expect_used)]

mod common;

use std::fs;
use std::process::{Command, Output, Stdio};

use common::{flywheel, temp_dir};

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("utf-8 output")
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("utf-8 output")
}

/// Runs flywheel with its standard output (or error) a pipe whose reading end is closed before
/// the command writes, as `| true` does: what it wrote on the other stream, and its status.
fn with_closed(stream: &str, args: &[&str]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_flywheel"));
    command.args(args).stdin(Stdio::null());
    if stream == "stdout" {
        command.stdout(Stdio::piped()).stderr(Stdio::piped());
    } else {
        command.stdout(Stdio::null()).stderr(Stdio::piped());
    }
    let mut child = command.spawn().expect("flywheel runs");
    // Close the reading end at once: the command finds the pipe closed when it writes.
    if stream == "stdout" {
        drop(child.stdout.take());
        child.wait_with_output().expect("flywheel ends")
    } else {
        drop(child.stderr.take());
        let status = child.wait().expect("flywheel ends");
        Output {
            status,
            stdout: Vec::new(),
            stderr: Vec::new(),
        }
    }
}

#[test]
fn a_closed_standard_output_ends_every_command_quietly() {
    let folder = temp_dir("closed-stdout");
    let out = folder.join("meta.ron");
    let out = out.to_str().expect("utf-8 path");
    let commands: [&[&str]; 6] = [
        &[
            "check",
            "tests/malformed/nan_value.ron",
            "data/amzn.ron",
            "data/amzn.ron",
        ],
        &["table", "--metric", "revenue", "--explain"],
        &["project"],
        &[
            "import",
            "model/tests/fixtures/companyfacts/CIK0001326801.json",
            "--ticker",
            "META",
        ],
        &[
            "import",
            "model/tests/fixtures/companyfacts/CIK0001326801.json",
            "--ticker",
            "META",
            "--out",
            out,
        ],
        &["--help"],
    ];
    for args in commands {
        let output = with_closed("stdout", args);
        // Nothing about the pipe: the command runs on (an import still says what it read).
        let errors = stderr(&output);
        assert!(
            !errors.contains("panicked") && !errors.to_lowercase().contains("pipe"),
            "flywheel {}: {errors}",
            args.join(" ")
        );
        // Each ends with its own status: `check` found errors in the first file.
        let status = if args[0] == "check" { 1 } else { 0 };
        assert_eq!(
            output.status.code(),
            Some(status),
            "flywheel {}",
            args.join(" ")
        );
    }
}

#[test]
fn a_closed_standard_error_keeps_the_exit_status() {
    // An unknown company exits 2, a bad file 1, whether or not the message could be written.
    let output = with_closed(
        "stderr",
        &["table", "--metric", "revenue", "--company", "ZZZZ"],
    );
    assert_eq!(output.status.code(), Some(2));
    let output = with_closed(
        "stderr",
        &["project", "--data", "tests/malformed/nan_value.ron"],
    );
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn file_names_on_success_lines_are_escaped() {
    let folder = temp_dir("evil-names");
    let name = folder.join("evil\u{1b}[2J\u{202e}\nname.ron");
    fs::copy("data/amzn.ron", &name).expect("fixture");
    let output = flywheel(&["check", name.to_str().expect("utf-8 path")]);
    assert_eq!(
        stdout(&output),
        format!(
            "ok {}/evil\\u{{1b}}[2J\\u{{202e}}\\u{{a}}name.ron (dataset AMZN, 29 periods, 10 gaps \
             (4 never disclosed), 19 secondary figures)\n",
            folder.display()
        )
    );

    let picture = folder.join("o\u{1b}[2J\u{200b}.png");
    let output = flywheel(&[
        "render",
        "--view",
        "overview",
        "--width",
        "640",
        "--height",
        "400",
        "--out",
        picture.to_str().expect("utf-8 path"),
    ]);
    assert_eq!(
        stdout(&output),
        format!(
            "wrote {}/o\\u{{1b}}[2J\\u{{200b}}.png (640×400 pixels)\n",
            folder.display()
        )
    );
    assert!(picture.is_file());
}

/// A dataset whose filing text holds an escape sequence, a bidi override, C1 controls and a
/// line break.
fn hostile_dataset(folder: &std::path::Path) -> std::path::PathBuf {
    hostile_copy(
        "tests/malformed/valid.ron",
        "filing: \"Form 10-K\"",
        "filing: \"Form\\u{1b}[2J\\u{202e}\\u{85}\\u{feff} 10-K\\nRevenue FY2024 = 1.000 US$ B\"",
        &folder.join("hostile.ron"),
    )
}

/// `source` with every `from` replaced by `to`, written to `path`.
fn hostile_copy(source: &str, from: &str, to: &str, path: &std::path::Path) -> std::path::PathBuf {
    let text = fs::read_to_string(source).expect("fixture");
    let hostile = text.replace(from, to);
    assert_ne!(hostile, text, "{from} is in {source}");
    fs::write(path, hostile).expect("fixture");
    path.to_path_buf()
}

#[test]
fn explanations_print_file_text_escaped() {
    let folder = temp_dir("explain-escape");
    let data = hostile_dataset(&folder);
    let data = data.to_str().expect("utf-8 path");
    for csv in [false, true] {
        let mut args = vec![
            "table",
            "--metric",
            "revenue",
            "--company",
            "AMZN",
            "--explain",
            "--data",
            data,
        ];
        if csv {
            args.push("--csv");
        }
        let output = flywheel(&args);
        let text = stdout(&output);
        assert!(output.status.success(), "{}", stderr(&output));
        assert!(
            text.contains(
                "Revenue FY2024 = 637.959 US$ B — Form\\u{1b}[2J\\u{202e}\\u{85}\\u{feff} 10-K\\u{a}\
                 Revenue FY2024 = 1.000 US$ B"
            ),
            "{text}"
        );
        // The line break in the filing's name starts no line of its own: no line begins with
        // the figure it tried to forge.
        assert!(
            !text
                .lines()
                .any(|line| line.trim_start().starts_with("Revenue FY2024 = 1.000")),
            "{text}"
        );
        assert!(
            !text.contains(['\u{1b}', '\u{202e}', '\u{85}', '\u{feff}']),
            "raw controls in {text}"
        );
    }
}

#[test]
fn a_scenario_name_is_escaped_in_the_different_data_warning() {
    let folder = temp_dir("scenario-name-escape");
    let text = fs::read_to_string("tests/malformed/scenarios/valid.ron").expect("fixture");
    let renamed = text.replacen("\"Capex freeze\"", "\"S\\u{1b}[2J\\u{202e}\\u{85}x\"", 1);
    assert_ne!(renamed, text);
    let path = folder.join("named.ron");
    fs::write(&path, renamed).expect("fixture");
    let output = flywheel(&["project", "--scenario", path.to_str().expect("utf-8 path")]);
    let warnings = stderr(&output);
    assert!(
        warnings.starts_with(
            "warning: scenario \"S\\u{1b}[2J\\u{202e}\\u{85}x\" was made against different data"
        ),
        "{warnings}"
    );
    assert!(!warnings.contains(['\u{1b}', '\u{202e}', '\u{85}']));
}

#[test]
fn an_argument_quoted_in_a_usage_error_is_escaped() {
    let output = flywheel(&["table", "--metric", "a\u{202e}b\u{200b}c\u{85}"]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(
        message.starts_with(
            "error: invalid value 'a\\u{202e}b\\u{200b}c\\u{85}' for '--metric <METRIC>': \
             unknown metric"
        ),
        "{message}"
    );
    assert!(!message.contains(['\u{202e}', '\u{200b}', '\u{85}']));
}

#[test]
fn a_company_name_from_company_facts_is_escaped_in_the_summary_and_the_file() {
    let folder = temp_dir("entity-name-escape");
    let input = hostile_copy(
        "model/tests/fixtures/companyfacts/CIK0001326801.json",
        "\"entityName\": \"Meta Platforms, Inc.\"",
        "\"entityName\": \"Evil\\u001b[2J\\u202e\\n// forged\\u0085Corp\"",
        &folder.join("facts.json"),
    );
    let input = input.to_str().expect("utf-8 path");
    let output = flywheel(&["import", input, "--ticker", "META"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        stderr(&output),
        "META (Evil\\u{1b}[2J\\u{202e}\\u{a}// forged\\u{85}Corp): 2 fiscal year(s) and 6 \
         quarter(s), FY2023 to 2024Q4; fiscal year ends in month 12.\n"
    );
    // In the dataset's header comment the line break is escaped too, so it cannot end the
    // comment and put text of the file's choosing into the dataset.
    let dataset = stdout(&output);
    let header = dataset.lines().nth(1).expect("a header comment");
    assert!(
        header.starts_with("// Evil\\u{1b}[2J\\u{202e}\\u{a}// forged\\u{85}Corp (CIK 1326801)"),
        "{header}"
    );
}
