//! Reading datasets from RON and CSV files. Every failure becomes a [`LoadError`] naming file,
//! line and column; nothing here panics on any input.

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

use ron::extensions::Extensions;

use crate::dataset::{Company, Dataset, Figure, Grade, PeriodRecord, Source, Unit};
use crate::error::{DataError, LoadError, Problem};
use crate::spans::PathIndex;
use crate::validate::{FieldPath, validate};

/// Largest dataset file accepted: the bundled files are about 50 KB, so 8 MiB leaves room for
/// long histories and many companies while refusing a wrong file before it eats memory.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// Reads a `.ron` or `.csv` file from disk. A CSV file may hold several companies.
pub fn load_file(path: &Path) -> Result<Vec<Dataset>, LoadError> {
    let name = path.display().to_string();
    let bytes = read_limited(path)?;
    parse_bytes(&name, &bytes)
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

/// Reads a file, refusing one over [`MAX_FILE_BYTES`] before reading it.
pub fn read_limited(path: &Path) -> Result<Vec<u8>, LoadError> {
    let name = path.display().to_string();
    let whole = |problem| LoadError::whole_file(&name, problem);
    let file =
        std::fs::File::open(path).map_err(|error| whole(Problem::Unreadable(error.to_string())))?;
    let size_bytes = file
        .metadata()
        .map_err(|error| whole(Problem::Unreadable(error.to_string())))?
        .len();
    check_size(&name, size_bytes)?;
    let mut bytes = Vec::new();
    // `take` guards against a file that grows between the size check and the read.
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|error| whole(Problem::Unreadable(error.to_string())))?;
    check_size(&name, bytes.len() as u64)?;
    Ok(bytes)
}

