//! Decks: an ordered list of slides, each a saved view with a title, a one-line takeaway and
//! speaker notes, stepped through in presenter mode. Plain serde data, saved as RON. Slide text
//! holds live numbers, `{TICKER:metric:PERIOD}`, filled from the data when drawn
//! ([`fill_live_numbers`]) and checked against the bundled data when a deck file is loaded.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use flywheel_model::{
    Alignment, DataError, Figure, FiscalPeriod, Frequency, Guidance, Library, LoadError, Metric,
    Preset, Problem, RonDocument, read_text, series,
};
use serde::{Deserialize, Serialize};

use crate::lens::{Lens, View};

/// The deck bundled with the app: the story of the AI capex race in seven slides.
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
    /// Speaker notes, shown in the presenter view only; may hold live numbers too.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
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
    let errors = shape_errors(&deck, &document);
    LoadError::ok_unless(deck, errors)
}

/// The years a slide's range may name: four digits, as period labels write them.
pub const YEARS: std::ops::RangeInclusive<i32> = 1000..=9999;

/// What the parser cannot check: year ranges outside four-digit years or reversed, notes with
/// no text or on a period that is not a label.
fn shape_errors(deck: &Deck, document: &RonDocument) -> Vec<DataError> {
    let mut errors = Vec::new();
    for (index, slide) in deck.slides.iter().enumerate() {
        let (first, last) = (slide.lens.first_year, slide.lens.last_year);
        for (field, year) in [("first_year", first), ("last_year", last)] {
            if !YEARS.contains(&year) {
                let message = format!(
                    "slide \"{}\": {field} {year} is not a year from {} to {}",
                    slide.title,
                    YEARS.start(),
                    YEARS.end()
                );
                let path = format!("slides[{index}].lens.{field}");
                errors.push(document.error_at(&path, Problem::InvalidValue(message)));
            }
        }
        if YEARS.contains(&first) && YEARS.contains(&last) && first > last {
            let message = format!(
                "slide \"{}\" starts in {first} but ends in {last}",
                slide.title
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
        if !is_period_label(&note.period) {
            let message = format!(
                "the note on {} is on \"{}\", which is not a period: write 2024Q4, FY2024, \
                 CY2024, CY2024Q4 or TTM 2024Q4",
                note.pinned_to(),
                note.period
            );
            let path = format!("annotations[{index}].period");
            errors.push(document.error_at(&path, Problem::InvalidValue(message)));
        }
    }
    errors
}

/// Whether `label` is a period as charts label them: `2024Q4`, `FY2024`, `CY2024`, `CY2024Q4`
/// or `TTM 2024Q4`, with a four-digit year and a quarter from 1 to 4.
pub fn is_period_label(label: &str) -> bool {
    let fiscal = |text: &str| text.parse::<FiscalPeriod>().ok();
    let quarter = |text: &str| fiscal(text).is_some_and(FiscalPeriod::is_quarter);
    if let Some(quarter_label) = label.strip_prefix("TTM ") {
        quarter(quarter_label)
    } else if let Some(calendar) = label.strip_prefix("CY") {
        if calendar.contains('Q') {
            quarter(calendar)
        } else {
            fiscal(&format!("FY{calendar}")).is_some()
        }
    } else {
        fiscal(label).is_some()
    }
}

/// Reads a deck file from disk (size-checked and refused unless a regular file, like every data
/// file), and checks every live number of its slides against the bundled data: a reference to a
/// figure the data does not hold is an error at the reference's line and column.
pub fn load_deck(path: &Path) -> Result<Deck, LoadError> {
    check_deck(path, None).map(|checked| checked.deck)
}

/// A deck that loaded, and what in it names something the data does not hold: a note on a
/// company that is not loaded, or on a period its data does not have. Such a deck still opens
/// (the note is simply not drawn), so these are warnings, not errors.
#[derive(Clone, Debug, PartialEq)]
pub struct CheckedDeck {
    /// The deck.
    pub deck: Deck,
    /// Each warning at the line and column of what it is about.
    pub warnings: Vec<DataError>,
}

/// [`load_deck`], and more for `flywheel check` and `flywheel render`: with `scenarios` (the
/// names a slide's `scenario` can take there: the presets and the scenario files given), a
/// slide naming any other is an error at its line and column. Without it the names are not
/// checked: the window keeps its own scenarios, and a slide naming one it lacks keeps the
/// scenario shown.
pub fn check_deck(path: &Path, scenarios: Option<&[&str]>) -> Result<CheckedDeck, LoadError> {
    let name = path.display().to_string();
    let text = read_text(path)?;
    let (deck, document) = RonDocument::parse::<Deck>(&name, &text)?;
    let mut errors = shape_errors(&deck, &document);
    let library = Library::bundled()?;
    errors.extend(check_live_numbers(&deck, &document, &text, &library));
    errors.extend(check_focus(&deck, &document, &library));
    if let Some(scenarios) = scenarios {
        errors.extend(check_scenario_names(&deck, &document, scenarios));
    }
    let warnings = annotation_warnings(&deck, &document, &library);
    LoadError::ok_unless(CheckedDeck { deck, warnings }, errors)
}

/// Every slide whose `scenario` is none of `known`, at the name's line and column. A slide
/// names its scenario by the scenario's `name`: a preset (Bear, Base, Bull) or the `name` of a
/// scenario file.
fn check_scenario_names(deck: &Deck, document: &RonDocument, known: &[&str]) -> Vec<DataError> {
    let presets: Vec<&str> = Preset::ALL.iter().map(|preset| preset.name()).collect();
    deck.slides
        .iter()
        .enumerate()
        .filter_map(|(index, slide)| {
            let name = slide.scenario.as_deref()?;
            if known.contains(&name) {
                return None;
            }
            let message = format!(
                "slide \"{}\" shows scenario \"{name}\", which is neither a preset ({}) nor the \
                 name of a scenario file given with the deck",
                slide.title,
                presets.join(", ")
            );
            let path = format!("slides[{index}].scenario");
            Some(document.error_at(&path, Problem::InvalidValue(message)))
        })
        .collect()
}

/// Every note on a company `library` does not hold, or on a period that company's data does not
/// have, at the company's or the period's line and column.
fn annotation_warnings(deck: &Deck, document: &RonDocument, library: &Library) -> Vec<DataError> {
    // The labels of one company's series, computed once for all the notes on it.
    let mut labels: HashMap<(String, Metric, Frequency, Alignment), HashSet<String>> =
        HashMap::new();
    let mut warnings = Vec::new();
    for (index, note) in deck.annotations.iter().enumerate() {
        let Some(dataset) = library.get(&note.company) else {
            let message = format!(
                "the note on {} names {}, which is not in the loaded data ({})",
                note.pinned_to(),
                note.company,
                library.tickers().join(", ")
            );
            let path = format!("annotations[{index}].company");
            warnings.push(document.error_at(&path, Problem::InvalidValue(message)));
            continue;
        };
        if !is_period_label(&note.period) {
            // An error already.
            continue;
        }
        let (frequency, alignment) = label_options(&note.period);
        let key = (
            dataset.company.ticker.clone(),
            note.metric,
            frequency,
            alignment,
        );
        let known = labels.entry(key).or_insert_with(|| {
            series(dataset, note.metric, frequency, alignment)
                .points
                .into_iter()
                .map(|point| point.slot.label)
                .collect()
        });
        if !known.contains(&note.period) {
            let message = format!(
                "the note on {} names {}, which the data of {} does not have",
                note.pinned_to(),
                note.period,
                dataset.company.ticker
            );
            let path = format!("annotations[{index}].period");
            warnings.push(document.error_at(&path, Problem::InvalidValue(message)));
        }
    }
    warnings
}

/// A chart a slide can focus: the id its view draws it under, and what the slide editor calls it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FocusChoice {
    /// The chart's id in its view (`capex.capex`).
    pub id: String,
    /// Its title, for the slide editor.
    pub title: String,
}

/// The charts of the view `lens` shows that a slide can focus, in the view's order; the
/// Flywheel view has a column of three per company of `tickers`. Kept next to the views by a
/// test that draws every view and compares.
pub fn focusable_charts(lens: &Lens, tickers: &[&str]) -> Vec<FocusChoice> {
    let choice = |id: &str, title: &str| FocusChoice {
        id: id.to_owned(),
        title: title.to_owned(),
    };
    let fixed: &[(&str, &str)] = match lens.view {
        View::Overview => &[
            ("overview.operating_income", "Operating income"),
            ("overview.capex", "Capex"),
        ],
        View::Profit => &[
            ("profit.revenue", "Revenue"),
            ("profit.operating_income", "Operating income"),
            ("profit.net_income", "Net income"),
        ],
        View::Margins => &[
            ("margins.operating", "Operating margin"),
            ("margins.net", "Net margin"),
            ("margins.cloud", "Cloud margin"),
        ],
        View::Capex => &[
            ("capex.capex", "Capex, with guidance"),
            ("capex.intensity", "Capex intensity"),
            ("capex.free_cash_flow", "Free cash flow against capex"),
        ],
        View::Cloud => &[
            ("cloud.revenue", "Cloud revenue"),
            ("cloud.operating_income", "Cloud operating income"),
            ("cloud.margin", "Cloud margin"),
        ],
        View::Scenario => &[
            ("slide.scenario.capex", "Capex, projected"),
            ("slide.scenario.fcf", "Free cash flow, projected"),
        ],
        View::Flywheel | View::Custom | View::Guidance => &[],
    };
    let mut choices: Vec<FocusChoice> = fixed.iter().map(|(id, title)| choice(id, title)).collect();
    match lens.view {
        View::Flywheel => {
            for ticker in tickers.iter().filter(|ticker| lens.shows(ticker)) {
                let key = ticker.to_lowercase();
                for (part, title) in [
                    ("growth", "revenue against opex growth"),
                    ("incremental", "incremental operating margin"),
                    ("engines", "profit engines"),
                ] {
                    choices.push(choice(
                        &format!("flywheel.{key}.{part}"),
                        &format!("{ticker} {title}"),
                    ));
                }
            }
        }
        View::Custom => {
            for (index, custom) in lens.custom.shown().iter().enumerate() {
                let title = format!("{}, {}", custom.metric.label(), custom.transform.label());
                choices.push(choice(&format!("custom.{index}"), &title));
            }
        }
        _ => {}
    }
    choices
}

/// Every slide that focuses a chart its view does not draw, at the focus's line and column.
fn check_focus(deck: &Deck, document: &RonDocument, library: &Library) -> Vec<DataError> {
    let tickers = library.tickers();
    deck.slides
        .iter()
        .enumerate()
        .filter_map(|(index, slide)| {
            let id = slide.lens.focused_chart()?;
            let choices = focusable_charts(&slide.lens, &tickers);
            if choices.iter().any(|choice| choice.id == id) {
                return None;
            }
            let ids: Vec<&str> = choices.iter().map(|choice| choice.id.as_str()).collect();
            let offered = if ids.is_empty() {
                "it has none to focus".to_owned()
            } else {
                format!("its charts are {}", ids.join(", "))
            };
            let message = format!(
                "slide \"{}\" focuses the chart \"{id}\", which the {} view does not draw \
                 ({offered})",
                slide.title,
                slide.lens.view.title()
            );
            let path = format!("slides[{index}].lens.focus");
            Some(document.error_at(&path, Problem::InvalidValue(message)))
        })
        .collect()
}

/// The name of the capex-plan figure in live numbers: a company's first stated capex plan for
/// a fiscal year (its guidance), drawn as a hollow circle on capex charts.
pub const CAPEX_PLAN: &str = "capex_plan";

/// What a live number measures: a metric, or the company's first stated capex plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Measure {
    /// A reported or derived metric.
    Metric(Metric),
    /// The first capex guidance stated for the period (`capex_plan`).
    CapexPlan,
}

