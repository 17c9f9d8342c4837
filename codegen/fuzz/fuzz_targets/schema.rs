//! Fuzz target: any bytes as a schema (`codegen::__stages::fuzz::run_input` says how they are
//! read). Loading, lowering, locating and rendering every diagnostic, and emitting code must
//! never panic, and an accepted schema always renders. `fuzz/schema.dict` holds the names and
//! syntax that make code generation hard (`-dict=fuzz/schema.dict`); `fuzz/seeds` the fixtures.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| codegen::__stages::fuzz::run_input(data));
