//! Reading datasets from RON and CSV files. Every failure becomes a [`LoadError`] naming file,
//! line and column; nothing here panics on any input.
//!
//! [`read_text`] is the one way every kind of file (dataset, scenario, deck) is read from disk:
//! it refuses anything that is not a regular file before opening it (a named pipe would block
//! forever), refuses files over [`MAX_FILE_BYTES`], and reports invalid UTF-8 at its own line
//! and column. RON files are parsed through [`crate::RonDocument`]. CSV lines are counted as an
//! editor shows them (LF, CRLF or a lone CR; blank lines and line breaks inside quoted cells
//! count), and columns as a spreadsheet numbers them.

use std::collections::HashMap;
use std::fmt::Display;
use std::fs::{File, FileType};
use std::io::Read;
use std::path::Path;

use crate::dataset::{Company, Dataset, Figure, Grade, PeriodRecord, Source, Unit};
use crate::error::{DataError, LoadError, Problem};
use crate::ron_document::{RonDocument, strip_byte_order_mark};
use crate::spans::{LineStarts, breaks_line, position_of_offset};
use crate::validate::{FieldPath, validate};

/// Largest dataset file accepted: the bundled files are about 50 KB, so 8 MiB leaves room for
/// long histories and many companies while refusing a wrong file before it eats memory.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// Reads a `.ron` or `.csv` file from disk. A CSV file may hold several companies.
pub fn load_file(path: &Path) -> Result<Vec<Dataset>, LoadError> {
    let text = read_text(path)?;
    parse_text(&path.display().to_string(), &text)
}

/// Refuses text or files over [`MAX_FILE_BYTES`], naming the file.
pub(crate) fn check_size(name: &str, size_bytes: u64) -> Result<(), LoadError> {
    if size_bytes > MAX_FILE_BYTES {
        Err(LoadError::whole_file(
            name,
            Problem::TooLarge {
                size_bytes,
                limit_bytes: MAX_FILE_BYTES,
            },
        ))
    } else {
        Ok(())
    }
}

/// Reads a text file of any kind (dataset, scenario, deck). Refuses, naming the file, anything
/// that is not a regular file (without opening it, so a named pipe cannot block), a file over
/// [`MAX_FILE_BYTES`] (before reading it), and bytes that are not UTF-8 (at their line and
/// column). A byte order mark is kept; the parsers skip it.
pub fn read_text(path: &Path) -> Result<String, LoadError> {
    let name = path.display().to_string();
    let bytes = read_regular_file(path, &name)?;
    String::from_utf8(bytes)
        .map_err(|error| not_text_error(&name, error.as_bytes(), error.utf8_error().valid_up_to()))
}

fn read_regular_file(path: &Path, name: &str) -> Result<Vec<u8>, LoadError> {
    let whole = |problem| LoadError::whole_file(name, problem);
    let (file, size_bytes) = open_regular_file(path).map_err(|error| {
        whole(match error {
            OpenError::Io(error) => Problem::Unreadable(error.to_string()),
            OpenError::Special(kind) => Problem::NotRegularFile(kind),
        })
    })?;
    check_size(name, size_bytes)?;
    let mut bytes = Vec::new();
    // `take` guards against a file that grows between the size check and the read.
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|error| whole(Problem::Unreadable(error.to_string())))?;
    check_size(name, bytes.len() as u64)?;
    Ok(bytes)
}