impl Measure {
    /// The name written in slide text.
    pub fn key(self) -> &'static str {
        match self {
            Self::Metric(metric) => metric.key(),
            Self::CapexPlan => CAPEX_PLAN,
        }
    }

    /// The metric whose charts show it.
    pub fn charted_as(self) -> Metric {
        match self {
            Self::Metric(metric) => metric,
            Self::CapexPlan => Metric::Capex,
        }
    }
}

/// A live number in slide text, `{TICKER:metric:PERIOD}`: one figure of one company, filled
/// from the data each time the slide is drawn, so a claim never goes stale.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FigureRef {
    /// The company's ticker, e.g. `AMZN`.
    pub ticker: String,
    /// The metric, by its command-line name, or `capex_plan`.
    pub measure: Measure,
    /// The period as charts label it: `2024Q4`, `FY2024`, `CY2024`, `CY2024Q4`, `TTM 2024Q4`.
    pub period: String,
}

impl FigureRef {
    /// The periods the label names: its frequency and alignment.
    pub fn options(&self) -> (Frequency, Alignment) {
        label_options(&self.period)
    }

    /// The figure in `library`, or `None` when the company or the value is not in the data.
    pub fn value(&self, library: &Library) -> Option<f64> {
        let dataset = library.get(&self.ticker)?;
        let metric = match self.measure {
            Measure::Metric(metric) => metric,
            Measure::CapexPlan => {
                return dataset
                    .guidance
                    .iter()
                    .filter(|plan| {
                        plan.metric == Figure::Capex && plan.period.to_string() == self.period
                    })
                    .min_by_key(|plan| plan.said_on)
                    .and_then(Guidance::midpoint);
            }
        };
        let (frequency, alignment) = self.options();
        series(dataset, metric, frequency, alignment)
            .points
            .into_iter()
            .find(|point| point.slot.label == self.period)
            .and_then(|point| point.value)
    }

