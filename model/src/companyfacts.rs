//! Reading SEC "company facts" (the XBRL figures of every filing a company made, as one JSON
//! file from `data.sec.gov/api/xbrl/companyfacts/CIK##########.json`) into Flywheel's figures.
//!
//! Two steps, so that a change of the dataset format touches only the second:
//! 1. [`parse_company_facts`] reads the JSON into this module's own types ([`Imported`]): per
//!    period (identified by its start and end dates, never by the filing's `fy`/`fp`) and per
//!    figure, every fact with its value, concept, form, accession and filing date, and the value
//!    both *as first reported* (the earliest filing) and *latest* (the newest filing).
//! 2. [`to_dataset`] turns that into today's [`Dataset`], with the filing behind each figure and
//!    both bases of each restated one.
//!
//! The traps of the format and how they are handled:
//! - `fy` and `fp` describe the filing, not the fact (a 10-K for 2024 also carries 2023 and 2022),
//!   so they are never read. A fact's period comes from its `start` and `end`.
//! - The fiscal year-end month is the most common end month of the 12-month facts. An end date in
//!   the first week of a month counts as the end of the month before, so 52/53-week years (Apple's
//!   ends wander from 24 September to 1 October) map to the right fiscal year and quarter.
//! - 10-Qs carry 3-month and year-to-date facts for income items, and only year-to-date facts for
//!   cash-flow items: a quarter is its 3-month fact, else the difference of two year-to-date facts
//!   with the same start (six months − three, nine − six).
//! - Q4 is never tagged: it is the year − nine months, marked as derived with both filings.
//! - Concepts change over the years: [`CONCEPTS`] lists, per figure, the us-gaap concepts in order
//!   of preference; per period the first one present wins, and the figure records which one. The
//!   value as first reported is the earliest filing's under any of the figure's concepts, since a
//!   restatement often comes with a new concept (ASC 606). A quarter no concept gives alone is
//!   derived from durations of different concepts (the year under a new tag, the nine months
//!   under the old one).
//! - The same period in several filings: the earliest filing's value is the one *as first
//!   reported*, the newest filing's the *latest*; where they differ, the dataset holds both (a
//!   restatement with reason `LaterFiling`, since company facts do not say why).
//! - Only `USD` units are read; values are converted exactly to US$ billions (dollars ÷ 10⁹).
//! - Segment figures (cloud revenue and operating income) are not in company facts.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;
use std::io::Read;
use std::path::Path;

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};

use crate::dataset::{
    Basis, Company, Dataset, Figure, FigureSource, FirstReported, Gap, GapReason, PeriodRecord,
    Restatement, RestatementReason, Source, Unit,
};
use crate::date::Date;
use crate::load::{open_regular_file, position_of_invalid_byte};
use crate::period::FiscalPeriod;
use crate::validate::QUARTER_SUM_TOLERANCE_USD_BILLIONS;

/// Largest company-facts file accepted: most are a few MiB, the longest filing histories run to
/// tens of MiB; 64 MiB leaves room for them while refusing a wrong file before it is read whole.
pub const MAX_COMPANY_FACTS_BYTES: u64 = 64 * 1024 * 1024;

/// Largest plausible amount of one fact, in US$: ten trillion, more than any company's annual
/// revenue. A larger value (1e300, say) is a broken file, not a figure.
pub const LARGEST_PLAUSIBLE_USD: f64 = 1e13;

/// Smallest plausible amount of one fact other than zero, in US$: a thousand dollars, the
/// smallest amount a dataset holds ([`crate::validate::SMALLEST_AMOUNT_USD_BILLIONS`]). Less
/// (5e-300) is a broken file.
pub const SMALLEST_PLAUSIBLE_USD: f64 = 1e3;

/// The us-gaap concepts that fill each figure, in order of preference: per period the first
/// concept present wins. Documented in `data/FORMAT.md`.
pub const CONCEPTS: [(Figure, &[&str]); 6] = [
    (
        Figure::Revenue,
        &[
            "Revenues",
            "RevenueFromContractWithCustomerExcludingAssessedTax",
            "RevenueFromContractWithCustomerIncludingAssessedTax",
            "SalesRevenueNet",
        ],
    ),
    (Figure::OperatingIncome, &["OperatingIncomeLoss"]),
    (Figure::NetIncome, &["NetIncomeLoss", "ProfitLoss"]),
    (
        Figure::Capex,
        &[
            "PaymentsToAcquirePropertyPlantAndEquipment",
            "PaymentsToAcquireProductiveAssets",
        ],
    ),
    (
        Figure::OperatingCashFlow,
        &[
            "NetCashProvidedByUsedInOperatingActivities",
            "NetCashProvidedByUsedInOperatingActivitiesContinuingOperations",
        ],
    ),
    (
        Figure::Depreciation,
        &[
            "DepreciationDepletionAndAmortization",
            "DepreciationAmortizationAndAccretionNet",
            "DepreciationAndAmortization",
        ],
    ),
];

/// Why segment figures stay empty in an import.
pub const SEGMENTS_NOT_IN_COMPANY_FACTS: &str = "cloud_revenue and cloud_operating_income are \
     empty: segment figures are not in SEC company facts (they are tagged with dimensions, \
     which the company-facts file leaves out).";

/// What went wrong reading a company-facts file. Each message names the file.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ImportError {
    /// The file could not be opened or read.
    #[error("{file}: cannot read the file: {reason}")]
    Unreadable {
        /// The file's name as the user gave it.
        file: String,
        /// The system's reason.
        reason: String,
    },
    /// The file is over [`MAX_COMPANY_FACTS_BYTES`]; refused before it is read whole.
    #[error(
        "{file}: the file is {size_bytes} bytes, over the {limit_bytes}-byte limit for \
         company facts"
    )]
    TooLarge {
        /// The file's name.
        file: String,
        /// Its size.
        size_bytes: u64,
        /// The limit.
        limit_bytes: u64,
    },
    /// The JSON parser (or a check made while parsing) stopped at a place in the file.
    #[error("{file}:{line}:{column}: {message}")]
    At {
        /// The file's name.
        file: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong there.
        message: String,
    },
    /// Valid JSON, but not the company-facts format.
    #[error(
        "{file}: not SEC company facts ({reason}); expected the JSON of \
         data.sec.gov/api/xbrl/companyfacts/CIK##########.json"
    )]
    NotCompanyFacts {
        /// The file's name.
        file: String,
        /// What is missing.
        reason: String,
    },
    /// Company facts with no figure Flywheel reads.
    #[error(
        "{file}: no revenue, income, capex, cash-flow or D&A facts in USD under us-gaap \
         (an IFRS or non-USD filer?)"
    )]
    NoFigures {
        /// The file's name.
        file: String,
    },
    /// One filing gives two different values for the same concept and period: refused, since
    /// which one the filing meant cannot be told (see `refuse_contradicting_facts`).
    #[error(
        "{file}: filing {} gives us-gaap:{concept} for {start} to {end} twice, as \
         {first_usd} and {second_usd} USD; the file contradicts itself, so it is not imported \
         (remove the wrong fact)",
        crate::text::escape_controls(.accession)
    )]
    Contradictory {
        /// The file's name.
        file: String,
        /// The concept.
        concept: &'static str,
        /// The period's first day.
        start: Date,
        /// The period's last day.
        end: Date,
        /// The filing.
        accession: String,
        /// The first value, US$.
        first_usd: f64,
        /// The other value, US$.
        second_usd: f64,
    },
    /// Figures, but no 12-month period to tell the fiscal year from.
    #[error("{file}: no 12-month facts, so the fiscal year-end month cannot be told")]
    NoAnnualFacts {
        /// The file's name.
        file: String,
    },
}

