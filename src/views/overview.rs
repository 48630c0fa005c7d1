//! Overview: one card per company — revenue, operating income and margin, capex and capex
//! intensity, free cash flow — each with its change on a year earlier and a small trend line.
//! By default every card shows the same calendar period (the latest all shown companies have),
//! so Microsoft's June year is not set beside the others' December years; a switch shows each
//! company's own latest instead. Hovering a figure shows its filing.

use egui::{Color32, FontFamily, FontId, Label, Pos2, RichText, Sense, Stroke, Ui, Vec2};
use flywheel_model::{Alignment, Metric, Observation, PeriodSlot, Series, ValueUnit};

use crate::chart::{ChartKind, ChartSpec, ViewContext, chart, last_title_height, tooltip};
use crate::command::Command;
use crate::data_view::ShownCompany;
use crate::lens::{CardPeriod, Lens};
use crate::shown_text::{elided, hover_text};
use crate::theme::{SEMIBOLD, change_color};

/// Characters of a company's name and ticker drawn before the rest is cut (shown on hover).
const NAME_CHARS: usize = 80;
const TICKER_CHARS: usize = 12;

/// The figures on each card, in order.
pub const KPI_METRICS: [Metric; 6] = [
    Metric::Revenue,
    Metric::OperatingIncome,
    Metric::OperatingMargin,
    Metric::FreeCashFlow,
    Metric::Capex,
    Metric::CapexIntensity,
];

/// The narrowest a card may be: two figure tiles side by side, each with its trend line.
const CARD_MIN_WIDTH: f32 = 290.0;
/// The charts under the cards keep at least this height; the view scrolls below them.
const CHART_MIN_HEIGHT: f32 = 240.0;

/// How many cards go in each row for `count` companies in `width` points: as many as fit (at
/// most four), then spread evenly over the rows so the last row is not left with one card.
pub fn cards_per_row(count: usize, width: f32, spacing: f32) -> usize {
    super::per_row(count, width, spacing, CARD_MIN_WIDTH)
}

/// Draws the view.
pub fn ui(ui: &mut Ui, view: &mut ViewContext<'_>) {
    let companies = view.shown(ui);
    if companies.is_empty() {
        super::no_company(ui);
        return;
    }
    let per_row = cards_per_row(
        companies.len(),
        ui.available_width(),
        ui.spacing().item_spacing.x,
    );
    let cards = Cards::choose(view, &companies);
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            if !view.exporting {
                period_switch(ui, view);
            }
            ui.label(RichText::new(cards.caption(view.lens.card_period)).weak());
            ui.add_space(4.0);
            for (index, row) in companies.chunks(per_row).enumerate() {
                if index > 0 {
                    ui.add_space(ui.spacing().item_spacing.y);
                }
                // With a hundred companies the cards were two thirds of the frame, most of
                // them scrolled away.
                let key = ("overview card row", per_row, companies.len(), index);
                super::unless_out_of_sight(ui, key, |ui| {
                    // Every row has the same columns, so the cards line up under each other.
                    ui.columns(per_row, |columns| {
                        for (column, company) in columns.iter_mut().zip(row) {
                            card(column, view, &cards, company);
                        }
                    });
                });
            }
            ui.add_space(4.0);
            ui.label(
                RichText::new(
                    "Changes compare each figure with the same period a year earlier; margins \
                 change in percentage points (pp). Hover a figure for its formula and filing.",
                )
                .small()
                .weak(),
            );
            ui.add_space(8.0);
            // The race in two pictures: what the companies earn, and what they pour back. Side
            // by side while each title row holds its legend; one above the other beyond that.
            let operating_income = ChartSpec::new(
                "overview.operating_income",
                Metric::OperatingIncome,
                ChartKind::Lines,
            );
            let capex = ChartSpec::new("overview.capex", Metric::Capex, ChartKind::Lines);
            let side_by_side_width = (ui.available_width() - ui.spacing().item_spacing.x) / 2.0;
            if title_row_width(ui, &companies) <= side_by_side_width {
                let height = (ui.available_height() - 40.0).max(CHART_MIN_HEIGHT);
                // Where one legend wraps and the other does not, both title rows take the
                // taller height, so the two plots start level.
                let title_min_height = last_title_height(ui.ctx(), &operating_income.id)
                    .max(last_title_height(ui.ctx(), &capex.id));
                ui.columns(2, |columns| {
                    chart(
                        &mut columns[0],
                        view,
                        &ChartSpec {
                            height,
                            title_min_height,
                            ..operating_income
                        },
                    );
                    chart(
                        &mut columns[1],
                        view,
                        &ChartSpec {
                            height,
                            title_min_height,
                            ..capex
                        },
                    );
                });
            } else {
                let height = ((ui.available_height() - 80.0) / 2.0).max(CHART_MIN_HEIGHT);
                chart(
                    ui,
                    view,
                    &ChartSpec {
                        height,
                        ..operating_income
                    },
                );
                ui.add_space(8.0);
                chart(ui, view, &ChartSpec { height, ..capex });
            }
        });
}

