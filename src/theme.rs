//! Colours and type. Each company keeps one colour everywhere, from a palette that stays apart
//! for colour-blind readers (Okabe–Ito), close to each company's own brand hue.

use egui::{Color32, FontData, FontDefinitions, FontFamily, Visuals};

/// Inter, a UI typeface drawn for screens: crisp figures at small sizes, clear on projectors.
const INTER_REGULAR: &[u8] = include_bytes!("../assets/fonts/Inter-Regular.otf");
const INTER_SEMIBOLD: &[u8] = include_bytes!("../assets/fonts/Inter-SemiBold.otf");

/// Name of the semibold family, for headings and KPI figures.
pub const SEMIBOLD: &str = "Inter SemiBold";

/// Installs Inter ahead of egui's default fonts (which remain as fallbacks for other glyphs).
pub fn install_fonts(ctx: &egui::Context) {
    let mut fonts = FontDefinitions::default();
    fonts.font_data.insert(
        "Inter".to_owned(),
        FontData::from_static(INTER_REGULAR).into(),
    );
    fonts.font_data.insert(
        SEMIBOLD.to_owned(),
        FontData::from_static(INTER_SEMIBOLD).into(),
    );
    if let Some(proportional) = fonts.families.get_mut(&FontFamily::Proportional) {
        proportional.insert(0, "Inter".to_owned());
    }
    let mut semibold = vec![SEMIBOLD.to_owned()];
    semibold.extend(
        fonts
            .families
            .get(&FontFamily::Proportional)
            .cloned()
            .unwrap_or_default(),
    );
    fonts
        .families
        .insert(FontFamily::Name(SEMIBOLD.into()), semibold);
    ctx.set_fonts(fonts);
    // Names, notes and titles come from files and can hold any character: one no font has is
    // drawn as a box, never a reason to stop (test harnesses default to panicking on it).
    ctx.set_missing_glyph_policy(egui::MissingGlyphPolicy::Tofu);
}

/// The colour of a company in charts and cards, readable on the current background.
pub fn company_color(ticker: &str, index: usize, visuals: &Visuals) -> Color32 {
    let dark = visuals.dark_mode;
    match ticker {
        "AMZN" => {
            if dark {
                Color32::from_rgb(0xF0, 0xA8, 0x20)
            } else {
                Color32::from_rgb(0xD6, 0x8A, 0x00)
            }
        }
        "GOOGL" => {
            if dark {
                Color32::from_rgb(0x56, 0xB4, 0xE9)
            } else {
                Color32::from_rgb(0x00, 0x72, 0xB2)
            }
        }
        "MSFT" => {
            if dark {
                Color32::from_rgb(0x2D, 0xC2, 0x8E)
            } else {
                Color32::from_rgb(0x00, 0x9E, 0x73)
            }
        }
        _ => {
            // Distinct from the three above and from each other, readable on both
            // backgrounds: nine more companies before a colour repeats.
            const OTHERS: [Color32; 9] = [
                Color32::from_rgb(0xD5, 0x5E, 0x00),
                Color32::from_rgb(0xCC, 0x79, 0xA7),
                Color32::from_rgb(0x8C, 0x6B, 0xB1),
                Color32::from_rgb(0x99, 0x99, 0x33),
                Color32::from_rgb(0xE1, 0x57, 0x59),
                Color32::from_rgb(0x76, 0xB7, 0xB2),
                Color32::from_rgb(0x9C, 0x75, 0x5F),
                Color32::from_rgb(0x88, 0x88, 0x88),
                Color32::from_rgb(0x4E, 0x79, 0xA7),
            ];
            OTHERS[index % OTHERS.len()]
        }
    }
}

/// Colour for a rise (or a fall) in a year-over-year change.
pub fn change_color(positive: bool, visuals: &Visuals) -> Color32 {
    match (positive, visuals.dark_mode) {
        (true, true) => Color32::from_rgb(0x4C, 0xC3, 0x8A),
        (true, false) => Color32::from_rgb(0x0A, 0x7D, 0x46),
        (false, true) => Color32::from_rgb(0xF2, 0x6D, 0x6D),
        (false, false) => Color32::from_rgb(0xC0, 0x28, 0x28),
    }
}
