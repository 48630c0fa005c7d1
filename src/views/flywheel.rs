//! Flywheel: operating leverage, company by company. Revenue growth against operating-expense
//! growth year by year (the gap between them shaded: green where revenue outgrew costs), the
//! incremental operating margin, and the profit engines — cloud and advertising — side by side.
//! A headline names the latest shown year's two growth rates, with their filings on hover.

use egui::{Color32, RichText, Ui};
use flywheel_model::metrics::Transform;
use flywheel_model::{Metric, Series};

use crate::chart::axes::x_position;
use crate::chart::plot::{ItemStyle, PlotItem};
use crate::chart::{
    ChartKind, ChartSpec, ViewContext, chart, last_block_height, last_title_height, level_block,
    shown_series, tooltip,
};
use crate::data_view::ShownCompany;
use crate::lens::Lens;
use crate::theme::change_color;

/// The narrowest a company's column may be: its headline on two lines, its charts readable.
const COLUMN_MIN_WIDTH: f32 = 300.0;

/// Draws the view: one column per shown company, at most four to a row.
pub fn ui(ui: &mut Ui, view: &mut ViewContext<'_>) {
    let companies = view.shown(ui);
    if companies.is_empty() {
        super::no_company(ui);
        return;
    }
    let tickers: Vec<String> = companies
        .iter()
        .map(|company| company.dataset.company.ticker.clone())
        .collect();
    let height = ((ui.available_height() - 3.0 * 34.0 - 60.0) / 3.0).max(140.0);
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let rows = RowHeights::last_drawn(ui.ctx(), &tickers);
            // Up to four columns side by side; more companies take more rows, which scroll.
            let per_row = super::per_row(
                tickers.len(),
                ui.available_width(),
                ui.spacing().item_spacing.x,
                COLUMN_MIN_WIDTH,
            );
            for (index, row) in tickers.chunks(per_row).enumerate() {
                if index > 0 {
                    ui.add_space(16.0);
                }
                let key = ("flywheel row", per_row, tickers.len(), index);
                super::unless_out_of_sight(ui, key, |ui| {
                    ui.columns(per_row, |columns| {
                        for (column, ticker) in columns.iter_mut().zip(row) {
                            company_column(column, view, ticker, height, &rows);
                        }
                    });
                });
            }
        });
}

/// The lens of one column: only `ticker` shown, everything else as the view's.
fn lens_of_one(lens: &Lens, tickers: impl Iterator<Item = String>, ticker: &str) -> Lens {
    let mut one = lens.clone();
    one.hidden_companies = tickers
        .filter(|other| !other.eq_ignore_ascii_case(ticker))
        .collect();
    one
}

/// The tallest headline and chart title rows of the columns when last drawn: every column
/// takes them, so that one company's longer legend or headline does not push its charts below
/// its neighbours'.
struct RowHeights {
    headline: f32,
    growth: f32,
    incremental: f32,
    engines: f32,
}

impl RowHeights {
    fn last_drawn(ctx: &egui::Context, tickers: &[String]) -> Self {
        let tallest = |height: &dyn Fn(&str) -> f32| {
            tickers
                .iter()
                .map(|ticker| height(&ticker.to_lowercase()))
                .fold(0.0, f32::max)
        };
        let title = |kind: &'static str| {
            tallest(&|key: &str| last_title_height(ctx, &format!("flywheel.{key}.{kind}")))
        };
        Self {
            headline: tallest(&|key: &str| last_block_height(ctx, &headline_key(key))),
            growth: title("growth"),
            incremental: title("incremental"),
            engines: title("engines"),
        }
    }
}

/// The key under which a column's headline height is remembered.
fn headline_key(key: &str) -> String {
    format!("flywheel.{key}.headline")
}

