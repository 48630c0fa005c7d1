//! The checked loader as other file kinds use it, content sniffing, the one file reader,
//! terminal-safe messages and ticker case.

// Test helpers fail loudly: a broken fixture should stop the test at once.
#![allow(clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use flywheel_model::load::parse_csv;
use flywheel_model::{
    DataError, Library, LoadError, Origin, Problem, RonDocument, escape_controls, read_text,
    top_level_fields,
};
use serde::Deserialize;

/// A file kind the model does not know, built the way the app builds its decks.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Deck {
    title: String,
    slides: Vec<Slide>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Slide {
    title: String,
    first_year: i32,
    last_year: i32,
    #[serde(default)]
    scenario: Option<String>,
}

fn parse_deck(name: &str, text: &str) -> Result<Deck, LoadError> {
    let (deck, document) = RonDocument::parse::<Deck>(name, text)?;
    let mut errors = Vec::new();
    for (index, slide) in deck.slides.iter().enumerate() {
        if slide.first_year > slide.last_year {
            let message = format!(
                "slide \"{}\" starts in {} but ends in {}",
                slide.title, slide.first_year, slide.last_year
            );
            let path = format!("slides[{index}].last_year");
            errors.push(document.error_at(&path, Problem::InvalidValue(message)));
        }
    }
    LoadError::ok_unless(deck, errors)
}

#[test]
fn a_new_file_kind_gets_positions_for_its_own_checks() {
    let text = "\u{feff}// A deck.\r\n(\r\n  title: r#\"The \"race\" ) ]\"#,\r\n  slides: [\r\n    \
                (title: \"One\", first_year: 2020, last_year: 2024, scenario: \"Bull\"),\r\n    \
                (title: \"Two\", first_year: 2024,\r\n     last_year: 2020),\r\n  ],\r\n)\r\n";
    let error = parse_deck("talk.ron", text).expect_err("reversed years");
    assert_eq!(
        error.to_string(),
        "talk.ron:7:17: slide \"Two\" starts in 2024 but ends in 2020"
    );
    let fixed = text.replace("last_year: 2020", "last_year: 2025");
    let deck = parse_deck("talk.ron", &fixed).expect("valid deck");
    assert_eq!(deck.title, "The \"race\" ) ]");
    // `Option` fields may be written without `Some(…)`.
    assert_eq!(deck.slides[0].scenario.as_deref(), Some("Bull"));

    let (_, document) = RonDocument::parse::<Deck>("talk.ron", &fixed).expect("parses");
    assert_eq!(document.file(), "talk.ron");
    assert_eq!(document.position("slides[1]"), (6, 5));
    assert_eq!(document.position("slides[1].title"), (6, 13));
    // A path the text lacks falls back to its nearest parent.
    assert_eq!(document.position("slides[1].scenario"), (6, 5));
    assert_eq!(document.position("title"), (3, 10));

    let error = parse_deck("talk.ron", "(title: \"x\", slides: [(title: \"a\")])").expect_err("");
    assert_eq!(
        error.to_string(),
        "talk.ron:1:34: missing field `first_year` in a slide"
    );
}

#[test]
fn syntax_errors_are_counted_as_an_editor_counts_lines() {
    // ron counts only LF; the position is re-counted with CR and CRLF ends.
    for (text, expected) in [
        (
            "(\n title: \"x\"\n slides: [])",
            "cut.ron:3:2: syntax error: expected a comma",
        ),
        (
            "(\r\n title: \"x\"\r\n slides: [])",
            "cut.ron:3:2: syntax error: expected a comma",
        ),
        (
            "(\r title: \"x\"\r slides: [])",
            "cut.ron:3:2: syntax error: expected a comma",
        ),
        (
            "\u{feff}(title: \"x\" slides: [])",
            "cut.ron:1:13: syntax error: expected a comma",
        ),
    ] {
        let error = parse_deck("cut.ron", text).expect_err("missing comma");
        assert_eq!(
            error.to_string(),
            format!("{expected} (is one missing at the end of the previous value?)"),
            "{text:?}"
        );
    }
}

#[test]
fn top_level_fields_tell_file_kinds_apart() {
    let fields = |path: &str| {
        let text = std::fs::read_to_string(Path::new("..").join(path)).expect("readable");
        top_level_fields(&text)
    };
    for dataset in ["data/amzn.ron", "data/googl.ron", "data/msft.ron"] {
        assert_eq!(
            fields(dataset),
            ["company", "periods", "guidance"],
            "{dataset}"
        );
    }
    assert_eq!(fields("data/deck.ron"), ["title", "slides", "annotations"]);
    assert_eq!(
        fields("tests/malformed/scenarios/valid_bom_crlf.ron"),
        ["name", "data_fingerprint", "companies"]
    );
    assert_eq!(
        top_level_fields("#![enable(implicit_some)] Dataset(r#company: (), periods: [])"),
        ["company", "periods"]
    );
    assert!(top_level_fields("not ron at all").is_empty());
}

/// A new folder holding a named pipe called `file`: the folder and the pipe.
#[cfg(unix)]
fn folder_with_fifo(tag: &str, file: &str) -> (PathBuf, PathBuf) {
    let folder = std::env::temp_dir().join(format!("flywheel-{tag}-{}", std::process::id()));
    std::fs::create_dir_all(&folder).expect("temp folder");
    let fifo = folder.join(file);
    let status = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(status.success());
    (folder, fifo)
}