/// One XBRL fact as filed: a value for a period in one filing.
#[derive(Clone, Debug, PartialEq)]
pub struct Fact {
    /// The us-gaap concept, e.g. `Revenues`.
    pub concept: &'static str,
    /// First day of the period.
    pub start: Date,
    /// Last day of the period.
    pub end: Date,
    /// The value in US$, as filed.
    pub value_usd: f64,
    /// The form, e.g. `10-Q`.
    pub form: String,
    /// The filing's accession number, e.g. `0001326801-24-000081`.
    pub accession: String,
    /// The day the filing was made.
    pub filed: Date,
}

impl Fact {
    /// How the filing is named in sources: "Form 10-Q, accession 0001326801-24-000081".
    pub fn filing_name(&self) -> String {
        format!("Form {}, accession {}", self.form, self.accession)
    }
}

/// How a value is obtained from the facts.
#[derive(Clone, Debug, PartialEq)]
pub enum Derivation {
    /// Filed as such.
    Reported(Fact),
    /// The difference of two filed durations with the same start: a year-to-date total less the
    /// shorter one before it (Q4 = year − nine months).
    Difference {
        /// The longer duration.
        longer: Fact,
        /// The shorter duration subtracted from it.
        shorter: Fact,
    },
}

impl Derivation {
    /// The value in US$ billions: dollars ÷ 10⁹ (differences are taken in dollars first, so a
    /// value filed to the million stays exact to the million).
    pub fn usd_billions(&self) -> f64 {
        match self {
            Self::Reported(fact) => fact.value_usd / 1e9,
            Self::Difference { longer, shorter } => (longer.value_usd - shorter.value_usd) / 1e9,
        }
    }

    /// The fact whose filing stands for this value: the filed one, or the longer duration.
    pub fn principal(&self) -> &Fact {
        match self {
            Self::Reported(fact) | Self::Difference { longer: fact, .. } => fact,
        }
    }

    /// The formula, naming the periods and filings: empty for a filed value.
    pub fn formula(&self) -> Option<String> {
        match self {
            Self::Reported(_) => None,
            Self::Difference { longer, shorter } => Some(format!(
                "{} to {} ({}, filed {}) − {} to {} ({}, filed {})",
                duration_name(longer),
                longer.end,
                longer.filing_name(),
                longer.filed,
                duration_name(shorter),
                shorter.end,
                shorter.filing_name(),
                shorter.filed
            )),
        }
    }

    /// The source text: the filing, or for a difference both filings.
    fn filing_text(&self) -> String {
        match self {
            Self::Reported(fact) => fact.filing_name(),
            Self::Difference { longer, shorter } if longer.accession == shorter.accession => {
                format!("{}, derived", longer.filing_name())
            }
            Self::Difference { longer, shorter } => {
                format!("{} less {}", longer.filing_name(), shorter.filing_name())
            }
        }
    }

    /// The later of the filing dates involved.
    fn filed(&self) -> Date {
        match self {
            Self::Reported(fact) => fact.filed,
            Self::Difference { longer, shorter } => longer.filed.max(shorter.filed),
        }
    }
}

/// "12 months", "9 months"… as a period's length reads in a filing.
fn duration_name(fact: &Fact) -> String {
    match months_of(fact.start, fact.end) {
        Some(months) => format!("{months} months"),
        None => format!("{} days", days_between(fact.start, fact.end) + 1),
    }
}

/// One figure of one period.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportedFigure {
    /// The us-gaap concept used (the first of [`CONCEPTS`] present for this period).
    pub concept: &'static str,
    /// The value as first reported: from the earliest filing, under whichever concept of the
    /// figure it used (each fact names its concept).
    pub first_reported: Derivation,
    /// The latest value: from the newest filing, cited at the earliest filing that gave it.
    pub latest: Derivation,
    /// Every fact behind the figure (for a derived quarter, those of both durations; and those
    /// of the first report when it used another concept), in filing order.
    pub facts: Vec<Fact>,
}

impl ImportedFigure {
    /// True when a later filing changed the value.
    pub fn restated(&self) -> bool {
        (self.first_reported.usd_billions() - self.latest.usd_billions()).abs() > 1e-9
    }
}

/// One fiscal period and its figures.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportedPeriod {
    /// The fiscal year or quarter.
    pub period: FiscalPeriod,
    /// First day (for a derived quarter, the day after the shorter duration ends).
    pub start: Date,
    /// Last day.
    pub end: Date,
    /// The figures found.
    pub figures: BTreeMap<Figure, ImportedFigure>,
}

/// A company-facts file, read.
#[derive(Clone, Debug, PartialEq)]
pub struct Imported {
    /// The file's name as the user gave it.
    pub file: String,
    /// `entityName`.
    pub entity_name: String,
    /// The SEC's central index key.
    pub cik: u64,
    /// A ticker, if the file names one (the SEC's company facts do not; some mirrors add one).
    pub ticker: Option<String>,
    /// Month (1–12) the fiscal year ends in, from the 12-month facts.
    pub fiscal_year_end_month: u8,
    /// Fiscal years, then quarters, each in date order.
    pub periods: Vec<ImportedPeriod>,
    /// What was read but left out, in words (facts of periods that fit no fiscal quarter,
    /// concepts in units other than USD).
    pub skipped: Vec<String>,
    /// Figures left empty because their concepts came only in units the import does not read,
    /// with the reason in words: the dataset gives each such empty figure a gap saying so.
    pub units_not_read: BTreeMap<Figure, String>,
}

/// Reads a company-facts file from disk, refusing one over [`MAX_COMPANY_FACTS_BYTES`] before
/// reading it whole, and anything that is not a regular file (a named pipe would block the
/// read forever) before opening it, as every other file is refused.
pub fn read_company_facts(path: &Path) -> Result<Imported, ImportError> {
    let file = path.display().to_string();
    let unreadable = |reason: String| ImportError::Unreadable {
        file: file.clone(),
        reason,
    };
    let (handle, size_bytes) =
        open_regular_file(path).map_err(|error| unreadable(error.to_string()))?;
    check_size(&file, size_bytes)?;
    let mut bytes = Vec::with_capacity(usize::try_from(size_bytes).unwrap_or(0));
    // `take` guards against a file that grows between the size check and the read.
    handle
        .take(MAX_COMPANY_FACTS_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|error| unreadable(error.to_string()))?;
    check_size(&file, bytes.len() as u64)?;
    parse_company_facts(&file, &bytes)
}

fn check_size(file: &str, size_bytes: u64) -> Result<(), ImportError> {
    if size_bytes > MAX_COMPANY_FACTS_BYTES {
        Err(ImportError::TooLarge {
            file: file.to_owned(),
            size_bytes,
            limit_bytes: MAX_COMPANY_FACTS_BYTES,
        })
    } else {
        Ok(())
    }
}

