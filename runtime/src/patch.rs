//! `Patch<T>`: a request field that can be left alone, cleared, or set.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// One optional field that may be `null`, of a request (or of an object a request sends), in
/// one of three states. Optional fields that may not be `null` are `Option`s instead.
///
/// [`Patch::Unset`] is not sent at all, [`Patch::Null`] is sent as `null` (clears the value)
/// and [`Patch::Set`] sends the value (which may itself be empty, like `[]`). Decoding keeps
/// the three apart: an absent key is `Unset`, `null` is `Null`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum Patch<T> {
    /// Not sent: the server keeps its value.
    #[default]
    Unset,
    /// Sent as `null`: the server clears its value.
    Null,
    /// Sent as this value.
    Set(T),
}

impl<T> Patch<T> {
    /// `true` for [`Patch::Unset`]: the field is left out of the request.
    pub fn is_unset(&self) -> bool {
        matches!(self, Patch::Unset)
    }

    /// `true` for [`Patch::Null`]: the field is sent as `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Patch::Null)
    }

    /// The value of [`Patch::Set`], else `None`.
    pub fn as_set(&self) -> Option<&T> {
        match self {
            Patch::Set(value) => Some(value),
            Patch::Unset | Patch::Null => None,
        }
    }
}

impl<T> From<T> for Patch<T> {
    fn from(value: T) -> Self {
        Patch::Set(value)
    }
}

/// `None` clears the field ([`Patch::Null`]); `Some(v)` sets it.
impl<T> From<Option<T>> for Patch<T> {
    fn from(value: Option<T>) -> Self {
        match value {
            Some(value) => Patch::Set(value),
            None => Patch::Null,
        }
    }
}

impl<T: Serialize> Serialize for Patch<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Patch::Set(value) => value.serialize(serializer),
            // Unset is normally skipped by the field attribute; if not, null is the safe reading.
            Patch::Null | Patch::Unset => serializer.serialize_none(),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Patch<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Option::<T>::deserialize(deserializer).map(Patch::from)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Request {
        #[serde(default, skip_serializing_if = "Patch::is_unset")]
        tags: Patch<Vec<String>>,
    }

    #[test]
    fn serializes_three_states() {
        let unset = Request { tags: Patch::Unset };
        let null = Request { tags: Patch::Null };
        let empty = Request { tags: Patch::Set(vec![]) };
        let set = Request { tags: vec!["a".to_owned()].into() };
        assert_eq!(serde_json::to_string(&unset).ok().as_deref(), Some("{}"));
        assert_eq!(serde_json::to_string(&null).ok().as_deref(), Some(r#"{"tags":null}"#));
        assert_eq!(serde_json::to_string(&empty).ok().as_deref(), Some(r#"{"tags":[]}"#));
        assert_eq!(serde_json::to_string(&set).ok().as_deref(), Some(r#"{"tags":["a"]}"#));
    }

    #[test]
    fn deserializes_three_states() {
        let decode = |value| serde_json::from_value::<Request>(value).ok().map(|r| r.tags);
        assert_eq!(decode(json!({})), Some(Patch::Unset));
        assert_eq!(decode(json!({ "tags": null })), Some(Patch::Null));
        assert_eq!(decode(json!({ "tags": ["a"] })), Some(Patch::Set(vec!["a".to_owned()])));
        assert_eq!(decode(json!({ "tags": 1 })), None);
    }

    #[test]
    fn accessors_and_conversions() {
        assert!(Patch::<u8>::default().is_unset());
        assert!(Patch::<u8>::from(None).is_null());
        assert_eq!(Patch::from(Some(3)).as_set(), Some(&3));
        assert_eq!(Patch::from(4).as_set(), Some(&4));
        assert_eq!(Patch::<u8>::Null.as_set(), None);
        assert!(!Patch::Set(1).is_unset() && !Patch::Set(1).is_null());
    }
}