    /// The figure in the app's number format ($20.0B, 36.9%; growth signed, +11.0%), or a
    /// visible mark saying it is not in the data.
    pub fn display(&self, library: &Library) -> String {
        match self.value(library) {
            Some(value) => {
                let metric = self.measure.charted_as();
                let text = metric.unit().format(value);
                let signed = matches!(metric, Metric::RevenueGrowth | Metric::CapexGrowth);
                if signed && value >= 0.0 {
                    format!("+{text}")
                } else {
                    text
                }
            }
            None => format!(
                "‹{} {} {}: no value›",
                self.ticker,
                self.measure.key(),
                self.period
            ),
        }
    }
}

/// The periods a label names, by its form: `TTM 2024Q4` trailing twelve months, `CY2024` and
/// `CY2024Q4` calendar years and quarters, `FY2024` fiscal years, else fiscal quarters.
pub fn label_options(period: &str) -> (Frequency, Alignment) {
    if period.starts_with("TTM ") {
        (Frequency::Ttm, Alignment::Fiscal)
    } else if let Some(rest) = period.strip_prefix("CY") {
        let frequency = if rest.contains('Q') {
            Frequency::Quarterly
        } else {
            Frequency::Annual
        };
        (frequency, Alignment::Calendar)
    } else if period.starts_with("FY") {
        (Frequency::Annual, Alignment::Fiscal)
    } else {
        (Frequency::Quarterly, Alignment::Fiscal)
    }
}

