//! Errors from loading data: every one names the file, line and column and says what is wrong.
//!
//! Text quoted from a file (a ticker, a name, a value) is printed through
//! [`escape_controls`], so an error message shown on a terminal cannot act on it.

use std::fmt;

use crate::text::escape_controls;

/// What is wrong at one place in a data file.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum Problem {
    /// The file could not be read at all.
    #[error("cannot read the file: {0}")]
    Unreadable(String),
    /// The file is larger than [`crate::load::MAX_FILE_BYTES`]. The limit is the same for every
    /// kind of file, which the reader does not know yet, so the message names them all.
    #[error(
        "the file is {size_bytes} bytes, over the {limit_bytes}-byte limit for a dataset, \
         scenario or deck file"
    )]
    TooLarge {
        /// Size of the file.
        size_bytes: u64,
        /// The limit.
        limit_bytes: u64,
    },
    /// The path names something other than a regular file (a named pipe, a device, a socket or
    /// a folder): reading it could block forever or never end, so it is refused before opening.
    #[error("cannot read the file: it is {0}, not a regular file")]
    NotRegularFile(&'static str),
    /// The file is not UTF-8 text.
    #[error("the file is not UTF-8 text")]
    NotText,
    /// The file name's extension is neither `.ron` nor `.csv`.
    #[error("unknown file type: Flywheel reads .ron datasets and .csv tables")]
    UnknownFileType,
    /// The text does not parse.
    #[error("syntax error: {}", escape_controls(.0))]
    Syntax(String),
    /// A field the format does not have.
    #[error("unknown field `{}`; expected one of: {expected}", escape_controls(.field))]
    UnknownField {
        /// The field found.
        field: String,
        /// The fields allowed there.
        expected: String,
    },
    /// A required field is absent.
    #[error("missing field `{field}`{context}")]
    MissingField {
        /// The field required.
        field: String,
        /// Where it was expected, e.g. " in a period".
        context: String,
    },
    /// A CSV header names the same column twice, so which cell counts would be a guess.
    #[error("column `{}` appears twice in the header (first as column {first_column})",
        escape_controls(.column))]
    DuplicateColumn {
        /// The column's title.
        column: String,
        /// 1-based number of its first appearance.
        first_column: usize,
    },
    /// A value that cannot stand where it is (a bad date, period or number).
    #[error("{}", escape_controls(.0))]
    InvalidValue(String),
    /// The same period twice in one company's data.
    #[error("{period} appears twice for {} (first on line {first_line})", escape_controls(.ticker))]
    DuplicatePeriod {
        /// The period.
        period: String,
        /// The company.
        ticker: String,
        /// Where it first appears.
        first_line: usize,
    },
    /// NaN or infinity where a figure belongs.
    #[error("{figure} in {} is {value}, not a finite number", escape_controls(.period))]
    NotFinite {
        /// Field name.
        figure: String,
        /// Period label.
        period: String,
        /// The value as read.
        value: f64,
    },
    /// An amount no company reports: beyond [`crate::validate::LARGEST_AMOUNT_USD_BILLIONS`], or
    /// not zero but under [`crate::validate::SMALLEST_AMOUNT_USD_BILLIONS`] (a unit slip or a
    /// broken number such as 5e-324, which would make every ratio of it infinite).
    #[error("{figure} in {} is {value:e} US$ billions, {bound}", escape_controls(.period))]
    ImplausibleAmount {
        /// Field name.
        figure: String,
        /// Period label.
        period: String,
        /// The value as read.
        value: f64,
        /// Which bound it breaks.
        bound: AmountBound,
    },
    /// A date after today where only the past can be: a filing date, the end of a reported
    /// period, the day guidance was given.
    #[error("{} {date}, after today (UTC, by the system clock): {why}", escape_controls(.what))]
    InTheFuture {
        /// What is dated, e.g. "the source for FY2024 is dated".
        what: String,
        /// The date found.
        date: String,
        /// Why it cannot be, in words.
        why: &'static str,
    },
    /// A figure that cannot be negative is.
    #[error("{figure} in {period} is negative ({value}); it cannot be below zero")]
    Negative {
        /// Field name.
        figure: String,
        /// Period label.
        period: String,
        /// The value as read.
        value: f64,
    },
    /// A profit larger than the revenue it comes from: usually a unit or column slip.
    #[error("{figure} in {period} ({value}) is larger than {revenue_figure} ({revenue})")]
    ExceedsRevenue {
        /// The profit field.
        figure: String,
        /// Its revenue field.
        revenue_figure: String,
        /// Period label.
        period: String,
        /// The profit.
        value: f64,
        /// The revenue.
        revenue: f64,
    },
    /// Periods of one kind not in date order.
    #[error(
        "{period} ends {end_date}, not after {previous} ({previous_end}): \
         list periods in date order"
    )]
    OutOfOrder {
        /// Period label.
        period: String,
        /// Its end date.
        end_date: String,
        /// The period listed before it.
        previous: String,
        /// That period's end date.
        previous_end: String,
    },
    /// An end date that does not fit the period and the fiscal calendar.
    #[error(
        "{period} should end in {expected} (fiscal year ends in month \
         {fiscal_year_end_month}), but end_date is {end_date}"
    )]
    WrongEndDate {
        /// Period label.
        period: String,
        /// Expected year and month, e.g. "2024-06".
        expected: String,
        /// The company's fiscal-year-end month.
        fiscal_year_end_month: u8,
        /// The end date found.
        end_date: String,
    },
    /// A source filed before its period ended.
    #[error("the source for {period} is dated {filed}, before the period ended on {end_date}")]
    FiledBeforePeriodEnd {
        /// Period label.
        period: String,
        /// Filing date.
        filed: String,
        /// Period end.
        end_date: String,
    },
    /// Four quarters that do not add up to their fiscal year.
    #[error(
        "{figure} for FY{fiscal_year}: the four quarters add up to {quarter_sum:.3} but the \
         year is {annual:.3} (off by {difference:.3} US$ B)"
    )]
    QuarterSumMismatch {
        /// Field name.
        figure: String,
        /// The fiscal year.
        fiscal_year: i32,
        /// Sum of the quarters.
        quarter_sum: f64,
        /// The annual figure.
        annual: f64,
        /// `quarter_sum - annual`.
        difference: f64,
    },
    /// Amounts in another unit than US$ billions.
    #[error(
        "unit is {}, but Flywheel datasets are in US$ billions (UsdBillions){hint}",
        escape_controls(.found)
    )]
    WrongUnit {
        /// The unit found.
        found: String,
        /// How to convert.
        hint: String,
    },
    /// A currency other than USD.
    #[error("currency is \"{}\"; only \"USD\" is supported", escape_controls(.0))]
    WrongCurrency(String),
}

