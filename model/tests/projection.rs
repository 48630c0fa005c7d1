//! The scenario model, checked against projections worked out by hand, and by properties that
//! must hold for every assumption inside its range.

// Test helpers fail loudly: a broken fixture should stop the test at once.
#![allow(clippy::expect_used)]

use flywheel_model::Figure;
use flywheel_model::Library;
use flywheel_model::projection::{
    Assumption, Assumptions, BaseYear, CarriedFigure, LAST_YEAR, Payback, TornadoStep, base_year,
    default_assumptions, project, tornado,
};
use proptest::prelude::*;

/// A small company whose numbers are easy to follow by hand.
fn base() -> BaseYear {
    BaseYear {
        fiscal_year: 2025,
        revenue: 100.0,
        operating_income: 20.0,
        depreciation: 10.0,
        capex: 15.0,
        operating_cash_flow: 25.0,
        ai_era_capex: vec![(2025, 15.0)],
        carried: Vec::new(),
        spent_in_next_year: None,
    }
}

fn assumptions() -> Assumptions {
    Assumptions {
        revenue_growth: 10.0,
        opex_growth: 5.0,
        capex_next: 20.0,
        capex_growth: 0.0,
        useful_life: 5.0,
        ai_share: 50.0,
        ai_revenue_yield: 0.4,
        tax_rate: 20.0,
    }
}

fn close(actual: f64, expected: f64) {
    assert!((actual - expected).abs() < 1e-6, "{actual} != {expected}");
}

#[test]
fn two_years_worked_by_hand() {
    let projection = project("TEST", &base(), &assumptions());
    assert_eq!(
        projection.years.first().map(|year| year.fiscal_year),
        Some(2026)
    );
    assert_eq!(
        projection.years.last().map(|year| year.fiscal_year),
        Some(LAST_YEAR)
    );
    let y2026 = projection.years[0];
    close(y2026.ai_revenue, 3.0); // 0.4 × 50% × 15 (the 2025 vintage, in service from 2026)
    close(y2026.revenue, 113.0); // 100 × 1.1 + 3
    close(y2026.cash_costs, 73.5); // (100 − 20 − 10) × 1.05
    close(y2026.ebitda, 39.5);
    close(y2026.depreciation, 14.0); // 10 carried on + 20 / 5
    close(y2026.operating_income, 25.5);
    close(y2026.net_income, 20.4); // × (1 − 20%)
    close(y2026.operating_cash_flow, 34.4);
    close(y2026.free_cash_flow, 14.4);
    close(y2026.capex_intensity, 20.0 / 113.0 * 100.0);
    let y2027 = projection.years[1];
    close(y2027.revenue, 128.0); // 121 + 3 (2025 vintage) + 4 (2026 vintage: 0.4 × 50% × 20)
    close(y2027.cash_costs, 77.175);
    close(y2027.depreciation, 18.0); // 10 + 4 + 4
    close(y2027.operating_income, 32.825);
    close(y2027.net_income, 26.26);
    close(y2027.free_cash_flow, 24.26);
    close(y2027.cumulative_free_cash_flow, 14.4 + 24.26);
}

#[test]
fn a_hundred_billion_over_five_years_adds_twenty_a_year_for_five_years() {
    let base = BaseYear {
        fiscal_year: 2024,
        depreciation: 0.0,
        ai_era_capex: Vec::new(),
        ..base()
    };
    // $100B spent in FY2025 and nothing after.
    let assumptions = Assumptions {
        capex_next: 100.0,
        capex_growth: -100.0,
        useful_life: 5.0,
        ..assumptions()
    };
    let projection = project("TEST", &base, &assumptions);
    let depreciation: Vec<f64> = projection
        .years
        .iter()
        .map(|year| year.depreciation)
        .collect();
    assert_eq!(depreciation, [20.0, 20.0, 20.0, 20.0, 20.0, 0.0]); // FY2025 … FY2030
}

