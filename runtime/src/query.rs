//! `Query` and `Lookup`: the query string of a call, as ordered name/value pairs with Django
//! REST field lookups (`email__contains`); the encoding into the URL happens in `Core`.

use std::fmt;

/// How a list query parameter is written, as the API documents it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ArrayStyle {
    /// `ids=1&ids=2`.
    Repeat,
    /// `ids=1,2`.
    Comma,
    /// `ids[]=1&ids[]=2`.
    Brackets,
}

/// The query string of one call: ordered `(name, value)` pairs, sent in this order.
///
/// Names and values are plain text here; they are percent-encoded (as
/// `application/x-www-form-urlencoded`) when the URL is built, so `@` becomes `%40`, `&`
/// becomes `%26` and a space becomes `+`. A name may appear more than once.
///
/// ```
/// use apigen_runtime::{Lookup, __codegen::Query};
///
/// let mut query = Query::new();
/// query.filter("email", Lookup::Contains, "@example.com");
/// query.push("page", 2);
/// assert_eq!(query.pairs()[0], ("email__contains".to_owned(), "@example.com".to_owned()));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Query {
    pairs: Vec<(String, String)>,
}

impl Query {
    /// An empty query: the URL gets no `?`.
    pub const fn new() -> Self {
        Query { pairs: Vec::new() }
    }

    /// Appends `name=value`.
    pub fn push(&mut self, name: impl Into<String>, value: impl ToString) {
        self.pairs.push((name.into(), value.to_string()));
    }

    /// Appends a list of values in `style`: `name=a&name=b` ([`ArrayStyle::Repeat`]),
    /// `name=a,b` ([`ArrayStyle::Comma`]) or `name[]=a&name[]=b` ([`ArrayStyle::Brackets`]).
    /// An empty list appends nothing, as a query string cannot say "empty" in any style.
    ///
    /// ```
    /// use apigen_runtime::__codegen::{ArrayStyle, Query};
    ///
    /// let mut query = Query::new();
    /// query.push_list("id", ArrayStyle::Comma, [1, 2]);
    /// query.push_list("tag", ArrayStyle::Brackets, ["a", "b"]);
    /// let pairs: Vec<(&str, &str)> = query.pairs().iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
    /// assert_eq!(pairs, [("id", "1,2"), ("tag[]", "a"), ("tag[]", "b")]);
    /// ```
    pub fn push_list<T: ToString>(&mut self, name: &str, style: ArrayStyle, values: impl IntoIterator<Item = T>) {
        let values = values.into_iter().map(|value| value.to_string());
        match style {
            ArrayStyle::Repeat => self.pairs.extend(values.map(|value| (name.to_owned(), value))),
            ArrayStyle::Brackets => self.pairs.extend(values.map(|value| (format!("{name}[]"), value))),
            ArrayStyle::Comma => {
                let joined = values.collect::<Vec<_>>().join(",");
                if !joined.is_empty() {
                    self.pairs.push((name.to_owned(), joined));
                }
            }
        }
    }

    /// Appends a field lookup, `{field}__{lookup}=value`, e.g. `email__contains=@example.com` or
    /// `score__gte=10` (`field` may be a custom attribute's name).
    ///
    /// For [`Lookup::In`] the value is a comma-separated list (`1,2,3`); for
    /// [`Lookup::IsNull`] it is `true` or `false`.
    pub fn filter(&mut self, field: &str, lookup: Lookup, value: impl ToString) {
        self.pairs.push((format!("{field}__{}", lookup.as_str()), value.to_string()));
    }

    /// Whether there are no pairs.
    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }

    /// The number of pairs.
    pub fn len(&self) -> usize {
        self.pairs.len()
    }

    /// The pairs, in the order they are sent, not yet encoded.
    pub fn pairs(&self) -> &[(String, String)] {
        &self.pairs
    }
}

impl<N: Into<String>, V: ToString> FromIterator<(N, V)> for Query {
    fn from_iter<I: IntoIterator<Item = (N, V)>>(iter: I) -> Self {
        let mut query = Query::new();
        query.extend(iter);
        query
    }
}

impl<N: Into<String>, V: ToString> Extend<(N, V)> for Query {
    fn extend<I: IntoIterator<Item = (N, V)>>(&mut self, iter: I) {
        for (name, value) in iter {
            self.push(name, value);
        }
    }
}

/// A Django REST field lookup, the part after `__` in a filter such as `email__contains`.
///
/// The `I` variants ignore case. Which lookups a field accepts is up to the API; the common ones
/// are `contains`, `icontains`, `startswith`, `istartswith`, `endswith`, `iendswith`, `gt`,
/// `gte`, `lt` and `lte`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Lookup {
    /// `exact`: equal to the value (the same as the bare field name).
    Exact,
    /// `iexact`: equal, ignoring case.
    IExact,
    /// `contains`: contains the value.
    Contains,
    /// `icontains`: contains the value, ignoring case.
    IContains,
    /// `startswith`: starts with the value.
    StartsWith,
    /// `istartswith`: starts with the value, ignoring case.
    IStartsWith,
    /// `endswith`: ends with the value.
    EndsWith,
    /// `iendswith`: ends with the value, ignoring case.
    IEndsWith,
    /// `gt`: greater than the value.
    Gt,
    /// `gte`: greater than or equal to the value.
    Gte,
    /// `lt`: less than the value.
    Lt,
    /// `lte`: less than or equal to the value.
    Lte,
    /// `in`: one of a comma-separated list of values.
    In,
    /// `isnull`: is null (`true`) or is not (`false`).
    IsNull,
}