/// Why a file could not be opened for reading.
#[derive(Debug, thiserror::Error)]
pub(crate) enum OpenError {
    /// The system refused (no such file, no permission…).
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// Not a regular file; the words say what it is (`a named pipe (FIFO)`).
    #[error("it is {0}, not a regular file")]
    Special(&'static str),
}

/// Opens `path` for reading only when it is a regular file, with its length in bytes. Anything
/// else (a named pipe, a device, a socket, a folder) is refused before opening, since opening
/// a named pipe blocks until a writer comes; the handle is checked again because the path may
/// have been swapped between the check and the open. Every file Flywheel reads (datasets,
/// scenarios, decks, SEC company facts) comes through here.
pub(crate) fn open_regular_file(path: &Path) -> Result<(File, u64), OpenError> {
    let refuse_special = |file_type: FileType| match special_kind(file_type) {
        Some(kind) => Err(OpenError::Special(kind)),
        None => Ok(()),
    };
    refuse_special(std::fs::metadata(path)?.file_type())?;
    let file = File::open(path)?;
    let metadata = file.metadata()?;
    refuse_special(metadata.file_type())?;
    Ok((file, metadata.len()))
}

/// What a file type is, in words, when it is not a regular file.
fn special_kind(file_type: FileType) -> Option<&'static str> {
    if file_type.is_file() {
        return None;
    }
    if file_type.is_dir() {
        return Some("a folder");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return Some("a named pipe (FIFO)");
        }
        if file_type.is_char_device() {
            return Some("a character device");
        }
        if file_type.is_block_device() {
            return Some("a block device");
        }
        if file_type.is_socket() {
            return Some("a socket");
        }
    }
    Some("a special file")
}

/// The bytes as UTF-8 text, or an error at the line and column of the first invalid byte.
fn decode_text<'a>(name: &str, bytes: &'a [u8]) -> Result<&'a str, LoadError> {
    check_size(name, bytes.len() as u64)?;
    std::str::from_utf8(bytes).map_err(|error| not_text_error(name, bytes, error.valid_up_to()))
}

/// [`Problem::NotText`] at the line and column of byte `valid_up_to`, the first invalid one.
fn not_text_error(name: &str, bytes: &[u8], valid_up_to: usize) -> LoadError {
    let (line, column) = position_of_invalid_byte(bytes, valid_up_to);
    LoadError {
        errors: vec![DataError {
            file: name.to_owned(),
            line,
            column,
            problem: Problem::NotText,
        }],
    }
}

/// Line and column (as an editor counts them, after any byte order mark) of byte
/// `valid_up_to` of `bytes`, the first that is not UTF-8.
pub(crate) fn position_of_invalid_byte(bytes: &[u8], valid_up_to: usize) -> (usize, usize) {
    let valid = bytes.get(..valid_up_to).unwrap_or_default();
    // The prefix before the first invalid byte is valid UTF-8 by definition.
    let valid = strip_byte_order_mark(std::str::from_utf8(valid).unwrap_or_default());
    position_of_offset(valid, valid.len())
}

/// Parses file contents already in memory (e.g. dropped onto the window), by the name's extension.
pub fn parse_bytes(name: &str, bytes: &[u8]) -> Result<Vec<Dataset>, LoadError> {
    let text = decode_text(name, bytes)?;
    parse_text(name, text)
}

fn parse_text(name: &str, text: &str) -> Result<Vec<Dataset>, LoadError> {
    let extension = Path::new(name)
        .extension()
        .and_then(|ext| ext.to_str())
        .map(str::to_ascii_lowercase);
    match extension.as_deref() {
        Some("ron") => parse_ron(name, text).map(|dataset| vec![dataset]),
        Some("csv") => parse_csv(name, text),
        _ => Err(LoadError::whole_file(name, Problem::UnknownFileType)),
    }
}

/// Parses and validates one company's RON dataset.
pub fn parse_ron(name: &str, text: &str) -> Result<Dataset, LoadError> {
    let (dataset, document) = RonDocument::parse::<Dataset>(name, text)?;
    let errors = validate(&dataset, name, &|path| document.position(&path.ron_path()));
    LoadError::ok_unless(dataset, errors)
}

/// Columns of the CSV format, in the order `flywheel` writes them. The last three are optional.
pub const CSV_COLUMNS: [&str; 22] = [
    "ticker",
    "company_name",
    "fiscal_year_end_month",
    "cloud_segment",
    "unit",
    "period",
    "end_date",
    "revenue",
    "operating_income",
    "net_income",
    "capex",
    "operating_cash_flow",
    "depreciation",
    "cloud_revenue",
    "cloud_operating_income",
    "advertising_revenue",
    "restated",
    "source_filing",
    "source_filed",
    "source_url",
    "source_grade",
    "notes",
];

