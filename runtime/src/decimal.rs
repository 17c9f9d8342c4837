//! `Decimal`: an exact decimal number kept as its text (`"1250.00"`), as the API sends money;
//! it checks the syntax but does no arithmetic.

use std::fmt;
use std::str::FromStr;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

/// An exact decimal number, such as a deal's `value`, which the API sends as a string
/// (`"1250.00"`) to keep every digit.
///
/// It keeps the exact text it was read from and writes it back unchanged, as a JSON string;
/// equality compares that text, so `1250.00` and `1250.0` differ. Use
/// [`as_str`](Decimal::as_str) with a decimal crate of your choice for arithmetic, or
/// [`to_f64`](Decimal::to_f64) when rounding does not matter.
///
/// The syntax is an optional sign, digits with an optional fraction (`12`, `12.5`, `12.`,
/// `.5`) and an optional exponent (`1e3`, `2.5E-2`); no spaces, no `NaN`, no infinity.
/// It decodes from a JSON string or a JSON number; a number is first read as JSON numbers
/// are (an integer exactly, a fraction as the nearest `f64`), so only a string keeps every
/// digit of a fraction.
///
/// ```
/// let value: apigen_runtime::Decimal = "1250.00".parse()?;
/// assert_eq!(value.as_str(), "1250.00");
/// assert_eq!(serde_json::to_string(&value)?, r#""1250.00""#);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Decimal(Box<str>);

/// The error of parsing a [`Decimal`] from text that is not a decimal number.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{text:?} is not a decimal number")]
pub struct ParseDecimalError {
    text: String,
}

impl Decimal {
    /// The exact text, e.g. `"1250.00"`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The nearest `f64`; beyond its range, an infinity (or zero, for tiny values).
    pub fn to_f64(&self) -> f64 {
        // The syntax checked on creation is a subset of what `f64` parses.
        self.0.parse().unwrap_or(f64::NAN)
    }
}

/// Whether `text` is `[+-]?(digits[.digits?] | .digits)([eE][+-]?digits)?`.
fn is_decimal(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut at = 0;
    let digits = |at: &mut usize| {
        let start = *at;
        while bytes.get(*at).is_some_and(u8::is_ascii_digit) {
            *at += 1;
        }
        *at - start
    };
    if matches!(bytes.first(), Some(b'+' | b'-')) {
        at += 1;
    }
    let mut mantissa = digits(&mut at);
    if bytes.get(at) == Some(&b'.') {
        at += 1;
        mantissa += digits(&mut at);
    }
    if mantissa == 0 {
        return false;
    }
    if matches!(bytes.get(at), Some(b'e' | b'E')) {
        at += 1;
        if matches!(bytes.get(at), Some(b'+' | b'-')) {
            at += 1;
        }
        if digits(&mut at) == 0 {
            return false;
        }
    }
    at == bytes.len()
}

impl FromStr for Decimal {
    type Err = ParseDecimalError;

    /// Accepts the syntax described on [`Decimal`], e.g. `-12.50` or `1e3`.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        if is_decimal(text) { Ok(Decimal(text.into())) } else { Err(ParseDecimalError { text: text.to_owned() }) }
    }
}

impl TryFrom<&str> for Decimal {
    type Error = ParseDecimalError;

    fn try_from(text: &str) -> Result<Self, Self::Error> {
        text.parse()
    }
}

impl TryFrom<String> for Decimal {
    type Error = ParseDecimalError;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        if is_decimal(&text) { Ok(Decimal(text.into_boxed_str())) } else { Err(ParseDecimalError { text }) }
    }
}

macro_rules! from_integer {
    ($($int:ty),*) => {$(
        impl From<$int> for Decimal {
            fn from(value: $int) -> Self {
                Decimal(value.to_string().into_boxed_str())
            }
        }
    )*};
}

from_integer!(i8, i16, i32, i64, i128, isize, u8, u16, u32, u64, u128, usize);

impl From<Decimal> for String {
    fn from(value: Decimal) -> Self {
        value.0.into_string()
    }
}

