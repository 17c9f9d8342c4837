//! `Call` and `Flavor`: one definition of each endpoint method serves async and blocking
//! callers. A generated method describes its call (method, path template, parameters, query,
//! body) as a [`Call`] and hands it to its client's core, whose [`Flavor`] decides what the
//! caller gets: a future ([`Core`](crate::__codegen::Core)) or the result itself (`BlockingCore`).

use std::fmt;

use bytes::Bytes;
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::error::Error;
use super::error_body::ErrorBody;
use super::query::Query;
use super::transport::Method;

/// What one endpoint call sends, built by a generated method: checked and encoded up front, so
/// a flavor only has to send it. Errors found while building it (a body that breaks a limit or
/// does not serialize) are kept and returned by the flavor before any I/O.
#[derive(Debug)]
pub struct Call {
    pub(crate) method: Method,
    pub(crate) path_template: &'static str,
    pub(crate) params: Vec<String>,
    pub(crate) query: Query,
    pub(crate) body: Result<Option<Bytes>, Error>,
    pub(crate) retry_safe: bool,
    pub(crate) errors: &'static [ErrorBody],
}

impl Call {
    /// A call of `path_template` (`/users/:id/` or `/users/{id}/`), each placeholder filled,
    /// in order, by `params` (formatted with `Display`, then percent-encoded as one segment).
    pub fn new(method: Method, path_template: &'static str, params: &[&dyn fmt::Display]) -> Call {
        Call {
            method,
            path_template,
            params: params.iter().map(ToString::to_string).collect(),
            query: Query::new(),
            body: Ok(None),
            retry_safe: false,
            errors: &[],
        }
    }

    /// A `GET` call; see [`Call::new`].
    pub fn get(path_template: &'static str, params: &[&dyn fmt::Display]) -> Call {
        Call::new(Method::Get, path_template, params)
    }

    /// A `POST` call; see [`Call::new`].
    pub fn post(path_template: &'static str, params: &[&dyn fmt::Display]) -> Call {
        Call::new(Method::Post, path_template, params)
    }

    /// A `PUT` call; see [`Call::new`].
    pub fn put(path_template: &'static str, params: &[&dyn fmt::Display]) -> Call {
        Call::new(Method::Put, path_template, params)
    }

    /// A `PATCH` call; see [`Call::new`].
    pub fn patch(path_template: &'static str, params: &[&dyn fmt::Display]) -> Call {
        Call::new(Method::Patch, path_template, params)
    }

    /// A `DELETE` call; see [`Call::new`].
    pub fn delete(path_template: &'static str, params: &[&dyn fmt::Display]) -> Call {
        Call::new(Method::Delete, path_template, params)
    }

    /// The query string pairs, in order.
    #[must_use]
    pub fn query(mut self, query: Query) -> Call {
        self.query = query;
        self
    }

    /// A constant query pair of the endpoint, added after the pairs set so far.
    #[must_use]
    pub fn constant(mut self, name: &'static str, value: &'static str) -> Call {
        self.query.push(name, value);
        self
    }

    /// The JSON body, after its own [`Validate::validate`]; a body that breaks a limit or does
    /// not serialize is an error of the call (returned before any I/O).
    #[must_use]
    pub fn body<B: Serialize + Validate + ?Sized>(mut self, body: &B) -> Call {
        self.body = body.validate().and_then(|()| encode_body(self.path_template, body)).map(Some);
        self
    }

    /// Marks a call that may be sent twice, so it is retried even if its method is not
    /// idempotent.
    #[must_use]
    pub fn retry_safe(mut self) -> Call {
        self.retry_safe = true;
        self
    }

    /// The endpoint's table of declared error bodies (see [`ErrorBody`]).
    #[must_use]
    pub fn errors(mut self, errors: &'static [ErrorBody]) -> Call {
        self.errors = errors;
        self
    }

    /// The HTTP method of the call.
    pub fn method(&self) -> Method {
        self.method
    }

    /// The path template this call fills, as traces and errors name it.
    pub fn path_template(&self) -> &'static str {
        self.path_template
    }

    /// The declared error bodies of the call.
    pub(crate) fn error_table(&self) -> &'static [ErrorBody] {
        self.errors
    }
}