/// Columns a table may leave out (they came after the format's first version).
const OPTIONAL_COLUMNS: [&str; 3] = ["advertising_revenue", "source_grade", "notes"];

/// The CSV column that holds a dataset field, so a validation error about the field points at
/// its cell. Fields named like their column map to themselves.
fn column_of_field(field: &str) -> &str {
    match field {
        "name" => "company_name",
        "currency" => "unit",
        "source" | "other_sources" => "source_filing",
        "filed" | "source.filed" => "source_filed",
        "url" => "source_url",
        "" => "period",
        other => other,
    }
}

/// Where a record sits: the line it starts on and, when quoted cells hold line breaks, how
/// many lines further down each cell starts.
#[derive(Clone, Debug)]
struct RowPlace {
    line: usize,
    cell_line_shifts: Vec<usize>,
}

impl RowPlace {
    /// The place of a record that csv says starts at byte `byte`. That offset is just past the
    /// previous record's line end, so it may sit on a blank line or on the LF of a CRLF; the
    /// record's first line is the first one after those.
    fn new(text: &str, lines: &LineStarts, byte: u64, cells: Option<&csv::StringRecord>) -> Self {
        let byte = usize::try_from(byte).unwrap_or(usize::MAX).min(text.len());
        let skipped = text.as_bytes()[byte..]
            .iter()
            .take_while(|&&character| matches!(character, b'\r' | b'\n'))
            .count();
        let mut cell_line_shifts = Vec::new();
        if let Some(cells) =
            cells.filter(|cells| cells.iter().any(|cell| cell.contains(['\n', '\r'])))
        {
            let mut shift = 0;
            for cell in cells {
                cell_line_shifts.push(shift);
                let mut characters = cell.chars().peekable();
                while let Some(current) = characters.next() {
                    if breaks_line(current, characters.peek().copied()) {
                        shift += 1;
                    }
                }
            }
        }
        Self {
            line: lines.line_of(byte + skipped),
            cell_line_shifts,
        }
    }

    /// Line on which cell `index` (0-based) starts.
    fn line_of_cell(&self, index: usize) -> usize {
        self.line + self.cell_line_shifts.get(index).copied().unwrap_or(0)
    }
}

/// Where each CSV cell of a parsed dataset came from, to place validation errors.
struct CsvPlaces {
    column_of: HashMap<&'static str, usize>,
    first_row: RowPlace,
    period_rows: Vec<RowPlace>,
}

impl CsvPlaces {
    fn locate(&self, path: FieldPath) -> (usize, usize) {
        let cell = |row: &RowPlace, field: &str| match self.column_of.get(column_of_field(field)) {
            Some(&index) => (row.line_of_cell(index), index + 1),
            None => (row.line, 1),
        };
        match path {
            FieldPath::Company(field) => cell(&self.first_row, field),
            FieldPath::Period { index, field } => cell(
                self.period_rows.get(index).unwrap_or(&self.first_row),
                field,
            ),
            FieldPath::Guidance { .. } => (self.first_row.line, 1),
        }
    }
}

