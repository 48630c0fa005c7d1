//! One frame: the panels around the view (top bar, status line, problem panel, side panel), then
//! the view in the centre, the floating windows, and the queued commands.

use egui::{CentralPanel, Panel};

use crate::chart::{self, ChartKind, ChartSpec, ViewContext};
use crate::command::UiCommand;
use crate::export::PictureTarget;
use crate::lens::{Focus, Lens};
use crate::panels::presenter_view;
use crate::panels::{deck_panel, load_errors, note_editor, side_panel, status_bar, top_bar};
use crate::presenter::{self, PictureSource, Presentation, SpeakerView};
use crate::settings::{Settings, ThemeChoice};
use crate::views;
use crate::views::scenario::ScenarioContext;

use super::{FlywheelApp, pictures};

/// Chart line width in the window and while presenting (to read from the back of a room).
const LINE_WIDTH: f32 = 2.5;
const PRESENTER_LINE_WIDTH: f32 = 4.0;

impl FlywheelApp {
    /// One frame: panels, the view, then the queued commands. Separate from `eframe::App::ui`
    /// so benchmarks and `flywheel render` can draw frames without a window.
    pub fn draw(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.handle_input(&ctx);
        self.runtime.drawn_charts.clear();
        if let Some(line) = self.window_source_line() {
            Panel::bottom("export_footer").show(ui, |ui| {
                ui.label(egui::RichText::new(line).small());
            });
        }
        if let Some(presentation) = self.runtime.presentation.clone() {
            self.draw_presentation(ui, &presentation);
        } else {
            self.draw_dashboard(ui);
        }
        if let Some(editor) = &mut self.runtime.note_editor {
            note_editor::window(
                &ctx,
                editor,
                &self.data,
                &self.state.lens,
                &mut self.commands,
            );
        }
        if let Some(field) = &mut self.runtime.path_field {
            load_errors::path_window(&ctx, field, &mut self.commands);
        }
        super::imports::windows(self, &ctx);
        if ctx.input(|input| !input.raw.hovered_files.is_empty()) {
            drop_overlay(&ctx);
        }
        if self.runtime.last_lens.as_ref() != Some(&self.state.lens) {
            self.runtime.last_lens = Some(self.state.lens.clone());
            ctx.request_repaint();
        }
        self.apply_queued(&ctx);
        self.advance_picture(&ctx);
        self.advance_import(&ctx);
    }

    fn draw_dashboard(&mut self, ui: &mut egui::Ui) {
        Panel::top("top_bar").show(ui, |ui| top_bar::ui(ui, &self.state, &mut self.commands));
        Panel::bottom("status_bar").show(ui, |ui| {
            status_bar::ui(ui, &self.data, self.runtime.notices.message());
        });
        if self.runtime.notices.problem_kind().is_some() {
            Panel::bottom("load_errors").show(ui, |ui| {
                load_errors::error_panel(ui, &self.runtime.notices, &mut self.commands);
            });
        }
        Panel::left("side_panel")
            .resizable(false)
            .exact_size(240.0)
            .show(ui, |ui| {
                egui::ScrollArea::vertical().show(ui, |ui| {
                    side_panel::ui(ui, &self.data, &self.state.lens, &mut self.commands);
                    deck_panel::ui(
                        ui,
                        &mut self.state.deck,
                        self.state.selected_slide,
                        self.data.library(),
                        &mut self.commands,
                    );
                });
            });
        CentralPanel::default().show(ui, |ui| self.draw_view(ui, false));
    }

    /// The source line along the bottom of an exported window picture (a chart's goes under the
    /// chart instead).
    fn window_source_line(&self) -> Option<String> {
        self.runtime
            .picture
            .as_ref()
            .filter(|picture| picture.target() == &PictureTarget::Window)
            .map(|picture| picture.source_line().to_owned())
    }