/// The segments of the path `template`, each placeholder filled by its parameter.
pub(crate) fn fill<'a>(template: &'static str, params: &'a [String]) -> Result<Vec<Segment<'a>>, Error> {
    let values: Vec<&str> = params.iter().map(String::as_str).collect();
    fill_template(template, &values).ok_or_else(|| Error::InvalidInput {
        field: "path".to_owned(),
        message: format!(
            "`{template}` takes a value for each of its placeholders, in order; {} were given",
            values.len()
        ),
    })
}

/// The segments of `template` (`/users/:id/` or `/users/{id}/`) with each placeholder
/// replaced by the next of `params`; `None` unless every value is used exactly once.
pub(crate) fn fill_template<'a>(template: &'static str, params: &[&'a str]) -> Option<Vec<Segment<'a>>> {
    let mut values = params.iter();
    let segments = template
        .split('/')
        .filter(|piece| !piece.is_empty())
        .map(|piece| {
            let placeholder = piece.starts_with(':') || (piece.starts_with('{') && piece.ends_with('}'));
            if placeholder { values.next().copied().map(Segment::Param) } else { Some(Segment::Literal(piece)) }
        })
        .collect::<Option<Vec<_>>>()?;
    values.next().is_none().then_some(segments)
}

/// A request body's own checks (documented limits, custom attribute names), run before it is
/// sent; generated request types implement it with their `validate` method.
pub trait Validate {
    /// `Ok` when the body may be sent.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidInput`] naming the first field that breaks a limit.
    fn validate(&self) -> Result<(), Error>;
}

/// Implements [`Validate`] for generated request types with their inherent `validate` method.
#[doc(hidden)]
#[macro_export]
macro_rules! __validate_with {
    ($($ty:ty),* $(,)?) => {
        $(impl $crate::__codegen::Validate for $ty {
            #[inline]
            fn validate(&self) -> ::std::result::Result<(), $crate::Error> {
                <$ty>::validate(self)
            }
        })*
    };
}

/// A [`Call`] on its way to a client's core: what a generated endpoint method builds, in one
/// chain (`self.core.put("/users/:id/", &[&id]).body(body).send()`).
#[derive(Debug)]
#[must_use = "nothing is sent until `send`, `send_empty` or `pages`"]
pub struct Request<'a, F> {
    core: &'a F,
    call: Call,
}

impl<'a, F: Flavor> Request<'a, F> {
    /// The query string pairs, in order ([`Call::query`]).
    pub fn query(self, query: Query) -> Self {
        Request { call: self.call.query(query), ..self }
    }

    /// A constant query pair ([`Call::constant`]).
    pub fn constant(self, name: &'static str, value: &'static str) -> Self {
        Request { call: self.call.constant(name, value), ..self }
    }

    /// The JSON body ([`Call::body`]).
    pub fn body<B: Serialize + Validate + ?Sized>(self, body: &B) -> Self {
        Request { call: self.call.body(body), ..self }
    }

    /// Retried even if its method is not idempotent ([`Call::retry_safe`]).
    pub fn retry_safe(self) -> Self {
        Request { call: self.call.retry_safe(), ..self }
    }

    /// The endpoint's declared error bodies ([`Call::errors`]).
    pub fn errors(self, errors: &'static [ErrorBody]) -> Self {
        Request { call: self.call.errors(errors), ..self }
    }

    /// [`Flavor::send`]: the 2xx body decoded as `T`.
    pub fn send<T: DeserializeOwned + Send + 'static>(self) -> F::Reply<T> {
        self.core.send(self.call)
    }

    /// [`Flavor::send_empty`]: any 2xx answer, its body dropped.
    pub fn send_empty(self) -> F::Reply<()> {
        self.core.send_empty(self.call)
    }

    /// [`Flavor::pages`]: every item of a paginated list.
    pub fn pages<T: DeserializeOwned + Send + 'static>(self) -> F::Pages<T> {
        self.core.pages(self.call)
    }
}