#[cfg(unix)]
#[test]
fn read_text_refuses_special_files_without_blocking() {
    let (folder, fifo) = folder_with_fifo("read-text", "pipe.csv");
    let started = Instant::now();
    let error = read_text(&fifo).expect_err("a FIFO is refused");
    assert!(started.elapsed() < Duration::from_secs(1));
    assert_eq!(
        error.to_string(),
        format!(
            "{}:1:1: cannot read the file: it is a named pipe (FIFO), not a regular file",
            fifo.display()
        )
    );
    assert_eq!(
        error.errors[0].problem,
        Problem::NotRegularFile("a named pipe (FIFO)")
    );
    let error = read_text(&folder).expect_err("a folder is refused");
    assert_eq!(error.errors[0].problem, Problem::NotRegularFile("a folder"));
    std::fs::remove_dir_all(&folder).ok();

    let text = read_text(Path::new("../tests/malformed/valid_bom_crlf.ron")).expect("reads");
    assert!(
        text.starts_with('\u{feff}'),
        "the byte order mark is left to the parsers"
    );
}

#[test]
fn messages_show_control_characters_as_escapes() {
    let error = DataError {
        file: "evil\u{1b}]0;title\u{7}.ron".to_owned(),
        line: 3,
        column: 9,
        problem: Problem::DuplicatePeriod {
            period: "FY2024".to_owned(),
            ticker: "AM\u{1b}[2JZN\u{202e}".to_owned(),
            first_line: 2,
        },
    };
    assert_eq!(
        error.to_string(),
        "evil\\u{1b}]0;title\\u{7}.ron:3:9: FY2024 appears twice for AM\\u{1b}[2JZN\\u{202e} \
         (first on line 2)"
    );
    let problem = Problem::UnknownField {
        field: "r\u{9b}31m".to_owned(),
        expected: "name".to_owned(),
    };
    assert_eq!(
        problem.to_string(),
        "unknown field `r\\u{9b}31m`; expected one of: name"
    );
    assert_eq!(escape_controls("plain"), "plain");
}

#[test]
fn csv_header_errors_sit_on_the_header_cells() {
    let valid = include_str!("../../tests/malformed/valid.csv");
    let (header, rows) = valid.split_once('\n').expect("a header");
    let text = format!(
        "\r\n\r\n{header},ticker\r\n{}",
        rows.replace('\n', ",AMZN\r\n")
    );
    let error = parse_csv("twice.csv", &text).expect_err("duplicate column");
    assert_eq!(
        error.to_string(),
        "twice.csv:3:21: column `ticker` appears twice in the header (first as column 1)"
    );
    let error = parse_csv("empty.csv", &format!("\n\n{header}\n")).expect_err("no rows");
    assert_eq!(
        error.to_string(),
        "empty.csv:3:1: the table has a header but no rows"
    );
}

#[test]
fn tickers_compare_ignoring_case_everywhere_in_the_library() {
    let mut library = Library::bundled().expect("bundled data");
    assert_eq!(
        library
            .get("amzn")
            .map(|dataset| dataset.company.ticker.as_str()),
        Some("AMZN")
    );
    let mut lower = library.get("AMZN").expect("Amazon").clone();
    lower.company.ticker = "amzn".to_owned();
    lower.periods.truncate(2);
    let summary = library.insert(vec![lower], &Origin::File("lower.ron".to_owned()));
    assert_eq!(summary.replaced, vec!["amzn".to_owned()]);
    assert!(summary.added.is_empty());
    assert_eq!(library.tickers(), vec!["amzn", "GOOGL", "MSFT"]);
    assert_eq!(
        library.get("AMZN").map(|dataset| dataset.periods.len()),
        Some(2)
    );
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let deep = format!("Dataset(company: {}", "[".repeat(100_000));
    let error = flywheel_model::load::parse_ron("deep.ron", &deep).expect_err("rejected");
    assert_eq!(error.errors.len(), 1);
    assert_eq!((error.errors[0].line, error.errors[0].column), (1, 18));
    let error = flywheel_model::parse_scenario("deep.ron", &deep).expect_err("rejected");
    assert_eq!(error.errors.len(), 1);
    let value = format!("{}{}", "(a: ".repeat(100_000), ")".repeat(100_000));
    let error = RonDocument::parse::<ron::Value>("deep.ron", &value).expect_err("too deep");
    assert_eq!(
        error.to_string(),
        "deep.ron:1:257: syntax error: values are nested too deeply (more than 128 brackets \
         inside each other)"
    );
    assert_eq!(top_level_fields(&value), ["a"]);
}

#[cfg(unix)]
#[test]
fn company_facts_import_refuses_special_files_at_once() {
    let (folder, fifo) = folder_with_fifo("facts-fifo", "facts.json");
    let started = Instant::now();
    let error = flywheel_model::read_company_facts(&fifo).expect_err("a FIFO is refused");
    assert!(started.elapsed() < Duration::from_secs(1));
    assert_eq!(
        error.to_string(),
        format!(
            "{}: cannot read the file: it is a named pipe (FIFO), not a regular file",
            fifo.display()
        )
    );
    let error = flywheel_model::read_company_facts(&folder).expect_err("a folder is refused");
    assert_eq!(
        error.to_string(),
        format!(
            "{}: cannot read the file: it is a folder, not a regular file",
            folder.display()
        )
    );
    std::fs::remove_dir_all(&folder).ok();
}
