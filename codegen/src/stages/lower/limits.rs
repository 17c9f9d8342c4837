//! The limits and default of one attribute row (`min_length`, `minimum`, `maximum`, `default`),
//! checked against the row's type and against each other; `max_length` is checked with the type
//! (`fields`).

use super::ctxt::At;
use super::state::{EnumValues, Lowering};
use crate::ir::{Scalar, Type};
use crate::schema::{self, SchemaFile};
use crate::source::SourceFile;

/// What a row's limit keys lowered to.
#[derive(Debug, Default)]
pub(super) struct Limits {
    pub(super) min_length: Option<u32>,
    pub(super) minimum: Option<Scalar>,
    pub(super) maximum: Option<Scalar>,
    pub(super) default: Option<Scalar>,
}

/// The wire values of each enum the files declare, for checking defaults.
pub(super) fn enum_values(files: &[(SourceFile, SchemaFile)]) -> EnumValues {
    let mut values = EnumValues::new();
    for (_, file) in files {
        for (name, spec) in file.enums.iter() {
            let wire = match &spec.values {
                schema::EnumValues::Strings(list) => {
                    list.iter().map(|value| (None, Scalar::String(value.clone()))).collect()
                }
                schema::EnumValues::Codes(codes) => {
                    codes.iter().map(|(label, code)| (Some(label.to_owned()), Scalar::Integer(*code))).collect()
                }
            };
            values.entry(name.to_owned()).or_insert(wire);
        }
    }
    values
}

impl Lowering {
    /// The row's `min_length`, bounds and default, each refused (with the row) when it does not
    /// fit the row's type `ty` or the row's other limits.
    pub(super) fn field_limits(&mut self, at: &At, field: &schema::Field, ty: &Type) -> Option<Limits> {
        let mut ok = true;
        let mut limits = Limits { min_length: field.min_length, ..Limits::default() };
        if let Some(min) = field.min_length {
            let problem = if !ty.is_string() {
                Some("`min_length` applies to `string` fields only".to_owned())
            } else if min == 0 {
                Some("`min_length` must be at least 1".to_owned())
            } else {
                field
                    .max_length
                    .filter(|max| min > *max)
                    .map(|max| format!("`min_length` ({min}) is greater than `max_length` ({max})"))
            };
            if let Some(problem) = problem {
                self.error(at.key("min_length").error(problem));
                ok = false;
            }
        }
        for (key, value, slot) in
            [("minimum", &field.minimum, &mut limits.minimum), ("maximum", &field.maximum, &mut limits.maximum)]
        {
            let Some(value) = value else { continue };
            match bound(key, value, ty) {
                Ok(bound) => *slot = Some(bound),
                Err(problem) => {
                    self.error(at.key(key).error(problem));
                    ok = false;
                }
            }
        }
        if let (Some(min), Some(max)) = (&limits.minimum, &limits.maximum)
            && number(min) > number(max)
        {
            self.error(at.key("minimum").error(format!("`minimum` ({min}) is greater than `maximum` ({max})")));
            ok = false;
        }
        if let Some(value) = &field.default {
            match self.default_value(value, ty).and_then(|default| within(&default, field, &limits).map(|()| default)) {
                Ok(default) => limits.default = Some(default),
                Err(problem) => {
                    self.error(at.key("default").error(problem));
                    ok = false;
                }
            }
        }
        ok.then_some(limits)
    }

