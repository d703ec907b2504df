//! Dates as pages and clippings write them → `YYYY-MM-DD`.
//!
//! Pure functions over strings: ISO 8601 / RFC 3339 stamps, "December 28,
//! 2023", "28 Dec 2023", dates in URL or file paths (`/2024/01/05/`), and a
//! dateline day ("Jan 5") completed with a year. Deciding *which* date of a
//! page is the publication date is the caller's job; nothing here looks at
//! captions or markup.

use regex::Regex;
use std::sync::LazyLock;

/// A calendar day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Day {
    /// Year, e.g. 2024.
    pub year: i32,
    /// Month, 1–12.
    pub month: u32,
    /// Day of month, 1–31.
    pub day: u32,
}

impl Day {
    /// A valid day, or `None`.
    pub fn new(year: i32, month: u32, day: u32) -> Option<Day> {
        let dim = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
            2 => 28,
            _ => return None,
        };
        ((1..=dim).contains(&day) && (1800..=2200).contains(&year)).then_some(Day {
            year,
            month,
            day,
        })
    }

    /// `YYYY-MM-DD`.
    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// Days since 1970-01-01 (negative before).
    pub fn days_since_epoch(&self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = if self.month <= 2 {
            self.year - 1
        } else {
            self.year
        } as i64;
        let era = if y >= 0 { y } else { y - 399 } / 400;
        let yoe = y - era * 400;
        let m = self.month as i64;
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + self.day as i64 - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146097 + doe - 719468
    }

    /// Seconds since 1970-01-01T00:00:00Z at midnight of this day.
    pub fn unix_seconds(&self) -> i64 {
        self.days_since_epoch() * 86_400
    }
}

/// Month number for an English (or common European) month name or
/// abbreviation, with or without a trailing dot.
pub fn month_number(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_lowercase();
    let m = match w.as_str() {
        "jan" | "january" | "janvier" | "januar" | "enero" | "gennaio" => 1,
        "feb" | "february" | "febr" | "février" | "fevrier" | "februar" | "febrero" => 2,
        "mar" | "march" | "mars" | "märz" | "marz" | "marzo" => 3,
        "apr" | "april" | "avril" | "abril" | "aprile" => 4,
        "may" | "mai" | "mayo" | "maggio" => 5,
        "jun" | "june" | "juin" | "juni" | "junio" | "giugno" => 6,
        "jul" | "july" | "juillet" | "juli" | "julio" | "luglio" => 7,
        "aug" | "august" | "août" | "aout" | "agosto" => 8,
        "sep" | "sept" | "september" | "septembre" | "septiembre" | "settembre" => 9,
        "oct" | "october" | "octobre" | "oktober" | "octubre" | "ottobre" => 10,
        "nov" | "november" | "novembre" | "noviembre" => 11,
        "dec" | "december" | "décembre" | "decembre" | "dezember" | "diciembre" | "dicembre" => 12,
        _ => return None,
    };
    Some(m)
}

static ISO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?x)^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[T\s](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?")
        .expect("static regex")
});
static SLASHED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(\d{4})[/.](\d{1,2})[/.](\d{1,2})(?-u:\b)").expect("static regex")
});
static COMPACT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*(\d{4})(\d{2})(\d{2})(?:T|(?-u:\b))").expect("static regex"));
static MONTH_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)([a-zéû]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?-u:\b)")
        .expect("static regex")
});
static DAY_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(\d{1,2})(?:st|nd|rd|th)?\.?\s+(?:of\s+)?([a-zéûä]{3,9})\.?,?\s+(\d{4})(?-u:\b)")
        .expect("static regex")
});
static PATH_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[/_\-.])((?:19|20)\d{2})[/_\-.]?(0[1-9]|1[0-2])[/_\-.]?(0[1-9]|[12]\d|3[01])(?:[/_\-.]|$)")
        .expect("static regex")
});
static PATH_YEAR_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|/)((?:19|20)\d{2})/(0[1-9]|1[0-2])(?:/|$)").expect("static regex")
});
static YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?-u:\b)(19[5-9]\d|20[0-4]\d)(?-u:\b)").expect("static regex"));

