//! `flywheel project`: the scenario model's projection to 2030, as a table or CSV.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use flywheel_model::projection::{ProjectedMetric, Projection};
use flywheel_model::{Library, Preset, Scenario, load_scenario};

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
    /// Print CSV (`company,year,metric,value`).
    #[arg(long)]
    pub csv: bool,
    /// Extra dataset files (.ron or .csv), each replacing the company it names.
    #[arg(long = "data", value_name = "FILE")]
    pub data: Vec<PathBuf>,
}

/// Prints the projection; 0 on success, 1 on bad files, 2 on an unknown company.
pub fn run(args: &ProjectArgs) -> ExitCode {
    let library = match super::load_library(&args.data) {
        Ok(library) => library,
        Err(code) => return code,
    };
    let scenario = match &args.scenario {
        Some(path) => match load_scenario(path) {
            Ok(scenario) => scenario,
            Err(error) => {
                eprintln!("{error}");
                return ExitCode::FAILURE;
            }
        },
        None => Scenario::preset(&library, Preset::Base),
    };
    for warning in scenario.warnings_against(&library) {
        eprintln!("warning: {warning}");
    }
    super::finish(build(&library, &scenario, args))
}

/// The projection's text, or a message for an unknown company.
pub fn build(library: &Library, scenario: &Scenario, args: &ProjectArgs) -> Result<String, String> {
    let mut projections: Vec<Projection> = Vec::new();
    for result in scenario.project(library) {
        match result {
            Ok(projection) => projections.push(projection),
            Err(error) => return Err(error.to_string()),
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
            return Err(format!(
                "no projection for company {ticker}; the scenario has: {}",
                known.join(", ")
            ));
        }
    }
    projections.retain(|projection| {
        args.companies.is_empty()
            || args
                .companies
                .iter()
                .any(|ticker| projection.ticker.eq_ignore_ascii_case(ticker))
    });
    let metrics: Vec<ProjectedMetric> = args
        .metric
        .map_or_else(|| ProjectedMetric::ALL.to_vec(), |metric| vec![metric]);
    let mut out = String::new();
    if args.csv {
        out.push_str("company,year,metric,value\n");
        for projection in &projections {
            for year in &projection.years {
                for metric in &metrics {
                    let _ = writeln!(
                        out,
                        "{},{},{},{:.1}",
                        projection.ticker,
                        year.fiscal_year,
                        metric.key(),
                        metric.of(year)
                    );
                }
            }
        }
        return Ok(out);
    }
    let _ = writeln!(out, "Scenario: {}", scenario.name);
    for projection in &projections {
        let _ = writeln!(
            out,
            "\n{} — from FY{} (reported), US$ billions; margins in %; payback of the 2025 capex: {}",
            projection.ticker, projection.base.fiscal_year, projection.payback
        );
        let _ = write!(out, "{:<26}", "");
        for year in &projection.years {
            let _ = write!(out, "{:>9}", format!("FY{}", year.fiscal_year));
        }
        out.push('\n');
        for metric in &metrics {
            let _ = write!(out, "{:<26}", metric.key());
            for year in &projection.years {
                let _ = write!(out, "{:>9.1}", metric.of(year));
            }
            out.push('\n');
        }
    }
    Ok(out)
}
