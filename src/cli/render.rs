//! `flywheel render`: draws a view or a slide off-screen, exactly as the window would, and writes
//! it as PNG. Needs no display and no GPU, so reports and slides can be built by a script.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::ValueEnum;
use flywheel_model::metrics::Transform;
use flywheel_model::{Alignment, Frequency, escape_controls};

use crate::app::FlywheelApp;
use crate::cli::out;
use crate::cli::table::BasisArg;
use crate::command::Command;
use crate::files::{FileAction, SaveError, refuse_output_as_input, write_atomic};
use crate::lens::{Lens, View};
use crate::pdf::{PdfPage, pages_pdf};
use crate::render::{PictureRenderer, RenderError, RendererChoice, encode_png};
use crate::settings::{Settings, ThemeChoice};

/// Arguments of `flywheel render`.
#[derive(Debug, clap::Args)]
pub struct RenderArgs {
    /// The view to draw; with --slide, the slide's own view is drawn instead.
    #[arg(long, value_parser = parse_view, required_unless_present_any = ["slide", "deck"])]
    pub view: Option<View>,
    /// Where to write the picture: `.png`, or `.pdf` for a PDF: with `--deck` and no
    /// `--slide`, every slide a page each; otherwise the one picture as a page.
    #[arg(long, value_name = "FILE.png|FILE.pdf")]
    pub out: PathBuf,
    /// Width of the window drawn, in points (pixels at --scale 1).
    #[arg(long, default_value_t = 1280, value_parser = clap::value_parser!(u32).range(320..=8192))]
    pub width: u32,
    /// Height of the window drawn, in points.
    #[arg(long, default_value_t = 800, value_parser = clap::value_parser!(u32).range(240..=8192))]
    pub height: u32,
    /// Pixels per point: 2 gives a picture twice as sharp, for slides and high-density screens.
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=4))]
    pub scale: u32,
    /// Colour theme.
    #[arg(long, value_enum, default_value_t = ThemeArg::Light)]
    pub theme: ThemeArg,
    /// Annual, quarterly or trailing-twelve-month periods (views only; a slide has its own).
    #[arg(long, value_enum, default_value_t = PeriodArg::Annual)]
    pub period: PeriodArg,
    /// Align to calendar years instead of each company's fiscal year (views only).
    #[arg(long)]
    pub calendar: bool,
    /// Latest restated figures (comparable) or as first reported (views only).
    #[arg(long, value_enum, default_value_t = BasisArg::Latest)]
    pub basis: BasisArg,
    /// Values, year-on-year change (`yoy`) or indexed to 100 at the first shown period
    /// (`indexed`), on every chart (views only).
    #[arg(long, value_parser = crate::cli::table::parse_transform, default_value = "value")]
    pub transform: Transform,
    /// Scenario file (RON) for the Scenario view; without it, the Base scenario.
    #[arg(long, value_name = "FILE")]
    pub scenario: Option<PathBuf>,
    /// Deck file (RON) to take --slide from (without it, the sample deck); with an --out
    /// ending in .pdf, every slide of it, one page each.
    #[arg(long, value_name = "FILE")]
    pub deck: Option<PathBuf>,
    /// Slide number, counting from 1: drawn as in presenter mode, title and takeaway included.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub slide: Option<u32>,
    /// Which rasteriser draws the picture: the CPU (auto, cpu: a still picture paints in a
    /// few milliseconds, less than creating a graphics device), or wgpu on any adapter, a
    /// Vulkan software driver included (gpu).
    #[arg(long, value_enum, default_value_t = RendererArg::Auto)]
    pub renderer: RendererArg,
    /// Extra dataset files (.ron or .csv), each replacing the company it names.
    #[arg(long = "data", value_name = "FILE")]
    pub data: Vec<PathBuf>,
}

/// A view by its tab title, in any case: `overview`, `profit`, `margins`, `capex`, `cloud`,
/// `scenario`, `flywheel`, `custom`.
fn parse_view(text: &str) -> Result<View, String> {
    View::ALL
        .into_iter()
        .find(|view| view.title().eq_ignore_ascii_case(text))
        .ok_or_else(|| {
            let names: Vec<String> = View::ALL
                .iter()
                .map(|view| view.title().to_lowercase())
                .collect();
            format!("unknown view; choose one of: {}", names.join(", "))
        })
}

/// `--theme` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ThemeArg {
    /// Dark text on white.
    Light,
    /// Light text on dark grey.
    Dark,
}

/// `--renderer` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum RendererArg {
    /// The CPU rasteriser, the fastest way to one still picture.
    Auto,
    /// wgpu on any adapter.
    Gpu,
    /// The CPU rasteriser, no graphics driver needed.
    Cpu,
}

/// `--period` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum PeriodArg {
    /// Fiscal years.
    Annual,
    /// Fiscal quarters.
    Quarterly,
    /// Trailing twelve months, at each quarter.
    Ttm,
}

