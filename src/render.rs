//! Off-screen rendering: runs the app's UI in its own egui context and paints it into a wgpu
//! texture instead of a window. `flywheel render --renderer gpu` uses it with no display at all
//! (a GPU, or the CPU through a Vulkan software driver); the app uses it on its own device for
//! 2× exports, which a window screenshot cannot give. [`PictureRenderer`] chooses it or the CPU
//! renderer, which draws every picture by default.

use std::iter::once;
use std::sync::mpsc;
use std::time::Duration;

use eframe::egui_wgpu::{self, ScreenDescriptor, WgpuSetup, WgpuSetupCreateNew, wgpu};
use egui::{ColorImage, Vec2};

/// The texture format egui renders into off-screen: plain RGBA, as PNG stores it.
const TARGET_FORMAT: wgpu::TextureFormat = wgpu::TextureFormat::Rgba8Unorm;

/// How long to wait for the device. Software rasterisers are slow on large pictures, but a
/// device that never answers should end in an error, not a hang.
const WAIT_TIMEOUT: Duration = Duration::from_secs(60);

/// Frames run before the picture is taken: windows size themselves and fonts load over the
/// first few; most views settle in three.
const MAX_FRAMES: usize = 8;

/// Why a picture could not be rendered.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// No GPU and no software driver.
    #[error(
        "no graphics adapter is available ({0}). Without a GPU, Flywheel renders on the CPU \
         through a Vulkan software driver: on Debian or Ubuntu, `apt install mesa-vulkan-drivers \
         libvulkan1`, then run the command again"
    )]
    NoAdapter(String),
    /// The adapter would not give a device.
    #[error("the graphics adapter refused a device: {0}")]
    NoDevice(String),
    /// Larger than the device can draw in one texture.
    #[error(
        "a {width}×{height} pixel picture is larger than this graphics device can draw \
         (at most {max} pixels a side)"
    )]
    TooLarge {
        /// Asked width in pixels.
        width: u32,
        /// Asked height in pixels.
        height: u32,
        /// The device's limit.
        max: u32,
    },
    /// Zero or negative size, or a size that is not a number.
    #[error("cannot render a picture of {0} points: width and height must be at least 1")]
    BadSize(String),
    /// The device stopped answering or was lost.
    #[error("the graphics device failed while rendering: {0}")]
    Device(String),
    /// A deck too long for one PDF: every page is drawn and held until the file is written.
    #[error(
        "the deck has {count} slides; a PDF holds at most {limit} (each page is a picture of \
         its slide, all held until the file is written): split the deck"
    )]
    TooManySlides {
        /// Slides in the deck.
        count: usize,
        /// The most one PDF holds.
        limit: usize,
    },
}

/// Draws egui frames into textures and reads them back.
pub struct OffscreenRenderer {
    device: wgpu::Device,
    queue: wgpu::Queue,
    renderer: egui_wgpu::Renderer,
}

impl OffscreenRenderer {
    /// A renderer on a device of its own: a GPU if one is found, else a software rasteriser.
    /// Needs no window and no display.
    pub fn new() -> Result<Self, RenderError> {
        // Vulkan, Metal or DirectX first; OpenGL only where none of them has an adapter, as
        // probing it prints display warnings on a machine without one.
        let adapter = [wgpu::Backends::PRIMARY, wgpu::Backends::GL]
            .into_iter()
            .find_map(|backends| {
                let mut setup = WgpuSetupCreateNew::without_display_handle();
                setup.instance_descriptor.backends = backends;
                let instance = pollster::block_on(WgpuSetup::CreateNew(setup).new_instance());
                best_adapter(pollster::block_on(instance.enumerate_adapters(backends)))
            })
            .ok_or_else(|| {
                RenderError::NoAdapter(
                    "neither Vulkan, Metal, DirectX nor OpenGL has one".to_owned(),
                )
            })?;
        let (device, queue) = pollster::block_on(adapter.request_device(&wgpu::DeviceDescriptor {
            label: Some("flywheel off-screen"),
            required_limits: adapter.limits(),
            ..Default::default()
        }))
        .map_err(|error| RenderError::NoDevice(error.to_string()))?;
        Ok(Self::on_device(device, queue))
    }