/// Parses company-facts JSON already in memory; `file` names it in errors.
pub fn parse_company_facts(file: &str, bytes: &[u8]) -> Result<Imported, ImportError> {
    check_size(file, bytes.len() as u64)?;
    // A byte-order mark is not JSON, but some editors write one.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    // serde_json checks the UTF-8 of the strings it reads, not of those it skips (a concept's
    // description): a byte that is not UTF-8 anywhere means a damaged or mis-encoded file.
    if let Err(error) = std::str::from_utf8(bytes) {
        let (line, column) = position_of_invalid_byte(bytes, error.valid_up_to());
        return Err(ImportError::At {
            file: file.to_owned(),
            line,
            column,
            message: "the file is not UTF-8 text (JSON must be): this byte is not UTF-8".to_owned(),
        });
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ImportError::NotCompanyFacts {
            file: file.to_owned(),
            reason: "the file is empty".to_owned(),
        });
    }
    let TopLevel(raw) = serde_json::from_slice(bytes).map_err(|error| {
        let mut error = json_error(file, &error);
        if let (ImportError::At { message, .. }, Some(hint)) =
            (&mut error, what_it_looks_like(bytes))
        {
            message.push_str("; ");
            message.push_str(hint);
        }
        error
    })?;
    let not_company_facts = |reason: &str| ImportError::NotCompanyFacts {
        file: file.to_owned(),
        reason: reason.to_owned(),
    };
    let Some(facts) = raw.facts else {
        return Err(not_company_facts("no \"facts\" object"));
    };
    let (Some(cik), Some(entity_name)) = (raw.cik, raw.entity_name) else {
        return Err(not_company_facts("no \"cik\" and \"entityName\""));
    };
    let Some(TaxonomyFacts {
        facts: us_gaap,
        other_units_only,
    }) = facts.us_gaap
    else {
        return Err(ImportError::NoFigures {
            file: file.to_owned(),
        });
    };
    if us_gaap.is_empty() {
        return Err(ImportError::NoFigures {
            file: file.to_owned(),
        });
    }
    refuse_contradicting_facts(file, &us_gaap)?;
    let fiscal_year_end_month =
        fiscal_year_end_month(&us_gaap).ok_or_else(|| ImportError::NoAnnualFacts {
            file: file.to_owned(),
        })?;
    let units_not_read = units_not_read(&us_gaap, other_units_only);
    let (periods, mut skipped) = build_periods(us_gaap, fiscal_year_end_month);
    skipped.extend(
        units_not_read
            .iter()
            .map(|(figure, reason)| format!("{} is left empty: {reason}.", figure.key())),
    );
    Ok(Imported {
        file: file.to_owned(),
        entity_name: entity_name.into_owned(),
        cik: cik.0,
        ticker: raw
            .ticker
            .map(|ticker| ticker.trim().to_ascii_uppercase())
            .filter(|ticker| !ticker.is_empty()),
        fiscal_year_end_month,
        periods,
        skipped,
        units_not_read,
    })
}

/// Figures whose concepts came only in units the import does not read (no concept of the
/// figure has a `USD` fact), with why the figure stays empty, in words.
fn units_not_read(
    facts: &[TaggedFact],
    other_units_only: Vec<(Figure, &'static str, Vec<String>)>,
) -> BTreeMap<Figure, String> {
    let mut reasons: BTreeMap<Figure, String> = BTreeMap::new();
    for (figure, concept, units) in other_units_only {
        if facts.iter().any(|tagged| tagged.figure == figure) {
            continue;
        }
        let units: Vec<String> = units
            .iter()
            .map(|unit| crate::text::escape_controls(unit).into_owned())
            .collect();
        let reason = format!(
            "us-gaap:{concept} is given only in {} and the import reads USD facts only",
            units.join(", ")
        );
        reasons
            .entry(figure)
            .and_modify(|text| {
                text.push_str("; ");
                text.push_str(&reason);
            })
            .or_insert(reason);
    }
    reasons
}

/// Refuses a file in which one filing gives two different values for the same concept and
/// period. Which one the filing meant cannot be told, and keeping either would put a figure
/// in the dataset that the filing also contradicts; the same value given twice is fine.
fn refuse_contradicting_facts(file: &str, facts: &[TaggedFact]) -> Result<(), ImportError> {
    let mut seen: std::collections::HashMap<(&str, Date, Date, &str), f64> =
        std::collections::HashMap::new();
    for TaggedFact { fact, .. } in facts {
        let key = (fact.concept, fact.start, fact.end, fact.accession.as_str());
        match seen.get(&key) {
            // Filed values are whole dollars: half a dollar apart is a different value.
            Some(&first) if (first - fact.value_usd).abs() >= 0.5 => {
                return Err(ImportError::Contradictory {
                    file: file.to_owned(),
                    concept: fact.concept,
                    start: fact.start,
                    end: fact.end,
                    accession: fact.accession.clone(),
                    first_usd: first,
                    second_usd: fact.value_usd,
                });
            }
            Some(_) => {}
            None => {
                seen.insert(key, fact.value_usd);
            }
        }
    }
    Ok(())
}

/// What a file that is not JSON seems to be instead, said after the parser's message: the two
/// kinds of Flywheel dataset, or the web page the SEC sends instead of the data.
fn what_it_looks_like(bytes: &[u8]) -> Option<&'static str> {
    let text = bytes.trim_ascii_start();
    let first_line = text.split(|&byte| byte == b'\n').next().unwrap_or_default();
    if text.starts_with(b"#![enable") || text.starts_with(b"Dataset(") {
        Some("this looks like a Flywheel dataset (RON), which loads as it is, without an import")
    } else if first_line.starts_with(b"ticker,") || first_line.windows(8).any(|w| w == b",ticker,")
    {
        Some("this looks like a Flywheel CSV table, which loads as it is, without an import")
    } else if text.starts_with(b"<") {
        Some(
            "this looks like a web page, not the data: the SEC sends one to a download that \
             does not name its sender in a User-Agent header",
        )
    } else {
        None
    }
}

/// A `serde_json` error as `file:line:column: message`, in words a user can act on.
fn json_error(file: &str, error: &serde_json::Error) -> ImportError {
    let full = error.to_string();
    let position = format!(" at line {} column {}", error.line(), error.column());
    let bare = full.strip_suffix(&position).unwrap_or(&full).to_owned();
    let message = match error.classify() {
        serde_json::error::Category::Eof => {
            "the file ends early: it looks cut short (truncated download?)".to_owned()
        }
        serde_json::error::Category::Syntax => format!("not valid JSON: {bare}"),
        serde_json::error::Category::Data | serde_json::error::Category::Io => bare,
    };
    if error.line() == 0 {
        ImportError::NotCompanyFacts {
            file: file.to_owned(),
            reason: message,
        }
    } else {
        ImportError::At {
            file: file.to_owned(),
            line: error.line(),
            column: error.column().max(1),
            message,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Step 1: JSON into facts. Borrowed strings and `IgnoredAny` keep a 10 MB file to a few
// allocations: only the concepts of `CONCEPTS` are read, and of those only the USD facts.

/// The top level, which must be an object: serde would otherwise read a list as the struct's
/// fields in order.
struct TopLevel<'a>(RawCompanyFacts<'a>);

impl<'de> Deserialize<'de> for TopLevel<'de> {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TopVisitor;
        impl<'de> Visitor<'de> for TopVisitor {
            type Value = TopLevel<'de>;
            fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
                formatter.write_str(
                    "SEC company facts: an object with \"cik\", \"entityName\" and \"facts\"",
                )
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<TopLevel<'de>, A::Error> {
                RawCompanyFacts::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(TopLevel)
            }
        }
        deserializer.deserialize_map(TopVisitor)
    }
}

/// The top level of a company-facts file. Other fields are skipped.
#[derive(Deserialize)]
struct RawCompanyFacts<'a> {
    #[serde(default)]
    cik: Option<Cik>,
    #[serde(rename = "entityName", default, borrow)]
    entity_name: Option<Cow<'a, str>>,
    #[serde(default, borrow)]
    ticker: Option<Cow<'a, str>>,
    #[serde(default)]
    facts: Option<RawFacts>,
}

/// A CIK, written as a number by the SEC and as a zero-padded string by some mirrors.
struct Cik(u64);

impl<'de> Deserialize<'de> for Cik {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct CikVisitor;
        impl Visitor<'_> for CikVisitor {
            type Value = Cik;
            fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
                formatter.write_str("a CIK (a number such as 1326801)")
            }
            fn visit_u64<E: de::Error>(self, value: u64) -> Result<Cik, E> {
                Ok(Cik(value))
            }
            fn visit_str<E: de::Error>(self, value: &str) -> Result<Cik, E> {
                value
                    .trim()
                    .parse()
                    .map(Cik)
                    .map_err(|_| E::custom(format!("\"{value}\" is not a CIK")))
            }
        }
        deserializer.deserialize_any(CikVisitor)
    }
}

