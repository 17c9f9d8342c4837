//! `DateTime`, `DateTimeMicros`, `Date` and `UnixTime`: `time` values that read and write the
//! usual JSON forms (RFC 3339 strings, `YYYY-MM-DD`, UNIX seconds); no time-zone logic.

use std::fmt;
use std::str::FromStr;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use time::format_description::BorrowedFormatItem;
use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::{OffsetDateTime, UtcOffset};

const DATE_FORMAT: &[BorrowedFormatItem<'_>] = format_description!("[year]-[month]-[day]");

/// Writes `value` in RFC 3339, in UTC (`Z`) unless its UTC form is out of range, in which case
/// it keeps its own offset instead of failing. `micros` writes exactly six fractional digits;
/// otherwise the fraction has as many digits as it needs, and none when it is zero.
fn write_rfc3339(f: &mut fmt::Formatter<'_>, value: OffsetDateTime, micros: bool) -> fmt::Result {
    let (value, utc) = match value.checked_to_offset(UtcOffset::UTC) {
        Some(utc) => (utc, true),
        None => (value, false),
    };
    write!(
        f,
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
        value.year(),
        u8::from(value.month()),
        value.day(),
        value.hour(),
        value.minute(),
        value.second(),
    )?;
    if micros {
        write!(f, ".{:06}", value.microsecond())?;
    } else if value.nanosecond() != 0 {
        let digits = format!("{:09}", value.nanosecond());
        write!(f, ".{}", digits.trim_end_matches('0'))?;
    }
    if utc {
        return f.write_str("Z");
    }
    let (hours, minutes, _) = value.offset().as_hms();
    let sign = if value.offset().is_negative() { '-' } else { '+' };
    write!(f, "{sign}{:02}:{:02}", hours.unsigned_abs(), minutes.unsigned_abs())
}

/// The two date-time types differ only in how they write themselves; the schema's
/// `api.datetime_format` picks one for every `datetime` field of an API.
macro_rules! date_time_type {
    ($(#[$doc:meta])* $name:ident, micros = $micros:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub OffsetDateTime);

        impl From<OffsetDateTime> for $name {
            fn from(value: OffsetDateTime) -> Self {
                $name(value)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write_rfc3339(f, self.0, $micros)
            }
        }

        impl FromStr for $name {
            type Err = time::error::Parse;

            /// Parses any RFC 3339 date-time, e.g. `2017-06-14T07:29:06Z`.
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                OffsetDateTime::parse(s, &Rfc3339).map($name)
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(self)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                deserializer.deserialize_str(ParseVisitor::<$name>::new("an RFC 3339 date-time"))
            }
        }

        impl From<$name> for UnixTime {
            fn from(value: $name) -> Self {
                UnixTime::from(value.0)
            }
        }
    };
}

date_time_type!(
    /// A point in time in RFC 3339 (`datetime_format: rfc3339`, the default).
    ///
    /// Reads any RFC 3339 date-time; writes UTC with as many fractional digits as the value
    /// needs (`2017-06-14T07:29:06Z`, `2017-06-14T07:29:06.5Z`). The inner value is a
    /// [`time::OffsetDateTime`].
    DateTime,
    micros = false
);

date_time_type!(
    /// A point in time in RFC 3339 with exactly six fractional digits
    /// (`datetime_format: rfc3339_micros`): `2017-06-14T07:29:06.976662Z`.
    ///
    /// Reads any RFC 3339 date-time; writes UTC with six fractional digits, so the responses of
    /// an API that writes this form round-trip byte for byte. The inner value is a
    /// [`time::OffsetDateTime`].
    DateTimeMicros,
    micros = true
);

/// A calendar date, written `YYYY-MM-DD`. The inner value is a [`time::Date`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date(pub time::Date);

impl From<time::Date> for Date {
    fn from(value: time::Date) -> Self {
        Date(value)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let date = self.0;
        let month = u8::from(date.month());
        write!(f, "{:04}-{month:02}-{:02}", date.year(), date.day())
    }
}

impl FromStr for Date {
    type Err = time::error::Parse;

    /// Parses `YYYY-MM-DD`, e.g. `2017-06-14`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        time::Date::parse(s, DATE_FORMAT).map(Date)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(ParseVisitor::<Date>::new("a date as YYYY-MM-DD"))
    }
}

