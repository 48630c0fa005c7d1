//! Guidance against actuals: for each company and each guided metric, every range it stated
//! drawn as a bar from low to high, the later actual beside it as a dot coloured beat, inside
//! or miss, and below the charts the record as a table with the source of each side. Capex
//! statements keep their revisions (one bar per statement, in the order said) and are judged on
//! the basis they were stated on, which the chart's title names.

use egui::{Color32, Id, RichText, Ui};
use flywheel_model::guidance::{GuidanceCheck, Outcome, tally};
use flywheel_model::{Frequency, Metric, ValueUnit};

use super::capex::guidance_slot;
use super::no_company;
use crate::chart::ViewContext;
use crate::chart::axes::x_position;
use crate::chart::plot::{self, HoverPoint, ItemStyle, PlotFrame, PlotItem, XAxis, YAxis};
use crate::chart::{Legend, title_row};

/// Colours of the three outcomes (Okabe–Ito, safe for colour-blind readers).
const BEAT: Color32 = Color32::from_rgb(0, 158, 115);
const INSIDE: Color32 = Color32::from_rgb(86, 180, 233);
const MISS: Color32 = Color32::from_rgb(213, 94, 0);

/// The colour an outcome is drawn in.
pub fn outcome_color(outcome: Outcome) -> Color32 {
    match outcome {
        Outcome::Beat => BEAT,
        Outcome::Inside => INSIDE,
        Outcome::Miss => MISS,
    }
}

/// Draws the view.
pub fn ui(ui: &mut Ui, view: &mut ViewContext<'_>) {
    let companies = view.shown(ui);
    if companies.is_empty() {
        no_company(ui);
        return;
    }
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.label(
                RichText::new(
                    "Each bar is a range the company stated (its low to its high end), the dot \
                     beside it the figure it later reported, as first reported. Beat: above the \
                     range; miss: below; an \"about\" figure counts as inside within 2%. For \
                     capex, beat means it spent more than it said.",
                )
                .small()
                .weak(),
            );
            for company in &companies {
                let ticker = &company.dataset.company.ticker;
                let record = view.data.guidance_record(company.dataset);
                let shown: Vec<&GuidanceCheck> = record
                    .iter()
                    .filter(|check| {
                        let slot = guidance_slot(
                            &check.guidance,
                            company.dataset.company.fiscal_year_end_month,
                        );
                        view.lens.contains(&slot)
                    })
                    .collect();
                ui.add_space(8.0);
                let counts = tally(&record)
                    .iter()
                    .map(|(outcome, count)| format!("{count} {outcome}"))
                    .collect::<Vec<_>>()
                    .join(", ");
                ui.heading(RichText::new(format!("{ticker}: {counts}")).color(company.color));
                if shown.is_empty() {
                    ui.label("No guidance in the years shown.");
                    continue;
                }
                // Years and quarters get charts of their own, since a year's figure is about
                // four times a quarter's and would flatten the quarters' bars; each chart spans
                // its own statements (capex guides cover a few years, revenue guides many).
                let fiscal_year_end_month = company.dataset.company.fiscal_year_end_month;
                for metric in guided_metrics(&shown) {
                    for span in [Span::Years, Span::Quarters] {
                        let checks: Vec<&GuidanceCheck> = shown
                            .iter()
                            .copied()
                            .filter(|check| check.metric == metric && Span::of(check) == span)
                            .collect();
                        if !checks.is_empty() {
                            let chart = GuidanceChart {
                                ticker,
                                color: company.color,
                                metric,
                                span,
                                x_axis: year_range(&checks, fiscal_year_end_month),
                            };
                            let key = ("guidance chart", ticker, metric, span);
                            super::unless_out_of_sight(ui, key, |ui| {
                                metric_chart(ui, view, &chart, &checks);
                            });
                        }
                    }
                }
                super::unless_out_of_sight(ui, ("guidance record", ticker), |ui| {
                    record_table(ui, ticker, &shown);
                });
            }
        });
}

/// The guided metrics of a record, in first-seen order.
fn guided_metrics(checks: &[&GuidanceCheck]) -> Vec<Metric> {
    let mut metrics = Vec::new();
    for check in checks {
        if !metrics.contains(&check.metric) {
            metrics.push(check.metric);
        }
    }
    metrics
}

/// Whether a chart holds guidance for whole years or for quarters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Span {
    /// Fiscal years.
    Years,
    /// Quarters.
    Quarters,
}

impl Span {
    fn of(check: &GuidanceCheck) -> Self {
        if check.guidance.period.is_quarter() {
            Self::Quarters
        } else {
            Self::Years
        }
    }

