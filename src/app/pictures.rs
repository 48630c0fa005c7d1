//! The picture export subsystem: a picture of a chart or the window is started, the next frame
//! draws the source line, and the picture is finished from a viewport screenshot of that frame
//! (1×; never of the frame that asked, which has no source line) or from the same UI drawn
//! again off-screen (2×), then written or copied.

use egui::{ColorImage, Rect, ViewportCommand};
use flywheel_model::Library;

use crate::command::Command;
use crate::cpu_render::CpuRenderer;
use crate::export::{self, PictureDestination, PictureRequest, PictureTarget, ScreenshotSlot};
use crate::files::{SaveError, write_atomic};
use crate::render::{OffscreenRenderer, PictureRenderer, RenderError, encode_png};
use crate::settings::Settings;

use super::FlywheelApp;

/// Frames drawn before a slide's picture is taken, for its plots' axes to find their width.
const SLIDE_WARM_UP_FRAMES: u32 = 3;

/// Where an export stands.
#[derive(Clone, Debug)]
enum Stage {
    /// The frame with the source line is yet to be drawn: the export was asked for while
    /// frame `asked_in` was drawn or after it (frames counted as egui counts them), so the
    /// first frame that carries the line is the next one. A screenshot of the frame that asked
    /// would have no source line.
    FrameToDraw { asked_in: u64 },
    /// The screenshot of that frame was asked for; the part to keep, in points.
    AwaitingScreenshot {
        crop: Option<Rect>,
        slot: ScreenshotSlot,
    },
    /// A copy that draws the picture (off-screen, or `flywheel render`) and exports nothing.
    DrawnCopy,
}

/// A picture export under way: what was asked, and the source line the picture carries.
#[derive(Clone, Debug)]
pub struct PictureUnderWay {
    request: PictureRequest,
    source_line: String,
    stage: Stage,
}

impl PictureUnderWay {
    /// Chart or window.
    pub fn target(&self) -> &PictureTarget {
        &self.request.target
    }

    /// The line the picture carries.
    pub fn source_line(&self) -> &str {
        &self.source_line
    }

    /// The same picture for a copy of the app that only draws it.
    pub(super) fn drawn_copy(&self) -> Self {
        Self {
            stage: Stage::DrawnCopy,
            ..self.clone()
        }
    }
}

/// Slide `index` of the deck in `settings` as the room sees it, drawn by a copy of the app on
/// one CPU thread: a window of `size` points at `pixels_per_point`. For the presenter view's
/// pictures, drawn away from the window's thread.
pub(super) fn slide_thumbnail(
    library: Library,
    settings: Settings,
    index: usize,
    size: egui::Vec2,
    pixels_per_point: f32,
) -> Result<ColorImage, RenderError> {
    let ctx = egui::Context::default();
    let mut copy = FlywheelApp::with_settings(&ctx, library, settings, Vec::new());
    copy.apply(&ctx, Command::EnterPresenter);
    copy.apply(&ctx, Command::GoToSlide(index));
    let mut renderer = PictureRenderer::Cpu(CpuRenderer::with_threads(1));
    copy.draw_slide_picture(&ctx, &mut renderer, size, pixels_per_point)
}

impl FlywheelApp {
    /// The slide shown now, drawn off-screen in `ctx` as a window of `size` points at
    /// `pixels_per_point`.
    pub(super) fn draw_slide_picture(
        &mut self,
        ctx: &egui::Context,
        renderer: &mut PictureRenderer,
        size: egui::Vec2,
        pixels_per_point: f32,
    ) -> Result<ColorImage, RenderError> {
        // A new slide asks for no repaint, yet its plots size their axes from the frame
        // before: draw a few frames so that the layout settles as it does in the window.
        let mut frames = 0;
        renderer.render(ctx, size, pixels_per_point, |ui| {
            if frames < SLIDE_WARM_UP_FRAMES {
                ui.ctx().request_repaint();
            }
            frames += 1;
            self.draw(ui);
        })
    }

    /// The source line of an exported picture of what is shown now.
    pub fn source_line(&self) -> String {
        let scenario = self
            .state
            .scenarios
            .current()
            .map(|scenario| scenario.name.as_str());
        export::source_line(&self.data, &self.state.lens, scenario, export::today())
    }

    /// Every frame from now on is drawn as a still picture of the window: the source line along
    /// the bottom, no buttons (for `flywheel render`).
    pub fn draw_as_picture(&mut self) {
        self.runtime.picture = Some(PictureUnderWay {
            request: PictureRequest {
                target: PictureTarget::Window,
                scale: 1,
                destination: PictureDestination::Clipboard,
            },
            source_line: self.source_line(),
            stage: Stage::DrawnCopy,
        });
    }