impl Lookup {
    /// The lookup as it appears after `__`, e.g. `"icontains"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Lookup::Exact => "exact",
            Lookup::IExact => "iexact",
            Lookup::Contains => "contains",
            Lookup::IContains => "icontains",
            Lookup::StartsWith => "startswith",
            Lookup::IStartsWith => "istartswith",
            Lookup::EndsWith => "endswith",
            Lookup::IEndsWith => "iendswith",
            Lookup::Gt => "gt",
            Lookup::Gte => "gte",
            Lookup::Lt => "lt",
            Lookup::Lte => "lte",
            Lookup::In => "in",
            Lookup::IsNull => "isnull",
        }
    }
}

impl fmt::Display for Lookup {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A query struct's `to_query`: `to_query!("kind" = "user"; req email, opt page = "page-no", opt ids as Comma; filters)`
/// pushes the constant pairs first, then each field that is set (`req` always, `opt` when
/// `Some`; with its wire name after `=` when it differs; a list `as` its [`ArrayStyle`]), then,
/// after `;`, the pairs of that [`Query`] field.
#[doc(hidden)]
#[macro_export]
macro_rules! __to_query {
    ($($name:literal = $value:literal),* ; $($kind:ident $field:ident $(= $wire:literal)? $(as $style:ident)?),* $(; $filters:ident)?) => {
        /// The query string pairs, constants first.
        #[inline]
        pub fn to_query(&self) -> $crate::__codegen::Query {
            let mut query = $crate::__codegen::Query::new();
            $(query.push($name, $value);)*
            $($crate::__query_push!($kind query, $crate::__wire_name!($field $(= $wire)?), &self.$field $(, $style)?);)*
            $(query.extend(self.$filters.pairs().iter().cloned());)?
            query
        }
    };
}

/// One field's pair of [`to_query!`](crate::__to_query).
#[doc(hidden)]
#[macro_export]
macro_rules! __query_push {
    (req $query:ident, $wire:expr, $value:expr) => {
        $query.push($wire, $value)
    };
    (opt $query:ident, $wire:expr, $value:expr) => {
        if let ::std::option::Option::Some(value) = $value {
            $query.push($wire, value);
        }
    };
    (req $query:ident, $wire:expr, $value:expr, $style:ident) => {
        $query.push_list($wire, $crate::__codegen::ArrayStyle::$style, $value)
    };
    (opt $query:ident, $wire:expr, $value:expr, $style:ident) => {
        if let ::std::option::Option::Some(values) = $value {
            $query.push_list($wire, $crate::__codegen::ArrayStyle::$style, values);
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(query: &Query) -> Vec<(&str, &str)> {
        query.pairs().iter().map(|(name, value)| (name.as_str(), value.as_str())).collect()
    }

    #[test]
    fn keeps_order_and_repeats() {
        let mut query = Query::new();
        assert!(query.is_empty());
        query.push("b", 2);
        query.push(String::from("a"), "x y");
        query.push("b", true);
        assert_eq!((query.is_empty(), query.len()), (false, 3));
        assert_eq!(pairs(&query), [("b", "2"), ("a", "x y"), ("b", "true")]);
    }

    #[test]
    fn filters_join_field_and_lookup() {
        let mut query = Query::new();
        query.filter("email", Lookup::Contains, "@example.com");
        query.filter("my attr", Lookup::Gte, 10);
        query.filter("phone_number", Lookup::IsNull, false);
        assert_eq!(
            pairs(&query),
            [("email__contains", "@example.com"), ("my attr__gte", "10"), ("phone_number__isnull", "false")]
        );
    }

    #[test]
    fn lookup_names() {
        let all = [
            Lookup::Exact,
            Lookup::IExact,
            Lookup::Contains,
            Lookup::IContains,
            Lookup::StartsWith,
            Lookup::IStartsWith,
            Lookup::EndsWith,
            Lookup::IEndsWith,
            Lookup::Gt,
            Lookup::Gte,
            Lookup::Lt,
            Lookup::Lte,
            Lookup::In,
            Lookup::IsNull,
        ];
        let names: Vec<String> = all.iter().map(ToString::to_string).collect();
        assert_eq!(
            names,
            [
                "exact",
                "iexact",
                "contains",
                "icontains",
                "startswith",
                "istartswith",
                "endswith",
                "iendswith",
                "gt",
                "gte",
                "lt",
                "lte",
                "in",
                "isnull"
            ]
        );
    }

    #[test]
    fn collects_and_extends() {
        let mut query: Query = [("a", 1), ("b", 2)].into_iter().collect();
        query.extend([("c", "3")]);
        assert_eq!(pairs(&query), [("a", "1"), ("b", "2"), ("c", "3")]);
    }
}
