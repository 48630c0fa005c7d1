//! The loaded data as the views see it: which companies are shown, in which colour, and their
//! series for the current period settings. Series are cached, because a frame may ask for the
//! same series several times and the data changes only when a file is loaded or a setting moves.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use egui::{Color32, Visuals};
use flywheel_model::{
    Alignment, Basis, Dataset, Frequency, Library, Metric, Series, SeriesOptions, series_with,
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

/// The library plus a cache of computed series.
#[derive(Default)]
pub struct DataView {
    library: Library,
    cache: RefCell<HashMap<CacheKey, Rc<Series>>>,
}

impl DataView {
    /// Wraps a library.
    pub fn new(library: Library) -> Self {
        Self {
            library,
            cache: RefCell::default(),
        }
    }

    /// The datasets.
    pub fn library(&self) -> &Library {
        &self.library
    }

    /// Changes the datasets (and forgets every cached series).
    pub fn library_mut(&mut self) -> &mut Library {
        self.cache.get_mut().clear();
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
        let key = (
            dataset.company.ticker.clone(),
            metric,
            lens.frequency,
            lens.alignment,
            lens.basis,
        );
        let options = SeriesOptions {
            frequency: lens.frequency,
            alignment: lens.alignment,
            basis: lens.basis,
        };
        Rc::clone(
            self.cache
                .borrow_mut()
                .entry(key)
                .or_insert_with(|| Rc::new(series_with(dataset, metric, options))),
        )
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