/// One `{…}` in slide text: where it starts (a byte offset) and what it names, or why it names
/// nothing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reference {
    /// Byte offset of the opening brace.
    pub start: usize,
    /// Byte offset just past the closing brace.
    pub end: usize,
    /// The figure, or what is wrong with the reference.
    pub figure: Result<FigureRef, String>,
}

/// Every `{…}` in `text`, in order. A `{` with no closing brace is left as text.
pub fn references(text: &str) -> Vec<Reference> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(open) = text[from..].find('{').map(|offset| from + offset) {
        let Some(close) = text[open..].find('}').map(|offset| open + offset) else {
            break;
        };
        let inner = &text[open + 1..close];
        found.push(Reference {
            start: open,
            end: close + 1,
            figure: parse_reference(inner),
        });
        from = close + 1;
    }
    found
}

/// `TICKER:metric:PERIOD` as a figure, or what is wrong with it.
fn parse_reference(inner: &str) -> Result<FigureRef, String> {
    let parts: Vec<&str> = inner.split(':').map(str::trim).collect();
    let [ticker, metric, period] = parts.as_slice() else {
        return Err(format!(
            "\"{{{inner}}}\" is not a live number: write {{TICKER:metric:PERIOD}}, \
             e.g. {{AMZN:net_income:2024Q4}}"
        ));
    };
    let measure = if *metric == CAPEX_PLAN {
        Measure::CapexPlan
    } else {
        Measure::Metric(Metric::from_key(metric).ok_or_else(|| {
            format!("\"{{{inner}}}\": unknown metric \"{metric}\" (see flywheel table --help)")
        })?)
    };
    Ok(FigureRef {
        ticker: (*ticker).to_owned(),
        measure,
        period: (*period).to_owned(),
    })
}

/// A stretch of slide text with its live numbers filled: plain text, a figure, or a mark for a
/// reference that names nothing the data holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece<'a> {
    /// Text as written.
    Text(&'a str),
    /// A live number, filled ("$20.0B").
    Figure(String),
    /// A reference to a figure the data does not hold, or one that is not a live number, as a
    /// visible mark (`‹AMZN net_income 2031Q4: no value›`).
    Missing(String),
}

/// `text` in pieces, each live number filled from `library` (see [`Piece`]).
pub fn live_pieces<'a>(text: &'a str, library: &Library) -> Vec<Piece<'a>> {
    let mut pieces = Vec::new();
    let mut from = 0;
    for reference in references(text) {
        if reference.start > from {
            pieces.push(Piece::Text(&text[from..reference.start]));
        }
        pieces.push(match &reference.figure {
            Ok(figure) => match figure.value(library) {
                Some(_) => Piece::Figure(figure.display(library)),
                None => Piece::Missing(figure.display(library)),
            },
            Err(_) => Piece::Missing(format!(
                "‹{}: not a live number›",
                &text[reference.start..reference.end]
            )),
        });
        from = reference.end;
    }
    if from < text.len() {
        pieces.push(Piece::Text(&text[from..]));
    }
    pieces
}

