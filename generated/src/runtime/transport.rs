//! `Core`: sends one JSON request and decodes its answer; every generated method calls it.
//!
//! No retries yet; a 429 answer comes back as [`Error::Status`] with its `Retry-After`.

use std::fmt;

use reqwest::header::{CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue};
use reqwest::{Url, redirect};
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::{ApiKey, DecodeError, Error, StatusError};

/// HTTP method of an endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    /// `GET`
    Get,
    /// `POST`
    Post,
    /// `PUT`
    Put,
    /// `PATCH`
    Patch,
    /// `DELETE`
    Delete,
}

impl Method {
    /// The method as sent on the wire, e.g. `"PUT"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }

    fn to_reqwest(self) -> reqwest::Method {
        match self {
            Method::Get => reqwest::Method::GET,
            Method::Post => reqwest::Method::POST,
            Method::Put => reqwest::Method::PUT,
            Method::Patch => reqwest::Method::PATCH,
            Method::Delete => reqwest::Method::DELETE,
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One piece of an endpoint path, relative to the base URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Segment<'a> {
    /// Fixed text from the path template, e.g. `users`.
    Literal(&'static str),
    /// A path parameter's value; sent percent-encoded as exactly one segment.
    Param(&'a str),
}

/// What every request to the API shares; generated as a `static`.
#[derive(Debug)]
pub struct ApiSettings {
    /// Name of the header carrying the key, e.g. `Authorization`.
    pub auth_header: &'static str,
    /// Text before the key in that header, e.g. `Token`; empty for the bare key.
    pub auth_scheme: &'static str,
    /// Headers sent with every request, e.g. `("Accept", "*/*; version=2")`.
    pub headers: &'static [(&'static str, &'static str)],
    /// Whether every path ends in `/`.
    pub trailing_slash: bool,
}

/// The shared request machinery behind a generated `Client`: base URL, headers, HTTP client.
///
/// Cheap to clone (the connection pool is shared). Its `Debug` output shows the base URL only.
#[derive(Clone)]
pub struct Core {
    http: reqwest::Client,
    base_url: Url,
    headers: HeaderMap,
    settings: &'static ApiSettings,
}

impl fmt::Debug for Core {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Core").field("base_url", &self.base_url.as_str()).finish_non_exhaustive()
    }
}

impl Core {
    /// Checks the base URL and builds the headers and the HTTP client.
    ///
    /// The base URL must be `http` or `https` without query or fragment; a missing trailing
    /// `/` is added. Fails with [`Error::InvalidConfig`].
    pub fn new(base_url: &str, api_key: ApiKey, settings: &'static ApiSettings) -> Result<Core, Error> {
        let base_url = parse_base_url(base_url)?;
        let headers = build_headers(&api_key, settings)?;
        let http = reqwest::Client::builder()
            .user_agent(concat!("usercom/", env!("CARGO_PKG_VERSION")))
            // A redirect to another host would carry the key along; surface 3xx instead.
            .redirect(redirect::Policy::none())
            .build()
            .map_err(|error| config_error(format!("the http client cannot be built: {error}")))?;
        Ok(Core { http, base_url, headers, settings })
    }

    /// The base URL every path is appended to; it ends in `/`.
    pub fn base_url(&self) -> &str {
        self.base_url.as_str()
    }

    /// Sends one request and decodes its JSON answer into `R`.
    ///
    /// `segments` are appended to the base URL; `path_template` (e.g. `/users/:id/`) only
    /// names the endpoint in errors. `body` is sent as JSON. An empty 2xx body reads as `null`.
    pub async fn execute<B, R>(
        &self,
        method: Method,
        path_template: &'static str,
        segments: &[Segment<'_>],
        body: Option<&B>,
    ) -> Result<R, Error>
    where
        B: Serialize + ?Sized,
        R: DeserializeOwned,
    {
        // Generic work stays in this thin wrapper; `send` is compiled once for all endpoints.
        let body = match body {
            Some(body) => Some(serde_json::to_vec(body).map_err(|error| Error::InvalidInput {
                field: "body".to_owned(),
                message: format!("the request body of `{path_template}` does not serialize: {error}"),
            })?),
            None => None,
        };
        let answer = self.send(method, path_template, segments, body).await?;
        answer.decode()
    }

    async fn send(
        &self,
        method: Method,
        path_template: &'static str,
        segments: &[Segment<'_>],
        body: Option<Vec<u8>>,
    ) -> Result<Answer, Error> {
        let url = self.url(path_template, segments)?;
        let path = url.path().to_owned();
        let transport = |source| Error::Transport { method, path: path.clone(), source };

        let mut request = self.http.request(method.to_reqwest(), url).headers(self.headers.clone());
        if let Some(body) = body {
            request = request.header(CONTENT_TYPE, HeaderValue::from_static("application/json")).body(body);
        }
        let response = request.send().await.map_err(transport)?;
        let status = response.status();
        let headers = response.headers().clone();
        let bytes: Vec<u8> = response.bytes().await.map_err(transport)?.into();

        if !status.is_success() {
            return Err(Error::Status(Box::new(StatusError {
                method,
                path,
                status: status.as_u16(),
                headers,
                body: String::from_utf8_lossy(&bytes).into_owned(),
                json: serde_json::from_slice(&bytes).ok(),
            })));
        }
        Ok(Answer { method, path, bytes })
    }

    fn url(&self, path_template: &'static str, segments: &[Segment<'_>]) -> Result<Url, Error> {
        let mut url = self.base_url.clone();
        let mut path = url
            .path_segments_mut()
            .map_err(|()| config_error(format!("base url `{}` cannot take a path", self.base_url)))?;
        path.pop_if_empty();
        for segment in segments {
            match *segment {
                Segment::Literal(text) => {
                    path.extend(text.split('/').filter(|piece| !piece.is_empty()));
                }
                Segment::Param(value) => {
                    // `url` silently drops `.` and `..` segments, which would change the endpoint.
                    if matches!(value, "" | "." | "..") {
                        return Err(Error::InvalidInput {
                            field: "path".to_owned(),
                            message: format!(
                                "a path parameter of `{path_template}` is {value:?}; \
                                 it must not be empty, `.` or `..`"
                            ),
                        });
                    }
                    path.push(value);
                }
            }
        }
        if self.settings.trailing_slash {
            path.push("");
        }
        drop(path);
        Ok(url)
    }
}

/// A 2xx answer, not yet decoded.
struct Answer {
    method: Method,
    path: String,
    bytes: Vec<u8>,
}

impl Answer {
    fn decode<R: DeserializeOwned>(self) -> Result<R, Error> {
        let bytes: &[u8] = if self.bytes.iter().all(u8::is_ascii_whitespace) { b"null" } else { &self.bytes };
        let mut deserializer = serde_json::Deserializer::from_slice(bytes);
        let (json_path, error) = match serde_path_to_error::deserialize(&mut deserializer) {
            Ok(value) => match deserializer.end() {
                Ok(()) => return Ok(value),
                Err(error) => (".".to_owned(), error),
            },
            Err(error) => (error.path().to_string(), error.into_inner()),
        };
        Err(self.decode_error(json_path, &error))
    }

    fn decode_error(self, json_path: String, error: &serde_json::Error) -> Error {
        Error::Decode(Box::new(DecodeError {
            method: self.method,
            path: self.path,
            json_path,
            message: error.to_string(),
            body: String::from_utf8_lossy(&self.bytes).into_owned(),
        }))
    }
}

fn config_error(message: String) -> Error {
    Error::InvalidConfig { message }
}

fn parse_base_url(text: &str) -> Result<Url, Error> {
    let mut url =
        Url::parse(text).map_err(|error| config_error(format!("base url {text:?} does not parse: {error}")))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(config_error(format!("base url `{url}` must use http or https")));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(config_error(format!("base url `{url}` must not have a query or fragment")));
    }
    if !url.path().ends_with('/') {
        let path = format!("{}/", url.path());
        url.set_path(&path);
    }
    Ok(url)
}

fn build_headers(api_key: &ApiKey, settings: &ApiSettings) -> Result<HeaderMap, Error> {
    let header_name = |name: &str| {
        HeaderName::from_bytes(name.as_bytes())
            .map_err(|_| config_error(format!("`{name}` is not a valid http header name")))
    };
    let mut headers = HeaderMap::new();
    for &(name, value) in settings.headers {
        let value = HeaderValue::from_str(value)
            .map_err(|_| config_error(format!("the value of header `{name}` is not a valid http header value")))?;
        headers.insert(header_name(name)?, value);
    }
    let credentials = match settings.auth_scheme {
        "" => api_key.expose().to_owned(),
        scheme => format!("{scheme} {}", api_key.expose()),
    };
    let mut auth = HeaderValue::from_str(&credentials)
        .map_err(|_| config_error("the api key has characters not allowed in an http header".to_owned()))?;
    // Keeps the key out of reqwest's and hyper's debug output.
    auth.set_sensitive(true);
    headers.insert(header_name(settings.auth_header)?, auth);
    Ok(headers)
}

#[cfg(test)]
mod tests {
    use super::*;

    static SETTINGS: ApiSettings = ApiSettings {
        auth_header: "Authorization",
        auth_scheme: "Token",
        headers: &[("Accept", "*/*; version=2")],
        trailing_slash: true,
    };

    static NO_SLASH: ApiSettings = ApiSettings { trailing_slash: false, ..SETTINGS };

    const KEY: &str = "secret-api-key-0123456789";

    fn core(base_url: &str, settings: &'static ApiSettings) -> Result<Core, Error> {
        Core::new(base_url, ApiKey::from(KEY), settings)
    }

    fn config_message(base_url: &str) -> String {
        match core(base_url, &SETTINGS) {
            Err(error) => error.to_string(),
            Ok(core) => format!("unexpected success: {core:?}"),
        }
    }

    fn url(core: &Core, segments: &[Segment<'_>]) -> Result<String, Error> {
        core.url("/users/:id/", segments).map(String::from)
    }

    #[test]
    fn method_display() {
        assert_eq!(Method::Put.to_string(), "PUT");
        assert_eq!(Method::Delete.as_str(), "DELETE");
        assert_eq!(Method::Patch.to_reqwest(), reqwest::Method::PATCH);
    }

    #[test]
    fn base_url_gets_a_trailing_slash() {
        let core = core("https://acme.user.com/api/public", &SETTINGS);
        assert_eq!(core.ok().map(|c| c.base_url().to_owned()).as_deref(), Some("https://acme.user.com/api/public/"));
    }

    #[test]
    fn refuses_bad_base_urls() {
        assert_eq!(
            config_message("ftp://acme.user.com/"),
            "invalid configuration: base url `ftp://acme.user.com/` must use http or https"
        );
        assert_eq!(
            config_message("https://acme.user.com/api/?x=1"),
            "invalid configuration: base url `https://acme.user.com/api/?x=1` must not have \
             a query or fragment"
        );
        assert_eq!(
            config_message("https://acme.user.com/api/#top"),
            "invalid configuration: base url `https://acme.user.com/api/#top` must not have \
             a query or fragment"
        );
        assert_eq!(
            config_message("acme.user.com"),
            "invalid configuration: base url \"acme.user.com\" does not parse: \
             relative URL without a base"
        );
    }

    #[test]
    fn refuses_a_key_that_cannot_be_a_header_without_showing_it() {
        let result = Core::new("https://acme.user.com/", ApiKey::from("bad\nkey"), &SETTINGS);
        let message = result.err().map(|error| error.to_string());
        assert_eq!(
            message.as_deref(),
            Some("invalid configuration: the api key has characters not allowed in an http header")
        );
    }

    #[test]
    fn headers_carry_key_and_settings() {
        let headers = build_headers(&ApiKey::from(KEY), &SETTINGS);
        let headers = headers.ok().unwrap_or_default();
        let auth = headers.get("authorization");
        assert_eq!(auth.and_then(|v| v.to_str().ok()), Some("Token secret-api-key-0123456789"));
        assert!(auth.is_some_and(HeaderValue::is_sensitive));
        let accept = headers.get("accept").and_then(|v| v.to_str().ok());
        assert_eq!(accept, Some("*/*; version=2"));
    }

    #[test]
    fn debug_hides_the_key() {
        let text = format!("{:?}", core("https://acme.user.com/api/public/", &SETTINGS));
        assert_eq!(text, "Ok(Core { base_url: \"https://acme.user.com/api/public/\", .. })");
    }

    #[test]
    fn builds_urls_from_segments() -> Result<(), Error> {
        let core = core("https://acme.user.com/api/public/", &SETTINGS)?;
        let users = Segment::Literal("users");
        assert_eq!(url(&core, &[users, Segment::Param("7")])?, "https://acme.user.com/api/public/users/7/");
        assert_eq!(
            url(&core, &[users, Segment::Param("a/b ?#%")])?,
            "https://acme.user.com/api/public/users/a%2Fb%20%3F%23%25/"
        );
        assert_eq!(
            url(&core, &[Segment::Literal("users/search"), Segment::Literal("x")])?,
            "https://acme.user.com/api/public/users/search/x/"
        );
        assert_eq!(url(&core, &[])?, "https://acme.user.com/api/public/");
        let bare = self::core("https://acme.user.com/api/public", &NO_SLASH)?;
        assert_eq!(url(&bare, &[users])?, "https://acme.user.com/api/public/users");
        Ok(())
    }

    #[test]
    fn refuses_params_that_would_change_the_path() -> Result<(), Error> {
        let core = core("https://acme.user.com/api/public/", &SETTINGS)?;
        let message =
            |value| url(&core, &[Segment::Literal("users"), Segment::Param(value)]).err().map(|e| e.to_string());
        assert_eq!(
            message("..").as_deref(),
            Some("invalid input: a path parameter of `/users/:id/` is \"..\"; it must not be empty, `.` or `..`")
        );
        assert!(message(".").is_some() && message("").is_some());
        Ok(())
    }

    #[test]
    fn decodes_answers() {
        let answer = |body: &'static str| Answer {
            method: Method::Put,
            path: "/api/public/users/7/".to_owned(),
            bytes: body.as_bytes().to_vec(),
        };
        assert_eq!(answer(r#"{"id": 7}"#).decode::<serde_json::Value>().ok(), Some(serde_json::json!({"id": 7})));
        assert!(answer("").decode::<()>().is_ok());
        assert_eq!(answer(" \n").decode::<Option<u8>>().ok(), Some(None));
        let error = |body| answer(body).decode::<Vec<u8>>().err().map(|e| e.to_string());
        assert_eq!(
            error("[1, \"x\"]").as_deref(),
            Some(
                "PUT /api/public/users/7/: response does not decode at `[1]`: invalid type: string \"x\", expected u8 at line 1 column 7"
            )
        );
        assert_eq!(
            error("[1] x").as_deref(),
            Some("PUT /api/public/users/7/: response does not decode at `.`: trailing characters at line 1 column 5")
        );
    }
}
