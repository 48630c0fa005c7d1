//! The loaded data as the views see it: which companies are shown, in which colour, and their
//! series for the current period settings. Series are cached, because a frame may ask for the
//! same series several times and the data changes only when a file is loaded or a setting moves.
//! Hover texts are remembered too ([`remembered_hover_text`]): a frame asks for one per value
//! drawn, and writing each (formula, filings) cost more than drawing it.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::atomic::{AtomicU64, Ordering};

use egui::{Color32, Visuals};
use flywheel_model::guidance::GuidanceCheck;
use flywheel_model::metrics::Transform;
use flywheel_model::{
    Alignment, Basis, Dataset, Frequency, Library, Metric, Observation, Series, SeriesOptions,
    series_with,
};

use crate::lens::Lens;
use crate::theme::company_color;

/// A company that is switched on, with its colour.
pub struct ShownCompany<'a> {
    /// The data.
    pub dataset: &'a Dataset,
    /// Its fixed colour.
    pub color: Color32,
}

type CacheKey = (String, Metric, Frequency, Alignment, Basis);

/// The series' settings; each holds the series by ticker, so a lookup borrows the ticker
/// instead of copying it (a frame looks series up thousands of times with many companies).
type SettingsKey = (Metric, Frequency, Alignment, Basis);

/// A transformed series: the series' key, the transform, and the years shown (an index starts
/// at the first shown period).
type ShownKey = (CacheKey, Transform, i32, i32);

/// What a loaded company's status-line entry counts, written out once per loaded library:
/// walking every figure of every period each frame cost more than the rest of the line.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CoverageCounts {
    /// Fiscal years in the dataset.
    pub years: usize,
    /// Quarters in the dataset.
    pub quarters: usize,
    /// Each figure not in the data, with its reason (latest basis).
    pub missing: Vec<String>,
    /// Each figure quoted from a secondary source.
    pub secondary: Vec<String>,
}

/// The library plus a cache of computed series.
#[derive(Default)]
pub struct DataView {
    library: Library,
    cache: RefCell<HashMap<SettingsKey, HashMap<String, Rc<Series>>>>,
    shown: RefCell<HashMap<ShownKey, Rc<Series>>>,
    coverage: RefCell<HashMap<String, Rc<CoverageCounts>>>,
    guidance: RefCell<HashMap<String, Rc<Vec<GuidanceCheck>>>>,
}

impl DataView {
    /// Wraps a library.
    pub fn new(library: Library) -> Self {
        forget_hover_texts();
        Self {
            library,
            cache: RefCell::default(),
            shown: RefCell::default(),
            coverage: RefCell::default(),
            guidance: RefCell::default(),
        }
    }

    /// The datasets.
    pub fn library(&self) -> &Library {
        &self.library
    }

    /// Changes the datasets (and forgets every cached series).
    pub fn library_mut(&mut self) -> &mut Library {
        self.cache.get_mut().clear();
        self.shown.get_mut().clear();
        self.coverage.get_mut().clear();
        self.guidance.get_mut().clear();
        forget_hover_texts();
        &mut self.library
    }