/// Parses a CSV table: one row per company and period, one column per figure (see README).
/// Amounts in US$ billions; an empty cell is a missing figure. Rows whose tickers differ only in
/// letter case belong to the same company.
pub fn parse_csv(name: &str, text: &str) -> Result<Vec<Dataset>, LoadError> {
    check_size(name, text.len() as u64)?;
    let text = strip_byte_order_mark(text);
    if text.trim().is_empty() {
        let problem = "the file has no header row: it is empty or holds only blank lines";
        return Err(LoadError::whole_file(
            name,
            Problem::InvalidValue(problem.to_owned()),
        ));
    }
    let lines = LineStarts::new(text);
    if let Some(unclosed) = unclosed_quote(text) {
        let problem = match unclosed.next_quote {
            None => "the quote that opens this cell is never closed: the cell runs on to the \
                     end of the file (a `\"` is missing)"
                .to_owned(),
            Some(next) => format!(
                "the quote that opens this cell is not closed where the cell ends: the next \
                 `\"` (line {}) is followed by more text, not by a comma or a line end (a `\"` \
                 is missing)",
                lines.line_of(next)
            ),
        };
        return Err(LoadError {
            errors: vec![DataError {
                file: name.to_owned(),
                line: lines.line_of(unclosed.opening),
                column: unclosed.cell,
                problem: Problem::Syntax(problem),
            }],
        });
    }
    let place =
        |byte: u64, cells: Option<&csv::StringRecord>| RowPlace::new(text, &lines, byte, cells);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(text.as_bytes());
    let header = reader
        .headers()
        .map_err(|error| LoadError::whole_file(name, Problem::Syntax(error.to_string())))?
        .clone();
    let header_place = place(
        header.position().map_or(0, csv::Position::byte),
        Some(&header),
    );
    let mut table = CsvTable {
        name,
        errors: Vec::new(),
        column_of: HashMap::new(),
    };
    table.read_header(&header, &header_place);
    if !table.errors.is_empty() {
        return LoadError::ok_unless(Vec::new(), table.errors);
    }

    let mut datasets: Vec<(Dataset, CsvPlaces)> = Vec::new();
    let mut dataset_of_ticker: HashMap<String, usize> = HashMap::new();
    for result in reader.records() {
        let record = match result {
            Ok(record) => record,
            Err(error) => {
                let row = place(error.position().map_or(0, csv::Position::byte), None);
                let message = match error.kind() {
                    csv::ErrorKind::UnequalLengths {
                        expected_len, len, ..
                    } => format!(
                        "this row has {len} cells but the header has {expected_len} \
                         (an unquoted comma inside a number or text?)"
                    ),
                    _ => error.to_string(),
                };
                table.error(row.line, 1, Problem::Syntax(message));
                continue;
            }
        };
        let row = place(
            record.position().map_or(0, csv::Position::byte),
            Some(&record),
        );
        let Some((company, period_record)) = table.read_row(&record, &row) else {
            continue;
        };
        // Found by key, not by a search of every company, so a table of many companies stays
        // linear.
        let ticker_key = company.ticker.to_ascii_uppercase();
        let same_company = dataset_of_ticker
            .get(&ticker_key)
            .and_then(|&index| datasets.get_mut(index));
        match same_company {
            Some((dataset, places))
                if dataset.company
                    != (Company {
                        ticker: dataset.company.ticker.clone(),
                        ..company.clone()
                    }) =>
            {
                let message = format!(
                    "company details for {} differ from line {}: company_name, \
                     fiscal_year_end_month, cloud_segment and unit must be the same on every \
                     row of a company",
                    dataset.company.ticker, places.first_row.line
                );
                let column = table.column_number("company_name");
                let line = row.line_of_cell(column - 1);
                table.error(line, column, Problem::InvalidValue(message));
            }
            Some((dataset, places)) => {
                dataset.periods.push(period_record);
                places.period_rows.push(row);
            }
            None => {
                dataset_of_ticker.insert(ticker_key, datasets.len());
                datasets.push((
                    Dataset {
                        company,
                        periods: vec![period_record],
                        guidance: Vec::new(),
                    },
                    CsvPlaces {
                        column_of: table.column_of.clone(),
                        first_row: row.clone(),
                        period_rows: vec![row],
                    },
                ));
            }
        }
    }
    if datasets.is_empty() && table.errors.is_empty() {
        table.error(
            header_place.line,
            1,
            Problem::InvalidValue("the table has a header but no rows".to_owned()),
        );
    }
    let mut errors = table.errors;
    for (dataset, places) in &datasets {
        errors.extend(validate(dataset, name, &|path| places.locate(path)));
    }
    let datasets = datasets.into_iter().map(|(dataset, _)| dataset).collect();
    LoadError::ok_unless(datasets, errors)
}