impl AsRef<str> for Decimal {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for Decimal {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Decimal {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(DecimalVisitor)
    }
}

struct DecimalVisitor;

impl Visitor<'_> for DecimalVisitor {
    type Value = Decimal;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a decimal number, as a string or a number")
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Decimal, E> {
        value.parse().map_err(|_| E::invalid_value(de::Unexpected::Str(value), &self))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Decimal, E> {
        Ok(Decimal::from(value))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Decimal, E> {
        Ok(Decimal::from(value))
    }

    fn visit_i128<E: de::Error>(self, value: i128) -> Result<Decimal, E> {
        Ok(Decimal::from(value))
    }

    fn visit_u128<E: de::Error>(self, value: u128) -> Result<Decimal, E> {
        Ok(Decimal::from(value))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Decimal, E> {
        // `Display` of a finite `f64` is the shortest text that reads back as the same value,
        // without exponent: always decimal syntax.
        if value.is_finite() {
            Ok(Decimal(value.to_string().into_boxed_str()))
        } else {
            Err(E::invalid_value(de::Unexpected::Float(value), &self))
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn accepts_decimal_syntax_only() {
        for good in ["0", "1250.00", "-12.5", "+7", "12.", ".5", "1e3", "2.5E-2", "-0.0e+10", "007"] {
            assert_eq!(good.parse::<Decimal>().map(|d| d.to_string()).as_deref(), Ok(good));
        }
        for bad in
            ["", "-", ".", "+.", "1.2.3", "1e", "1e+", "e3", " 1", "1 ", "1,5", "NaN", "inf", "0x10", "--1", "1_0"]
        {
            assert_eq!(
                bad.parse::<Decimal>().err().map(|e| e.to_string()),
                Some(format!("{bad:?} is not a decimal number")),
            );
        }
    }

    #[test]
    fn keeps_the_exact_text_through_json() {
        let value: Option<Decimal> = serde_json::from_value(json!("1250.00")).ok();
        assert_eq!(value.as_ref().map(Decimal::as_str), Some("1250.00"));
        assert_eq!(value.and_then(|v| serde_json::to_value(v).ok()), Some(json!("1250.00")));
        let long = "123456789012345678901234567890.000000000000000000001";
        let value: Option<Decimal> = serde_json::from_str(&format!("\"{long}\"")).ok();
        assert_eq!(value.as_ref().map(Decimal::as_str), Some(long));
    }

    #[test]
    fn reads_json_numbers() {
        let read = |text: &str| serde_json::from_str::<Decimal>(text).map(String::from).map_err(|e| e.to_string());
        assert_eq!(read("1250").as_deref(), Ok("1250"));
        assert_eq!(read("-9223372036854775808").as_deref(), Ok("-9223372036854775808"));
        assert_eq!(read("18446744073709551615").as_deref(), Ok("18446744073709551615"));
        assert_eq!(read("12.5").as_deref(), Ok("12.5"));
        assert_eq!(read("1e3").as_deref(), Ok("1000"));
        assert_eq!(read("0.1").as_deref(), Ok("0.1"));
        assert_eq!(
            read(r#""12,50""#),
            Err("invalid value: string \"12,50\", expected a decimal number, as a string or a number \
                 at line 1 column 7"
                .to_owned())
        );
        assert!(read("true").is_err() && read("null").is_err() && read("[]").is_err());
    }

    #[test]
    fn equality_is_by_text_and_f64_is_close() {
        let parse = |text: &str| text.parse::<Decimal>().ok();
        assert_ne!(parse("1250.00"), parse("1250.0"));
        assert_eq!(parse("1250"), Some(Decimal::from(1250u32)));
        assert_eq!(Decimal::from(-3i8).as_str(), "-3");
        assert_eq!(parse("1250.50").map(|d| d.to_f64()), Some(1250.5));
        assert_eq!(parse(".5").map(|d| d.to_f64()), Some(0.5));
        assert_eq!(parse("12.").map(|d| d.to_f64()), Some(12.0));
        assert_eq!(parse("+1e999").map(|d| d.to_f64()), Some(f64::INFINITY));
        assert_eq!(Decimal::try_from("1.5".to_owned()).map(String::from), Ok("1.5".to_owned()));
        assert!(Decimal::try_from("x").is_err());
    }
}