    /// Every loaded company with its colour, switched on or not.
    pub fn companies<'a>(&'a self, visuals: &Visuals) -> Vec<ShownCompany<'a>> {
        self.library
            .entries()
            .iter()
            .enumerate()
            .map(|(index, entry)| ShownCompany {
                dataset: &entry.dataset,
                color: company_color(&entry.dataset.company.ticker, index, visuals),
            })
            .collect()
    }

    /// The companies switched on in `lens`.
    pub fn shown<'a>(&'a self, lens: &Lens, visuals: &Visuals) -> Vec<ShownCompany<'a>> {
        self.companies(visuals)
            .into_iter()
            .filter(|company| lens.shows(&company.dataset.company.ticker))
            .collect()
    }

    /// One metric of one company, for the lens's periods and basis.
    pub fn series(&self, dataset: &Dataset, metric: Metric, lens: &Lens) -> Rc<Series> {
        let options = SeriesOptions {
            frequency: lens.frequency,
            alignment: lens.alignment,
            basis: lens.basis,
        };
        self.series_for(dataset, metric, options)
    }

    /// One metric of one company, for periods and a basis of the caller's own (the scenario
    /// view's fiscal years on the latest basis, whatever the lens).
    pub fn series_for(
        &self,
        dataset: &Dataset,
        metric: Metric,
        options: SeriesOptions,
    ) -> Rc<Series> {
        let settings = (metric, options.frequency, options.alignment, options.basis);
        let ticker = dataset.company.ticker.as_str();
        let mut cache = self.cache.borrow_mut();
        let by_ticker = cache.entry(settings).or_default();
        if let Some(series) = by_ticker.get(ticker) {
            return Rc::clone(series);
        }
        let series = Rc::new(series_with(dataset, metric, options));
        by_ticker.insert(ticker.to_owned(), Rc::clone(&series));
        series
    }

    /// One metric of one company as a chart shows it: `transform`ed, an index starting at the
    /// first period in the lens's years. Kept like the series themselves: a transform walks
    /// every point and writes each one's explanation.
    pub fn shown_series(
        &self,
        dataset: &Dataset,
        metric: Metric,
        lens: &Lens,
        transform: Transform,
    ) -> Rc<Series> {
        let series = self.series(dataset, metric, lens);
        if transform == Transform::Value {
            return series;
        }
        let key = (
            cache_key(dataset, metric, lens),
            transform,
            lens.first_year,
            lens.last_year,
        );
        Rc::clone(
            self.shown.borrow_mut().entry(key).or_insert_with(|| {
                Rc::new(series.transformed(transform, |slot| lens.contains(slot)))
            }),
        )
    }

    /// The periods, gaps and secondary figures of `dataset` (one of the library's), counted
    /// once per loaded library.
    pub fn coverage_counts(&self, dataset: &Dataset) -> Rc<CoverageCounts> {
        let mut cache = self.coverage.borrow_mut();
        let counts = cache
            .entry(dataset.company.ticker.clone())
            .or_insert_with(|| {
                let years = dataset
                    .periods
                    .iter()
                    .filter(|record| !record.period.is_quarter())
                    .count();
                let coverage = dataset.coverage(Basis::Latest);
                Rc::new(CoverageCounts {
                    years,
                    quarters: dataset.periods.len() - years,
                    missing: coverage.missing.iter().map(ToString::to_string).collect(),
                    secondary: coverage.secondary.iter().map(ToString::to_string).collect(),
                })
            });
        Rc::clone(counts)
    }

    /// Each guidance statement of `dataset` (one of the library's) with the actual it is judged
    /// against, worked out once per loaded library rather than every frame.
    pub fn guidance_record(&self, dataset: &Dataset) -> Rc<Vec<GuidanceCheck>> {
        let mut cache = self.guidance.borrow_mut();
        let record = cache
            .entry(dataset.company.ticker.clone())
            .or_insert_with(|| Rc::new(flywheel_model::guidance_record(dataset)));
        Rc::clone(record)
    }

    /// First and last calendar year with any data, for the year-range controls.
    pub fn year_bounds(&self) -> (i32, i32) {
        let years = self.library.entries().iter().flat_map(|entry| {
            entry
                .dataset
                .periods
                .iter()
                .map(|record| record.end_date.year)
        });
        let first = years.clone().min().unwrap_or(2015);
        let last = years.max().unwrap_or(2025);
        (first, last)
    }
}

fn cache_key(dataset: &Dataset, metric: Metric, lens: &Lens) -> CacheKey {
    (
        dataset.company.ticker.clone(),
        metric,
        lens.frequency,
        lens.alignment,
        lens.basis,
    )
}

/// Bumped whenever any loaded data changes: hover texts written before are forgotten.
static DATA_GENERATION: AtomicU64 = AtomicU64::new(0);

/// More remembered hover texts than this (many companies, every setting tried) start afresh.
const MAX_REMEMBERED_TEXTS: usize = 200_000;

/// Where a hover text's observation sits: the series and the observation in memory (both
/// stay put while the series is cached), the metric it is shown as, and the ticker.
type HoverTextKey = (usize, usize, Metric, u64);

/// What is checked before a remembered text is used again: should a series built outside the
/// caches come to sit where a dropped one was, a text is reused only for the same metric,
/// transform, period, value and number of inputs.
type HoverTextCheck = (
    Metric,
    Transform,
    Basis,
    flywheel_model::Date,
    Option<u64>,
    usize,
);

/// Hover texts written on this thread, and the data generation they were written in.
#[derive(Default)]
struct RememberedTexts {
    generation: u64,
    texts: HashMap<HoverTextKey, (HoverTextCheck, String)>,
}

thread_local! {
    static REMEMBERED: RefCell<RememberedTexts> = RefCell::default();
}

fn forget_hover_texts() {
    DATA_GENERATION.fetch_add(1, Ordering::Relaxed);
}

