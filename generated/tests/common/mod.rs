//! The scripted HTTP/1.1 server of the runtime's tests, shared: one file, included here.

#[path = "../../../runtime/tests/common/server.rs"]
mod server;

#[allow(unused_imports)] // each test binary uses a part
pub use server::*;