    /// A renderer sharing a device the app already has (the window's).
    pub fn on_device(device: wgpu::Device, queue: wgpu::Queue) -> Self {
        let renderer = egui_wgpu::Renderer::new(
            &device,
            TARGET_FORMAT,
            egui_wgpu::RendererOptions::PREDICTABLE,
        );
        Self {
            device,
            queue,
            renderer,
        }
    }

    /// Runs `draw` in `ctx` as in a window of `size` points on a screen of
    /// `native_pixels_per_point` until its layout settles, and returns the last frame as a
    /// picture of `size × native_pixels_per_point` pixels. The context's zoom (presenter mode)
    /// enlarges the content, as it does in the window.
    pub fn render(
        &mut self,
        ctx: &egui::Context,
        size: Vec2,
        native_pixels_per_point: f32,
        draw: impl FnMut(&mut egui::Ui),
    ) -> Result<ColorImage, RenderError> {
        let max = self.device.limits().max_texture_dimension_2d;
        let (output, [width, height]) =
            settle(ctx, size, native_pixels_per_point, max, draw, |delta| {
                self.update_textures(delta);
            })?;
        let primitives = ctx.tessellate(output.shapes, output.pixels_per_point);
        let screen = ScreenDescriptor {
            size_in_pixels: [width, height],
            pixels_per_point: output.pixels_per_point,
        };
        self.paint(&primitives, &screen)
    }

    fn update_textures(&mut self, delta: &mut egui::TexturesDelta) {
        for (id, images) in delta.set.drain() {
            for image in images {
                self.renderer
                    .update_texture(&self.device, &self.queue, id, &image);
            }
        }
        for id in delta.free.drain() {
            self.renderer.free_texture(&id);
        }
    }

    fn paint(
        &mut self,
        primitives: &[egui::ClippedPrimitive],
        screen: &ScreenDescriptor,
    ) -> Result<ColorImage, RenderError> {
        let [width, height] = screen.size_in_pixels;
        let texture = self.device.create_texture(&wgpu::TextureDescriptor {
            label: Some("flywheel picture"),
            size: wgpu::Extent3d {
                width,
                height,
                depth_or_array_layers: 1,
            },
            mip_level_count: 1,
            sample_count: 1,
            dimension: wgpu::TextureDimension::D2,
            format: TARGET_FORMAT,
            usage: wgpu::TextureUsages::RENDER_ATTACHMENT | wgpu::TextureUsages::COPY_SRC,
            view_formats: &[],
        });
        let view = texture.create_view(&wgpu::TextureViewDescriptor::default());
        let mut encoder = self
            .device
            .create_command_encoder(&wgpu::CommandEncoderDescriptor {
                label: Some("flywheel picture"),
            });
        let user_buffers = self.renderer.update_buffers(
            &self.device,
            &self.queue,
            &mut encoder,
            primitives,
            screen,
        );
        {
            let mut pass = encoder
                .begin_render_pass(&wgpu::RenderPassDescriptor {
                    label: Some("flywheel picture"),
                    color_attachments: &[Some(wgpu::RenderPassColorAttachment {
                        view: &view,
                        resolve_target: None,
                        ops: wgpu::Operations {
                            load: wgpu::LoadOp::Clear(wgpu::Color::TRANSPARENT),
                            store: wgpu::StoreOp::Store,
                        },
                        depth_slice: None,
                    })],
                    ..Default::default()
                })
                .forget_lifetime();
            self.renderer.render(&mut pass, primitives, screen);
        }
        // Rows of a texture copy are padded to 256 bytes.
        let unpadded = width as usize * 4;
        let align = wgpu::COPY_BYTES_PER_ROW_ALIGNMENT as usize;
        let padded = unpadded.div_ceil(align) * align;
        let buffer = self.device.create_buffer(&wgpu::BufferDescriptor {
            label: Some("flywheel picture read-back"),
            size: (padded * height as usize) as u64,
            usage: wgpu::BufferUsages::MAP_READ | wgpu::BufferUsages::COPY_DST,
            mapped_at_creation: false,
        });
        #[expect(
            clippy::cast_possible_truncation,
            reason = "a row of at most the device's texture limit in pixels"
        )]
        let bytes_per_row = padded as u32;
        encoder.copy_texture_to_buffer(
            texture.as_image_copy(),
            wgpu::TexelCopyBufferInfo {
                buffer: &buffer,
                layout: wgpu::TexelCopyBufferLayout {
                    offset: 0,
                    bytes_per_row: Some(bytes_per_row),
                    rows_per_image: None,
                },
            },
            wgpu::Extent3d {
                width,
                height,
                depth_or_array_layers: 1,
            },
        );
        let submission = self
            .queue
            .submit(user_buffers.into_iter().chain(once(encoder.finish())));
        let slice = buffer.slice(..);
        let (sender, receiver) = mpsc::channel();
        slice.map_async(wgpu::MapMode::Read, move |result| {
            let _ = sender.send(result);
        });
        self.device
            .poll(wgpu::PollType::Wait {
                submission_index: Some(submission),
                timeout: Some(WAIT_TIMEOUT),
            })
            .map_err(|error| RenderError::Device(error.to_string()))?;
        receiver
            .recv_timeout(WAIT_TIMEOUT)
            .map_err(|error| RenderError::Device(error.to_string()))?
            .map_err(|error| RenderError::Device(error.to_string()))?;
        let mapped = slice
            .get_mapped_range()
            .map_err(|error| RenderError::Device(error.to_string()))?;
        let rgba: Vec<u8> = mapped
            .chunks_exact(padded)
            .flat_map(|row| &row[..unpadded])
            .copied()
            .collect();
        drop(mapped);
        buffer.unmap();
        Ok(ColorImage::from_rgba_unmultiplied(
            [width as usize, height as usize],
            &rgba,
        ))
    }
}