/// A fact read and checked, with the figure and concept it fills.
struct TaggedFact {
    figure: Figure,
    /// Position of the concept in its figure's list in [`CONCEPTS`].
    preference: usize,
    fact: Fact,
}

/// The `facts` object: taxonomies (`dei`, `us-gaap`, `ifrs-full`…); only `us-gaap` is read.
struct RawFacts {
    us_gaap: Option<TaxonomyFacts>,
}

/// What one taxonomy gave: the USD facts of listed concepts, and the listed concepts that came
/// in other units only (a EUR-only `Revenues`), so that the figure is not left empty unsaid.
#[derive(Default)]
struct TaxonomyFacts {
    facts: Vec<TaggedFact>,
    /// Figure, concept and the units it came in, for concepts with no `USD` facts.
    other_units_only: Vec<(Figure, &'static str, Vec<String>)>,
}

impl<'de> Deserialize<'de> for RawFacts {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct FactsVisitor;
        impl<'de> Visitor<'de> for FactsVisitor {
            type Value = RawFacts;
            fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
                formatter.write_str("the \"facts\" object of company facts, keyed by taxonomy")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawFacts, A::Error> {
                let mut us_gaap = None;
                while let Some(Key(taxonomy)) = map.next_key()? {
                    if taxonomy == "us-gaap" {
                        let mut facts = TaxonomyFacts::default();
                        map.next_value_seed(TaxonomySeed { out: &mut facts })?;
                        us_gaap = Some(facts);
                    } else {
                        map.next_value::<IgnoredAny>()?;
                    }
                }
                Ok(RawFacts { us_gaap })
            }
        }
        deserializer.deserialize_map(FactsVisitor)
    }
}

/// A map key, borrowed from the input when it has no escapes.
struct Key<'a>(Cow<'a, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
                formatter.write_str("a string")
            }
            fn visit_borrowed_str<E: de::Error>(self, value: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(value)))
            }
            fn visit_str<E: de::Error>(self, value: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(value.to_owned())))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

/// The figure and preference of a concept name, if [`CONCEPTS`] lists it.
fn concept_of(name: &str) -> Option<(Figure, usize, &'static str)> {
    CONCEPTS.iter().find_map(|(figure, concepts)| {
        concepts
            .iter()
            .position(|concept| *concept == name)
            .map(|preference| (*figure, preference, concepts[preference]))
    })
}

/// Reads one taxonomy's concepts, keeping the facts of listed concepts.
struct TaxonomySeed<'out> {
    out: &'out mut TaxonomyFacts,
}

impl<'de> DeserializeSeed<'de> for TaxonomySeed<'_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for TaxonomySeed<'_> {
    type Value = ();
    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("an object of concepts")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(Key(name)) = map.next_key()? {
            match concept_of(&name) {
                Some((figure, preference, concept)) => map.next_value_seed(ConceptReader {
                    figure,
                    preference,
                    concept,
                    level: Level::Concept,
                    out: &mut *self.out,
                })?,
                None => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

/// Reads one concept down to its USD facts: the concept object (`label`, `description`,
/// `units`), then its `units` object (only `USD`), then the list of facts, each checked as it
/// is read so that an error carries the line and column where the parser stands.
struct ConceptReader<'out> {
    figure: Figure,
    preference: usize,
    concept: &'static str,
    level: Level,
    out: &'out mut TaxonomyFacts,
}

/// Which part of a concept a [`ConceptReader`] is reading.
#[derive(Clone, Copy)]
enum Level {
    /// The concept object; only `units` is read.
    Concept,
    /// The `units` object; only `USD` is read.
    Units,
    /// The list of USD facts.
    Facts,
}

impl ConceptReader<'_> {
    fn deeper(&mut self, level: Level) -> ConceptReader<'_> {
        ConceptReader {
            figure: self.figure,
            preference: self.preference,
            concept: self.concept,
            level,
            out: &mut *self.out,
        }
    }
}

impl<'de> DeserializeSeed<'de> for ConceptReader<'_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        match self.level {
            Level::Concept | Level::Units => deserializer.deserialize_map(self),
            Level::Facts => deserializer.deserialize_seq(self),
        }
    }
}

impl<'de> Visitor<'de> for ConceptReader<'_> {
    type Value = ();
    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.level {
            Level::Concept => write!(formatter, "the concept {} with its \"units\"", self.concept),
            Level::Units => formatter.write_str("an object of units such as \"USD\""),
            Level::Facts => formatter.write_str("a list of facts"),
        }
    }
    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<(), A::Error> {
        let (wanted, next) = match self.level {
            Level::Concept => ("units", Level::Units),
            Level::Units | Level::Facts => ("USD", Level::Facts),
        };
        let mut wanted_found = false;
        let mut other_units = Vec::new();
        while let Some(Key(key)) = map.next_key()? {
            if key == wanted {
                wanted_found = true;
                map.next_value_seed(self.deeper(next))?;
            } else {
                if matches!(self.level, Level::Units) {
                    other_units.push(key.into_owned());
                }
                map.next_value::<IgnoredAny>()?;
            }
        }
        if !wanted_found && !other_units.is_empty() {
            self.out
                .other_units_only
                .push((self.figure, self.concept, other_units));
        }
        Ok(())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let reader = FactReader {
            figure: self.figure,
            concept: self.concept,
            today: Date::today_utc(),
        };
        while let Some(fact) = seq.next_element_seed(reader)? {
            if let Some(fact) = fact {
                self.out.facts.push(TaggedFact {
                    figure: self.figure,
                    preference: self.preference,
                    fact,
                });
            }
        }
        Ok(())
    }
}

/// The fields of a fact the import reads; each may appear once.
const READ_FIELDS: [&str; 6] = ["start", "end", "filed", "accn", "form", "val"];

/// Reads one fact, checking each field as it is read, so that an error points at the value:
/// dates must be real days and not after today, amounts plausible, and revenue, capex and D&A
/// not negative. `fy`, `fp` and `frame` are skipped: they describe the filing, not the fact.
/// An instant (no `start`) is `None`: it is not a flow over a period.
#[derive(Clone, Copy)]
struct FactReader {
    figure: Figure,
    concept: &'static str,
    /// Today (UTC): a fact filed, or for a period ending, after it cannot be real.
    today: Date,
}