/// Parses a machine-readable stamp (`2024-01-05`, `2024-01-05T10:00:00Z`,
/// `2024/01/05`, `20240105`). Returns the day as written (no time-zone shift).
pub fn parse_stamp(s: &str) -> Option<Day> {
    if let Some(c) = ISO.captures(s) {
        return Day::new(c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?);
    }
    if let Some(c) = SLASHED.captures(s) {
        return Day::new(c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?);
    }
    if let Some(c) = COMPACT.captures(s) {
        return Day::new(c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?);
    }
    None
}

/// Parses any date a person or a page writes: a stamp, "December 28, 2023",
/// "Dec. 28, 2023", "28 December 2023". Returns the first date found.
pub fn parse_any(s: &str) -> Option<Day> {
    if let Some(d) = parse_stamp(s) {
        return Some(d);
    }
    let a = MONTH_FIRST.captures_iter(s).find_map(|c| {
        let m = month_number(&c[1])?;
        Some((
            c.get(0)?.start(),
            Day::new(c[3].parse().ok()?, m, c[2].parse().ok()?)?,
        ))
    });
    let b = DAY_FIRST.captures_iter(s).find_map(|c| {
        let m = month_number(&c[2])?;
        Some((
            c.get(0)?.start(),
            Day::new(c[3].parse().ok()?, m, c[1].parse().ok()?)?,
        ))
    });
    match (a, b) {
        (Some(a), Some(b)) => Some(if a.0 <= b.0 { a.1 } else { b.1 }),
        (a, b) => a.or(b).map(|x| x.1),
    }
}

/// A full date in a path or URL (`2024/01/05/`, `2024-01-05-slug`, `20240105`).
pub fn from_path(path: &str) -> Option<Day> {
    PATH_DATE
        .captures_iter(path)
        .find_map(|c| Day::new(c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?))
}

static URL_MONTH_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)/((?:19|20)\d{2})/([a-z]{3,9})/(\d{1,2})(?:/|$)").expect("static regex")
});

/// A date written with a month name in a URL (`/2019/nov/18/`).
pub fn from_url_words(url: &str) -> Option<Day> {
    URL_MONTH_WORD
        .captures_iter(url)
        .find_map(|c| Day::new(c[1].parse().ok()?, month_number(&c[2])?, c[3].parse().ok()?))
}

static NUMERIC_IN_TEXT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?-u:\b)(?:((?:19|20)\d{2})-(\d{1,2})-(\d{1,2})|(\d{1,2})[/.](\d{1,2})[/.]((?:19|20)\d{2}))(?-u:\b)",
    )
    .expect("static regex")
});

/// The first date anywhere in a line of text: a written date ("30. Juli
/// 2018", "Nov 18, 2019"), `2018-08-25`, or `05/10/2018`, read day first
/// when `day_first` (most of the world) and month first otherwise (US).
/// A first number above 12 is always a day.
pub fn find_in_text(s: &str, day_first: bool) -> Option<Day> {
    let numeric = NUMERIC_IN_TEXT.captures_iter(s).find_map(|c| {
        let at = c.get(0)?.start();
        if let Some(y) = c.get(1) {
            return Some((
                at,
                Day::new(
                    y.as_str().parse().ok()?,
                    c[2].parse().ok()?,
                    c[3].parse().ok()?,
                )?,
            ));
        }
        let (a, b): (u32, u32) = (c[4].parse().ok()?, c[5].parse().ok()?);
        let y: i32 = c[6].parse().ok()?;
        let (d, m) = if day_first || a > 12 { (a, b) } else { (b, a) };
        Some((at, Day::new(y, m, d)?))
    });
    let written = parse_any(s).and_then(|d| {
        // parse_any does not say where; a written date has a month name, so
        // find the earliest month word's position for ordering.
        let at = s
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| month_number(w).is_some())
            .filter_map(|w| s.find(w))
            .min()?;
        Some((at, d))
    });
    match (numeric, written) {
        (Some(a), Some(b)) => Some(if a.0 <= b.0 { a.1 } else { b.1 }),
        (a, b) => a.or(b).map(|x| x.1),
    }
}

/// The year of a path's `YYYY/MM/` folders, when it has no full date.
pub fn year_from_path(path: &str) -> Option<(i32, u32)> {
    if let Some(d) = from_path(path) {
        return Some((d.year, d.month));
    }
    let c = PATH_YEAR_MONTH.captures(path)?;
    Some((c[1].parse().ok()?, c[2].parse().ok()?))
}

