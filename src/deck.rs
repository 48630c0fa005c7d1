//! Decks: an ordered list of slides, each a saved view with a title and a one-line takeaway,
//! stepped through in presenter mode. Plain serde data, saved as RON.

use std::path::Path;

use flywheel_model::{LoadError, Metric, Problem, RonDocument, read_text};
use serde::{Deserialize, Serialize};

use crate::lens::Lens;

/// The deck bundled with the app: the story of the AI capex race in six slides.
pub const SAMPLE_DECK: (&str, &str) = ("data/deck.ron", include_str!("../data/deck.ron"));

/// One slide: what to show and what to say about it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Slide {
    /// Shown at the top while presenting.
    pub title: String,
    /// One line under the chart: the point of the slide.
    pub takeaway: String,
    /// What the slide shows.
    pub lens: Lens,
    /// The scenario shown, by name (Scenario view); `None` keeps the one being worked on.
    #[serde(default)]
    pub scenario: Option<String>,
}

/// A note pinned to one value, e.g. "Q4 2024: record $20B net income": drawn with a marker
/// and a leader line on every chart of its metric that shows its company and period.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Annotation {
    /// The company's ticker.
    pub company: String,
    /// The metric of the value.
    pub metric: Metric,
    /// The period as charts label it: "2024Q4", "FY2024", "CY2024" or "TTM 2024Q4".
    pub period: String,
    /// The note.
    pub text: String,
}

impl Annotation {
    /// "AMZN · Net income · 2024Q4": what the note is pinned to.
    pub fn pinned_to(&self) -> String {
        format!(
            "{} · {} · {}",
            self.company,
            self.metric.label(),
            self.period
        )
    }
}

/// An ordered list of slides, and the notes drawn on their charts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Deck {
    /// Shown with the slide counter.
    pub title: String,
    /// The slides, in order.
    pub slides: Vec<Slide>,
    /// Notes pinned to values; kept with the deck so they travel with its slides.
    #[serde(default)]
    pub annotations: Vec<Annotation>,
}

impl Deck {
    /// The bundled sample deck (checked by the tests, so an error here means a broken build).
    pub fn sample() -> Result<Self, LoadError> {
        parse_deck(SAMPLE_DECK.0, SAMPLE_DECK.1)
    }

    /// The deck as RON text, for saving.
    pub fn to_ron(&self) -> Result<String, ron::Error> {
        ron::ser::to_string_pretty(self, ron::ser::PrettyConfig::default())
    }
}

/// Parses a deck file, with `file:line:column` errors; a slide whose year range is reversed is
/// an error too.
pub fn parse_deck(name: &str, text: &str) -> Result<Deck, LoadError> {
    let (deck, document) = RonDocument::parse::<Deck>(name, text)?;
    let mut errors = Vec::new();
    for (index, slide) in deck.slides.iter().enumerate() {
        if slide.lens.first_year > slide.lens.last_year {
            let message = format!(
                "slide \"{}\" starts in {} but ends in {}",
                slide.title, slide.lens.first_year, slide.lens.last_year
            );
            let path = format!("slides[{index}].lens.last_year");
            errors.push(document.error_at(&path, Problem::InvalidValue(message)));
        }
    }
    for (index, note) in deck.annotations.iter().enumerate() {
        if note.text.trim().is_empty() {
            let message = format!("the note on {} has no text", note.pinned_to());
            let path = format!("annotations[{index}].text");
            errors.push(document.error_at(&path, Problem::InvalidValue(message)));
        }
    }
    LoadError::ok_unless(deck, errors)
}

/// Reads a deck file from disk (size-checked and refused unless a regular file, like every data
/// file).
pub fn load_deck(path: &Path) -> Result<Deck, LoadError> {
    parse_deck(&path.display().to_string(), &read_text(path)?)
}
