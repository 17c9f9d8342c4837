//! The JSON shape of generated types, written once here instead of once per type:
//! [`wire_object!`](crate::__codegen::wire_object) implements `Serialize` and `Deserialize` for a
//! model or request body whose unknown keys go to a map, and
//! [`wire_enum!`](crate::__codegen::wire_enum) the wire methods of an enum that keeps unknown
//! values.
//!
//! Why not `#[derive]` with `#[serde(flatten)]`: to keep unknown keys, serde's flatten first
//! buffers every key and value of the object into an intermediate tree, then reads the fields
//! back out of it. Decoding straight from the input instead is several times faster, and the
//! expansion is smaller to compile. The macros are only called by generated code.

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, Deserializer, Visitor};

use crate::Patch;

/// A key of a JSON object, borrowed from the input when it can be.
#[doc(hidden)]
#[derive(Debug)]
pub enum Key<'de> {
    Borrowed(&'de str),
    Owned(String),
}

impl Key<'_> {
    /// The key's text.
    pub fn as_str(&self) -> &str {
        match self {
            Key::Borrowed(key) => key,
            Key::Owned(key) => key,
        }
    }

    /// The key as an owned string (for the map of unknown keys).
    pub fn into_owned(self) -> String {
        match self {
            Key::Borrowed(key) => key.to_owned(),
            Key::Owned(key) => key,
        }
    }
}

impl<'de> serde::Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string key")
            }
            fn visit_borrowed_str<E: de::Error>(self, key: &'de str) -> Result<Key<'de>, E> {
                Ok(Key::Borrowed(key))
            }
            fn visit_str<E: de::Error>(self, key: &str) -> Result<Key<'de>, E> {
                Ok(Key::Owned(key.to_owned()))
            }
            fn visit_string<E: de::Error>(self, key: String) -> Result<Key<'de>, E> {
                Ok(Key::Owned(key))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

/// Whether an optional field is left out when encoding: `None`, or [`Patch::Unset`].
#[doc(hidden)]
pub trait Absent {
    fn is_absent(&self) -> bool;
}

impl<T> Absent for Option<T> {
    fn is_absent(&self) -> bool {
        self.is_none()
    }
}

impl<T> Absent for Patch<T> {
    fn is_absent(&self) -> bool {
        self.is_unset()
    }
}

/// The map that keeps unknown keys: a model's `extra`, a request's `custom_attributes`.
#[doc(hidden)]
pub trait Rest: Default {
    fn put(&mut self, key: String, value: serde_json::Value);
}

impl Rest for serde_json::Map<String, serde_json::Value> {
    fn put(&mut self, key: String, value: serde_json::Value) {
        self.insert(key, value);
    }
}

impl Rest for BTreeMap<String, serde_json::Value> {
    fn put(&mut self, key: String, value: serde_json::Value) {
        self.insert(key, value);
    }
}

/// Reads a required field's value into its slot (`None` until the key is read).
#[doc(hidden)]
pub fn req<'de, A: de::MapAccess<'de>, T: serde::Deserialize<'de>>(
    map: &mut A,
    slot: &mut Option<T>,
    _wire: &'static str,
) -> Result<(), A::Error> {
    *slot = Some(map.next_value()?);
    Ok(())
}

/// Reads an optional field's value (an `Option` or a [`Patch`]) straight into its place. A key
/// that is there but reads as absent (a `null` in an `Option`) is reported to `test_util::audit`.
#[doc(hidden)]
pub fn opt<'de, A: de::MapAccess<'de>, T: serde::Deserialize<'de> + Absent>(
    map: &mut A,
    slot: &mut T,
    wire: &'static str,
) -> Result<(), A::Error> {
    *slot = map.next_value()?;
    #[cfg(feature = "test-util")]
    if slot.is_absent() {
        crate::test_util::dropped_null(wire);
    }
    #[cfg(not(feature = "test-util"))]
    let _ = wire;
    Ok(())
}

