//! SEC company facts that must not be read silently (a named pipe is refused in `loader.rs`):
//! bytes that are not UTF-8 in a part the importer skips, a figure given only in a currency it does not read, and one
//! filing that gives two values for the same figure and period.

// A broken fixture should stop the test at once.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use flywheel_model::{Figure, Gap, GapReason, ImportError, parse_company_facts, to_dataset};

const META: &str = "tests/fixtures/companyfacts/CIK0001326801.json";

const REVENUE_UNITS: &str = "\"description\": \"Amount, excluding tax collected from customer, of \
     revenue from satisfaction of performance obligation by transferring promised good or service \
     to customer.\",\n        \"units\": {\n          \"USD\": [";

fn meta_text() -> String {
    std::fs::read_to_string(META).expect("fixture")
}

#[test]
fn bytes_that_are_not_utf8_are_an_error_at_their_place_even_where_nothing_is_read() {
    let text = meta_text();
    // The description of a concept the importer skips, on line 8, after "…number of shares ".
    let mut bytes = text
        .replacen("of shares or other", "of shares \u{1} other", 1)
        .into_bytes();
    let control = bytes.iter().position(|&byte| byte == 1).expect("marker");
    bytes[control] = 0xFF;
    let error = parse_company_facts("facts.json", &bytes).expect_err("not UTF-8");
    assert_eq!(
        error.to_string(),
        "facts.json:8:51: the file is not UTF-8 text (JSON must be): this byte is not UTF-8"
    );
    assert!(matches!(
        error,
        ImportError::At {
            line: 8,
            column: 51,
            ..
        }
    ));
}

#[test]
fn a_figure_given_only_in_another_currency_is_a_gap_with_that_reason() {
    let text = meta_text();
    assert!(text.contains(REVENUE_UNITS));
    let euro_only = text.replacen(REVENUE_UNITS, &REVENUE_UNITS.replace("USD", "EUR"), 1);
    let imported = parse_company_facts("eur.json", euro_only.as_bytes()).expect("reads");
    let reason = "us-gaap:RevenueFromContractWithCustomerExcludingAssessedTax is given only in \
                  EUR and the import reads USD facts only";
    assert_eq!(
        imported
            .units_not_read
            .get(&Figure::Revenue)
            .map(String::as_str),
        Some(reason)
    );
    assert!(
        imported
            .skipped
            .contains(&format!("revenue is left empty: {reason}."))
    );
    let dataset = to_dataset(&imported, "META");
    assert_eq!(dataset.periods.len(), 8);
    for record in &dataset.periods {
        assert_eq!(record.revenue, None, "{}", record.period);
        // Revenue's gap gives the currency; figures the file has no fact for at all (the
        // fixture's cash-flow quarters, say) have gaps of their own.
        let revenue_gaps: Vec<&Gap> = record
            .gaps
            .iter()
            .filter(|gap| gap.figures.contains(&Figure::Revenue))
            .collect();
        assert_eq!(
            revenue_gaps,
            vec![&Gap {
                figures: vec![Figure::Revenue],
                reason: GapReason::NotFound,
                note: format!("{reason}."),
            }],
            "{}",
            record.period
        );
        assert!(record.net_income.is_some(), "{}", record.period);
    }
    // The written dataset loads: each gap lists a figure that is empty and has a note.
    let written = ron::ser::to_string_pretty(&dataset, ron::ser::PrettyConfig::default())
        .expect("serialises");
    flywheel_model::load::parse_ron("META.ron", &written).expect("the import loads");
    // With USD facts as well, the other currency is simply not read.
    let both = text.replacen(
        REVENUE_UNITS,
        &REVENUE_UNITS.replace("\"USD\": [", "\"EUR\": [{\"x\": 1}],\n\"USD\": ["),
        1,
    );
    let imported = parse_company_facts("both.json", both.as_bytes()).expect("reads");
    assert!(imported.units_not_read.is_empty());
}

#[test]
fn one_filing_giving_two_values_for_one_figure_and_period_is_refused() {
    let fact = "{\"start\": \"2023-01-01\", \"end\": \"2023-09-30\", \"val\": 94791000000, \
                \"accn\": \"0001326801-23-000103\", \"fy\": 2023, \"fp\": \"Q3\", \"form\": \
                \"10-Q\", \"filed\": \"2023-10-26\"},";
    let text = meta_text();
    assert!(text.contains(fact));
    let doubled = fact.replace("94791000000", "189582000000");
    let contradicting = text.replacen(fact, &format!("{fact}\n{doubled}"), 1);
    let error = parse_company_facts("dup.json", contradicting.as_bytes()).expect_err("refused");
    assert_eq!(
        error.to_string(),
        "dup.json: filing 0001326801-23-000103 gives \
         us-gaap:RevenueFromContractWithCustomerExcludingAssessedTax for 2023-01-01 to 2023-09-30 \
         twice, as 94791000000 and 189582000000 USD; the file contradicts itself, so it is not \
         imported (remove the wrong fact)"
    );
    // The same value twice in one filing is one fact.
    let repeated = text.replacen(fact, &format!("{fact}\n{fact}"), 1);
    let imported = parse_company_facts("same.json", repeated.as_bytes()).expect("reads");
    assert_eq!(
        to_dataset(&imported, "META").periods,
        to_dataset(
            &parse_company_facts("same.json", text.as_bytes()).expect("reads"),
            "META"
        )
        .periods
    );
}

#[test]
fn a_fact_filed_after_today_is_an_error_at_the_fact() {
    let fact = "\"val\": 94791000000, \"accn\": \"0001326801-23-000103\", \"fy\": 2023, \"fp\": \
                \"Q3\", \"form\": \"10-Q\", \"filed\": \"2023-10-26\"";
    let text = meta_text().replacen(fact, &fact.replace("2023-10-26", "2999-10-26"), 1);
    let error = parse_company_facts("future.json", text.as_bytes()).expect_err("refused");
    assert_eq!(
        error.to_string(),
        "future.json:112:171: us-gaap:RevenueFromContractWithCustomerExcludingAssessedTax fact \
         (accession 0001326801-23-000103) is filed on 2999-10-26, after today (UTC, by the \
         system clock): \
         it cannot have been filed yet"
    );
}

#[test]
fn a_fact_giving_a_field_twice_is_an_error_at_the_second() {
    let fact = "\"val\": 94791000000, \"accn\": \"0001326801-23-000103\"";
    let text = meta_text().replacen(fact, &format!("{fact}, \"val\": 1"), 1);
    let error = parse_company_facts("twice.json", text.as_bytes()).expect_err("refused");
    assert_eq!(
        error.to_string(),
        "twice.json:112:114: us-gaap:RevenueFromContractWithCustomerExcludingAssessedTax fact \
         gives \"val\" twice; which one counts would be a guess"
    );
}
