//! Capex: how fast the AI build-out grows. Capex per period on the chosen basis (gross, net of
//! proceeds and incentives, or including finance leases) with each company's own guidance on
//! the basis it was stated on, capex intensity, and free cash flow against capex.

use std::fmt::Write as _;

use egui::Ui;
use flywheel_model::guidance::guided_metric;
use flywheel_model::{Date, Frequency, Guidance, Metric, PeriodSlot};

use super::stack;
use crate::chart::axes::{bar_offset, x_position};
use crate::chart::plot::PlotItem;
use crate::chart::{ChartKind, ChartSpec, ViewContext, tooltip};

/// Draws the view.
pub fn ui(ui: &mut Ui, view: &mut ViewContext<'_>) {
    let capex_metric = view.lens.capex_basis.metric();
    let (guidance, elsewhere) = guidance_overlays(ui, view, capex_metric);
    let capex_lines = capex_overlays(ui, view, capex_metric);
    let mut title = capex_metric.label().to_owned();
    if !guidance.is_empty() {
        title.push_str(", with guidance (hollow circles)");
    }
    if !elsewhere.is_empty() {
        // Kept short for the title row; the side panel's Capex basis section names each basis.
        let _ = write!(title, "; {} guide on another basis", elsewhere.join(", "));
    }
    let charts = vec![
        ChartSpec {
            title,
            overlays: guidance,
            ..ChartSpec::new("capex.capex", capex_metric, ChartKind::Bars)
        },
        ChartSpec::new("capex.intensity", Metric::CapexIntensity, ChartKind::Lines),
        ChartSpec {
            title: "Free cash flow (solid) against capex (dashed)".to_owned(),
            overlays: capex_lines,
            ..ChartSpec::new(
                "capex.free_cash_flow",
                Metric::FreeCashFlow,
                ChartKind::Lines,
            )
        },
    ];
    stack(ui, view, charts);
}

/// The period a guidance statement is about, as a slot on the axis.
pub fn guidance_slot(guidance: &Guidance, fiscal_year_end_month: u8) -> PeriodSlot {
    let end_month = guidance
        .period
        .expected_end_month_index(fiscal_year_end_month);
    #[expect(
        clippy::cast_possible_truncation,
        reason = "calendar years and months are small"
    )]
    let (year, month) = (
        end_month.div_euclid(12) as i32,
        (end_month.rem_euclid(12) + 1) as u8,
    );
    let day = flywheel_model::date::days_in_month(year, month);
    PeriodSlot {
        label: guidance.period.to_string(),
        end_date: Date { year, month, day },
    }
}

/// Capex guidance as hollow markers over the company's own bar, one overlay per company, drawn
/// only where the chart shows the basis the guidance was stated on (Microsoft's plans include
/// finance leases; Amazon's are net of proceeds): a plan against another definition would
/// look like over- or under-spending that never happened. Also returns, per company whose
/// guidance is on another basis, where to find it. Annual charts show guidance for years,
/// quarterly charts guidance for quarters; trailing twelve months have no guidance of their own.
fn guidance_overlays(
    ui: &Ui,
    view: &ViewContext<'_>,
    shown_metric: Metric,
) -> (Vec<PlotItem>, Vec<String>) {
    let frequency = view.lens.frequency;
    if frequency == Frequency::Ttm {
        return (Vec::new(), Vec::new());
    }
    let companies = view.shown(ui);
    let mut elsewhere = Vec::new();
    let overlays = companies
        .iter()
        .enumerate()
        .filter_map(|(index, company)| {
            let dataset = company.dataset;
            let ticker = &dataset.company.ticker;
            let offset = bar_offset(index, companies.len(), frequency);
            let capex_guidance: Vec<(&Guidance, Metric)> = dataset
                .guidance
                .iter()
                .map(|guidance| (guidance, guided_metric(dataset, guidance)))
                .filter(|(guidance, metric)| {
                    is_capex(*metric)
                        && guidance.period.is_quarter() == (frequency == Frequency::Quarterly)
                })
                .collect();
            let mut other_bases: Vec<Metric> = capex_guidance
                .iter()
                .map(|(_, metric)| *metric)
                .filter(|metric| *metric != shown_metric)
                .collect();
            other_bases.dedup();
            if !other_bases.is_empty() {
                elsewhere.push(ticker.clone());
            }
            let points: Vec<([f64; 2], String)> = capex_guidance
                .iter()
                .filter(|(_, metric)| *metric == shown_metric)
                .filter_map(|(guidance, _)| {
                    let slot = guidance_slot(guidance, dataset.company.fiscal_year_end_month);
                    let value = guidance.midpoint()?;
                    view.lens.contains(&slot).then(|| {
                        (
                            [x_position(&slot, frequency) + offset, value],
                            guidance_text(ticker, guidance),
                        )
                    })
                })
                .collect();
            (!points.is_empty())
                .then(|| PlotItem::hollow(format!("{ticker} guidance"), company.color, points))
        })
        .collect();
    (overlays, elsewhere)
}

/// Whether a metric is capex on one of its bases.
fn is_capex(metric: Metric) -> bool {
    flywheel_model::CapexBasis::ALL
        .iter()
        .any(|basis| basis.metric() == metric)
}

/// Hover text of a guidance statement: what, when, in whose words, from where.
pub fn guidance_text(ticker: &str, guidance: &Guidance) -> String {
    let about = if guidance.approximate { "about " } else { "" };
    let amount = match (guidance.low, guidance.high) {
        (Some(low), Some(high)) if (high - low).abs() > f64::EPSILON => {
            format!("${low:.0}–{high:.0}B")
        }
        (Some(value), _) | (None, Some(value)) => format!("{about}${value:.0}B"),
        (None, None) => "no amount".to_owned(),
    };
    let mut text = format!(
        "{ticker} guidance · {} capex plan: {amount}\n",
        guidance.period
    );
    let _ = writeln!(text, "Said {}: “{}”", guidance.said_on, guidance.statement);
    let _ = write!(
        text,
        "Source: {}, {}\n{}",
        guidance.source.filing, guidance.source.filed, guidance.source.url
    );
    text
}

/// Capex on the chosen basis as dashed lines, so free cash flow can be read against it.
fn capex_overlays(ui: &Ui, view: &ViewContext<'_>, capex_metric: Metric) -> Vec<PlotItem> {
    view.shown(ui)
        .iter()
        .map(|company| {
            let series = view.data.series(company.dataset, capex_metric, view.lens);
            let ticker = &company.dataset.company.ticker;
            let points = series
                .points
                .iter()
                .filter(|point| view.lens.contains(&point.slot))
                .filter_map(|point| {
                    let value = point.value?;
                    Some((
                        [x_position(&point.slot, view.lens.frequency), value],
                        tooltip(ticker, capex_metric, point, &series),
                    ))
                })
                .collect();
            PlotItem::dashed(format!("{ticker} capex"), company.color, points, 2.0)
        })
        .collect()
}