/// Runs `draw` in `ctx` as in a window of `size` points on a screen of
/// `native_pixels_per_point` until its layout settles (at most [`MAX_FRAMES`] frames), handing
/// each frame's texture changes to `textures`; returns the last frame and its size in pixels.
fn settle(
    ctx: &egui::Context,
    size: Vec2,
    native_pixels_per_point: f32,
    max_side: u32,
    mut draw: impl FnMut(&mut egui::Ui),
    mut textures: impl FnMut(&mut egui::TexturesDelta),
) -> Result<(egui::FullOutput, [u32; 2]), RenderError> {
    if !(size.x >= 1.0 && size.y >= 1.0 && native_pixels_per_point > 0.0 && size.is_finite()) {
        return Err(RenderError::BadSize(format!("{}×{}", size.x, size.y)));
    }
    let pixels = size * native_pixels_per_point;
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "checked positive and finite above; compared with the limit below"
    )]
    let (width, height) = (pixels.x.round() as u32, pixels.y.round() as u32);
    if width > max_side || height > max_side {
        return Err(RenderError::TooLarge {
            width,
            height,
            max: max_side,
        });
    }
    // A still picture has no time to animate in: without this, a fading scroll bar asks for
    // one more frame every frame and the layout never reports itself settled.
    ctx.global_style_mut(|style| style.animation_time = 0.0);
    let mut output = None;
    for _ in 0..MAX_FRAMES {
        let mut input = egui::RawInput {
            // egui lays out in zoomed points: the same pixels hold fewer of them.
            screen_rect: Some(egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                size / ctx.zoom_factor(),
            )),
            // egui's own atlas size; the device's largest side would make a needlessly huge
            // font atlas (and one some drivers refuse).
            max_texture_side: Some(max_side.min(2048) as usize),
            ..Default::default()
        };
        input
            .viewports
            .entry(egui::ViewportId::ROOT)
            .or_default()
            .native_pixels_per_point = Some(native_pixels_per_point);
        let mut frame = ctx.run_ui(input, &mut draw);
        textures(&mut frame.textures_delta);
        let settled = !frame
            .viewport_output
            .get(&egui::ViewportId::ROOT)
            .is_some_and(|viewport| viewport.repaint_delay.is_zero());
        output = Some(frame);
        if settled {
            break;
        }
    }
    output
        .map(|output| (output, [width, height]))
        .ok_or_else(|| RenderError::Device("no frame was drawn".to_owned()))
}

