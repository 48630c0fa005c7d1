//! Reporting periods: fiscal years and fiscal quarters, and how they line up with the calendar.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::date::Date;
use crate::text::escape_controls;

/// Why a text is not a fiscal period.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PeriodError {
    /// Neither `FY` and four digits nor four digits, `Q` and 1–4 (the text as given).
    #[error(
        "\"{}\" is not a period: write FY2024 for a fiscal year or 2024Q4 for a quarter",
        escape_controls(.0)
    )]
    Malformed(String),
    /// Four digits below 1000, which would print as fewer digits and not parse back.
    #[error("\"{}\" is not a period: the year must be between 1000 and 9999", escape_controls(.0))]
    YearOutOfRange(String),
}

/// A period as a company reports it: a fiscal year, or a quarter of a fiscal year.
///
/// Fiscal years are named after the calendar year they end in (Microsoft's FY2024 ended
/// June 2024). Written `FY2024` and `2024Q4` in files and on the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FiscalPeriod {
    /// A whole fiscal year.
    Year(i32),
    /// Quarter 1–4 of a fiscal year.
    Quarter {
        /// The fiscal year the quarter belongs to.
        year: i32,
        /// 1–4.
        quarter: u8,
    },
}

impl FiscalPeriod {
    /// The fiscal year this period belongs to.
    pub fn fiscal_year(self) -> i32 {
        match self {
            Self::Year(year) | Self::Quarter { year, .. } => year,
        }
    }

    /// True for quarters.
    pub fn is_quarter(self) -> bool {
        matches!(self, Self::Quarter { .. })
    }

    /// The month (as [`Date::month_index`]) in which this period ends, for a company whose
    /// fiscal year ends in `fiscal_year_end_month`.
    pub fn expected_end_month_index(self, fiscal_year_end_month: u8) -> i64 {
        let year_end = i64::from(self.fiscal_year()) * 12 + i64::from(fiscal_year_end_month) - 1;
        match self {
            Self::Year(_) => year_end,
            Self::Quarter { quarter, .. } => year_end - 3 * (4 - i64::from(quarter)),
        }
    }
}

impl fmt::Display for FiscalPeriod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Year(year) => write!(f, "FY{year}"),
            Self::Quarter { year, quarter } => write!(f, "{year}Q{quarter}"),
        }
    }
}

impl FromStr for FiscalPeriod {
    type Err = PeriodError;

    /// `FY2024` or `2024Q4`: four ASCII digits from 1000 to 9999, so that every period prints
    /// back as the same label.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let malformed = || PeriodError::Malformed(text.to_owned());
        let year_of = |digits: &str| -> Result<i32, PeriodError> {
            if digits.len() != 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return Err(malformed());
            }
            let year: i32 = digits.parse().map_err(|_| malformed())?;
            if year < 1000 {
                return Err(PeriodError::YearOutOfRange(text.to_owned()));
            }
            Ok(year)
        };
        if let Some(year) = text.strip_prefix("FY") {
            return Ok(Self::Year(year_of(year)?));
        }
        if let Some((year, quarter)) = text.split_once('Q') {
            let quarter = match quarter {
                "1" => 1,
                "2" => 2,
                "3" => 3,
                "4" => 4,
                _ => return Err(malformed()),
            };
            return Ok(Self::Quarter {
                year: year_of(year)?,
                quarter,
            });
        }
        Err(malformed())
    }
}

impl Serialize for FiscalPeriod {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for FiscalPeriod {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// How often a series has a point.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum Frequency {
    /// One point per (fiscal or calendar) year.
    #[default]
    Annual,
    /// One point per quarter.
    Quarterly,
    /// Trailing twelve months: the last four quarters summed, at each quarter.
    Ttm,
}

impl Frequency {
    /// Every frequency, in menu order.
    pub const ALL: [Self; 3] = [Self::Annual, Self::Quarterly, Self::Ttm];

    /// Name shown to users.
    pub fn label(self) -> &'static str {
        match self {
            Self::Annual => "Annual",
            Self::Quarterly => "Quarterly",
            Self::Ttm => "Trailing 12 months",
        }
    }
}

/// Whether periods follow each company's own fiscal calendar or the calendar year.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum Alignment {
    /// The company's own fiscal years and quarters (Microsoft's year ends in June).
    #[default]
    Fiscal,
    /// Calendar years and quarters, built from quarters
    /// (see [`crate::metrics::calendarization_method`]).
    Calendar,
}

/// A point on a series' time axis: what it is called and when it ends.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct PeriodSlot {
    /// Label shown to users: `FY2024`, `2024Q4`, `CY2024`, `CY2024Q4`, `TTM 2024Q4`.
    pub label: String,
    /// Last day of the period.
    pub end_date: Date,
}

impl PeriodSlot {
    /// Position on a time axis, in years: the period's end as a fractional year
    /// (2024-12-31 is about 2025.0, 2024-06-30 about 2024.5).
    pub fn axis_year(&self) -> f64 {
        f64::from(self.end_date.year)
            + (f64::from(self.end_date.month) - 1.0 + f64::from(self.end_date.day) / 31.0) / 12.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_periods() {
        assert_eq!(
            "FY2024".parse::<FiscalPeriod>(),
            Ok(FiscalPeriod::Year(2024))
        );
        assert_eq!(
            "2025Q2".parse::<FiscalPeriod>(),
            Ok(FiscalPeriod::Quarter {
                year: 2025,
                quarter: 2
            })
        );
        assert_eq!(
            FiscalPeriod::Quarter {
                year: 2025,
                quarter: 2
            }
            .to_string(),
            "2025Q2"
        );
        for bad in [
            "2024",
            "FY24",
            "2024Q5",
            "Q4 2024",
            "2024Q",
            "FY2024Q1",
            "FY+024",
            "FY２０２４",
        ] {
            assert_eq!(
                bad.parse::<FiscalPeriod>(),
                Err(PeriodError::Malformed(bad.to_owned())),
                "{bad} should not parse"
            );
        }
    }

    #[test]
    fn years_have_four_digits_from_1000() {
        assert_eq!(
            "FY0999"
                .parse::<FiscalPeriod>()
                .map_err(|error| error.to_string()),
            Err("\"FY0999\" is not a period: the year must be between 1000 and 9999".to_owned())
        );
        assert_eq!(
            "0999Q1".parse::<FiscalPeriod>(),
            Err(PeriodError::YearOutOfRange("0999Q1".to_owned()))
        );
        for label in ["FY1000", "FY9999", "1000Q1", "9999Q4"] {
            let period: FiscalPeriod = label.parse().unwrap();
            assert_eq!(period.to_string(), label);
        }
    }

    #[test]
    fn microsoft_quarters_end_in_the_right_months() {
        // Microsoft's fiscal year ends in June: FY2025 Q2 ended December 2024.
        let q2 = FiscalPeriod::Quarter {
            year: 2025,
            quarter: 2,
        };
        let december_2024 = Date::new(2024, 12, 31).unwrap().month_index();
        assert_eq!(q2.expected_end_month_index(6), december_2024);
        let june_2025 = Date::new(2025, 6, 30).unwrap().month_index();
        assert_eq!(
            FiscalPeriod::Year(2025).expected_end_month_index(6),
            june_2025
        );
        assert_eq!(
            FiscalPeriod::Quarter {
                year: 2025,
                quarter: 4
            }
            .expected_end_month_index(6),
            june_2025
        );
    }
}
