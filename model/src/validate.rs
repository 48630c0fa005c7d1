//! Checks a parsed dataset for what the parser cannot see: impossible values, duplicate or
//! misordered periods, end dates that do not fit the fiscal calendar, and quarters that
//! contradict their year.

use std::collections::{BTreeMap, HashMap};

use crate::dataset::{Basis, Dataset, Figure, PeriodRecord, Source, Unit};
use crate::date::Date;
use crate::error::{AmountBound, DataError, Problem};
use crate::period::FiscalPeriod;

/// How far four quarters may sum from their year, in US$ billions: US$ 2 million, the rounding
/// that five figures printed to US$ 1 million can accumulate in practice (plus float slack).
pub const QUARTER_SUM_TOLERANCE_USD_BILLIONS: f64 = 0.002 + 1e-9;

/// Largest amount a figure may have, in US$ billions: US$ 100 trillion, about the world's
/// yearly output and far beyond any company's revenue. More is a unit slip or a broken number
/// (1e308), whose sums and growth rates would overflow.
pub const LARGEST_AMOUNT_USD_BILLIONS: f64 = 100_000.0;

/// Smallest amount other than zero a figure may have, in US$ billions: US$ 1,000. Filings state
/// figures to the US$ million; less is a unit slip or a broken number (5e-324), and a ratio
/// over it would be infinite.
pub const SMALLEST_AMOUNT_USD_BILLIONS: f64 = 0.000_001;

/// What is wrong with an amount in US$ billions, if anything: not finite, negative where it
/// cannot be, or beyond the plausible bounds. One check for figures, first-reported values and
/// guidance.
fn amount_problem(figure: &str, period: &str, value: f64, never_negative: bool) -> Option<Problem> {
    let (figure, period) = (figure.to_owned(), period.to_owned());
    let bound = if !value.is_finite() {
        return Some(Problem::NotFinite {
            figure,
            period,
            value,
        });
    } else if value.abs() > LARGEST_AMOUNT_USD_BILLIONS {
        AmountBound::TooLarge
    } else if value != 0.0 && value.abs() < SMALLEST_AMOUNT_USD_BILLIONS {
        AmountBound::TooSmall
    } else if value < 0.0 && never_negative {
        return Some(Problem::Negative {
            figure,
            period,
            value,
        });
    } else {
        return None;
    };
    Some(Problem::ImplausibleAmount {
        figure,
        period,
        value,
        bound,
    })
}

/// A place in a dataset, independent of the file format it was read from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldPath {
    /// A field of the company block.
    Company(&'static str),
    /// A field of the period at this index (`""` for the period as a whole).
    Period {
        /// Index in `Dataset::periods`.
        index: usize,
        /// Field name.
        field: &'static str,
    },
    /// A field of the guidance entry at this index.
    Guidance {
        /// Index in `Dataset::guidance`.
        index: usize,
        /// Field name.
        field: &'static str,
    },
}

impl FieldPath {
    /// The path as the RON position index spells it.
    pub fn ron_path(self) -> String {
        let join = |base: String, field: &str| {
            if field.is_empty() {
                base
            } else {
                format!("{base}.{field}")
            }
        };
        match self {
            Self::Company(field) => join("company".to_owned(), field),
            Self::Period { index, field } => join(format!("periods[{index}]"), field),
            Self::Guidance { index, field } => join(format!("guidance[{index}]"), field),
        }
    }
}

/// Runs every check; `locate` turns a path into (line, column) in the file the dataset came from.
/// Dates after today (UTC, by the system clock) are refused where only the past can be.
pub fn validate(
    dataset: &Dataset,
    file: &str,
    locate: &dyn Fn(FieldPath) -> (usize, usize),
) -> Vec<DataError> {
    validate_as_of(dataset, file, locate, Date::today_utc())
}

