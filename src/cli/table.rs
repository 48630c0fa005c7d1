//! `flywheel table`: one metric for each company, as an aligned table or CSV.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::PathBuf;

use clap::ValueEnum;
use flywheel_model::metrics::Transform;
use flywheel_model::{
    Alignment, Basis, CapexBasis, Frequency, Library, Metric, Observation, Series, SeriesOptions,
    series_with,
};

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
    /// Latest restated figures (comparable across years) or figures as first reported.
    #[arg(long, value_enum, default_value_t = BasisArg::Latest)]
    pub basis: BasisArg,
    /// Which capex `capex` means: gross purchases (the default), net of proceeds and
    /// incentives, or including finance leases.
    #[arg(long, value_enum, default_value_t = CapexBasisArg::Gross)]
    pub capex_basis: CapexBasisArg,
    /// Values as they are, year-on-year change (`yoy`: percent, or percentage points for
    /// ratios) or indexed to 100 at the first period (`indexed`).
    #[arg(long, value_parser = parse_transform, default_value = "value")]
    pub transform: Transform,
    /// Print CSV (`company,period,value`, full precision) instead of an aligned table.
    #[arg(long)]
    pub csv: bool,
    /// Show how each value was computed and which filings it comes from: after the table, or
    /// with `--csv` as extra columns.
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

/// `--basis` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum BasisArg {
    /// Comparable: the latest restated or recast figures (the default).
    Latest,
    /// As first reported.
    Reported,
}

impl From<BasisArg> for Basis {
    fn from(basis: BasisArg) -> Self {
        match basis {
            BasisArg::Latest => Self::Latest,
            BasisArg::Reported => Self::Reported,
        }
    }
}

/// `--capex-basis` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CapexBasisArg {
    /// Gross purchases of property and equipment.
    Gross,
    /// Net of proceeds from property and equipment sales and incentives.
    Net,
    /// Including assets acquired under finance leases.
    WithFinanceLeases,
}

impl From<CapexBasisArg> for CapexBasis {
    fn from(basis: CapexBasisArg) -> Self {
        match basis {
            CapexBasisArg::Gross => Self::Gross,
            CapexBasisArg::Net => Self::Net,
            CapexBasisArg::WithFinanceLeases => Self::WithFinanceLeases,
        }
    }
}

/// Why a table cannot be built.
#[derive(Debug, thiserror::Error)]
pub enum TableError {
    /// A `--company` that is not loaded.
    #[error("no data for company {ticker}; loaded: {loaded}")]
    UnknownCompany {
        /// The ticker asked for.
        ticker: String,
        /// The tickers loaded, comma-separated.
        loaded: String,
    },
}

/// A `--transform` by its name.
pub fn parse_transform(text: &str) -> Result<Transform, String> {
    Transform::from_key(text).ok_or_else(|| {
        let names: Vec<&str> = Transform::ALL
            .iter()
            .map(|transform| transform.key())
            .collect();
        format!("unknown transform; choose one of: {}", names.join(", "))
    })
}

fn parse_metric(text: &str) -> Result<Metric, String> {
    Metric::from_key(text).ok_or_else(|| {
        let names: Vec<&str> = Metric::ALL.iter().map(|metric| metric.key()).collect();
        format!("unknown metric; choose one of: {}", names.join(", "))
    })
}

/// Prints the table; 0 on success, 1 on bad data, 2 on an unknown company.
pub fn run(args: &TableArgs) -> super::Outcome {
    let library = match super::load_library(&args.data) {
        Ok(library) => library,
        Err(code) => return Ok(code),
    };
    super::finish(build(&library, args).map_err(|error| error.to_string()))
}

/// The table's text, or the error for an unknown company.
pub fn build(library: &Library, args: &TableArgs) -> Result<String, TableError> {
    let alignment = if args.calendar {
        Alignment::Calendar
    } else {
        Alignment::Fiscal
    };
    let options = SeriesOptions {
        frequency: args.period.into(),
        alignment,
        basis: args.basis.into(),
    };
    let tickers: Vec<String> = if args.companies.is_empty() {
        library.tickers().into_iter().map(str::to_owned).collect()
    } else {
        args.companies.clone()
    };
    let metric = CapexBasis::from(args.capex_basis).apply(args.metric);
    let mut all_series = Vec::new();
    for ticker in &tickers {
        let dataset = library
            .get(ticker)
            .ok_or_else(|| TableError::UnknownCompany {
                ticker: ticker.clone(),
                loaded: library.tickers().join(", "),
            })?;
        let series = series_with(dataset, metric, options);
        all_series.push((dataset, series.transformed(args.transform, |_| true)));
    }
    let shown: Vec<&Series> = all_series.iter().map(|(_, series)| series).collect();
    if args.csv {
        return Ok(csv(&shown, metric, args.explain));
    }
    let mut out = aligned(&shown, metric);
    for (dataset, series) in &all_series {
        if let Some(method) = &series.method {
            let _ = writeln!(out, "\n{}: {method}", series.ticker);
        } else if dataset.company.fiscal_year_end_month != 12 && !args.calendar {
            let _ = writeln!(
                out,
                "\n{}: fiscal periods; its fiscal year ends in month {} (use --calendar to \
                 align).",
                series.ticker, dataset.company.fiscal_year_end_month
            );
        }
    }
    if args.explain {
        for (_, series) in &all_series {
            for point in &series.points {
                let _ = writeln!(out, "\n{} {}", series.ticker, series.explain(point));
            }
        }
    }
    Ok(out)
}

