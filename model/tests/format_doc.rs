//! `data/FORMAT.md` lists the us-gaap concepts the import reads for each figure, in the
//! importer's order: a concept added to the code and not to the document fails here.

// A broken fixture should stop the test at once.
#![allow(clippy::expect_used)]

use flywheel_model::companyfacts::CONCEPTS;

#[test]
fn the_format_lists_every_concept_of_each_figure_in_order() {
    let format = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../data/FORMAT.md"))
        .expect("data/FORMAT.md is readable");
    for (figure, concepts) in CONCEPTS {
        let key = format!("| `{}` |", figure.key());
        let row = format
            .lines()
            .find(|line| line.starts_with(&key))
            .unwrap_or_else(|| panic!("no row for {} in data/FORMAT.md", figure.key()));
        let listed: Vec<&str> = row.split('`').skip(3).step_by(2).collect();
        assert_eq!(listed, concepts, "the concepts of {}", figure.key());
    }
}