/// Keeps an unknown key and its value; `record` reports it to `test_util::audit` (not for the
/// open objects, whose unknown keys are custom attributes).
#[doc(hidden)]
pub fn rest<'de, A: de::MapAccess<'de>, R: Rest>(
    map: &mut A,
    rest: &mut R,
    key: Key<'de>,
    record: bool,
) -> Result<(), A::Error> {
    let value = map.next_value()?;
    let key = key.into_owned();
    #[cfg(feature = "test-util")]
    if record {
        crate::test_util::unknown_key(&key);
    }
    #[cfg(not(feature = "test-util"))]
    let _ = record;
    rest.put(key, value);
    Ok(())
}

/// A required field's value, or the missing-field error.
#[doc(hidden)]
pub fn required<T, E: de::Error>(slot: Option<T>, wire: &'static str) -> Result<T, E> {
    slot.ok_or_else(|| E::missing_field(wire))
}

/// The wire names of a generated object's fields, in order: what a request's `validate`
/// refuses as custom attribute names.
#[doc(hidden)]
pub trait Keys {
    const KEYS: &'static [&'static str];
}

/// Writes the entries of an object, keeping the first error.
#[doc(hidden)]
pub struct Entries<M: serde::ser::SerializeMap> {
    map: M,
    error: Option<M::Error>,
}

impl<M: serde::ser::SerializeMap> Entries<M> {
    pub fn new<S: serde::Serializer<SerializeMap = M, Ok = M::Ok, Error = M::Error>>(
        serializer: S,
    ) -> Result<Self, M::Error> {
        Ok(Entries { map: serializer.serialize_map(None)?, error: None })
    }
    pub fn req<T: serde::Serialize + ?Sized>(&mut self, key: &str, value: &T) {
        if self.error.is_none() {
            self.error = self.map.serialize_entry(key, value).err();
        }
    }
    pub fn opt<T: serde::Serialize + Absent>(&mut self, key: &str, value: &T) {
        if !value.is_absent() {
            self.req(key, value);
        }
    }
    pub fn rest<K: serde::Serialize, V: serde::Serialize>(&mut self, rest: impl IntoIterator<Item = (K, V)>) {
        for (key, value) in rest {
            if self.error.is_none() {
                self.error = self.map.serialize_entry(&key, &value).err();
            }
        }
    }
    pub fn end(self) -> Result<M::Ok, M::Error> {
        match self.error {
            Some(error) => Err(error),
            None => self.map.end(),
        }
    }
}