/// The hover text of `observation` in `series`, shown as `metric` for `ticker`: written by
/// `write` the first time, then the same text again until data is loaded or changed. Texts are
/// found by where the series and the observation sit in memory (the cached series stay put
/// until data changes, and then every text is forgotten), so a frame pays a lookup and a copy
/// per value instead of writing formula and filings again.
pub fn remembered_hover_text(
    ticker: &str,
    metric: Metric,
    observation: &Observation,
    series: &Series,
    write: impl FnOnce() -> String,
) -> String {
    let key = (
        std::ptr::from_ref(series) as usize,
        std::ptr::from_ref(observation) as usize,
        metric,
        egui::util::hash(ticker),
    );
    let check = (
        series.metric,
        series.transform,
        series.basis,
        observation.slot.end_date,
        observation.value.map(f64::to_bits),
        observation.inputs.len(),
    );
    let generation = DATA_GENERATION.load(Ordering::Relaxed);
    REMEMBERED.with_borrow_mut(|remembered| {
        if remembered.generation != generation || remembered.texts.len() >= MAX_REMEMBERED_TEXTS {
            remembered.texts.clear();
            remembered.generation = generation;
        }
        match remembered.texts.entry(key) {
            std::collections::hash_map::Entry::Occupied(mut entry) => {
                let (known, text) = entry.get_mut();
                if *known != check {
                    *known = check;
                    *text = write();
                }
                text.clone()
            }
            std::collections::hash_map::Entry::Vacant(entry) => {
                entry.insert((check, write())).1.clone()
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use super::*;

    fn bundled() -> DataView {
        DataView::new(Library::bundled().expect("the bundled data loads"))
    }

    #[test]
    fn a_hover_text_is_written_once_until_data_changes() {
        let mut data = bundled();
        let lens = Lens::default();
        let dataset = data
            .library()
            .get("MSFT")
            .expect("Microsoft is bundled")
            .clone();
        let writes = Cell::new(0);
        let write = || {
            writes.set(writes.get() + 1);
            format!("text {}", writes.get())
        };
        let series = data.series(&dataset, Metric::Revenue, &lens);
        let point = &series.points[0];
        let first = remembered_hover_text("MSFT", Metric::Revenue, point, &series, write);
        let again = remembered_hover_text("MSFT", Metric::Revenue, point, &series, write);
        assert_eq!(
            (first.as_str(), again.as_str(), writes.get()),
            ("text 1", "text 1", 1)
        );
        // Another metric shown for the same value is another text.
        let other = remembered_hover_text("MSFT", Metric::Capex, point, &series, write);
        assert_eq!((other.as_str(), writes.get()), ("text 2", 2));
        data.library_mut();
        let after = remembered_hover_text("MSFT", Metric::Revenue, point, &series, write);
        assert_eq!((after.as_str(), writes.get()), ("text 3", 3));
    }

    #[test]
    fn transformed_series_are_kept_per_transform_and_years() {
        let data = bundled();
        let dataset = data
            .library()
            .get("AMZN")
            .expect("Amazon is bundled")
            .clone();
        let lens = Lens::default();
        let indexed = data.shown_series(&dataset, Metric::Revenue, &lens, Transform::Indexed);
        let again = data.shown_series(&dataset, Metric::Revenue, &lens, Transform::Indexed);
        assert!(Rc::ptr_eq(&indexed, &again));
        let expected = data
            .series(&dataset, Metric::Revenue, &lens)
            .transformed(Transform::Indexed, |slot| lens.contains(slot));
        assert_eq!(*indexed, expected);
        let later = Lens {
            first_year: 2020,
            ..Lens::default()
        };
        let from_2020 = data.shown_series(&dataset, Metric::Revenue, &later, Transform::Indexed);
        assert_eq!(from_2020.indexed_to.as_deref(), Some("FY2020"));
        assert_ne!(indexed.indexed_to, from_2020.indexed_to);
    }

    #[test]
    fn coverage_counts_are_the_datasets_own() {
        let data = bundled();
        for entry in data.library().entries() {
            let dataset = &entry.dataset;
            let counts = data.coverage_counts(dataset);
            let coverage = dataset.coverage(Basis::Latest);
            let quarters = dataset
                .periods
                .iter()
                .filter(|record| record.period.is_quarter())
                .count();
            assert_eq!(counts.quarters, quarters);
            assert_eq!(counts.years + counts.quarters, dataset.periods.len());
            let missing: Vec<String> = coverage.missing.iter().map(ToString::to_string).collect();
            assert_eq!(counts.missing, missing);
            assert!(Rc::ptr_eq(&counts, &data.coverage_counts(dataset)));
        }
    }
}