/// The bound an implausible amount breaks, in words for its message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AmountBound {
    /// Over US$ 100 trillion.
    TooLarge,
    /// Not zero, but under US$ 1,000.
    TooSmall,
}

impl fmt::Display for AmountBound {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::TooLarge => {
                "over the largest plausible amount, 100000 US$ billions (US$ 100 trillion)"
            }
            Self::TooSmall => {
                "under the smallest plausible amount other than zero, 0.000001 US$ billions \
                 (US$ 1,000): is the unit wrong?"
            }
        })
    }
}

/// A problem and where it is. Displayed as `file:line:column: problem`, control characters
/// escaped.
#[derive(Clone, Debug, PartialEq)]
pub struct DataError {
    /// The file's name as the user gave it.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column (characters for RON; the field number for CSV, as spreadsheets count).
    pub column: usize,
    /// What is wrong.
    pub problem: Problem,
}

/// Everything wrong with one file. A file with any error is rejected whole.
#[derive(Clone, Debug, PartialEq)]
pub struct LoadError {
    /// The errors, in file order.
    pub errors: Vec<DataError>,
}

impl DataError {
    /// The message as a warning: `FILE:LINE:COLUMN: warning: problem` (see the `Display` form).
    pub fn as_warning(&self) -> String {
        self.located("warning: ")
    }

    /// `FILE:LINE:COLUMN: {label}problem`. The problem escapes what it quotes; escaping the
    /// whole again also covers any problem text built elsewhere (escaping is idempotent: an
    /// escape holds no control character).
    fn located(&self, label: &str) -> String {
        format!(
            "{}:{}:{}: {label}{}",
            escape_controls(&self.file),
            self.line,
            self.column,
            escape_controls(&self.problem.to_string())
        )
    }
}

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.located(""))
    }
}

impl std::error::Error for DataError {}

impl LoadError {
    /// `Ok(value)` when no check found anything, else every error in file order: how each
    /// loader finishes after adding its own checks to what the parser found.
    pub fn ok_unless<T>(value: T, mut errors: Vec<DataError>) -> Result<T, Self> {
        if errors.is_empty() {
            Ok(value)
        } else {
            errors.sort_by_key(|error| (error.line, error.column));
            Err(Self { errors })
        }
    }

    /// An error about the whole file (placed at line 1, column 1).
    pub fn whole_file(file: &str, problem: Problem) -> Self {
        Self {
            errors: vec![DataError {
                file: file.to_owned(),
                line: 1,
                column: 1,
                problem,
            }],
        }
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (index, error) in self.errors.iter().enumerate() {
            if index > 0 {
                writeln!(f)?;
            }
            write!(f, "{error}")?;
        }
        Ok(())
    }
}

impl std::error::Error for LoadError {}