/// The most pixels a picture may have (width × height × scale²): 40 million, e.g. 3840×2160 at
/// `--scale 2` (33 million). Memory grows with the picture (about 30 bytes a pixel while it is
/// drawn, encoded and written), so a bigger one is refused before anything is allocated.
pub const PIXEL_BUDGET: u64 = 40_000_000;

/// A picture beyond [`PIXEL_BUDGET`].
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "a picture of {width}×{height} points at --scale {scale} has {pixels} pixels, over the \
     budget of {PIXEL_BUDGET}; ask for a smaller --width, --height or --scale (3840×2160 at \
     --scale 2 fits)"
)]
pub struct OverBudget {
    /// Width asked for, in points.
    pub width: u32,
    /// Height asked for, in points.
    pub height: u32,
    /// Pixels per point asked for.
    pub scale: u32,
    /// Pixels the picture would have.
    pub pixels: u64,
}

/// The picture's pixel count, or why it is refused.
pub fn within_pixel_budget(width: u32, height: u32, scale: u32) -> Result<u64, OverBudget> {
    let pixels = u64::from(width) * u64::from(height) * u64::from(scale) * u64::from(scale);
    if pixels > PIXEL_BUDGET {
        Err(OverBudget {
            width,
            height,
            scale,
            pixels,
        })
    } else {
        Ok(pixels)
    }
}

/// What `--out` asks for, by its extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutputKind {
    /// `.png`: one picture.
    Png,
    /// `.pdf`: every slide of the `--deck` a page each, or with `--slide` or without `--deck`
    /// the one picture as a page (a user naming a PDF wants a PDF of what they asked to draw).
    Pdf,
}

/// An `--out` whose extension is neither `.png` nor `.pdf`: writing PNG bytes under any other
/// name would give a file its name lies about.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "--out {}: render writes PNG pictures (.png) and PDF documents (.pdf); end the name in one \
     of them",
    escape_controls(&.0.display().to_string())
)]
pub struct UnknownOutputKind(pub PathBuf);

/// The kind of file `out` names, by its extension in any case.
pub fn output_kind(out: &Path) -> Result<OutputKind, UnknownOutputKind> {
    let extension = out.extension().and_then(|extension| extension.to_str());
    match extension {
        Some(extension) if extension.eq_ignore_ascii_case("png") => Ok(OutputKind::Png),
        Some(extension) if extension.eq_ignore_ascii_case("pdf") => Ok(OutputKind::Pdf),
        _ => Err(UnknownOutputKind(out.to_path_buf())),
    }
}

