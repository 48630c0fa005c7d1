//! `flywheel table`: one metric for each company, as an aligned table or CSV.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::ValueEnum;
use flywheel_model::{Alignment, Frequency, Library, Metric, Series, ValueUnit, series};

/// Arguments of `flywheel table`.
#[derive(Debug, clap::Args)]
pub struct TableArgs {
    /// The metric to show.
    #[arg(long, value_parser = parse_metric)]
    pub metric: Metric,
    /// Companies by ticker (repeatable); default: all loaded.
    #[arg(long = "company", value_name = "TICKER")]
    pub companies: Vec<String>,
    /// Period type.
    #[arg(long, value_enum, default_value_t = PeriodArg::Annual)]
    pub period: PeriodArg,
    /// Align to calendar years/quarters instead of each company's fiscal calendar.
    #[arg(long)]
    pub calendar: bool,
    /// Print CSV (`company,period,value`) instead of an aligned table.
    #[arg(long)]
    pub csv: bool,
    /// After the table, show how each value was computed and which filings it comes from.
    #[arg(long)]
    pub explain: bool,
    /// Extra dataset files (.ron or .csv), each replacing the company it names.
    #[arg(long = "data", value_name = "FILE")]
    pub data: Vec<PathBuf>,
}

/// `--period` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum PeriodArg {
    /// Fiscal (or with --calendar, calendar) years.
    Annual,
    /// Quarters.
    Quarterly,
    /// Trailing twelve months at each quarter.
    Ttm,
}

impl From<PeriodArg> for Frequency {
    fn from(period: PeriodArg) -> Self {
        match period {
            PeriodArg::Annual => Self::Annual,
            PeriodArg::Quarterly => Self::Quarterly,
            PeriodArg::Ttm => Self::Ttm,
        }
    }
}

fn parse_metric(text: &str) -> Result<Metric, String> {
    Metric::from_key(text).ok_or_else(|| {
        let names: Vec<&str> = Metric::ALL.iter().map(|metric| metric.key()).collect();
        format!("unknown metric; choose one of: {}", names.join(", "))
    })
}

/// Prints the table; 0 on success, 1 on bad data, 2 on an unknown company.
pub fn run(args: &TableArgs) -> ExitCode {
    let library = match super::load_library(&args.data) {
        Ok(library) => library,
        Err(code) => return code,
    };
    super::finish(build(&library, args))
}

/// The table's text, or a message for an unknown company.
pub fn build(library: &Library, args: &TableArgs) -> Result<String, String> {
    let alignment = if args.calendar {
        Alignment::Calendar
    } else {
        Alignment::Fiscal
    };
    let tickers: Vec<String> = if args.companies.is_empty() {
        library.tickers().into_iter().map(str::to_owned).collect()
    } else {
        args.companies.clone()
    };
    let mut all_series = Vec::new();
    for ticker in &tickers {
        let dataset = library.get(ticker).ok_or_else(|| {
            format!(
                "no data for company {ticker}; loaded: {}",
                library.tickers().join(", ")
            )
        })?;
        all_series.push((
            dataset,
            series(dataset, args.metric, args.period.into(), alignment),
        ));
    }
    let unit = args.metric.unit();
    let cell = |value: Option<f64>| value.map(|value| format!("{value:.1}"));
    let mut out = String::new();
    if args.csv {
        out.push_str("company,period,value\n");
        for (_, series) in &all_series {
            for point in &series.points {
                let _ = writeln!(
                    out,
                    "{},{},{}",
                    series.ticker,
                    point.slot.label,
                    cell(point.value).unwrap_or_default()
                );
            }
        }
    } else {
        out.push_str(&aligned(
            &all_series
                .iter()
                .map(|(_, series)| series)
                .collect::<Vec<_>>(),
            args.metric,
            unit,
        ));
        for (dataset, series) in &all_series {
            if let Some(method) = &series.method {
                let _ = writeln!(out, "\n{}: {method}", series.ticker);
            } else if dataset.company.fiscal_year_end_month != 12 && !args.calendar {
                let _ = writeln!(
                    out,
                    "\n{}: fiscal periods; its fiscal year ends in month {} (use --calendar to align).",
                    series.ticker, dataset.company.fiscal_year_end_month
                );
            }
        }
    }
    if args.explain {
        for (_, series) in &all_series {
            for point in &series.points {
                let _ = writeln!(out, "\n{} {}", series.ticker, point.explain(args.metric));
            }
        }
    }
    Ok(out)
}

/// Rows are periods, columns companies; a missing value shows as "—".
fn aligned(all_series: &[&Series], metric: Metric, unit: ValueUnit) -> String {
    let mut rows: BTreeMap<(i32, u8, String), Vec<Option<f64>>> = BTreeMap::new();
    for (column, series) in all_series.iter().enumerate() {
        for point in &series.points {
            let row = rows
                .entry((
                    sort_key(&point.slot.label).0,
                    sort_key(&point.slot.label).1,
                    point.slot.label.clone(),
                ))
                .or_insert_with(|| vec![None; all_series.len()]);
            row[column] = point.value;
        }
    }
    let title = format!("{} ({})", metric.label(), unit.axis_label());
    let period_width = rows
        .keys()
        .map(|(_, _, label)| label.len())
        .max()
        .unwrap_or(0)
        .max(title.len().min(14));
    let width = 9;
    let mut out = format!("{title}\n{:<period_width$}", "Period");
    for series in all_series {
        let _ = write!(out, "  {:>width$}", series.ticker);
    }
    out.push('\n');
    for ((_, _, label), values) in &rows {
        let _ = write!(out, "{label:<period_width$}");
        for value in values {
            let text = value.map_or_else(|| "—".to_owned(), |value| format!("{value:.1}"));
            let _ = write!(out, "  {text:>width$}");
        }
        out.push('\n');
    }
    out
}

/// Orders labels like `FY2024`, `2024Q4`, `CY2024Q4`, `TTM 2024Q4` by year, then quarter.
fn sort_key(label: &str) -> (i32, u8) {
    let digits = label
        .trim_start_matches("TTM ")
        .trim_start_matches("CY")
        .trim_start_matches("FY");
    let (year, quarter) = digits.split_once('Q').unwrap_or((digits, "0"));
    (year.parse().unwrap_or(0), quarter.parse().unwrap_or(0))
}