/// How a client's calls are answered: the one trait behind every generated endpoint method,
/// so that one definition serves the async `Client` ([`Core`](crate::__codegen::Core): a future to `.await`) and the
/// `BlockingClient` (`BlockingCore`: the result itself).
pub trait Flavor: Clone + fmt::Debug + Sized {
    /// What an endpoint method returns for a result of type `T`: [`CallFuture<T>`](crate::CallFuture) from an
    /// async client, `Result<T, Error>` from a blocking one.
    type Reply<T: DeserializeOwned + Send + 'static>;
    /// What the `_all` method of a paginated list returns: [`Paginator<T>`](crate::Paginator) from an async
    /// client, an iterator (`BlockingPaginator<T>`) from a blocking one.
    type Pages<T: DeserializeOwned + Send + 'static>;

    /// Sends `call` and decodes the 2xx body as `T` (an empty body reads as `null`).
    fn send<T: DeserializeOwned + Send + 'static>(&self, call: Call) -> Self::Reply<T>;

    /// Sends `call` for an endpoint whose success body is empty or undocumented: any 2xx
    /// answer is a success, its body read (up to the size limit) and dropped.
    fn send_empty(&self, call: Call) -> Self::Reply<()>;

    /// Every item of a paginated `GET` list, page after page, starting with `call`.
    fn pages<T: DeserializeOwned + Send + 'static>(&self, call: Call) -> Self::Pages<T>;

    /// A `GET` request of this core; see [`Call::new`].
    fn get(&self, path_template: &'static str, params: &[&dyn fmt::Display]) -> Request<'_, Self> {
        Request { core: self, call: Call::get(path_template, params) }
    }

    /// A `POST` request of this core; see [`Call::new`].
    fn post(&self, path_template: &'static str, params: &[&dyn fmt::Display]) -> Request<'_, Self> {
        Request { core: self, call: Call::post(path_template, params) }
    }

    /// A `PUT` request of this core; see [`Call::new`].
    fn put(&self, path_template: &'static str, params: &[&dyn fmt::Display]) -> Request<'_, Self> {
        Request { core: self, call: Call::put(path_template, params) }
    }

    /// A `PATCH` request of this core; see [`Call::new`].
    fn patch(&self, path_template: &'static str, params: &[&dyn fmt::Display]) -> Request<'_, Self> {
        Request { core: self, call: Call::patch(path_template, params) }
    }

    /// A `DELETE` request of this core; see [`Call::new`].
    fn delete(&self, path_template: &'static str, params: &[&dyn fmt::Display]) -> Request<'_, Self> {
        Request { core: self, call: Call::delete(path_template, params) }
    }
}

/// One piece of an endpoint path, relative to the base URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Segment<'a> {
    /// Fixed text from the path template, e.g. `users`.
    Literal(&'static str),
    /// A path parameter's value; sent percent-encoded as exactly one segment: every byte but
    /// ASCII letters, digits, `-`, `.`, `_` and `~` is encoded, so `a/b c@d` is `a%2Fb%20c%40d`.
    /// The values `""`, `.` and `..` are refused as [`Error::InvalidInput`].
    Param(&'a str),
}

/// A request body as JSON bytes; one that does not serialize is an [`Error::InvalidInput`]
/// naming the endpoint's path template.
pub(crate) fn encode_body<B: Serialize + ?Sized>(path_template: &str, body: &B) -> Result<Bytes, Error> {
    serde_json::to_vec(body).map(Bytes::from).map_err(|error| Error::InvalidInput {
        field: "body".to_owned(),
        message: format!("the request body of `{path_template}` does not serialize: {error}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_take_their_parameters_in_path_order() {
        assert_eq!(
            fill_template("/things/:group/{id}/", &["a b", "7"]),
            Some(vec![Segment::Literal("things"), Segment::Param("a b"), Segment::Param("7")])
        );
        assert_eq!(fill_template("/people/", &[]), Some(vec![Segment::Literal("people")]));
        assert_eq!(fill_template("/users/:id/", &[]), None, "a missing value");
        assert_eq!(fill_template("/users/", &["7"]), None, "a value too many");
    }
}
