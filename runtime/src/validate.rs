//! Checks that run before any I/O: base URL parameters and documented field rules.

use std::collections::BTreeMap;

use super::error::Error;

/// Replaces each `{name}` in `template` with its value from `params`.
///
/// Values become part of the host name, so each must be a DNS label: 1 to 63 ASCII letters,
/// digits or hyphens, not starting or ending with a hyphen. A placeholder left without a
/// value is refused too.
pub fn expand_base_url(template: &str, params: &[(&str, &str)]) -> Result<String, Error> {
    let mut url = template.to_owned();
    for &(name, value) in params {
        if !is_dns_label(value) {
            return Err(Error::InvalidConfig {
                message: format!(
                    "base url parameter `{name}` must be 1 to 63 ASCII letters, digits or \
                     hyphens, not starting or ending with a hyphen; got {value:?}"
                ),
            });
        }
        url = url.replace(&format!("{{{name}}}"), value);
    }
    if url.contains(['{', '}']) {
        return Err(Error::InvalidConfig {
            message: format!("base url `{template}` has a placeholder without a value"),
        });
    }
    Ok(url)
}

fn is_dns_label(value: &str) -> bool {
    (1..=63).contains(&value.len())
        && !value.starts_with('-')
        && !value.ends_with('-')
        && value.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

/// Refuses a value longer than `max` characters (Unicode scalar values, not bytes).
pub fn check_max_length(field: &'static str, value: &str, max: usize) -> Result<(), Error> {
    let length = value.chars().count();
    if length > max {
        return Err(Error::InvalidInput {
            field: field.to_owned(),
            message: format!("`{field}` is {length} characters long; the limit is {max}"),
        });
    }
    Ok(())
}

/// Refuses a value shorter than `min` characters (Unicode scalar values, not bytes).
pub fn check_min_length(field: &'static str, value: &str, min: usize) -> Result<(), Error> {
    let length = value.chars().count();
    if length < min {
        return Err(Error::InvalidInput {
            field: field.to_owned(),
            message: format!("`{field}` is {length} characters long; the minimum is {min}"),
        });
    }
    Ok(())
}

/// Refuses a number below `min` (the bound is inclusive).
pub fn check_minimum<T: PartialOrd + std::fmt::Display>(field: &'static str, value: T, min: T) -> Result<(), Error> {
    if value < min {
        return Err(Error::InvalidInput {
            field: field.to_owned(),
            message: format!("`{field}` is {value}; the minimum is {min}"),
        });
    }
    Ok(())
}

/// Refuses a number above `max` (the bound is inclusive).
pub fn check_maximum<T: PartialOrd + std::fmt::Display>(field: &'static str, value: T, max: T) -> Result<(), Error> {
    if value > max {
        return Err(Error::InvalidInput {
            field: field.to_owned(),
            message: format!("`{field}` is {value}; the maximum is {max}"),
        });
    }
    Ok(())
}

/// A text field that may be limited: a required `String`, an `Option<String>` or a
/// `Patch<String>`; only a value that is there is checked.
#[doc(hidden)]
pub trait Text {
    fn text(&self) -> Option<&str>;
}

impl Text for String {
    fn text(&self) -> Option<&str> {
        Some(self)
    }
}

impl Text for Option<String> {
    fn text(&self) -> Option<&str> {
        self.as_deref()
    }
}

impl Text for crate::Patch<String> {
    fn text(&self) -> Option<&str> {
        self.as_set().map(String::as_str)
    }
}

/// [`check_max_length`] of a field that may be unset.
#[doc(hidden)]
pub fn check_field_length(field: &'static str, value: &impl Text, max: usize) -> Result<(), Error> {
    match value.text() {
        Some(text) => check_max_length(field, text, max),
        None => Ok(()),
    }
}

/// [`check_min_length`] of a field that may be unset.
#[doc(hidden)]
pub fn check_field_min_length(field: &'static str, value: &impl Text, min: usize) -> Result<(), Error> {
    match value.text() {
        Some(text) => check_min_length(field, text, min),
        None => Ok(()),
    }
}

/// A number field that may be bounded: a required `i64` or `f64`, an `Option` or a `Patch` of
/// one; only a value that is there is checked.
#[doc(hidden)]
pub trait Number<T> {
    fn number(&self) -> Option<T>;
}

macro_rules! number_slots {
    ($($ty:ty),*) => {$(
        impl Number<$ty> for $ty {
            fn number(&self) -> Option<$ty> {
                Some(*self)
            }
        }

        impl Number<$ty> for Option<$ty> {
            fn number(&self) -> Option<$ty> {
                *self
            }
        }

        impl Number<$ty> for crate::Patch<$ty> {
            fn number(&self) -> Option<$ty> {
                self.as_set().copied()
            }
        }
    )*};
}

number_slots!(i32, i64, u64, f64);

/// [`check_minimum`] of a field that may be unset.
#[doc(hidden)]
pub fn check_field_minimum<T: PartialOrd + std::fmt::Display>(
    field: &'static str,
    value: &impl Number<T>,
    min: T,
) -> Result<(), Error> {
    match value.number() {
        Some(number) => check_minimum(field, number, min),
        None => Ok(()),
    }
}

/// [`check_maximum`] of a field that may be unset.
#[doc(hidden)]
pub fn check_field_maximum<T: PartialOrd + std::fmt::Display>(
    field: &'static str,
    value: &impl Number<T>,
    max: T,
) -> Result<(), Error> {
    match value.number() {
        Some(number) => check_maximum(field, number, max),
        None => Ok(()),
    }
}

/// Refuses custom attributes with an empty name or the name of a documented field.
///
/// A documented field sent as a custom attribute would bypass its type and its checks, and
/// clash with the typed setter in the JSON body.
pub fn check_custom_attributes(
    attributes: &BTreeMap<String, serde_json::Value>,
    documented: &[&str],
) -> Result<(), Error> {
    for name in attributes.keys() {
        let message = if name.is_empty() {
            "a custom attribute has an empty name".to_owned()
        } else if documented.contains(&name.as_str()) {
            format!("custom attribute `{name}` is a documented field; use its typed setter")
        } else {
            continue;
        };
        return Err(Error::InvalidInput { field: "custom_attributes".to_owned(), message });
    }
    Ok(())
}

/// A request's `validate`: `validate!(first_name <= 40, code = "x-code" >= 2 <= 3, age min 0 max
/// 130; custom_attributes)` checks each text field against its minimum (`>=`) and maximum (`<=`)
/// length and each number field against its inclusive `min` and `max` (with its wire name after
/// `=` when it differs) and, after `;`, that no custom attribute of that map has an empty name or
/// the wire name of a field ([`Keys`](crate::wire::Keys), from
/// [`wire_object!`](crate::__codegen::wire_object)).
#[doc(hidden)]
#[macro_export]
macro_rules! __validate {
    ($($field:ident $(= $wire:literal)? $(>= $min_length:literal)? $(<= $max_length:literal)?
        $(min $minimum:literal)? $(max $maximum:literal)?),* $(,)? $(; $custom:ident)?) => {
        /// Checks the documented limits (such as maximum lengths) without sending anything.
        ///
        /// # Errors
        ///
        /// [`Error::InvalidInput`](::apigen_runtime::Error::InvalidInput) naming the first
        /// field that breaks a limit.
        #[inline]
        pub fn validate(&self) -> ::std::result::Result<(), $crate::Error> {
            $({
                let field: &'static str = $crate::__wire_name!($field $(= $wire)?);
                $($crate::__codegen::validate::check_field_min_length(field, &self.$field, $min_length)?;)?
                $($crate::__codegen::validate::check_field_length(field, &self.$field, $max_length)?;)?
                $($crate::__codegen::validate::check_field_minimum(field, &self.$field, $minimum)?;)?
                $($crate::__codegen::validate::check_field_maximum(field, &self.$field, $maximum)?;)?
            })*
            $($crate::__codegen::check_custom_attributes(&self.$custom, <Self as $crate::__codegen::wire::Keys>::KEYS)?;)?
            ::std::result::Result::Ok(())
        }
    };
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    const TEMPLATE: &str = "https://{subdomain}.example.com/api/public/";

    fn message(result: Result<impl std::fmt::Debug, Error>) -> String {
        match result {
            Err(error) => error.to_string(),
            Ok(value) => format!("unexpected success: {value:?}"),
        }
    }

    #[test]
    fn expands_a_valid_subdomain() {
        let url = expand_base_url(TEMPLATE, &[("subdomain", "acme-2")]);
        assert_eq!(url.ok().as_deref(), Some("https://acme-2.example.com/api/public/"));
        let longest = "a".repeat(63);
        assert!(expand_base_url(TEMPLATE, &[("subdomain", &longest)]).is_ok());
    }

    #[test]
    fn refuses_a_bad_subdomain() {
        assert_eq!(
            message(expand_base_url(TEMPLATE, &[("subdomain", "evil.com/x?")])),
            "invalid configuration: base url parameter `subdomain` must be 1 to 63 ASCII \
             letters, digits or hyphens, not starting or ending with a hyphen; got \"evil.com/x?\""
        );
        let too_long = "a".repeat(64);
        for value in ["", "-acme", "acme-", "ac me", "äcme", too_long.as_str()] {
            assert!(expand_base_url(TEMPLATE, &[("subdomain", value)]).is_err(), "{value}");
        }
    }

    #[test]
    fn refuses_a_placeholder_without_value() {
        assert_eq!(
            message(expand_base_url(TEMPLATE, &[("region", "eu")])),
            "invalid configuration: base url `https://{subdomain}.example.com/api/public/` has a \
             placeholder without a value"
        );
    }

    #[test]
    fn max_length_counts_characters() {
        assert!(check_max_length("first_name", &"é".repeat(40), 40).is_ok());
        let error = check_max_length("first_name", &"é".repeat(41), 40);
        assert_eq!(message(error), "invalid input: `first_name` is 41 characters long; the limit is 40");
        assert!(matches!(
            check_max_length("first_name", &"é".repeat(41), 40),
            Err(Error::InvalidInput { field, .. }) if field == "first_name"
        ));
    }

    #[test]
    fn min_length_counts_characters() {
        assert!(check_min_length("nickname", &"é".repeat(3), 3).is_ok());
        assert_eq!(
            message(check_min_length("nickname", &"é".repeat(2), 3)),
            "invalid input: `nickname` is 2 characters long; the minimum is 3"
        );
        assert!(check_field_min_length("nickname", &None::<String>, 3).is_ok());
        assert!(check_field_min_length("nickname", &crate::Patch::<String>::Null, 3).is_ok());
    }

    #[test]
    fn bounds_are_inclusive() {
        assert!(check_field_minimum("age", &0_i64, 0).is_ok());
        assert!(check_field_maximum("age", &Some(130_i64), 130).is_ok());
        assert_eq!(message(check_field_minimum("age", &-1_i64, 0)), "invalid input: `age` is -1; the minimum is 0");
        assert_eq!(
            message(check_field_maximum("age", &Some(131_i64), 130)),
            "invalid input: `age` is 131; the maximum is 130"
        );
        assert_eq!(
            message(check_field_maximum("ratio", &crate::Patch::Set(1.5_f64), 1.0)),
            "invalid input: `ratio` is 1.5; the maximum is 1"
        );
        assert!(check_field_minimum("ratio", &None::<f64>, 0.5).is_ok());
    }

    #[test]
    fn custom_attributes() {
        let documented = ["email", "first_name"];
        let attributes = |name: &str| BTreeMap::from([(name.to_owned(), json!(true))]);
        assert!(check_custom_attributes(&BTreeMap::new(), &documented).is_ok());
        assert!(check_custom_attributes(&attributes("favourite_colour"), &documented).is_ok());
        assert_eq!(
            message(check_custom_attributes(&attributes("email"), &documented)),
            "invalid input: custom attribute `email` is a documented field; use its typed setter"
        );
        assert_eq!(
            message(check_custom_attributes(&attributes(""), &documented)),
            "invalid input: a custom attribute has an empty name"
        );
    }
}
