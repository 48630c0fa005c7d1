//! Flywheel's model: company datasets transcribed from filings, their validation, and the
//! metrics derived from them. Pure Rust with no GUI dependency, so the desktop app, the command
//! line, the tests and the benchmarks all compute the same numbers the same way.
//!
//! ```
//! use flywheel_model::{Alignment, Frequency, Library, Metric, series};
//!
//! let library = Library::bundled().expect("the bundled data is valid");
//! let amazon = library.get("AMZN").expect("Amazon is bundled");
//! let margin = series(amazon, Metric::CloudMargin, Frequency::Quarterly, Alignment::Fiscal);
//! let latest = margin.latest().expect("AWS reports its margin");
//! // Every value can say how it was computed and which filings it comes from.
//! assert!(latest.explain(Metric::CloudMargin).contains("Formula: cloud operating income ÷ cloud revenue"));
//! ```

pub mod companyfacts;
pub mod dataset;
pub mod date;
pub mod error;
pub mod guidance;
pub mod library;
pub mod load;
pub mod merge;
pub mod metrics;
pub mod period;
pub mod projection;
pub mod ron_document;
pub mod scenario;
mod spans;
pub mod text;
pub mod validate;

pub use companyfacts::{
    Derivation, Fact, ImportError, Imported, ImportedFigure, ImportedPeriod, parse_company_facts,
    read_company_facts, to_dataset,
};
pub use dataset::{
    BasedValue, Basis, Company, Coverage, Dataset, Figure, FigureSource, FirstReported, Gap,
    GapReason, Grade, Guidance, MissingFigure, PeriodRecord, Restatement, RestatementReason,
    SecondaryFigure, Source, Unit,
};
pub use date::{Date, DateError};
pub use error::{AmountBound, DataError, LoadError, Problem};
pub use guidance::{GuidanceCheck, Outcome, guidance_record};
pub use library::{AddSummary, Entry, Library, Origin};
pub use load::read_text;
pub use merge::{FigureDifference, FilledFigure, LibraryImport, MergeReport, import_into, merge};
pub use metrics::{
    BasisChange, CapexBasis, Input, Metric, Observation, Series, SeriesOptions, ValueUnit,
    calendarization_method, series, series_with,
};
pub use period::{Alignment, FiscalPeriod, Frequency, PeriodError, PeriodSlot};
pub use projection::{
    Assumption, Assumptions, BaseYear, CarriedFigure, Payback, ProjectedMetric, ProjectedYear,
    Projection, TornadoRow, TornadoStep, project, tornado,
};
pub use ron_document::{RonDocument, top_level_fields};
pub use scenario::{
    CompanyAssumptions, Preset, Scenario, data_fingerprint, load_scenario, parse_scenario,
};
pub use text::escape_controls;
