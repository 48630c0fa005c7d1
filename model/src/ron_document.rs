//! One checked way to read RON, shared by datasets, scenarios and decks: parse into any serde
//! type with errors at `file:line:column` in words a user can act on, then turn the path of any
//! value (`periods[3].revenue`, `slides[2].last_year`) into an error at that value, for the
//! checks a parser cannot make.
//!
//! A UTF-8 byte order mark is accepted and invisible (columns on line 1 do not count it); lines
//! end at LF, CRLF or a lone CR as an editor shows them; `Option` fields may be written without
//! `Some(…)`. Read files with [`crate::load::read_text`], which refuses special files, oversized
//! files and invalid UTF-8 (at its own line and column) the same way for every kind of file.
//!
//! A loader for a new kind of file is a few lines. The app's deck loader:
//!
//! ```ignore
//! use flywheel_model::load::read_text;
//! use flywheel_model::{LoadError, Problem, RonDocument};
//!
//! pub fn parse_deck(name: &str, text: &str) -> Result<Deck, LoadError> {
//!     let (deck, document) = RonDocument::parse::<Deck>(name, text)?;
//!     let mut errors = Vec::new();
//!     for (index, slide) in deck.slides.iter().enumerate() {
//!         if slide.first_year > slide.last_year {
//!             let message = format!(
//!                 "slide \"{}\" starts in {} but ends in {}",
//!                 slide.title, slide.first_year, slide.last_year
//!             );
//!             let path = format!("slides[{index}].last_year");
//!             errors.push(document.error_at(&path, Problem::InvalidValue(message)));
//!         }
//!     }
//!     LoadError::ok_unless(deck, errors)
//! }
//!
//! pub fn load_deck(path: &Path) -> Result<Deck, LoadError> {
//!     parse_deck(&path.display().to_string(), &read_text(path)?)
//! }
//! ```
//!
//! [`top_level_fields`] tells kinds of file apart by content before choosing a type: a dataset
//! has `company` and `periods`, a scenario `data_fingerprint` and `companies`, a deck `slides`.

use std::borrow::Cow;

use ron::extensions::Extensions;
use serde::de::DeserializeOwned;

use crate::error::{DataError, LoadError, Problem};
use crate::load::check_size;
use crate::spans::{self, PathIndex, Place};

/// How deeply values may nest. Flywheel's files nest five levels at most; the limit keeps a
/// hostile file from overflowing the stack of serde's recursive parser.
const NESTING_LIMIT: usize = 128;

/// A RON text that parsed, remembering where each of its values starts so that checks made
/// after parsing can name a line and column.
#[derive(Debug)]
pub struct RonDocument {
    file: String,
    index: PathIndex,
    /// Bytes of the byte order mark the parsed text started with (0 or 3): the index counts
    /// from after it.
    byte_order_mark_bytes: usize,
}

impl RonDocument {
    /// Parses `text` (the contents of `file`) into a `T`. Refuses text over
    /// [`crate::load::MAX_FILE_BYTES`] and a key given twice in one map; every syntax or shape
    /// error names its line and column.
    pub fn parse<T: DeserializeOwned>(file: &str, text: &str) -> Result<(T, Self), LoadError> {
        check_size(file, text.len() as u64)?;
        let without_mark = strip_byte_order_mark(text);
        let byte_order_mark_bytes = text.len() - without_mark.len();
        let text = lone_carriage_returns_as_line_feeds(without_mark);
        let text = text.as_ref();
        let options = ron::Options::default()
            .with_default_extension(Extensions::IMPLICIT_SOME)
            .with_recursion_limit(NESTING_LIMIT);
        let value = options
            .from_str(text)
            .map_err(|error| ron_error(file, text, &error))?;
        let document = Self {
            file: file.to_owned(),
            index: PathIndex::build(text),
            byte_order_mark_bytes,
        };
        // serde keeps the last of two equal keys in a map without a word.
        let repeated: Vec<DataError> = document
            .index
            .repeated_keys()
            .iter()
            .map(|(place, key)| DataError {
                file: file.to_owned(),
                line: place.line,
                column: place.column,
                problem: Problem::InvalidValue(format!(
                    "{key} appears twice in this map; which of its values counts would be a guess"
                )),
            })
            .collect();
        LoadError::ok_unless((), repeated)?;
        Ok((value, document))
    }