/// A point in time as whole UNIX seconds (since 1970-01-01 UTC), as request fields such as an
/// event's `timestamp` take it: written as a JSON integer, e.g. `1426967129`.
///
/// ```
/// use apigen_runtime::UnixTime;
///
/// let at = UnixTime::from_secs(1_426_967_129);
/// assert_eq!(serde_json::to_string(&at)?, "1426967129");
/// let now = UnixTime::from(apigen_runtime::time::OffsetDateTime::now_utc());
/// assert!(now > at);
/// # Ok::<(), serde_json::Error>(())
/// ```
///
/// It reads only a JSON integer. Converting from a [`DateTime`] or an
/// [`OffsetDateTime`] drops the fraction of a second (rounding toward the past).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct UnixTime(i64);

impl UnixTime {
    /// The time `secs` seconds after 1970-01-01 00:00:00 UTC (before it when negative).
    pub const fn from_secs(secs: i64) -> Self {
        UnixTime(secs)
    }

    /// Seconds since 1970-01-01 00:00:00 UTC.
    pub const fn secs(self) -> i64 {
        self.0
    }

    /// The current time, to the second.
    pub fn now() -> Self {
        UnixTime::from(OffsetDateTime::now_utc())
    }

    /// This time as a date-time ([`DateTime`] or [`DateTimeMicros`]) in UTC; `None` outside
    /// the years -9999 to 9999.
    pub fn to_date_time<T: From<OffsetDateTime>>(self) -> Option<T> {
        OffsetDateTime::from_unix_timestamp(self.0).ok().map(T::from)
    }
}

impl From<OffsetDateTime> for UnixTime {
    fn from(value: OffsetDateTime) -> Self {
        UnixTime(value.unix_timestamp())
    }
}