/// [`validate`] with `today` given rather than read from the clock, so that a test can say
/// which day it is.
pub fn validate_as_of(
    dataset: &Dataset,
    file: &str,
    locate: &dyn Fn(FieldPath) -> (usize, usize),
    today: Date,
) -> Vec<DataError> {
    let mut errors = Vec::new();
    let mut report = |path: FieldPath, problem: Problem| {
        let (line, column) = locate(path);
        errors.push(DataError {
            file: file.to_owned(),
            line,
            column,
            problem,
        });
    };
    check_company(dataset, &mut report);
    check_periods(dataset, &mut report, locate, today);
    check_quarter_sums(dataset, &mut report);
    check_guidance(dataset, &mut report, today);
    errors.sort_by_key(|error| (error.line, error.column));
    errors
}

fn check_company(dataset: &Dataset, report: &mut impl FnMut(FieldPath, Problem)) {
    let company = &dataset.company;
    if company.currency != "USD" {
        report(
            FieldPath::Company("currency"),
            Problem::WrongCurrency(company.currency.clone()),
        );
    }
    let hint = match company.unit {
        Unit::UsdBillions => None,
        Unit::UsdMillions => Some(": divide every amount by 1,000"),
        Unit::UsdThousands => Some(": divide every amount by 1,000,000"),
        Unit::Usd => Some(": divide every amount by 1,000,000,000"),
    };
    if let Some(hint) = hint {
        report(
            FieldPath::Company("unit"),
            Problem::WrongUnit {
                found: format!("{:?}", company.unit),
                hint: hint.to_owned(),
            },
        );
    }
    if !(1..=12).contains(&company.fiscal_year_end_month) {
        report(
            FieldPath::Company("fiscal_year_end_month"),
            Problem::InvalidValue(format!(
                "fiscal_year_end_month is {}; it must be a month from 1 to 12",
                company.fiscal_year_end_month
            )),
        );
    }
    let ticker_ok = !company.ticker.is_empty()
        && company.ticker.len() <= 10
        && company
            .ticker
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '.');
    if !ticker_ok {
        report(
            FieldPath::Company("ticker"),
            Problem::InvalidValue(format!(
                "ticker \"{}\" must be 1 to 10 capital letters, digits or dots",
                company.ticker
            )),
        );
    }
}

