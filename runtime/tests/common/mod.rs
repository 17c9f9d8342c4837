//! The runtime tests' helpers: the scripted server (`server`), and the test API the tests
//! call: settings as generated code declares them, and endpoints written as generated methods
//! are, a [`Call`] handed to a client core's [`Flavor`] (async [`Core`], or `BlockingCore`).

#![allow(dead_code)] // each test binary uses a part

mod server;

use apigen_runtime::{
    __codegen::{ApiSettings, Call, Flavor, Validate},
    Error,
};
use serde::Serialize;
use serde_json::Value;

#[allow(unused_imports)] // each test binary uses a part
pub use server::*;

/// The settings of the test API, those `usercom` generates (so the bytes on the wire are a real
/// client's).
pub static SETTINGS: ApiSettings = ApiSettings {
    name: "usercom",
    user_agent: concat!("usercom/", env!("CARGO_PKG_VERSION")),
    auth_header: "Authorization",
    auth_scheme: "Token",
    headers: &[("Accept", "*/*; version=2")],
    client_headers: &[],
    trailing_slash: true,
    errors: &[],
};

/// A JSON request body, as a generated request type is: serialized as it is, with its own
/// checks ([`Validate`]; none here).
#[derive(Debug, Serialize)]
#[serde(transparent)]
pub struct Json<'a>(pub &'a Value);

impl Validate for Json<'_> {
    fn validate(&self) -> Result<(), Error> {
        Ok(())
    }
}

/// `GET /users/:id/`, as a generated method describes it, sent through either flavor.
pub fn get_user<F: Flavor>(core: &F, id: &str) -> F::Reply<Value> {
    core.get("/users/:id/", &[&id]).send()
}

/// `<method> /users/:id/` with a JSON body, for id `id`.
pub fn call_user<F: Flavor>(
    core: &F,
    method: apigen_runtime::transport::Method,
    id: &str,
    body: &Value,
) -> F::Reply<Value> {
    core.send(Call::new(method, "/users/:id/", &[&id]).body(&Json(body)))
}