    fn frequency(self) -> Frequency {
        match self {
            Self::Years => Frequency::Annual,
            Self::Quarters => Frequency::Quarterly,
        }
    }

    /// The width of one period on the time axis, in years.
    fn width(self) -> f64 {
        match self {
            Self::Years => 1.0,
            Self::Quarters => 0.25,
        }
    }
}

/// The chart title: the metric, for capex the basis it is judged on, and whether its periods
/// are years or quarters.
pub fn chart_title(ticker: &str, metric: Metric, span: Span) -> String {
    let what = match metric {
        Metric::Capex => {
            format!("{ticker} capex guidance against gross purchases of property and equipment")
        }
        Metric::CapexNetOfProceeds => format!(
            "{ticker} capex guidance against capex net of proceeds and incentives (the basis \
             it was stated on)"
        ),
        Metric::CapexWithFinanceLeases => format!(
            "{ticker} capex guidance against capex including finance leases (the basis it was \
             stated on)"
        ),
        other => format!(
            "{ticker} {} guidance against actuals",
            other.label().to_lowercase()
        ),
    };
    match span {
        Span::Years => format!("{what}, fiscal years"),
        Span::Quarters => format!("{what}, quarters"),
    }
}

/// The time axis of a guidance chart: its statements' periods with half a year to spare on
/// each side, and at least two years, so that year labels always show.
fn year_range(checks: &[&GuidanceCheck], fiscal_year_end_month: u8) -> XAxis {
    let positions = checks.iter().map(|check| {
        let span = Span::of(check);
        x_position(
            &guidance_slot(&check.guidance, fiscal_year_end_month),
            span.frequency(),
        )
    });
    let (low, high) = positions.fold((f64::INFINITY, f64::NEG_INFINITY), |(low, high), x| {
        (low.min(x), high.max(x))
    });
    if !low.is_finite() || !high.is_finite() {
        return XAxis::Years;
    }
    let first = (low - 0.5).floor();
    let last = (high + 0.5).ceil().max(first + 2.0);
    // A little room past the last year's mark, so that its label is not cut at the edge.
    XAxis::YearRange {
        first,
        last: last + 0.15,
    }
}

/// What one guidance chart shows: whose guidance, of which metric, over years or quarters.
struct GuidanceChart<'a> {
    ticker: &'a str,
    color: Color32,
    metric: Metric,
    span: Span,
    x_axis: XAxis,
}

/// One chart: the ranges as thick vertical bars, the actuals beside them by outcome.
fn metric_chart(
    ui: &mut Ui,
    view: &ViewContext<'_>,
    chart: &GuidanceChart<'_>,
    checks: &[&GuidanceCheck],
) {
    let legend = [
        (chart.color, "guided range"),
        (BEAT, "beat"),
        (INSIDE, "inside"),
        (MISS, "miss"),
    ];
    let title = chart_title(chart.ticker, chart.metric, chart.span);
    title_row(
        ui,
        &title,
        chart.metric.unit().axis_label(),
        &Legend {
            entries: &legend,
            secondary: false,
        },
        |_| {},
    );
    let items = chart_items(view, chart, checks);
    let frame = PlotFrame {
        id: Id::unique(("guidance", chart.ticker, chart.metric.key(), chart.span)),
        height: 200.0,
        width: None,
        x_axis: chart.x_axis,
        y_axis: YAxis::Values(ValueUnit::UsdBillions),
        linked: None,
        interactive: !view.exporting,
    };
    let response = plot::plot(ui, &frame, &items);
    response
        .response
        .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Figure, true, &title));
}