    /// The current view in the central area; `presenting`, as a slide: no controls, for a
    /// scenario the projection alone (no sliders), and where the slide focuses one chart, that
    /// chart alone and large. The dashboard always shows every chart of the view.
    fn draw_view(&mut self, ui: &mut egui::Ui, presenting: bool) {
        let scenario_view = self.state.lens.view == crate::lens::View::Scenario;
        if scenario_view && !presenting {
            let mut context = ScenarioContext {
                data: &self.data,
                lens: &self.state.lens,
                workspace: &self.state.scenarios,
                can_undo: self.runtime.history.can_undo(),
                can_redo: self.runtime.history.can_redo(),
                commands: &mut self.commands,
            };
            views::scenario::ui(ui, &mut context);
            return;
        }
        let unfocused;
        let lens = if presenting || self.state.lens.focus.is_none() {
            &self.state.lens
        } else {
            unfocused = Lens {
                focus: None,
                ..self.state.lens.clone()
            };
            &unfocused
        };
        let picture = self.runtime.picture.as_ref();
        let exported_chart = picture.and_then(|picture| match picture.target() {
            PictureTarget::Chart(id) => Some((id.as_str(), picture.source_line())),
            PictureTarget::Window => None,
        });
        let mut view = ViewContext {
            data: &self.data,
            lens,
            tables_shown: &self.state.tables_shown,
            notes: &self.state.deck.annotations,
            commands: &mut self.commands,
            line_width: if presenting {
                PRESENTER_LINE_WIDTH
            } else {
                LINE_WIDTH
            },
            drawn_charts: &mut self.runtime.drawn_charts,
            source_line: exported_chart,
            // A slide, like a picture, has no controls (the Custom view's pickers included).
            exporting: picture.is_some() || presenting,
            presenting,
        };
        let scenario = self.state.scenarios.current();
        match &lens.focus {
            None => whole_view(ui, &mut view, scenario),
            Some(Focus::Chart(id)) => {
                // The view is laid out unseen so that it builds the focused chart as it
                // always does (guidance, dashed capex); the chart is then drawn alone.
                let mut unseen = ui.new_child(egui::UiBuilder::new().invisible());
                whole_view(&mut unseen, &mut view, scenario);
                match chart::take_focused(ui.ctx()) {
                    Some(focused) => {
                        presenter::focused_chart(
                            ui,
                            &mut view.with_lens(&focused.lens),
                            focused.spec,
                        );
                    }
                    None => {
                        ui.label(format!(
                            "This slide focuses the chart \"{}\", which the {} view does not \
                             draw.",
                            crate::shown_text::elided(id, 80),
                            lens.view.title()
                        ));
                    }
                }
            }
            Some(Focus::Metric(custom)) => {
                let spec = ChartSpec {
                    transform: Some(custom.transform),
                    ..ChartSpec::new("focus.metric", custom.metric, ChartKind::Lines)
                };
                presenter::focused_chart(ui, &mut view, spec);
            }
        }
    }

    /// A slide: title and counter on top, the view, the takeaway below; or a blank screen. Text
    /// is enlarged for the room, and a click steps (left: forward, right: back).
    fn draw_presentation(&mut self, ui: &mut egui::Ui, presentation: &Presentation) {
        let ctx = ui.ctx().clone();
        let window = ctx.content_rect().size() * ctx.zoom_factor();
        let zoom = presenter::room_zoom(self.state.presenter_zoom, window);
        // Compared with a margin: the window's size in points is recomputed from the zoom, and
        // a zoom set again for a rounding difference would repaint for ever.
        if (ctx.zoom_factor() - zoom).abs() > 1e-3 {
            ctx.set_zoom_factor(zoom);
        }
        presenter::enlarge_text(ui.style_mut());
        self.draw_speaker_view(ui, presentation);
        let slide_area = if presentation.blank {
            CentralPanel::default()
                .show(ui, |ui| {
                    ui.allocate_space(ui.available_size());
                })
                .response
                .rect
        } else {
            Panel::top("presenter_title").show(ui, |ui| {
                presenter::title_bar(ui, &self.state.deck, presentation);
            });
            Panel::bottom("presenter_takeaway").show(ui, |ui| {
                presenter::takeaway(ui, &self.state.deck, presentation, self.data.library());
            });
            CentralPanel::default()
                .show(ui, |ui| self.draw_view(ui, true))
                .response
                .rect
        };
        // A click on the slide steps; one on the presenter view beside it does not, nor one on
        // a window over the slide (the presenter view embedded where the system gives no second
        // window).
        let (position, primary, secondary) = ui.input(|input| {
            (
                input.pointer.interact_pos(),
                input.pointer.primary_clicked(),
                input.pointer.secondary_clicked(),
            )
        });
        let on_slide = position.is_some_and(|position| {
            slide_area.contains(position)
                && ui
                    .ctx()
                    .layer_id_at(position)
                    .is_none_or(|layer| layer.order == egui::Order::Background)
        });
        let (forward, back) = (on_slide && primary, on_slide && secondary);
        let view = self.state.lens.view;
        if forward {
            self.commands.push(UiCommand::NextSlide.command(view));
        } else if back {
            self.commands.push(UiCommand::PreviousSlide.command(view));
        }
    }
}