    /// A `default` as a scalar of type `ty`.
    fn default_value(&self, value: &serde_yaml::Value, ty: &Type) -> Result<Scalar, String> {
        let shown = shown(value);
        let wrong = |what: &str| format!("`default` {shown} is not {what}");
        match ty {
            Type::String | Type::FormattedString(_) => {
                value.as_str().map(|text| Scalar::String(text.to_owned())).ok_or_else(|| wrong("a string"))
            }
            Type::Boolean => value.as_bool().map(Scalar::Boolean).ok_or_else(|| wrong("`true` or `false`")),
            Type::Integer | Type::Int32 | Type::UInt64 | Type::Number => bound("default", value, ty),
            Type::Enum(name) => {
                let values = self.enum_values.get(name).map(Vec::as_slice).unwrap_or_default();
                let found = values.iter().find(|(label, wire)| match (value, wire) {
                    (serde_yaml::Value::String(text), Scalar::String(wire)) => text == wire,
                    (serde_yaml::Value::String(text), Scalar::Integer(_)) => label.as_deref() == Some(text.as_str()),
                    (serde_yaml::Value::Number(number), Scalar::Integer(code)) => number.as_i64() == Some(*code),
                    _ => false,
                });
                found.map(|(_, wire)| wire.clone()).ok_or_else(|| wrong(&format!("a value of enum `{name}`")))
            }
            _ => Err("`default` applies to string, integer, number, boolean and enum fields only".to_owned()),
        }
    }
}

/// `value` as a bound (or default) of a field of type `ty`: an integer for `integer` fields, any
/// finite number for `number` fields.
fn bound(key: &str, value: &serde_yaml::Value, ty: &Type) -> Result<Scalar, String> {
    let shown = shown(value);
    match (ty, value) {
        (Type::Integer | Type::Int32 | Type::UInt64, serde_yaml::Value::Number(number)) => {
            // The field's own width; a `uint64` bound above `i64::MAX` cannot be said.
            let (low, high) = match ty {
                Type::Int32 => (i64::from(i32::MIN), i64::from(i32::MAX)),
                Type::UInt64 => (0, i64::MAX),
                _ => (i64::MIN, i64::MAX),
            };
            number.as_i64().filter(|value| (low..=high).contains(value)).map(Scalar::Integer).ok_or_else(|| match ty {
                Type::Integer => format!("`{key}` of an `integer` field must be an integer, not {shown}"),
                _ => format!("`{key}` of a field typed `{ty}` must be an integer from {low} to {high}, not {shown}"),
            })
        }
        (Type::Number, serde_yaml::Value::Number(number)) => number
            .as_f64()
            .filter(|value| value.is_finite())
            .map(Scalar::Number)
            .ok_or_else(|| format!("`{key}` must be a finite number, not {shown}")),
        (Type::Integer | Type::Int32 | Type::UInt64 | Type::Number, _) => {
            Err(format!("`{key}` must be a number, not {shown}"))
        }
        _ => Err(format!("`{key}` applies to `integer` (`int32`, `uint64`) and `number` fields only")),
    }
}

/// Refuses a default that the row's own limits would refuse.
fn within(default: &Scalar, field: &schema::Field, limits: &Limits) -> Result<(), String> {
    if let Scalar::String(text) = default {
        let length = text.chars().count();
        if limits.min_length.is_some_and(|min| length < min as usize)
            || field.max_length.is_some_and(|max| length > max as usize)
        {
            return Err(format!("`default` is {length} characters long, outside the row's length limits"));
        }
    }
    if matches!(default, Scalar::Integer(_) | Scalar::Number(_)) {
        if let Some(min) = limits.minimum.as_ref().filter(|min| number(default) < number(min)) {
            return Err(format!("`default` {default} is below `minimum` ({min})"));
        }
        if let Some(max) = limits.maximum.as_ref().filter(|max| number(default) > number(max)) {
            return Err(format!("`default` {default} is above `maximum` ({max})"));
        }
    }
    Ok(())
}

/// A numeric scalar as `f64`, for comparing bounds (others compare as 0).
#[allow(clippy::cast_precision_loss)]
fn number(value: &Scalar) -> f64 {
    match value {
        Scalar::Integer(value) => *value as f64,
        Scalar::Number(value) => *value,
        Scalar::String(_) | Scalar::Boolean(_) => 0.0,
    }
}

/// A YAML value as the schema writes it, in backticks, made inert.
fn shown(value: &serde_yaml::Value) -> String {
    let text = serde_yaml::to_string(value).unwrap_or_default();
    let text = text.trim_end().trim_start_matches("---").trim();
    format!("`{}`", crate::diagnostic::inert(text))
}