fn check_periods(
    dataset: &Dataset,
    report: &mut impl FnMut(FieldPath, Problem),
    locate: &dyn Fn(FieldPath) -> (usize, usize),
    today: Date,
) {
    let fiscal_year_end_month = dataset.company.fiscal_year_end_month;
    let mut first_seen: HashMap<FiscalPeriod, usize> = HashMap::new();
    let mut previous_of_kind: [Option<&PeriodRecord>; 2] = [None, None];
    for (index, record) in dataset.periods.iter().enumerate() {
        let at = |field| FieldPath::Period { index, field };
        let label = record.period.to_string();
        if let Some(&first) = first_seen.get(&record.period) {
            report(
                at("period"),
                Problem::DuplicatePeriod {
                    period: label.clone(),
                    ticker: dataset.company.ticker.clone(),
                    first_line: locate(FieldPath::Period {
                        index: first,
                        field: "period",
                    })
                    .0,
                },
            );
            continue;
        }
        first_seen.insert(record.period, index);

        for figure in Figure::EVERY {
            let Some(value) = record.get(figure) else {
                continue;
            };
            let never_negative = figure.must_not_be_negative();
            if let Some(problem) = amount_problem(figure.key(), &label, value, never_negative) {
                report(at(figure.key()), problem);
            }
        }
        if record.end_date > today {
            report(
                at("end_date"),
                Problem::InTheFuture {
                    what: format!("{label} ends on"),
                    date: record.end_date.to_string(),
                    why: "reported figures are for periods that have ended (plans for later \
                          periods go in guidance)",
                },
            );
        }
        for (profit, revenue) in [
            (Figure::OperatingIncome, Figure::Revenue),
            (Figure::CloudOperatingIncome, Figure::CloudRevenue),
        ] {
            if let (Some(value), Some(revenue_value)) = (record.get(profit), record.get(revenue))
                && value.is_finite()
                && revenue_value >= 0.0
                && value > revenue_value
                // A revenue that is itself implausible is reported on its own.
                && amount_problem(revenue.key(), &label, revenue_value, true).is_none()
            {
                report(
                    at(profit.key()),
                    Problem::ExceedsRevenue {
                        figure: profit.key().to_owned(),
                        revenue_figure: revenue.key().to_owned(),
                        period: label.clone(),
                        value,
                        revenue: revenue_value,
                    },
                );
            }
        }

        if (1..=12).contains(&fiscal_year_end_month) {
            let expected = record
                .period
                .expected_end_month_index(fiscal_year_end_month);
            let actual = record.end_date.month_index();
            // 52/53-week fiscal years end up to a week into the next month.
            let fits = actual == expected || (actual == expected + 1 && record.end_date.day <= 7);
            if !fits {
                report(
                    at("end_date"),
                    Problem::WrongEndDate {
                        period: label.clone(),
                        expected: format!(
                            "{}-{:02}",
                            expected.div_euclid(12),
                            expected.rem_euclid(12) + 1
                        ),
                        fiscal_year_end_month,
                        end_date: record.end_date.to_string(),
                    },
                );
            }
        }

        let kind = usize::from(record.period.is_quarter());
        if let Some(previous) = previous_of_kind[kind]
            && record.end_date <= previous.end_date
        {
            report(
                at("end_date"),
                Problem::OutOfOrder {
                    period: label.clone(),
                    end_date: record.end_date.to_string(),
                    previous: previous.period.to_string(),
                    previous_end: previous.end_date.to_string(),
                },
            );
        }
        previous_of_kind[kind] = Some(record);

        let sources = std::iter::once(("source.filed", &record.source))
            .chain(
                record
                    .other_sources
                    .iter()
                    .map(|other| ("other_sources", &other.source)),
            )
            .chain(
                record
                    .restatements
                    .iter()
                    .filter_map(|restatement| restatement.first_reported.as_ref())
                    .map(|original| ("restatements", &original.source)),
            );
        for (field, source) in sources {
            if source.filed > today {
                report(
                    at(field),
                    Problem::InTheFuture {
                        what: format!("the source for {label} is dated"),
                        date: source.filed.to_string(),
                        why: "a filing cannot be dated in the future",
                    },
                );
            }
            if source.filed < record.end_date && record.end_date <= today {
                report(
                    at(field),
                    Problem::FiledBeforePeriodEnd {
                        period: label.clone(),
                        filed: source.filed.to_string(),
                        end_date: record.end_date.to_string(),
                    },
                );
            }
            if let Some(problem) = url_problem(source, &label) {
                let field = if field == "source.filed" {
                    "source"
                } else {
                    field
                };
                report(at(field), Problem::InvalidValue(problem));
            }
        }
        check_restatements_and_gaps(record, &label, &mut |field, problem| {
            report(at(field), problem);
        });
    }
}

/// Why a source's address is not a public web address, if it is not: a reader must be able to
/// open every source, so local paths and other schemes are refused.
pub fn url_problem(source: &Source, context: &str) -> Option<String> {
    let url = source.url.trim();
    let public_scheme = url.starts_with("https://") || url.starts_with("http://");
    if !public_scheme {
        return Some(format!(
            "the source URL \"{url}\" for {context} must start with https:// or http://"
        ));
    }
    let host = url
        .split_once("://")
        .map_or("", |(_, rest)| rest)
        .split(['/', '?', '#'])
        .next()
        .unwrap_or("");
    const LOCAL_MARKERS: [&str; 6] = ["/tmp/", "/home/", "/Users/", "file:", "\\", "/var/folders/"];
    let local_host = host.is_empty()
        || host.starts_with("localhost")
        || host.starts_with("127.")
        || host.starts_with("0.0.0.0")
        || !host.contains('.');
    if local_host || LOCAL_MARKERS.iter().any(|marker| url.contains(marker)) {
        return Some(format!(
            "the source URL \"{url}\" for {context} names a local path, not a public address"
        ));
    }
    None
}

