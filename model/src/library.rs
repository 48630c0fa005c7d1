//! The datasets loaded in a session: the bundled ones, plus files the user adds. Adding is
//! all-or-nothing: a file with any error changes nothing.

use std::collections::HashMap;
use std::path::Path;

use crate::dataset::Dataset;
use crate::error::LoadError;
use crate::load::{load_file, parse_bytes, parse_ron};

/// The datasets shipped inside the binary, so the app runs from any folder.
pub const BUNDLED: [(&str, &str); 3] = [
    ("data/amzn.ron", include_str!("../../data/amzn.ron")),
    ("data/googl.ron", include_str!("../../data/googl.ron")),
    ("data/msft.ron", include_str!("../../data/msft.ron")),
];

/// Where a dataset came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// Compiled into the binary from this path.
    Bundled(&'static str),
    /// Read from a file the user named or opened.
    File(String),
}

impl Origin {
    /// Short description for status lines.
    pub fn describe(&self) -> String {
        match self {
            Self::Bundled(path) => format!("bundled {path}"),
            Self::File(path) => path.clone(),
        }
    }
}

/// A dataset and its origin.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// The data.
    pub dataset: Dataset,
    /// Where it came from.
    pub origin: Origin,
}

/// What adding a file did.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct AddSummary {
    /// Tickers that were new.
    pub added: Vec<String>,
    /// Tickers whose earlier dataset was replaced.
    pub replaced: Vec<String>,
}

/// The loaded datasets, one per ticker, in the order first loaded.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Library {
    entries: Vec<Entry>,
    /// Position in `entries` by upper-case ticker, so that adding a file of many companies
    /// stays linear.
    position_of: HashMap<String, usize>,
}

impl Library {
    /// An empty library.
    pub fn new() -> Self {
        Self::default()
    }

    /// The bundled datasets. They are checked by the test suite, so an error here means a broken
    /// build; it is still returned, not panicked on.
    pub fn bundled() -> Result<Self, LoadError> {
        let mut library = Self::new();
        for (path, text) in BUNDLED {
            let dataset = parse_ron(path, text)?;
            library.insert(vec![dataset], &Origin::Bundled(path));
        }
        Ok(library)
    }

    /// Reads a file and adds its datasets, replacing any with the same ticker.
    pub fn add_file(&mut self, path: &Path) -> Result<AddSummary, LoadError> {
        let datasets = load_file(path)?;
        Ok(self.insert(datasets, &Origin::File(path.display().to_string())))
    }

    /// Parses file contents (e.g. dropped onto the window) and adds them.
    pub fn add_bytes(&mut self, name: &str, bytes: &[u8]) -> Result<AddSummary, LoadError> {
        let datasets = parse_bytes(name, bytes)?;
        Ok(self.insert(datasets, &Origin::File(name.to_owned())))
    }

    /// Adds already-validated datasets, replacing any with the same ticker (ignoring letter
    /// case, as every ticker comparison here does: `amzn` replaces `AMZN`).
    pub fn insert(&mut self, datasets: Vec<Dataset>, origin: &Origin) -> AddSummary {
        let mut summary = AddSummary::default();
        for dataset in datasets {
            let ticker = dataset.company.ticker.clone();
            let entry = Entry {
                dataset,
                origin: origin.clone(),
            };
            let key = ticker.to_ascii_uppercase();
            match self
                .position_of
                .get(&key)
                .and_then(|&position| self.entries.get_mut(position))
            {
                Some(existing) => {
                    *existing = entry;
                    summary.replaced.push(ticker);
                }
                None => {
                    self.position_of.insert(key, self.entries.len());
                    self.entries.push(entry);
                    summary.added.push(ticker);
                }
            }
        }
        summary
    }

    /// All entries, in load order.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The dataset for a ticker (case-insensitive).
    pub fn get(&self, ticker: &str) -> Option<&Dataset> {
        self.position_of
            .get(&ticker.to_ascii_uppercase())
            .and_then(|&position| self.entries.get(position))
            .map(|entry| &entry.dataset)
    }

    /// Tickers in load order.
    pub fn tickers(&self) -> Vec<&str> {
        self.entries
            .iter()
            .map(|entry| entry.dataset.company.ticker.as_str())
            .collect()
    }
}