/// The dateline day ("Jan 5", "5 January", "March 119") as (month, day).
pub fn parse_day(s: &str) -> Option<(u32, u32)> {
    let mut words = s.split_whitespace();
    let a = words.next()?;
    let b = words.next()?;
    if let (Some(m), Ok(d)) = (month_number(a), b.trim_end_matches(',').parse::<u32>()) {
        return (1..=31).contains(&d).then_some((m, d));
    }
    if let (Ok(d), Some(m)) = (a.parse::<u32>(), month_number(b)) {
        return (1..=31).contains(&d).then_some((m, d));
    }
    None
}

/// Years written in a text, in order.
pub fn years_in(text: &str) -> impl Iterator<Item = i32> + '_ {
    YEAR.captures_iter(text).filter_map(|c| c[1].parse().ok())
}

/// The calendar day `days` after 1970-01-01 (Howard Hinnant's civil_from_days).
pub fn civil_from_days(days: i64) -> Day {
    let z = days + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    Day {
        year: (if m <= 2 { y + 1 } else { y }) as i32,
        month: m,
        day: d,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps() {
        assert_eq!(
            parse_stamp("2019-11-19T07:03:00Z").unwrap().iso(),
            "2019-11-19"
        );
        assert_eq!(parse_stamp("2019-11-19").unwrap().iso(), "2019-11-19");
        assert_eq!(parse_stamp("2019/11/19 10:00").unwrap().iso(), "2019-11-19");
        assert_eq!(parse_stamp("20191119").unwrap().iso(), "2019-11-19");
        assert_eq!(parse_stamp("2019-13-19"), None);
    }

    #[test]
    fn written_dates() {
        assert_eq!(
            parse_any("Updated December 28, 2023 at 5pm").unwrap().iso(),
            "2023-12-28"
        );
        assert_eq!(parse_any("Dec. 3, 2023").unwrap().iso(), "2023-12-03");
        assert_eq!(parse_any("3 December 2023").unwrap().iso(), "2023-12-03");
        assert_eq!(
            parse_any("Nov 18, 2019 11:03 PM PT").unwrap().iso(),
            "2019-11-18"
        );
        assert_eq!(parse_any("no date here"), None);
    }

    #[test]
    fn path_dates() {
        assert_eq!(
            from_path("news/2024/01/05/iraq.html").unwrap().iso(),
            "2024-01-05"
        );
        assert_eq!(
            from_path("https://x.com/2019/11/18/story/").unwrap().iso(),
            "2019-11-18"
        );
        assert_eq!(
            from_path("2024-01-05-iraq.txt").unwrap().iso(),
            "2024-01-05"
        );
        assert_eq!(from_path("000_8ac7ddf6f77f5d42.txt"), None);
        assert_eq!(year_from_path("2024/03/slug.html"), Some((2024, 3)));
    }

    #[test]
    fn url_month_words() {
        assert_eq!(
            from_url_words("https://x.com/ohio/2019/nov/18/story/")
                .unwrap()
                .iso(),
            "2019-11-18"
        );
        assert_eq!(from_url_words("https://x.com/2019/foo/18/"), None);
    }

    #[test]
    fn dates_inside_text() {
        assert_eq!(
            find_in_text("기사입력 :[ 2018-08-25 15:24 ]", true)
                .unwrap()
                .iso(),
            "2018-08-25"
        );
        assert_eq!(
            find_in_text("05/10/2018 - Publicado por: X", true)
                .unwrap()
                .iso(),
            "2018-10-05"
        );
        assert_eq!(
            find_in_text("05/10/2018", false).unwrap().iso(),
            "2018-05-10"
        );
        assert_eq!(
            find_in_text("publiziert am 30. Juli 2018", true)
                .unwrap()
                .iso(),
            "2018-07-30"
        );
        assert_eq!(find_in_text("call 2106-8000 now", true), None);
    }

    #[test]
    fn epoch_days() {
        assert_eq!(Day::new(1970, 1, 1).unwrap().days_since_epoch(), 0);
        assert_eq!(Day::new(2024, 1, 5).unwrap().days_since_epoch(), 19727);
    }

    #[test]
    fn dateline_days() {
        assert_eq!(parse_day("Feb 26"), Some((2, 26)));
        assert_eq!(parse_day("2 March"), Some((3, 2)));
        assert_eq!(parse_day("March 119"), None);
    }
}