/// A quoted CSV cell whose quote is not closed where the cell ends.
struct UnclosedQuote {
    /// Byte offset of the opening quote.
    opening: usize,
    /// 1-based cell number of the cell it opens.
    cell: usize,
    /// Byte offset of the next quote, which the reader takes as the closing one although text
    /// other than a comma or a line end follows it; `None` when the file ends first.
    next_quote: Option<usize>,
}

/// The first quoted cell whose quote is not closed where the cell ends: the file ends first, or
/// the quote that would close it is followed by more text (it was the opening quote of a later
/// cell). The csv reader takes everything up to such a quote into one cell and reports only the
/// damage after it (a row with the wrong number of cells), far from the cause. Quotes count as
/// the reader counts them: only at the start of a cell, `""` inside a quoted cell being one.
fn unclosed_quote(text: &str) -> Option<UnclosedQuote> {
    let bytes = text.as_bytes();
    let (mut at, mut cell, mut cell_start) = (0, 1, true);
    while at < bytes.len() {
        match bytes[at] {
            b'"' if cell_start => {
                let opening = at;
                at += 1;
                loop {
                    match (bytes.get(at), bytes.get(at + 1)) {
                        (None, _) => {
                            return Some(UnclosedQuote {
                                opening,
                                cell,
                                next_quote: None,
                            });
                        }
                        (Some(b'"'), Some(b'"')) => at += 2,
                        (Some(b'"'), None | Some(b',' | b'\n' | b'\r')) => break,
                        (Some(b'"'), Some(_)) => {
                            return Some(UnclosedQuote {
                                opening,
                                cell,
                                next_quote: Some(at),
                            });
                        }
                        _ => at += 1,
                    }
                }
                cell_start = false;
            }
            b',' => {
                cell += 1;
                cell_start = true;
            }
            b'\n' | b'\r' => {
                cell = 1;
                cell_start = true;
            }
            _ => cell_start = false,
        }
        at += 1;
    }
    None
}

/// State of one CSV parse: the header's columns and the errors found so far.
struct CsvTable<'a> {
    name: &'a str,
    errors: Vec<DataError>,
    column_of: HashMap<&'static str, usize>,
}

