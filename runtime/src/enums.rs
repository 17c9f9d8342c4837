//! Helpers for the `Deserialize` impls of generated enums: they read the wire value (a string
//! or an integer) and hand it to the enum's own `from_wire`, which maps unknown values to a
//! catch-all variant. Serializing is left to the generated code.

use std::fmt;

use serde::Deserializer;
use serde::de::{self, Visitor};

/// Reads a JSON string and maps it with `from_wire`, for an enum sent as text
/// (`"add to cart"`). Anything but a string is an error.
///
/// ```
/// use serde::{Deserialize, Deserializer};
///
/// #[derive(Debug, PartialEq)]
/// enum Status { Active, Unknown(String) }
///
/// impl<'de> Deserialize<'de> for Status {
///     fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
///         apigen_runtime::__codegen::enums::deserialize_str(d, |wire| match wire {
///             "active" => Status::Active,
///             other => Status::Unknown(other.to_owned()),
///         })
///     }
/// }
///
/// assert_eq!(serde_json::from_str::<Status>(r#""paused""#)?, Status::Unknown("paused".into()));
/// # Ok::<(), serde_json::Error>(())
/// ```
///
/// # Errors
///
/// The deserializer's error when the value is not a string.
pub fn deserialize_str<'de, D: Deserializer<'de>, T>(deserializer: D, from_wire: fn(&str) -> T) -> Result<T, D::Error> {
    deserializer.deserialize_str(StrVisitor { from_wire })
}

/// Reads a JSON integer and maps it with `from_wire`, for an enum sent as a number (gender
/// `1`/`2`/`3`). Anything but an integer that fits in `i64` is an error (`1.0` and `"1"`
/// included).
///
/// # Errors
///
/// The deserializer's error when the value is not such an integer.
pub fn deserialize_int<'de, D: Deserializer<'de>, T>(deserializer: D, from_wire: fn(i64) -> T) -> Result<T, D::Error> {
    deserializer.deserialize_i64(IntVisitor { from_wire })
}

struct StrVisitor<T> {
    from_wire: fn(&str) -> T,
}

impl<T> Visitor<'_> for StrVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<T, E> {
        Ok((self.from_wire)(value))
    }
}

struct IntVisitor<T> {
    from_wire: fn(i64) -> T,
}

impl<T> Visitor<'_> for IntVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an integer")
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<T, E> {
        Ok((self.from_wire)(value))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<T, E> {
        match i64::try_from(value) {
            Ok(value) => Ok((self.from_wire)(value)),
            Err(_) => Err(E::invalid_value(de::Unexpected::Unsigned(value), &self)),
        }
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;
    use serde_json::json;

    use super::*;

    #[derive(Debug, PartialEq)]
    enum Kind {
        AddToCart,
        Other(String),
    }

    impl<'de> Deserialize<'de> for Kind {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            deserialize_str(d, |wire| match wire {
                "add to cart" => Kind::AddToCart,
                other => Kind::Other(other.to_owned()),
            })
        }
    }

    #[derive(Debug, PartialEq)]
    enum Gender {
        Male,
        Unknown(i64),
    }

    impl<'de> Deserialize<'de> for Gender {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            deserialize_int(d, |wire| match wire {
                2 => Gender::Male,
                other => Gender::Unknown(other),
            })
        }
    }

    fn read<T: for<'de> Deserialize<'de>>(text: &str) -> Result<T, String> {
        serde_json::from_str(text).map_err(|error| error.to_string())
    }

    #[test]
    fn strings_map_through_from_wire() {
        assert_eq!(read::<Kind>(r#""add to cart""#), Ok(Kind::AddToCart));
        assert_eq!(read::<Kind>(r#""add_to_cart""#), Ok(Kind::Other("add_to_cart".to_owned())));
        // An escaped string is read into a buffer, not borrowed.
        assert_eq!(read::<Kind>(r#""add\u0020to cart""#), Ok(Kind::AddToCart));
        assert_eq!(serde_json::from_value::<Kind>(json!("x")).ok(), Some(Kind::Other("x".to_owned())));
        assert_eq!(
            read::<Kind>("1"),
            Err("invalid type: integer `1`, expected a string at line 1 column 1".to_owned())
        );
        assert!(read::<Kind>("null").is_err());
        assert_eq!(
            read::<Vec<Kind>>(r#"["add to cart", "?"]"#),
            Ok(vec![Kind::AddToCart, Kind::Other("?".to_owned())])
        );
    }

    #[test]
    fn integers_map_through_from_wire() {
        assert_eq!(read::<Gender>("2"), Ok(Gender::Male));
        assert_eq!(read::<Gender>("-7"), Ok(Gender::Unknown(-7)));
        assert_eq!(read::<Gender>("9223372036854775807"), Ok(Gender::Unknown(i64::MAX)));
        assert_eq!(serde_json::from_value::<Gender>(json!(2)).ok(), Some(Gender::Male));
        assert_eq!(
            read::<Gender>("9223372036854775808"),
            Err("invalid value: integer `9223372036854775808`, expected an integer at line 1 column 19".to_owned())
        );
        assert_eq!(
            read::<Gender>(r#""2""#),
            Err("invalid type: string \"2\", expected an integer at line 1 column 3".to_owned())
        );
        assert!(read::<Gender>("2.0").is_err());
    }
}