/// About how wide a chart's title row is with every company in its legend: the title and unit,
/// a dot and ticker for each company, and the Table and Export buttons.
fn title_row_width(ui: &Ui, companies: &[ShownCompany<'_>]) -> f32 {
    const TITLE_AND_UNIT: f32 = 180.0;
    const DOT_AND_SPACING: f32 = 24.0;
    const CONTROLS: f32 = 115.0;
    let font = egui::TextStyle::Body.resolve(ui.style());
    let legend: f32 = companies
        .iter()
        .map(|company| {
            let ticker = elided(&company.dataset.company.ticker, TICKER_CHARS);
            ui.painter()
                .layout_no_wrap(ticker, font.clone(), Color32::WHITE)
                .size()
                .x
                + DOT_AND_SPACING
        })
        .sum();
    TITLE_AND_UNIT + legend + CONTROLS
}

/// The lens the cards read their figures through, and the one period they all show.
struct Cards {
    /// The view's lens, on calendar periods when every card shows the same period.
    lens: Lens,
    /// The period every card shows; `None`: each card shows its company's own latest.
    common: Option<PeriodSlot>,
}

impl Cards {
    /// Finds the latest period that every shown company has revenue for, on calendar periods,
    /// when the lens asks for one period; otherwise (or when there is none) each card shows its
    /// own latest.
    fn choose(view: &ViewContext<'_>, companies: &[ShownCompany<'_>]) -> Self {
        if view.lens.card_period == CardPeriod::OwnLatest {
            return Self {
                lens: view.lens.clone(),
                common: None,
            };
        }
        let lens = Lens {
            alignment: Alignment::Calendar,
            ..view.lens.clone()
        };
        let revenues: Vec<_> = companies
            .iter()
            .map(|company| view.data.series(company.dataset, Metric::Revenue, &lens))
            .collect();
        let reports = |series: &Series, slot: &PeriodSlot| {
            series
                .points
                .iter()
                .any(|point| point.value.is_some() && point.slot == *slot)
        };
        // The first company's latest period with revenue that every other company reports too.
        let common = revenues.first().and_then(|first| {
            first
                .points
                .iter()
                .rev()
                .filter(|point| point.value.is_some() && lens.contains(&point.slot))
                .find(|point| {
                    revenues[1..]
                        .iter()
                        .all(|other| reports(other, &point.slot))
                })
                .map(|point| point.slot.clone())
        });
        Self { lens, common }
    }

    /// The line above the cards: which period they show, and why.
    fn caption(&self, asked: CardPeriod) -> String {
        match (&self.common, asked) {
            (Some(slot), _) => format!(
                "Every card shows {} (ended {}): the latest calendar period all shown companies \
                 have reported. Fiscal quarters are regrouped into calendar periods; hover a \
                 figure for how.",
                slot.label, slot.end_date
            ),
            (None, CardPeriod::SameForAll) => "No calendar period is reported by every shown \
                company: each card shows its company's own latest period."
                .to_owned(),
            (None, CardPeriod::OwnLatest) => "Each card shows its company's own latest period: \
                companies whose years end in different months are not compared on the same \
                months."
                .to_owned(),
        }
    }
}

/// The switch between one period for every card and each company's own latest.
fn period_switch(ui: &mut Ui, view: &mut ViewContext<'_>) {
    ui.horizontal(|ui| {
        ui.label("Cards:");
        for choice in [CardPeriod::SameForAll, CardPeriod::OwnLatest] {
            let selected = view.lens.card_period == choice;
            if ui.selectable_label(selected, choice.label()).clicked() && !selected {
                view.commands.push(Command::SetCardPeriod(choice));
            }
        }
    });
}

fn card(ui: &mut Ui, view: &ViewContext<'_>, cards: &Cards, company: &ShownCompany<'_>) {
    let revenue = view
        .data
        .series(company.dataset, Metric::Revenue, &cards.lens);
    let latest = revenue.points.iter().rev().find(|point| {
        point.value.is_some()
            && cards.lens.contains(&point.slot)
            && cards
                .common
                .as_ref()
                .is_none_or(|common| point.slot == *common)
    });
    egui::Frame::group(ui.style())
        .corner_radius(8.0)
        .inner_margin(12.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal(|ui| {
                let (rect, _) = ui.allocate_exact_size(Vec2::new(5.0, 22.0), Sense::hover());
                ui.painter().rect_filled(rect, 2.0, company.color);
                // The ticker always shows after the name; a long name gives way, whole on hover.
                let ticker = &company.dataset.company.ticker;
                let ticker_text = elided(ticker, TICKER_CHARS);
                let ticker_width = ui
                    .painter()
                    .layout_no_wrap(
                        ticker_text.clone(),
                        egui::TextStyle::Body.resolve(ui.style()),
                        Color32::WHITE,
                    )
                    .size()
                    .x;
                let name_room =
                    (ui.available_width() - ticker_width - ui.spacing().item_spacing.x).max(0.0);
                let name = &company.dataset.company.name;
                ui.scope(|ui| {
                    ui.set_max_width(name_room);
                    ui.add(
                        Label::new(
                            RichText::new(elided(name, NAME_CHARS))
                                .font(FontId::new(17.0, FontFamily::Name(SEMIBOLD.into()))),
                        )
                        .truncate(),
                    )
                    .on_hover_text(hover_text(name));
                });
                ui.label(RichText::new(ticker_text).weak())
                    .on_hover_text(hover_text(ticker));
            });
            let Some(latest) = latest else {
                ui.label("No reported revenue in the chosen years.");
                return;
            };
            ui.label(
                RichText::new(format!(
                    "{} · ended {}",
                    latest.slot.label, latest.slot.end_date
                ))
                .weak(),
            );
            ui.add_space(4.0);
            let tile_width = (ui.available_width() - ui.spacing().item_spacing.x) / 2.0;
            for pair in KPI_METRICS.chunks(2) {
                ui.horizontal_top(|ui| {
                    for metric in pair {
                        let series = view.data.series(company.dataset, *metric, &cards.lens);
                        ui.allocate_ui(Vec2::new(tile_width, 0.0), |ui| {
                            ui.set_width(tile_width);
                            kpi_tile(ui, view, company, &series, &latest.slot.label);
                        });
                    }
                });
                ui.add_space(4.0);
            }
        });
}

