//! History (solid) continued by the projection (dashed), with the companies' own capex guidance
//! as hollow circles: four charts on the chart toolkit, their years linked.

use egui::{Color32, Id, RichText, Ui};
use flywheel_model::projection::ProjectedMetric;
use flywheel_model::{Alignment, Basis, Figure, Frequency, Metric, SeriesOptions};

use crate::chart::plot::{self, HoverPoint, PlotFrame, PlotItem, XAxis, YAxis};
use crate::chart::{Legend, last_block_height, level_block, title_row, tooltip};
use crate::data_view::DataView;

use super::Projected;

/// Height kept under the two rows of plots for their spacing and the two-line footnote.
const FOOTNOTE_ROOM: f32 = 60.0;

/// The first year of history drawn before each projection.
const HISTORY_FROM: i32 = 2018;

/// The four charts: the reported metric for history, the projected one after.
const CHARTS: [(Metric, ProjectedMetric); 4] = [
    (Metric::Capex, ProjectedMetric::Capex),
    (Metric::OperatingMargin, ProjectedMetric::OperatingMargin),
    (Metric::FreeCashFlow, ProjectedMetric::FreeCashFlow),
    (Metric::Revenue, ProjectedMetric::Revenue),
];

/// Draws the four charts and the note on where each projection starts.
pub fn ui(ui: &mut Ui, data: &DataView, projections: &[Projected<'_>]) {
    ui.label(
        RichText::new(
            "History solid, projection dashed; hollow circles: the company's own capex guidance.",
        )
        .weak(),
    );
    // Two rows of plots share what the title rows (taller when many companies wrap their
    // legends) and the footnote leave; below 160 points each, the panel scrolls instead. Title
    // rows side by side take the taller one's height, so the two plots start level when one
    // legend wraps.
    let title_heights: Vec<f32> = CHARTS
        .chunks(2)
        .map(|row| {
            row.iter()
                .map(|(metric, _)| last_block_height(ui.ctx(), &title_key(*metric)))
                .fold(0.0, f32::max)
        })
        .collect();
    let titles: f32 = title_heights.iter().sum();
    let height = ((ui.available_height() - titles - FOOTNOTE_ROOM) / 2.0).max(160.0);
    let legend: Vec<(Color32, &str)> = projections
        .iter()
        .map(|(company, _)| (company.color, company.dataset.company.ticker.as_str()))
        .collect();
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for (row, title_height) in CHARTS.chunks(2).zip(title_heights) {
                ui.columns(2, |columns| {
                    for (column, (metric, projected)) in columns.iter_mut().zip(row) {
                        level_block(column, &title_key(*metric), title_height, |column| {
                            title_row(
                                column,
                                metric.label(),
                                metric.unit().axis_label(),
                                &Legend {
                                    entries: &legend,
                                    secondary: false,
                                },
                                |_| {},
                            );
                        });
                        let items = items(data, projections, *metric, *projected);
                        let frame = PlotFrame {
                            id: Id::unique(("scenario", metric.key())),
                            height,
                            width: Some(column.available_width()),
                            x_axis: XAxis::Years,
                            y_axis: YAxis::Values(metric.unit()),
                            linked: Some(Id::unique("scenario-linked")),
                            interactive: true,
                        };
                        let response = plot::plot(column, &frame, &items);
                        response.response.widget_info(|| {
                            egui::WidgetInfo::labeled(
                                egui::Role::Figure,
                                true,
                                format!("{} projection chart", metric.label()),
                            )
                        });
                    }
                });
                ui.add_space(6.0);
            }
            let starts: Vec<String> = projections
                .iter()
                .map(|(company, projection)| {
                    format!(
                        "{} from {}",
                        company.dataset.company.ticker,
                        projection.base.describe()
                    )
                })
                .collect();
            ui.label(
                RichText::new(format!(
                    "Years are each company's fiscal years. Each projection starts from the newest \
                     reported fiscal year, every figure at its latest reported value; a figure missing \
                     in that year is carried from the year before: {}.",
                    starts.join(", ")
                ))
                .small()
                .weak(),
            );
        });
}

/// The key under which a projection chart's title row height is remembered.
fn title_key(metric: Metric) -> String {
    format!("scenario projection {}", metric.key())
}

/// Per company: its history, the projection joined to the history's last point, and (on the
/// capex chart) its annual capex guidance.
fn items(
    data: &DataView,
    projections: &[Projected<'_>],
    metric: Metric,
    projected: ProjectedMetric,
) -> Vec<PlotItem> {
    let unit = metric.unit();
    let mut items = Vec::new();
    for (company, projection) in projections {
        let ticker = &company.dataset.company.ticker;
        let Some(dataset) = data.library().get(ticker) else {
            continue;
        };
        let fiscal_years = SeriesOptions {
            frequency: Frequency::Annual,
            alignment: Alignment::Fiscal,
            basis: Basis::Latest,
        };
        let history_series = data.series_for(dataset, metric, fiscal_years);
        let history: Vec<Option<HoverPoint>> = history_series
            .points
            .iter()
            .filter(|point| {
                (HISTORY_FROM..=projection.base.fiscal_year).contains(&point.slot.end_date.year)
            })
            .map(|point| {
                Some((
                    [f64::from(point.slot.end_date.year), point.value?],
                    tooltip(ticker, metric, point, &history_series),
                ))
            })
            .collect();
        let joint = history.iter().flatten().last().cloned();
        items.extend(plot::lines_with_gaps(ticker, company.color, &history, 2.5));
        let future: Vec<HoverPoint> = joint
            .into_iter()
            .chain(projection.years.iter().map(|year| {
                let value = projected.of(year);
                (
                    [f64::from(year.fiscal_year), value],
                    format!(
                        "{ticker} projected · FY{}: {}\nA projection from the scenario's \
                         assumptions, not a filing.",
                        year.fiscal_year,
                        unit.format(value)
                    ),
                )
            }))
            .collect();
        items.push(PlotItem::dashed(
            format!("{ticker} projected"),
            company.color,
            future,
            2.5,
        ));
        if metric == Metric::Capex {
            let guidance: Vec<HoverPoint> = dataset
                .guidance
                .iter()
                .filter(|guidance| {
                    guidance.metric == Figure::Capex && !guidance.period.is_quarter()
                })
                .filter_map(|guidance| {
                    Some((
                        [
                            f64::from(guidance.period.fiscal_year()),
                            guidance.midpoint()?,
                        ],
                        crate::views::capex::guidance_text(ticker, guidance),
                    ))
                })
                .collect();
            items.push(PlotItem::hollow(
                format!("{ticker} guidance"),
                company.color,
                guidance,
            ));
        }
    }
    items
}