impl fmt::Display for UnixTime {
    /// The seconds, e.g. `1426967129`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

/// Deserializes a string through `FromStr`, without allocating.
struct ParseVisitor<T> {
    expected: &'static str,
    target: std::marker::PhantomData<T>,
}

impl<T> ParseVisitor<T> {
    fn new(expected: &'static str) -> Self {
        ParseVisitor { expected, target: std::marker::PhantomData }
    }
}

impl<T: FromStr> Visitor<'_> for ParseVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.expected)
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<T, E> {
        value.parse().map_err(|_| E::invalid_value(de::Unexpected::Str(value), &self))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(text: &str) -> Option<String> {
        let json = format!("\"{text}\"");
        let value: DateTimeMicros = serde_json::from_str(&json).ok()?;
        let back = serde_json::to_string(&value).ok()?;
        Some(back.trim_matches('"').to_owned())
    }

    #[test]
    fn vendor_date_times_round_trip_byte_for_byte() {
        for text in ["2017-06-14T07:29:06.976662Z", "2022-09-06T12:35:17.230000Z"] {
            assert_eq!(round_trip(text).as_deref(), Some(text));
        }
    }

    #[test]
    fn parses_without_fraction_and_writes_six_digits() {
        let value: Result<DateTimeMicros, _> = "2017-06-14T07:29:06Z".parse();
        let text = value.map(|value| value.to_string());
        assert_eq!(text.ok().as_deref(), Some("2017-06-14T07:29:06.000000Z"));
    }

    #[test]
    fn writes_utc_from_any_offset() {
        assert_eq!(round_trip("2017-06-14T09:29:06.5+02:00").as_deref(), Some("2017-06-14T07:29:06.500000Z"));
    }

    #[test]
    fn out_of_range_utc_keeps_its_offset() {
        let value: Result<DateTimeMicros, _> = "9999-12-31T23:30:00-01:00".parse();
        let text = value.map(|value| value.to_string());
        assert_eq!(text.ok().as_deref(), Some("9999-12-31T23:30:00.000000-01:00"));
    }

    #[test]
    fn rejects_non_rfc3339() {
        assert!("2017-06-14 07:29:06".parse::<DateTime>().is_err());
        let error = serde_json::from_str::<DateTime>("\"yesterday\"").err();
        let message = error.map(|error| error.to_string());
        assert_eq!(
            message.as_deref(),
            Some(
                "invalid value: string \"yesterday\", expected an RFC 3339 date-time \
                 at line 1 column 11"
            )
        );
        assert!(serde_json::from_str::<DateTime>("17").is_err());
    }

    #[test]
    fn rfc3339_writes_the_fraction_it_needs() {
        let written = |text: &str| text.parse::<DateTime>().map(|value| value.to_string()).ok();
        assert_eq!(written("2017-06-14T07:29:06Z").as_deref(), Some("2017-06-14T07:29:06Z"));
        assert_eq!(written("2017-06-14T09:29:06.50+02:00").as_deref(), Some("2017-06-14T07:29:06.5Z"));
        assert_eq!(written("2017-06-14T07:29:06.976662Z").as_deref(), Some("2017-06-14T07:29:06.976662Z"));
        assert_eq!(written("2017-06-14T07:29:06.000000001Z").as_deref(), Some("2017-06-14T07:29:06.000000001Z"));
        assert_eq!(written("9999-12-31T23:30:00-01:00").as_deref(), Some("9999-12-31T23:30:00-01:00"));
    }

    #[test]
    fn date_round_trip() {
        let value: Option<Date> = serde_json::from_str("\"2017-06-04\"").ok();
        let back = value.and_then(|value| serde_json::to_string(&value).ok());
        assert_eq!(back.as_deref(), Some("\"2017-06-04\""));
        let date = time::Date::from_calendar_date(2017, time::Month::June, 4);
        assert_eq!(date.ok().map(Date), value);
    }

    #[test]
    fn unix_time_is_a_json_integer() {
        let at = UnixTime::from_secs(1_426_967_129);
        assert_eq!((at.secs(), at.to_string()), (1_426_967_129, "1426967129".to_owned()));
        assert_eq!(serde_json::to_string(&at).ok().as_deref(), Some("1426967129"));
        assert_eq!(serde_json::from_str::<UnixTime>("1426967129").ok(), Some(at));
        assert_eq!(serde_json::from_str::<UnixTime>("-1").ok(), Some(UnixTime::from_secs(-1)));
        for bad in ["1426967129.5", "\"1426967129\"", "null", "9223372036854775808"] {
            assert!(serde_json::from_str::<UnixTime>(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn unix_time_from_and_to_date_times() {
        let value: Option<DateTime> = "2015-03-21T19:45:29.976662Z".parse().ok();
        assert_eq!(value.map(UnixTime::from), Some(UnixTime::from_secs(1_426_967_129)));
        let before_1970: Option<DateTime> = "1969-12-31T23:59:59.5Z".parse().ok();
        assert_eq!(before_1970.map(UnixTime::from), Some(UnixTime::from_secs(-1)));
        let back = UnixTime::from_secs(1_426_967_129).to_date_time::<DateTimeMicros>().map(|value| value.to_string());
        assert_eq!(back.as_deref(), Some("2015-03-21T19:45:29.000000Z"));
        assert_eq!(UnixTime::from_secs(i64::MAX).to_date_time::<DateTime>(), None);
        assert!(UnixTime::now() > UnixTime::from_secs(1_700_000_000));
        assert_eq!(UnixTime::from(OffsetDateTime::UNIX_EPOCH).secs(), 0);
    }

    #[test]
    fn date_rejects_bad_input() {
        for text in ["2017-6-4", "2017-02-30", "2017-06-04T00:00:00Z", ""] {
            assert!(text.parse::<Date>().is_err(), "{text}");
        }
        assert!(serde_json::from_str::<Date>("\"14.06.2017\"").is_err());
    }
}
