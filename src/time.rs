//! UTC calendar arithmetic for migration versions and `now`, without a date library.

/// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's algorithm).
pub fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month = i64::from(month);
    let day_of_year =
        (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

pub fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

/// What is wrong with a `YYYYMMDDHHMMSS` version, or its Unix time when it is a real instant.
pub fn parse_version(version: &str) -> Result<i64, &'static str> {
    let field = |range: std::ops::Range<usize>| -> u32 {
        version.get(range).and_then(|s| s.parse().ok()).unwrap_or(0)
    };
    if version.len() != 14 || !version.bytes().all(|b| b.is_ascii_digit()) {
        return Err("the version must be 14 digits");
    }
    let year = i64::from(field(0..4));
    let (month, day) = (field(4..6), field(6..8));
    let (hour, minute, second) = (field(8..10), field(10..12), field(12..14));
    if !(1..=12).contains(&month) {
        return Err("month");
    }
    if day == 0 || day > days_in_month(year, month) {
        return Err("day");
    }
    if hour > 23 {
        return Err("hour");
    }
    if minute > 59 {
        return Err("minute");
    }
    if second > 59 {
        return Err("second");
    }
    Ok(days_from_civil(year, month, day) * 86_400
        + i64::from(hour) * 3600
        + i64::from(minute) * 60
        + i64::from(second))
}

/// Parses `YYYY-MM-DDTHH:MM:SS[.fff]Z` (what `Date.toISOString()` gives) to Unix seconds.
pub fn parse_iso8601(text: &str) -> Option<i64> {
    let digits: String = text.chars().filter(char::is_ascii_digit).take(14).collect();
    parse_version(&digits).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_and_leap_days() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(
            parse_version("20240229120000").map(|s| s % 86_400),
            Ok(43_200)
        );
        assert_eq!(parse_version("20230229120000"), Err("day"));
        assert_eq!(parse_version("20241301000000"), Err("month"));
    }

    #[test]
    fn iso_strings_parse() {
        assert_eq!(parse_iso8601("1970-01-02T00:00:00.000Z"), Some(86_400));
    }
}
