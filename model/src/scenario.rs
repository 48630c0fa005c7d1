//! Named scenarios: a set of assumptions per company, Bear/Base/Bull presets built from the
//! defaults, and scenario files (RON) that remember which data they were made against.

use serde::{Deserialize, Serialize};

use crate::error::{LoadError, Problem};
use crate::library::Library;
use crate::projection::{
    Assumption, Assumptions, Projection, ProjectionError, base_year, default_assumptions, project,
};
use crate::ron_document::RonDocument;

/// One company's assumptions in a scenario.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CompanyAssumptions {
    /// The company's ticker.
    pub ticker: String,
    /// Its assumptions.
    pub assumptions: Assumptions,
}

/// A named scenario, as saved to a file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Shown in the scenario list and on charts.
    pub name: String,
    /// [`data_fingerprint`] of the data the scenario was made against.
    pub data_fingerprint: String,
    /// Assumptions per company.
    pub companies: Vec<CompanyAssumptions>,
}

/// The three preset scenarios.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Preset {
    /// Slower growth, costlier operations, half the AI yield, capex racing on.
    Bear,
    /// The defaults: each company's history and guidance.
    Base,
    /// Faster growth, leaner operations, nearly double the AI yield, capex easing.
    Bull,
}

impl Preset {
    /// Every preset, in menu order.
    pub const ALL: [Self; 3] = [Self::Bear, Self::Base, Self::Bull];

    /// Its name.
    pub fn name(self) -> &'static str {
        match self {
            Self::Bear => "Bear",
            Self::Base => "Base",
            Self::Bull => "Bull",
        }
    }

    /// The preset's assumptions for a company whose defaults are `base` (last capex `last_capex`).
    pub fn apply(self, base: &Assumptions, last_capex: f64) -> Assumptions {
        let shift = |assumptions: Assumptions, assumption: Assumption, change: f64| {
            let (low, high) = assumption.range(last_capex);
            assumptions.with(
                assumption,
                (assumptions.get(assumption) + change).clamp(low, high),
            )
        };
        let scale = |assumptions: Assumptions, assumption: Assumption, factor: f64| {
            let (low, high) = assumption.range(last_capex);
            assumptions.with(
                assumption,
                (assumptions.get(assumption) * factor).clamp(low, high),
            )
        };
        match self {
            Self::Base => *base,
            Self::Bear => {
                let bear = shift(*base, Assumption::RevenueGrowth, -4.0);
                let bear = shift(bear, Assumption::OpexGrowth, 2.0);
                let bear = shift(bear, Assumption::CapexGrowth, 5.0);
                scale(bear, Assumption::AiRevenueYield, 0.5)
            }
            Self::Bull => {
                let bull = shift(*base, Assumption::RevenueGrowth, 3.0);
                let bull = shift(bull, Assumption::OpexGrowth, -2.0);
                let bull = shift(bull, Assumption::CapexGrowth, -5.0);
                scale(bull, Assumption::AiRevenueYield, 1.8)
            }
        }
    }
}

impl Scenario {
    /// A preset for every company in `library` that has a base year; companies without one are
    /// left out (they cannot be projected).
    pub fn preset(library: &Library, preset: Preset) -> Self {
        Self::preset_with_fingerprint(library, preset, data_fingerprint(library))
    }

    /// [`Self::preset`] with the library's [`data_fingerprint`] already computed: making every
    /// preset at once hashes the data once (the fingerprint serialises every dataset, and at
    /// start-up it cost more than drawing a picture).
    pub fn preset_with_fingerprint(library: &Library, preset: Preset, fingerprint: String) -> Self {
        let companies = library
            .entries()
            .iter()
            .filter_map(|entry| {
                let (defaults, _) = default_assumptions(&entry.dataset).ok()?;
                let last_capex = base_year(&entry.dataset).ok()?.capex;
                Some(CompanyAssumptions {
                    ticker: entry.dataset.company.ticker.clone(),
                    assumptions: preset.apply(&defaults, last_capex),
                })
            })
            .collect();
        Self {
            name: preset.name().to_owned(),
            data_fingerprint: fingerprint,
            companies,
        }
    }

    /// The assumptions for a ticker.
    pub fn assumptions(&self, ticker: &str) -> Option<&Assumptions> {
        self.companies
            .iter()
            .find(|company| company.ticker == ticker)
            .map(|company| &company.assumptions)
    }