#[test]
fn payback_year_worked_by_hand() {
    // AI capex 2025 = 50% × 15 = 7.5; it earns 0.4 × 7.5 = 3.0 of revenue a year from 2026,
    // at each year's cash margin, after 20% tax, plus the tax saved on 7.5 ÷ 5 of depreciation.
    let projection = project("TEST", &base(), &assumptions());
    let margins: Vec<f64> = projection
        .years
        .iter()
        .map(|year| year.ebitda / year.revenue)
        .collect();
    // 2026: EBITDA 39.5 on revenue 113 (see two_years_worked_by_hand).
    close(margins[0], 39.5 / 113.0);
    let covered: f64 = margins
        .iter()
        .map(|margin| 3.0 * margin * 0.8 + 0.2 * 7.5 / 5.0)
        .sum();
    assert_not_by_2030(projection.payback, covered / 7.5 * 100.0);
    assert_eq!(projection.payback.to_string(), "not by 2030 (89% covered)");
    // At 1.0 a dollar: 7.5 of revenue a year, covered in FY2028.
    let projection = project(
        "TEST",
        &base(),
        &assumptions().with(Assumption::AiRevenueYield, 1.0),
    );
    assert_eq!(projection.payback, Payback::Year(2028));
    // A life of two years ends the earnings before that.
    let short = assumptions()
        .with(Assumption::AiRevenueYield, 1.0)
        .with(Assumption::UsefulLife, 2.0);
    assert!(matches!(
        project("TEST", &base(), &short).payback,
        Payback::NotBy2030 { .. }
    ));
}

#[test]
fn payback_differs_by_company_because_it_uses_each_ones_own_margin() {
    let library = Library::bundled().expect("bundled data");
    let covered: Vec<String> = ["AMZN", "GOOGL", "MSFT"]
        .into_iter()
        .map(|ticker| {
            let dataset = library.get(ticker).expect("bundled company");
            let base = base_year(dataset).expect("base year");
            let (defaults, _) = default_assumptions(dataset).expect("defaults");
            format!("{ticker} {}", project(ticker, &base, &defaults).payback)
        })
        .collect();
    assert_eq!(
        covered,
        [
            "AMZN not by 2030 (43% covered)",
            "GOOGL not by 2030 (57% covered)",
            "MSFT not by 2030 (74% covered)",
        ]
    );
}

#[test]
fn microsoft_projects_from_fy2026_with_depreciation_carried_from_fy2025() {
    let library = Library::bundled().expect("bundled data");
    let microsoft = library.get("MSFT").expect("Microsoft");
    let base = base_year(microsoft).expect("base year");
    assert_eq!(base.fiscal_year, 2026);
    assert_eq!(
        base.carried,
        [CarriedFigure {
            figure: Figure::Depreciation,
            from_year: 2025
        }]
    );
    assert_eq!(
        base.describe(),
        "FY2026 (depreciation & amortization carried from FY2025)"
    );
    close(base.revenue, 331.839);
    close(base.capex, 115.948);
    close(base.depreciation, 34.153);
    let (defaults, reasons) = default_assumptions(microsoft).expect("defaults");
    // No FY2027 plan: FY2026 capex 115.948 × (1 + 16.1%) = 134.6, above what FY2026 spent.
    close(defaults.capex_next, 134.6);
    assert!(defaults.capex_next >= base.capex);
    // Cash costs use the carried depreciation, so FY2026 has a cash-cost growth of its own.
    assert!(reasons.iter().any(|reason| {
        reason.assumption == Assumption::OpexGrowth
            && reason.reason == "growth of cash costs (revenue − EBITDA) in FY2026"
    }));
}

