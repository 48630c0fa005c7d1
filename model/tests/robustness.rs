//! Property tests: no input makes the loaders panic, every error lies inside the text it is
//! about, and metrics never produce NaN or infinity.

use flywheel_model::load::{parse_bytes, parse_csv, parse_ron};
use flywheel_model::metrics::Transform;
use flywheel_model::{
    Alignment, Frequency, LoadError, Metric, RonDocument, parse_scenario, series, top_level_fields,
};
use proptest::prelude::*;

/// Every figure of the fixture's first two periods.
const TWO_PERIODS_OF_FIGURES: usize = 2 * flywheel_model::Figure::ALL.len();

const VALID_RON: &str = include_str!("../../tests/malformed/valid.ron");
const VALID_CSV: &str = include_str!("../../tests/malformed/valid.csv");
const VALID_SCENARIO: &str = include_str!("../../tests/malformed/scenarios/valid.ron");

/// Pieces that have shifted positions or crashed scanners before: raw identifiers and strings,
/// byte strings, escapes, nested comments, byte order marks, odd line ends, controls, brackets,
/// and the causes the loader looks for: bad escapes, unclosed comments and strings, trailing text.
const TRICKY_PIECES: [&str; 29] = [
    "r#name",
    "r#\"a \" ) ]\"#",
    "r\"x\"",
    "br#\"(\"#",
    "b\"[\"",
    "b'('",
    "'\\''",
    "\"\\\" (\"",
    "/* a /* b ) */ c */",
    "// line ) comment\n",
    "\u{feff}",
    "\r\n",
    "\r",
    "\n",
    "\u{1b}[2J",
    "é",
    "(",
    ")",
    "[",
    "]",
    ",",
    ":",
    "#![enable(implicit_some)]",
    "r#",
    "\"a \\q b\"",
    "\"\\u{110000}\"",
    "/* never closed",
    ") trailing",
    "\"never closed",
];

/// Number of lines an editor shows for `bytes`: a line ends at LF, CRLF or a lone CR.
fn editor_lines(bytes: &[u8]) -> usize {
    1 + bytes
        .iter()
        .enumerate()
        .filter(|&(at, &byte)| {
            byte == b'\n' || (byte == b'\r' && bytes.get(at + 1) != Some(&b'\n'))
        })
        .count()
}

/// Every error names a line that exists (or the one just past the end) and a column from 1.
fn positions_inside(result: Result<(), LoadError>, bytes: &[u8]) -> Result<(), TestCaseError> {
    if let Err(error) = result {
        prop_assert!(!error.errors.is_empty());
        let lines = editor_lines(bytes);
        for problem in &error.errors {
            prop_assert!(
                problem.line >= 1 && problem.line <= lines + 1,
                "{problem} ({lines} lines)"
            );
            prop_assert!(problem.column >= 1, "{problem}");
        }
    }
    Ok(())
}

/// Characters on each line of `text` as an editor shows it (no byte order mark, no line end).
fn editor_line_lengths(text: &str) -> Vec<usize> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lengths = vec![0];
    let mut characters = text.chars().peekable();
    while let Some(current) = characters.next() {
        let next = characters.peek().copied();
        if current == '\n' || (current == '\r' && next != Some('\n')) {
            lengths.push(0);
        } else if current != '\r' {
            *lengths.last_mut().unwrap_or(&mut 0) += 1;
        }
    }
    lengths
}

/// For RON, where columns count characters: every error sits on a line of the text, at most
/// one column past its last character.
fn characters_inside(result: Result<(), LoadError>, text: &str) -> Result<(), TestCaseError> {
    if let Err(error) = result {
        let lengths = editor_line_lengths(text);
        for problem in &error.errors {
            let length = lengths.get(problem.line.wrapping_sub(1)).copied();
            prop_assert!(length.is_some(), "{problem}: line beyond {}", lengths.len());
            prop_assert!(
                (1..=length.unwrap_or(0) + 1).contains(&problem.column),
                "{problem}: column beyond {length:?}"
            );
        }
    }
    Ok(())
}

/// `text` with `pieces` inserted at the given fractions of its length, and its line ends
/// rewritten as `line_end`.
fn insert_pieces(text: &str, pieces: &[(f64, usize)], line_end: &str) -> String {
    let mut text = text.replace('\n', line_end);
    for &(fraction, piece) in pieces {
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            clippy::cast_precision_loss,
            reason = "a fraction of a short text's length"
        )]
        let at = (fraction * text.len() as f64) as usize;
        let at = (0..=at.min(text.len()))
            .rev()
            .find(|at| text.is_char_boundary(*at))
            .unwrap_or(0);
        text.insert_str(at, TRICKY_PIECES[piece % TRICKY_PIECES.len()]);
    }
    text
}

fn line_end() -> impl Strategy<Value = &'static str> {
    prop_oneof![Just("\n"), Just("\r\n"), Just("\r")]
}