    /// Mutable assumptions for a ticker.
    pub fn assumptions_mut(&mut self, ticker: &str) -> Option<&mut Assumptions> {
        self.companies
            .iter_mut()
            .find(|company| company.ticker == ticker)
            .map(|company| &mut company.assumptions)
    }

    /// Projects every company of the scenario that is in `library`.
    pub fn project(&self, library: &Library) -> Vec<Result<Projection, ProjectionError>> {
        self.companies
            .iter()
            .filter_map(|company| {
                let dataset = library.get(&company.ticker)?;
                Some(
                    base_year(dataset)
                        .map(|base| project(&company.ticker, &base, &company.assumptions)),
                )
            })
            .collect()
    }

    /// Warnings when opening the scenario against `library`: other data, unknown companies.
    pub fn warnings_against(&self, library: &Library) -> Vec<String> {
        let mut warnings = Vec::new();
        if self.data_fingerprint != data_fingerprint(library) {
            warnings.push(format!(
                "scenario \"{}\" was made against different data (fingerprint {}, loaded data \
                 {}): its projections start from today's figures",
                self.name,
                self.data_fingerprint,
                data_fingerprint(library)
            ));
        }
        for company in &self.companies {
            if library.get(&company.ticker).is_none() {
                warnings.push(format!(
                    "scenario \"{}\" has assumptions for {}, which is not loaded",
                    self.name, company.ticker
                ));
            }
        }
        warnings
    }

    /// The scenario as RON text, for saving.
    pub fn to_ron(&self) -> Result<String, ron::Error> {
        ron::ser::to_string_pretty(self, ron::ser::PrettyConfig::default())
    }
}

/// A short, stable fingerprint of the loaded datasets (FNV-1a over their JSON text in ticker
/// order, hashed as it is written): two libraries with the same figures and sources have the
/// same fingerprint. JSON rather than RON: every window and `render` hashes the data once, and
/// RON's string escaping made that a tenth of a still picture's time.
pub fn data_fingerprint(library: &Library) -> String {
    let mut datasets: Vec<_> = library
        .entries()
        .iter()
        .map(|entry| &entry.dataset)
        .collect();
    datasets.sort_by(|a, b| a.company.ticker.cmp(&b.company.ticker));
    let mut hash = Fnv1a(0xcbf2_9ce4_8422_2325);
    for dataset in datasets {
        // Plain data always serializes; were it ever to fail, what was written still hashes.
        let _ = serde_json::to_writer(&mut hash, dataset);
    }
    format!("{:016x}", hash.0)
}

/// FNV-1a over the bytes written to it.
struct Fnv1a(u64);

impl std::io::Write for Fnv1a {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        for byte in bytes {
            self.0 ^= u64::from(*byte);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Reads and checks a scenario file from disk ([`crate::load::read_text`], then
/// [`parse_scenario`]).
pub fn load_scenario(path: &std::path::Path) -> Result<Scenario, LoadError> {
    let text = crate::load::read_text(path)?;
    parse_scenario(&path.display().to_string(), &text)
}

/// Parses and checks a scenario file: syntax, unknown or missing fields, companies listed twice
/// (tickers compared ignoring letter case), values that are not finite or outside their range.
pub fn parse_scenario(name: &str, text: &str) -> Result<Scenario, LoadError> {
    let (scenario, document) = RonDocument::parse::<Scenario>(name, text)?;
    let mut errors = Vec::new();
    // A set, not a search of the earlier entries, so a file of many companies stays linear.
    let mut seen = std::collections::HashSet::new();
    for (position, company) in scenario.companies.iter().enumerate() {
        if !seen.insert(company.ticker.to_ascii_uppercase()) {
            errors.push(document.error_at(
                &format!("companies[{position}].ticker"),
                Problem::InvalidValue(format!("{} appears twice in the scenario", company.ticker)),
            ));
        }
        for assumption in Assumption::ALL {
            let value = company.assumptions.get(assumption);
            let path = format!("companies[{position}].assumptions.{}", assumption.key());
            let (low, high) = assumption.file_range();
            let problem = if !value.is_finite() {
                Problem::NotFinite {
                    figure: assumption.key().to_owned(),
                    period: company.ticker.clone(),
                    value,
                }
            } else if !(low..=high).contains(&value) {
                Problem::InvalidValue(format!(
                    "{} for {} is {value}, outside its range {low} to {high} ({})",
                    assumption.key(),
                    company.ticker,
                    assumption.unit()
                ))
            } else {
                continue;
            };
            errors.push(document.error_at(&path, problem));
        }
    }
    LoadError::ok_unless(scenario, errors)
}
