//! Positions inside values: a live number in a slide's takeaway is found from where the
//! takeaway starts, on any line ending and after a byte order mark.

// A broken fixture should stop the test at once.
#![allow(clippy::expect_used)]

use flywheel_model::RonDocument;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
struct Slide {
    #[allow(dead_code)]
    takeaway: String,
}

#[derive(Debug, Deserialize)]
struct Deck {
    slides: Vec<Slide>,
}

#[test]
fn text_inside_a_value_is_placed_from_the_value() {
    let text = "\u{feff}(slides: [\r\n  (takeaway: \"a {X:revenue:FY2024}\"),\r  (takeaway: \
                \"ünï {Y:capex:FY2023}\"),\n])";
    let (deck, document) = RonDocument::parse::<Deck>("d.ron", text).expect("parses");
    assert_eq!(deck.slides.len(), 2);
    assert_eq!(
        document.position_in_value("slides[0].takeaway", text, "{X:", 0),
        (2, 17)
    );
    assert_eq!(
        document.position_in_value("slides[1].takeaway", text, "{Y:", 0),
        (3, 19)
    );
    // Not there: the value's own start.
    assert_eq!(
        document.position_in_value("slides[1].takeaway", text, "{Z:", 0),
        (3, 14)
    );
}

#[test]
fn every_element_of_a_long_one_line_list_is_placed() {
    let slide = "(takeaway:\"{A:revenue:FY2024}\"),";
    let count = 20_000;
    let text = format!("(slides:[{}])", slide.repeat(count));
    let (deck, document) = RonDocument::parse::<Deck>("long.ron", &text).expect("parses");
    assert_eq!(deck.slides.len(), count);
    for index in [0, 1, count / 2, count - 1] {
        let column = 10 + index * slide.len() + 11;
        assert_eq!(
            document.position_in_value(&format!("slides[{index}].takeaway"), &text, "{A:", 0),
            (1, column)
        );
    }
}

#[test]
fn a_key_given_twice_in_a_map_is_an_error_at_the_second() {
    use std::collections::BTreeMap;
    #[derive(Debug, Deserialize)]
    struct Values {
        #[allow(dead_code)]
        values: BTreeMap<flywheel_model::Figure, f64>,
        #[allow(dead_code)]
        names: BTreeMap<String, u8>,
    }
    let text = "(\n  values: {revenue: 85.32, capex: 1.0, revenue: 90.0},\n  names: {\"a\": 1, \
                \"b\": 2, \"a\": 3},\n)";
    let error = RonDocument::parse::<Values>("map.ron", text).expect_err("refused");
    assert_eq!(
        error.to_string(),
        "map.ron:2:40: revenue appears twice in this map; which of its values counts would be a \
         guess\nmap.ron:3:27: \"a\" appears twice in this map; which of its values counts would \
         be a guess"
    );
    // The same key in two maps is fine.
    let text = "(values: {revenue: 1.0}, names: {\"revenue\": 1})";
    assert!(RonDocument::parse::<Values>("maps.ron", text).is_ok());
}