#[test]
fn capex_next_is_never_below_the_quarters_already_reported() {
    let library = Library::bundled().expect("bundled data");
    let mut microsoft = library.get("MSFT").expect("Microsoft").clone();
    // Pretend FY2026 was not reported: FY2025 becomes the base and FY2026's quarters
    // (capex 19.394 + 22.5 + ... ) are spending already known about the next year.
    microsoft
        .periods
        .retain(|record| record.period != flywheel_model::FiscalPeriod::Year(2026));
    let base = base_year(&microsoft).expect("base year");
    assert_eq!(base.fiscal_year, 2025);
    let spent = base.spent_in_next_year.expect("FY2026 quarters reported");
    close(spent, 115.948);
    let (defaults, reasons) = default_assumptions(&microsoft).expect("defaults");
    close(defaults.capex_next, 115.9); // at slider precision
    assert!(reasons.iter().any(|reason| {
        reason
            .reason
            .ends_with("raised to the FY2026 capex already reported (115.9 US$ B)")
    }));
}

#[test]
fn tornado_steps_each_assumption_around_its_value() {
    assert_eq!(
        Assumption::RevenueGrowth.tornado_step(),
        TornadoStep::Points(5.0)
    );
    assert_eq!(Assumption::CapexNext.tornado_step().label(), "±25%");
    assert_eq!(Assumption::TaxRate.tornado_step().label(), "±5 pp");
    // Kept in range: a 2% tax rate steps down to 0, not −3.
    assert_eq!(
        TornadoStep::Points(5.0).around(2.0, Assumption::TaxRate.range(0.0)),
        (0.0, 7.0)
    );
    let library = Library::bundled().expect("bundled data");
    let amazon = library.get("AMZN").expect("Amazon");
    let base = base_year(amazon).expect("base year");
    let (defaults, _) = default_assumptions(amazon).expect("defaults");
    let rows = tornado("AMZN", &base, &defaults, |projection| {
        projection
            .years
            .last()
            .map_or(0.0, |year| year.free_cash_flow)
    });
    let revenue = rows
        .iter()
        .find(|row| row.assumption == Assumption::RevenueGrowth)
        .expect("a revenue-growth row");
    // Revenue growth 11.7% ± 5 pp, not the slider's −10% to 40%.
    close(revenue.low_value, 6.7);
    close(revenue.high_value, 16.7);
    let capex = rows
        .iter()
        .find(|row| row.assumption == Assumption::CapexNext)
        .expect("a capex row");
    close(capex.low_value, 150.0);
    close(capex.high_value, 250.0);
    // The widest swing is last (drawn on top).
    assert_eq!(
        rows.last().map(|row| row.assumption),
        Some(Assumption::RevenueGrowth)
    );
    let at = |value: f64| {
        project(
            "AMZN",
            &base,
            &defaults.with(Assumption::RevenueGrowth, value),
        )
        .years
        .last()
        .map_or(0.0, |year| year.free_cash_flow)
    };
    close(revenue.low, at(6.7));
    close(revenue.high, at(16.7));
}

fn assert_not_by_2030(payback: Payback, expected_percent: f64) {
    match payback {
        Payback::NotBy2030 { covered_percent } => close(covered_percent, expected_percent),
        other => panic!("expected no payback by 2030, got {other:?}"),
    }
}

#[test]
fn defaults_come_from_each_companys_history_and_guidance() {
    let library = Library::bundled().expect("bundled data");
    let amazon = library.get("AMZN").expect("Amazon");
    let (defaults, reasons) = default_assumptions(amazon).expect("Amazon has a base year");
    assert_eq!(base_year(amazon).expect("base").fiscal_year, 2025);
    // Amazon guided about $200B of capex for 2026 (Q4 2025 release).
    close(defaults.capex_next, 200.0);
    // Revenue FY2022 513,983 → FY2025 716,924: (716.924 / 513.983)^(1/3) − 1 = 11.73%, which the
    // default carries at slider precision, 11.7. After the guided year capex grows with revenue.
    let cagr = ((716.924_f64 / 513.983).powf(1.0 / 3.0) - 1.0) * 100.0;
    close(defaults.revenue_growth, (cagr * 10.0).round() / 10.0);
    close(defaults.capex_growth, defaults.revenue_growth);
    assert_eq!(
        reasons.len(),
        Assumption::ALL.len(),
        "every default says where it comes from"
    );
    assert!(
        reasons
            .iter()
            .any(|reason| reason.reason.contains("FY2026 capex guidance"))
    );
    let alphabet = library.get("GOOGL").expect("Alphabet");
    let (defaults, _) = default_assumptions(alphabet).expect("Alphabet has a base year");
    close(defaults.capex_next, 180.0); // midpoint of $175–185B
}

