//! Calendar dates as written in datasets (`YYYY-MM-DD`).
//!
//! Only what the data needs: parse, compare, and month arithmetic for fiscal calendars.
//! A full date-time crate would add weight without adding anything we use.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::text::escape_controls;

/// A day in the proleptic Gregorian calendar.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Calendar year, e.g. 2024.
    pub year: i32,
    /// Month 1–12.
    pub month: u8,
    /// Day of month, 1–31 (checked against the month's length).
    pub day: u8,
}

/// Why a text or three numbers are not a date.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    /// Not four digits, a dash, two digits, a dash and two digits (the text as given).
    #[error("\"{}\" is not a date of the form YYYY-MM-DD", escape_controls(.0))]
    Malformed(String),
    /// A month outside 1–12.
    #[error("month {0} is not between 1 and 12")]
    MonthOutOfRange(u8),
    /// A day the month does not have.
    #[error("day {day} is not in {year}-{month:02}, which has {last} days")]
    DayOutOfRange {
        /// The year.
        year: i32,
        /// The month, 1–12.
        month: u8,
        /// The day given.
        day: u8,
        /// The month's last day.
        last: u8,
    },
}

impl Date {
    /// Builds a date, or says why the parts are not a real day.
    pub fn new(year: i32, month: u8, day: u8) -> Result<Self, DateError> {
        if !(1..=12).contains(&month) {
            return Err(DateError::MonthOutOfRange(month));
        }
        let last = days_in_month(year, month);
        if day == 0 || day > last {
            return Err(DateError::DayOutOfRange {
                year,
                month,
                day,
                last,
            });
        }
        Ok(Self { year, month, day })
    }

    /// Zero-based month count since year 0, for month arithmetic.
    pub fn month_index(self) -> i64 {
        i64::from(self.year) * 12 + i64::from(self.month) - 1
    }

    /// The calendar quarter (1–4) the date falls in.
    pub fn calendar_quarter(self) -> u8 {
        (self.month - 1) / 3 + 1
    }

    /// The day `days` after 1970-01-01 (negative: before), for stamping exports with today's
    /// date from the system clock. Howard Hinnant's `civil_from_days`.
    pub fn from_days_since_epoch(days: i64) -> Self {
        let shifted = days + 719_468;
        let era = shifted.div_euclid(146_097);
        let day_of_era = shifted.rem_euclid(146_097);
        let year_of_era =
            (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let month_from_march = (5 * day_of_year + 2) / 153;
        let day = day_of_year - (153 * month_from_march + 2) / 5 + 1;
        let month = if month_from_march < 10 {
            month_from_march + 3
        } else {
            month_from_march - 9
        };
        let year = year_of_era + era * 400 + i64::from(month <= 2);
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "month is 1–12 and day 1–31 by construction; years stay far inside i32"
        )]
        Self {
            year: year as i32,
            month: month as u8,
            day: day as u8,
        }
    }
}

impl Date {
    /// Today in UTC from the system clock: the one place the model reads the clock, so that
    /// filings and periods dated after today can be refused. A clock set before 1970 reads as
    /// 1970-01-01.
    pub fn today_utc() -> Self {
        let seconds = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |elapsed| elapsed.as_secs());
        Self::from_days_since_epoch(i64::try_from(seconds / 86_400).unwrap_or(0))
    }
}

/// Number of days in a month of a year.
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        _ => 28,
    }
}

impl FromStr for Date {
    type Err = DateError;

    /// Exactly `YYYY-MM-DD` in ASCII digits: no signs, spaces or other digits, which the
    /// integer parsers would accept inside a part (`2024-+2-+9`).
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let bytes = text.as_bytes();
        let well_formed = bytes.len() == 10
            && bytes[4] == b'-'
            && bytes[7] == b'-'
            && [0, 1, 2, 3, 5, 6, 8, 9]
                .iter()
                .all(|&at| bytes[at].is_ascii_digit());
        if !well_formed {
            return Err(DateError::Malformed(text.to_owned()));
        }
        let number = |range: std::ops::Range<usize>| {
            bytes[range]
                .iter()
                .fold(0_u16, |value, digit| value * 10 + u16::from(digit - b'0'))
        };
        let (year, month, day) = (number(0..4), number(5..7), number(8..10));
        // Two digits are at most 99, so they fit a u8.
        Date::new(
            i32::from(year),
            u8::try_from(month).unwrap_or(u8::MAX),
            u8::try_from(day).unwrap_or(u8::MAX),
        )
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_since_epoch_give_calendar_days() {
        let cases = [
            (0, "1970-01-01"),
            (-1, "1969-12-31"),
            (11_016, "2000-02-29"),
            (19_782, "2024-02-29"),
            (20_419, "2025-11-27"),
            (20_784, "2026-11-27"),
        ];
        for (days, expected) in cases {
            assert_eq!(
                Date::from_days_since_epoch(days).to_string(),
                expected,
                "{days}"
            );
        }
    }

    #[test]
    fn parses_and_prints_round_trip() {
        let date: Date = "2024-06-30".parse().unwrap();
        assert_eq!(
            date,
            Date {
                year: 2024,
                month: 6,
                day: 30
            }
        );
        assert_eq!(date.to_string(), "2024-06-30");
        assert_eq!(date.calendar_quarter(), 2);
    }

    #[test]
    fn rejects_impossible_days() {
        assert!("2023-02-29".parse::<Date>().is_err());
        assert!("2024-02-29".parse::<Date>().is_ok());
        assert!("2024-13-01".parse::<Date>().is_err());
        assert!("2024-6-30".parse::<Date>().is_err());
        assert!("30/06/2024".parse::<Date>().is_err());
    }

    #[test]
    fn only_ascii_digits_make_a_date() {
        for bad in [
            "2024-+2-+9",
            "+024-02-09",
            "2024-02-9 ",
            "２０２４-02-09",
            "2024-02-0x",
            "-2024-02",
        ] {
            assert_eq!(
                bad.parse::<Date>(),
                Err(DateError::Malformed(bad.to_owned())),
                "{bad}"
            );
        }
        assert_eq!(
            "2024-+2-+9"
                .parse::<Date>()
                .map_err(|error| error.to_string()),
            Err("\"2024-+2-+9\" is not a date of the form YYYY-MM-DD".to_owned())
        );
        assert_eq!(
            "2023-02-29"
                .parse::<Date>()
                .map_err(|error| error.to_string()),
            Err("day 29 is not in 2023-02, which has 28 days".to_owned())
        );
        assert_eq!("0001-01-01".parse::<Date>().map(|date| date.year), Ok(1));
    }
}