/// `Serialize` and `Deserialize` for a struct read from and written to a JSON object.
///
/// `wire_object!(Name { req id, opt key, opt type_ = "type" } extra);`: each field is `req`
/// (always present: a missing key is an error; always written) or `opt` (an `Option` or a
/// [`Patch`]: a missing key is `None`/`Unset`, which is not written), with its wire name after
/// `=` when it differs from the field's. Keys of no field go to the map field named last
/// (written after the fields), or are skipped when there is none. A repeated key keeps its last
/// value. `extra, open` marks an object whose unknown keys are expected (custom attributes),
/// so `test_util::audit` does not report them.
#[doc(hidden)]
#[macro_export]
macro_rules! __wire_object {
    ($name:ident { $($kind:ident $field:ident $(= $wire:literal)?),* $(,)? } $($rest:ident $(, $open:ident)?)?) => {
        impl $crate::__codegen::wire::Keys for $name {
            const KEYS: &'static [&'static str] = &[$($crate::__wire_name!($field $(= $wire)?)),*];
        }

        #[allow(deprecated)]
        impl $crate::__codegen::serde::Serialize for $name {
            fn serialize<__S: $crate::__codegen::serde::Serializer>(&self, serializer: __S) -> ::std::result::Result<__S::Ok, __S::Error> {
                let mut map = $crate::__codegen::wire::Entries::new(serializer)?;
                $(map.$kind($crate::__wire_name!($field $(= $wire)?), &self.$field);)*
                $(map.rest(&self.$rest);)?
                map.end()
            }
        }

        // The key match is a plain function of the key's text, compiled once; the generic
        // part (per deserializer) only branches on a small enum. Optional fields are read
        // straight into the value they end as; required ones through an `Option`.
        #[allow(deprecated)]
        impl<'de> $crate::__codegen::serde::Deserialize<'de> for $name {
            fn deserialize<__D: $crate::__codegen::serde::Deserializer<'de>>(deserializer: __D) -> ::std::result::Result<Self, __D::Error> {
                #[allow(non_camel_case_types)]
                enum __Field { $($field,)* }
                #[inline]
                fn __field(key: &str) -> ::std::option::Option<__Field> {
                    match key {
                        $($crate::__wire_name!($field $(= $wire)?) => ::std::option::Option::Some(__Field::$field),)*
                        _ => ::std::option::Option::None,
                    }
                }
                struct __Visitor;
                impl<'de> $crate::__codegen::serde::de::Visitor<'de> for __Visitor {
                    type Value = $name;
                    #[inline]
                    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str(::std::concat!("struct ", ::std::stringify!($name)))
                    }
                    fn visit_map<__A: $crate::__codegen::serde::de::MapAccess<'de>>(self, mut map: __A) -> ::std::result::Result<$name, __A::Error> {
                        $(let mut $field = $crate::__wire_slot!($kind);)*
                        $(let mut $rest = ::std::default::Default::default();)?
                        while let ::std::option::Option::Some(key) = map.next_key::<$crate::__codegen::wire::Key<'de>>()? {
                            match __field(key.as_str()) {
                                $(::std::option::Option::Some(__Field::$field) => $crate::__codegen::wire::$kind(&mut map, &mut $field, $crate::__wire_name!($field $(= $wire)?)),)*
                                ::std::option::Option::None => $crate::__wire_field!(rest map, key $(, $rest $(, $open)?)?),
                            }?;
                        }
                        ::std::result::Result::Ok($name {
                            $($field: $crate::__wire_take!($kind $field, $crate::__wire_name!($field $(= $wire)?)),)*
                            $($rest,)?
                        })
                    }
                }
                deserializer.deserialize_map(__Visitor)
            }
        }
    };
}

/// The empty slot of a field while [`wire_object!`](crate::__codegen::wire_object) reads: `None` for a
/// required field, the absent value itself for an optional one.
#[doc(hidden)]
#[macro_export]
macro_rules! __wire_slot {
    (req) => {
        ::std::option::Option::None
    };
    (opt) => {
        ::std::default::Default::default()
    };
}

/// A field's value once the object is read: a required one must have been there.
#[doc(hidden)]
#[macro_export]
macro_rules! __wire_take {
    (req $field:ident, $wire:expr) => {
        $crate::__codegen::wire::required($field, $wire)?
    };
    (opt $field:ident, $wire:expr) => {
        $field
    };
}

/// The wire name of a field: given, or the field's own name.
#[doc(hidden)]
#[macro_export]
macro_rules! __wire_name {
    ($field:ident = $wire:literal) => {
        $wire
    };
    ($field:ident) => {
        ::std::stringify!($field)
    };
}

/// One field's part of [`wire_object!`](crate::__codegen::wire_object).
#[doc(hidden)]
#[macro_export]
macro_rules! __wire_field {
    (rest $map:ident, $key:ident, $rest:ident) => {
        $crate::__codegen::wire::rest(&mut $map, &mut $rest, $key, true)
    };
    (rest $map:ident, $key:ident, $rest:ident, open) => {
        $crate::__codegen::wire::rest(&mut $map, &mut $rest, $key, false)
    };
    (rest $map:ident, $key:ident) => {{
        let _ = $key;
        $map.next_value::<$crate::__codegen::serde::de::IgnoredAny>().map(drop)
    }};
}

