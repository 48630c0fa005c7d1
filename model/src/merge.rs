//! Merging an imported dataset (e.g. from SEC company facts) into one already loaded for the
//! same company: what was entered by hand stays, the import adds what is missing, and every
//! figure on which the two disagree is listed so that a person can look.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::dataset::{
    Basis, Dataset, Figure, FigureSource, FirstReported, PeriodRecord, Restatement, Source,
};
use crate::period::FiscalPeriod;

/// Two values of one figure differing by more than this (US$ billions, i.e. US$ 1 million, the
/// precision filings print) are listed in the cross-check.
pub const CROSS_CHECK_TOLERANCE_USD_BILLIONS: f64 = 0.001;

/// A figure the import filled where the loaded data had none.
#[derive(Clone, Debug, PartialEq)]
pub struct FilledFigure {
    /// The period.
    pub period: FiscalPeriod,
    /// The figure.
    pub figure: Figure,
    /// The imported value, US$ billions.
    pub value: f64,
}

/// A figure on which the loaded data and the import disagree by more than
/// [`CROSS_CHECK_TOLERANCE_USD_BILLIONS`]. The loaded value is kept.
#[derive(Clone, Debug, PartialEq)]
pub struct FigureDifference {
    /// The period.
    pub period: FiscalPeriod,
    /// The figure.
    pub figure: Figure,
    /// The basis on which the two differ: the latest values, or the values as first reported.
    pub basis: Basis,
    /// The loaded value, US$ billions.
    pub existing: f64,
    /// Where the loaded value comes from.
    pub existing_source: Source,
    /// The imported value, US$ billions.
    pub imported: f64,
    /// Where the imported value comes from.
    pub imported_source: Source,
}

impl FigureDifference {
    /// Imported minus loaded, US$ billions.
    pub fn difference(&self) -> f64 {
        self.imported - self.existing
    }
}

/// What a merge did, and the merged dataset.
#[derive(Clone, Debug, PartialEq)]
pub struct MergeReport {
    /// The loaded dataset with the import's additions.
    pub merged: Dataset,
    /// Periods the loaded data did not have, added whole from the import.
    pub added_periods: Vec<FiscalPeriod>,
    /// Empty figures of loaded periods that the import filled.
    pub filled: Vec<FilledFigure>,
    /// Figures where the two differ by more than US$ 1 million (the loaded value is kept).
    pub differences: Vec<FigureDifference>,
}

impl MergeReport {
    /// The cross-check as lines a person can read: one line per differing figure.
    pub fn cross_check_text(&self) -> String {
        let ticker = &self.merged.company.ticker;
        let mut text = format!(
            "Cross-check of {ticker}: {} period(s) added, {} empty figure(s) filled, {} figure(s) \
             differ by more than US$ 1 M",
            self.added_periods.len(),
            self.filled.len(),
            self.differences.len()
        );
        text.push_str(if self.differences.is_empty() {
            ".\n"
        } else {
            " (loaded value kept):\n"
        });
        for difference in &self.differences {
            let basis = match difference.basis {
                Basis::Latest => "",
                Basis::Reported => " (as first reported)",
            };
            let _ = writeln!(
                text,
                "  {} {}{basis}: loaded {:.3} ({}), imported {:.3} ({}), difference {:+.3} US$ B",
                difference.period,
                difference.figure.key(),
                difference.existing,
                difference.existing_source.filing,
                difference.imported,
                difference.imported_source.filing,
                difference.difference()
            );
        }
        text
    }
}

