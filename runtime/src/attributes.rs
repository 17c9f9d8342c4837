//! `custom_attributes`: the one view of a response's custom attributes, whichever of the API's
//! two forms (an `attributes` list, or unknown top-level keys) carried them; no I/O, no checks.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

/// Merges the two forms in which responses carry custom attributes into one map from name to
/// value: `list`, the `(name, value)` pairs of an `attributes` list
/// (`[{"name": "colour", "value": "x", ...}]`, keys as the schema names them), and `extra`, the top-level keys the
/// schema does not know (`{"custom_attribute_xyz": null, ...}`).
///
/// When a name is in both, the value from `list` wins: the list is the API's explicit form,
/// while an unknown top-level key may be a field the schema has not caught up with. Within
/// `list`, a later entry wins over an earlier one with the same name.
///
/// ```
/// use serde_json::{json, Map, Value};
///
/// let list = [("colour", &json!("green")), ("size", &json!(3))];
/// let extra: Map<String, Value> = serde_json::from_value(json!({"size": 2, "score": 7}))?;
/// let merged = apigen_runtime::__codegen::custom_attributes(list, &extra);
/// assert_eq!(serde_json::to_value(&merged)?, json!({"colour": "green", "score": 7, "size": 3}));
/// # Ok::<(), serde_json::Error>(())
/// ```
pub fn custom_attributes<'a>(
    list: impl IntoIterator<Item = (&'a str, &'a Value)>,
    extra: &Map<String, Value>,
) -> BTreeMap<String, Value> {
    merge(&mut list.into_iter(), extra)
}

/// [`custom_attributes`] without generics, so each model's call compiles only its iterator.
fn merge<'a>(
    list: &mut dyn Iterator<Item = (&'a str, &'a Value)>,
    extra: &Map<String, Value>,
) -> BTreeMap<String, Value> {
    let mut merged: BTreeMap<String, Value> = extra.iter().map(|(name, value)| (name.clone(), value.clone())).collect();
    for (name, value) in list {
        merged.insert(name.to_owned(), value.clone());
    }
    merged
}

/// `custom_attribute(name, value)`, the setter of a request body's `custom_attributes` map.
#[doc(hidden)]
#[macro_export]
macro_rules! __custom_attribute_setter {
    () => {
        /// Sets one custom attribute, sent as a top-level key of the body. The attribute must
        /// exist in the API; its key is the attribute's name.
        #[inline]
        pub fn custom_attribute(
            mut self,
            name: impl ::std::convert::Into<::std::string::String>,
            value: impl ::std::convert::Into<$crate::serde_json::Value>,
        ) -> Self {
            self.custom_attributes.insert(name.into(), value.into());
            self
        }
    };
}

/// A model's `custom_attributes()`: [`custom_attributes`] of its attribute list and `extra`.
///
/// `custom_attributes_fn!("attributes" by "name_std": attributes opt, name_std opt, value opt)`:
/// the list's wire name and the wire name of its items' name field (for the docs), then the
/// list field, the items' name field and their value field, each with how it is held (`plain`,
/// `opt` for an `Option`, `patch` for a [`Patch`](crate::Patch)).
#[doc(hidden)]
#[macro_export]
macro_rules! __custom_attributes_fn {
    ($list_wire:literal by $by:literal : $list:ident $list_slot:ident, $name:ident $name_slot:ident, $value:ident $value_slot:ident) => {
        #[doc = ::std::concat!("Every custom attribute: the `", $list_wire, "` list (by `", $by, "`) and the unknown top-level keys, which is")]
        /// where newer responses put them. List entries win when both name the same attribute.
        #[inline]
        pub fn custom_attributes(&self) -> ::std::collections::BTreeMap<::std::string::String, $crate::serde_json::Value> {
            $crate::__codegen::custom_attributes(
                $crate::__attribute_part!(list $list_slot self.$list).filter_map(|item| {
                    ::std::option::Option::Some((
                        $crate::__attribute_part!(name $name_slot item.$name),
                        $crate::__attribute_part!(value $value_slot item.$value),
                    ))
                }),
                &self.extra,
            )
        }
    };
}

/// One part of [`custom_attributes_fn!`](crate::__custom_attributes_fn), by how its field is
/// held.
#[doc(hidden)]
#[macro_export]
macro_rules! __attribute_part {
    (list plain $($place:tt)+) => { $($place)+.iter() };
    (list opt $($place:tt)+) => { $($place)+.iter().flatten() };
    (list patch $($place:tt)+) => { $($place)+.as_set().into_iter().flatten() };
    (name plain $($place:tt)+) => { $($place)+.as_str() };
    (name opt $($place:tt)+) => { $($place)+.as_deref()? };
    (name patch $($place:tt)+) => { $($place)+.as_set()?.as_str() };
    (value plain $($place:tt)+) => { &$($place)+ };
    (value opt $($place:tt)+) => { $($place)+.as_ref()? };
    (value patch $($place:tt)+) => { $($place)+.as_set()? };
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn map(value: Value) -> Map<String, Value> {
        match value {
            Value::Object(map) => map,
            _ => Map::new(),
        }
    }

    #[test]
    fn merges_both_forms_and_the_list_wins() {
        let (a, b, c) = (json!("from list"), json!(null), json!([1]));
        let list = [("shared", &a), ("only_list", &b), ("shared", &c)];
        let extra = map(json!({"shared": "from extra", "custom_attribute_xyz": null, "n": 1.5}));
        let merged = custom_attributes(list, &extra);
        assert_eq!(
            serde_json::to_value(&merged).ok(),
            Some(json!({"custom_attribute_xyz": null, "n": 1.5, "only_list": null, "shared": [1]}))
        );
    }

    #[test]
    fn empty_inputs_give_an_empty_map() {
        assert!(custom_attributes([], &Map::new()).is_empty());
        let extra = map(json!({"a": 1}));
        assert_eq!(custom_attributes(Vec::new(), &extra), BTreeMap::from([("a".to_owned(), json!(1))]));
    }
}