/// Restatements must list figures the period has, with finite first-reported values for
/// exactly those figures; gaps must list only figures that are missing.
fn check_restatements_and_gaps(
    record: &PeriodRecord,
    label: &str,
    report: &mut impl FnMut(&'static str, Problem),
) {
    for restatement in &record.restatements {
        for figure in &restatement.figures {
            if record.get(*figure).is_none() {
                report(
                    "restatements",
                    Problem::InvalidValue(format!(
                        "{label}: a restatement lists {} but the period has no value for it; \
                         put the value in the figure's field",
                        figure.key()
                    )),
                );
            }
        }
        let Some(original) = &restatement.first_reported else {
            continue;
        };
        for (figure, value) in &original.values {
            if !restatement.figures.contains(figure) {
                report(
                    "restatements",
                    Problem::InvalidValue(format!(
                        "{label}: first_reported gives {} but the restatement's figures do not \
                         list it",
                        figure.key()
                    )),
                );
            }
            let period = format!("{label} (as first reported)");
            let never_negative = figure.must_not_be_negative();
            if let Some(problem) = amount_problem(figure.key(), &period, *value, never_negative) {
                report("restatements", problem);
            }
        }
        for figure in &restatement.figures {
            if !original.values.contains_key(figure) {
                report(
                    "restatements",
                    Problem::InvalidValue(format!(
                        "{label}: the restatement lists {} but first_reported gives no value \
                         for it",
                        figure.key()
                    )),
                );
            }
        }
    }
    // A set of the figures listed so far, not a search of the earlier restatements, so that
    // a period with many entries stays linear.
    let mut listed = std::collections::HashSet::new();
    for restatement in &record.restatements {
        for figure in &restatement.figures {
            if !listed.insert(*figure) {
                report(
                    "restatements",
                    Problem::InvalidValue(format!(
                        "{label}: {} is listed twice in the restatements (a figure has one \
                         restatement)",
                        figure.key()
                    )),
                );
            }
        }
    }
    // A figure in two gaps would have two reasons, and only one could be shown.
    let mut missing = std::collections::HashSet::new();
    for gap in &record.gaps {
        for figure in &gap.figures {
            if !missing.insert(*figure) {
                report(
                    "gaps",
                    Problem::InvalidValue(format!(
                        "{label}: {} is listed twice in the gaps (a missing figure has one \
                         reason)",
                        figure.key()
                    )),
                );
            }
            if let Some(value) = record.get(*figure) {
                report(
                    "gaps",
                    Problem::InvalidValue(format!(
                        "{label}: {} is listed as missing ({}) but has the value {value}",
                        figure.key(),
                        gap.reason.label()
                    )),
                );
            }
        }
        if gap.note.trim().is_empty() {
            report(
                "gaps",
                Problem::InvalidValue(format!(
                    "{label}: a gap needs a note saying what is not disclosed or what was searched"
                )),
            );
        }
    }
}

fn check_quarter_sums(dataset: &Dataset, report: &mut impl FnMut(FieldPath, Problem)) {
    let mut years: BTreeMap<i32, (Option<usize>, [Option<usize>; 4])> = BTreeMap::new();
    for (index, record) in dataset.periods.iter().enumerate() {
        let entry = years.entry(record.period.fiscal_year()).or_default();
        match record.period {
            FiscalPeriod::Year(_) => {
                entry.0.get_or_insert(index);
            }
            FiscalPeriod::Quarter { quarter, .. } => {
                entry.1[usize::from(quarter - 1)].get_or_insert(index);
            }
        }
    }
    for (fiscal_year, (annual, quarters)) in years {
        let (Some(annual), [Some(q1), Some(q2), Some(q3), Some(q4)]) = (annual, quarters) else {
            continue;
        };
        let annual_record = &dataset.periods[annual];
        let quarter_records = [q1, q2, q3, q4].map(|index| &dataset.periods[index]);
        for basis in Basis::ALL {
            for figure in Figure::EVERY {
                // Each period's value on this basis; a value that exists only on the other
                // basis is skipped on this one (it is checked there).
                let on = |record: &PeriodRecord, basis: Basis| {
                    record
                        .on_basis(figure, basis)
                        .filter(|value| value.basis == basis)
                        .map(|value| value.value)
                };
                let year_on = |basis: Basis| {
                    let values: Option<Vec<f64>> =
                        quarter_records.iter().map(|r| on(r, basis)).collect();
                    values.zip(on(annual_record, basis))
                };
                let Some((values, annual_value)) = year_on(basis) else {
                    continue;
                };
                // Figures never restated are the same on both bases: check them once.
                let same_as_latest = std::iter::once(annual_record)
                    .chain(quarter_records)
                    .all(|record| record.restatement_of(figure).is_none());
                if basis == Basis::Reported && same_as_latest {
                    continue;
                }
                let quarter_sum: f64 = values.iter().sum();
                let difference = quarter_sum - annual_value;
                if difference.abs() > QUARTER_SUM_TOLERANCE_USD_BILLIONS {
                    let figure_name = match basis {
                        Basis::Latest => figure.key().to_owned(),
                        Basis::Reported => format!("{} (as first reported)", figure.key()),
                    };
                    report(
                        FieldPath::Period {
                            index: annual,
                            field: figure.key(),
                        },
                        Problem::QuarterSumMismatch {
                            figure: figure_name,
                            fiscal_year,
                            quarter_sum,
                            annual: annual_value,
                            difference,
                        },
                    );
                }
            }
        }
    }
}

fn check_guidance(dataset: &Dataset, report: &mut impl FnMut(FieldPath, Problem), today: Date) {
    for (index, guidance) in dataset.guidance.iter().enumerate() {
        let label = format!("guidance for {} {}", guidance.metric.key(), guidance.period);
        if let Some(problem) = url_problem(&guidance.source, &label) {
            report(
                FieldPath::Guidance {
                    index,
                    field: "source",
                },
                Problem::InvalidValue(problem),
            );
        }
        for (field, value) in [("low", guidance.low), ("high", guidance.high)] {
            let Some(value) = value else { continue };
            let never_negative = guidance.metric.must_not_be_negative();
            if let Some(problem) = amount_problem(field, &label, value, never_negative) {
                report(FieldPath::Guidance { index, field }, problem);
            }
        }
        // Guidance may be about later periods, but it was given on a day that has come.
        for (field, date, what) in [
            ("said_on", guidance.said_on, "was given on"),
            ("source", guidance.source.filed, "has its source dated"),
        ] {
            if date > today {
                report(
                    FieldPath::Guidance { index, field },
                    Problem::InTheFuture {
                        what: format!("{label} {what}"),
                        date: date.to_string(),
                        why: "guidance may be about periods to come, but not given in them",
                    },
                );
            }
        }
        if let (Some(low), Some(high)) = (guidance.low, guidance.high)
            && low > high
        {
            report(
                FieldPath::Guidance {
                    index,
                    field: "high",
                },
                Problem::InvalidValue(format!("{label}: high ({high}) is below low ({low})")),
            );
        }
        if guidance.low.is_none() && guidance.high.is_none() {
            report(
                FieldPath::Guidance {
                    index,
                    field: "low",
                },
                Problem::InvalidValue(format!("{label} gives neither low nor high")),
            );
        }
    }
}
