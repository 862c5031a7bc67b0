//! Dates that may be known only to the month.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// How precisely a date is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DatePrecision {
    Day,
    Month,
    Year,
}

/// A calendar date known to the day, the month or the year.
///
/// Serialised as ISO 8601 at its precision: `2024-08-26`, `2024-08`, `2024`.
/// With month or year precision the unknown parts of `date` are 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PartialDate {
    pub date: NaiveDate,
    pub precision: DatePrecision,
}

impl PartialDate {
    pub fn day(date: NaiveDate) -> Self {
        PartialDate {
            date,
            precision: DatePrecision::Day,
        }
    }
    pub fn month(year: i32, month: u32) -> Option<Self> {
        NaiveDate::from_ymd_opt(year, month, 1).map(|date| PartialDate {
            date,
            precision: DatePrecision::Month,
        })
    }
    pub fn year(year: i32) -> Option<Self> {
        NaiveDate::from_ymd_opt(year, 1, 1).map(|date| PartialDate {
            date,
            precision: DatePrecision::Year,
        })
    }
    pub fn year_value(&self) -> i32 {
        self.date.year()
    }
    /// Months since year 0: consecutive months differ by one.
    pub fn month_index(&self) -> i32 {
        self.date.year() * 12 + self.date.month0() as i32
    }
    /// This date reduced to `precision` when that is coarser.
    pub fn coarsened(&self, precision: DatePrecision) -> PartialDate {
        let p = self.precision.max(precision);
        let d = self.date;
        let date = match p {
            DatePrecision::Day => d,
            DatePrecision::Month => d.with_day(1).unwrap_or(d),
            DatePrecision::Year => NaiveDate::from_ymd_opt(d.year(), 1, 1).unwrap_or(d),
        };
        PartialDate { date, precision: p }
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.date;
        match self.precision {
            DatePrecision::Day => write!(f, "{:04}-{:02}-{:02}", d.year(), d.month(), d.day()),
            DatePrecision::Month => write!(f, "{:04}-{:02}", d.year(), d.month()),
            DatePrecision::Year => write!(f, "{:04}", d.year()),
        }
    }
}

/// The error for a string that is not `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadDate(pub String);

impl fmt::Display for BadDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` is not an ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD)",
            self.0
        )
    }
}
impl std::error::Error for BadDate {}

impl FromStr for PartialDate {
    type Err = BadDate;
    fn from_str(s: &str) -> Result<Self, BadDate> {
        let bad = || BadDate(s.to_string());
        let parts: Vec<&str> = s.split('-').collect();
        let num = |p: &str| p.parse::<u32>().map_err(|_| bad());
        match parts.as_slice() {
            [y] if y.len() == 4 => PartialDate::year(num(y)? as i32).ok_or_else(bad),
            [y, m] if y.len() == 4 => PartialDate::month(num(y)? as i32, num(m)?).ok_or_else(bad),
            [y, m, d] if y.len() == 4 => NaiveDate::from_ymd_opt(num(y)? as i32, num(m)?, num(d)?)
                .map(PartialDate::day)
                .ok_or_else(bad),
            _ => Err(bad()),
        }
    }
}

impl Serialize for PartialDate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_forms_round_trip() {
        for s in ["2024-08-26", "2024-08", "2024"] {
            let d: PartialDate = s.parse().unwrap();
            assert_eq!(d.to_string(), s);
        }
    }

    #[test]
    fn invalid_dates_are_rejected() {
        for s in ["2024-02-30", "2024-13", "24-01-01", "", "2024-01-01-01"] {
            assert!(s.parse::<PartialDate>().is_err(), "{s} parsed");
        }
    }

    #[test]
    fn coarsening_never_refines() {
        let d: PartialDate = "2024-08".parse().unwrap();
        assert_eq!(d.coarsened(DatePrecision::Day).to_string(), "2024-08");
        let d: PartialDate = "2024-08-26".parse().unwrap();
        assert_eq!(d.coarsened(DatePrecision::Month).to_string(), "2024-08");
    }
}