fn company_column(
    ui: &mut Ui,
    view: &mut ViewContext<'_>,
    ticker: &str,
    height: f32,
    rows: &RowHeights,
) {
    let tickers: Vec<String> = view
        .data
        .library()
        .tickers()
        .into_iter()
        .map(str::to_owned)
        .collect();
    let lens = lens_of_one(view.lens, tickers.into_iter(), ticker);
    let mut one = view.with_lens(&lens);
    let companies = one.shown(ui);
    let Some(company) = companies.first() else {
        return;
    };
    let revenue = shown_series(&one, company, Metric::RevenueGrowth, Transform::Value);
    let costs = shown_series(
        &one,
        company,
        Metric::OperatingExpenseGrowth,
        Transform::Value,
    );
    let key = ticker.to_lowercase();
    level_block(ui, &headline_key(&key), rows.headline, |ui| {
        headline(ui, company, &lens, &revenue, &costs);
    });
    let growth = ChartSpec {
        title: "Revenue (solid) vs opex growth (dashed)".to_owned(),
        overlays: leverage_overlays(company, &lens, &revenue, &costs, one.line_width),
        height,
        title_min_height: rows.growth,
        transform: Some(Transform::Value),
        ..ChartSpec::new(
            format!("flywheel.{key}.growth"),
            Metric::RevenueGrowth,
            ChartKind::Lines,
        )
    };
    chart(ui, &mut one, &growth);
    ui.add_space(8.0);
    let incremental = ChartSpec {
        height,
        title_min_height: rows.incremental,
        transform: Some(Transform::Value),
        ..ChartSpec::new(
            format!("flywheel.{key}.incremental"),
            Metric::IncrementalOperatingMargin,
            ChartKind::Bars,
        )
    };
    chart(ui, &mut one, &incremental);
    ui.add_space(8.0);
    let engines = ChartSpec {
        title: "Cloud (solid), ads (dashed), cloud profit (dotted)".to_owned(),
        overlays: engine_overlays(&one, company),
        height,
        title_min_height: rows.engines,
        transform: Some(lens.transform),
        ..ChartSpec::new(
            format!("flywheel.{key}.engines"),
            Metric::CloudRevenue,
            ChartKind::Lines,
        )
    };
    chart(ui, &mut one, &engines);
}

/// "FY2024: revenue +11.0%, opex +5.8% → +5.2 pp" for the last two shown periods that have
/// both rates (so a year and its predecessor read at a glance), each with its filings on hover.
fn headline(
    ui: &mut Ui,
    company: &ShownCompany<'_>,
    lens: &Lens,
    revenue: &Series,
    costs: &Series,
) {
    let ticker = &company.dataset.company.ticker;
    let both: Vec<_> = revenue
        .points
        .iter()
        .filter(|point| lens.contains(&point.slot))
        .filter_map(|point| {
            let cost = costs
                .points
                .iter()
                .find(|other| other.slot.label == point.slot.label)?;
            Some((point, cost, point.value?, cost.value?))
        })
        .collect();
    if both.is_empty() {
        ui.label(RichText::new(format!("{ticker}: no year with both growth rates")).weak());
        return;
    }
    let amount = flywheel_model::ValueUnit::UsdBillions;
    for (point, cost, revenue_growth, cost_growth) in &both[both.len().saturating_sub(2)..] {
        let gap = revenue_growth - cost_growth;
        let text = format!(
            "{ticker} {}: revenue {}, opex {} → {} pp",
            point.slot.label,
            Transform::YearOnYear.format(amount, *revenue_growth),
            Transform::YearOnYear.format(amount, *cost_growth),
            signed(gap),
        );
        let hover = format!(
            "Operating leverage: revenue growth minus operating-expense growth.\n\n{}\n\n{}",
            tooltip(ticker, Metric::RevenueGrowth, point, revenue),
            tooltip(ticker, Metric::OperatingExpenseGrowth, cost, costs)
        );
        ui.label(
            RichText::new(text)
                .strong()
                .color(change_color(gap >= 0.0, ui.visuals())),
        )
        .on_hover_text(hover);
    }
}