impl CsvTable<'_> {
    fn error(&mut self, line: usize, column: usize, problem: Problem) {
        self.errors.push(DataError {
            file: self.name.to_owned(),
            line,
            column,
            problem,
        });
    }

    /// 1-based number of a column (1 when the table lacks it).
    fn column_number(&self, column: &str) -> usize {
        self.column_of.get(column).map_or(1, |index| index + 1)
    }

    fn read_header(&mut self, header: &csv::StringRecord, place: &RowPlace) {
        for (index, title) in header.iter().enumerate() {
            let line = place.line_of_cell(index);
            match CSV_COLUMNS.iter().find(|known| **known == title.trim()) {
                Some(known) => match self.column_of.get(known) {
                    Some(&first) => self.error(
                        line,
                        index + 1,
                        Problem::DuplicateColumn {
                            column: (*known).to_owned(),
                            first_column: first + 1,
                        },
                    ),
                    None => {
                        self.column_of.insert(known, index);
                    }
                },
                None => self.error(
                    line,
                    index + 1,
                    Problem::UnknownField {
                        field: title.to_owned(),
                        expected: CSV_COLUMNS.join(", "),
                    },
                ),
            }
        }
        for required in CSV_COLUMNS
            .iter()
            .filter(|column| !OPTIONAL_COLUMNS.contains(column))
        {
            if !self.column_of.contains_key(required) {
                let problem = Problem::MissingField {
                    field: (*required).to_owned(),
                    context: " in the header row".to_owned(),
                };
                self.error(place.line, 1, problem);
            }
        }
    }

    /// Reads one row; on any bad cell records the errors and returns `None`. The one place that
    /// maps columns to dataset fields: a new column is a line here and a name in [`CSV_COLUMNS`].
    fn read_row(
        &mut self,
        record: &csv::StringRecord,
        place: &RowPlace,
    ) -> Option<(Company, PeriodRecord)> {
        let mut row = CsvRow {
            table: self,
            record,
            place,
            failed: false,
        };
        let fiscal_year_end_month = row.parse("fiscal_year_end_month", |value| {
            value
                .parse::<u8>()
                .map_err(|_| format!("fiscal_year_end_month \"{value}\" is not a month number"))
        });
        let unit = row.parse("unit", |value| match value {
            "usd_billions" => Ok(Unit::UsdBillions),
            "usd_millions" => Ok(Unit::UsdMillions),
            "usd_thousands" => Ok(Unit::UsdThousands),
            "usd" => Ok(Unit::Usd),
            other => Err(format!("unit \"{other}\" is not known; write usd_billions")),
        });
        let period = row.parse("period", str::parse);
        let end_date = row.parse("end_date", str::parse);
        let filed = row.parse("source_filed", str::parse);
        let restated = row.parse("restated", |value| {
            match value.to_ascii_lowercase().as_str() {
                "true" | "yes" => Ok(true),
                "false" | "no" | "" => Ok(false),
                other => Err(format!("restated \"{other}\" must be true or false")),
            }
        });
        let grade = row.parse("source_grade", |value| {
            match value.to_ascii_lowercase().as_str() {
                "" => Ok(None),
                "filing" => Ok(Some(Grade::Filing)),
                "copy" => Ok(Some(Grade::Copy)),
                "secondary" => Ok(Some(Grade::Secondary)),
                other => Err(format!(
                    "source_grade \"{other}\" must be filing, copy or secondary"
                )),
            }
        });
        let figures = Figure::ALL.map(|figure| {
            let key = figure.key();
            let amount = row.parse(key, |value| {
                if value.is_empty() {
                    return Ok(None);
                }
                value.parse::<f64>().map(Some).map_err(|_| {
                    format!(
                        "{key} \"{value}\" is not a number (US$ billions, no thousands separators)"
                    )
                })
            });
            (figure, amount.flatten())
        });
        let notes = row.text("notes").to_owned();
        if row.failed {
            return None;
        }
        let company = Company {
            name: row.text("company_name").to_owned(),
            ticker: row.text("ticker").to_owned(),
            fiscal_year_end_month: fiscal_year_end_month?,
            currency: "USD".to_owned(),
            unit: unit?,
            cloud_segment: row.text("cloud_segment").to_owned(),
        };
        let source = Source {
            filing: row.text("source_filing").to_owned(),
            filed: filed?,
            url: row.text("source_url").to_owned(),
            grade: grade?,
        };
        let mut period_record = PeriodRecord::new(period?, end_date?, source);
        period_record.restated = restated?;
        if !notes.is_empty() {
            period_record.notes.push(notes);
        }
        for (figure, amount) in figures {
            *period_record.get_mut(figure) = amount;
        }
        Some((company, period_record))
    }
}

/// One record being read: its cells by column name, errors placed at their line and column.
struct CsvRow<'table, 'name> {
    table: &'table mut CsvTable<'name>,
    record: &'table csv::StringRecord,
    place: &'table RowPlace,
    failed: bool,
}

impl CsvRow<'_, '_> {
    /// The trimmed cell of a column; empty when the table lacks the column.
    fn text(&self, column: &str) -> &str {
        self.table
            .column_of
            .get(column)
            .and_then(|&index| self.record.get(index))
            .map_or("", str::trim)
    }

    /// Parses one cell, recording an error at its line and column on failure.
    fn parse<T, E: Display>(
        &mut self,
        column: &str,
        parse: impl FnOnce(&str) -> Result<T, E>,
    ) -> Option<T> {
        match parse(self.text(column)) {
            Ok(parsed) => Some(parsed),
            Err(message) => {
                let column_number = self.table.column_number(column);
                let line = self.place.line_of_cell(column_number - 1);
                let problem = Problem::InvalidValue(message.to_string());
                self.table.error(line, column_number, problem);
                self.failed = true;
                None
            }
        }
    }
}
