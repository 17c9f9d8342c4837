//! The wire tests of the client `generate_api!` generated (shared with `contacts-build`).

use contacts_macro as contacts;

#[path = "../../wire_tests.rs"]
mod wire_tests;
