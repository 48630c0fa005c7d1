//! Importing a 10 MB SEC company-facts file (parse, build the periods, convert to a dataset):
//! target under 200 ms and under 3× the file's size in memory, release build. The file is
//! generated in memory, shaped like the SEC's: 17 fiscal years of 10-K and 10-Q facts (each
//! period in its own filing and as a comparative in later ones) for every concept, most of them
//! concepts the import skips. Run with `cargo bench -p flywheel-model --bench companyfacts`;
//! the peak heap use is printed before the timings.

// Set-up failures should stop the benchmark at once.
#![allow(clippy::expect_used)]

use std::fmt::Write as _;
use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use flywheel_model::companyfacts::CONCEPTS;
use flywheel_model::{parse_company_facts, to_dataset};
use peak_alloc::PeakAlloc;

// Counts every allocation, so the benchmark can report the import's peak heap use.
#[global_allocator]
static ALLOCATOR: PeakAlloc = PeakAlloc;

const TARGET_BYTES: usize = 10 * 1000 * 1000;
const FIRST_YEAR: i32 = 2009;
const LAST_YEAR: i32 = 2025;

/// One fact as the SEC writes it (compact JSON, `fy`/`fp` of the filing, sometimes a frame).
#[allow(clippy::too_many_arguments)]
fn push_fact(
    out: &mut String,
    start: &str,
    end: &str,
    value: u64,
    filing_year: i32,
    sequence: u32,
    fiscal_period: &str,
    form: &str,
    filed: &str,
) {
    let _ = write!(
        out,
        "{{\"start\":\"{start}\",\"end\":\"{end}\",\"val\":{value},\"accn\":\
         \"0001326801-{:02}-{sequence:06}\",\"fy\":{filing_year},\"fp\":\"{fiscal_period}\",\
         \"form\":\"{form}\",\"filed\":\"{filed}\",\"frame\":\"CY{}\"}},",
        filing_year % 100,
        &end[..4]
    );
}

/// Every fact of one concept: each year in its 10-K and the two following ones; each quarter,
/// 3-month and year to date, in its 10-Q and the next year's.
fn push_concept_facts(out: &mut String, quarter_value: u64) {
    const QUARTER_ENDS: [&str; 3] = ["03-31", "06-30", "09-30"];
    const QUARTER_STARTS: [&str; 3] = ["01-01", "04-01", "07-01"];
    for year in FIRST_YEAR..=LAST_YEAR {
        let growth = u64::try_from(year - FIRST_YEAR).expect("positive") + 1;
        let quarter = quarter_value * growth;
        let (start, end) = (format!("{year}-01-01"), format!("{year}-12-31"));
        for later in 0..3 {
            let filed = format!("{}-02-01", year + 1 + later);
            let sequence = 10 + u32::try_from(later).expect("small");
            push_fact(
                out,
                &start,
                &end,
                4 * quarter,
                year + later,
                sequence,
                "FY",
                "10-K",
                &filed,
            );
        }
        for (index, quarter_end) in QUARTER_ENDS.iter().enumerate() {
            let number = u64::try_from(index).expect("small") + 1;
            let end = format!("{year}-{quarter_end}");
            for later in 0..2 {
                let filing_year = year + later;
                let filed = format!("{filing_year}-{:02}-28", 3 * number + 1);
                let sequence = 40 + 10 * u32::try_from(number).expect("small");
                let fiscal_period = format!("Q{number}");
                let quarter_start = format!("{year}-{}", QUARTER_STARTS[index]);
                push_fact(
                    out,
                    &quarter_start,
                    &end,
                    quarter,
                    filing_year,
                    sequence,
                    &fiscal_period,
                    "10-Q",
                    &filed,
                );
                if number > 1 {
                    push_fact(
                        out,
                        &start,
                        &end,
                        number * quarter,
                        filing_year,
                        sequence,
                        &fiscal_period,
                        "10-Q",
                        &filed,
                    );
                }
            }
        }
    }
    out.pop();
}

/// A company-facts file of at least `TARGET_BYTES`: the concepts the import reads, then
/// skipped ones (with labels and descriptions as long as the SEC's) until the size is reached.
fn generate() -> Vec<u8> {
    let mut out = String::with_capacity(TARGET_BYTES + 100_000);
    out.push_str(
        "{\"cik\":1326801,\"entityName\":\"Meta Platforms, Inc.\",\"facts\":{\"dei\":{\
         \"EntityCommonStockSharesOutstanding\":{\"label\":\"Entity Common Stock, Shares \
         Outstanding\",\"description\":\"Number of shares outstanding.\",\"units\":{\"shares\":\
         [{\"end\":\"2024-10-25\",\"val\":2180000871,\"accn\":\"0001326801-24-000081\",\"fy\":\
         2024,\"fp\":\"Q3\",\"form\":\"10-Q\",\"filed\":\"2024-10-31\"}]}}},\"us-gaap\":{",
    );
    let read_concepts = CONCEPTS
        .iter()
        .flat_map(|(_, concepts)| concepts.iter().map(|concept| (*concept).to_owned()));
    let skipped_concepts = (0..).map(|index| format!("OtherConceptNumber{index}"));
    for (index, concept) in read_concepts.chain(skipped_concepts).enumerate() {
        if out.len() >= TARGET_BYTES {
            break;
        }
        let _ = write!(
            out,
            "\"{concept}\":{{\"label\":\"{concept}\",\"description\":\"The amount of {concept} \
             for the period, as tagged in the filing; descriptions in the taxonomy run to a few \
             hundred characters, which the import skips without copying.\",\"units\":{{\"USD\":["
        );
        // Each concept a little smaller than the one before: operating income stays below
        // revenue, as the dataset checks require.
        push_concept_facts(
            &mut out,
            100_000_000_000 - 1_000_000 * u64::try_from(index).expect("small"),
        );
        out.push_str("]}},");
    }
    out.pop();
    out.push_str("}}}");
    out.into_bytes()
}

fn import(criterion: &mut Criterion) {
    let bytes = generate();
    let size = bytes.len();

    ALLOCATOR.reset_peak_usage();
    let before = ALLOCATOR.current_usage();
    let imported = parse_company_facts("generated.json", &bytes).expect("generated file reads");
    let dataset = to_dataset(&imported, "META");
    let peak_extra = ALLOCATOR.peak_usage() - before;
    #[allow(clippy::cast_precision_loss)]
    let ratio = (size + peak_extra) as f64 / size as f64;
    println!(
        "company facts: {size} bytes, {} periods; peak heap during the import {peak_extra} bytes \
         above the file, file + import = {ratio:.2}× the file's size",
        dataset.periods.len()
    );
    // The generated file is realistic enough to pass the checks of any dataset.
    let text = ron::ser::to_string(&dataset).expect("serialises");
    flywheel_model::load::parse_ron("generated.ron", &text).expect("passes the checks");
    drop((imported, dataset));

    criterion.bench_function("import/company_facts_10MB", |bencher| {
        bencher.iter(|| {
            let imported = parse_company_facts("generated.json", black_box(&bytes))
                .expect("generated file reads");
            black_box(to_dataset(&imported, "META"))
        });
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = import
}
criterion_main!(benches);