/// `text` with every live number filled from `library`; a reference that names nothing, or a
/// figure the data does not hold, shows as a visible mark.
pub fn fill_live_numbers(text: &str, library: &Library) -> String {
    live_pieces(text, library)
        .into_iter()
        .map(|piece| match piece {
            Piece::Text(text) => std::borrow::Cow::Borrowed(text),
            Piece::Figure(text) | Piece::Missing(text) => std::borrow::Cow::Owned(text),
        })
        .collect()
}

/// The start of `text` (its first `max_chars` characters) with its live numbers filled, and
/// "…" when there was more: what a slide shows is a few lines, and filling every live number of
/// a text of any length each frame cost seconds (128,000 of them: 6 s a picture).
pub fn fill_live_numbers_of_start(text: &str, library: &Library, max_chars: usize) -> String {
    match text.char_indices().nth(max_chars) {
        Some((cut, _)) => format!("{}…", fill_live_numbers(&text[..cut], library)),
        None => fill_live_numbers(text, library),
    }
}

/// The live number of one value, as slide text writes it: `{AMZN:net_income:2024Q4}`.
pub fn reference_text(ticker: &str, metric: Metric, period: &str) -> String {
    format!("{{{ticker}:{}:{period}}}", metric.key())
}

/// Every live number in the deck's takeaways and notes that names nothing or a figure `library`
/// does not hold, each at the reference's own line and column in `text`, the deck file's text.
pub fn check_live_numbers(
    deck: &Deck,
    document: &RonDocument,
    text: &str,
    library: &Library,
) -> Vec<DataError> {
    let mut errors = Vec::new();
    for (index, slide) in deck.slides.iter().enumerate() {
        for (field, value) in [("takeaway", &slide.takeaway), ("notes", &slide.notes)] {
            let found = references(value);
            if found.is_empty() {
                continue;
            }
            let path = format!("slides[{index}].{field}");
            // How often each reference was written before in this text: the same one twice is
            // reported at each place.
            let mut earlier: std::collections::HashMap<&str, usize> =
                std::collections::HashMap::new();
            for reference in found {
                let literal = &value[reference.start..reference.end];
                let skip = earlier.entry(literal).or_insert(0);
                let occurrence = *skip;
                *skip += 1;
                let problem = match &reference.figure {
                    Err(message) => message.clone(),
                    Ok(figure) if figure.value(library).is_none() => format!(
                        "slide \"{}\": {{{}:{}:{}}} is not in the data",
                        slide.title,
                        figure.ticker,
                        figure.measure.key(),
                        figure.period
                    ),
                    Ok(_) => continue,
                };
                // Searched from the value's own start: a deck of a single line of 75,000 slides
                // is checked in proportion to its size.
                let (line, column) = document.position_in_value(&path, text, literal, occurrence);
                errors.push(DataError {
                    file: document.file().to_owned(),
                    line,
                    column,
                    problem: Problem::InvalidValue(problem),
                });
            }
        }
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn period_labels_are_the_forms_charts_use() {
        for label in [
            "2024Q4",
            "FY2024",
            "CY2024",
            "CY2024Q1",
            "TTM 2024Q4",
            "FY1000",
        ] {
            assert!(is_period_label(label), "{label}");
        }
        for label in [
            "2024Q7",
            "2024Q0",
            "FY999",
            "FY10000",
            "CY24",
            "TTM FY2024",
            "CYFY2024",
            "2024",
            "",
        ] {
            assert!(!is_period_label(label), "{label}");
        }
    }

    #[test]
    fn only_the_start_of_a_long_text_is_filled() {
        let library = Library::bundled().expect("bundled data");
        let text = "{AMZN:revenue_growth:FY2024} ".repeat(1_000);
        // 40 characters: the first reference whole, then 11 characters of the second.
        let shown = fill_live_numbers_of_start(&text, &library, 40);
        assert_eq!(shown, "+11.0% {AMZN:reven…");
        assert_eq!(
            fill_live_numbers_of_start("{AMZN:revenue_growth:FY2024}", &library, 40),
            "+11.0%"
        );
    }
}