/// `company,period,value` at full precision; with `explain`, the basis, grade, gap, formula and
/// sources of each value in columns of their own, so the file stays a table.
fn csv(all_series: &[&Series], metric: Metric, explain: bool) -> String {
    let transform = all_series
        .first()
        .map_or(Transform::Value, |series| series.transform);
    let unit = transform.shown_unit(metric.unit());
    let mut out = String::from("company,period,value");
    if explain {
        out.push_str(",unit,basis,basis_note,grade,gap,formula,sources");
    }
    out.push('\n');
    for series in all_series {
        for point in &series.points {
            let value = point.value.map(|value| unit.csv(value)).unwrap_or_default();
            let _ = write!(
                out,
                "{},{},{value}",
                csv_text(&series.ticker),
                csv_text(&point.slot.label)
            );
            if explain {
                let cells = explain_cells(point, series);
                for cell in cells {
                    out.push(',');
                    out.push_str(&csv_text(&cell));
                }
            }
            out.push('\n');
        }
    }
    out
}

/// The explanation columns of one value.
fn explain_cells(point: &Observation, series: &Series) -> [String; 7] {
    let sources: Vec<String> = point
        .inputs
        .iter()
        .map(flywheel_model::Input::describe)
        .collect();
    [
        series.transform.unit_label(series.metric.unit()).to_owned(),
        point.basis.key().to_owned(),
        point.basis_note.clone().unwrap_or_default(),
        point
            .grade()
            .map(|grade| grade.label().to_owned())
            .unwrap_or_default(),
        point.gap.clone().unwrap_or_default(),
        series.formula(),
        sources.join("; "),
    ]
}

/// A CSV text cell: quoted when it holds a comma, quote or line break, and with a leading `'`
/// when it starts like a formula (`=`, `+`, `-`, `@`, tab, CR), so a spreadsheet shows it as text.
fn csv_text(text: &str) -> String {
    let guarded = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    };
    if guarded.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

/// Rows are periods, columns companies; a missing value shows as "—", a value from a secondary
/// source ends in `*`, and one on another basis than asked ends in `†` (explained below).
fn aligned(all_series: &[&Series], metric: Metric) -> String {
    let unit = metric.unit();
    let transform = all_series
        .first()
        .map_or(Transform::Value, |series| series.transform);
    let mut rows: BTreeMap<(i32, u8, String), Vec<Option<String>>> = BTreeMap::new();
    let mut secondary = false;
    let mut off_basis = false;
    for (column, series) in all_series.iter().enumerate() {
        for point in &series.points {
            let (year, quarter) = sort_key(&point.slot.label);
            let row = rows
                .entry((year, quarter, point.slot.label.clone()))
                .or_insert_with(|| vec![None; all_series.len()]);
            row[column] = point.value.map(|value| {
                let mut text = super::one_decimal(value);
                if point.is_secondary() {
                    text.push('*');
                    secondary = true;
                }
                if point.basis != series.basis {
                    text.push('†');
                    off_basis = true;
                }
                text
            });
        }
    }
    let basis = all_series
        .first()
        .map_or(Basis::Latest, |series| series.basis);
    let title = format!(
        "{} ({}) — {}",
        metric.label(),
        transform.unit_label(unit),
        basis.label()
    );
    let period_width = rows
        .keys()
        .map(|(_, _, label)| label.len())
        .max()
        .unwrap_or(0)
        .max(14);
    let width = 9;
    let mut out = format!("{title}\n{:<period_width$}", "Period");
    for series in all_series {
        let _ = write!(out, "  {:>width$}", series.ticker);
    }
    out.push('\n');
    for ((_, _, label), values) in &rows {
        let _ = write!(out, "{label:<period_width$}");
        for value in values {
            let text = value.as_deref().unwrap_or("—");
            let _ = write!(out, "  {text:>width$}");
        }
        out.push('\n');
    }
    if secondary {
        out.push_str("* from a secondary source (a data site or news report), not the filing\n");
    }
    if off_basis {
        let other = match basis {
            Basis::Latest => Basis::Reported,
            Basis::Reported => Basis::Latest,
        };
        let _ = writeln!(
            out,
            "† only available {}: the basis changes inside the series",
            other.label().to_lowercase()
        );
        for series in all_series {
            for change in series.basis_changes() {
                let _ = writeln!(out, "  {}: {}", series.ticker, change.label);
            }
        }
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