fn assumption_in_range() -> impl Strategy<Value = Assumptions> {
    let range = |assumption: Assumption| {
        let (low, high) = assumption.range(100.0);
        low..=high
    };
    (
        range(Assumption::RevenueGrowth),
        range(Assumption::OpexGrowth),
        range(Assumption::CapexNext),
        range(Assumption::CapexGrowth),
        range(Assumption::UsefulLife),
        range(Assumption::AiShare),
        range(Assumption::AiRevenueYield),
        range(Assumption::TaxRate),
    )
        .prop_map(
            |(
                revenue_growth,
                opex_growth,
                capex_next,
                capex_growth,
                useful_life,
                ai_share,
                ai_revenue_yield,
                tax_rate,
            )| Assumptions {
                revenue_growth,
                opex_growth,
                capex_next,
                capex_growth,
                useful_life,
                ai_share,
                ai_revenue_yield,
                tax_rate,
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn no_assumption_in_range_gives_nan_or_infinity(assumptions in assumption_in_range()) {
        let projection = project("TEST", &base(), &assumptions);
        for year in &projection.years {
            for value in [year.revenue, year.ai_revenue, year.cash_costs, year.ebitda, year.depreciation, year.operating_income,
                year.operating_margin, year.net_income, year.operating_cash_flow, year.capex, year.free_cash_flow,
                year.cumulative_free_cash_flow, year.capex_intensity] {
                prop_assert!(value.is_finite(), "{year:?}");
            }
        }
    }

    /// A base a program builds with a revenue too small to divide by (the loader refuses
    /// one) still projects finite margins and intensities.
    #[test]
    fn a_denormal_base_revenue_gives_no_nan_or_infinity(
        assumptions in assumption_in_range(),
        revenue in prop_oneof![Just(5e-324), Just(1e-310), Just(1e-300), Just(0.0)],
    ) {
        let tiny = BaseYear { revenue, ..base() };
        let projection = project("TEST", &tiny, &assumptions);
        for year in &projection.years {
            for value in [year.operating_margin, year.capex_intensity, year.revenue, year.ebitda] {
                prop_assert!(value.is_finite(), "{year:?}");
            }
        }
    }

    #[test]
    fn free_cash_flow_is_operating_cash_flow_less_capex(assumptions in assumption_in_range()) {
        for year in project("TEST", &base(), &assumptions).years {
            prop_assert!((year.free_cash_flow - (year.operating_cash_flow - year.capex)).abs() < 1e-9);
        }
    }

    #[test]
    fn more_growth_never_lowers_revenue(assumptions in assumption_in_range(), extra in 0.0f64..20.0) {
        let (_, high) = Assumption::RevenueGrowth.range(100.0);
        let faster = assumptions.with(Assumption::RevenueGrowth, (assumptions.revenue_growth + extra).min(high));
        let slow = project("TEST", &base(), &assumptions);
        let fast = project("TEST", &base(), &faster);
        for (slow, fast) in slow.years.iter().zip(&fast.years) {
            prop_assert!(fast.revenue >= slow.revenue);
        }
        let (_, yield_high) = Assumption::AiRevenueYield.range(100.0);
        let richer = assumptions.with(Assumption::AiRevenueYield, (assumptions.ai_revenue_yield + extra / 10.0).min(yield_high));
        for (slow, rich) in slow.years.iter().zip(&project("TEST", &base(), &richer).years) {
            prop_assert!(rich.revenue >= slow.revenue);
        }
    }
}