/// The builder methods of optional fields that may be sent as `null` ([`Patch`] fields of a
/// request body or of a model sent in one): for each, a setter and a `clear_` method that sends
/// `null`.
///
/// `patch_setters!(email / clear_email = "email": into(String) => "Sets `email`.", ...)`: the
/// setter takes `impl Into<T>` (`into`), `T` (`plain`), or any iterable of `impl Into<T>`
/// (`list_into`) or of `T` (`list`) for a `Vec<T>` field; the last literal is its doc line.
#[doc(hidden)]
#[macro_export]
macro_rules! __patch_setters {
    ($($field:ident / $clear:ident = $wire:literal : $conv:ident($ty:ty) => $doc:literal),* $(,)?) => {
        $(
            $crate::__patch_setter!($conv $crate::Patch::Set, $field, $ty, $doc);
            #[doc = ::std::concat!("Sends `", $wire, "` as `null`, clearing the stored value.")]
            #[inline]
            pub fn $clear(mut self) -> Self {
                self.$field = $crate::Patch::Null;
                self
            }
        )*
    };
}

/// The setters of optional fields that may not be `null` (`Option` fields: left out, or sent
/// with a value): as [`patch_setters!`](crate::__codegen::patch_setters), without `clear_` methods.
///
/// `option_setters!(email: into(String) => "Sets `email`.", ...)`.
#[doc(hidden)]
#[macro_export]
macro_rules! __option_setters {
    ($($field:ident : $conv:ident($ty:ty) => $doc:literal),* $(,)?) => {
        $(
            $crate::__patch_setter!($conv ::std::option::Option::Some, $field, $ty, $doc);
        )*
    };
}

/// One setter of [`patch_setters!`](crate::__codegen::patch_setters) and
/// [`option_setters!`](crate::__codegen::option_setters), storing the value with `$wrap`.
#[doc(hidden)]
#[macro_export]
macro_rules! __patch_setter {
    (into $wrap:path, $field:ident, $ty:ty, $doc:literal) => {
        #[doc = $doc]
        #[inline]
        pub fn $field(mut self, value: impl ::std::convert::Into<$ty>) -> Self {
            self.$field = $wrap(value.into());
            self
        }
    };
    (plain $wrap:path, $field:ident, $ty:ty, $doc:literal) => {
        #[doc = $doc]
        #[inline]
        pub fn $field(mut self, value: $ty) -> Self {
            self.$field = $wrap(value);
            self
        }
    };
    (list_into $wrap:path, $field:ident, $ty:ty, $doc:literal) => {
        #[doc = $doc]
        #[inline]
        pub fn $field(mut self, value: impl ::std::iter::IntoIterator<Item = impl ::std::convert::Into<$ty>>) -> Self {
            self.$field = $wrap(value.into_iter().map(::std::convert::Into::into).collect());
            self
        }
    };
    (list $wrap:path, $field:ident, $ty:ty, $doc:literal) => {
        #[doc = $doc]
        #[inline]
        pub fn $field(mut self, value: impl ::std::iter::IntoIterator<Item = $ty>) -> Self {
            self.$field = $wrap(value.into_iter().collect());
            self
        }
    };
}

