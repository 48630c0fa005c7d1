//! `flywheel project`: the scenario model's projection to 2030, as a table or CSV.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use flywheel_model::projection::{LAST_YEAR, ProjectedMetric, Projection, base_year};
use flywheel_model::{
    Alignment, Basis, CapexBasis, Dataset, Frequency, Library, Preset, Scenario, SeriesOptions,
    escape_controls, load_scenario, series_with,
};

use super::out;
use super::table::{BasisArg, CapexBasisArg};

fn parse_metric(text: &str) -> Result<ProjectedMetric, String> {
    ProjectedMetric::from_key(text).ok_or_else(|| {
        let names: Vec<&str> = ProjectedMetric::ALL
            .iter()
            .map(|metric| metric.key())
            .collect();
        format!(
            "unknown projected metric; choose one of: {}",
            names.join(", ")
        )
    })
}

/// Arguments of `flywheel project`.
#[derive(Debug, clap::Args)]
pub struct ProjectArgs {
    /// Scenario file (RON); without it, the Base scenario.
    #[arg(long, value_name = "FILE")]
    pub scenario: Option<PathBuf>,
    /// Companies by ticker (repeatable); default: every company in the scenario.
    #[arg(long = "company", value_name = "TICKER")]
    pub companies: Vec<String>,
    /// One metric; default: all.
    #[arg(long, value_parser = parse_metric)]
    pub metric: Option<ProjectedMetric>,
    /// Print CSV (`company,year,metric,value`, full precision).
    #[arg(long)]
    pub csv: bool,
    /// Project from the latest restated figures (the default) or from figures as first reported.
    #[arg(long, value_enum, default_value_t = BasisArg::Latest)]
    pub basis: BasisArg,
    /// Which capex the projection starts from and spends: gross purchases (the default), net
    /// of proceeds and incentives, or including finance leases. A company that does not
    /// disclose the basis for its newest year is not projected, with the reason.
    #[arg(long, value_enum, default_value_t = CapexBasisArg::Gross)]
    pub capex_basis: CapexBasisArg,
    /// Extra dataset files (.ron or .csv), each replacing the company it names.
    #[arg(long = "data", value_name = "FILE")]
    pub data: Vec<PathBuf>,
}

/// Why no projection can be printed.
#[derive(Debug, thiserror::Error)]
pub enum ProjectError {
    /// A `--company` the scenario does not project.
    #[error("no projection for company {ticker}; the scenario has: {known}")]
    UnknownCompany {
        /// The ticker asked for.
        ticker: String,
        /// The companies projected, comma-separated.
        known: String,
    },
}

/// What `flywheel project` prints: the projections, and the companies it could not project.
#[derive(Debug)]
pub struct ProjectOutput {
    /// The table or CSV.
    pub text: String,
    /// One line per company that could not be projected, with the reason.
    pub skipped: Vec<String>,
    /// How many companies were projected.
    pub projected: usize,
}

/// Prints the projection; 0 on success, 1 on bad files or when no company at all can be
/// projected, 2 on an unknown company. Companies that cannot be projected are reported on
/// stderr; the others are still printed.
pub fn run(args: &ProjectArgs) -> super::Outcome {
    let loaded = match super::load_library(&args.data) {
        Ok(library) => library,
        Err(code) => return Ok(code),
    };
    let (library, undisclosed) = on_capex_basis(
        &on_basis(&loaded, args.basis.into()),
        args.capex_basis.into(),
    );
    let asked = |line: &str| {
        args.companies.is_empty()
            || args
                .companies
                .iter()
                .any(|ticker| line.starts_with(&format!("{} ", ticker.to_ascii_uppercase())))
    };
    for line in undisclosed.iter().filter(|line| asked(line)) {
        out::error_line(&format!("not projected: {line}"));
    }
    let scenario = match &args.scenario {
        Some(path) => match load_scenario(path) {
            Ok(scenario) => {
                // A scenario file is checked against the data as loaded, whatever the basis.
                for warning in scenario.warnings_against(&loaded) {
                    out::error_line(&format!("warning: {}", escape_controls(&warning)));
                }
                scenario
            }
            Err(error) => {
                out::error_line(&error.to_string());
                return Ok(ExitCode::FAILURE);
            }
        },
        None => Scenario::preset(&library, Preset::Base),
    };
    let output = match build(&library, &scenario, args) {
        Ok(output) => output,
        Err(error) => return super::finish(Err::<String, _>(error)),
    };
    for line in &output.skipped {
        out::error_line(&format!("not projected: {}", escape_controls(line)));
    }
    if output.projected == 0 {
        out::error_line("flywheel project: no company could be projected");
        return Ok(ExitCode::FAILURE);
    }
    super::finish(Ok::<_, ProjectError>(output.text))
}