impl<'de> DeserializeSeed<'de> for FactReader {
    type Value = Option<Fact>;
    fn deserialize<D: de::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for FactReader {
    type Value = Option<Fact>;
    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("a fact: an object with start, end, val, accn, form and filed")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Option<Fact>, A::Error> {
        let concept = self.concept;
        let (mut start, mut end, mut value_usd, mut accession, mut form, mut filed) =
            (None, None, None, None, None, None);
        let read_date = |text: &str, field: &str| {
            text.parse::<Date>().map_err(|reason| {
                de::Error::custom(format!("us-gaap:{concept} fact: {field} {reason}"))
            })
        };
        // JSON lets a key repeat and serde would keep the last silently; a fact read here must
        // give each field once.
        let mut seen: Vec<Cow<'de, str>> = Vec::new();
        while let Some(Key(field)) = map.next_key()? {
            if READ_FIELDS.contains(&field.as_ref()) {
                if seen.contains(&field) {
                    return Err(de::Error::custom(format!(
                        "us-gaap:{concept} fact gives \"{field}\" twice; which one counts would \
                         be a guess"
                    )));
                }
                seen.push(field.clone());
            }
            match field.as_ref() {
                "start" => start = Some(read_date(&map.next_value::<Key<'de>>()?.0, "start")?),
                "end" => end = Some(read_date(&map.next_value::<Key<'de>>()?.0, "end")?),
                "filed" => filed = Some(read_date(&map.next_value::<Key<'de>>()?.0, "filed")?),
                "accn" => accession = Some(map.next_value::<Key<'de>>()?.0.into_owned()),
                "form" => form = Some(map.next_value::<Key<'de>>()?.0.into_owned()),
                "val" => {
                    let value: f64 = map.next_value()?;
                    let period = match (start, end) {
                        (Some(start), Some(end)) => format!(" for {start} to {end}"),
                        _ => String::new(),
                    };
                    if !value.is_finite() || value.abs() > LARGEST_PLAUSIBLE_USD {
                        return Err(de::Error::custom(format!(
                            "us-gaap:{concept}{period} is {value:e} USD, not a plausible amount \
                             (over US$ 10 trillion)"
                        )));
                    }
                    if value != 0.0 && value.abs() < SMALLEST_PLAUSIBLE_USD {
                        return Err(de::Error::custom(format!(
                            "us-gaap:{concept}{period} is {value:e} USD, not a plausible amount \
                             (under US$ 1,000, the smallest a dataset holds)"
                        )));
                    }
                    if value < 0.0 && self.figure.must_not_be_negative() {
                        return Err(de::Error::custom(format!(
                            "us-gaap:{concept}{period} is negative ({value} USD); {} cannot be \
                             below zero",
                            self.figure.label().to_lowercase()
                        )));
                    }
                    value_usd = Some(value);
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        let end = end.ok_or_else(|| de::Error::missing_field("end"))?;
        let value_usd = value_usd.ok_or_else(|| de::Error::missing_field("val"))?;
        let accession = accession.ok_or_else(|| de::Error::missing_field("accn"))?;
        let form = form.ok_or_else(|| de::Error::missing_field("form"))?;
        let filed = filed.ok_or_else(|| de::Error::missing_field("filed"))?;
        let Some(start) = start else {
            return Ok(None);
        };
        // The accession is quoted from the file: escaped, so a message cannot act on a terminal.
        let accession_text = crate::text::escape_controls(&accession);
        if end < start {
            return Err(de::Error::custom(format!(
                "us-gaap:{concept} fact (accession {accession_text}) ends on {end}, before it starts \
                 on {start}"
            )));
        }
        for (what, date) in [("ends on", end), ("is filed on", filed)] {
            if date > self.today {
                return Err(de::Error::custom(format!(
                    "us-gaap:{concept} fact (accession {accession_text}) {what} {date}, after today \
                     (UTC, by the system clock): it cannot have been filed yet"
                )));
            }
        }
        Ok(Some(Fact {
            concept,
            start,
            end,
            value_usd,
            form,
            accession,
            filed,
        }))
    }
}

// ---------------------------------------------------------------------------------------------
// Step 2: facts into fiscal periods.

/// Days from 1970-01-01 (Howard Hinnant's `days_from_civil`).
fn days_since_epoch(date: Date) -> i64 {
    let year = i64::from(date.year) - i64::from(date.month <= 2);
    let era = year.div_euclid(400);
    let year_of_era = year.rem_euclid(400);
    let month = i64::from(date.month);
    let day_of_year =
        (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + i64::from(date.day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

fn days_between(start: Date, end: Date) -> i64 {
    days_since_epoch(end) - days_since_epoch(start)
}

/// The length of a period in whole quarters' months (3, 6, 9 or 12), allowing for 52/53-week
/// calendars (a 14-week quarter, a 53-week year); `None` for anything else.
fn months_of(start: Date, end: Date) -> Option<u8> {
    match days_between(start, end) + 1 {
        84..=100 => Some(3),
        175..=192 => Some(6),
        266..=283 => Some(9),
        357..=373 => Some(12),
        _ => None,
    }
}

/// The month (as [`Date::month_index`]) a period ending on `end` counts as ending in: a date in
/// the first week of a month closes the month before (52/53-week calendars).
fn closing_month_index(end: Date) -> i64 {
    if end.day <= 7 {
        end.month_index() - 1
    } else {
        end.month_index()
    }
}

/// The most common closing month of the 12-month facts (ties: the more recent).
fn fiscal_year_end_month(facts: &[TaggedFact]) -> Option<u8> {
    let mut counts: BTreeMap<u8, (usize, Date)> = BTreeMap::new();
    for tagged in facts {
        let fact = &tagged.fact;
        if months_of(fact.start, fact.end) == Some(12) {
            let month = u8::try_from(closing_month_index(fact.end).rem_euclid(12) + 1).ok()?;
            let entry = counts.entry(month).or_insert((0, fact.end));
            entry.0 += 1;
            entry.1 = entry.1.max(fact.end);
        }
    }
    counts
        .into_iter()
        .max_by_key(|(_, (count, latest))| (*count, *latest))
        .map(|(month, _)| month)
}

/// Where a fact sits in the fiscal calendar.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Slot {
    /// From the start of the fiscal year to the end of quarter `through` (4: the whole year).
    YearToDate { year: i32, through: u8 },
    /// A single 3-month quarter.
    Quarter { year: i32, quarter: u8 },
}

/// The fiscal year and quarter (1–4) a period ending on `end` closes, or `None` when the end
/// falls between quarter ends.
fn fiscal_quarter_of(end: Date, fiscal_year_end_month: u8) -> Option<(i32, u8)> {
    let closing = closing_month_index(end);
    let year_end_offset = i64::from(fiscal_year_end_month) - 1;
    // Months from the period's end to the end of its fiscal year (0–11).
    let months_to_year_end = (year_end_offset - closing).rem_euclid(12);
    if months_to_year_end % 3 != 0 {
        return None;
    }
    let year_end = closing + months_to_year_end;
    let year = i32::try_from(year_end.div_euclid(12)).ok()?;
    let quarter = u8::try_from(4 - months_to_year_end / 3).ok()?;
    Some((year, quarter))
}

/// The slots a fact fills: a 3-month fact is its quarter (and, in Q1, the year to date too).
fn slots_of(fact: &Fact, fiscal_year_end_month: u8) -> Vec<Slot> {
    let (Some(months), Some((year, quarter))) = (
        months_of(fact.start, fact.end),
        fiscal_quarter_of(fact.end, fiscal_year_end_month),
    ) else {
        return Vec::new();
    };
    let mut slots = Vec::new();
    if months == 3 {
        slots.push(Slot::Quarter { year, quarter });
    }
    if months == 3 * quarter {
        slots.push(Slot::YearToDate {
            year,
            through: quarter,
        });
    }
    slots
}

/// Facts of one figure and concept by slot: each slot's facts share one start and end (when
/// filings disagree on the dates, the span filed most often wins).
type SlotFacts = BTreeMap<Slot, Vec<Fact>>;

fn build_periods(
    tagged_facts: Vec<TaggedFact>,
    fiscal_year_end_month: u8,
) -> (Vec<ImportedPeriod>, Vec<String>) {
    // (figure, preference) → slot → (start, end) → facts.
    type Spans = BTreeMap<(Date, Date), Vec<Fact>>;
    let mut by_concept: BTreeMap<(Figure, usize), BTreeMap<Slot, Spans>> = BTreeMap::new();
    let mut skipped_count: BTreeMap<&'static str, usize> = BTreeMap::new();
    for tagged in tagged_facts {
        let slots = slots_of(&tagged.fact, fiscal_year_end_month);
        if slots.is_empty() {
            *skipped_count.entry(tagged.fact.concept).or_default() += 1;
            continue;
        }
        let slot_map = by_concept
            .entry((tagged.figure, tagged.preference))
            .or_default();
        for slot in slots {
            slot_map
                .entry(slot)
                .or_default()
                .entry((tagged.fact.start, tagged.fact.end))
                .or_default()
                .push(tagged.fact.clone());
        }
    }
    let concepts: BTreeMap<(Figure, usize), SlotFacts> = by_concept
        .into_iter()
        .map(|(key, slots)| {
            let slots = slots
                .into_iter()
                .filter_map(|(slot, spans)| {
                    let mut best = spans
                        .into_iter()
                        .max_by_key(|((_, end), facts)| (facts.len(), *end))?
                        .1;
                    best.sort_by(|a, b| (a.filed, &a.accession).cmp(&(b.filed, &b.accession)));
                    Some((slot, best))
                })
                .collect();
            (key, slots)
        })
        .collect();

    // Every fiscal period any figure could fill.
    let mut wanted: Vec<FiscalPeriod> = Vec::new();
    for slots in concepts.values() {
        for slot in slots.keys() {
            let period = match *slot {
                Slot::YearToDate { year, through: 4 } => FiscalPeriod::Year(year),
                Slot::YearToDate { year, through } => FiscalPeriod::Quarter {
                    year,
                    quarter: through,
                },
                Slot::Quarter { year, quarter } => FiscalPeriod::Quarter { year, quarter },
            };
            wanted.push(period);
            // A year to date through Q3 makes Q4 derivable once the year is there.
            if let Slot::YearToDate { year, through: 4 } = *slot {
                wanted.push(FiscalPeriod::Quarter { year, quarter: 4 });
            }
        }
    }
    wanted.sort();
    wanted.dedup();

    let mut periods = Vec::new();
    for period in wanted {
        let mut figures = BTreeMap::new();
        let mut span: Option<(Date, Date)> = None;
        for (figure, names) in CONCEPTS {
            // Every concept that gives the period a value, in order of preference. When none
            // does alone, each duration comes from the most preferred concept that has it, so
            // that a quarter is derived even when the year and the nine months are tagged under
            // different concepts (a 10-K that changed the tag while the 10-Qs kept the old one).
            let of_concept = |preference| concepts.get(&(figure, preference));
            let mut candidates: Vec<(ImportedFigure, Date, Date)> = (0..names.len())
                .filter_map(|preference| {
                    let slots = of_concept(preference)?;
                    figure_for(period, |slot| slots.get(&slot))
                })
                .collect();
            let any_concept =
                |slot| (0..names.len()).find_map(|preference| of_concept(preference)?.get(&slot));
            if candidates.is_empty()
                && let Some(mixed) = figure_for(period, any_concept)
            {
                candidates.push(mixed);
            }
            if let Some((imported, start, end)) = first_reported_across(candidates) {
                span.get_or_insert((start, end));
                figures.insert(figure, imported);
            }
        }
        if let Some((start, end)) = span {
            periods.push(ImportedPeriod {
                period,
                start,
                end,
                figures,
            });
        }
    }
    periods.sort_by_key(|period| (period.period.is_quarter(), period.end));
    let skipped = skipped_count
        .into_iter()
        .map(|(concept, count)| {
            format!(
                "{count} us-gaap:{concept} fact(s) skipped: their periods are not a fiscal \
                 quarter, year to date or year"
            )
        })
        .collect();
    (periods, skipped)
}

/// The preferred concept's figure, with its value *as first reported* taken from the earliest
/// filing under any concept of the figure: when a company changes concept with a restatement
/// (ASC 606 moved revenue from `SalesRevenueNet` to `RevenueFromContractWith…`), the restated
/// comparatives are filed under the new concept and the original figure under the old one.
/// Within one filing, the preferred concept wins.
fn first_reported_across(
    candidates: Vec<(ImportedFigure, Date, Date)>,
) -> Option<(ImportedFigure, Date, Date)> {
    let mut candidates = candidates.into_iter();
    let (mut chosen, start, end) = candidates.next()?;
    for (other, ..) in candidates {
        if other.first_reported.filed() < chosen.first_reported.filed() {
            chosen.first_reported = other.first_reported;
            chosen.facts.extend(other.facts);
        }
    }
    chosen
        .facts
        .sort_by(|a, b| (a.filed, &a.accession).cmp(&(b.filed, &b.accession)));
    Some((chosen, start, end))
}

/// One figure of `period` from one concept's facts, with the period's start and end.
fn figure_for<'a>(
    period: FiscalPeriod,
    facts_of: impl Fn(Slot) -> Option<&'a Vec<Fact>>,
) -> Option<(ImportedFigure, Date, Date)> {
    let concept_facts = |slot| facts_of(slot).filter(|facts| !facts.is_empty());
    match period {
        FiscalPeriod::Year(year) => {
            let facts = concept_facts(Slot::YearToDate { year, through: 4 })?;
            reported(facts)
        }
        FiscalPeriod::Quarter { year, quarter } => {
            if let Some(facts) = concept_facts(Slot::Quarter { year, quarter }) {
                return reported(facts);
            }
            if quarter < 2 {
                return None;
            }
            let longer = concept_facts(Slot::YearToDate {
                year,
                through: quarter,
            })?;
            let shorter = concept_facts(Slot::YearToDate {
                year,
                through: quarter - 1,
            })?;
            let (first_longer, first_shorter) = (longer.first()?, shorter.first()?);
            if first_longer.start != first_shorter.start || first_shorter.end >= first_longer.end {
                return None;
            }
            let start = next_day(first_shorter.end);
            let mut facts: Vec<Fact> = longer.iter().chain(shorter).cloned().collect();
            facts.sort_by(|a, b| (a.filed, &a.accession).cmp(&(b.filed, &b.accession)));
            let imported = ImportedFigure {
                concept: first_longer.concept,
                first_reported: Derivation::Difference {
                    longer: first_longer.clone(),
                    shorter: first_shorter.clone(),
                },
                latest: Derivation::Difference {
                    longer: latest_value_fact(longer).clone(),
                    shorter: latest_value_fact(shorter).clone(),
                },
                facts,
            };
            Some((imported, start, first_longer.end))
        }
    }
}

/// A filed figure from its facts (in filing order).
fn reported(facts: &[Fact]) -> Option<(ImportedFigure, Date, Date)> {
    let first = facts.first()?;
    let imported = ImportedFigure {
        concept: first.concept,
        first_reported: Derivation::Reported(first.clone()),
        latest: Derivation::Reported(latest_value_fact(facts).clone()),
        facts: facts.to_vec(),
    };
    Some((imported, first.start, first.end))
}

/// The fact that first gave the newest filing's value: the newest value, cited at the filing
/// that introduced it (an unchanged comparative in a later filing does not move the citation).
fn latest_value_fact(facts: &[Fact]) -> &Fact {
    let mut introduced = 0;
    for index in 1..facts.len() {
        // Filed values are whole dollars: half a dollar apart is a different value.
        if (facts[index].value_usd - facts[index - 1].value_usd).abs() >= 0.5 {
            introduced = index;
        }
    }
    &facts[introduced]
}

fn next_day(date: Date) -> Date {
    Date::from_days_since_epoch(days_since_epoch(date) + 1)
}

// ---------------------------------------------------------------------------------------------
// Step 3: today's dataset format. The one place that knows it.

/// The EDGAR folder of a filing: `https://www.sec.gov/Archives/edgar/data/{cik}/{accession
/// without dashes}/`.
pub fn filing_url(cik: u64, accession: &str) -> String {
    let digits: String = accession.chars().filter(char::is_ascii_digit).collect();
    format!("https://www.sec.gov/Archives/edgar/data/{cik}/{digits}/")
}

fn source_of(cik: u64, derivation: &Derivation) -> Source {
    Source {
        filing: derivation.filing_text(),
        filed: derivation.filed(),
        url: filing_url(cik, &derivation.principal().accession),
        // Company facts are the SEC's own copy of the filing's figures.
        grade: Some(crate::dataset::Grade::Filing),
    }
}

fn describe(figure: Figure, derivation: &Derivation) -> String {
    format!("{} {}", figure.key(), value_text(derivation))
}

/// A value and where it comes from: "4.027 = 9 months to … − 6 months to …" for a derived one,
/// "36.455 (Form 10-Q, accession …, filed …)" for a filed one.
fn value_text(derivation: &Derivation) -> String {
    let value = derivation.usd_billions();
    match derivation.formula() {
        Some(formula) => format!("{value} = {formula}"),
        None => {
            let fact = derivation.principal();
            format!("{value} ({}, filed {})", fact.filing_name(), fact.filed)
        }
    }
}

/// Today's [`Dataset`] from an import: each period's latest values, the filing behind each
/// figure (`other_sources` for figures from another filing than the period's main one, with the
/// formula of derived quarters), the value as first reported of each figure a later filing
/// changed (a `restatements` entry, as in the bundled data), and a note of the concepts used.
/// `ticker` is the caller's: company facts name none.
pub fn to_dataset(imported: &Imported, ticker: &str) -> Dataset {
    let mut periods: Vec<PeriodRecord> = imported
        .periods
        .iter()
        .filter_map(|period| to_record(imported.cik, period, &imported.units_not_read))
        .collect();
    drop_inconsistent_fourth_quarters(&mut periods);
    Dataset {
        company: Company {
            name: imported.entity_name.clone(),
            ticker: ticker.to_owned(),
            fiscal_year_end_month: imported.fiscal_year_end_month,
            currency: "USD".to_owned(),
            unit: Unit::UsdBillions,
            cloud_segment: "None (segments are not in SEC company facts)".to_owned(),
        },
        periods,
        guidance: Vec::new(),
    }
}

/// Figures of one period that cite the same source.
struct Citation {
    source: Source,
    restated: bool,
    /// Derived (a difference of durations) rather than filed as such.
    derived: bool,
    figures: Vec<Figure>,
}

fn to_record(
    cik: u64,
    period: &ImportedPeriod,
    units_not_read: &BTreeMap<Figure, String>,
) -> Option<PeriodRecord> {
    // A difference below zero where no value can be (a later filing restated one of the two
    // durations only) is left out with a note rather than failing the dataset's checks.
    let mut left_out = Vec::new();
    let usable: BTreeMap<Figure, &ImportedFigure> = period
        .figures
        .iter()
        .filter(|(figure, imported)| {
            let value = imported.latest.usd_billions();
            let impossible = value < 0.0 && figure.must_not_be_negative();
            if impossible {
                left_out.push(format!(
                    "{} left out: {} is {value}, below zero (the filings disagree).",
                    figure.key(),
                    imported.latest.formula().unwrap_or_default()
                ));
            }
            !impossible
        })
        .map(|(figure, imported)| (*figure, imported))
        .collect();
    // Group the figures by the source they cite.
    let mut citations: Vec<Citation> = Vec::new();
    for (&figure, imported) in &usable {
        let source = source_of(cik, &imported.latest);
        let restated = imported.restated();
        let derived = imported.latest.formula().is_some();
        match citations.iter_mut().find(|citation| {
            citation.source == source
                && citation.restated == restated
                && citation.derived == derived
        }) {
            Some(citation) => citation.figures.push(figure),
            None => citations.push(Citation {
                source,
                restated,
                derived,
                figures: vec![figure],
            }),
        }
    }
    // The main source: the one citing the most figures, filed values before derived ones, then
    // the earliest filing.
    citations.sort_by_key(|citation| {
        (
            citation.derived,
            std::cmp::Reverse(citation.figures.len()),
            citation.source.filed,
        )
    });
    let mut citations = citations.into_iter();
    let Citation {
        source: main_source,
        restated: main_restated,
        figures: main_figures,
        ..
    } = citations.next()?;
    let mut record = PeriodRecord::new(period.period, period.end, main_source);
    record.restated = main_restated;
    for (&figure, imported) in &usable {
        *record.get_mut(figure) = Some(imported.latest.usd_billions());
    }
    for (&figure, reason) in units_not_read {
        if record.get(figure).is_none() {
            record.gaps.push(Gap {
                figures: vec![figure],
                reason: GapReason::NotFound,
                note: format!("{reason}."),
            });
        }
    }
    // Every other figure the import reads and this period lacks says why, so that no empty
    // figure goes without a reason (a file may leave a concept out, or give it no USD fact).
    for (figure, concepts) in CONCEPTS {
        let explained = record.gaps.iter().any(|gap| gap.figures.contains(&figure));
        if record.get(figure).is_none() && !explained {
            let concepts: Vec<String> = concepts
                .iter()
                .map(|concept| format!("us-gaap:{concept}"))
                .collect();
            record.gaps.push(Gap {
                figures: vec![figure],
                reason: GapReason::NotFound,
                note: format!(
                    "the company facts give no USD fact for this period under {}.",
                    concepts.join(" or ")
                ),
            });
        }
    }
    for Citation {
        source,
        restated,
        figures,
        ..
    } in citations
    {
        let notes: Vec<String> = figures
            .iter()
            .filter_map(|figure| usable.get(figure))
            .zip(&figures)
            .map(|(imported, &figure)| describe(figure, &imported.latest))
            .collect();
        record.other_sources.push(FigureSource {
            figures,
            source,
            restated,
            note: format!("From SEC company facts: {}.", notes.join("; ")),
        });
    }
    for &figure in &main_figures {
        if let Some(formula) = usable.get(&figure).and_then(|f| f.latest.formula()) {
            record
                .notes
                .push(format!("{} derived: {formula}.", figure.key()));
        }
    }
    record.restatements = restatements(cik, &usable, &mut record.notes);
    record.notes.extend(
        usable
            .iter()
            .filter_map(|(&figure, imported)| change_left_in_quarter(figure, imported)),
    );
    let concepts: Vec<String> = usable
        .iter()
        .map(|(figure, imported)| format!("{} us-gaap:{}", figure.key(), imported.concept))
        .collect();
    record.notes.push(format!(
        "Imported from SEC company facts (CIK {cik}), {} to {}; concepts: {}.",
        period.start,
        period.end,
        concepts.join(", ")
    ));
    record.notes.extend(left_out);
    record.notes.push(SEGMENTS_NOT_IN_COMPANY_FACTS.to_owned());
    Some(record)
}

/// The restated figures of a period with their values as first reported: one entry per filing
/// (or pair of filings, for a derived quarter) that first reported them, so that each figure
/// has both bases as the bundled data has them. Company facts name the filings but not why a
/// value changed, hence [`RestatementReason::LaterFiling`]. A first report below zero where no
/// value can be (a derived quarter whose filings disagree) is left out with a note.
fn restatements(
    cik: u64,
    usable: &BTreeMap<Figure, &ImportedFigure>,
    notes: &mut Vec<String>,
) -> Vec<Restatement> {
    let mut restatements: Vec<Restatement> = Vec::new();
    for (&figure, imported) in usable {
        if !imported.restated() {
            continue;
        }
        let value = imported.first_reported.usd_billions();
        if value < 0.0 && figure.must_not_be_negative() {
            notes.push(format!(
                "{} as first reported left out: {} is {value}, below zero (the filings \
                 disagree).",
                figure.key(),
                imported.first_reported.formula().unwrap_or_default()
            ));
            continue;
        }
        let source = source_of(cik, &imported.first_reported);
        // Worded as the bundled data words its restatements.
        let note = format!(
            "{}: first reported {}; later {}.",
            figure.key(),
            value_text(&imported.first_reported),
            value_text(&imported.latest)
        );
        let same_first_report = restatements.iter_mut().find(|restatement| {
            restatement
                .first_reported
                .as_ref()
                .is_some_and(|original| original.source == source)
        });
        match same_first_report {
            Some(restatement) => {
                restatement.figures.push(figure);
                if let Some(original) = &mut restatement.first_reported {
                    original.values.insert(figure, value);
                }
                restatement.note.push(' ');
                restatement.note.push_str(&note);
            }
            None => restatements.push(Restatement {
                figures: vec![figure],
                reason: RestatementReason::LaterFiling,
                first_reported: Some(FirstReported {
                    values: BTreeMap::from([(figure, value)]),
                    source,
                }),
                note,
            }),
        }
    }
    restatements
}

/// A derived quarter whose longer duration a later filing changed while the shorter one was
/// never filed again (a year restated in a 10-K, its nine months left as the 10-Q gave them):
/// the latest quarter then carries the whole change, which the note says.
fn change_left_in_quarter(figure: Figure, imported: &ImportedFigure) -> Option<String> {
    let (
        Derivation::Difference {
            longer: first_longer,
            shorter: first_shorter,
        },
        Derivation::Difference {
            longer: latest_longer,
            shorter: latest_shorter,
        },
    ) = (&imported.first_reported, &imported.latest)
    else {
        return None;
    };
    // Filed values are whole dollars: half a dollar apart is a different value.
    let changed = |first: &Fact, latest: &Fact| (first.value_usd - latest.value_usd).abs() >= 0.5;
    if !changed(first_longer, latest_longer) || changed(first_shorter, latest_shorter) {
        return None;
    }
    let change = (latest_longer.value_usd - first_longer.value_usd) / 1e9;
    Some(format!(
        "{}: {} changed the {} to {} but no later filing gave the {} to {} again, so the latest \
         value of this quarter carries the whole change ({change:+}).",
        figure.key(),
        latest_longer.filing_name(),
        duration_name(latest_longer),
        latest_longer.end,
        duration_name(latest_shorter),
        latest_shorter.end
    ))
}

/// Takes a figure's value as first reported out of a record (its latest value stays, marked as
/// restated): true when there was one.
fn remove_first_report(record: &mut PeriodRecord, figure: Figure) -> bool {
    let Some(position) = record.restatements.iter().position(|restatement| {
        restatement
            .first_reported
            .as_ref()
            .is_some_and(|original| original.values.contains_key(&figure))
    }) else {
        return false;
    };
    let restatement = &mut record.restatements[position];
    restatement.figures.retain(|listed| *listed != figure);
    if let Some(original) = &mut restatement.first_reported {
        original.values.remove(&figure);
    }
    if restatement.figures.is_empty() {
        record.restatements.remove(position);
    }
    true
}

/// Where four quarters do not add up to their year (a later filing restated some but not all of
/// them), on either basis, a value is left out with a note rather than a dataset that
/// contradicts itself: on the latest basis the fourth quarter's figure; on the first-reported
/// basis one first report (the fourth quarter's, else the year's, else the latest quarter's),
/// whose latest value then stands on both bases.
fn drop_inconsistent_fourth_quarters(periods: &mut [PeriodRecord]) {
    // Looked up in a map made once (the records stay in place), not by a search per period,
    // so a file of many years stays linear.
    let position_of: std::collections::HashMap<FiscalPeriod, usize> = periods
        .iter()
        .enumerate()
        .map(|(position, record)| (record.period, position))
        .collect();
    let find = |wanted: FiscalPeriod| position_of.get(&wanted).copied();
    let years: Vec<i32> = periods
        .iter()
        .filter(|record| !record.period.is_quarter())
        .map(|record| record.period.fiscal_year())
        .collect();
    for year in years {
        let Some(annual) = find(FiscalPeriod::Year(year)) else {
            continue;
        };
        let quarters: Option<Vec<usize>> = (1..=4)
            .map(|quarter| find(FiscalPeriod::Quarter { year, quarter }))
            .collect();
        let Some(quarters) = quarters else {
            continue;
        };
        let q4 = quarters[3];
        for figure in Figure::ALL {
            let latest = |record: &PeriodRecord| record.get(figure);
            if let Some((quarter_sum, annual_value)) = mismatch(periods, annual, &quarters, latest)
            {
                *periods[q4].get_mut(figure) = None;
                remove_first_report(&mut periods[q4], figure);
                periods[q4].notes.push(format!(
                    "{} left out: the latest quarters add up to {quarter_sum:.3}, not the year's \
                     {annual_value:.3} (a later filing restated some of them).",
                    figure.key()
                ));
            }
            let reported = |record: &PeriodRecord| {
                record
                    .on_basis(figure, Basis::Reported)
                    .filter(|value| value.basis == Basis::Reported)
                    .map(|value| value.value)
            };
            let Some((quarter_sum, annual_value)) = mismatch(periods, annual, &quarters, reported)
            else {
                continue;
            };
            let candidates = [q4, annual, quarters[2], quarters[1], quarters[0]];
            for index in candidates {
                if remove_first_report(&mut periods[index], figure) {
                    periods[index].notes.push(format!(
                        "{} as first reported left out: the first-reported quarters of FY{year} \
                         add up to {quarter_sum:.3}, not the year's {annual_value:.3} (the \
                         filings disagree); the latest value stands on both bases.",
                        figure.key()
                    ));
                    break;
                }
            }
        }
    }
}

/// The sum of four quarters and their year's value, when all five have a value (as `value_of`
/// reads it) and the sum differs from the year by more than the rounding allows.
fn mismatch(
    periods: &[PeriodRecord],
    annual: usize,
    quarters: &[usize],
    value_of: impl Fn(&PeriodRecord) -> Option<f64>,
) -> Option<(f64, f64)> {
    let annual_value = value_of(&periods[annual])?;
    let quarter_sum: f64 = quarters
        .iter()
        .map(|&index| value_of(&periods[index]))
        .sum::<Option<f64>>()?;
    ((quarter_sum - annual_value).abs() > QUARTER_SUM_TOLERANCE_USD_BILLIONS)
        .then_some((quarter_sum, annual_value))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Date {
        text.parse().unwrap()
    }

    #[test]
    fn days_count_like_the_calendar() {
        assert_eq!(days_since_epoch(date("1970-01-01")), 0);
        assert_eq!(days_since_epoch(date("2024-02-29")), 19_782);
        assert_eq!(days_between(date("2024-01-01"), date("2024-12-31")), 365);
        assert_eq!(next_day(date("2024-09-30")), date("2024-10-01"));
    }

    #[test]
    fn fifty_two_week_ends_close_the_month_before() {
        // Apple: fiscal year ends in September; its Q2 FY2023 ended 1 April 2023.
        assert_eq!(fiscal_quarter_of(date("2023-04-01"), 9), Some((2023, 2)));
        assert_eq!(fiscal_quarter_of(date("2022-12-31"), 9), Some((2023, 1)));
        assert_eq!(fiscal_quarter_of(date("2023-09-30"), 9), Some((2023, 4)));
        // Microsoft: June year; October–December 2024 is FY2025 Q2.
        assert_eq!(fiscal_quarter_of(date("2024-12-31"), 6), Some((2025, 2)));
        // A month between quarter ends fits no quarter.
        assert_eq!(fiscal_quarter_of(date("2024-11-30"), 12), None);
        assert_eq!(months_of(date("2022-09-25"), date("2022-12-31")), Some(3));
        assert_eq!(months_of(date("2022-09-25"), date("2023-09-30")), Some(12));
        assert_eq!(months_of(date("2024-01-01"), date("2024-02-29")), None);
    }

    #[test]
    fn accession_becomes_the_edgar_folder() {
        assert_eq!(
            filing_url(1_018_724, "0001018724-24-000161"),
            "https://www.sec.gov/Archives/edgar/data/1018724/000101872424000161/"
        );
    }
}
