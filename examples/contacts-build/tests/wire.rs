//! The wire tests of the client `build.rs` generated (shared with `contacts-macro`).

use contacts_build as contacts;

#[path = "../../wire_tests.rs"]
mod wire_tests;