    /// Starts a picture export: the next frame carries the source line and is captured.
    pub(super) fn start_picture(&mut self, ctx: &egui::Context, request: PictureRequest) {
        if let PictureTarget::Chart(id) = &request.target
            && export::chart_rect(&self.runtime.drawn_charts, &request.target).is_none()
        {
            self.runtime.notices.say(format!(
                "The chart {id} is not on screen: nothing exported."
            ));
            return;
        }
        // A picture carries the data, not the last status message.
        self.runtime.notices.clear_message();
        self.runtime.picture = Some(PictureUnderWay {
            request,
            source_line: self.source_line(),
            stage: Stage::FrameToDraw {
                asked_in: ctx.cumulative_frame_nr(),
            },
        });
        ctx.request_repaint();
    }

    /// Moves a picture export on, once per frame after drawing: asks for the screenshot of the
    /// frame that carries the source line (or draws it off-screen at 2×), then writes it out.
    pub(super) fn advance_picture(&mut self, ctx: &egui::Context) {
        let Some(picture) = &mut self.runtime.picture else {
            return;
        };
        match &picture.stage {
            Stage::DrawnCopy => {}
            Stage::FrameToDraw { .. } if picture.request.scale > 1 => {
                let request = picture.request.clone();
                let image = self.render_offscreen(ctx, &request);
                self.finish_picture(ctx, &request, image);
            }
            Stage::FrameToDraw { asked_in } if ctx.cumulative_frame_nr() <= *asked_in => {
                ctx.request_repaint();
            }
            Stage::FrameToDraw { .. } => {
                let slot = ScreenshotSlot::default();
                picture.stage = Stage::AwaitingScreenshot {
                    crop: export::chart_rect(&self.runtime.drawn_charts, &picture.request.target),
                    slot: slot.clone(),
                };
                let repaint = ctx.clone();
                ctx.send_viewport_cmd(ViewportCommand::Screenshot(egui::ScreenshotCallback::new(
                    move |image| {
                        if let Ok(mut slot) = slot.lock() {
                            *slot = Some(image);
                        }
                        repaint.request_repaint();
                    },
                )));
            }
            Stage::AwaitingScreenshot { crop, slot } => {
                let image = slot.lock().ok().and_then(|mut slot| slot.take());
                if let Some(image) = image {
                    let request = picture.request.clone();
                    let image = export::crop(&image, *crop, ctx.pixels_per_point());
                    self.finish_picture(ctx, &request, Ok(image));
                }
            }
        }
    }

    /// Draws what is shown now off-screen at the request's scale times the screen's density, on
    /// the window's device where there is one; cropped to the exported chart.
    fn render_offscreen(
        &self,
        ctx: &egui::Context,
        request: &PictureRequest,
    ) -> Result<ColorImage, RenderError> {
        let offscreen = egui::Context::default();
        offscreen.options_mut(|options| *options = ctx.options(Clone::clone));
        let mut copy = Self::with_settings(
            &offscreen,
            self.data.library().clone(),
            self.state.clone(),
            Vec::new(),
        );
        copy.runtime = self.runtime.for_picture();
        let mut renderer = match &self.runtime.gpu {
            Some((device, queue)) => OffscreenRenderer::on_device(device.clone(), queue.clone()),
            None => OffscreenRenderer::new()?,
        };
        let native = ctx.native_pixels_per_point().unwrap_or(1.0) * f32::from(request.scale);
        let size = ctx.content_rect().size() * ctx.zoom_factor();
        let image = renderer.render(&offscreen, size, native, |ui| copy.draw(ui))?;
        let crop = export::chart_rect(&copy.runtime.drawn_charts, &request.target);
        Ok(export::crop(&image, crop, offscreen.pixels_per_point()))
    }

    /// Writes a finished picture to its file or the clipboard and ends the export.
    fn finish_picture(
        &mut self,
        ctx: &egui::Context,
        request: &PictureRequest,
        picture: Result<ColorImage, RenderError>,
    ) {
        self.runtime.picture = None;
        ctx.request_repaint();
        let picture = match picture {
            Ok(picture) => picture,
            Err(error) => {
                self.runtime
                    .notices
                    .say(format!("The picture could not be made: {error}"));
                return;
            }
        };
        let [width, height] = picture.size;
        match &request.destination {
            PictureDestination::Clipboard => {
                ctx.copy_image(picture);
                self.runtime.notices.say(format!(
                    "Copied a {width}×{height} picture to the clipboard."
                ));
            }
            PictureDestination::File(path) => {
                let written = encode_png(&picture)
                    .map_err(SaveError::from)
                    .and_then(|bytes| Ok(write_atomic(path, &bytes)?));
                match written {
                    Ok(()) => {
                        self.runtime.notices.say(format!(
                            "Saved {} ({width}×{height} pixels).",
                            path.display()
                        ));
                        self.runtime.path_field = None;
                    }
                    Err(error) => self.runtime.notices.save_failed(error),
                }
            }
        }
    }
}