fn signed(value: f64) -> String {
    let sign = if value >= 0.0 { "+" } else { "−" };
    format!("{sign}{:.1}", value.abs())
}

/// The operating-expense growth line and, between it and revenue growth, the shaded gap:
/// green where revenue grew faster (operating leverage), red where costs did.
fn leverage_overlays(
    company: &ShownCompany<'_>,
    lens: &Lens,
    revenue: &Series,
    costs: &Series,
    line_width: f32,
) -> Vec<PlotItem> {
    let ticker = &company.dataset.company.ticker;
    let frequency = lens.frequency;
    let pairs: Vec<(f64, f64, f64)> = revenue
        .points
        .iter()
        .filter(|point| lens.contains(&point.slot))
        .filter_map(|point| {
            let cost = costs
                .points
                .iter()
                .find(|other| other.slot.label == point.slot.label)?;
            Some((
                x_position(&point.slot, frequency),
                point.value?,
                cost.value?,
            ))
        })
        .collect();
    let mut items: Vec<PlotItem> = pairs
        .windows(2)
        .map(|pair| {
            let ((x0, r0, c0), (x1, r1, c1)) = (pair[0], pair[1]);
            let leverage = (r0 - c0) + (r1 - c1) >= 0.0;
            let color = if leverage {
                Color32::from_rgb(0, 158, 115)
            } else {
                Color32::from_rgb(213, 94, 0)
            };
            PlotItem {
                name: "operating leverage".to_owned(),
                color,
                points: vec![
                    ([x0, r0], String::new()),
                    ([x1, r1], String::new()),
                    ([x1, c1], String::new()),
                    ([x0, c0], String::new()),
                ],
                style: ItemStyle::Area,
            }
        })
        .collect();
    let values: Vec<Option<crate::chart::plot::HoverPoint>> = costs
        .points
        .iter()
        .filter(|point| lens.contains(&point.slot))
        .map(|point| {
            Some((
                [x_position(&point.slot, frequency), point.value?],
                tooltip(ticker, Metric::OperatingExpenseGrowth, point, costs),
            ))
        })
        .collect();
    for run in values.split(Option::is_none).filter(|run| !run.is_empty()) {
        items.push(PlotItem::dashed(
            format!("{ticker} operating-expense growth"),
            company.color,
            run.iter().flatten().cloned().collect(),
            line_width,
        ));
    }
    items
}

/// Advertising revenue (dashed) and cloud operating income (dotted) over cloud revenue, in the
/// lens's transform.
fn engine_overlays(view: &ViewContext<'_>, company: &ShownCompany<'_>) -> Vec<PlotItem> {
    let ticker = &company.dataset.company.ticker;
    let transform = view.lens.transform;
    let log_scale =
        crate::chart::log_axis(view.lens, flywheel_model::ValueUnit::UsdBillions, transform);
    let mut items = Vec::new();
    for (metric, style) in [
        (
            Metric::AdvertisingRevenue,
            egui_plot::LineStyle::dashed_loose(),
        ),
        (
            Metric::CloudOperatingIncome,
            egui_plot::LineStyle::dotted_loose(),
        ),
    ] {
        let series = shown_series(view, company, metric, transform);
        let points: Vec<Option<crate::chart::plot::HoverPoint>> = series
            .points
            .iter()
            .filter(|point| view.lens.contains(&point.slot))
            .map(|point| {
                let value = point.value?;
                let y = if log_scale {
                    (value > 0.0).then(|| value.log10())?
                } else {
                    value
                };
                Some((
                    [x_position(&point.slot, view.lens.frequency), y],
                    tooltip(ticker, metric, point, &series),
                ))
            })
            .collect();
        for run in points.split(Option::is_none).filter(|run| !run.is_empty()) {
            items.push(PlotItem {
                name: format!("{ticker} {}", metric.label().to_lowercase()),
                color: company.color,
                points: run.iter().flatten().cloned().collect(),
                style: ItemStyle::Line {
                    width: view.line_width,
                    style,
                },
            });
        }
    }
    items
}