/// Renders and writes the picture: 0 on success, 1 on a bad input file or an unwritable
/// output, 2 for a picture beyond the pixel budget, an `--out` that is neither `.png` nor `.pdf`
/// or that is one of the inputs, 3 when no graphics adapter can be had.
pub fn run(args: &RenderArgs) -> super::Outcome {
    if let Err(error) = within_pixel_budget(args.width, args.height, args.scale) {
        out::error_line(&format!("flywheel render: {error}"));
        return Ok(ExitCode::from(2));
    }
    let kind = match output_kind(&args.out) {
        Ok(kind) => kind,
        Err(error) => {
            out::error_line(&format!("flywheel render: {error}"));
            return Ok(ExitCode::from(2));
        }
    };
    let mut inputs: Vec<&Path> = args.data.iter().map(PathBuf::as_path).collect();
    inputs.extend(args.scenario.as_deref());
    inputs.extend(args.deck.as_deref());
    if let Err(error) = refuse_output_as_input(&args.out, &inputs) {
        out::error_line(&format!("flywheel render: {error}"));
        return Ok(ExitCode::from(2));
    }
    let library = match super::load_library(&args.data) {
        Ok(library) => library,
        Err(code) => return Ok(code),
    };

    let settings = Settings {
        lens: Lens {
            view: args.view.unwrap_or_default(),
            frequency: match args.period {
                PeriodArg::Annual => Frequency::Annual,
                PeriodArg::Quarterly => Frequency::Quarterly,
                PeriodArg::Ttm => Frequency::Ttm,
            },
            alignment: if args.calendar {
                Alignment::Calendar
            } else {
                Alignment::Fiscal
            },
            basis: args.basis.into(),
            transform: args.transform,
            ..Lens::default()
        },
        theme: match args.theme {
            ThemeArg::Light => ThemeChoice::Light,
            ThemeArg::Dark => ThemeChoice::Dark,
        },
        ..Settings::default()
    };
    let ctx = egui::Context::default();
    let mut app = FlywheelApp::with_settings(&ctx, library, settings, Vec::new());
    if let Some(path) = &args.scenario {
        app.apply(
            &ctx,
            Command::FileChosen(FileAction::OpenScenario, path.clone()),
        );
    }
    if let Some(path) = &args.deck {
        app.apply(
            &ctx,
            Command::FileChosen(FileAction::OpenDeck, path.clone()),
        );
    }
    if !app.notices().problems().is_empty() {
        for error in app.notices().problems() {
            out::error_line(error);
        }
        return Ok(ExitCode::FAILURE);
    }
    if let Some(path) = &args.deck {
        // The deck loaded as the window loads it; here the scenarios its slides name must be
        // among those the command was given (the presets and --scenario).
        let scenarios = &app.settings().scenarios.scenarios;
        let names: Vec<&str> = scenarios
            .iter()
            .map(|scenario| scenario.name.as_str())
            .collect();
        match crate::deck::check_deck(path, Some(&names)) {
            Ok(checked) => {
                for warning in &checked.warnings {
                    out::error_line(&warning.as_warning());
                }
            }
            Err(error) => {
                out::error_line(&error.to_string());
                return Ok(ExitCode::FAILURE);
            }
        }
    }
    let one_picture = args.deck.is_none() || args.slide.is_some();
    if kind == OutputKind::Pdf && !one_picture {
        return write_deck_pdf(&mut app, &ctx, args);
    }
    if args.slide.is_none() && args.view.is_none() {
        out::error_line(
            "flywheel render: --deck draws a --slide as PNG, or every slide with --out FILE.pdf",
        );
        return Ok(ExitCode::from(2));
    }
    let mut title = args.view.unwrap_or_default().title().to_owned();
    if let Some(number) = args.slide {
        let deck = &app.settings().deck;
        let count = deck.slides.len();
        let index = number as usize - 1;
        let Some(slide) = deck.slides.get(index) else {
            out::error_line(&format!(
                "flywheel render: there is no slide {number}; the deck \"{}\" has {count}",
                escape_controls(&deck.title)
            ));
            return Ok(ExitCode::from(2));
        };
        title.clone_from(&slide.title);
        app.apply(&ctx, Command::SelectSlide(index));
        app.apply(&ctx, Command::EnterPresenter);
    }
    app.draw_as_picture();
    let size = egui::vec2(args.width as f32, args.height as f32);
    let picture = PictureRenderer::new(renderer_choice(args.renderer))
        .and_then(|mut renderer| renderer.render(&ctx, size, args.scale as f32, |ui| app.draw(ui)));
    let picture = match picture {
        Ok(picture) => picture,
        Err(error @ RenderError::NoAdapter(_)) => {
            out::error_line(&format!("flywheel render: {error}"));
            return Ok(ExitCode::from(3));
        }
        Err(error) => {
            out::error_line(&format!("flywheel render: {error}"));
            return Ok(ExitCode::FAILURE);
        }
    };
    let (written, what) = match kind {
        OutputKind::Png => (
            encode_png(&picture)
                .map_err(SaveError::from)
                .and_then(|bytes| Ok(write_atomic(&args.out, &bytes)?)),
            format!("{}×{} pixels", picture.size[0], picture.size[1]),
        ),
        OutputKind::Pdf => {
            let bytes = pages_pdf(&title, &[PdfPage::of(&picture)], size);
            (
                write_atomic(&args.out, &bytes).map_err(SaveError::from),
                "1 page".to_owned(),
            )
        }
    };
    report_written(written, &args.out, &what)
}

/// The `--renderer` choice.
fn renderer_choice(renderer: RendererArg) -> RendererChoice {
    match renderer {
        RendererArg::Auto => RendererChoice::Auto,
        RendererArg::Gpu => RendererChoice::Gpu,
        RendererArg::Cpu => RendererChoice::Cpu,
    }
}

/// "wrote FILE (what)", or the error: the exit code of a write.
fn report_written(written: Result<(), SaveError>, path: &Path, what: &str) -> super::Outcome {
    match written {
        Ok(()) => {
            out::line(&format!("wrote {} ({what})", out::path(path)))?;
            Ok(ExitCode::SUCCESS)
        }
        Err(error) => {
            out::error_line(&format!("flywheel render: {error}"));
            Ok(ExitCode::FAILURE)
        }
    }
}

/// Every slide of the deck, drawn as presented, a page each of a PDF. Drawn on the CPU unless
/// `--renderer gpu` asks for wgpu: a deck is a batch job, and the CPU needs no driver.
fn write_deck_pdf(app: &mut FlywheelApp, ctx: &egui::Context, args: &RenderArgs) -> super::Outcome {
    let choice = match args.renderer {
        RendererArg::Gpu => RendererChoice::Gpu,
        RendererArg::Auto | RendererArg::Cpu => RendererChoice::Cpu,
    };
    let deck = &app.settings().deck;
    let (title, count) = (deck.title.clone(), deck.slides.len());
    if count == 0 {
        out::error_line(&format!(
            "flywheel render: the deck \"{}\" has no slides",
            escape_controls(&title)
        ));
        return Ok(ExitCode::FAILURE);
    }
    let size = egui::vec2(args.width as f32, args.height as f32);
    let pages = PictureRenderer::new(choice)
        .and_then(|mut renderer| app.draw_deck(ctx, &mut renderer, size, args.scale as f32));
    match pages {
        Ok(pages) => {
            let bytes = pages_pdf(&title, &pages, size);
            let written = write_atomic(&args.out, &bytes).map_err(SaveError::from);
            report_written(written, &args.out, &format!("{count} pages"))
        }
        Err(error) => {
            out::error_line(&format!("flywheel render: {error}"));
            Ok(ExitCode::FAILURE)
        }
    }
}
