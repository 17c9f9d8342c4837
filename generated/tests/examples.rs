//! Wire tests of every documented example in the schema. The tests themselves are written by
//! `cargo xtask gen` into `examples/documented.rs`; this shell keeps rustfmt off them, since
//! the generator formats its own output.

mod example_support;

#[rustfmt::skip]
#[path = "examples/documented.rs"]
mod documented;