/// Which rasteriser draws a picture with no window.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum RendererChoice {
    /// The CPU renderer: a still picture costs it a few milliseconds of painting, less than
    /// creating any wgpu device, and looking for a GPU alone loads the Vulkan drivers (on a
    /// machine without a GPU, lavapipe: 90 ms and 51 MiB more for `flywheel render`).
    #[default]
    Auto,
    /// wgpu on any adapter (a GPU, or a Vulkan software driver).
    Gpu,
    /// Flywheel's own CPU rasteriser: no graphics driver needed.
    Cpu,
}

/// Draws pictures off-screen on the renderer chosen.
pub enum PictureRenderer {
    /// wgpu.
    Gpu(Box<OffscreenRenderer>),
    /// The CPU rasteriser.
    Cpu(crate::cpu_render::CpuRenderer),
}

/// Pictures drawn on the CPU are at most this many pixels a side.
const CPU_MAX_SIDE: u32 = 8192;

impl PictureRenderer {
    /// The renderer for `choice`: wgpu only when asked for (`Gpu`); see [`RendererChoice`].
    pub fn new(choice: RendererChoice) -> Result<Self, RenderError> {
        match choice {
            RendererChoice::Cpu | RendererChoice::Auto => {
                Ok(Self::Cpu(crate::cpu_render::CpuRenderer::new()))
            }
            RendererChoice::Gpu => Ok(Self::Gpu(Box::new(OffscreenRenderer::new()?))),
        }
    }

    /// Runs `draw` until its layout settles and returns the picture (see
    /// [`OffscreenRenderer::render`]).
    pub fn render(
        &mut self,
        ctx: &egui::Context,
        size: Vec2,
        native_pixels_per_point: f32,
        draw: impl FnMut(&mut egui::Ui),
    ) -> Result<ColorImage, RenderError> {
        match self {
            Self::Gpu(renderer) => renderer.render(ctx, size, native_pixels_per_point, draw),
            Self::Cpu(renderer) => {
                let (mut output, [width, height]) = settle(
                    ctx,
                    size,
                    native_pixels_per_point,
                    CPU_MAX_SIDE,
                    draw,
                    |delta| renderer.update_textures(delta),
                )?;
                output.textures_delta = egui::TexturesDelta::default();
                renderer
                    .render_frame(ctx, output, [width as usize, height as usize])
                    .map_err(|error| RenderError::Device(error.to_string()))
            }
        }
    }
}

/// A GPU first (discrete, then any other), then a CPU rasteriser; Vulkan, Metal and DirectX
/// before OpenGL.
fn best_adapter(adapters: Vec<wgpu::Adapter>) -> Option<wgpu::Adapter> {
    adapters
        .into_iter()
        .filter(|adapter| {
            !matches!(
                adapter.get_info().backend,
                wgpu::Backend::Noop | wgpu::Backend::BrowserWebGpu
            )
        })
        .min_by_key(|adapter| {
            let info = adapter.get_info();
            let device = match info.device_type {
                wgpu::DeviceType::DiscreteGpu => 0,
                wgpu::DeviceType::IntegratedGpu => 1,
                wgpu::DeviceType::VirtualGpu | wgpu::DeviceType::Other => 2,
                wgpu::DeviceType::Cpu => 3,
            };
            let backend = match info.backend {
                wgpu::Backend::Vulkan | wgpu::Backend::Metal | wgpu::Backend::Dx12 => 0,
                _ => 1,
            };
            (device, backend)
        })
}

/// Encodes a picture as PNG with the fast setting ([`crate::cpu_render::encode_png_fast`]:
/// fast deflate, the `Paeth` filter on every row): on the Capex view at 1600×900 about two
/// thirds of the time of the default adaptive filter, for a file about 4% larger
/// (`cargo bench --bench cpu_render`, BENCHMARKS.md).
pub fn encode_png(image: &ColorImage) -> Result<Vec<u8>, image::ImageError> {
    use image::error::{LimitError, LimitErrorKind};

    crate::cpu_render::encode_png_fast(image).map_err(|error| match error {
        crate::cpu_render::PngError::Encode(error) => error,
        crate::cpu_render::PngError::TooLarge { .. } => {
            image::ImageError::Limits(LimitError::from_kind(LimitErrorKind::DimensionError))
        }
    })
}