/// Parses file contents already in memory (e.g. dropped onto the window), by the name's extension.
pub fn parse_bytes(name: &str, bytes: &[u8]) -> Result<Vec<Dataset>, LoadError> {
    check_size(name, bytes.len() as u64)?;
    let text = std::str::from_utf8(bytes).map_err(|error| {
        let (line, column) = position_of_byte(bytes, error.valid_up_to());
        LoadError {
            errors: vec![DataError {
                file: name.to_owned(),
                line,
                column,
                problem: Problem::NotText,
            }],
        }
    })?;
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

/// 1-based line and column of a byte offset (columns count characters of valid UTF-8 before it).
fn position_of_byte(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = &bytes[..offset.min(bytes.len())];
    let line = 1 + before.iter().filter(|&&byte| byte == b'\n').count();
    let line_start = before
        .iter()
        .rposition(|&byte| byte == b'\n')
        .map_or(0, |at| at + 1);
    let column = 1 + String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count();
    (line, column)
}

/// Parses and validates one company's RON dataset.
pub fn parse_ron(name: &str, text: &str) -> Result<Dataset, LoadError> {
    check_size(name, text.len() as u64)?;
    let options = ron::Options::default().with_default_extension(Extensions::IMPLICIT_SOME);
    let dataset: Dataset = options
        .from_str(text)
        .map_err(|error| ron_error(name, text, error))?;
    let index = PathIndex::build(text);
    let errors = validate(&dataset, name, &|path| index.locate(&path.ron_path()));
    if errors.is_empty() {
        Ok(dataset)
    } else {
        Err(LoadError { errors })
    }
}

/// A RON parse error as a [`LoadError`] at the position ron reports, in words a user can act on.
pub fn ron_error(name: &str, text: &str, error: ron::error::SpannedError) -> LoadError {
    let problem = match error.code {
        ron::Error::NoSuchStructField {
            expected, found, ..
        } => Problem::UnknownField {
            field: found,
            expected: expected.join(", "),
        },
        ron::Error::MissingStructField { field, outer } => Problem::MissingField {
            field: field.to_owned(),
            context: outer
                .map(|outer| format!(" in {}", friendly_struct_name(&outer)))
                .unwrap_or_default(),
        },
        ron::Error::Message(message) => Problem::InvalidValue(message),
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
        other => Problem::Syntax(other.to_string()),
    };
    // ron reports a file cut short as whatever token it expected next; say what happened.
    let at_end = (error.span.start.line, error.span.start.col) >= end_of(text);
    let problem = if at_end && matches!(problem, Problem::Syntax(_)) {
        Problem::Syntax(FILE_ENDS_EARLY.to_owned())
    } else {
        problem
    };
    LoadError {
        errors: vec![DataError {
            file: name.to_owned(),
            line: error.span.start.line,
            column: error.span.start.col,
            problem,
        }],
    }
}

const FILE_ENDS_EARLY: &str = "the file ends too early: a bracket or parenthesis is not closed";

/// Line and column just past the last character, as ron counts them.
fn end_of(text: &str) -> (usize, usize) {
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
        other => other,
    }
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

/// Columns a CSV table may leave out (they came after the format's first version).
const OPTIONAL_CSV_COLUMNS: [&str; 3] = ["advertising_revenue", "source_grade", "notes"];

/// Where each CSV cell of a parsed dataset came from, to place validation errors.
struct CsvPlaces {
    column_of: HashMap<&'static str, usize>,
    first_line: usize,
    period_lines: Vec<usize>,
}

impl CsvPlaces {
    fn locate(&self, path: FieldPath) -> (usize, usize) {
        let column_for = |field: &str| {
            let column = match field {
                "name" => "company_name",
                "currency" => "unit",
                "source" | "other_sources" => "source_filing",
                "filed" => "source_filed",
                "url" => "source_url",
                "" => "period",
                other => other,
            };
            self.column_of.get(column).map_or(1, |index| index + 1)
        };
        match path {
            FieldPath::Company(field) => (self.first_line, column_for(field)),
            FieldPath::Period { index, field } => (
                self.period_lines
                    .get(index)
                    .copied()
                    .unwrap_or(self.first_line),
                column_for(field),
            ),
            FieldPath::Guidance { .. } => (self.first_line, 1),
        }
    }
}

/// Parses a CSV table: one row per company and period, one column per figure (see README).
/// Amounts in US$ billions; an empty cell is a missing figure.
pub fn parse_csv(name: &str, text: &str) -> Result<Vec<Dataset>, LoadError> {
    check_size(name, text.len() as u64)?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(text.as_bytes());
    let header = reader
        .headers()
        .map_err(|error| LoadError::whole_file(name, Problem::Syntax(error.to_string())))?
        .clone();
    let mut table = CsvTable {
        name,
        errors: Vec::new(),
        column_of: HashMap::new(),
    };
    table.read_header(&header);
    if !table.errors.is_empty() {
        table.errors.sort_by_key(|error| (error.line, error.column));
        return Err(LoadError {
            errors: table.errors,
        });
    }

    let mut datasets: Vec<(Dataset, CsvPlaces)> = Vec::new();
    for result in reader.records() {
        let record = match result {
            Ok(record) => record,
            Err(error) => {
                let line = error
                    .position()
                    .map_or(1, |position| to_usize(position.line()));
                let message = match error.kind() {
                    csv::ErrorKind::UnequalLengths {
                        expected_len, len, ..
                    } => format!(
                        "this row has {len} cells but the header has {expected_len} \
                         (an unquoted comma inside a number or text?)"
                    ),
                    _ => error.to_string(),
                };
                table.error(line, 1, Problem::Syntax(message));
                continue;
            }
        };
        let line = record
            .position()
            .map_or(1, |position| to_usize(position.line()));
        let Some((company, period_record)) = table.read_row(&record, line) else {
            continue;
        };
        match datasets
            .iter_mut()
            .find(|(dataset, _)| dataset.company.ticker == company.ticker)
        {
            Some((dataset, places)) if dataset.company != company => {
                let message = format!(
                    "company details for {} differ from line {}: company_name, fiscal_year_end_month, \
                     cloud_segment and unit must be the same on every row of a company",
                    company.ticker, places.first_line
                );
                table.error(
                    line,
                    table.column_number("company_name"),
                    Problem::InvalidValue(message),
                );
            }
            Some((dataset, places)) => {
                dataset.periods.push(period_record);
                places.period_lines.push(line);
            }
            None => datasets.push((
                Dataset {
                    company,
                    periods: vec![period_record],
                    guidance: Vec::new(),
                },
                CsvPlaces {
                    column_of: table.column_of.clone(),
                    first_line: line,
                    period_lines: vec![line],
                },
            )),
        }
    }
    if datasets.is_empty() && table.errors.is_empty() {
        table.error(
            1,
            1,
            Problem::InvalidValue("the table has a header but no rows".to_owned()),
        );
    }
    let mut errors = table.errors;
    for (dataset, places) in &datasets {
        errors.extend(validate(dataset, name, &|path| places.locate(path)));
    }
    if errors.is_empty() {
        Ok(datasets.into_iter().map(|(dataset, _)| dataset).collect())
    } else {
        errors.sort_by_key(|error| (error.line, error.column));
        Err(LoadError { errors })
    }
}

fn to_usize(value: u64) -> usize {
    usize::try_from(value).unwrap_or(usize::MAX)
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

    fn column_number(&self, column: &str) -> usize {
        self.column_of.get(column).map_or(1, |index| index + 1)
    }

    fn read_header(&mut self, header: &csv::StringRecord) {
        for (index, title) in header.iter().enumerate() {
            match CSV_COLUMNS.iter().find(|known| **known == title.trim()) {
                Some(known) => {
                    self.column_of.insert(known, index);
                }
                None => self.error(
                    1,
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
            .filter(|column| !OPTIONAL_CSV_COLUMNS.contains(column))
        {
            if !self.column_of.contains_key(required) {
                let problem = Problem::MissingField {
                    field: (*required).to_owned(),
                    context: " in the header row".to_owned(),
                };
                self.error(1, 1, problem);
            }
        }
    }

    /// Reads one row; on any bad cell records the errors and returns `None`.
    fn read_row(
        &mut self,
        record: &csv::StringRecord,
        line: usize,
    ) -> Option<(Company, PeriodRecord)> {
        let errors_before = self.errors.len();
        let cell = |column: &str| {
            self.column_of
                .get(column)
                .and_then(|&index| record.get(index))
                .map_or("", str::trim)
        };
        let (ticker, company_name, cloud_segment, filing, url, notes) = (
            cell("ticker").to_owned(),
            cell("company_name").to_owned(),
            cell("cloud_segment").to_owned(),
            cell("source_filing").to_owned(),
            cell("source_url").to_owned(),
            cell("notes").to_owned(),
        );
        let cells: HashMap<&str, String> = CSV_COLUMNS
            .iter()
            .map(|column| (*column, cell(column).to_owned()))
            .collect();
        let text = |column: &str| cells.get(column).map_or("", String::as_str);

        let fiscal_year_end_month = self.parse_cell(
            line,
            "fiscal_year_end_month",
            text("fiscal_year_end_month"),
            |value| {
                value
                    .parse::<u8>()
                    .map_err(|_| format!("fiscal_year_end_month \"{value}\" is not a month number"))
            },
        );
        let unit = self.parse_cell(line, "unit", text("unit"), |value| match value {
            "usd_billions" => Ok(Unit::UsdBillions),
            "usd_millions" => Ok(Unit::UsdMillions),
            "usd_thousands" => Ok(Unit::UsdThousands),
            "usd" => Ok(Unit::Usd),
            other => Err(format!("unit \"{other}\" is not known; write usd_billions")),
        });
        let period = self.parse_cell(line, "period", text("period"), str::parse);
        let end_date = self.parse_cell(line, "end_date", text("end_date"), str::parse);
        let filed = self.parse_cell(line, "source_filed", text("source_filed"), str::parse);
        let restated = self.parse_cell(line, "restated", text("restated"), |value| {
            match value.to_ascii_lowercase().as_str() {
                "true" | "yes" => Ok(true),
                "false" | "no" | "" => Ok(false),
                other => Err(format!("restated \"{other}\" must be true or false")),
            }
        });
        let grade = self.parse_cell(
            line,
            "source_grade",
            text("source_grade"),
            |value| match value.to_ascii_lowercase().as_str() {
                "" => Ok(None),
                "filing" => Ok(Some(Grade::Filing)),
                "copy" => Ok(Some(Grade::Copy)),
                "secondary" => Ok(Some(Grade::Secondary)),
                other => Err(format!(
                    "source_grade \"{other}\" must be filing, copy or secondary"
                )),
            },
        );
        let mut figures = [None; Figure::ALL.len()];
        for (slot, figure) in figures.iter_mut().zip(Figure::ALL) {
            let value = text(figure.key());
            if !value.is_empty() {
                *slot = self.parse_cell(line, figure.key(), value, |value| {
                    value.parse::<f64>().map_err(|_| {
                        format!("{} \"{value}\" is not a number (US$ billions, no thousands separators)", figure.key())
                    })
                });
            }
        }
        if self.errors.len() > errors_before {
            return None;
        }
        let company = Company {
            name: company_name,
            ticker,
            fiscal_year_end_month: fiscal_year_end_month?,
            currency: "USD".to_owned(),
            unit: unit?,
            cloud_segment,
        };
        let source = Source {
            filing,
            filed: filed?,
            url,
            grade: grade?,
        };
        let mut period_record = PeriodRecord::new(period?, end_date?, source);
        period_record.restated = restated?;
        if !notes.is_empty() {
            period_record.notes.push(notes);
        }
        for (figure, value) in Figure::ALL.into_iter().zip(figures) {
            *period_record.get_mut(figure) = value;
        }
        Some((company, period_record))
    }

    /// Parses one cell, recording an error at its line and column on failure.
    fn parse_cell<T>(
        &mut self,
        line: usize,
        column: &str,
        value: &str,
        parse: impl FnOnce(&str) -> Result<T, String>,
    ) -> Option<T> {
        match parse(value) {
            Ok(parsed) => Some(parsed),
            Err(message) => {
                let column_number = self.column_number(column);
                self.error(line, column_number, Problem::InvalidValue(message));
                None
            }
        }
    }
}