/// Merges `imported` into `existing` (the same company): keeps every loaded figure, the
/// company block, notes and guidance; adds the periods the loaded data lacks; fills its empty
/// figures, each with the import's source; and lists every figure where the two differ by
/// more than US$ 1 million.
pub fn merge(existing: &Dataset, imported: &Dataset) -> MergeReport {
    let mut merged = existing.clone();
    let mut added_periods = Vec::new();
    let mut filled = Vec::new();
    let mut differences = Vec::new();
    for incoming in &imported.periods {
        let Some(record) = merged
            .periods
            .iter_mut()
            .find(|record| record.period == incoming.period)
        else {
            added_periods.push(incoming.period);
            merged.periods.push(incoming.clone());
            continue;
        };
        for figure in Figure::ALL {
            match (record.get(figure), incoming.get(figure)) {
                (None, Some(value)) => {
                    fill(record, incoming, figure, value);
                    filled.push(FilledFigure {
                        period: incoming.period,
                        figure,
                        value,
                    });
                }
                (Some(_), Some(_)) => differences.extend(
                    Basis::ALL
                        .into_iter()
                        .filter_map(|basis| difference(record, incoming, figure, basis)),
                ),
                _ => {}
            }
        }
    }
    // Years first, then quarters, each in date order, as the format asks.
    merged
        .periods
        .sort_by_key(|record| (record.period.is_quarter(), record.end_date));
    MergeReport {
        merged,
        added_periods,
        filled,
        differences,
    }
}

/// Where a figure of one period differs between the loaded data and the import on `basis` by
/// more than US$ 1 million. The latest values are always compared; the values as first reported
/// where both sides have one and either records a first report (otherwise it is the latest value
/// again, already compared).
fn difference(
    existing: &PeriodRecord,
    imported: &PeriodRecord,
    figure: Figure,
    basis: Basis,
) -> Option<FigureDifference> {
    let (kept, kept_source, value, value_source) = match basis {
        Basis::Latest => (
            existing.get(figure)?,
            existing.source_of(figure).0,
            imported.get(figure)?,
            imported.source_of(figure).0,
        ),
        Basis::Reported => {
            if existing.restatement_of(figure).is_none()
                && imported.restatement_of(figure).is_none()
            {
                return None;
            }
            let ((kept, kept_source), (value, value_source)) = (
                on_reported(existing, figure)?,
                on_reported(imported, figure)?,
            );
            (kept, kept_source, value, value_source)
        }
    };
    ((kept - value).abs() > CROSS_CHECK_TOLERANCE_USD_BILLIONS + 1e-9).then(|| FigureDifference {
        period: imported.period,
        figure,
        basis,
        existing: kept,
        existing_source: kept_source.clone(),
        imported: value,
        imported_source: value_source.clone(),
    })
}

/// A figure's value as first reported and its source, when the record has it on that basis.
fn on_reported(record: &PeriodRecord, figure: Figure) -> Option<(f64, &Source)> {
    record
        .on_basis(figure, Basis::Reported)
        .filter(|value| value.basis == Basis::Reported)
        .map(|value| (value.value, value.source))
}