/// The plot items of one chart: a bar per statement, a dot per actual.
fn chart_items(
    view: &ViewContext<'_>,
    chart: &GuidanceChart<'_>,
    checks: &[&GuidanceCheck],
) -> Vec<PlotItem> {
    let ticker = chart.ticker;
    let Some(dataset) = view.data.library().get(ticker) else {
        return Vec::new();
    };
    let fiscal_year_end_month = dataset.company.fiscal_year_end_month;
    let (frequency, width) = (chart.span.frequency(), chart.span.width());
    let mut items = Vec::new();
    let mut actuals: Vec<(Outcome, HoverPoint)> = Vec::new();
    for (index, check) in checks.iter().enumerate() {
        let slot = guidance_slot(&check.guidance, fiscal_year_end_month);
        // Revisions of one period stand side by side, oldest first, left of the actual.
        let revisions: Vec<&&GuidanceCheck> = checks
            .iter()
            .filter(|other| other.guidance.period == check.guidance.period)
            .collect();
        let order = checks[..index]
            .iter()
            .filter(|other| other.guidance.period == check.guidance.period)
            .count();
        #[expect(clippy::cast_precision_loss, reason = "a few revisions")]
        let offset = -width * 0.3 * (revisions.len() - order) as f64 / revisions.len() as f64;
        let x = x_position(&slot, frequency);
        let text = statement_text(ticker, check);
        let (low, high) = match (check.guidance.low, check.guidance.high) {
            (Some(low), Some(high)) => (low, high),
            (Some(low), None) => (low, low),
            (None, Some(high)) => (high, high),
            (None, None) => continue,
        };
        // A point figure still gets a visible bar: a short one around its value.
        let (low, high) = if (high - low).abs() < 1e-9 {
            (low - low.abs() * 0.01, high + high.abs() * 0.01)
        } else {
            (low, high)
        };
        items.push(PlotItem {
            name: format!("{ticker} guided"),
            color: chart.color.gamma_multiply(0.8),
            points: vec![
                ([x + offset, low], text.clone()),
                ([x + offset, high], text.clone()),
            ],
            style: ItemStyle::Line {
                width: 7.0,
                style: egui_plot::LineStyle::Solid,
            },
        });
        if let (Some(outcome), Some(value)) = (check.outcome, check.actual_value())
            && order + 1 == revisions.len()
        {
            actuals.push((outcome, ([x + width * 0.15, value], text)));
        }
    }
    for outcome in [Outcome::Beat, Outcome::Inside, Outcome::Miss] {
        let points: Vec<HoverPoint> = actuals
            .iter()
            .filter(|(kind, _)| *kind == outcome)
            .map(|(_, point)| point.clone())
            .collect();
        if !points.is_empty() {
            items.push(PlotItem {
                name: format!("{ticker} {}", outcome.label()),
                color: outcome_color(outcome),
                points,
                style: ItemStyle::Dots { radius: 4.5 },
            });
        }
    }
    items
}

/// Hover text of one statement: the range, when it was said and where, and the actual with
/// its filings.
pub fn statement_text(ticker: &str, check: &GuidanceCheck) -> String {
    let guidance = &check.guidance;
    let mut text = format!(
        "{ticker} · {} {} guidance: {}\nSaid {}: “{}”\nSource: {}, {}\n",
        guidance.period,
        check.metric.label().to_lowercase(),
        check.range_text(),
        guidance.said_on,
        guidance.statement,
        guidance.source.filing,
        guidance.source.filed,
    );
    match &check.actual {
        Some(actual) => {
            let result = check
                .outcome
                .map_or_else(|| "not judged".to_owned(), |outcome| outcome.to_string());
            text.push_str(&format!(
                "Result: {result}\n{}",
                actual.explain(check.metric)
            ));
        }
        None => text.push_str("Actual: the period is not in the data yet"),
    }
    text
}

/// The source of an actual in a few words: its first input's filing and date.
fn actual_source(check: &GuidanceCheck) -> String {
    let Some(actual) = &check.actual else {
        return "not reported yet".to_owned();
    };
    if let Some(gap) = &actual.gap {
        return gap.clone();
    }
    let mut filings: Vec<String> = actual
        .inputs
        .iter()
        .map(|input| format!("{}, {}", input.source.filing, input.source.filed))
        .collect();
    filings.dedup();
    filings.join("; ")
}

/// The record as a table: period, metric, range, said on, actual, result and both sources.
fn record_table(ui: &mut Ui, ticker: &str, checks: &[&GuidanceCheck]) {
    ui.add_space(4.0);
    ui.label(RichText::new(format!("{ticker} guidance record")).strong());
    egui::Grid::new(("guidance-record", ticker))
        .striped(true)
        .num_columns(8)
        .show(ui, |ui| {
            for heading in [
                "Period",
                "Metric",
                "Range",
                "Said on",
                "Actual",
                "Result",
                "Guidance source",
                "Actual source",
            ] {
                ui.label(RichText::new(heading).strong());
            }
            ui.end_row();
            for check in checks {
                ui.label(check.guidance.period.to_string());
                ui.label(check.metric.label());
                ui.label(check.range_text());
                ui.label(check.guidance.said_on.to_string());
                ui.label(
                    check
                        .actual_value()
                        .map_or_else(|| "—".to_owned(), |value| format!("${value:.3}B")),
                );
                match check.outcome {
                    Some(outcome) => {
                        ui.label(RichText::new(outcome.label()).color(outcome_color(outcome)));
                    }
                    None => {
                        ui.label("—");
                    }
                }
                ui.label(&check.guidance.source.filing)
                    .on_hover_text(&check.guidance.source.url);
                ui.label(actual_source(check));
                ui.end_row();
            }
        });
}