/// The library with every dataset's figures on `basis`.
pub fn on_basis(library: &Library, basis: Basis) -> Library {
    let mut converted = Library::new();
    for entry in library.entries() {
        converted.insert(vec![entry.dataset.on_basis(basis)], &entry.origin);
    }
    converted
}

/// The library with each period's capex replaced by capex on `basis`, and one line per company
/// left out because it does not disclose that basis for its newest year (with the reason).
pub fn on_capex_basis(library: &Library, basis: CapexBasis) -> (Library, Vec<String>) {
    if basis == CapexBasis::Gross {
        return (library.clone(), Vec::new());
    }
    let mut converted = Library::new();
    let mut left_out = Vec::new();
    for entry in library.entries() {
        match dataset_on_capex_basis(&entry.dataset, basis) {
            Ok(dataset) => {
                converted.insert(vec![dataset], &entry.origin);
            }
            Err(error) => left_out.push(error.to_string()),
        }
    }
    (converted, left_out)
}

/// Why a company cannot be projected on a capex basis.
#[derive(Debug, thiserror::Error)]
pub enum CapexBasisError {
    /// The company has no base year at all.
    #[error(transparent)]
    NoBaseYear(#[from] flywheel_model::projection::ProjectionError),
    /// The newest year has no capex on the basis.
    #[error("{ticker} on capex {basis}: {reason}")]
    Undisclosed {
        /// The company.
        ticker: String,
        /// The basis, in words.
        basis: String,
        /// Why the newest year has no value (the gap's reason).
        reason: String,
    },
}

/// One dataset with capex on `basis`, or why its newest year has none.
fn dataset_on_capex_basis(
    dataset: &Dataset,
    basis: CapexBasis,
) -> Result<Dataset, CapexBasisError> {
    let metric = basis.metric();
    let on = |frequency| {
        let options = SeriesOptions {
            frequency,
            alignment: Alignment::Fiscal,
            basis: Basis::Latest,
        };
        series_with(dataset, metric, options).points
    };
    let (years, quarters) = (on(Frequency::Annual), on(Frequency::Quarterly));
    let mut converted = dataset.clone();
    for record in &mut converted.periods {
        let label = record.period.to_string();
        let points = if record.period.is_quarter() {
            &quarters
        } else {
            &years
        };
        record.capex = points
            .iter()
            .find(|point| point.slot.label == label)
            .and_then(|point| point.value);
    }
    let ticker = &dataset.company.ticker;
    let base = base_year(dataset)?;
    let newest = format!("FY{}", base.fiscal_year);
    match years.iter().find(|point| point.slot.label == newest) {
        Some(point) if point.value.is_some() => Ok(converted),
        point => Err(CapexBasisError::Undisclosed {
            ticker: ticker.clone(),
            basis: basis.label().to_lowercase(),
            reason: point
                .and_then(|point| point.gap.clone())
                .unwrap_or_else(|| format!("no {newest} value")),
        }),
    }
}

/// The projection's text and the companies left out, or the error for an unknown company.
pub fn build(
    library: &Library,
    scenario: &Scenario,
    args: &ProjectArgs,
) -> Result<ProjectOutput, ProjectError> {
    let mut projections: Vec<Projection> = Vec::new();
    let mut skipped = Vec::new();
    for result in scenario.project(library) {
        match result {
            Ok(projection) => projections.push(projection),
            Err(error) => skipped.push(error.to_string()),
        }
    }
    // Loaded companies the scenario has no assumptions for: a preset leaves out those without a
    // base year, so say why.
    for entry in library.entries() {
        let ticker = &entry.dataset.company.ticker;
        if scenario.assumptions(ticker).is_none() {
            skipped.push(match base_year(&entry.dataset) {
                Err(error) => error.to_string(),
                Ok(_) => format!("{ticker} is not in scenario \"{}\"", scenario.name),
            });
        }
    }
    for ticker in &args.companies {
        if !projections
            .iter()
            .any(|projection| projection.ticker.eq_ignore_ascii_case(ticker))
        {
            let known: Vec<&str> = projections
                .iter()
                .map(|projection| projection.ticker.as_str())
                .collect();
            return Err(ProjectError::UnknownCompany {
                ticker: ticker.clone(),
                known: known.join(", "),
            });
        }
    }
    projections.retain(|projection| {
        args.companies.is_empty()
            || args
                .companies
                .iter()
                .any(|ticker| projection.ticker.eq_ignore_ascii_case(ticker))
    });
    if !args.companies.is_empty() {
        skipped.retain(|line| {
            args.companies
                .iter()
                .any(|ticker| line.starts_with(&format!("{} ", ticker.to_ascii_uppercase())))
        });
    }
    // A company whose newest fiscal year is already the last projected one has no year to
    // project: say so rather than print its header alone.
    let (projections, nothing): (Vec<Projection>, Vec<Projection>) = projections
        .into_iter()
        .partition(|projection| !projection.years.is_empty());
    for projection in nothing {
        skipped.push(format!(
            "{} has no year to project: its newest fiscal year with the figures a projection \
             starts from, FY{}, is not before FY{LAST_YEAR}, the last year projected",
            projection.ticker, projection.base.fiscal_year
        ));
    }
    let metrics: Vec<ProjectedMetric> = args
        .metric
        .map_or_else(|| ProjectedMetric::ALL.to_vec(), |metric| vec![metric]);
    let text = if args.csv {
        csv(&projections, &metrics)
    } else {
        table(&projections, &metrics, scenario, args.basis.into())
    };
    Ok(ProjectOutput {
        text,
        skipped,
        projected: projections.len(),
    })
}

/// `company,year,metric,value` at full precision (three decimals in US$ B, four in percent).
fn csv(projections: &[Projection], metrics: &[ProjectedMetric]) -> String {
    let mut out = String::from("company,year,metric,value\n");
    for projection in projections {
        for year in &projection.years {
            for metric in metrics {
                let _ = writeln!(
                    out,
                    "{},{},{},{}",
                    projection.ticker,
                    year.fiscal_year,
                    metric.key(),
                    metric.unit().csv(metric.of(year))
                );
            }
        }
    }
    out
}

/// The aligned table, rounded to one decimal for reading.
fn table(
    projections: &[Projection],
    metrics: &[ProjectedMetric],
    scenario: &Scenario,
    basis: Basis,
) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Scenario: {}",
        flywheel_model::escape_controls(&scenario.name)
    );
    for projection in projections {
        let _ = writeln!(
            out,
            "\n{} — from {} (reported; {}), US$ billions; margins in %; payback of the 2025 AI \
             capex: {}",
            projection.ticker,
            projection.base.describe(),
            basis.label().to_lowercase(),
            projection.payback
        );
        // Columns as wide as their widest cell (eight characters at least), a space between
        // them: an amount of US$100 trillion must not run into its neighbour.
        let width = metrics
            .iter()
            .flat_map(|metric| {
                projection
                    .years
                    .iter()
                    .map(|year| super::one_decimal(metric.of(year)).chars().count())
            })
            .fold(8, usize::max);
        let _ = write!(out, "{:<26}", "");
        for year in &projection.years {
            let _ = write!(out, " {:>width$}", format!("FY{}", year.fiscal_year));
        }
        out.push('\n');
        for metric in metrics {
            let _ = write!(out, "{:<26}", metric.key());
            for year in &projection.years {
                let _ = write!(out, " {:>width$}", super::one_decimal(metric.of(year)));
            }
            out.push('\n');
        }
    }
    out
}