/// Sets an empty figure from the import, naming the import's source for it, and with the
/// import's value as first reported where a later filing changed it (so that the figure keeps
/// both bases).
fn fill(record: &mut PeriodRecord, incoming: &PeriodRecord, figure: Figure, value: f64) {
    *record.get_mut(figure) = Some(value);
    if let Some(restatement) = incoming.restatement_of(figure)
        && let Some(original) = &restatement.first_reported
        && let Some(&first_value) = original.values.get(&figure)
    {
        record.restatements.push(Restatement {
            figures: vec![figure],
            reason: restatement.reason,
            first_reported: Some(FirstReported {
                values: BTreeMap::from([(figure, first_value)]),
                source: original.source.clone(),
            }),
            note: format!(
                "Filled from an SEC company-facts import: {} first reported as {first_value} \
                 ({}, filed {}), later {value}.",
                figure.key(),
                original.source.filing,
                original.source.filed
            ),
        });
    }
    let (source, restated) = incoming.source_of(figure);
    let source = source.clone();
    match record
        .other_sources
        .iter_mut()
        .find(|other| other.source == source && other.restated == restated)
    {
        Some(other) => other.figures.push(figure),
        None => record.other_sources.push(FigureSource {
            figures: vec![figure],
            source,
            restated,
            note: "Filled from an SEC company-facts import: the loaded data had no value."
                .to_owned(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::{Company, Unit};

    fn source(filing: &str) -> Source {
        Source {
            filing: filing.to_owned(),
            filed: "2025-02-07".parse().unwrap(),
            url: "https://www.sec.gov/Archives/edgar/data/1018724/000101872425000004/".to_owned(),
            grade: Some(crate::dataset::Grade::Filing),
        }
    }

    fn dataset(periods: Vec<PeriodRecord>) -> Dataset {
        Dataset {
            company: Company {
                name: "Amazon.com, Inc.".to_owned(),
                ticker: "AMZN".to_owned(),
                fiscal_year_end_month: 12,
                currency: "USD".to_owned(),
                unit: Unit::UsdBillions,
                cloud_segment: "AWS".to_owned(),
            },
            periods,
            guidance: Vec::new(),
        }
    }

    fn record(period: &str, end: &str, filing: &str) -> PeriodRecord {
        PeriodRecord::new(
            period.parse().unwrap(),
            end.parse().unwrap(),
            source(filing),
        )
    }

    #[test]
    fn keeps_hand_entered_figures_fills_gaps_adds_periods_and_lists_differences() {
        let mut loaded = record("FY2024", "2024-12-31", "Form 10-K for fiscal year 2024");
        loaded.revenue = Some(637.959);
        loaded.operating_income = Some(68.593);
        loaded.cloud_revenue = Some(107.556);
        loaded.notes.push("Hand-written note.".to_owned());
        let existing = dataset(vec![loaded]);

        let mut incoming = record("FY2024", "2024-12-31", "Form 10-K, accession A");
        incoming.revenue = Some(637.9595);
        incoming.operating_income = Some(68.600);
        incoming.capex = Some(82.999);
        let mut newer = record("FY2025", "2025-12-31", "Form 10-K, accession B");
        newer.revenue = Some(700.0);
        let imported = dataset(vec![incoming, newer]);

        let report = merge(&existing, &imported);
        let kept = &report.merged.periods[0];
        assert_eq!(kept.revenue, Some(637.959));
        assert_eq!(kept.operating_income, Some(68.593));
        assert_eq!(kept.cloud_revenue, Some(107.556));
        assert_eq!(kept.capex, Some(82.999));
        assert_eq!(kept.notes, vec!["Hand-written note.".to_owned()]);
        assert_eq!(
            kept.source_of(Figure::Capex).0.filing,
            "Form 10-K, accession A"
        );
        assert_eq!(report.merged.company.cloud_segment, "AWS");
        assert_eq!(report.added_periods, vec!["FY2025".parse().unwrap()]);
        assert_eq!(report.merged.periods[1].revenue, Some(700.0));
        assert_eq!(
            report.filled,
            vec![FilledFigure {
                period: "FY2024".parse().unwrap(),
                figure: Figure::Capex,
                value: 82.999
            }]
        );
        assert_eq!(report.differences.len(), 1);
        assert_eq!(report.differences[0].figure, Figure::OperatingIncome);
        assert_eq!(
            report.cross_check_text(),
            "Cross-check of AMZN: 1 period(s) added, 1 empty figure(s) filled, 1 figure(s) \
             differ by more than US$ 1 M (loaded value kept):\n  FY2024 operating_income: \
             loaded 68.593 (Form 10-K for fiscal year 2024), imported 68.600 (Form 10-K, \
             accession A), difference +0.007 US$ B\n"
        );
    }

    /// FY2021 with depreciation `latest` from `filing`, first reported as `first` in
    /// `first_filing`.
    fn restated(filing: &str, latest: f64, first_filing: &str, first: f64) -> PeriodRecord {
        let mut restated = record("FY2021", "2021-12-31", filing);
        restated.depreciation = Some(latest);
        restated.restated = true;
        restated.restatements.push(Restatement {
            figures: vec![Figure::Depreciation],
            reason: crate::dataset::RestatementReason::LaterFiling,
            first_reported: Some(FirstReported {
                values: BTreeMap::from([(Figure::Depreciation, first)]),
                source: source(first_filing),
            }),
            note: "depreciation as first reported: …".to_owned(),
        });
        restated
    }

    #[test]
    fn first_reports_that_differ_are_listed_apart_from_latest_values_that_agree() {
        let loaded = restated("10-K 2023", 34.433, "10-K 2021", 34.296);
        let incoming = restated(
            "Form 10-K, accession B",
            34.4335,
            "Form 10-K, accession A",
            34.3,
        );
        let report = merge(&dataset(vec![loaded]), &dataset(vec![incoming]));
        assert_eq!(report.differences.len(), 1);
        assert_eq!(report.differences[0].basis, Basis::Reported);
        assert_eq!(
            report.cross_check_text(),
            "Cross-check of AMZN: 0 period(s) added, 0 empty figure(s) filled, 1 figure(s) \
             differ by more than US$ 1 M (loaded value kept):\n  FY2021 depreciation (as first \
             reported): loaded 34.296 (10-K 2021), imported 34.300 (Form 10-K, accession A), \
             difference +0.004 US$ B\n"
        );
    }

    #[test]
    fn a_filled_figure_keeps_the_imports_first_report() {
        let loaded = record("FY2021", "2021-12-31", "Form 10-K for fiscal year 2021");
        let incoming = restated(
            "Form 10-K, accession B",
            34.433,
            "Form 10-K, accession A",
            34.296,
        );
        let report = merge(&dataset(vec![loaded]), &dataset(vec![incoming]));
        let merged = &report.merged.periods[0];
        let on = |basis| {
            let value = merged
                .on_basis(Figure::Depreciation, basis)
                .expect("a value");
            (value.value, value.source.filing.clone(), value.basis)
        };
        assert_eq!(
            on(Basis::Reported),
            (34.296, "Form 10-K, accession A".to_owned(), Basis::Reported)
        );
        assert_eq!(
            on(Basis::Latest),
            (34.433, "Form 10-K, accession B".to_owned(), Basis::Latest)
        );
        assert_eq!(
            merged.restatements[0].note,
            "Filled from an SEC company-facts import: depreciation first reported as 34.296 (Form \
             10-K, accession A, filed 2025-02-07), later 34.433."
        );
    }

    #[test]
    fn a_difference_of_exactly_one_million_is_within_precision() {
        let mut loaded = record("FY2024", "2024-12-31", "loaded");
        loaded.revenue = Some(164.501);
        let mut incoming = record("FY2024", "2024-12-31", "imported");
        incoming.revenue = Some(164.500);
        let report = merge(&dataset(vec![loaded]), &dataset(vec![incoming]));
        assert!(report.differences.is_empty());
    }
}

/// What importing company facts into a library did.
#[derive(Clone, Debug, PartialEq)]
pub struct LibraryImport {
    /// Which company was added or replaced.
    pub summary: crate::library::AddSummary,
    /// When the company was already loaded: what the import added and where the two differ.
    pub cross_check: Option<MergeReport>,
}

/// Imports `imported` as `ticker` into `library`: a company not yet loaded is added whole; one
/// already loaded keeps its hand-entered figures, notes and guidance, gains the newer periods and
/// the figures it lacked, and the differences are reported. The result is validated like any
/// dataset file; on an error nothing in the library changes.
pub fn import_into(
    library: &mut crate::library::Library,
    imported: &crate::companyfacts::Imported,
    ticker: &str,
) -> Result<LibraryImport, crate::error::LoadError> {
    let dataset = crate::companyfacts::to_dataset(imported, ticker);
    let cross_check = library.get(ticker).map(|loaded| merge(loaded, &dataset));
    let result = cross_check
        .as_ref()
        .map_or(dataset, |report| report.merged.clone());
    let errors = crate::validate::validate(&result, &imported.file, &|_| (1, 1));
    let result = crate::error::LoadError::ok_unless(result, errors)?;
    let summary = library.insert(
        vec![result],
        &crate::library::Origin::File(imported.file.clone()),
    );
    Ok(LibraryImport {
        summary,
        cross_check,
    })
}
