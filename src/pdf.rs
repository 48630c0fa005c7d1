//! Decks as PDF: one page per slide, in order, each the slide drawn off-screen exactly as in
//! presenter mode (title, charts, takeaway and the source line, by
//! `FlywheelApp::draw_deck`) and embedded as an image, so a deck can travel to a room with no
//! Flywheel in it. Knows nothing of the app: pictures in, PDF bytes out.

use egui::{ColorImage, Vec2};
use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect, Ref, TextStr};

/// Width of a page, in PDF points (1/72 inch): 10 inches, a widescreen slide's width.
const PAGE_WIDTH: f32 = 720.0;

/// One page's picture, compressed as the PDF stores it: a deck holds one of these per slide
/// rather than its pixels, so memory stays at one picture however many slides there are.
#[derive(Clone, Debug)]
pub struct PdfPage {
    /// Width and height in pixels.
    size: [usize; 2],
    /// RGB bytes, zlib-compressed (the PDF's `FlateDecode`).
    compressed_rgb: Vec<u8>,
}

impl PdfPage {
    /// Compresses `picture` (charts are flat colour: fast deflate shrinks them well).
    pub fn of(picture: &ColorImage) -> Self {
        let rgb: Vec<u8> = picture
            .pixels
            .iter()
            .flat_map(|pixel| [pixel.r(), pixel.g(), pixel.b()])
            .collect();
        Self {
            size: picture.size,
            compressed_rgb: miniz_oxide::deflate::compress_to_vec_zlib(&rgb, 3),
        }
    }
}

/// The most pages one PDF holds: a page is a picture of a slide, about 100 KB compressed and 12
/// ms to draw, all held until the file is written, so 300 pages are about 30 MB and 4 s. A talk
/// has tens of slides; a deck of 75,000 would take gigabytes and a quarter of an hour.
pub const MAX_PAGES: usize = 300;

/// A PDF titled `title` of `pages`, one picture per page, each page 10 inches wide with the
/// pictures' proportions (`picture_size`, in any unit).
pub fn pages_pdf(title: &str, pages: &[PdfPage], picture_size: Vec2) -> Vec<u8> {
    let page_size = picture_size * (PAGE_WIDTH / picture_size.x.max(1.0));
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
    // The title a viewer shows in its window bar: a line, whatever the deck's title holds.
    let title = crate::shown_text::elided(title, crate::presenter::TITLE_CHARS);
    pdf.document_info(info_id)
        .title(TextStr(&title))
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

        let mut image = pdf.image_xobject(*image_id, &picture.compressed_rgb);
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