fn pieces() -> impl Strategy<Value = Vec<(f64, usize)>> {
    proptest::collection::vec((0.0f64..1.0, 0usize..TRICKY_PIECES.len()), 0..6)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Overwriting any span of a valid file with arbitrary text gives Ok or errors, never a panic,
    /// and every error names a line and column inside the file.
    #[test]
    fn edited_ron_never_panics(
        start in 0usize..VALID_RON.len(),
        length in 0usize..40,
        junk in "[ -~\\n]{0,20}",
    ) {
        let mut text = VALID_RON.to_owned();
        let start = (0..=start).rev().find(|at| text.is_char_boundary(*at)).unwrap_or(0);
        let end = (start + length).min(text.len());
        let end = (end..=text.len()).find(|at| text.is_char_boundary(*at)).unwrap_or(text.len());
        text.replace_range(start..end, &junk);
        characters_inside(parse_ron("edited.ron", &text).map(|_| ()), &text)?;
    }

    /// Raw identifiers, comments, byte order marks and odd line ends dropped into a valid
    /// dataset or scenario, read by every RON reader.
    #[test]
    fn near_valid_ron_never_panics(pieces in pieces(), line_end in line_end()) {
        for valid in [VALID_RON, VALID_SCENARIO] {
            let text = insert_pieces(valid, &pieces, line_end);
            characters_inside(parse_ron("near.ron", &text).map(|_| ()), &text)?;
            characters_inside(parse_scenario("near.ron", &text).map(|_| ()), &text)?;
            let as_value = RonDocument::parse::<ron::Value>("near.ron", &text);
            characters_inside(as_value.map(|_| ()), &text)?;
            let fields = top_level_fields(&text);
            prop_assert!(fields.len() <= text.len());
        }
    }

    /// Line ends changed alone leave a valid dataset and scenario valid and equal.
    #[test]
    fn line_ends_and_byte_order_marks_change_nothing(line_end in line_end(), bom in any::<bool>()) {
        let prefix = if bom { "\u{feff}" } else { "" };
        let text = format!("{prefix}{}", VALID_RON.replace('\n', line_end));
        let dataset = parse_ron("ends.ron", &text);
        prop_assert_eq!(dataset.ok(), parse_ron("valid.ron", VALID_RON).ok());
        let text = format!("{prefix}{}", VALID_SCENARIO.replace('\n', line_end));
        let scenario = parse_scenario("ends.ron", &text);
        prop_assert_eq!(scenario.ok(), parse_scenario("valid.ron", VALID_SCENARIO).ok());
        let text = format!("{prefix}{}", VALID_CSV.replace('\n', line_end));
        prop_assert_eq!(parse_csv("ends.csv", &text).ok(), parse_csv("valid.csv", VALID_CSV).ok());
    }

    /// Any bytes at all, read as a dataset of each kind.
    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        for name in ["any.ron", "any.csv", "any.txt"] {
            positions_inside(parse_bytes(name, &bytes).map(|_| ()), &bytes)?;
        }
        let ron = parse_bytes("any.ron", &bytes).map(|_| ());
        characters_inside(ron, &String::from_utf8_lossy(&bytes))?;
        if let Ok(text) = std::str::from_utf8(&bytes) {
            characters_inside(parse_scenario("any.ron", text).map(|_| ()), text)?;
        }
    }

    #[test]
    fn arbitrary_csv_never_panics(text in "[a-zA-Z0-9_,.\"\\n\\r -]{0,400}") {
        for input in [text.clone(), format!("{VALID_CSV}{text}"), format!("\u{feff}{text}")] {
            positions_inside(parse_csv("any.csv", &input).map(|_| ()), input.as_bytes())?;
        }
    }

    /// A valid table with blank lines, quoted line breaks and junk rows mixed in.
    #[test]
    fn near_valid_csv_never_panics(
        line_end in line_end(),
        extra in proptest::collection::vec(prop_oneof![
            Just(String::new()),
            Just("\"quoted\nline\",1".to_owned()),
            "[a-zA-Z0-9,.\"+-]{0,60}",
        ], 0..4),
        at in 0usize..4,
    ) {
        let mut rows: Vec<String> = VALID_CSV.lines().map(str::to_owned).collect();
        for (offset, row) in extra.into_iter().enumerate() {
            rows.insert((at + offset).min(rows.len()), row);
        }
        let text = rows.join(line_end);
        positions_inside(parse_csv("near.csv", &text).map(|_| ()), text.as_bytes())?;
    }

    /// Any finite figures (including zero, negative profits, denormals such as 5e-324 and the
    /// largest floats, which the loader refuses but a program may build) give finite metric
    /// values or gaps, as they are and transformed.
    #[test]
    fn metrics_are_finite_or_missing(
        figures in proptest::collection::vec(prop_oneof![
            4 => -1000.0f64..1000.0,
            1 => prop_oneof![
                Just(5e-324), Just(-5e-324), Just(1e-300), Just(1e300), Just(f64::MAX),
                Just(-f64::MAX), Just(0.0),
            ],
        ], TWO_PERIODS_OF_FIGURES),
        gaps in proptest::collection::vec(any::<bool>(), TWO_PERIODS_OF_FIGURES),
    ) {
        let mut dataset = parse_ron("valid.ron", VALID_RON).expect("fixture is valid");
        for (index, record) in dataset.periods.iter_mut().take(2).enumerate() {
            for (slot, figure) in flywheel_model::Figure::ALL.into_iter().enumerate() {
                let at = index * flywheel_model::Figure::ALL.len() + slot;
                *record.get_mut(figure) = (!gaps[at]).then_some(figures[at]);
            }
        }
        for metric in Metric::ALL {
            for frequency in Frequency::ALL {
                for alignment in [Alignment::Fiscal, Alignment::Calendar] {
                    let plain = series(&dataset, metric, frequency, alignment);
                    let mut shown = vec![plain.indexed(2023).unwrap_or_else(|| plain.clone())];
                    for transform in [Transform::YearOnYear, Transform::Indexed] {
                        shown.push(plain.transformed(transform, |_| true));
                    }
                    shown.push(plain);
                    for point in shown.iter().flat_map(|series| &series.points) {
                        if let Some(value) = point.value {
                            let label = &point.slot.label;
                            prop_assert!(value.is_finite(), "{metric:?} {label}: {value}");
                        } else {
                            prop_assert!(point.gap.is_some(), "a missing value says why");
                        }
                    }
                }
            }
        }
    }
}
