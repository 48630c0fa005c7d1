//! One full recompute of the scenario model, as when a slider moves: the three bundled
//! companies (target under 20 µs) and 1,000 synthetic companies (target under 10 ms).
//! Run with `cargo bench -p flywheel-model --bench projection`.

// Set-up failures should stop the benchmark at once.
#![allow(clippy::expect_used)]

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use flywheel_model::projection::{Assumptions, BaseYear, base_year, project};
use flywheel_model::{Library, Preset, Scenario};

fn recompute(criterion: &mut Criterion) {
    let library = Library::bundled().expect("bundled data");
    let scenario = Scenario::preset(&library, Preset::Base);
    // Base years are read once, when data loads; a slider move recomputes the projections.
    let companies: Vec<(String, BaseYear, Assumptions)> = scenario
        .companies
        .iter()
        .map(|company| {
            let dataset = library.get(&company.ticker).expect("loaded");
            (
                company.ticker.clone(),
                base_year(dataset).expect("base year"),
                company.assumptions,
            )
        })
        .collect();
    criterion.bench_function("recompute/3_companies", |bencher| {
        bencher.iter(|| {
            for (ticker, base, assumptions) in &companies {
                black_box(project(ticker, base, assumptions));
            }
        });
    });

    // 1,000 companies of varied size and assumptions, spread over the three real ones.
    let synthetic: Vec<(String, BaseYear, Assumptions)> = (0..1000_u32)
        .map(|index| {
            let (_, base, assumptions) = &companies[index as usize % companies.len()];
            let scale = 0.5 + f64::from(index % 17) / 10.0;
            let base = BaseYear {
                revenue: base.revenue * scale,
                operating_income: base.operating_income * scale,
                depreciation: base.depreciation * scale,
                capex: base.capex * scale,
                operating_cash_flow: base.operating_cash_flow * scale,
                ai_era_capex: base
                    .ai_era_capex
                    .iter()
                    .map(|(year, capex)| (*year, capex * scale))
                    .collect(),
                ..base.clone()
            };
            let assumptions = Assumptions {
                revenue_growth: f64::from(index % 25),
                ..*assumptions
            };
            (format!("SYN{index}"), base, assumptions)
        })
        .collect();
    criterion.bench_function("recompute/1000_companies", |bencher| {
        bencher.iter(|| {
            for (ticker, base, assumptions) in &synthetic {
                black_box(project(ticker, base, assumptions));
            }
        });
    });
}

criterion_group!(benches, recompute);
criterion_main!(benches);