    /// The file's name as given to [`Self::parse`].
    pub fn file(&self) -> &str {
        &self.file
    }

    /// Line and column where the value at `path` starts (`company.unit`, `periods[3].revenue`,
    /// `slides[2].last_year`), or of its nearest parent present in the text.
    pub fn position(&self, path: &str) -> (usize, usize) {
        self.index.locate(path)
    }

    /// Line and column of `needle` inside the value at `path` in `text` (the text given to
    /// [`Self::parse`]) — its first occurrence after `skip` earlier ones, so a live number written
    /// twice in a takeaway is found at each place — or of the value itself when it is not there.
    /// A bracketed value is searched to the file's end. Counted from the value, not from the
    /// start of the file, so checking every element of a long list stays linear.
    pub fn position_in_value(
        &self,
        path: &str,
        text: &str,
        needle: &str,
        skip: usize,
    ) -> (usize, usize) {
        let (place, end) = self.index.extent(path);
        let start = place.byte + self.byte_order_mark_bytes;
        // Only the value is searched (up to its end, for a string), so a needle that is not
        // there costs the value's length, not the rest of the file's.
        let end = end.map_or(text.len(), |end| end + self.byte_order_mark_bytes);
        let found = text
            .get(start..end)
            .and_then(|value| value.match_indices(needle).nth(skip))
            .map(|(offset, _)| offset);
        let Some(found) = found else {
            return (place.line, place.column);
        };
        Place {
            byte: start,
            ..place
        }
        .advance_to(text, start + found)
    }

    /// An error about the value at `path`, placed where that value starts.
    pub fn error_at(&self, path: &str, problem: Problem) -> DataError {
        let (line, column) = self.position(path);
        DataError {
            file: self.file.clone(),
            line,
            column,
            problem,
        }
    }
}

/// The field names of the outermost struct in RON text, in file order (`["company", "periods",
/// "guidance"]` for a dataset), read without parsing the values: enough to tell a dataset, a
/// scenario and a deck apart. Empty when the text does not start with a struct.
pub fn top_level_fields(text: &str) -> Vec<String> {
    spans::top_level_fields(strip_byte_order_mark(text))
}