/// One figure: its name, the value large, the change and a trend line.
fn kpi_tile(
    ui: &mut Ui,
    view: &ViewContext<'_>,
    company: &ShownCompany<'_>,
    series: &Series,
    label: &str,
) {
    let metric = series.metric;
    let unit = metric.unit();
    let point = series.points.iter().find(|point| point.slot.label == label);
    ui.vertical(|ui| {
        ui.label(RichText::new(metric.label()).small().weak());
        let value_text = point
            .and_then(|point| point.value)
            .map_or_else(|| "—".to_owned(), |value| unit.format(value));
        let hover = point.map_or_else(
            || format!("{} has no {label}", company.dataset.company.ticker),
            |point| tooltip(&company.dataset.company.ticker, metric, point, series),
        );
        ui.label(
            RichText::new(value_text).font(FontId::new(20.0, FontFamily::Name(SEMIBOLD.into()))),
        )
        .on_hover_text(hover);
        ui.horizontal(|ui| {
            match point.and_then(|point| change(series, point)) {
                Some((text, rising)) => {
                    ui.label(RichText::new(text).color(change_color(rising, ui.visuals())));
                }
                None => {
                    ui.label(RichText::new("—").weak())
                        .on_hover_text("No comparable period a year earlier");
                }
            }
            let trend: Vec<f64> = series
                .points
                .iter()
                .filter(|point| view.lens.contains(&point.slot))
                .filter_map(|point| point.value)
                .collect();
            let width = (ui.available_width() - 4.0).clamp(24.0, 90.0);
            sparkline(
                ui,
                &trend[trend.len().saturating_sub(10)..],
                company.color,
                width,
            );
        });
    });
}

/// The change on a year earlier: percent for amounts, percentage points for ratios.
fn change(series: &Series, point: &Observation) -> Option<(String, bool)> {
    let now = point.value?;
    let before = series.year_earlier(point)?.value?;
    let difference = now - before;
    let sign = if difference >= 0.0 { "+" } else { "−" };
    match series.metric.unit() {
        ValueUnit::Percent => Some((
            format!("{sign}{:.1} pp", difference.abs()),
            difference >= 0.0,
        )),
        ValueUnit::UsdBillions if before > 0.0 => {
            let percent = difference / before * 100.0;
            Some((format!("{sign}{:.1}%", percent.abs()), difference >= 0.0))
        }
        ValueUnit::UsdBillions => Some((
            format!("{sign}${:.1}B", difference.abs()),
            difference >= 0.0,
        )),
    }
}

/// A small line of the last values, scaled to its own range.
fn sparkline(ui: &mut Ui, values: &[f64], color: Color32, width: f32) {
    let (rect, _) = ui.allocate_exact_size(Vec2::new(width, 18.0), Sense::hover());
    if values.len() < 2 {
        return;
    }
    let (low, high) = values
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(low, high), value| {
            (low.min(*value), high.max(*value))
        });
    let span = if high > low { high - low } else { 1.0 };
    #[expect(clippy::cast_precision_loss, reason = "at most ten points")]
    let step = rect.width() / (values.len() - 1) as f32;
    #[expect(clippy::cast_possible_truncation, reason = "screen coordinates")]
    let points: Vec<Pos2> = values
        .iter()
        .enumerate()
        .map(|(index, value)| {
            #[expect(clippy::cast_precision_loss, reason = "at most ten points")]
            let x = rect.left() + step * index as f32;
            let y = rect.bottom() - ((value - low) / span) as f32 * rect.height();
            Pos2::new(x, y)
        })
        .collect();
    if let Some(last) = points.last() {
        ui.painter().circle_filled(*last, 2.5, color);
    }
    ui.painter().line(points, Stroke::new(1.5, color));
}