/// The wire methods of an enum that keeps unknown values in `Unrecognized`.
///
/// `wire_enum!(Status { Visitor = "visitor", User = "user" });` for values sent as strings:
/// `as_str`, `from_wire`, `Display`, `Serialize`, `Deserialize`.
/// `wire_enum!(code Gender { Male = 1: "male" });` for integer codes with their docs names:
/// `code`, `from_code`, `label`, `Display` (the code), `Serialize`, `Deserialize`.
#[doc(hidden)]
#[macro_export]
macro_rules! __wire_enum {
    ($name:ident { $($variant:ident = $wire:literal),* $(,)? }) => {
        impl $name {
            /// The value as sent on the wire.
            #[inline]
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $wire,)*
                    Self::Unrecognized(value) => value,
                }
            }

            /// The variant for a wire value; unknown values are kept.
            #[inline]
            pub fn from_wire(value: &str) -> Self {
                match value {
                    $($wire => Self::$variant,)*
                    other => Self::Unrecognized(::std::borrow::ToOwned::to_owned(other)),
                }
            }
        }

        impl ::std::fmt::Display for $name {
            #[inline]
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl $crate::__codegen::serde::Serialize for $name {
            fn serialize<S: $crate::__codegen::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> $crate::__codegen::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__codegen::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                $crate::__codegen::enums::deserialize_str(deserializer, Self::from_wire)
            }
        }
    };
    (code $name:ident { $($variant:ident = $code:literal : $label:literal),* $(,)? }) => {
        impl $name {
            /// The code sent on the wire.
            #[inline]
            pub fn code(&self) -> i64 {
                match self {
                    $(Self::$variant => $code,)*
                    Self::Unrecognized(code) => *code,
                }
            }

            /// The variant for a wire code; unknown codes are kept.
            #[inline]
            pub fn from_code(code: i64) -> Self {
                match code {
                    $($code => Self::$variant,)*
                    other => Self::Unrecognized(other),
                }
            }

            /// The docs' name for the code.
            #[inline]
            pub fn label(&self) -> ::std::option::Option<&'static str> {
                match self {
                    $(Self::$variant => ::std::option::Option::Some($label),)*
                    Self::Unrecognized(_) => ::std::option::Option::None,
                }
            }
        }

        /// Prints the code, as sent on the wire.
        impl ::std::fmt::Display for $name {
            #[inline]
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::fmt::Display::fmt(&self.code(), f)
            }
        }

        impl $crate::__codegen::serde::Serialize for $name {
            fn serialize<S: $crate::__codegen::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_i64(self.code())
            }
        }

        impl<'de> $crate::__codegen::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__codegen::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                $crate::__codegen::enums::deserialize_int(deserializer, Self::from_code)
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use crate::Patch;

    #[derive(Debug, Clone, PartialEq)]
    struct Thing {
        id: i64,
        name: Option<String>,
        type_: Option<String>,
        extra: serde_json::Map<String, Value>,
    }
    crate::__codegen::wire_object!(Thing { req id, opt name, opt type_ = "type" } extra);

    #[derive(Debug, Clone, Default, PartialEq)]
    struct Body {
        email: Patch<String>,
        tags: Patch<Vec<String>>,
    }
    crate::__codegen::wire_object!(Body { opt email, opt tags });
    impl Body {
        crate::__codegen::patch_setters!(
            email / clear_email = "email": into(String) => "Sets `email`.",
            tags / clear_tags = "tags": list_into(String) => "Sets `tags`.",
        );
    }

    #[derive(Debug, Clone, Default, PartialEq)]
    struct Strict {
        name: Option<String>,
        ids: Option<Vec<i64>>,
    }
    crate::__codegen::wire_object!(Strict { opt name, opt ids });
    impl Strict {
        crate::__codegen::option_setters!(
            name: into(String) => "Sets `name`.",
            ids: list(i64) => "Sets `ids`.",
        );
    }

    #[derive(Debug, Clone, PartialEq)]
    enum Status {
        Visitor,
        Unrecognized(String),
    }
    crate::__codegen::wire_enum!(Status { Visitor = "visitor" });

    #[derive(Debug, Clone, Copy, PartialEq)]
    enum Code {
        Low,
        Unrecognized(i64),
    }
    crate::__codegen::wire_enum!(code Code { Low = -1: "low" });

    #[test]
    fn objects_keep_unknown_keys_and_skip_absent_fields() {
        let input = json!({"id": 1, "type": "a", "name": null, "more": [1, {"x": true}]});
        let thing: Thing = serde_json::from_value(input.clone()).unwrap();
        assert_eq!((thing.id, thing.name.as_deref(), thing.type_.as_deref()), (1, None, Some("a")));
        assert_eq!(thing.extra["more"], json!([1, {"x": true}]));
        assert_eq!(serde_json::to_value(&thing).unwrap(), json!({"id": 1, "type": "a", "more": [1, {"x": true}]}));
        let borrowed: Thing = serde_json::from_str(r#"{"id": 2, "z\u0041": 1}"#).unwrap();
        assert_eq!(borrowed.extra["zA"], json!(1));
    }

    #[test]
    fn object_errors_read_like_serde_derive() {
        let missing = serde_json::from_str::<Thing>(r#"{"name": "x"}"#).unwrap_err().to_string();
        assert_eq!(missing, "missing field `id` at line 1 column 13");
        let wrong = serde_json::from_str::<Thing>(r#"{"id": "1"}"#).unwrap_err().to_string();
        assert_eq!(wrong, "invalid type: string \"1\", expected i64 at line 1 column 10");
        let not_object = serde_json::from_str::<Thing>("[1]").unwrap_err().to_string();
        assert_eq!(not_object, "invalid type: sequence, expected struct Thing at line 1 column 0");
    }

    #[test]
    fn request_bodies_send_only_what_is_set() {
        let body = Body { email: Patch::Null, tags: Patch::Set(vec![]) };
        assert_eq!(serde_json::to_value(&body).unwrap(), json!({"email": null, "tags": []}));
        assert_eq!(serde_json::to_value(Body::default()).unwrap(), json!({}));
        let built = Body::default().email("a@b.c").clear_email().tags(["y"]).clear_tags().tags(["x"]);
        assert_eq!(built, Body { email: Patch::Null, tags: Patch::Set(vec!["x".to_owned()]) });
        let read: Body = serde_json::from_value(json!({"email": null, "unknown": 1})).unwrap();
        let (again, audit) =
            crate::test_util::audit(|| serde_json::from_value::<Thing>(json!({"id": 1, "z": {"y": 2}, "name": null})));
        assert_eq!(again.map(|thing| thing.id).ok(), Some(1));
        let expected = crate::test_util::DecodeAudit {
            unknown_keys: vec!["z".to_owned()],
            dropped_nulls: vec!["name".to_owned()],
        };
        assert_eq!(audit, expected);
        assert_eq!(
            crate::test_util::audit(|| serde_json::from_value::<Thing>(json!({"id": 1}))).1,
            crate::test_util::DecodeAudit::default()
        );
        // A `Patch` keeps its `null`: nothing is dropped.
        assert_eq!(
            crate::test_util::audit(|| serde_json::from_value::<Body>(json!({"email": null}))).1,
            crate::test_util::DecodeAudit::default()
        );
        assert_eq!(read, Body { email: Patch::Null, tags: Patch::Unset });
    }

    #[test]
    fn fields_that_may_not_be_null_are_absent_or_set() {
        let built = Strict::default().name("n").ids([3, 4]);
        assert_eq!(built, Strict { name: Some("n".to_owned()), ids: Some(vec![3, 4]) });
        assert_eq!(serde_json::to_string(&built).unwrap(), r#"{"name":"n","ids":[3,4]}"#);
        assert_eq!(serde_json::to_string(&Strict::default().ids([])).unwrap(), r#"{"ids":[]}"#);
        assert_eq!(serde_json::to_string(&Strict::default()).unwrap(), "{}");
    }

    #[test]
    fn enums_keep_unknown_values() {
        assert_eq!(serde_json::from_str::<Status>(r#""visitor""#).unwrap(), Status::Visitor);
        assert_eq!(serde_json::from_str::<Status>(r#""lead""#).unwrap(), Status::Unrecognized("lead".into()));
        assert_eq!(serde_json::to_string(&Status::Unrecognized("lead".into())).unwrap(), r#""lead""#);
        assert_eq!(Status::Visitor.to_string(), "visitor");
        assert_eq!(serde_json::from_str::<Code>("-1").unwrap(), Code::Low);
        assert_eq!((Code::Low.code(), Code::Low.label(), Code::Unrecognized(7).label()), (-1, Some("low"), None));
        assert_eq!(serde_json::to_string(&Code::Unrecognized(7)).unwrap(), "7");
    }
}