impl FlywheelApp {
    /// The presenter view: beside the slide (one screen) or in a second window.
    fn draw_speaker_view(&self, ui: &mut egui::Ui, presentation: &Presentation) {
        if presentation.speaker_view == SpeakerView::Off {
            return;
        }
        let elapsed = presentation.started.elapsed();
        let deck = &self.state.deck;
        let library = self.data.library();
        let pictures = self.slide_pictures(ui.ctx(), presentation);
        match presentation.speaker_view {
            SpeakerView::Off => {}
            SpeakerView::SameWindow => {
                Panel::right("presenter_view")
                    .resizable(false)
                    .exact_size(ui.available_width() * 0.3)
                    .show(ui, |ui| {
                        let slide = presentation.slide;
                        presenter_view::ui(ui, deck, slide, library, elapsed, &pictures);
                    });
            }
            SpeakerView::SecondWindow => {
                let builder = egui::ViewportBuilder::default()
                    .with_title("Flywheel: presenter view")
                    .with_inner_size([900.0, 600.0]);
                ui.ctx().show_viewport_immediate(
                    egui::ViewportId::from_hash_of("presenter_view"),
                    builder,
                    |ui, _| {
                        CentralPanel::default().show(ui, |ui| {
                            let slide = presentation.slide;
                            presenter_view::ui(ui, deck, slide, library, elapsed, &pictures);
                        });
                    },
                );
            }
        }
        // The time moves on while the presenter talks.
        ui.ctx()
            .request_repaint_after(std::time::Duration::from_secs(1));
    }

    /// Pictures of the slide shown and the next one, as the room's window shows them, each
    /// drawn once on a thread of its own.
    fn slide_pictures(
        &self,
        ctx: &egui::Context,
        presentation: &Presentation,
    ) -> presenter_view::Pictures {
        // The room's window in points, as the off-screen copy lays it out (zoom included).
        let size = ctx.content_rect().size() * ctx.zoom_factor();
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "a window's size in points"
        )]
        let size_points = [size.x.round() as u32, size.y.round() as u32];
        let theme = ctx.theme();
        let source = PictureSource {
            deck: &self.state.deck,
            library: self.data.library(),
            theme,
            size: size_points,
        };
        let picture = |index: usize| {
            presentation.pictures.picture(ctx, index, &source, || {
                let library = self.data.library().clone();
                let settings = Settings {
                    theme: match theme {
                        egui::Theme::Dark => ThemeChoice::Dark,
                        egui::Theme::Light => ThemeChoice::Light,
                    },
                    ..self.state.clone()
                };
                let pixels_per_point = THUMBNAIL_WIDTH / size.x.max(1.0);
                Box::new(move || {
                    pictures::slide_thumbnail(library, settings, index, size, pixels_per_point)
                })
            })
        };
        let next = presentation.slide + 1;
        presenter_view::Pictures {
            now: picture(presentation.slide),
            next: (next < self.state.deck.slides.len()).then(|| picture(next)),
        }
    }
}

/// Width of a slide's picture in the presenter view, in pixels: sharp at the width the view
/// gives it on a second screen.
const THUMBNAIL_WIDTH: f32 = 480.0;

/// Every chart of the view: a scenario slide's projection, or the view itself.
fn whole_view(
    ui: &mut egui::Ui,
    view: &mut ViewContext<'_>,
    scenario: Option<&flywheel_model::Scenario>,
) {
    if view.lens.view == crate::lens::View::Scenario {
        presenter::scenario_slide(ui, view, scenario);
    } else {
        views::show(ui, view);
    }
}

/// Darkens the window while files are dragged over it, saying what a drop does.
fn drop_overlay(ctx: &egui::Context) {
    let screen = ctx.content_rect();
    let painter = ctx.layer_painter(egui::LayerId::new(
        egui::Order::Foreground,
        egui::Id::unique("drop-overlay"),
    ));
    painter.rect_filled(screen, 0.0, egui::Color32::from_black_alpha(160));
    painter.text(
        screen.center(),
        egui::Align2::CENTER_CENTER,
        "Drop .ron or .csv datasets, or SEC company facts (.json), to load them",
        egui::FontId::proportional(24.0),
        egui::Color32::WHITE,
    );
}