/// `text` without a leading UTF-8 byte order mark, which editors write but do not show.
pub(crate) fn strip_byte_order_mark(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// `text` with every CR not followed by LF replaced by LF. ron ends lines (and so `//`
/// comments) only at LF, so a file saved with old Mac line ends would be one long comment;
/// both are one byte, so every offset, and so every position, stays the same.
fn lone_carriage_returns_as_line_feeds(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let is_lone = |at: usize| bytes[at] == b'\r' && bytes.get(at + 1) != Some(&b'\n');
    if !(0..bytes.len()).any(is_lone) {
        return Cow::Borrowed(text);
    }
    let mut normalized = String::with_capacity(text.len());
    let mut characters = text.chars().peekable();
    while let Some(current) = characters.next() {
        let lone_return = current == '\r' && characters.peek() != Some(&'\n');
        normalized.push(if lone_return { '\n' } else { current });
    }
    Cow::Owned(normalized)
}

/// A RON parse error as a [`LoadError`] at the position ron reports, re-counted as an editor
/// counts lines, in words a user can act on.
fn ron_error(file: &str, text: &str, error: &ron::error::SpannedError) -> LoadError {
    let problem = match &error.code {
        ron::Error::NoSuchStructField {
            expected, found, ..
        } => Problem::UnknownField {
            field: found.clone(),
            expected: expected.join(", "),
        },
        ron::Error::MissingStructField { field, outer } => Problem::MissingField {
            field: (*field).to_owned(),
            context: outer
                .as_ref()
                .map(|outer| format!(" in {}", friendly_struct_name(outer)))
                .unwrap_or_default(),
        },
        ron::Error::Message(message) => Problem::InvalidValue(message.clone()),
        ron::Error::NoSuchEnumVariant {
            expected, found, ..
        } => Problem::InvalidValue(format!(
            "`{found}` is not allowed here; expected one of: {}",
            expected.join(", ")
        )),
        ron::Error::ExpectedComma => Problem::Syntax(
            "expected a comma (is one missing at the end of the previous value?)".to_owned(),
        ),
        ron::Error::Eof => Problem::Syntax(FILE_ENDS_EARLY.to_owned()),
        ron::Error::ExpectedStringEnd => {
            Problem::Syntax("this string is never closed: its closing `\"` is missing".to_owned())
        }
        ron::Error::ExceededRecursionLimit => Problem::Syntax(format!(
            "values are nested too deeply (more than {NESTING_LIMIT} brackets inside each other)"
        )),
        other => Problem::Syntax(other.to_string()),
    };
    let ron_position = (error.span.start.line, error.span.start.col);
    // ron reports a file cut short as whatever token it expected next; say what happened.
    let at_end = ron_position >= ron_end_of(text);
    let problem = if at_end && matches!(problem, Problem::Syntax(_)) {
        Problem::Syntax(FILE_ENDS_EARLY.to_owned())
    } else {
        problem
    };
    let offset = spans::offset_of_ron_position(text, ron_position.0, ron_position.1);
    let (problem, (line, column)) = placed_where_the_user_looks(&error.code, problem, text, offset);
    LoadError {
        errors: vec![DataError {
            file: file.to_owned(),
            line,
            column,
            problem,
        }],
    }
}

/// ron places some errors away from their cause: an unclosed block comment at the end of the
/// file, a bad escape at the start of its string, trailing text just after the value. These are
/// moved to the cause (the comment's `/*`, the backslash, the first trailing character) and said
/// in words; every other error stays at `offset`.
fn placed_where_the_user_looks(
    code: &ron::Error,
    problem: Problem,
    text: &str,
    offset: usize,
) -> (Problem, (usize, usize)) {
    match code {
        ron::Error::UnclosedBlockComment => {
            if let Some(position) = spans::unclosed_block_comment(text) {
                let message = "this block comment is never closed: `/*` needs a matching `*/`";
                return (Problem::Syntax(message.to_owned()), position);
            }
        }
        ron::Error::InvalidEscape(reason) => {
            if let Some((at, escape)) = spans::bad_escape(text, offset) {
                let message = if *reason == "Unknown escape character" {
                    format!(
                        "unknown escape `{escape}` in a string (write `\\\\` for a backslash; \
                         known escapes: \\n \\r \\t \\0 \\\\ \\\" \\' \\xHH \\u{{…}})"
                    )
                } else {
                    // ron's reasons start with a capital: "Not a valid Unicode-escaped…".
                    let mut reason = reason.chars();
                    let first = reason.next().map(|first| first.to_ascii_lowercase());
                    let reason: String = first.into_iter().chain(reason).collect();
                    format!("invalid escape `{escape}` in a string: {reason}")
                };
                return (
                    Problem::Syntax(message),
                    spans::position_of_offset(text, at),
                );
            }
        }
        ron::Error::TrailingCharacters => {
            let message = "text after the end of the value: the file must end after the \
                           bracket that closes it";
            let at = spans::skip_blanks(text, offset);
            return (
                Problem::Syntax(message.to_owned()),
                spans::position_of_offset(text, at),
            );
        }
        _ => {}
    }
    (problem, spans::position_of_offset(text, offset))
}

const FILE_ENDS_EARLY: &str = "the file ends too early: a bracket or parenthesis is not closed";

/// Line and column just past the last character, as ron counts them (lines end only at LF).
fn ron_end_of(text: &str) -> (usize, usize) {
    let trimmed = text.trim_end();
    let line = 1 + trimmed.matches('\n').count();
    let column = 1 + trimmed
        .rsplit('\n')
        .next()
        .map_or(0, |last| last.chars().count());
    (line, column)
}

fn friendly_struct_name(name: &str) -> &str {
    match name {
        "PeriodRecord" => "a period",
        "Company" => "company",
        "Source" => "a source",
        "FigureSource" => "an other_sources entry",
        "Guidance" => "a guidance entry",
        "Dataset" => "the dataset",
        "Scenario" => "the scenario",
        "CompanyAssumptions" => "a company's entry",
        "Assumptions" => "assumptions",
        "Deck" => "the deck",
        "Slide" => "a slide",
        "Annotation" => "a note",
        other => other,
    }
}
