//! Decks as PDF: one page per slide, in order, each the slide drawn off-screen exactly as in
//! presenter mode (title, charts, takeaway and the source line) and embedded as an image, so a
//! deck can travel to a room with no Flywheel in it.

use egui::{ColorImage, Vec2};
use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect, Ref, TextStr};

use crate::app::FlywheelApp;
use crate::command::Command;
use crate::render::{PictureRenderer, RenderError};

/// Why a deck could not be made into a PDF.
#[derive(Debug, thiserror::Error)]
pub enum DeckPdfError {
    /// Nothing to put on a page.
    #[error("the deck has no slides")]
    NoSlides,
    /// A slide could not be drawn.
    #[error("cannot draw slide {slide}: {source}")]
    Render {
        /// The slide's number, counting from 1.
        slide: usize,
        /// What went wrong.
        source: RenderError,
    },
}

/// Draws every slide of the app's deck as presented, `size` points at `pixels_per_point`, and
/// returns the PDF: one page per slide, each page `size` in PDF points (1/72 inch).
pub fn deck_pdf(
    app: &mut FlywheelApp,
    ctx: &egui::Context,
    renderer: &mut PictureRenderer,
    size: Vec2,
    pixels_per_point: f32,
) -> Result<Vec<u8>, DeckPdfError> {
    let count = app.settings().deck.slides.len();
    if count == 0 {
        return Err(DeckPdfError::NoSlides);
    }
    let title = app.settings().deck.title.clone();
    app.apply(ctx, Command::SelectSlide(0));
    app.apply(ctx, Command::EnterPresenter);
    let mut pages = Vec::with_capacity(count);
    for index in 0..count {
        app.apply(ctx, Command::GoToSlide(index));
        // The source line names what this slide shows.
        app.draw_as_picture();
        let page = renderer
            .render(ctx, size, pixels_per_point, |ui| app.draw(ui))
            .map_err(|source| DeckPdfError::Render {
                slide: index + 1,
                source,
            })?;
        pages.push(page);
    }
    app.apply(ctx, Command::ExitPresenter);
    Ok(pages_pdf(&title, &pages, size))
}

/// A PDF of `pages`, one image per page, each page `page_size` PDF points.
pub fn pages_pdf(title: &str, pages: &[ColorImage], page_size: Vec2) -> Vec<u8> {
    let mut pdf = Pdf::new();
    let mut ids = (1..).map(Ref::new);
    let mut next_id = || ids.next().unwrap_or(Ref::new(1));
    let catalog_id = next_id();
    let tree_id = next_id();
    let info_id = next_id();
    let page_ids: Vec<(Ref, Ref, Ref)> = pages
        .iter()
        .map(|_| (next_id(), next_id(), next_id()))
        .collect();
    pdf.catalog(catalog_id).pages(tree_id);
    pdf.document_info(info_id)
        .title(TextStr(title))
        .creator(TextStr("Flywheel"));
    #[expect(
        clippy::cast_possible_truncation,
        reason = "a deck has a few dozen slides"
    )]
    pdf.pages(tree_id)
        .kids(page_ids.iter().map(|(page, _, _)| *page))
        .count(pages.len() as i32);
    let image_name = Name(b"Slide");
    for (picture, (page_id, image_id, content_id)) in pages.iter().zip(&page_ids) {
        let mut page = pdf.page(*page_id);
        page.media_box(Rect::new(0.0, 0.0, page_size.x, page_size.y));
        page.parent(tree_id);
        page.contents(*content_id);
        page.resources().x_objects().pair(image_name, *image_id);
        page.finish();

        let rgb: Vec<u8> = picture
            .pixels
            .iter()
            .flat_map(|pixel| [pixel.r(), pixel.g(), pixel.b()])
            .collect();
        // Charts are flat colour: fast deflate shrinks them well.
        let compressed = miniz_oxide::deflate::compress_to_vec_zlib(&rgb, 3);
        let mut image = pdf.image_xobject(*image_id, &compressed);
        image.filter(Filter::FlateDecode);
        #[expect(
            clippy::cast_possible_wrap,
            reason = "pictures are at most 8192 pixels"
        )]
        {
            image.width(picture.size[0] as i32);
            image.height(picture.size[1] as i32);
        }
        image.color_space().device_rgb();
        image.bits_per_component(8);
        image.finish();

        let mut content = Content::new();
        content.save_state();
        content.transform([page_size.x, 0.0, 0.0, page_size.y, 0.0, 0.0]);
        content.x_object(image_name);
        content.restore_state();
        pdf.stream(*content_id, &content.finish());
    }
    pdf.finish()
}
